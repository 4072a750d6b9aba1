//! A fault-injecting HTTP/1.1 proxy on 127.0.0.1, put in front of a real `mlflow server` to
//! break the network in the ways real networks break: a refused port, a dropped connection,
//! 5xx answers with and without MLflow's JSON error body, a gateway's HTML 502, latency,
//! malformed JSON, a body cut short, a reset in the middle of paging, a page token that never
//! ends, bytes that trickle, and requests held back to force a race.
//!
//! ```ignore
//! let proxy = Proxy::start(support::shared().url());
//! proxy.set(Fault::GatewayHtml);           // break it ...
//! // ... run clearance --tracking-uri proxy.url() ...
//! proxy.heal();                            // ... and heal it, while clearance keeps running
//! assert!(proxy.requests() > 0);
//! ```
//!
//! Plain `std::net` and one thread per connection: it needs no async runtime, so sync tests
//! (tmux) and `#[tokio::test]`s can both use it, and it has no dependency beyond `serde_json`.
//! Each request is read whole, forwarded upstream on a fresh connection (`Connection: close`,
//! so the answer ends at EOF), read whole (chunked bodies decoded), and written back with a
//! `Content-Length` on a kept-alive client connection, or broken on the way as the current
//! [`Fault`] says. The fault is read once per request, so a test can switch it at any time.

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Read, Write as _};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What the proxy does to the requests it gets from now on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Forwards every request and answer unchanged.
    PassThrough,
    /// Closes the listening socket and every open client connection: connecting fails with
    /// "connection refused", as with a stopped server. Healing listens again on the same
    /// port.
    Refuse,
    /// Accepts the connection, reads the request, and closes without a byte of answer.
    Drop,
    /// `500` with MLflow's JSON error body (`error_code`, `message`), as MLflow's own handler
    /// answers an unexpected exception.
    ServerError,
    /// `503` with a plain-text body, as a server that is not MLflow's handler answers.
    BareServerError,
    /// `502 Bad Gateway` with the HTML page an nginx in front of the server shows.
    GatewayHtml,
    /// Waits this long before forwarding each request.
    Latency(Duration),
    /// `200` with `Content-Type: application/json` and a body that is not JSON.
    MalformedJson,
    /// The real answer's head with its true `Content-Length`, half the body, then close.
    Truncated,
    /// Forwards this many requests (counted from when the fault was set), then closes every
    /// later connection as soon as a request arrives: a reset in the middle of paging.
    ResetAfter(u64),
    /// Every `runs/search` answer gets a fresh `next_page_token`, and the token is stripped
    /// from the request before it is forwarded, so the server answers the first page again,
    /// for ever: a server whose paging never ends.
    EndlessPageToken,
    /// The real answer, `chunk` bytes at a time with `pause` between them.
    Trickle { chunk: usize, pause: Duration },
}

/// A request to hold back before it is forwarded (see [`Proxy::hold`]).
#[derive(Debug, Clone)]
struct Hold {
    method: String,
    path: String,
    delay: Duration,
}

#[derive(Debug)]
struct Shared {
    upstream: SocketAddr,
    fault: Mutex<Fault>,
    /// The request count when the current fault was set (for [`Fault::ResetAfter`]).
    fault_since: AtomicU64,
    holds: Mutex<Vec<Hold>>,
    /// How many requests a hold is holding back right now.
    held: AtomicU64,
    requests: AtomicU64,
    /// `METHOD /path` of the requests each client connection carried, a connection's list
    /// at the place of its acceptance.
    connections: Mutex<Vec<Vec<String>>>,
    /// `METHOD /path` of every request, in order of arrival.
    log: Mutex<Vec<String>>,
    /// Makes every endless page token different.
    tokens: AtomicU64,
    /// The client connections open now (clones), so that refusing can close them too.
    clients: Mutex<Vec<TcpStream>>,
    /// Whether the listening socket is open (the accept loop's answer to a fault change).
    listening: AtomicBool,
    stop: AtomicBool,
}

/// A running proxy; dropping it stops accepting connections.
#[derive(Debug)]
pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
}

/// How long an idle kept-alive client connection is kept before the proxy closes it.
const IDLE: Duration = Duration::from_secs(30);
/// How often the accept loop looks at the fault and the stop flag.
const POLL: Duration = Duration::from_millis(10);

impl Proxy {
    /// A pass-through proxy in front of `upstream` (`http://127.0.0.1:PORT`).
    pub fn start(upstream: &str) -> Self {
        let url = url::Url::parse(upstream).unwrap();
        let upstream = SocketAddr::from((
            url.host_str()
                .unwrap()
                .parse::<Ipv4Addr>()
                .unwrap_or(Ipv4Addr::LOCALHOST),
            url.port().unwrap(),
        ));
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            upstream,
            fault: Mutex::new(Fault::PassThrough),
            fault_since: AtomicU64::new(0),
            holds: Mutex::new(Vec::new()),
            held: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            connections: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            tokens: AtomicU64::new(0),
            clients: Mutex::new(Vec::new()),
            listening: AtomicBool::new(true),
            stop: AtomicBool::new(false),
        });
        let accept_shared = Arc::clone(&shared);
        std::thread::spawn(move || accept_loop(listener, port, &accept_shared));
        Self { port, shared }
    }

    /// `http://127.0.0.1:PORT`, to give clearance as its tracking URI.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Breaks the network this way from the next request on (or heals it, with
    /// [`Fault::PassThrough`]).
    pub fn set(&self, fault: Fault) {
        let listen = fault != Fault::Refuse;
        self.set_now(fault);
        // The port is closed or open again before the test goes on (a client acting at once
        // must not race the accept loop).
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.shared.listening.load(Ordering::SeqCst) != listen && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn set_now(&self, fault: Fault) {
        let mut current = lock(&self.shared.fault);
        self.shared
            .fault_since
            .store(self.requests(), Ordering::SeqCst);
        if fault == Fault::Refuse {
            // A client's pooled keep-alive connections would otherwise still get through:
            // a stopped server closes them too.
            for c in lock(&self.shared.clients).drain(..) {
                let _ = c.shutdown(Shutdown::Both);
            }
        }
        *current = fault;
    }

    /// Back to pass-through (holds stay until [`Proxy::release`]).
    pub fn heal(&self) {
        self.set(Fault::PassThrough);
    }

    /// Holds back every request whose method and path (without the query) are exactly these,
    /// `delay` long before forwarding it; other requests pass meanwhile. For forcing a race,
    /// e.g. on `POST /api/2.0/mlflow/registered-models/alias`.
    pub fn hold(&self, method: &str, path: &str, delay: Duration) {
        lock(&self.shared.holds).push(Hold {
            method: method.to_owned(),
            path: path.to_owned(),
            delay,
        });
    }

    /// Ends every hold (requests already held still wait out their delay).
    pub fn release(&self) {
        lock(&self.shared.holds).clear();
    }

    /// How many requests are being held back right now.
    pub fn held(&self) -> u64 {
        self.shared.held.load(Ordering::SeqCst)
    }

    /// How many requests arrived so far (whatever was done to them).
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// `METHOD /path` of the requests each client connection carried so far, one list a
    /// connection, in the order they were accepted.
    pub fn connections(&self) -> Vec<Vec<String>> {
        lock(&self.shared.connections).clone()
    }

    /// `METHOD /path` of every request so far, in order of arrival.
    pub fn log(&self) -> Vec<String> {
        lock(&self.shared.log).clone()
    }

    /// How many requests so far had a path containing `fragment`.
    pub fn requests_to(&self, fragment: &str) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|line| line.contains(fragment))
            .count()
    }

    /// Waits until `n` requests arrived in all, up to `within`; whether they did.
    pub fn wait_for_requests(&self, n: u64, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while self.requests() < n {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(POLL);
        }
        true
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections until the proxy is dropped; while the fault is [`Fault::Refuse`] the
/// listening socket is closed, and it is bound again on the same port once healed.
fn accept_loop(listener: TcpListener, port: u16, shared: &Arc<Shared>) {
    let mut listener = Some(listener);
    while !shared.stop.load(Ordering::SeqCst) {
        let refuse = *lock(&shared.fault) == Fault::Refuse;
        if refuse {
            listener = None;
            shared.listening.store(false, Ordering::SeqCst);
            std::thread::sleep(POLL);
            continue;
        }
        let Some(l) = listener.as_ref() else {
            // std sets SO_REUSEADDR, so the port is free again at once.
            listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).ok();
            shared.listening.store(listener.is_some(), Ordering::SeqCst);
            if listener.is_none() {
                std::thread::sleep(POLL);
            }
            continue;
        };
        l.set_nonblocking(true).unwrap();
        match l.accept() {
            Ok((stream, _)) => {
                let connection = {
                    let mut all = lock(&shared.connections);
                    all.push(Vec::new());
                    all.len() - 1
                };
                let shared = Arc::clone(shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, connection, &shared);
                });
            }
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// One HTTP request: its head as read (request line and headers) and its body.
struct Request {
    method: String,
    /// The request target as sent (path and query).
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// One HTTP answer, body decoded.
struct Answer {
    status: u16,
    reason: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn new(status: u16, reason: &str, content_type: &str, body: &[u8]) -> Self {
        Self {
            status,
            reason: reason.to_owned(),
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.to_vec(),
        }
    }

    /// The head, with a `Content-Length` of `length` and a kept-alive connection.
    fn head(&self, length: usize) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (k, v) in &self.headers {
            if !matches!(
                k.to_ascii_lowercase().as_str(),
                "content-length" | "transfer-encoding" | "connection" | "keep-alive"
            ) {
                let _ = write!(head, "{k}: {v}\r\n");
            }
        }
        let _ = write!(
            head,
            "Content-Length: {length}\r\nConnection: keep-alive\r\n\r\n"
        );
        head.into_bytes()
    }
}

/// Serves one client connection (see [`exchange`]), known to [`Proxy::set`] meanwhile, and
/// closes it at the end: the clone kept for `set` would otherwise hold it open.
fn serve(client: TcpStream, connection: usize, shared: &Shared) -> std::io::Result<()> {
    let kept = client.try_clone()?;
    {
        let mut clients = lock(&shared.clients);
        // Forget connections that have closed (their peer address is gone).
        clients.retain(|c| c.peer_addr().is_ok());
        clients.push(client.try_clone()?);
    }
    let result = exchange(client, connection, shared);
    let _ = kept.shutdown(Shutdown::Both);
    result
}

/// Request after request on one client connection, until either side closes it.
fn exchange(client: TcpStream, connection: usize, shared: &Shared) -> std::io::Result<()> {
    client.set_read_timeout(Some(IDLE))?;
    let mut writer = client.try_clone()?;
    let mut reader = BufReader::new(client);
    loop {
        let Some(mut request) = read_request(&mut reader)? else {
            return Ok(());
        };
        let count = shared.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let line = format!("{} {}", request.method, request.path());
        lock(&shared.connections)[connection].push(line.clone());
        lock(&shared.log).push(line);
        let fault = lock(&shared.fault).clone();

        let hold = lock(&shared.holds)
            .iter()
            .find(|h| h.method == request.method && h.path == request.path())
            .cloned();
        if let Some(hold) = hold {
            shared.held.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(hold.delay);
            shared.held.fetch_sub(1, Ordering::SeqCst);
        }

        let answer = match fault {
            Fault::PassThrough | Fault::Refuse | Fault::Trickle { .. } | Fault::Truncated => {
                forward(&request, shared.upstream)?
            }
            Fault::Drop => return writer.shutdown(Shutdown::Both),
            Fault::ResetAfter(n) => {
                if count - shared.fault_since.load(Ordering::SeqCst) > n {
                    return writer.shutdown(Shutdown::Both);
                }
                forward(&request, shared.upstream)?
            }
            Fault::ServerError => Answer::new(
                500,
                "Internal Server Error",
                "application/json",
                br#"{"error_code": "INTERNAL_ERROR", "message": "injected fault: the database is gone"}"#,
            ),
            Fault::BareServerError => Answer::new(
                503,
                "Service Unavailable",
                "text/plain",
                b"Service Unavailable",
            ),
            Fault::GatewayHtml => Answer::new(502, "Bad Gateway", "text/html", GATEWAY_PAGE),
            Fault::Latency(delay) => {
                std::thread::sleep(delay);
                forward(&request, shared.upstream)?
            }
            Fault::MalformedJson => Answer::new(
                200,
                "OK",
                "application/json",
                b"{\"runs\": [{\"info\": {\"run_id\": <not json>",
            ),
            Fault::EndlessPageToken => {
                let searching = request.path().ends_with("/runs/search");
                if searching {
                    strip_page_token(&mut request);
                }
                let mut answer = forward(&request, shared.upstream)?;
                if searching && answer.status == 200 {
                    let n = shared.tokens.fetch_add(1, Ordering::SeqCst);
                    endless_token(&mut answer, n);
                }
                answer
            }
        };

        match fault {
            Fault::Truncated => {
                writer.write_all(&answer.head(answer.body.len()))?;
                writer.write_all(&answer.body[..answer.body.len() / 2])?;
                writer.flush()?;
                return writer.shutdown(Shutdown::Both);
            }
            Fault::Trickle { chunk, pause } => {
                let mut bytes = answer.head(answer.body.len());
                bytes.extend_from_slice(&answer.body);
                for piece in bytes.chunks(chunk.max(1)) {
                    writer.write_all(piece)?;
                    writer.flush()?;
                    std::thread::sleep(pause);
                }
            }
            _ => {
                writer.write_all(&answer.head(answer.body.len()))?;
                writer.write_all(&answer.body)?;
                writer.flush()?;
            }
        }
    }
}

const GATEWAY_PAGE: &[u8] = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n\
<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
</body>\r\n</html>\r\n";

/// Reads one request; `None` when the client closed the connection (or idled out) first.
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(0) | Err(_) => return Ok(None),
        Ok(_) => {}
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let headers = read_headers(reader)?;
    let body = read_body(reader, &headers, false)?;
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

fn read_headers(reader: &mut impl std::io::BufRead) -> std::io::Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(headers);
        }
        let line = line.trim_end();
        if line.is_empty() {
            return Ok(headers);
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A body framed by `Transfer-Encoding: chunked` or `Content-Length`; otherwise empty for a
/// request and everything up to EOF for an answer (`to_eof`).
fn read_body(
    reader: &mut impl std::io::BufRead,
    headers: &[(String, String)],
    to_eof: bool,
) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    if header(headers, "transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            if size == 0 {
                // Trailers, then the blank line.
                read_headers(reader)?;
                return Ok(body);
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..])?;
            let mut crlf = String::new();
            reader.read_line(&mut crlf)?;
        }
    } else if let Some(length) = header(headers, "content-length") {
        body.resize(length.parse().unwrap_or(0), 0);
        reader.read_exact(&mut body)?;
    } else if to_eof {
        reader.read_to_end(&mut body)?;
    }
    Ok(body)
}

/// Sends the request upstream on a fresh connection and reads the whole answer.
fn forward(request: &Request, upstream: SocketAddr) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(upstream)?;
    let mut head = format!("{} {} HTTP/1.1\r\n", request.method, request.target);
    for (k, v) in &request.headers {
        if !matches!(
            k.to_ascii_lowercase().as_str(),
            "host" | "connection" | "content-length" | "transfer-encoding" | "keep-alive"
        ) {
            let _ = write!(head, "{k}: {v}\r\n");
        }
    }
    let _ = write!(
        head,
        "Host: {upstream}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        request.body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&request.body)?;
    stream.flush()?;

    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let mut parts = status_line.trim_end().splitn(3, ' ');
    let _version = parts.next();
    let status = parts.next().and_then(|s| s.parse().ok()).unwrap_or(502);
    let reason = parts.next().unwrap_or_default().to_owned();
    let headers = read_headers(&mut reader)?;
    let body = if request.method == "HEAD" || status == 204 || status == 304 {
        Vec::new()
    } else {
        read_body(&mut reader, &headers, true)?
    };
    Ok(Answer {
        status,
        reason,
        headers,
        body,
    })
}

/// Removes `page_token` from a `runs/search` request (a JSON body for POST, the query for
/// GET), so the server answers the first page again.
fn strip_page_token(request: &mut Request) {
    if let Ok(serde_json::Value::Object(mut body)) =
        serde_json::from_slice::<serde_json::Value>(&request.body)
        && body.remove("page_token").is_some()
    {
        request.body = serde_json::to_vec(&body).unwrap();
    }
    if let Some((path, query)) = request.target.split_once('?') {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.starts_with("page_token="))
            .collect();
        request.target = format!("{path}?{}", kept.join("&"));
    }
}

/// Gives a `runs/search` answer a `next_page_token` never seen before.
fn endless_token(answer: &mut Answer, n: u64) {
    if let Ok(serde_json::Value::Object(mut body)) =
        serde_json::from_slice::<serde_json::Value>(&answer.body)
    {
        body.insert(
            "next_page_token".to_owned(),
            serde_json::Value::String(format!("endless-{n}")),
        );
        answer.body = serde_json::to_vec(&body).unwrap();
    }
}

#[cfg(test)]
mod tests {
    //! The proxy itself, against the shared server, with plain blocking HTTP.

    use super::*;

    /// `METHOD path` with `body` through the proxy on a fresh connection: status and body, or
    /// the I/O error that ended it.
    fn call(proxy: &Proxy, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect(proxy.url().trim_start_matches("http://"))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        if reader.read_line(&mut status)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status = status
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .parse()
            .unwrap();
        let headers = read_headers(&mut reader)?;
        let body = read_body(&mut reader, &headers, true)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    const SEARCH: &str = "/api/2.0/mlflow/runs/search";

    #[test]
    fn every_fault_breaks_and_healing_mends() {
        let proxy = Proxy::start(super::super::shared().url());
        let search = r#"{"experiment_ids": ["0"], "max_results": 1}"#;
        let (status, _) = call(&proxy, "POST", SEARCH, search).unwrap();
        assert_eq!(status, 200);

        proxy.set(Fault::ServerError);
        let (status, body) = call(&proxy, "POST", SEARCH, search).unwrap();
        assert_eq!((status, body.contains("INTERNAL_ERROR")), (500, true));
        proxy.set(Fault::BareServerError);
        assert_eq!(call(&proxy, "POST", SEARCH, search).unwrap().0, 503);
        proxy.set(Fault::GatewayHtml);
        let (status, body) = call(&proxy, "POST", SEARCH, search).unwrap();
        assert_eq!((status, body.contains("<html>")), (502, true));
        proxy.set(Fault::MalformedJson);
        let (_, body) = call(&proxy, "POST", SEARCH, search).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
        proxy.set(Fault::Truncated);
        assert!(call(&proxy, "GET", "/health", "").is_err());
        proxy.set(Fault::Drop);
        assert!(call(&proxy, "GET", "/health", "").is_err());
        proxy.set(Fault::Refuse);
        std::thread::sleep(POLL * 5);
        assert!(TcpStream::connect(("127.0.0.1", proxy.port)).is_err());

        proxy.set(Fault::ResetAfter(1));
        std::thread::sleep(POLL * 5);
        assert_eq!(call(&proxy, "GET", "/health", "").unwrap().0, 200);
        assert!(call(&proxy, "GET", "/health", "").is_err());

        proxy.set(Fault::EndlessPageToken);
        let (_, first) = call(&proxy, "POST", SEARCH, search).unwrap();
        let token = |body: &str| {
            serde_json::from_str::<serde_json::Value>(body).unwrap()["next_page_token"].clone()
        };
        let paged = format!(
            r#"{{"experiment_ids": ["0"], "max_results": 1, "page_token": {}}}"#,
            token(&first)
        );
        let (status, second) = call(&proxy, "POST", SEARCH, &paged).unwrap();
        assert_eq!(status, 200, "{second}");
        assert_ne!(token(&first), token(&second));

        proxy.set(Fault::Trickle {
            chunk: 8,
            pause: Duration::from_millis(5),
        });
        let started = Instant::now();
        assert_eq!(call(&proxy, "GET", "/health", "").unwrap().0, 200);
        assert!(started.elapsed() >= Duration::from_millis(50));

        proxy.set(Fault::Latency(Duration::from_millis(300)));
        let started = Instant::now();
        assert_eq!(call(&proxy, "GET", "/health", "").unwrap().0, 200);
        assert!(started.elapsed() >= Duration::from_millis(300));

        proxy.heal();
        proxy.hold("GET", "/health", Duration::from_millis(400));
        let held = std::thread::spawn({
            let port = proxy.port;
            move || {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .unwrap();
                let mut out = String::new();
                s.read_to_string(&mut out).unwrap();
                out
            }
        });
        let deadline = Instant::now() + Duration::from_secs(5);
        while proxy.held() == 0 && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        assert_eq!(proxy.held(), 1);
        // Other paths pass while the held one waits.
        assert_eq!(call(&proxy, "POST", SEARCH, search).unwrap().0, 200);
        assert!(held.join().unwrap().starts_with("HTTP/1.1 200"));
        proxy.release();

        assert!(proxy.wait_for_requests(3, Duration::from_secs(1)));
        assert!(proxy.requests_to("/health") >= 5);
        assert_eq!(proxy.log()[0], format!("POST {SEARCH}"));
    }
}

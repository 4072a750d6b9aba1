//! Where every HTTP client of the backends starts. TLS is rustls with the ring provider, the
//! one octocrab uses: reqwest is built without a provider of its own (its `rustls` feature
//! would link aws-lc-rs as a second TLS stack), so its `build()` needs a process-wide default,
//! installed here. `clippy.toml` disallows `reqwest::Client::builder`/`new` elsewhere.

/// A `reqwest` client builder whose TLS uses ring.
pub fn client() -> reqwest::ClientBuilder {
    // An error only says a default provider is installed already (by an earlier call).
    let _ = rustls::crypto::ring::default_provider().install_default();
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that builds a client, after the provider is installed"
    )]
    reqwest::Client::builder()
}

/// What a client for `base` needs: for a plain `http://` address no TLS at all. Loading the
/// system's root certificates takes tens of milliseconds on a busy machine, at every start,
/// before the first request can go out; a plain-http server never needs them. Such a client
/// follows redirects to plain http only, and names the https address a redirect points to
/// (without credentials), so that it can be given instead. A proxy reached over TLS
/// (`HTTP_PROXY=https://…`) keeps the roots.
pub fn for_address(builder: reqwest::ClientBuilder, base: &url::Url) -> reqwest::ClientBuilder {
    if base.scheme() != "http" || proxy_over_tls() {
        return builder;
    }
    builder
        .tls_certs_only(std::iter::empty())
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().scheme() != "http" {
                let to = address(attempt.url());
                attempt.error(format!("it redirects to {to}: use that address"))
            } else if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else {
                attempt.follow()
            }
        }))
}

/// reqwest's own limit.
const MAX_REDIRECTS: usize = 10;

/// A response's whole body, in one buffer sized by its `Content-Length` and filled chunk by
/// chunk as they arrive, each chunk released once copied. `Response::bytes` keeps every chunk
/// until the last and then copies them all into one buffer: twice the body at the end, which
/// for MLflow's pages of runs (a few megabytes of pretty-printed JSON each, several in flight)
/// was the largest part of a listing's memory.
/// At most [`MAX_BODY`] bytes: a server that sends more, or never stops, is refused before
/// the memory runs out (the request's timeout alone would let a fast one send gigabytes).
pub async fn body(resp: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    body_within(resp, MAX_BODY).await
}

async fn body_within(mut resp: reqwest::Response, max: usize) -> Result<Vec<u8>, BodyError> {
    // The header is the server's word, not a promise: a bound on what is reserved up front.
    let expected = resp.content_length().unwrap_or(0).min(MAX_RESERVE);
    let mut body = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Read)? {
        if body.len() + chunk.len() > max {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The most [`body`] reserves before a byte arrived.
const MAX_RESERVE: u64 = 64 << 20;

/// The largest answer read, whole ([`body`]) or run by run (MLflow's `runs/search`): MLflow
/// answers at most 50,000 runs a page, about 150 MB; no answer of GitLab, W&B or MLflow's
/// other endpoints comes near.
pub const MAX_BODY: usize = 512 << 20;

/// Why [`body`] has no body to give.
#[derive(Debug)]
pub enum BodyError {
    /// Reading it failed: the connection broke, or the time ran out.
    Read(reqwest::Error),
    /// It went on past [`MAX_BODY`] bytes.
    TooLarge,
}

impl BodyError {
    /// As a store's error, for the answer of `target`; `read` says what a failed read is.
    pub fn into_backend(
        self,
        target: &str,
        read: impl FnOnce(&reqwest::Error) -> crate::store::BackendError,
    ) -> crate::store::BackendError {
        match self {
            Self::Read(e) => read(&e),
            Self::TooLarge => crate::store::BackendError::Decode {
                what: format!("{target}'s answer"),
                detail: too_large(),
            },
        }
    }
}

/// What a refused answer is said to be.
pub fn too_large() -> String {
    format!(
        "it is larger than {} MB; clearance stopped reading it",
        MAX_BODY >> 20
    )
}

/// Whether plain-http requests would go through a proxy reached over TLS (the variables
/// reqwest reads for http URLs).
fn proxy_over_tls() -> bool {
    // macOS and Windows also have system proxy settings reqwest reads, which may be https:
    // keep the roots there rather than guess.
    cfg!(any(target_os = "macos", windows))
        || ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .any(|v| v.trim().to_ascii_lowercase().starts_with("https:"))
}

/// Where a redirect points, up to the API's path, without credentials or query.
fn address(url: &url::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.set_query(None);
    u.set_fragment(None);
    let text = u.to_string();
    match text.find("/api/") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_names_the_address_without_credentials() {
        let url = url::Url::parse(
            "https://ann:secret@mlflow.example.com:8443/ml/api/2.0/mlflow/runs/search?x=1",
        )
        .unwrap();
        assert_eq!(address(&url), "https://mlflow.example.com:8443/ml");
    }

    /// One answer from a plain TCP socket, written as given, in pieces, to the first
    /// connection.
    fn answer_once(response: Vec<u8>) -> String {
        use std::io::{Read as _, Write as _};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let at = format!("http://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = socket.read(&mut buf).unwrap();
                request.extend_from_slice(&buf[..n]);
            }
            for piece in response.chunks(100_000) {
                socket.write_all(piece).unwrap();
                socket.flush().unwrap();
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        });
        at
    }

    fn payload(len: usize) -> Vec<u8> {
        (0..len).map(|i| b"0123456789abcdef"[i % 16]).collect()
    }

    #[tokio::test]
    async fn a_body_is_read_whole_with_or_without_its_length() {
        let sent = payload(3_000_000);
        let mut with_length =
            format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", sent.len()).into_bytes();
        with_length.extend_from_slice(&sent);
        let mut chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
        for piece in sent.chunks(70_000) {
            chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            chunked.extend_from_slice(piece);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let http = client().build().unwrap();
        for response in [with_length, chunked] {
            let at = answer_once(response);
            let read = body(http.get(&at).send().await.unwrap()).await.unwrap();
            assert!(read == sent, "{} bytes read of {}", read.len(), sent.len());
        }
    }

    #[tokio::test]
    async fn a_body_cut_short_of_its_length_is_an_error() {
        let mut response = b"HTTP/1.1 200 OK\r\ncontent-length: 500000\r\n\r\n".to_vec();
        response.extend_from_slice(&payload(200_000));
        let at = answer_once(response);
        let http = client().build().unwrap();
        let resp = http.get(&at).send().await.unwrap();
        assert!(body(resp).await.is_err());
    }

    /// A server that sends more than the bound is refused once past it, with or without a
    /// length, and an answer at the bound is read whole.
    #[tokio::test]
    async fn a_body_past_the_bound_is_refused() {
        let sent = payload(300_000);
        let http = client().build().unwrap();
        let mut with_length =
            format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", sent.len()).into_bytes();
        with_length.extend_from_slice(&sent);
        let mut no_length = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
        no_length.extend_from_slice(&sent);
        for response in [with_length.clone(), no_length] {
            let at = answer_once(response);
            let resp = http.get(&at).send().await.unwrap();
            let refused = body_within(resp, 100_000).await;
            assert!(matches!(refused, Err(BodyError::TooLarge)), "{refused:?}");
        }
        let at = answer_once(with_length);
        let read = body_within(http.get(&at).send().await.unwrap(), sent.len())
            .await
            .unwrap();
        assert_eq!(read.len(), sent.len());
        let said = BodyError::TooLarge
            .into_backend("MLflow at http://127.0.0.1:5000", |_| unreachable!())
            .to_string();
        assert_eq!(
            said,
            format!(
                "could not read MLflow at http://127.0.0.1:5000's answer: it is larger than {} MB; \
                 clearance stopped reading it",
                MAX_BODY >> 20
            )
        );
    }

    #[test]
    fn clients_build_with_tls_over_ring() {
        // Twice: the second install finds the first provider and must not fail the build.
        for _ in 0..2 {
            assert!(client().https_only(true).build().is_ok());
        }
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}

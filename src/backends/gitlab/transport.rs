//! One GitLab API request, and every page of a list. The token goes in its own header to the
//! API's origin only (a `Link` to another origin is refused, so a proxy cannot collect it).
//! Lists follow `Link: <...>; rel="next"`, else `X-Next-Page`. A 429 is waited out once, as
//! long as `Retry-After` or `RateLimit-Reset` asks for no more than [`MAX_WAIT`]; a second
//! 429, or a longer wait, is reported with the time to wait.

use std::collections::HashSet;
use std::error::Error as _;
use std::time::Duration;

use chrono::Utc;
use reqwest::header::HeaderMap;
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::GITLAB;
use super::auth::{TokenOrigin, token_hint};
use crate::backends::http::BodyError;
use crate::host::{HostError, HostErrorKind, Token};

/// Items per page (GitLab's maximum).
pub const PER_PAGE: &str = "100";
/// A bound on pages, so a server that always says "next" cannot loop forever.
const MAX_PAGES: usize = 100;
/// The longest wait for a 429 before the one retry; longer waits are reported instead.
pub const MAX_WAIT: Duration = Duration::from_secs(10);

/// Requests to one GitLab API (`https://gitlab.com/api/v4`) with one token.
#[derive(Clone)]
pub struct Transport {
    http: reqwest::Client,
    /// The API root, without a trailing slash.
    api: Url,
    token: Token,
    origin: TokenOrigin,
    host: String,
    timeout: Duration,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("api", &self.api.as_str())
            .field("token", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// `api` is the API root (`https://HOST/api/v4`); `host` is for messages (`HOST[:PORT]`).
    pub fn new(
        api: Url,
        host: &str,
        token: Token,
        origin: TokenOrigin,
        connect_timeout: Duration,
        timeout: Duration,
    ) -> Result<Self, HostError> {
        let http = crate::backends::http::client()
            // A redirect would carry PRIVATE-TOKEN/JOB-TOKEN to whatever host it names
            // (reqwest strips only Authorization): follow none, the API answers in place.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .user_agent(concat!("clearance/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                HostError::new(
                    GITLAB,
                    format!("connecting to GitLab at {api}"),
                    HostErrorKind::Config {
                        message: format!("could not set up HTTP: {e}"),
                    },
                )
            })?;
        Ok(Self {
            http,
            api,
            token,
            origin,
            host: host.to_owned(),
            timeout,
        })
    }

    /// `API/tail` (`tail` without a leading slash, already URL-encoded).
    pub fn url(&self, tail: &str) -> Result<Url, HostError> {
        let joined = format!("{}/{tail}", self.api.as_str().trim_end_matches('/'));
        Url::parse(&joined).map_err(|e| {
            error(
                format!("building the address of '{tail}'"),
                HostErrorKind::Config {
                    message: e.to_string(),
                },
            )
        })
    }

    /// Sends one request; a 429 is waited out and sent once more (see the module's doc).
    pub async fn send(
        &self,
        op: &str,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, HostError> {
        if url.origin() != self.api.origin() {
            return Err(error(
                op,
                HostErrorKind::Decode {
                    detail: format!(
                        "a link to another address ({}), where the token is not sent",
                        url.origin().ascii_serialization()
                    ),
                },
            ));
        }
        let mut retried = false;
        loop {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header(self.origin.header(), self.token.expose());
            if let Some(b) = body {
                request = request.json(b);
            }
            let response = request
                .send()
                .await
                .map_err(|e| error(op, transport(&e, self.timeout)))?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            let wait = (status == StatusCode::TOO_MANY_REQUESTS)
                .then(|| wait_for(response.headers()))
                .flatten();
            if !retried && let Some(w) = wait.filter(|w| *w <= MAX_WAIT) {
                tracing::info!(op, wait_s = w.as_secs(), "GitLab rate limit: waiting once");
                tokio::time::sleep(w).await;
                retried = true;
                continue;
            }
            let headers = response.headers().clone();
            // Bounded as every answer is: an error page that never ends is no message.
            let text = crate::backends::http::body(response)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let kind = classify(status, &headers, &text, &self.host, self.origin, retried);
            let e = error(op, kind);
            tracing::debug!(error = %e, "GitLab request failed");
            return Err(e);
        }
    }

    /// One JSON answer.
    pub async fn json<T: DeserializeOwned>(
        &self,
        op: &str,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
    ) -> Result<T, HostError> {
        let response = self.send(op, method, url, body).await?;
        self.read_json(op, response).await.map(|(v, _)| v)
    }

    /// Every item of a list, all pages.
    pub async fn all_pages<T: DeserializeOwned>(
        &self,
        op: &str,
        mut url: Url,
    ) -> Result<Vec<T>, HostError> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        for _ in 0..MAX_PAGES {
            let response = self.send(op, Method::GET, url.clone(), None).await?;
            let (mut page, next): (Vec<T>, _) = self.read_json(op, response).await?;
            items.append(&mut page);
            let Some(next) = next.map(|n| n.resolve(&url)).transpose()? else {
                return Ok(items);
            };
            if !seen.insert(next.to_string()) {
                return Err(error(
                    op,
                    HostErrorKind::EndlessPaging {
                        detail: format!("the page {next} was named twice as the next one"),
                    },
                ));
            }
            url = next;
        }
        Err(error(
            op,
            HostErrorKind::EndlessPaging {
                detail: format!("more than {MAX_PAGES} pages"),
            },
        ))
    }
}

fn error(op: impl Into<String>, kind: HostErrorKind) -> HostError {
    HostError::new(GITLAB, op, kind)
}

/// Where the next page is.
enum Next {
    /// `Link: <URL>; rel="next"`.
    Link(String),
    /// `X-Next-Page: N`.
    Page(String),
}

impl Next {
    fn from_headers(h: &HeaderMap) -> Option<Self> {
        let header = |k: &str| h.get(k).and_then(|v| v.to_str().ok()).map(str::trim);
        if let Some(link) = header("link").and_then(next_link) {
            return Some(Self::Link(link));
        }
        header("x-next-page")
            .filter(|p| !p.is_empty())
            .map(|p| Self::Page(p.to_owned()))
    }

    fn resolve(self, current: &Url) -> Result<Url, HostError> {
        match self {
            Self::Link(l) => current.join(&l).map_err(|e| {
                error(
                    "following GitLab's next page",
                    HostErrorKind::Decode {
                        detail: format!("the next page '{l}' is not a URL: {e}"),
                    },
                )
            }),
            Self::Page(p) => {
                let mut next = current.clone();
                let others: Vec<(String, String)> = current
                    .query_pairs()
                    .filter(|(k, _)| k != "page")
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                next.query_pairs_mut()
                    .clear()
                    .extend_pairs(others)
                    .append_pair("page", &p);
                Ok(next)
            }
        }
    }
}

/// The `rel="next"` target of a `Link` header.
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params
            .split(';')
            .any(|p| p.trim().replace(' ', "") == "rel=\"next\"");
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| target.to_owned())
    })
}

impl Transport {
    async fn read_json<T: DeserializeOwned>(
        &self,
        op: &str,
        response: Response,
    ) -> Result<(T, Option<Next>), HostError> {
        let next = Next::from_headers(response.headers());
        let bytes = crate::backends::http::body(response)
            .await
            .map_err(|e| match e {
                BodyError::Read(e) => error(op, transport(&e, self.timeout)),
                BodyError::TooLarge => error(
                    op,
                    HostErrorKind::Decode {
                        detail: crate::backends::http::too_large(),
                    },
                ),
            })?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(de).map_err(|e| {
            error(
                op,
                HostErrorKind::Decode {
                    detail: format!("at '{}': {}", e.path(), e.inner()),
                },
            )
        })?;
        Ok((value, next))
    }
}

/// How long a 429 asks to wait: `Retry-After` seconds, else until `RateLimit-Reset` (epoch
/// seconds).
fn wait_for(h: &HeaderMap) -> Option<Duration> {
    let header = |k: &str| h.get(k).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(s) = header("retry-after").and_then(|s| s.parse::<u64>().ok()) {
        return Some(Duration::from_secs(s));
    }
    let reset = header("ratelimit-reset").and_then(|s| s.parse::<i64>().ok())?;
    Some(Duration::from_secs(
        u64::try_from(reset - Utc::now().timestamp()).unwrap_or(0),
    ))
}

/// GitLab's `message` (a string, a list, or an object of lists per field) or `error`.
fn gitlab_message(text: &str) -> String {
    fn flat(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(a) => a.iter().map(flat).collect::<Vec<_>>().join("; "),
            serde_json::Value::Object(o) => o
                .iter()
                .map(|(k, v)| format!("{k} {}", flat(v)))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        }
    }
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        let t = text.trim();
        return crate::domain::text::printable(&t.chars().take(200).collect::<String>())
            .into_owned();
    };
    let m = v
        .get("message")
        .or_else(|| v.get("error"))
        .map_or_else(|| v.to_string(), flat);
    crate::domain::text::printable(&m).into_owned()
}

/// Names a failed answer.
fn classify(
    status: StatusCode,
    headers: &HeaderMap,
    text: &str,
    host: &str,
    origin: TokenOrigin,
    retried: bool,
) -> HostErrorKind {
    let message = gitlab_message(text);
    let code = status.as_u16();
    match code {
        429 => HostErrorKind::Throttled {
            limit: if retried {
                "GitLab's rate limit, still reached after one retry".to_owned()
            } else {
                "GitLab's rate limit".to_owned()
            },
            retry_after: wait_for(headers).map(|w| w.as_secs().max(1)),
        },
        401 => HostErrorKind::BadToken {
            message,
            hint: token_hint(host),
        },
        403 => HostErrorKind::Forbidden {
            message,
            advice: origin.limits().map_or_else(
                || {
                    "the token lacks the permission (it needs the api scope and the Developer \
                     role to promote and comment)"
                        .to_owned()
                },
                str::to_owned,
            ),
        },
        404 => HostErrorKind::NotFound {
            message,
            advice: "check the project path and that the token has access to it (GitLab \
                     answers 404 for a private project the token cannot see)"
                .to_owned(),
        },
        400 | 409 | 422 if message.to_lowercase().contains("already exist") => {
            HostErrorKind::AlreadyExists {
                status: code,
                message,
            }
        }
        400 | 409 | 422 => HostErrorKind::Invalid {
            status: code,
            message,
        },
        500..=599 => HostErrorKind::Server {
            status: code,
            message,
        },
        _ => HostErrorKind::Http {
            status: code,
            message,
        },
    }
}

/// Names a transport failure.
fn transport(e: &reqwest::Error, timeout: Duration) -> HostErrorKind {
    let mut detail = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        source = s.source();
    }
    // The token is in a header, never in the URL that reqwest's message may quote.
    if e.is_timeout() {
        HostErrorKind::Timeout { after: timeout }
    } else if e.is_body() || e.is_decode() {
        HostErrorKind::Cut { detail }
    } else {
        HostErrorKind::Unreachable { detail }
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use serde_json::{Value, json};
    use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;

    const TOKEN: &str = "glpat-test0k";
    const MR: &str = "/api/v4/projects/acme%2Fml%2Fmodels/merge_requests";

    fn client(server: &MockServer, timeout: Duration) -> Transport {
        let api = Url::parse(&format!("{}/api/v4", server.uri())).unwrap();
        Transport::new(
            api,
            "gitlab.acme.io",
            Token::new(TOKEN),
            TokenOrigin::Env,
            Duration::from_secs(5),
            timeout,
        )
        .unwrap()
    }

    fn mrs(t: &Transport) -> Url {
        let mut url = t.url("projects/acme%2Fml%2Fmodels/merge_requests").unwrap();
        url.query_pairs_mut()
            .append_pair("state", "opened")
            .append_pair("per_page", PER_PAGE);
        url
    }

    async fn sent(server: &MockServer) -> Vec<String> {
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| {
                // The token went in PRIVATE-TOKEN on every request, and nowhere else.
                assert_eq!(r.headers.get("private-token").unwrap(), TOKEN);
                assert!(!r.url.as_str().contains(TOKEN));
                format!(
                    "{} {}?{}",
                    r.method,
                    r.url.path(),
                    r.url.query().unwrap_or("")
                )
            })
            .collect()
    }

    #[tokio::test]
    async fn pages_follow_link_then_x_next_page_with_the_query_kept() {
        let server = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        let base = server.uri();
        Mock::given(method("GET"))
            .and(path(MR))
            .and(query_param_is_missing("page"))
            .and(header("private-token", TOKEN))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([{ "iid": 3 }]))
                    .insert_header(
                        "link",
                        format!(
                            "<{base}{MR}?state=opened&per_page=100&page=2>; rel=\"next\", \
                             <{base}{MR}?state=opened&per_page=100&page=3>; rel=\"last\""
                        )
                        .as_str(),
                    )
                    .insert_header("x-next-page", "2"),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(MR))
            .and(query_param("page", "2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([{ "iid": 2 }]))
                    .insert_header("x-next-page", "3"),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(MR))
            .and(query_param("page", "3"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([{ "iid": 1 }]))
                    .insert_header("x-next-page", ""),
            )
            .expect(1)
            .mount(&server)
            .await;
        let all: Vec<Value> = t.all_pages("listing", mrs(&t)).await.unwrap();
        assert_eq!(
            all,
            vec![json!({"iid": 3}), json!({"iid": 2}), json!({"iid": 1})]
        );
        assert_eq!(
            sent(&server).await,
            vec![
                format!("GET {MR}?state=opened&per_page=100"),
                format!("GET {MR}?state=opened&per_page=100&page=2"),
                format!("GET {MR}?state=opened&per_page=100&page=3"),
            ]
        );
    }

    #[tokio::test]
    async fn a_next_page_elsewhere_never_gets_the_token() {
        let server = MockServer::start().await;
        let elsewhere = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        Mock::given(method("GET"))
            .and(path(MR))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([]))
                    .insert_header(
                        "link",
                        format!("<{}/steal?page=2>; rel=\"next\"", elsewhere.uri()).as_str(),
                    ),
            )
            .mount(&server)
            .await;
        let e = t.all_pages::<Value>("listing", mrs(&t)).await.unwrap_err();
        assert!(e.to_string().contains("where the token is not sent"), "{e}");
        assert!(elsewhere.received_requests().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_short_429_is_waited_out_once() {
        let server = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        Mock::given(method("GET"))
            .and(path(MR))
            .respond_with(
                ResponseTemplate::new(429)
                    .set_body_json(json!({ "message": "429 Too Many Requests" }))
                    .insert_header("retry-after", "1"),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(MR))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{ "iid": 1 }])))
            .mount(&server)
            .await;
        let all: Vec<Value> = t.all_pages("listing", mrs(&t)).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(sent(&server).await.len(), 2);
    }

    #[tokio::test]
    async fn a_second_429_or_a_long_wait_is_reported_not_retried_again() {
        let server = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        let reset = Utc::now().timestamp() + 1;
        Mock::given(method("GET"))
            .and(path(MR))
            .respond_with(
                ResponseTemplate::new(429)
                    .set_body_json(json!({ "message": "429 Too Many Requests" }))
                    .insert_header("ratelimit-reset", reset.to_string().as_str()),
            )
            .mount(&server)
            .await;
        let e = t.all_pages::<Value>("listing", mrs(&t)).await.unwrap_err();
        assert!(
            e.to_string().starts_with(
                "listing: GitLab's rate limit, still reached after one retry (too many \
                 requests in a short time): wait "
            ),
            "{e}"
        );
        assert_eq!(sent(&server).await.len(), 2, "one retry, no more");

        let server = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        Mock::given(method("GET"))
            .and(path(MR))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
            .mount(&server)
            .await;
        let e = t.all_pages::<Value>("listing", mrs(&t)).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "listing: GitLab's rate limit (too many requests in a short time): wait 3600 s \
             before trying again"
        );
        assert_eq!(sent(&server).await.len(), 1, "an hour is not waited out");
    }

    #[tokio::test]
    async fn failures_are_named() {
        let cases = [
            (
                ResponseTemplate::new(401).set_body_json(json!({ "message": "401 Unauthorized" })),
                "reading: GitLab refused the token (HTTP 401: 401 Unauthorized); set \
                 GITLAB_TOKEN (an access token with the api scope), or log in with `glab auth \
                 login --hostname gitlab.acme.io`",
            ),
            (
                ResponseTemplate::new(404)
                    .set_body_json(json!({ "message": "404 Project Not Found" })),
                "reading: not found, or the token cannot see it (HTTP 404: 404 Project Not \
                 Found); check the project path and that the token has access to it (GitLab \
                 answers 404 for a private project the token cannot see)",
            ),
            (
                ResponseTemplate::new(409).set_body_json(json!({
                    "message": ["Another open merge request already exists for this source branch: !7"]
                })),
                "reading: already exists (HTTP 409: Another open merge request already exists \
                 for this source branch: !7)",
            ),
            (
                ResponseTemplate::new(400).set_body_json(json!({
                    "message": { "title": ["can't be blank"] }
                })),
                "reading: GitLab refused the request (HTTP 400: title can't be blank)",
            ),
            (
                ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"),
                "reading: GitLab failed (HTTP 502: <html>Bad Gateway</html>); clearance does \
                 not retry: try again later",
            ),
            (
                ResponseTemplate::new(200)
                    .set_body_json(json!([]))
                    .set_delay(Duration::from_secs(3)),
                "reading: GitLab did not answer within 0.3 s",
            ),
        ];
        for (response, want) in cases {
            let server = MockServer::start().await;
            let t = client(&server, Duration::from_millis(300));
            Mock::given(method("GET"))
                .respond_with(response)
                .mount(&server)
                .await;
            let e = t
                .json::<Value>("reading", Method::GET, mrs(&t), None)
                .await
                .unwrap_err();
            assert_eq!(e.to_string(), want);
        }
    }

    #[tokio::test]
    async fn a_redirect_elsewhere_is_not_followed_so_the_token_stays() {
        let server = MockServer::start().await;
        let elsewhere = MockServer::start().await;
        let t = client(&server, Duration::from_secs(5));
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", format!("{}/steal", elsewhere.uri())),
            )
            .mount(&server)
            .await;
        let answer = t.json::<Value>("reading", Method::GET, mrs(&t), None).await;
        assert!(answer.is_err(), "{answer:?}");
        assert_eq!(elsewhere.received_requests().await.unwrap().len(), 0);
    }
}

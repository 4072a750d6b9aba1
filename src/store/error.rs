//! What goes wrong talking to a store, and the words for it.

use crate::domain::VersionId;

/// What went wrong talking to a backend. Every message names what was asked of whom and,
/// where it can, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    /// Nothing answered at the address (refused, DNS, TLS).
    #[error("cannot reach {target}: {detail}")]
    Unreachable { target: String, detail: String },
    /// The server was reached but its answer broke off: the connection closed before the
    /// answer began, or before its body ended.
    #[error("{target} was reached but its answer was cut short: {detail}; try again")]
    Cut { target: String, detail: String },
    /// The server took longer than the configured timeout.
    #[error("{target} did not answer within {secs} s")]
    Timeout { target: String, secs: u64 },
    /// Credentials are missing or were refused (HTTP 401/403).
    #[error("{target} refused the credentials (HTTP {status}): {message}")]
    Unauthorized {
        target: String,
        status: u16,
        message: String,
    },
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The server rejected the request as invalid (a bad filter expression, say).
    #[error("{0}")]
    InvalidRequest(String),
    /// The server answered with an error this client has no better name for.
    #[error("{target} answered HTTP {status}{code}: {message}")]
    Api {
        target: String,
        status: u16,
        code: String,
        message: String,
    },
    /// The answer could not be read (not JSON, or not the expected shape).
    #[error("could not read {what}: {detail}")]
    Decode { what: String, detail: String },
    /// A local store could not be opened or read.
    #[error("{0}")]
    Store(String),
    /// A write was refused because the store is open read-only.
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// The world moved since it was read: an alias no longer points where the caller saw it.
    #[error("{what} changed: expected {expected}, found {actual}")]
    Conflict {
        what: String,
        expected: String,
        actual: String,
    },
    /// The server's paging does not end: it sent a page token it had sent before, or a page
    /// with a token but nothing not already listed. Following it would loop for ever.
    #[error(
        "{target} kept paging {what}: {detail}; stopped after {pages} pages (a proxy or a server \
         bug rewriting page tokens?)"
    )]
    EndlessPaging {
        target: String,
        what: String,
        detail: String,
        pages: u32,
    },
    /// The server is rate limiting this client and the wait it asked for was longer than
    /// clearance waits by itself (or retries ran out).
    #[error("rate limited by {target}: {detail}")]
    RateLimited { target: String, detail: String },
    /// The credentials are good but lack a permission (a W&B protected alias, say); the
    /// message says which and who has it.
    #[error("{target} refused: {message}")]
    Forbidden { target: String, message: String },
    /// Another clearance process is changing the same alias (it holds the lease, see
    /// [`LEASE_MODEL_PREFIX`](super::LEASE_MODEL_PREFIX)) and did not finish within the wait; nothing was written.
    #[error("{0}")]
    Busy(String),
    /// The write landed, but another writer moved the same alias around it, so the store
    /// does not hold exactly this move on the state that was checked: `detail` says what
    /// happened and where the alias points now. Nothing was undone.
    #[error("{what}: {detail}")]
    Interleaved { what: String, detail: String },
}

impl BackendError {
    /// The compare-and-set refusal of [`Writer::move_alias`](super::Writer::move_alias): `@alias` of `model` was
    /// expected at `expected` and is at `actual` (`None`: unset).
    pub fn alias_moved(
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        actual: Option<&VersionId>,
    ) -> Self {
        let label =
            |v: Option<&VersionId>| v.map_or_else(|| "no version".to_owned(), VersionId::label);
        Self::Conflict {
            what: format!("@{alias} of '{model}'"),
            expected: label(expected),
            actual: label(actual),
        }
    }

    /// A request that got no answer from `target`: a timeout after `timeout`, or why nothing
    /// answered (the innermost cause: "Connection refused (os error 111)").
    pub fn transport(target: &str, timeout: std::time::Duration, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            Self::Timeout {
                target: target.to_owned(),
                secs: timeout.as_secs(),
            }
        } else if e.is_connect() || e.is_builder() || e.is_redirect() {
            Self::Unreachable {
                target: target.to_owned(),
                detail: innermost(e),
            }
        } else {
            // Connected and sent: the server (or something on the way) closed the connection
            // before a whole answer came back.
            Self::Cut {
                target: target.to_owned(),
                detail: innermost(e),
            }
        }
    }

    /// A failure while reading the body of an answer whose head arrived.
    pub fn cut(target: &str, timeout: std::time::Duration, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            return Self::Timeout {
                target: target.to_owned(),
                secs: timeout.as_secs(),
            };
        }
        Self::Cut {
            target: target.to_owned(),
            detail: innermost(e),
        }
    }

    /// Whether retrying later could help (the server was down or slow).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. }
                | Self::Cut { .. }
                | Self::Timeout { .. }
                | Self::RateLimited { .. }
        )
    }
}

/// What to say when a gateway's HTML page (HTTP 502-504) answered instead of `service`
/// (`MLflow`): a proxy or load balancer is in the way and the server behind it did not answer.
pub fn gateway_page(html: &str, service: &str) -> String {
    let title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| t.trim())
        .filter(|t| !t.is_empty() && t.len() <= 100)
        .map(|t| format!(" ('{t}')"))
        .unwrap_or_default();
    format!(
        "a proxy or gateway in front of {service} answered with its own HTML error page{title}: \
         the {service} server behind it is down or not answering; try again later"
    )
}

/// The most specific message in an error chain ("Connection refused (os error 111)").
pub fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

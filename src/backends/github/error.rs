//! GitHub's failures, named so a person knows what to do: a bad token, a rate limit and when
//! it resets, a missing repository, GitHub's own validation messages, an outage, a timeout.

use std::error::Error as _;
use std::fmt;

use chrono::{DateTime, Local, Utc};

/// A failed GitHub operation: what was being done, and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{op}: {kind}")]
pub struct HostError {
    /// `listing open pull requests of acme/models`.
    pub op: String,
    pub kind: HostErrorKind,
}

impl HostError {
    pub fn new(op: impl Into<String>, kind: HostErrorKind) -> Self {
        Self {
            op: op.into(),
            kind,
        }
    }

    /// Whether the thing being created already exists (a branch, a pull request).
    pub fn already_exists(&self) -> bool {
        matches!(self.kind, HostErrorKind::AlreadyExists { .. })
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, HostErrorKind::NotFound { .. })
    }

    /// Whether trying again later could help (rate limits, outages, timeouts).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            HostErrorKind::RateLimited { .. }
                | HostErrorKind::SecondaryRateLimit { .. }
                | HostErrorKind::Server { .. }
                | HostErrorKind::Timeout { .. }
                | HostErrorKind::Unreachable { .. }
                | HostErrorKind::Cut { .. }
        )
    }
}

/// Why a GitHub operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostErrorKind {
    /// No token in the environment and `gh` is not logged in.
    NoToken { hint: String },
    /// The token was refused (HTTP 401).
    BadToken { message: String, hint: String },
    /// The token's quota is used up until `reset` (HTTP 403/429, `x-ratelimit-remaining: 0`).
    RateLimited { reset: Option<DateTime<Utc>> },
    /// Too many requests too fast (GitHub's secondary limit; `retry-after` seconds).
    SecondaryRateLimit { retry_after: Option<u64> },
    /// The token may not do this (HTTP 403 for any other reason).
    Forbidden { message: String, sso: bool },
    /// Not there, or the token cannot see it (GitHub answers 404 for both).
    NotFound { message: String },
    /// A branch or pull request that is already there (HTTP 422).
    AlreadyExists { message: String },
    /// GitHub refused the request as invalid (HTTP 422), with its messages.
    Invalid { message: String },
    /// GitHub failed (HTTP 5xx).
    Server { status: u16, message: String },
    /// Any other HTTP status.
    Http { status: u16, message: String },
    /// No answer within the timeout.
    Timeout { after: std::time::Duration },
    /// No connection (refused, DNS, TLS).
    Unreachable { detail: String },
    /// The answer was not what GitHub documents.
    Decode { detail: String },
    /// The list's `Link: rel="next"` pages never end (a page named twice, or past the bound).
    EndlessPaging { detail: String },
    /// GitHub (or a proxy on the way) answered, but the answer stopped before its end.
    Cut { detail: String },
    /// The settings are unusable (no repository, a bad API URL).
    Config { message: String },
}

impl fmt::Display for HostErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoToken { hint } => write!(f, "no GitHub token: {hint}"),
            Self::BadToken { message, hint } => {
                write!(f, "GitHub refused the token (HTTP 401: {message}); {hint}")
            }
            Self::RateLimited { reset: Some(at) } => write!(
                f,
                "rate limited until {} (the token's GitHub API quota is used up; clearance does \
                 not retry: try again then)",
                at.with_timezone(&Local).format("%H:%M")
            ),
            Self::RateLimited { reset: None } => f.write_str(
                "rate limited (the token's GitHub API quota is used up; clearance does not \
                 retry: try again later)",
            ),
            Self::SecondaryRateLimit { retry_after } => {
                f.write_str("GitHub's secondary rate limit (too many requests in a short time): ")?;
                match retry_after {
                    Some(s) => write!(f, "wait {s} s before trying again"),
                    None => f.write_str("wait a few minutes before trying again"),
                }
            }
            Self::Forbidden { message, sso: true } => write!(
                f,
                "forbidden (HTTP 403: {message}); the organisation uses SAML SSO: authorise the \
                 token for it"
            ),
            Self::Forbidden {
                message,
                sso: false,
            } => write!(
                f,
                "forbidden (HTTP 403: {message}); the token lacks the permission (it needs \
                 contents, pull requests and issues write access to promote and comment)"
            ),
            Self::NotFound { message } => write!(
                f,
                "not found, or the token cannot see it (HTTP 404: {message}); check the \
                 repository name and that the token has access to it"
            ),
            Self::AlreadyExists { message } => write!(f, "already exists (HTTP 422: {message})"),
            Self::Invalid { message } => {
                write!(f, "GitHub refused the request (HTTP 422: {message})")
            }
            Self::Server { status, message } => write!(
                f,
                "GitHub failed (HTTP {status}: {message}); clearance does not retry: try again \
                 later"
            ),
            Self::Http { status, message } => write!(f, "GitHub answered HTTP {status}: {message}"),
            Self::Timeout { after } if after.subsec_millis() == 0 => {
                write!(f, "GitHub did not answer within {} s", after.as_secs())
            }
            Self::Timeout { after } => write!(
                f,
                "GitHub did not answer within {:.1} s",
                after.as_secs_f64()
            ),
            Self::Unreachable { detail } => write!(f, "cannot reach GitHub: {detail}"),
            Self::Decode { detail } => write!(f, "could not read GitHub's answer: {detail}"),
            Self::EndlessPaging { detail } => write!(
                f,
                "GitHub's pages did not end: {detail}; stopped (a proxy rewriting links?)"
            ),
            Self::Cut { detail } => write!(
                f,
                "GitHub was reached but its answer was cut short: {detail}; try again"
            ),
            Self::Config { message } => f.write_str(message),
        }
    }
}

/// Names an octocrab failure. `hint` says how to provide a token (for 401s).
pub(super) fn classify(e: &octocrab::Error, hint: &str) -> HostErrorKind {
    match e {
        octocrab::Error::GitHub { source, .. } => {
            let header = |k: &str| {
                source
                    .headers
                    .as_ref()
                    .and_then(|h| h.get(k))
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let message = github_message(source);
            let status = source.status_code.as_u16();
            let limited = matches!(status, 403 | 429);
            if limited && header("x-ratelimit-remaining").as_deref() == Some("0") {
                return HostErrorKind::RateLimited {
                    reset: source.rate_limit_reset_at(),
                };
            }
            let retry_after = header("retry-after").and_then(|s| s.trim().parse().ok());
            if limited
                && (retry_after.is_some()
                    || status == 429
                    || message.to_lowercase().contains("secondary rate limit"))
            {
                return HostErrorKind::SecondaryRateLimit { retry_after };
            }
            match status {
                401 => HostErrorKind::BadToken {
                    message,
                    hint: hint.to_owned(),
                },
                403 => HostErrorKind::Forbidden {
                    sso: header("x-github-sso").is_some(),
                    message,
                },
                404 => HostErrorKind::NotFound { message },
                422 if message.to_lowercase().contains("already exist") => {
                    HostErrorKind::AlreadyExists { message }
                }
                422 => HostErrorKind::Invalid { message },
                500..=599 => HostErrorKind::Server { status, message },
                _ => HostErrorKind::Http { status, message },
            }
        }
        octocrab::Error::Json { source, .. } => HostErrorKind::Decode {
            detail: format!("at '{}': {}", source.path(), source.inner()),
        },
        octocrab::Error::Serde { source, .. } => HostErrorKind::Decode {
            detail: source.to_string(),
        },
        other => {
            let detail = chain(other);
            if is_cut_short(&detail) {
                HostErrorKind::Cut { detail }
            } else {
                HostErrorKind::Unreachable { detail }
            }
        }
    }
}

/// GitHub's message with the messages of its `errors` (where the useful part of a 422 is).
fn github_message(e: &octocrab::GitHubError) -> String {
    let details: Vec<String> = e
        .errors
        .iter()
        .flatten()
        .filter_map(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(o) => o
                .get("message")
                .and_then(|m| m.as_str())
                .map(str::to_owned)
                .or_else(|| {
                    let field = o.get("field").and_then(|f| f.as_str())?;
                    let code = o.get("code").and_then(|c| c.as_str()).unwrap_or("invalid");
                    Some(format!("{field} {code}"))
                }),
            _ => None,
        })
        .collect();
    if details.is_empty() {
        e.message.clone()
    } else {
        format!("{}: {}", e.message, details.join("; "))
    }
}

/// Whether a transport failure happened after the answer began: hyper's words for a body
/// or head that ended before its length (the server was reached, the answer was cut).
pub fn is_cut_short(detail: &str) -> bool {
    let lower = detail.to_lowercase();
    [
        "incomplete message",
        "incompletemessage",
        "end of file before message length reached",
        "connection closed before message completed",
        "error decoding response body",
        "error reading a body from connection",
        "unexpected eof",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// An error and its causes on one line.
fn chain(e: &octocrab::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

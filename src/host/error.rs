//! A code host's failures, named so a person knows what to do: a bad token, a rate limit and
//! when it resets, a missing project, the host's own validation messages, an outage, a
//! timeout. The forge's name and its advice (which permission a token needs, where to
//! authorise it) come from the implementation.

use std::fmt;

use chrono::{DateTime, Local, Utc};

/// A failed code host operation: on which host, what was being done, and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct HostError {
    /// The forge's name, `GitHub`.
    pub host: &'static str,
    /// `listing open pull requests of acme/models`.
    pub op: String,
    pub kind: HostErrorKind,
}

impl HostError {
    pub fn new(host: &'static str, op: impl Into<String>, kind: HostErrorKind) -> Self {
        Self {
            host,
            op: op.into(),
            kind,
        }
    }

    /// Whether the thing being created already exists (a branch, a change request).
    pub fn already_exists(&self) -> bool {
        matches!(self.kind, HostErrorKind::AlreadyExists { .. })
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, HostErrorKind::NotFound { .. })
    }

    /// Whether the host refused the token itself (a new one may be found next time).
    pub fn is_bad_token(&self) -> bool {
        matches!(self.kind, HostErrorKind::BadToken { .. })
    }

    /// Whether trying again later could help (rate limits, outages, timeouts).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            HostErrorKind::RateLimited { .. }
                | HostErrorKind::Throttled { .. }
                | HostErrorKind::Server { .. }
                | HostErrorKind::Timeout { .. }
                | HostErrorKind::Unreachable { .. }
                | HostErrorKind::Cut { .. }
        )
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.op, self.kind.describe(self.host))
    }
}

/// Why a code host operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostErrorKind {
    /// No token in the environment or the forge's CLI.
    NoToken { hint: String },
    /// The token was refused (HTTP 401); `hint` says how to provide another.
    BadToken { message: String, hint: String },
    /// The token's quota is used up until `reset`.
    RateLimited { reset: Option<DateTime<Utc>> },
    /// Too many requests in a short time; `limit` names the forge's limit (GitHub's
    /// secondary rate limit), `retry_after` the seconds to wait when the host says.
    Throttled {
        limit: String,
        retry_after: Option<u64>,
    },
    /// The token may not do this (HTTP 403); `advice` says what it lacks.
    Forbidden { message: String, advice: String },
    /// Not there, or the token cannot see it (hosts answer 404 for both); `advice` says what
    /// to check.
    NotFound { message: String, advice: String },
    /// A branch or change request that is already there (GitHub: 422, GitLab: 409).
    AlreadyExists { status: u16, message: String },
    /// The host refused the request as invalid, with its messages.
    Invalid { status: u16, message: String },
    /// The host failed (HTTP 5xx).
    Server { status: u16, message: String },
    /// Any other HTTP status.
    Http { status: u16, message: String },
    /// No answer within the timeout.
    Timeout { after: std::time::Duration },
    /// No connection (refused, DNS, TLS).
    Unreachable { detail: String },
    /// The answer was not what the host documents.
    Decode { detail: String },
    /// A list's pages never end (a page named twice, or past the bound).
    EndlessPaging { detail: String },
    /// The host (or a proxy on the way) answered, but the answer stopped before its end.
    Cut { detail: String },
    /// The settings are unusable (no project, a bad API URL).
    Config { message: String },
}

impl HostErrorKind {
    /// The reason in words, naming the forge `host`.
    pub fn describe(&self, host: &str) -> String {
        match self {
            Self::NoToken { hint } => format!("no {host} token: {hint}"),
            Self::BadToken { message, hint } => {
                format!("{host} refused the token (HTTP 401: {message}); {hint}")
            }
            Self::RateLimited { reset: Some(at) } => format!(
                "rate limited until {} (the token's {host} API quota is used up; clearance does \
                 not retry: try again then)",
                at.with_timezone(&Local).format("%H:%M")
            ),
            Self::RateLimited { reset: None } => format!(
                "rate limited (the token's {host} API quota is used up; clearance does not \
                 retry: try again later)"
            ),
            Self::Throttled { limit, retry_after } => {
                let wait = match retry_after {
                    Some(s) => format!("wait {s} s before trying again"),
                    None => "wait a few minutes before trying again".to_owned(),
                };
                format!("{limit} (too many requests in a short time): {wait}")
            }
            Self::Forbidden { message, advice } => {
                format!("forbidden (HTTP 403: {message}); {advice}")
            }
            Self::NotFound { message, advice } => {
                format!("not found, or the token cannot see it (HTTP 404: {message}); {advice}")
            }
            Self::AlreadyExists { status, message } => {
                format!("already exists (HTTP {status}: {message})")
            }
            Self::Invalid { status, message } => {
                format!("{host} refused the request (HTTP {status}: {message})")
            }
            Self::Server { status, message } => format!(
                "{host} failed (HTTP {status}: {message}); clearance does not retry: try again \
                 later"
            ),
            Self::Http { status, message } => format!("{host} answered HTTP {status}: {message}"),
            Self::Timeout { after } if after.subsec_millis() == 0 => {
                format!("{host} did not answer within {} s", after.as_secs())
            }
            Self::Timeout { after } => {
                format!("{host} did not answer within {:.1} s", after.as_secs_f64())
            }
            Self::Unreachable { detail } => format!("cannot reach {host}: {detail}"),
            Self::Decode { detail } => format!("could not read {host}'s answer: {detail}"),
            Self::EndlessPaging { detail } => {
                format!("{host}'s pages did not end: {detail}; stopped (a proxy rewriting links?)")
            }
            Self::Cut { detail } => {
                format!("{host} was reached but its answer was cut short: {detail}; try again")
            }
            Self::Config { message } => message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn messages_name_the_operation_and_the_host() {
        let e = |kind| HostError::new("GitLab", "reading acme/ml/models", kind);
        assert_eq!(
            e(HostErrorKind::Timeout {
                after: Duration::from_millis(2500)
            })
            .to_string(),
            "reading acme/ml/models: GitLab did not answer within 2.5 s"
        );
        assert_eq!(
            e(HostErrorKind::AlreadyExists {
                status: 409,
                message: "Branch already exists".into()
            })
            .to_string(),
            "reading acme/ml/models: already exists (HTTP 409: Branch already exists)"
        );
        let throttled = e(HostErrorKind::Throttled {
            limit: "GitLab's rate limit".into(),
            retry_after: None,
        });
        assert!(throttled.is_transient());
        assert_eq!(
            throttled.to_string(),
            "reading acme/ml/models: GitLab's rate limit (too many requests in a short time): \
             wait a few minutes before trying again"
        );
    }
}

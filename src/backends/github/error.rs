//! GitHub's failures mapped to the code host's kinds ([`HostErrorKind`]), with GitHub's own
//! advice: its primary and secondary rate limits, SAML SSO, the permissions a token needs,
//! the messages inside a 422.

use std::error::Error as _;

use crate::host::HostErrorKind;

/// What a 403 without a rate limit means.
fn forbidden_advice(sso: bool) -> String {
    if sso {
        "the organisation uses SAML SSO: authorise the token for it".to_owned()
    } else {
        "the token lacks the permission (it needs contents, pull requests and issues write \
         access to promote and comment)"
            .to_owned()
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
                return HostErrorKind::Throttled {
                    limit: "GitHub's secondary rate limit".to_owned(),
                    retry_after,
                };
            }
            match status {
                401 => HostErrorKind::BadToken {
                    message,
                    hint: hint.to_owned(),
                },
                403 => HostErrorKind::Forbidden {
                    advice: forbidden_advice(header("x-github-sso").is_some()),
                    message,
                },
                404 => HostErrorKind::NotFound {
                    message,
                    advice: "check the repository name and that the token has access to it"
                        .to_owned(),
                },
                422 if message.to_lowercase().contains("already exist") => {
                    HostErrorKind::AlreadyExists { status, message }
                }
                422 => HostErrorKind::Invalid { status, message },
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

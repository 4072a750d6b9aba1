//! One GraphQL request: Basic auth `api:<key>`, bounded retries, and every way it can fail
//! named. W&B answers GraphQL errors with HTTP 200 and an `errors` list; rate limits with 429
//! and `RateLimit-Reset` (seconds, draft-polli-ratelimit-headers-02, also in the newer
//! `RateLimit: …;t=N` form) or `Retry-After`.
//!
//! What is retried: 429 when the wait W&B asks for is at most `RetryPolicy::max_wait`, and
//! 500/502/503/504 with exponential backoff, up to `RetryPolicy::attempts` tries in all.
//! clearance's mutations (add and delete an alias, replace metadata, set the tag list) leave
//! the same state when repeated, so retrying them after a 5xx is safe. Connection failures
//! and timeouts are not retried: the message says so at once.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::WandbClient;
use super::dto::{Envelope, GqlError};
use crate::store::BackendError;

/// Words in a GraphQL error that mean "you may not" (W&B's messages are not typed).
const PERMISSION_WORDS: &[&str] = &[
    "permission",
    "not authorized",
    "unauthorized",
    "forbidden",
    "access denied",
    "not allowed",
];

impl WandbClient {
    /// Sends `document` as operation `op` and reads `data` as `T`.
    pub(super) async fn query<T: DeserializeOwned>(
        &self,
        op: &str,
        document: &str,
        variables: Value,
    ) -> Result<T, BackendError> {
        let body = json!({"query": document, "variables": variables, "operationName": op});
        let policy = self.settings.retry;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            tracing::debug!(op, attempt, "wandb request");
            let resp = self
                .http
                .post(&self.endpoint)
                .basic_auth("api", Some(self.settings.api_key.expose()))
                .json(&body)
                .send()
                .await
                .map_err(|e| self.transport_error(&e))?;
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let bytes = crate::backends::http::body(resp).await.map_err(|e| {
                e.into_backend(&self.target, |e| {
                    BackendError::cut(&self.target, self.settings.timeout, e)
                })
            })?;
            log_remaining(op, &headers);
            let retry_in = match status {
                429 => {
                    let wait = reset_after(&headers, now_epoch());
                    let wait_for = wait.unwrap_or_else(|| backoff(policy.backoff, attempt));
                    if wait_for > policy.max_wait {
                        return Err(BackendError::RateLimited {
                            target: self.target.clone(),
                            detail: format!(
                                "the limit resets in {} s, longer than clearance waits by itself \
                                 ({} s); try again then",
                                secs(wait_for),
                                secs(policy.max_wait)
                            ),
                        });
                    }
                    if attempt >= policy.attempts {
                        return Err(BackendError::RateLimited {
                            target: self.target.clone(),
                            detail: format!(
                                "still limited after {attempt} tries; the limit resets in {} s",
                                secs(wait_for)
                            ),
                        });
                    }
                    tracing::warn!(
                        op,
                        "rate limited by {}; retrying in {} s",
                        self.target,
                        secs(wait_for)
                    );
                    wait_for
                }
                500 | 502 | 503 | 504 if attempt < policy.attempts => {
                    let wait = backoff(policy.backoff, attempt);
                    tracing::warn!(
                        op,
                        status,
                        "{} failed; retrying in {} ms",
                        self.target,
                        wait.as_millis()
                    );
                    wait
                }
                200..=299 => return self.read_answer(op, &bytes),
                _ => return Err(self.http_error(op, status, &bytes, attempt)),
            };
            tokio::time::sleep(retry_in).await;
        }
    }

    fn read_answer<T: DeserializeOwned>(&self, op: &str, bytes: &[u8]) -> Result<T, BackendError> {
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
            let text = String::from_utf8_lossy(bytes);
            BackendError::Decode {
                what: format!("{}'s answer to {op}", self.target),
                detail: if text.trim_start().starts_with('<') {
                    "an HTML page instead of GraphQL JSON: is the W&B address the API's \
                     (https://api.wandb.ai, or your server's own address)?"
                        .to_owned()
                } else {
                    format!("not JSON: {e}")
                },
            }
        })?;
        if !envelope.errors.is_empty() {
            return Err(self.graphql_error(op, &envelope.errors));
        }
        let data = envelope.data.ok_or_else(|| BackendError::Decode {
            what: format!("{}'s answer to {op}", self.target),
            detail: "neither data nor errors".to_owned(),
        })?;
        serde_path_to_error::deserialize(data).map_err(|e| BackendError::Decode {
            what: format!("{}'s answer to {op}", self.target),
            detail: format!("at '{}': {}", e.path(), e.inner()),
        })
    }

    /// GraphQL errors (HTTP 200): permission refusals, things that do not exist, and the
    /// rest (a filter W&B cannot read, say), each with W&B's own words.
    fn graphql_error(&self, op: &str, errors: &[GqlError]) -> BackendError {
        let message = errors
            .iter()
            .map(|e| e.message.trim())
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let lower = message.to_lowercase();
        if PERMISSION_WORDS.iter().any(|w| lower.contains(w)) {
            BackendError::Forbidden {
                target: self.target.clone(),
                message: format!("{op}: {message}"),
            }
        } else if lower.contains("not found") || lower.contains("does not exist") {
            BackendError::NotFound(format!("{} answered {op}: {message}", self.target))
        } else {
            BackendError::InvalidRequest(format!("{} rejected {op}: {message}", self.target))
        }
    }

    fn http_error(&self, op: &str, status: u16, body: &[u8], attempt: u32) -> BackendError {
        let text = String::from_utf8_lossy(body);
        let from_json = serde_json::from_slice::<Envelope>(body)
            .ok()
            .map(|e| {
                e.errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .filter(|m| !m.is_empty());
        let message = from_json.unwrap_or_else(|| {
            if text.trim_start().starts_with('<') && (500..=599).contains(&status) {
                crate::store::gateway_page(&text, "W&B")
            } else if text.trim_start().starts_with('<') {
                format!("an HTML page instead of GraphQL JSON for {op}")
            } else {
                text.trim().chars().take(300).collect()
            }
        });
        match status {
            401 => BackendError::Unauthorized {
                target: self.target.clone(),
                status,
                message: format!(
                    "{message} (the API key from {} was refused: check WANDB_API_KEY or run \
                     `wandb login`)",
                    self.settings.key_origin
                ),
            },
            403 => BackendError::Forbidden {
                target: self.target.clone(),
                message: format!("{op}: {message}"),
            },
            _ => BackendError::Api {
                target: self.target.clone(),
                status,
                code: if attempt > 1 {
                    format!(" after {attempt} tries")
                } else {
                    String::new()
                },
                message: format!("{op}: {message}"),
            },
        }
    }

    fn transport_error(&self, e: &reqwest::Error) -> BackendError {
        BackendError::transport(&self.target, self.settings.timeout, e)
    }
}

/// The wait before try `attempt + 1`: `base`, doubled each time, at most 30 s.
fn backoff(base: Duration, attempt: u32) -> Duration {
    base.saturating_mul(1 << attempt.saturating_sub(1).min(6))
        .min(Duration::from_secs(30))
}

fn secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

fn now_epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn log_remaining(op: &str, headers: &HeaderMap) {
    let remaining = header_text(headers, "ratelimit-remaining")
        .or_else(|| header_text(headers, "x-ratelimit-remaining"))
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(r) = remaining.filter(|r| *r < 10) {
        tracing::info!(op, remaining = r, "W&B rate limit nearly used up");
    }
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
}

/// How long W&B asks to wait, from `RateLimit-Reset` (seconds; a value past 10^9 is read as a
/// Unix time), `X-RateLimit-Reset`, the structured `RateLimit: …;t=N`, or `Retry-After`
/// (seconds or an HTTP date). `now` is the current Unix time.
pub fn reset_after(headers: &HeaderMap, now: u64) -> Option<Duration> {
    let seconds = |v: &str| -> Option<u64> {
        let n = v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)?;
        let n = n.ceil() as u64;
        Some(if n > 1_000_000_000 {
            n.saturating_sub(now)
        } else {
            n
        })
    };
    for name in ["ratelimit-reset", "x-ratelimit-reset"] {
        if let Some(n) = header_text(headers, name).and_then(seconds) {
            return Some(Duration::from_secs(n));
        }
    }
    if let Some(n) = header_text(headers, "ratelimit").and_then(|v| {
        v.split([';', ','])
            .filter_map(|p| p.trim().strip_prefix("t="))
            .find_map(seconds)
    }) {
        return Some(Duration::from_secs(n));
    }
    let retry = header_text(headers, "retry-after")?;
    if let Some(n) = seconds(retry) {
        return Some(Duration::from_secs(n));
    }
    let at = chrono::DateTime::parse_from_rfc2822(retry.trim()).ok()?;
    let at = u64::try_from(at.timestamp()).ok()?;
    Some(Duration::from_secs(at.saturating_sub(now)))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const NOW: u64 = 1_790_000_000;

    #[rstest]
    #[case::delta_seconds(&[("RateLimit-Reset", "12")], Some(12))]
    #[case::fraction_rounds_up(&[("RateLimit-Reset", "0.2")], Some(1))]
    #[case::unix_time(&[("RateLimit-Reset", "1790000030")], Some(30))]
    #[case::unix_time_past(&[("RateLimit-Reset", "1789999990")], Some(0))]
    #[case::legacy(&[("X-RateLimit-Reset", "7")], Some(7))]
    #[case::structured(&[("RateLimit", "\"default\";r=0;t=9")], Some(9))]
    #[case::retry_after(&[("Retry-After", "5")], Some(5))]
    #[case::retry_after_date(&[("Retry-After", "Mon, 21 Sep 2026 14:27:00 GMT")], Some(1_790_000_820 - NOW))]
    #[case::reset_wins(&[("RateLimit-Reset", "3"), ("Retry-After", "60")], Some(3))]
    #[case::garbage(&[("RateLimit-Reset", "soon")], None)]
    #[case::none(&[], None)]
    fn reads_reset_headers(#[case] pairs: &[(&'static str, &str)], #[case] want: Option<u64>) {
        assert_eq!(
            reset_after(&headers(pairs), NOW),
            want.map(Duration::from_secs)
        );
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let base = Duration::from_millis(500);
        assert_eq!(backoff(base, 1), Duration::from_millis(500));
        assert_eq!(backoff(base, 2), Duration::from_secs(1));
        assert_eq!(backoff(base, 3), Duration::from_secs(2));
        assert_eq!(backoff(base, 40), Duration::from_secs(30));
    }
}

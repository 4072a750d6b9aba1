//! A lease that makes alias moves over MLflow's REST API exclusive between clearance
//! processes. MLflow has no conditional alias write, but creating a registered model is
//! atomic (a second create of the same name answers `RESOURCE_ALREADY_EXISTS`), and so is
//! renaming one (onto a taken name: the same answer). The lease is a registered model named
//! `clearance.lease.<model>.<alias>`, created before the check-and-write and deleted after.
//!
//! * Its tags name the holder (a token unique to one acquisition) and its lifetime `ttl`.
//! * A holder sends a write only while `elapsed + request timeout < ttl`, measured on its own
//!   clock from before it sent the create, and releases (deletes) only on the same terms; past
//!   that it stops and leaves the lease to expire.
//! * A lease is expired when the server's clock (the `Date` of the answer that showed it) is
//!   more than `ttl` past its `creation_timestamp` (the server's clock too), or when this
//!   process has seen the same holder for more than `ttl` (no `Date` header). Either way the
//!   holder's last write has landed by then.
//! * Taking an expired lease over is a rename of it to `<lease>~<holder>`: only one taker's
//!   rename succeeds, and a late taker's rename (sent on a stale read) cannot hit a newer
//!   lease while that name exists, which it does until every rename sent on a read of the
//!   old lease has landed (two lease-request timeouts); then it is deleted.
//!
//! The README's "Promotion is safe" section argues this in full.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::MlflowClient;
use super::dto::{GetModelResponse, RegisteredModelDto};
use crate::domain::fingerprint::fnv1a;
use crate::store::{BackendError, LEASE_MODEL_PREFIX};

/// Timeout of each lease request (create, read, rename, delete): small bodies, and the
/// takeover's safety wait is two of them.
const LEASE_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts to delete a lease after use (a busy server may fail one).
const RELEASE_ATTEMPTS: u32 = 3;
/// How long to wait for another process's live lease before refusing.
const WAIT_FOR_LEASE: Duration = Duration::from_secs(20);
/// Tag keys on the lease.
const HOLDER_TAG: &str = "clearance.lease.holder";
const TTL_TAG: &str = "clearance.lease.ttl_ms";
/// MLflow's limit on registered model names is 256 characters.
const MAX_NAME: usize = 250;

/// A held lease.
#[derive(Debug)]
pub(super) struct Lease {
    name: String,
    token: String,
    /// Just before the create was sent: the holder's clock starts here.
    taken: Instant,
    ttl: Duration,
    /// Expired leases this process renamed away while acquiring, with when: deleted once no
    /// late taker can still rename onto a newer lease.
    graves: Vec<(String, Instant)>,
}

impl Lease {
    /// Whether a request sent now (taking at most `timeout`) lands before the lease can
    /// expire for anyone.
    pub(super) fn may_send(&self, timeout: Duration) -> bool {
        self.taken.elapsed() + timeout < self.ttl
    }

    /// The lease's registered model.
    pub(super) fn name(&self) -> &str {
        &self.name
    }
}

/// `clearance.lease.<model>.<alias>` (aliases have no dots, so this is unambiguous), or a hash
/// of it when that is longer than MLflow allows.
pub(super) fn lease_name(model: &str, alias: &str) -> String {
    bounded(format!("{LEASE_MODEL_PREFIX}{model}.{alias}"))
}

/// Where an expired lease of `holder` is renamed to: one name per lease and holder.
fn grave_name(lease: &str, holder: &str) -> String {
    bounded(format!("{lease}~{holder}"))
}

fn bounded(name: String) -> String {
    if name.len() <= MAX_NAME {
        name
    } else {
        format!("{LEASE_MODEL_PREFIX}{:016x}", fnv1a(name.bytes()))
    }
}

/// A token for one acquisition: process, time and a counter.
fn new_token() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A short pause between attempts, different per process so that waiters spread out.
fn jitter() -> Duration {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    Duration::from_millis(30 + u64::from((nanos ^ std::process::id()) % 120))
}

/// A lease as read from the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    holder: String,
    created_ms: Option<i64>,
    ttl: Duration,
}

impl Seen {
    fn from_dto(dto: &RegisteredModelDto, default_ttl: Duration) -> Self {
        let tag = |k: &str| {
            dto.tags
                .iter()
                .find(|t| t.key == k)
                .map(|t| t.value.clone())
        };
        Self {
            holder: tag(HOLDER_TAG).unwrap_or_default(),
            created_ms: dto.creation_timestamp,
            ttl: tag(TTL_TAG)
                .and_then(|v| v.parse::<u64>().ok())
                .map_or(default_ttl, Duration::from_millis),
        }
    }

    /// Expired by the server's clock (`server_now`, the `Date` of the answer that showed it),
    /// or by this process having watched the same holder for longer than the lease lives.
    fn expired(&self, server_now: Option<DateTime<Utc>>, watched: Duration) -> bool {
        let ttl_ms = i64::try_from(self.ttl.as_millis()).unwrap_or(i64::MAX);
        let by_server = match (self.created_ms, server_now) {
            (Some(created), Some(now)) => now.timestamp_millis() - created > ttl_ms,
            _ => false,
        };
        by_server || watched > self.ttl
    }
}

/// How a lease request ended, with the server's clock from its answer.
struct Answer<T> {
    body: T,
    date: Option<DateTime<Utc>>,
}

/// A server error answer (MLflow rolls its transaction back); not a timeout or a broken
/// connection, whose request may still land.
fn surely_not_applied(e: &BackendError) -> bool {
    matches!(e, BackendError::Api { status, .. } if *status >= 500)
}

fn is_taken(e: &BackendError) -> bool {
    matches!(e, BackendError::Api { code, .. } if code.trim() == "RESOURCE_ALREADY_EXISTS")
}

impl MlflowClient {
    /// The lifetime of the leases this client takes: long enough for a check, a write and
    /// its slowest answer, with room to spare.
    fn lease_ttl(&self) -> Duration {
        // Saturating: an absurd configured timeout must not overflow (it gives an endless
        // lease, which a person can still delete by hand).
        self.settings
            .timeout
            .saturating_mul(2)
            .saturating_add(Duration::from_secs(30))
    }

    async fn lease_call<T: DeserializeOwned + Default>(
        &self,
        method: reqwest::Method,
        endpoint: &str,
        body: &serde_json::Value,
    ) -> Result<Answer<T>, BackendError> {
        let url = self.url(endpoint);
        let req = if method == reqwest::Method::GET {
            let name = body["name"].as_str().unwrap_or_default().to_owned();
            self.http.get(url).query(&[("name", name)])
        } else {
            self.http.request(method, url).json(body)
        };
        let req = self.authorize(req).timeout(LEASE_REQUEST_TIMEOUT);
        tracing::debug!(endpoint, "mlflow lease request");
        let resp = req
            .send()
            .await
            .map_err(|e| BackendError::transport(&self.target, LEASE_REQUEST_TIMEOUT, &e))?;
        let date = resp
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .map(|d| d.with_timezone(&Utc));
        let status = resp.status();
        let bytes = crate::backends::http::body(resp).await.map_err(|e| {
            e.into_backend(&self.target, |e| {
                BackendError::transport(&self.target, LEASE_REQUEST_TIMEOUT, e)
            })
        })?;
        if !status.is_success() {
            return Err(self.api_error(endpoint, status.as_u16(), &bytes));
        }
        let body = if bytes.iter().all(u8::is_ascii_whitespace) {
            T::default()
        } else {
            serde_json::from_slice(&bytes).map_err(|e| BackendError::Decode {
                what: format!("{}'s answer to {endpoint}", self.target),
                detail: e.to_string(),
            })?
        };
        Ok(Answer { body, date })
    }

    async fn create_lease(
        &self,
        name: &str,
        token: &str,
        model: &str,
        alias: &str,
    ) -> Result<(), BackendError> {
        let ttl = self.lease_ttl();
        let body = json!({
            "name": name,
            "description": format!(
                "A lock, not a model: clearance holds it while it moves @{alias} of '{model}' \
                 and deletes it when done. One older than {} s was left by a clearance process \
                 that stopped; the next promotion takes it over, or delete it.",
                ttl.as_secs()
            ),
            "tags": [
                {"key": HOLDER_TAG, "value": token},
                {"key": TTL_TAG, "value": ttl.as_millis().to_string()},
            ],
        });
        self.lease_call::<serde_json::Value>(
            reqwest::Method::POST,
            "registered-models/create",
            &body,
        )
        .await
        .map(|_| ())
    }

    /// The lease named `name`, if it exists, with the server's clock.
    async fn read_lease(
        &self,
        name: &str,
    ) -> Result<Option<(Seen, Option<DateTime<Utc>>)>, BackendError> {
        match self
            .lease_call::<GetModelResponse>(
                reqwest::Method::GET,
                "registered-models/get",
                &json!({ "name": name }),
            )
            .await
        {
            Ok(a) => Ok(a
                .body
                .registered_model
                .map(|dto| (Seen::from_dto(&dto, self.lease_ttl()), a.date))),
            Err(BackendError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete_model_named(&self, name: &str) -> Result<(), BackendError> {
        match self
            .lease_call::<serde_json::Value>(
                reqwest::Method::DELETE,
                "registered-models/delete",
                &json!({ "name": name }),
            )
            .await
        {
            Ok(_) | Err(BackendError::NotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn rename_model(&self, from: &str, to: &str) -> Result<(), BackendError> {
        self.lease_call::<serde_json::Value>(
            reqwest::Method::POST,
            "registered-models/rename",
            &json!({ "name": from, "new_name": to }),
        )
        .await
        .map(|_| ())
    }

    /// Takes the lease on `@alias` of `model`, waiting for a live holder up to
    /// [`WAIT_FOR_LEASE`] and taking over an expired one.
    pub(super) async fn acquire_lease(
        &self,
        model: &str,
        alias: &str,
    ) -> Result<Lease, BackendError> {
        let name = lease_name(model, alias);
        let token = new_token();
        let started = Instant::now();
        let mut graves: Vec<(String, Instant)> = Vec::new();
        // The holder this process has been watching, and since when.
        let mut watching: Option<(String, Instant)> = None;
        let outcome = loop {
            let create_sent = Instant::now();
            match self.create_lease(&name, &token, model, alias).await {
                Ok(()) => break Ok(create_sent),
                Err(e) if is_taken(&e) => {}
                // MLflow answers a create that collided with a lease deleted right after (it
                // looks the existing one up to word its error) with "not found": try again.
                Err(BackendError::NotFound(e)) => {
                    // Bounded like any wait: a server that always answers so is refused.
                    if started.elapsed() > WAIT_FOR_LEASE {
                        break Err(BackendError::NotFound(e));
                    }
                    tokio::time::sleep(jitter()).await;
                    continue;
                }
                Err(e) => break Err(e),
            }
            let read_sent = Instant::now();
            let (seen, server_now) = match self.read_lease(&name).await {
                Ok(Some(s)) => s,
                // Released in between: try again at once.
                Ok(None) => continue,
                Err(e) => break Err(e),
            };
            let since = match &watching {
                Some((h, since)) if *h == seen.holder => *since,
                _ => {
                    watching = Some((seen.holder.clone(), read_sent));
                    read_sent
                }
            };
            // A rename may only be sent soon after the read it rests on (see the module docs).
            if seen.expired(server_now, read_sent.duration_since(since))
                && read_sent.elapsed() < LEASE_REQUEST_TIMEOUT
            {
                match self.take_over(&name, &seen.holder).await {
                    Ok(grave) => graves.push((grave, Instant::now())),
                    // Another taker was first, or the lease is gone: start over.
                    Err(e) if is_taken(&e) || matches!(e, BackendError::NotFound(_)) => {}
                    Err(e) => break Err(e),
                }
                continue;
            }
            if started.elapsed() > WAIT_FOR_LEASE {
                let age = match (seen.created_ms, server_now) {
                    (Some(c), Some(now)) => {
                        format!(
                            ", taken {} s ago",
                            (now.timestamp_millis() - c).max(0) / 1000
                        )
                    }
                    _ => String::new(),
                };
                break Err(BackendError::Busy(format!(
                    "another clearance process is moving @{alias} of '{model}' (it holds the \
                     lease '{name}'{age}; a lease lives {} s): try again later",
                    seen.ttl.as_secs()
                )));
            }
            tokio::time::sleep(jitter()).await;
        };
        match outcome {
            Ok(create_sent) => Ok(Lease {
                name,
                token,
                taken: create_sent,
                ttl: self.lease_ttl(),
                graves,
            }),
            Err(e) => {
                self.bury(graves).await;
                Err(e)
            }
        }
    }

    /// Renames the expired lease of `holder` out of the way; the grave's name on success.
    async fn take_over(&self, name: &str, holder: &str) -> Result<String, BackendError> {
        let grave = grave_name(name, holder);
        self.rename_model(name, &grave).await?;
        // Under the timing the module docs state, what was renamed is the expired lease; if
        // it is not, put it back and stop rather than hold a lease someone else holds.
        let moved = self.read_lease(&grave).await?;
        if moved.as_ref().is_some_and(|(s, _)| s.holder != holder) {
            let back = self.rename_model(&grave, name).await;
            return Err(BackendError::Store(format!(
                "taking over the expired lease '{name}' renamed a live one (held by another \
                 clearance process); it was {} renamed back",
                if back.is_ok() { "" } else { "not" }
            )));
        }
        tracing::warn!(lease = name, holder, "took over an expired lease");
        Ok(grave)
    }

    /// Deletes the graves of leases taken over, once no rename sent on a read of the old
    /// lease can still land.
    async fn bury(&self, graves: Vec<(String, Instant)>) {
        for (grave, renamed) in graves {
            let safe = renamed + LEASE_REQUEST_TIMEOUT * 2;
            tokio::time::sleep(safe.saturating_duration_since(Instant::now())).await;
            if let Err(e) = self.delete_model_named(&grave).await {
                tracing::warn!(grave, error = %e, "could not delete a taken-over lease");
            }
        }
    }

    /// Deletes the lease while it is surely still this process's; otherwise leaves it to
    /// expire (a later promotion takes it over).
    pub(super) async fn release_lease(&self, lease: Lease) {
        let mut attempt = 0;
        loop {
            if !lease.may_send(LEASE_REQUEST_TIMEOUT) {
                tracing::warn!(
                    lease = lease.name,
                    token = lease.token,
                    "held the lease too long to delete it safely; it expires by itself"
                );
                break;
            }
            attempt += 1;
            match self.delete_model_named(&lease.name).await {
                Ok(()) => break,
                // Only a delete that surely did not happen is sent again: one that may have
                // landed could, sent again, delete the next holder's lease.
                Err(e) if attempt < RELEASE_ATTEMPTS && surely_not_applied(&e) => {
                    tracing::debug!(lease = lease.name, error = %e, "deleting the lease again");
                    tokio::time::sleep(jitter()).await;
                }
                Err(e) => {
                    tracing::warn!(lease = lease.name, error = %e, "could not delete the lease");
                    break;
                }
            }
        }
        self.bury(lease.graves).await;
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn names_are_per_model_and_alias_and_fit_mlflow() {
        assert_eq!(
            lease_name("fraud-classifier", "production"),
            "clearance.lease.fraud-classifier.production"
        );
        let long = "m".repeat(300);
        let name = lease_name(&long, "production");
        assert!(
            name.len() <= MAX_NAME && name.starts_with(LEASE_MODEL_PREFIX),
            "{name}"
        );
        assert_ne!(name, lease_name(&long, "staging"));
        assert_eq!(name, lease_name(&long, "production"), "stable");
        let grave = grave_name(&lease_name("m", "a"), "123-abc-0");
        assert_eq!(grave, "clearance.lease.m.a~123-abc-0");
        assert!(crate::store::is_lease_model(&grave));
    }

    #[test]
    fn expiry_by_the_server_clock_or_by_watching() {
        let seen = Seen {
            holder: "h".into(),
            created_ms: Some(1_000_000),
            ttl: Duration::from_secs(90),
        };
        let at = |ms: i64| DateTime::from_timestamp_millis(ms);
        assert!(!seen.expired(at(1_000_000 + 90_000), Duration::ZERO));
        assert!(seen.expired(at(1_000_000 + 91_000), Duration::ZERO));
        assert!(!seen.expired(None, Duration::from_secs(89)));
        assert!(seen.expired(None, Duration::from_secs(91)));
        let no_stamp = Seen {
            created_ms: None,
            ..seen
        };
        assert!(!no_stamp.expired(at(i64::MAX / 2), Duration::from_secs(1)));
    }

    #[test]
    fn a_holder_stops_sending_before_its_lease_can_expire() {
        let lease = Lease {
            name: "l".into(),
            token: "t".into(),
            taken: Instant::now(),
            ttl: Duration::from_secs(90),
            graves: Vec::new(),
        };
        assert!(lease.may_send(Duration::from_secs(30)));
        assert!(!lease.may_send(Duration::from_secs(90)));
    }
}

//! Writes over REST: alias moves (under a lease, checked just before writing, watched while in
//! flight, read back after), version and run tags.

use std::time::Duration;

use async_trait::async_trait;
use serde::Deserialize;
use serde_json::json;

use super::MlflowClient;
use super::dto::GetModelResponse;
use super::lease::Lease;
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, Writer};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AliasVersion {
    model_version: Option<VersionOnly>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct VersionOnly {
    version: String,
}

/// Answers of write endpoints: `{}`.
#[derive(Debug, Default, Deserialize)]
struct Empty {}

impl MlflowClient {
    /// Where an alias points now; `None` when it is unset (MLflow answers 400 for that).
    pub async fn alias_target(
        &self,
        model: &str,
        alias: &str,
    ) -> Result<Option<VersionId>, BackendError> {
        let q = [("name", model.to_owned()), ("alias", alias.to_owned())];
        match self
            .get::<AliasVersion>("registered-models/alias", &q)
            .await
        {
            Ok(r) => Ok(r.model_version.map(|v| VersionId::new(v.version))),
            Err(BackendError::InvalidRequest(msg))
                if msg.contains("alias") && msg.contains("not found") =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// How often the alias is first read while this process's own write is in flight.
const WATCH_EVERY: Duration = Duration::from_millis(40);
/// The longest wait between two reads while the write is in flight.
const WATCH_AT_MOST_EVERY: Duration = Duration::from_secs(1);

fn label(v: Option<&VersionId>) -> String {
    v.map_or_else(|| "unset".to_owned(), VersionId::label)
}

impl MlflowClient {
    /// Where `alias` of `model` points, from the registered model (a different endpoint from
    /// the write's, so reading never queues behind it).
    async fn alias_now(&self, model: &str, alias: &str) -> Result<Option<VersionId>, BackendError> {
        let resp: GetModelResponse = self
            .get("registered-models/get", &[("name", model.to_owned())])
            .await?;
        Ok(resp.registered_model.and_then(|m| {
            m.aliases
                .into_iter()
                .find(|a| a.alias == alias)
                .map(|a| VersionId::new(a.version))
        }))
    }

    /// The check, the write and the verification, under the lease.
    async fn move_alias_leased(
        &self,
        lease: &Lease,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        let actual = self.alias_target(model, alias).await?;
        if actual.as_ref() != expected {
            return Err(BackendError::alias_moved(
                model,
                alias,
                expected,
                actual.as_ref(),
            ));
        }
        if !lease.may_send(self.settings.timeout) {
            return Err(BackendError::Busy(format!(
                "the lease '{}' on @{alias} of '{model}' ran out before the write could be sent \
                 (the server is slow); nothing was written: try again",
                lease.name()
            )));
        }
        // The version travels as a string: MLflow rejects a number here.
        let body = json!({"name": model, "alias": alias, "version": to.as_str()});
        // While the write is in flight, watch the alias: another writer's move that shows up
        // (neither the checked version nor ours) would be overwritten without a trace.
        let mut foreign: Option<Option<VersionId>> = None;
        let written = {
            let post = self.post::<Empty, _>("registered-models/alias", &body);
            tokio::pin!(post);
            let watch = async {
                // Closely at first, when a racing write is likeliest, then backing off to
                // once a second, so a slow server is not flooded while it is slow.
                let watched = std::time::Instant::now();
                let mut every = WATCH_EVERY;
                while watched.elapsed() <= self.settings.timeout {
                    tokio::time::sleep(every).await;
                    every = (every * 2).min(WATCH_AT_MOST_EVERY);
                    if let Ok(now) = self.alias_now(model, alias).await
                        && now.as_ref() != expected
                        && now.as_ref() != Some(to)
                    {
                        foreign = Some(now);
                    }
                }
            };
            tokio::select! {
                r = &mut post => r,
                () = watch => post.await,
            }
        };
        if let Err(e) = written {
            // The write may have landed anyway (a timeout or a cut answer): with another
            // writer's move seen meanwhile, one of the two moves is lost, whichever landed.
            if let Some(seen) = foreign {
                return Err(BackendError::Interleaved {
                    what: format!("@{alias} of '{model}'"),
                    detail: format!(
                        "the store answered clearance's move {} → {} with an error ({e}), and \
                         another writer moved it to {} meanwhile",
                        label(expected),
                        to.label(),
                        label(seen.as_ref())
                    ),
                });
            }
            return Err(e);
        }
        let after = self.alias_now(model, alias).await?;
        let what = format!("@{alias} of '{model}'");
        let planned = format!("{} → {}", label(expected), to.label());
        if after.as_ref() != Some(to) {
            return Err(BackendError::Interleaved {
                what,
                detail: format!(
                    "clearance moved it {planned}, and another writer moved it right after: it \
                     now points at {}",
                    label(after.as_ref())
                ),
            });
        }
        if let Some(seen) = foreign {
            return Err(BackendError::Interleaved {
                what,
                detail: format!(
                    "another writer moved it to {} while clearance's move {planned} was in \
                     flight, and clearance's move landed after it: it now points at {}, and \
                     the other move is lost",
                    label(seen.as_ref()),
                    to.label()
                ),
            });
        }
        Ok(())
    }
}

#[async_trait]
impl Writer for MlflowClient {
    fn verifies_moves(&self) -> bool {
        true
    }

    /// Under the lease on `@alias` of `model` (module `lease`): check, write while watching,
    /// read back; then release the lease.
    async fn move_alias(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        let lease = self.acquire_lease(model, alias).await?;
        let result = self
            .move_alias_leased(&lease, model, alias, expected, to)
            .await;
        self.release_lease(lease).await;
        result
    }

    async fn delete_alias(&self, model: &str, alias: &str) -> Result<(), BackendError> {
        let body = json!({"name": model, "alias": alias});
        self.delete::<Empty, _>("registered-models/alias", &body)
            .await
            .map(|_| ())
    }

    async fn set_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
        value: &str,
    ) -> Result<(), BackendError> {
        let body = json!({"name": model, "version": version.as_str(), "key": key, "value": value});
        self.post::<Empty, _>("model-versions/set-tag", &body)
            .await
            .map(|_| ())
    }

    async fn delete_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
    ) -> Result<(), BackendError> {
        let body = json!({"name": model, "version": version.as_str(), "key": key});
        self.delete::<Empty, _>("model-versions/delete-tag", &body)
            .await
            .map(|_| ())
    }

    fn keeps_model_tags(&self) -> bool {
        true
    }

    async fn set_model_tag(&self, model: &str, key: &str, value: &str) -> Result<(), BackendError> {
        let body = json!({"name": model, "key": key, "value": value});
        self.post::<Empty, _>("registered-models/set-tag", &body)
            .await
            .map(|_| ())
    }

    async fn delete_model_tag(&self, model: &str, key: &str) -> Result<(), BackendError> {
        let body = json!({"name": model, "key": key});
        match self
            .delete::<Empty, _>("registered-models/delete-tag", &body)
            .await
        {
            Ok(_) => Ok(()),
            // Deleting a tag that is not there is what the caller wanted.
            Err(BackendError::InvalidRequest(m) | BackendError::NotFound(m))
                if m.contains("No tag") || m.contains("not found") && m.contains(key) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    async fn set_run_tag(&self, run: &RunId, key: &str, value: &str) -> Result<(), BackendError> {
        let body = json!({"run_id": run.as_str(), "key": key, "value": value});
        self.post::<Empty, _>("runs/set-tag", &body)
            .await
            .map(|_| ())
    }

    async fn delete_run_tag(&self, run: &RunId, key: &str) -> Result<(), BackendError> {
        let body = json!({"run_id": run.as_str(), "key": key});
        match self.post::<Empty, _>("runs/delete-tag", &body).await {
            Ok(_) => Ok(()),
            // Deleting a tag that is not there is what the caller wanted.
            Err(BackendError::InvalidRequest(m) | BackendError::NotFound(m))
                if m.contains("No tag") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

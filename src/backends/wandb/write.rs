//! Writes: alias moves (checked just before, verified just after), version tags as metadata
//! entries, run tags as W&B's label tags.
//!
//! * `move_alias` reads the collection, refuses with [`BackendError::Conflict`] when the alias
//!   is no longer where the reviewer saw it, sends `AddAliases` for the new version (W&B takes
//!   the alias off the old one: one version per alias in a collection), then reads again until
//!   the new version shows it and removes it from any other version still holding it (by that
//!   version's artifact id, as the SDK removes aliases; a read that does not show the move yet
//!   is never trusted to say where else the alias is). GraphQL has no conditional
//!   write, so the check is a read just before the write, as over MLflow's REST API.
//! * A refusal of an alias change in a registry means a protected alias (W&B lets only
//!   registry admins set or remove those); the error says so.
//! * Version tags are entries of the version's metadata (`UpdateArtifact` replaces the whole
//!   object, so the current metadata is read first and sent back with the entry changed). For
//!   a registry version the metadata is the linked source artifact's, which W&B's UI shows in
//!   both places.
//! * Run tags: W&B tags are labels, so only `key = "true"` can be stored (adding the label
//!   `key`); a tag with any other value is refused, and promotion's readable run tags become
//!   warnings while the local audit log keeps the record.

use async_trait::async_trait;
use serde_json::{Value, json};

use std::time::Duration;

use super::convert::CollectionPath;
use super::dto::{SuccessData, UpsertBucketData};
use super::registry::{ModelData, REGISTRY_PREFIX, registry_name};
use super::{WandbClient, ops};
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, Writer};

fn is_true(value: &str) -> bool {
    matches!(value, "true" | "True" | "TRUE" | "1")
}

/// Reads of the collection after an alias was added, until the new version shows it: only a
/// read that already shows the move may be trusted to say an old version still holds it.
const READ_BACK: [Duration; 3] = [
    Duration::ZERO,
    Duration::from_millis(300),
    Duration::from_millis(1200),
];

impl WandbClient {
    /// The collection once `to` shows `alias`; an error when it never does.
    async fn read_back(
        &self,
        model: &str,
        alias: &str,
        to: &VersionId,
    ) -> Result<ModelData, BackendError> {
        for wait in READ_BACK {
            tokio::time::sleep(wait).await;
            let (_, data) = self.one_model(model).await?;
            let holds = data
                .record(to)
                .is_some_and(|r| r.version.aliases.iter().any(|a| a == alias));
            if holds {
                return Ok(data);
            }
        }
        Err(BackendError::Api {
            target: self.target.clone(),
            status: 200,
            code: String::new(),
            message: format!(
                "W&B accepted @{alias} for {} of '{model}' but does not show it there; check \
                 the collection in W&B before trying again",
                to.label()
            ),
        })
    }

    async fn alias_mutation(
        &self,
        op: &str,
        document: &str,
        path: &CollectionPath,
        artifact_id: &str,
        alias: &str,
    ) -> Result<(), BackendError> {
        let data: SuccessData = self
            .query(
                op,
                document,
                json!({"input": {
                    "artifactID": artifact_id,
                    "aliases": [{
                        "alias": alias,
                        "entityName": path.scope.entity,
                        "projectName": path.scope.project,
                        "artifactCollectionName": path.name,
                    }],
                }}),
            )
            .await
            .map_err(|e| Self::refused_alias(e, path, alias))?;
        if data.result.is_some_and(|r| r.success) {
            Ok(())
        } else {
            Err(BackendError::Api {
                target: self.target.clone(),
                status: 200,
                code: String::new(),
                message: format!("{op} of @{alias} on '{}' did not succeed", path.name),
            })
        }
    }

    /// A permission refusal of an alias change, said plainly: in a registry it is a protected
    /// alias, which only registry admins may set or remove.
    fn refused_alias(e: BackendError, path: &CollectionPath, alias: &str) -> BackendError {
        let BackendError::Forbidden { target, message } = e else {
            return e;
        };
        let message = match path.scope.project.strip_prefix(REGISTRY_PREFIX) {
            Some(registry) => format!(
                "@{alias} of '{}' is a protected alias of the registry '{}': only its registry \
                 admins may set or remove it; ask one to promote, or to make you a registry \
                 admin (W&B said: {message})",
                path.name,
                registry_name(registry)
            ),
            None => format!(
                "the API key may not change the aliases of '{}' in W&B project {} (W&B said: \
                 {message})",
                path.name, path.scope
            ),
        };
        BackendError::Forbidden { target, message }
    }

    async fn set_metadata(
        &self,
        model: &str,
        version: &VersionId,
        change: impl FnOnce(&mut serde_json::Map<String, Value>) -> bool + Send,
    ) -> Result<(), BackendError> {
        let (_, data) = self.one_model(model).await?;
        let record = data.record(version).ok_or_else(|| {
            BackendError::NotFound(format!(
                "'{model}' has no version {} on W&B",
                version.label()
            ))
        })?;
        let mut metadata = record.metadata.clone();
        if !change(&mut metadata) {
            return Ok(());
        }
        let _: Value = self
            .query(
                "UpdateArtifact",
                ops::UPDATE_ARTIFACT,
                json!({"input": {
                    "artifactID": record.artifact_id,
                    "metadata": Value::Object(metadata).to_string(),
                }}),
            )
            .await?;
        Ok(())
    }

    async fn set_run_labels(
        &self,
        run: &RunId,
        change: impl FnOnce(&mut Vec<String>) -> bool + Send,
    ) -> Result<(), BackendError> {
        let (_, dto) = self.run_dto(run).await?;
        let mut tags = dto.tags.clone();
        if !change(&mut tags) {
            return Ok(());
        }
        let data: UpsertBucketData = self
            .query(
                "UpsertBucket",
                ops::UPSERT_BUCKET_TAGS,
                json!({"id": dto.id, "tags": tags}),
            )
            .await?;
        if data.upsert_bucket.and_then(|u| u.bucket).is_none() {
            return Err(BackendError::NotFound(format!(
                "W&B did not find run '{run}' to change its tags"
            )));
        }
        Ok(())
    }
}

#[async_trait]
impl Writer for WandbClient {
    async fn move_alias(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        let (_, data) = self.one_model(model).await?;
        let actual = data.holder(alias).map(|r| r.version.version.clone());
        if actual.as_ref() != expected {
            return Err(BackendError::alias_moved(
                model,
                alias,
                expected,
                actual.as_ref(),
            ));
        }
        let target = data.record(to).ok_or_else(|| {
            BackendError::NotFound(format!("'{model}' has no version {} on W&B", to.label()))
        })?;
        self.alias_mutation(
            "AddAliases",
            ops::ADD_ALIASES,
            &data.path,
            &target.artifact_id,
            alias,
        )
        .await?;
        // W&B moves the alias itself; make sure, so two versions never hold it.
        let after = self.read_back(model, alias, to).await?;
        for stale in after
            .versions
            .iter()
            .filter(|r| &r.version.version != to && r.version.aliases.iter().any(|a| a == alias))
        {
            tracing::warn!(
                model,
                alias,
                version = %stale.version.version,
                "W&B left the alias on the old version; removing it"
            );
            self.alias_mutation(
                "DeleteAliases",
                ops::DELETE_ALIASES,
                &after.path,
                &stale.artifact_id,
                alias,
            )
            .await?;
        }
        Ok(())
    }

    async fn delete_alias(&self, model: &str, alias: &str) -> Result<(), BackendError> {
        let (_, data) = self.one_model(model).await?;
        let Some(holder) = data.holder(alias) else {
            return Ok(());
        };
        self.alias_mutation(
            "DeleteAliases",
            ops::DELETE_ALIASES,
            &data.path,
            &holder.artifact_id,
            alias,
        )
        .await
    }

    async fn set_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
        value: &str,
    ) -> Result<(), BackendError> {
        self.set_metadata(model, version, |m| {
            m.insert(key.to_owned(), Value::String(value.to_owned()));
            true
        })
        .await
    }

    async fn delete_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
    ) -> Result<(), BackendError> {
        self.set_metadata(model, version, |m| m.remove(key).is_some())
            .await
    }

    /// W&B keeps nothing on an artifact collection that could hold a record: its description
    /// is the team's text and its tags are bare names (the public API's `ArtifactCollection`
    /// has no metadata), so the freeze switch is refused rather than kept somewhere it would
    /// clobber or that readers would not find.
    async fn set_model_tag(
        &self,
        model: &str,
        key: &str,
        _value: &str,
    ) -> Result<(), BackendError> {
        Err(BackendError::InvalidRequest(format!(
            "W&B keeps no metadata on an artifact collection (only its description and tag \
             names), so '{key}' cannot be recorded on '{model}': on W&B, freeze production with \
             a freeze window ([policy.freeze] windows) or by protecting the alias"
        )))
    }

    async fn delete_model_tag(&self, model: &str, key: &str) -> Result<(), BackendError> {
        self.set_model_tag(model, key, "").await
    }

    async fn set_run_tag(&self, run: &RunId, key: &str, value: &str) -> Result<(), BackendError> {
        if !is_true(value) {
            return Err(BackendError::InvalidRequest(format!(
                "W&B run tags are labels without values: the tag '{key}' with a value cannot be \
                 stored on run '{run}' (clearance's local audit log keeps the record)"
            )));
        }
        self.set_run_labels(run, |tags| {
            if tags.iter().any(|t| t == key) {
                false
            } else {
                tags.push(key.to_owned());
                true
            }
        })
        .await
    }

    async fn delete_run_tag(&self, run: &RunId, key: &str) -> Result<(), BackendError> {
        self.set_run_labels(run, |tags| {
            let before = tags.len();
            tags.retain(|t| t != key);
            tags.len() != before
        })
        .await
    }
}

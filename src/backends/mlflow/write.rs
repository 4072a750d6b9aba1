//! Writes over REST: alias moves (checked just before writing), version and run tags.

use async_trait::async_trait;
use serde::Deserialize;
use serde_json::json;

use super::MlflowClient;
use crate::backends::{BackendError, Writer};
use crate::domain::{RunId, VersionId};

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

#[async_trait]
impl Writer for MlflowClient {
    async fn move_alias(
        &self,
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
        // The version travels as a string: MLflow rejects a number here.
        let body = json!({"name": model, "alias": alias, "version": to.as_str()});
        self.post::<Empty, _>("registered-models/alias", &body)
            .await
            .map(|_| ())
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

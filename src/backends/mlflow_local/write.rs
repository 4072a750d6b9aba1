//! Promotion's writes, each one `BEGIN IMMEDIATE` transaction writing the rows MLflow's own
//! store writes (`set_registered_model_alias`, `delete_registered_model_alias`,
//! `set_model_version_tag`, `delete_model_version_tag`, `set_tag`, `delete_tag`). None of
//! them touches a `last_updated_time`: MLflow's don't either.

use async_trait::async_trait;
use rusqlite::{OptionalExtension, Transaction, params};

use super::registry::{DELETED_STAGE, not_found};
use super::search::RUN_NAME_TAG;
use super::{LocalStore, validate};
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, Writer};

fn sql_err(e: &rusqlite::Error) -> BackendError {
    BackendError::Store(format!("writing the MLflow store: {e}"))
}

/// The model must exist (`_get_registered_model`).
fn model_exists(tx: &Transaction<'_>, name: &str) -> Result<(), BackendError> {
    tx.query_row(
        "SELECT 1 FROM registered_models WHERE name = ?1 AND workspace = 'default'",
        [name],
        |_| Ok(()),
    )
    .optional()
    .map_err(|e| sql_err(&e))?
    .ok_or_else(|| not_found(name))
}

/// The workspace of a live version (`_get_sql_model_version`), or MLflow's 404.
fn version_workspace(
    tx: &Transaction<'_>,
    name: &str,
    version: i64,
) -> Result<String, BackendError> {
    tx.query_row(
        "SELECT workspace FROM model_versions WHERE name = ?1 AND version = ?2 \
         AND workspace = 'default' AND current_stage != ?3",
        params![name, version, DELETED_STAGE],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| sql_err(&e))?
    .ok_or_else(|| {
        BackendError::NotFound(format!(
            "Model Version (name={name}, version={version}) not found"
        ))
    })
}

/// Where an alias points now, as `registered-models/alias` answers it (`latest` is the
/// newest live version); `None` when unset.
fn alias_target(
    tx: &Transaction<'_>,
    model: &str,
    alias: &str,
) -> Result<Option<VersionId>, BackendError> {
    validate::model_name(model)?;
    validate::alias_name(alias)?;
    model_exists(tx, model)?;
    if alias.eq_ignore_ascii_case("latest") {
        let latest: Option<i64> = tx
            .query_row(
                "SELECT max(version) FROM model_versions WHERE name = ?1 \
                 AND workspace = 'default' AND current_stage != ?2",
                params![model, DELETED_STAGE],
                |r| r.get(0),
            )
            .map_err(|e| sql_err(&e))?;
        return latest
            .map(|v| Some(VersionId::new(v.to_string())))
            .ok_or_else(|| {
                BackendError::NotFound(format!("Latest version not found for model {model}."))
            });
    }
    let version: Option<i64> = tx
        .query_row(
            "SELECT version FROM registered_model_aliases WHERE name = ?1 AND alias = ?2 \
             AND workspace = 'default'",
            [model, alias],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql_err(&e))?;
    match version {
        Some(v) => {
            version_workspace(tx, model, v)?;
            Ok(Some(VersionId::new(v.to_string())))
        }
        None => Ok(None),
    }
}

fn move_alias(
    tx: &Transaction<'_>,
    model: &str,
    alias: &str,
    expected: Option<&VersionId>,
    to: &VersionId,
) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("alias", alias)?;
    let actual = alias_target(tx, model, alias)?;
    if actual.as_ref() != expected {
        return Err(BackendError::alias_moved(
            model,
            alias,
            expected,
            actual.as_ref(),
        ));
    }
    validate::required("version", to.as_str())?;
    validate::alias_not_reserved(alias)?;
    let version = validate::version(to.as_str())?;
    let workspace = version_workspace(tx, model, version)?;
    tx.execute(
        "INSERT INTO registered_model_aliases (alias, version, name, workspace) \
         VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (workspace, name, alias) DO UPDATE SET version = excluded.version",
        params![alias, version, model, workspace],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

fn delete_alias(tx: &Transaction<'_>, model: &str, alias: &str) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("alias", alias)?;
    validate::model_name(model)?;
    validate::alias_name(alias)?;
    model_exists(tx, model)?;
    tx.execute(
        "DELETE FROM registered_model_aliases WHERE name = ?1 AND alias = ?2 \
         AND workspace = 'default'",
        [model, alias],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

fn set_version_tag(
    tx: &Transaction<'_>,
    model: &str,
    version: &VersionId,
    key: &str,
    value: &str,
) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("version", version.as_str())?;
    validate::required("key", key)?;
    validate::model_name(model)?;
    let number = validate::version(version.as_str())?;
    validate::version_tag(key, value)?;
    let workspace = version_workspace(tx, model, number)?;
    tx.execute(
        "INSERT INTO model_version_tags (key, value, name, version, workspace) \
         VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (workspace, key, name, version) DO UPDATE SET value = excluded.value",
        params![key, value, model, number, workspace],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

fn delete_version_tag(
    tx: &Transaction<'_>,
    model: &str,
    version: &VersionId,
    key: &str,
) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("version", version.as_str())?;
    validate::required("key", key)?;
    validate::model_name(model)?;
    let number = validate::version(version.as_str())?;
    validate::tag_name(key)?;
    let workspace = version_workspace(tx, model, number)?;
    tx.execute(
        "DELETE FROM model_version_tags WHERE name = ?1 AND version = ?2 AND key = ?3 \
         AND workspace = ?4",
        params![model, number, key, workspace],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

/// `set_registered_model_tag`: an upsert on the model's tags.
fn set_model_tag(
    tx: &Transaction<'_>,
    model: &str,
    key: &str,
    value: &str,
) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("key", key)?;
    validate::model_name(model)?;
    validate::tag_name(key)?;
    model_exists(tx, model)?;
    tx.execute(
        "INSERT INTO registered_model_tags (key, value, name, workspace) \
         VALUES (?1, ?2, ?3, 'default') \
         ON CONFLICT DO UPDATE SET value = excluded.value",
        params![key, value, model],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

/// `delete_registered_model_tag`; a missing tag is already gone.
fn delete_model_tag(tx: &Transaction<'_>, model: &str, key: &str) -> Result<(), BackendError> {
    validate::required("name", model)?;
    validate::required("key", key)?;
    model_exists(tx, model)?;
    tx.execute(
        "DELETE FROM registered_model_tags WHERE name = ?1 AND key = ?2 \
         AND workspace = 'default'",
        params![model, key],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

/// The run must exist and be active (`_get_run`, `_check_run_is_active`).
fn active_run(tx: &Transaction<'_>, run: &RunId) -> Result<(), BackendError> {
    let stage: Option<Option<String>> = tx
        .query_row(
            "SELECT lifecycle_stage FROM runs WHERE run_uuid = ?1",
            [run.as_str()],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql_err(&e))?;
    match stage {
        None => Err(BackendError::NotFound(format!(
            "Run with id={run} not found"
        ))),
        Some(Some(s)) if s == "active" => Ok(()),
        Some(s) => Err(BackendError::InvalidRequest(format!(
            "The run {run} must be in the 'active' state. Current state is {}.",
            s.unwrap_or_else(|| "None".to_owned())
        ))),
    }
}

fn set_run_tag(
    tx: &Transaction<'_>,
    run: &RunId,
    key: &str,
    value: &str,
) -> Result<(), BackendError> {
    validate::required("run_id", run.as_str())?;
    validate::required("key", key)?;
    let value = validate::run_tag(key, value)?;
    active_run(tx, run)?;
    let upsert = |v: &str| {
        tx.execute(
            "INSERT INTO tags (key, value, run_uuid) VALUES (?1, ?2, ?3) \
             ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value",
            params![key, v, run.as_str()],
        )
        .map_err(|e| sql_err(&e))
    };
    if key == RUN_NAME_TAG {
        // MLflow renames the run (name column and tag together), and ignores an empty name.
        if !value.is_empty() {
            tx.execute(
                "UPDATE runs SET name = ?1 WHERE run_uuid = ?2",
                params![value, run.as_str()],
            )
            .map_err(|e| sql_err(&e))?;
            upsert(&value)?;
        }
    } else {
        upsert(&value)?;
    }
    Ok(())
}

fn delete_run_tag(tx: &Transaction<'_>, run: &RunId, key: &str) -> Result<(), BackendError> {
    validate::required("run_id", run.as_str())?;
    validate::required("key", key)?;
    active_run(tx, run)?;
    // MLflow answers 404 "No tag with name" for a missing tag; the REST client reads that as
    // done, and so is it here.
    tx.execute(
        "DELETE FROM tags WHERE run_uuid = ?1 AND key = ?2",
        [run.as_str(), key],
    )
    .map_err(|e| sql_err(&e))?;
    Ok(())
}

#[async_trait]
impl Writer for LocalStore {
    fn verifies_moves(&self) -> bool {
        true
    }

    async fn move_alias(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError> {
        let (model, alias) = (model.to_owned(), alias.to_owned());
        let (expected, to) = (expected.cloned(), to.clone());
        self.write(move |tx| move_alias(tx, &model, &alias, expected.as_ref(), &to))
            .await
    }

    async fn delete_alias(&self, model: &str, alias: &str) -> Result<(), BackendError> {
        let (model, alias) = (model.to_owned(), alias.to_owned());
        self.write(move |tx| delete_alias(tx, &model, &alias)).await
    }

    async fn set_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
        value: &str,
    ) -> Result<(), BackendError> {
        let (model, version) = (model.to_owned(), version.clone());
        let (key, value) = (key.to_owned(), value.to_owned());
        self.write(move |tx| set_version_tag(tx, &model, &version, &key, &value))
            .await
    }

    async fn delete_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
    ) -> Result<(), BackendError> {
        let (model, version, key) = (model.to_owned(), version.clone(), key.to_owned());
        self.write(move |tx| delete_version_tag(tx, &model, &version, &key))
            .await
    }

    fn keeps_model_tags(&self) -> bool {
        true
    }

    async fn set_model_tag(&self, model: &str, key: &str, value: &str) -> Result<(), BackendError> {
        let (model, key, value) = (model.to_owned(), key.to_owned(), value.to_owned());
        self.write(move |tx| set_model_tag(tx, &model, &key, &value))
            .await
    }

    async fn delete_model_tag(&self, model: &str, key: &str) -> Result<(), BackendError> {
        let (model, key) = (model.to_owned(), key.to_owned());
        self.write(move |tx| delete_model_tag(tx, &model, &key))
            .await
    }

    async fn set_run_tag(&self, run: &RunId, key: &str, value: &str) -> Result<(), BackendError> {
        let (run, key, value) = (run.clone(), key.to_owned(), value.to_owned());
        self.write(move |tx| set_run_tag(tx, &run, &key, &value))
            .await
    }

    async fn delete_run_tag(&self, run: &RunId, key: &str) -> Result<(), BackendError> {
        let (run, key) = (run.clone(), key.to_owned());
        self.write(move |tx| delete_run_tag(tx, &run, &key)).await
    }
}

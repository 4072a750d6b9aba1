//! Registered models, versions, tags and aliases, as `registered-models/search` +
//! `model-versions/search` (what the REST client's `models()` reads) and
//! `registered-models/get` answer them: the default workspace only, prompts left out of
//! searches, internally deleted versions never shown.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, Transaction};

use super::validate;
use crate::domain::run::time_from_ms;
use crate::domain::{ModelVersion, RegisteredModel, RunId, VersionId};
use crate::store::BackendError;

/// The workspace a single-tenant MLflow server reads and writes.
pub const WORKSPACE: &str = "default";
/// The tag that makes a registered model a prompt (hidden from model searches).
const PROMPT_TAG: &str = "mlflow.prompt.is_prompt";
/// The stage MLflow gives a deleted version before the row goes.
pub const DELETED_STAGE: &str = "Deleted_Internal";

fn sql_err(e: &rusqlite::Error) -> BackendError {
    BackendError::Store(format!("reading the MLflow registry: {e}"))
}

/// `AND <alias>.workspace = 'default'` when the schema has workspaces (MLflow 3.x does).
pub fn workspace_clause(tx: &Transaction<'_>, alias: &str) -> Result<String, BackendError> {
    let has = tx
        .query_row(
            "SELECT 1 FROM pragma_table_info('registered_models') WHERE name = 'workspace'",
            [],
            |_| Ok(()),
        )
        .optional()
        .map_err(|e| sql_err(&e))?
        .is_some();
    Ok(if has {
        format!(" AND {alias}.workspace = '{WORKSPACE}'")
    } else {
        String::new()
    })
}

struct ModelRow {
    name: String,
    updated: Option<i64>,
    description: Option<String>,
}

/// Every registered model (prompts and clearance's leases aside) with all its versions, by name.
pub fn models(tx: &Transaction<'_>) -> Result<Vec<RegisteredModel>, BackendError> {
    let ws = workspace_clause(tx, "rm")?;
    let ws_tag = workspace_clause(tx, "t")?;
    let rows = model_rows(
        tx,
        &format!(
            "SELECT name, last_updated_time, description FROM registered_models AS rm \
             WHERE 1 = 1{ws} AND NOT EXISTS (SELECT 1 FROM registered_model_tags AS t \
             WHERE t.name = rm.name AND t.key = '{PROMPT_TAG}' AND t.value = 'true'{ws_tag}) \
             ORDER BY rm.name"
        ),
        &[],
    )?;
    let mut versions = versions(tx, None)?;
    let mut out = Vec::with_capacity(rows.len());
    // A server's leases (clearance's locks, see `store::LEASE_MODEL_PREFIX`) are not models.
    for row in rows
        .into_iter()
        .filter(|r| !crate::store::is_lease_model(&r.name))
    {
        let mine = versions.remove(&row.name).unwrap_or_default();
        out.push(model_from(tx, row, mine)?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// One registered model (prompts included, as `registered-models/get` has them).
pub fn model(tx: &Transaction<'_>, name: &str) -> Result<RegisteredModel, BackendError> {
    validate::model_name(name)?;
    let ws = workspace_clause(tx, "rm")?;
    let row = model_rows(
        tx,
        &format!(
            "SELECT name, last_updated_time, description FROM registered_models AS rm \
             WHERE rm.name = ?1{ws}"
        ),
        &[name],
    )?
    .pop()
    .ok_or_else(|| not_found(name))?;
    let mine = versions(tx, Some(name))?.remove(name).unwrap_or_default();
    model_from(tx, row, mine)
}

/// MLflow's message for a missing model.
pub fn not_found(name: &str) -> BackendError {
    BackendError::NotFound(format!("Registered Model with name={name} not found"))
}

fn model_rows(
    tx: &Transaction<'_>,
    sql: &str,
    params: &[&str],
) -> Result<Vec<ModelRow>, BackendError> {
    let mut stmt = tx.prepare(sql).map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok(ModelRow {
                name: r.get(0)?,
                updated: r.get(1)?,
                description: r.get(2)?,
            })
        })
        .map_err(|e| sql_err(&e))?;
    rows.collect::<Result<Vec<_>, _>>().map_err(|e| sql_err(&e))
}

fn model_from(
    tx: &Transaction<'_>,
    row: ModelRow,
    versions: Vec<ModelVersion>,
) -> Result<RegisteredModel, BackendError> {
    let ws = workspace_clause(tx, "x")?;
    let mut tags = BTreeMap::new();
    let mut stmt = tx
        .prepare(&format!(
            "SELECT key, value FROM registered_model_tags AS x WHERE x.name = ?1{ws}"
        ))
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map([&row.name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .map_err(|e| sql_err(&e))?;
    for r in rows {
        let (k, v) = r.map_err(|e| sql_err(&e))?;
        tags.insert(k, v.unwrap_or_default());
    }
    let mut aliases = BTreeMap::new();
    let mut stmt = tx
        .prepare(&format!(
            "SELECT alias, version FROM registered_model_aliases AS x WHERE x.name = ?1{ws}"
        ))
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map([&row.name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .map_err(|e| sql_err(&e))?;
    for r in rows {
        let (alias, version) = r.map_err(|e| sql_err(&e))?;
        aliases.insert(alias, VersionId::new(version.to_string()));
    }
    let mut m = RegisteredModel {
        name: row.name,
        description: row.description.unwrap_or_default(),
        tags,
        aliases,
        versions,
        updated: row.updated.and_then(time_from_ms),
    };
    m.normalize();
    Ok(m)
}

/// Versions (not deleted, not of prompts) with their tags, by model; of one model or all.
fn versions(
    tx: &Transaction<'_>,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<ModelVersion>>, BackendError> {
    let ws = workspace_clause(tx, "mv")?;
    let ws_tag = workspace_clause(tx, "t")?;
    let name_filter = if only.is_some() {
        " AND mv.name = ?1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT mv.name, mv.version, mv.creation_time, mv.description, mv.user_id, \
         mv.current_stage, mv.source, mv.run_id, mv.status FROM model_versions AS mv \
         WHERE mv.current_stage != '{DELETED_STAGE}'{name_filter}{ws} AND NOT EXISTS ( \
         SELECT 1 FROM model_version_tags AS t WHERE t.name = mv.name \
         AND t.key = '{PROMPT_TAG}' AND t.value = 'true'{ws_tag})"
    );
    let mut stmt = tx.prepare(&sql).map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(only), |r| {
            let run_id: Option<String> = r.get(7)?;
            let stage: Option<String> = r.get(5)?;
            Ok(ModelVersion {
                model: r.get(0)?,
                version: VersionId::new(r.get::<_, i64>(1)?.to_string()),
                created: r.get::<_, Option<i64>>(2)?.and_then(time_from_ms),
                description: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                user: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                stage: stage.filter(|s| !s.is_empty() && s != "None"),
                source: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                run_id: run_id.filter(|s| !s.is_empty()).map(RunId::new),
                status: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                tags: BTreeMap::new(),
                aliases: Vec::new(),
            })
        })
        .map_err(|e| sql_err(&e))?;
    let mut out: HashMap<String, Vec<ModelVersion>> = HashMap::new();
    for r in rows {
        let v = r.map_err(|e| sql_err(&e))?;
        out.entry(v.model.clone()).or_default().push(v);
    }
    let ws = workspace_clause(tx, "x")?;
    let mut stmt = tx
        .prepare(&format!(
            "SELECT name, version, key, value FROM model_version_tags AS x WHERE 1 = 1{ws}{}",
            if only.is_some() {
                " AND x.name = ?1"
            } else {
                ""
            }
        ))
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(only), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .map_err(|e| sql_err(&e))?;
    for r in rows {
        let (name, version, key, value) = r.map_err(|e| sql_err(&e))?;
        let version = version.to_string();
        if let Some(v) = out
            .get_mut(&name)
            .and_then(|vs| vs.iter_mut().find(|v| v.version.as_str() == version))
        {
            v.tags.insert(key, value.unwrap_or_default());
        }
    }
    Ok(out)
}

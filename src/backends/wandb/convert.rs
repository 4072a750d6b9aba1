//! DTO → domain mapping.
//!
//! * Run: `name` (the id in W&B's URLs) is the [`RunId`] (`entity/project/name` for a run of
//!   another project than the configured one); `displayName` is the name; the state maps to
//!   MLflow's statuses (`crashed` is failed, `preempted` killed, `pending` scheduled);
//!   `createdAt` is the start and `heartbeatAt` the end of a run that is no longer running.
//! * Params: the config with each `{"value": v}` unwrapped and `_wandb` dropped (as the SDK's
//!   `run.config` does); nested objects are flattened with dots (`model.depth`), as W&B's UI
//!   shows them; values are their JSON text (strings without quotes).
//! * Metrics: the summary's numeric values, NaN and ±∞ included; keys starting with `_`
//!   (`_step`, `_runtime`, `_timestamp`, `_wandb`) and objects (media, histograms, tables)
//!   are left out. Every metric carries the summary's `_step` and `_timestamp`.
//! * Tags: W&B tags are labels; each becomes `<tag> = "true"`, so `baseline` reads as MLflow's
//!   `baseline=true`. The group, job type and sweep become `wandb.group`, `wandb.job_type`,
//!   `wandb.sweep`, and the notes the MLflow note tag, which the detail pane shows.
//! * Versions: the number is the collection's own (`v3` is [`VersionId`] `"3"`, which prints
//!   as `v3`); aliases are those of this collection, without the implicit `vN`; `COMMITTED`
//!   is `READY`; the metadata's entries are the version's tags (text as is, anything else as
//!   JSON), with the artifact's own tags as `<tag> = "true"`; the run is `createdBy`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::Scope;
use super::dto::{ArtifactDto, CollectionInfo, RunDto};
use super::json::{json_string_field, number};
use crate::domain::run::NOTE_TAG;
use crate::domain::{
    ExperimentId, Fields, LatestMetric, Lifecycle, ModelVersion, Run, RunId, RunStatus, VersionId,
};

/// The tag value a W&B tag (a label) reads as.
pub const TAG_VALUE: &str = "true";
/// Internal config keys the SDK hides (`WANDB_INTERNAL_KEYS`).
const INTERNAL_CONFIG: &[&str] = &["_wandb", "wandb_version"];

/// W&B's timestamps: RFC 3339, or without an offset (UTC), as `createdAt` sometimes is.
pub fn time(s: Option<&str>) -> Option<DateTime<Utc>> {
    let s = s?.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| t.and_utc())
}

/// `finished`, `running`, `crashed`… as MLflow's statuses.
pub fn status(state: &str) -> RunStatus {
    match state.to_ascii_lowercase().as_str() {
        "running" | "preempting" => RunStatus::Running,
        "finished" => RunStatus::Finished,
        "failed" | "crashed" => RunStatus::Failed,
        "killed" | "preempted" => RunStatus::Killed,
        "pending" => RunStatus::Scheduled,
        other => RunStatus::Other(other.to_uppercase()),
    }
}

/// The id a run gets: its name, qualified when it lives outside the configured project.
pub fn run_id(home: &Scope, scope: &Scope, name: &str) -> RunId {
    if scope == home {
        RunId::new(name)
    } else {
        RunId::new(format!("{scope}/{name}"))
    }
}

/// A run as clearance shows it. Fails only when `config` or `summaryMetrics` is not JSON.
pub fn run(dto: RunDto, home: &Scope, scope: &Scope) -> Result<Run, String> {
    let config = json_string_field(dto.config.as_ref())
        .map_err(|e| format!("the config of run '{}' is not JSON: {e}", dto.name))?;
    let summary = json_string_field(dto.summary_metrics.as_ref())
        .map_err(|e| format!("the summary of run '{}' is not JSON: {e}", dto.name))?;
    let state = dto.state.as_deref().unwrap_or_default();
    let status = status(state);
    let start_time = time(dto.created_at.as_deref());
    let end_time = if status == RunStatus::Running || status == RunStatus::Scheduled {
        None
    } else {
        time(dto.heartbeat_at.as_deref())
    };
    let mut tags: BTreeMap<String, String> = dto
        .tags
        .iter()
        .map(|t| (t.clone(), TAG_VALUE.to_owned()))
        .collect();
    for (key, value) in [
        ("wandb.group", &dto.group),
        ("wandb.job_type", &dto.job_type),
        ("wandb.sweep", &dto.sweep_name),
        (NOTE_TAG, &dto.notes),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            tags.insert(key.to_owned(), v.to_owned());
        }
    }
    Ok(Run {
        id: run_id(home, scope, &dto.name),
        experiment_id: ExperimentId::new(scope.to_string()),
        name: dto.display_name.clone().unwrap_or_default(),
        status,
        start_time,
        end_time,
        user: dto.user.and_then(|u| u.username).unwrap_or_default(),
        lifecycle: Lifecycle::Active,
        metrics: Fields::interned_keys(metrics(&summary)),
        params: Fields::interned(params(&config)),
        tags: Fields::interned(tags),
    })
}

/// The summary's numeric values as latest metrics.
pub fn metrics(summary: &Value) -> BTreeMap<String, LatestMetric> {
    let Value::Object(map) = summary else {
        return BTreeMap::new();
    };
    let step = map.get("_step").and_then(number).map_or(0, |s| s as i64);
    let timestamp = map
        .get("_timestamp")
        .and_then(number)
        .filter(|t| t.is_finite())
        .map_or(0, |t| (t * 1000.0) as i64);
    map.iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .filter_map(|(k, v)| {
            let value = number(v)?;
            Some((
                k.clone(),
                LatestMetric {
                    value,
                    step,
                    timestamp,
                },
            ))
        })
        .collect()
}

/// The user's config, unwrapped and flattened.
pub fn params(config: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Value::Object(map) = config else {
        return out;
    };
    for (k, v) in map {
        if INTERNAL_CONFIG.contains(&k.as_str()) {
            continue;
        }
        let value = match v {
            Value::Object(o) if o.contains_key("value") => &o["value"],
            other => other,
        };
        flatten(k, value, &mut out);
    }
    out
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(o) if !o.is_empty() => {
            for (k, v) in o {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), text(other));
        }
    }
}

/// A JSON value as a param or tag: text without quotes, anything else as JSON.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Where a collection lives and what it is called: enough to pick its aliases out of the
/// list an artifact carries (which holds the aliases of every collection it belongs to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionPath {
    pub scope: Scope,
    pub name: String,
}

impl CollectionPath {
    fn holds(&self, info: Option<&CollectionInfo>) -> bool {
        let Some(info) = info else {
            return false;
        };
        let project = info.project.as_ref();
        info.name == self.name
            && project.is_none_or(|p| {
                p.name == self.scope.project
                    && p.entity
                        .as_ref()
                        .is_none_or(|e| e.name == self.scope.entity)
            })
    }
}

/// Whether an alias is one of the implicit version aliases (`v0`, `v12`).
pub fn is_version_alias(alias: &str) -> bool {
    alias
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One version of a collection as read, with what the writer needs besides the domain view.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecord {
    pub version: ModelVersion,
    /// The artifact's Relay id: what alias and metadata mutations take.
    pub artifact_id: String,
    /// The metadata object as W&B holds it (the writer changes it and sends it back whole).
    pub metadata: serde_json::Map<String, Value>,
}

/// A version from an edge of `ProjectArtifacts`: the number is the edge's `version` (the
/// collection's own numbering), else the collection's `vN` alias, else the source index.
pub fn version(
    path: &CollectionPath,
    edge_version: Option<&str>,
    dto: ArtifactDto,
    home: &Scope,
) -> Result<VersionRecord, String> {
    let own: Vec<&str> = dto
        .aliases
        .iter()
        .filter(|a| path.holds(a.artifact_collection.as_ref()))
        .map(|a| a.alias.as_str())
        .collect();
    let number = edge_version
        .filter(|v| is_version_alias(v))
        .or_else(|| own.iter().copied().find(|a| is_version_alias(a)))
        .map(|v| v.trim_start_matches('v').to_owned())
        .or_else(|| dto.version_index.map(|i| i.to_string()))
        .ok_or_else(|| {
            format!(
                "a version of '{}' in {} has no version number",
                path.name, path.scope
            )
        })?;
    let mut aliases: Vec<String> = own
        .iter()
        .filter(|a| !is_version_alias(a))
        .map(|a| (*a).to_owned())
        .collect();
    aliases.sort();
    aliases.dedup();
    let metadata = match json_string_field(dto.metadata.as_ref()) {
        Ok(Value::Object(m)) => m,
        Ok(_) => serde_json::Map::new(),
        Err(e) => {
            return Err(format!(
                "the metadata of '{}' v{number} is not JSON: {e}",
                path.name
            ));
        }
    };
    let mut tags: BTreeMap<String, String> =
        metadata.iter().map(|(k, v)| (k.clone(), text(v))).collect();
    for t in &dto.tags {
        tags.entry(t.name.clone())
            .or_insert_with(|| TAG_VALUE.to_owned());
    }
    let run_id = dto.created_by.as_ref().and_then(|c| {
        let name = c.name.as_deref().filter(|n| !n.is_empty())?;
        if !c.typename.is_empty() && c.typename != "Run" {
            return None;
        }
        let scope = c
            .project
            .as_ref()
            .map_or_else(|| home.clone(), |p| Scope::from_info(p, home));
        Some(run_id(home, &scope, name))
    });
    let state = dto.state.as_deref().unwrap_or("COMMITTED");
    Ok(VersionRecord {
        version: ModelVersion {
            model: path.name.clone(),
            version: VersionId::new(number.clone()),
            run_id,
            status: if state == "COMMITTED" {
                "READY".to_owned()
            } else {
                state.to_owned()
            },
            stage: None,
            source: format!("{}/{}:v{number}", path.scope, path.name),
            description: dto.description.unwrap_or_default(),
            tags,
            aliases,
            created: time(dto.created_at.as_deref()),
            user: String::new(),
        },
        artifact_id: dto.id,
        metadata,
    })
}

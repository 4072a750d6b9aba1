//! The documented JSON forms of every `--json` output: typed, so that the JSON Schemas
//! `clearance schema NAME` prints are derived from the very types that are serialized.
//!
//! Two rules hold for every document:
//! - it is an object whose first key is `"schema_version"` ([`SCHEMA_VERSION`]), raised when a
//!   key is removed, renamed or changes its meaning (a new key does not raise it);
//! - a key that a document's schema lists is always there: a value that is unknown or does
//!   not apply is `null`, never an absent key.

pub mod audit;
pub mod change;
pub mod history;
pub mod policy;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::domain::alert::AlertJson;
use crate::domain::comparison::{Comparison, Side};
use crate::domain::diff::Verdict;
use crate::domain::pull_request::PullRequest;
use crate::domain::value::JsonNumber;
use crate::domain::{Fields, Gate, ModelVersion, Name, RegisteredModel, Run, VersionId};

pub use self::audit::AuditRow;
pub use self::change::{ApplyDoc, ChangeDoc};
pub use self::history::{EventJson, HistoryDoc};
pub use self::policy::PolicyDoc;

/// The version of the JSON documents' shape.
pub const SCHEMA_VERSION: u32 = 1;

/// `"schema_version": 1`, the first key of every document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemaVersion;

impl Serialize for SchemaVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(SCHEMA_VERSION)
    }
}

impl JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The version of this document's shape; raised when a key is removed, \
                renamed or changes its meaning.",
            "type": "integer",
            "const": SCHEMA_VERSION,
        })
    }
}

/// One run, as `runs --json` lists it: borrowed from the run, so a listing of many runs is
/// written without a copy of each run's params, tags and metrics.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RunJson<'a> {
    pub run_id: &'a str,
    pub name: &'a str,
    /// The experiment's name.
    pub experiment: &'a str,
    /// `RUNNING`, `SCHEDULED`, `FINISHED`, `FAILED` or `KILLED`.
    pub status: &'a str,
    /// RFC 3339, UTC, to the millisecond.
    pub start_time: Option<String>,
    #[schemars(with = "BTreeMap<String, String>")]
    pub params: &'a Fields<Name>,
    #[schemars(with = "BTreeMap<String, String>")]
    pub tags: &'a Fields<Name>,
    /// Each metric's latest value.
    #[schemars(with = "BTreeMap<String, JsonNumber>")]
    pub metrics: LatestValues<'a>,
    /// Whether this run is its experiment's baseline.
    pub baseline: bool,
}

/// A run's metrics as `{name: latest value}`, written straight from the run.
#[derive(Debug)]
pub struct LatestValues<'a>(pub &'a Fields<crate::domain::LatestMetric>);

impl Serialize for LatestValues<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .iter()
                .map(|(k, m)| (k.as_str(), JsonNumber(m.value))),
        )
    }
}

/// `runs --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RunsDoc<'a> {
    pub schema_version: SchemaVersion,
    pub runs: Vec<RunJson<'a>>,
}

/// `{run_id, name, experiment, status, start_time, params, tags, metrics, baseline}`.
pub fn run<'a>(run: &'a Run, experiment: &'a str, baseline: bool) -> RunJson<'a> {
    RunJson {
        run_id: run.id.as_str(),
        name: &run.name,
        experiment,
        status: run.status.as_str(),
        start_time: run
            .start_time
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        params: &run.params,
        tags: &run.tags,
        metrics: LatestValues(&run.metrics),
        baseline,
    }
}

/// One version of a registered model.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VersionJson {
    pub version: VersionId,
    pub aliases: Vec<String>,
    /// The run that produced it; `null` for a version registered from outside a run.
    pub run_id: Option<String>,
    pub status: String,
    pub tags: BTreeMap<String, String>,
}

/// `{version, aliases, run_id, status, tags}`.
pub fn version(v: &ModelVersion) -> VersionJson {
    VersionJson {
        version: v.version.clone(),
        aliases: v.aliases.clone(),
        run_id: v.run_id.as_ref().map(ToString::to_string),
        status: v.status.clone(),
        tags: v.tags.clone(),
    }
}

/// A registered model with its versions.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ModelJson {
    pub name: String,
    pub versions: Vec<VersionJson>,
}

/// `models --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ModelsDoc {
    pub schema_version: SchemaVersion,
    pub models: Vec<ModelJson>,
}

/// `{name, versions: [...]}`.
pub fn model(m: &RegisteredModel) -> ModelJson {
    ModelJson {
        name: m.name.clone(),
        versions: m.versions.iter().map(version).collect(),
    }
}

/// One side of a comparison.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SideJson {
    /// As it was asked for: `@production`, `3`, `run:abc...`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// `null` when the side is a run, not a registered version.
    pub version: Option<VersionId>,
    pub aliases: Option<Vec<String>>,
    pub run_id: String,
    pub run_name: String,
}

fn side(s: &Side) -> SideJson {
    SideJson {
        reference: s.reference.to_string(),
        version: s.version.as_ref().map(|v| v.version.clone()),
        aliases: s.version.as_ref().map(|v| v.aliases.clone()),
        run_id: s.run.id.to_string(),
        run_name: s.run.name.clone(),
    }
}

/// One metric compared.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MetricJson {
    pub name: String,
    /// `null` when the side has no such metric.
    pub baseline: Option<JsonNumber>,
    pub candidate: Option<JsonNumber>,
    /// `null` when either side is missing or not finite.
    pub delta: Option<JsonNumber>,
    pub delta_pct: Option<JsonNumber>,
    /// `higher` or `lower` is better; `null` for a neutral metric.
    pub better: Option<&'static str>,
    pub verdict: Verdict,
    /// `null` when no gate applies to the metric.
    pub gate: Option<Gate>,
    pub gate_reason: Option<String>,
}

/// `diff --format json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ComparisonDoc {
    pub schema_version: SchemaVersion,
    /// The registered model; `null` when two runs are compared.
    pub model: Option<String>,
    pub candidate: SideJson,
    pub baseline: SideJson,
    pub metrics: Vec<MetricJson>,
    /// Whether every gate passes.
    pub passed: bool,
}

/// `{schema_version, model, candidate, baseline, metrics: [...], passed}`.
pub fn comparison(cmp: &Comparison) -> ComparisonDoc {
    let metrics = cmp
        .report
        .metrics
        .iter()
        .map(|m| MetricJson {
            name: m.name.clone(),
            baseline: m.baseline.map(JsonNumber),
            candidate: m.candidate.map(JsonNumber),
            delta: m.delta.map(JsonNumber),
            delta_pct: m.delta_pct.map(JsonNumber),
            better: m.direction.as_json(),
            verdict: m.verdict,
            gate: m.gate,
            gate_reason: m.gate_reason.clone(),
        })
        .collect();
    ComparisonDoc {
        schema_version: SchemaVersion,
        model: cmp.model.clone(),
        candidate: side(&cmp.candidate),
        baseline: side(&cmp.baseline),
        metrics,
        passed: cmp.report.passed(),
    }
}

/// `alerts --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AlertsDoc {
    pub schema_version: SchemaVersion,
    pub alerts: Vec<AlertJson>,
    /// Why a rule watches nothing, and other things on-call should know.
    pub notes: Vec<String>,
}

/// `prs --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PrsDoc {
    pub schema_version: SchemaVersion,
    pub pull_requests: Vec<PullRequest>,
}

//! Two sides of a comparison and the report between them: direction-aware metric diffs,
//! changed params and trends.

use std::collections::BTreeMap;

use super::params::{ParamRow, param_rows};
use super::{DiffReport, ModelVersion, RegisteredModel, ReviewSettings, Run, VersionRef};

/// One side of a comparison: what was asked for and the run behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub reference: VersionRef,
    pub version: Option<ModelVersion>,
    pub run: Run,
}

impl Side {
    /// `v4 @staging`, `v3`, `run 1a2b3c4d`.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => {
                let mut s = v.version.label();
                for a in &v.aliases {
                    s.push_str(" @");
                    s.push_str(a);
                }
                s
            }
            None => format!("run {}", self.run.id.short()),
        }
    }
}

/// A finished comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub model: Option<String>,
    pub candidate: Side,
    pub baseline: Side,
    pub report: DiffReport,
    /// Params that differ between the two runs.
    pub params: Vec<ParamRow>,
    /// Sampled histories per metric: (candidate, baseline).
    pub trends: BTreeMap<String, (Vec<f64>, Vec<f64>)>,
}

/// Latest metric values of a run, by name.
pub fn metric_values(run: &Run) -> BTreeMap<String, f64> {
    run.metrics
        .iter()
        .map(|(k, m)| (k.to_string(), m.value))
        .collect()
}

/// Compares two runs under the team's rules, `key` metrics first.
pub fn report(
    baseline: &Run,
    candidate: &Run,
    settings: &ReviewSettings,
    key: &[String],
) -> DiffReport {
    let mut r = DiffReport::compute(
        &metric_values(baseline),
        &metric_values(candidate),
        &settings.rules,
    );
    r.sort_for(key);
    r
}

/// Finds the version a reference names in a model.
pub fn find_version<'m>(
    model: &'m RegisteredModel,
    reference: &VersionRef,
) -> Result<Option<&'m ModelVersion>, String> {
    match reference {
        VersionRef::Alias(alias) => model.version_for_alias(alias).map(Some).ok_or_else(|| {
            let known: Vec<String> = model
                .aliases
                .iter()
                .map(|(a, v)| format!("@{a} → {}", v.label()))
                .collect();
            format!(
                "model '{}' has no alias '@{alias}' (aliases: {})",
                model.name,
                if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                }
            )
        }),
        VersionRef::Version(v) => model.version(v).map(Some).ok_or_else(|| {
            let known: Vec<String> = model.versions.iter().map(|v| v.version.label()).collect();
            format!(
                "model '{}' has no version {} (versions: {})",
                model.name,
                v.label(),
                if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                }
            )
        }),
        VersionRef::Run(_) => Ok(None),
    }
}

/// Compares two resolved sides.
pub fn compare_sides(candidate: Side, baseline: Side, settings: &ReviewSettings) -> Comparison {
    let report = report(
        &baseline.run,
        &candidate.run,
        settings,
        &settings.key_metrics,
    );
    let params = param_rows(&baseline.run.params, &candidate.run.params, true);
    Comparison {
        model: None,
        candidate,
        baseline,
        report,
        params,
        trends: BTreeMap::new(),
    }
}

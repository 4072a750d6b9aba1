//! Metric histories from `sampledHistory`: W&B returns at most `samples` rows of the keys
//! asked for (rows without the metric are left out), spread over the run. Sparklines ask for
//! many runs at once, so runs of one project go [`BATCH`] to a request, each under its own
//! field alias. A "full" history is the same call with [`FULL_SAMPLES`] rows: beyond that
//! W&B samples, which a chart cannot tell apart.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::json::number;
use super::{Scope, WandbClient, ops};
use crate::domain::{MetricPoint, RunId};
use crate::store::{BackendError, SampledHistories};

/// Runs per request (the TUI asks for sparklines 25 rows at a time).
const BATCH: usize = 25;
/// Rows of a "full" history.
const FULL_SAMPLES: u32 = 10_000;

/// The spec W&B takes: the x axis and the metric, as the SDK's `run.history(keys=[k])` sends.
fn spec(key: &str, samples: u32) -> String {
    json!({"keys": ["_step", key], "samples": samples.max(1)}).to_string()
}

/// Points of `key` from one spec's rows, in step order.
pub fn points(rows: &Value, key: &str) -> Vec<MetricPoint> {
    let mut out: Vec<MetricPoint> = rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| {
            let value = number(row.get(key)?)?;
            let step = row
                .get("_step")
                .and_then(number)
                .filter(|s| s.is_finite())?;
            let timestamp = row
                .get("_timestamp")
                .and_then(number)
                .filter(|t| t.is_finite())
                .map_or(0, |t| (t * 1000.0) as i64);
            Some(MetricPoint {
                step: step as i64,
                timestamp,
                value,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.step, p.timestamp));
    out
}

/// The first spec's rows of a `sampledHistory` answer (one list per spec).
fn first_spec(v: Option<&Value>) -> Value {
    v.and_then(|h| h.get("sampledHistory"))
        .and_then(|s| s.get(0))
        .cloned()
        .unwrap_or(Value::Null)
}

impl WandbClient {
    pub(super) async fn full_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError> {
        let (scope, name) = self.locate(run)?;
        let data: Value = self
            .query(
                "RunSampledHistory",
                ops::RUN_SAMPLED_HISTORY,
                json!({
                    "entity": scope.entity,
                    "project": scope.project,
                    "name": name,
                    "specs": [spec(key, FULL_SAMPLES)],
                }),
            )
            .await?;
        let project = data.get("project").filter(|p| !p.is_null());
        let project = project.ok_or_else(|| self.no_project(&scope))?;
        let run_node = project.get("run").filter(|r| !r.is_null()).ok_or_else(|| {
            BackendError::NotFound(format!("run '{run}' not found in W&B project {scope}"))
        })?;
        Ok(points(&first_spec(Some(run_node)), key))
    }

    pub(super) async fn sampled(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError> {
        let mut by_scope: BTreeMap<Scope, Vec<(RunId, String)>> = BTreeMap::new();
        for id in runs {
            let (scope, name) = self.locate(id)?;
            by_scope.entry(scope).or_default().push((id.clone(), name));
        }
        let mut out = SampledHistories::new();
        for (scope, ids) in by_scope {
            for batch in ids.chunks(BATCH) {
                let mut vars = json!({
                    "entity": scope.entity,
                    "project": scope.project,
                    "specs": [spec(key, max_points)],
                });
                for (i, (_, name)) in batch.iter().enumerate() {
                    vars[format!("n{i}")] = json!(name);
                }
                let document = ops::runs_sampled_history(batch.len());
                let data: Value = self.query("RunsSampledHistory", &document, vars).await?;
                let Some(project) = data.get("project").filter(|p| !p.is_null()) else {
                    return Err(self.no_project(&scope));
                };
                for (i, (id, _)) in batch.iter().enumerate() {
                    // A run that is gone answers null: it has no history to show.
                    let rows = first_spec(project.get(format!("r{i}")).filter(|r| !r.is_null()));
                    let points = points(&rows, key);
                    if !points.is_empty() {
                        out.insert(id.clone(), points);
                    }
                }
            }
        }
        Ok(out)
    }
}

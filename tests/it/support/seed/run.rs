//! Runs: `runs/create` with an explicit start time, `runs/log-batch` for metrics, params and
//! tags, `runs/update` for the final status and end time.

use clearance::domain::RunId;
use serde_json::{Value, json};

use super::{SeededExperiment, Seeder, awaitable, key_values, metric_value, now_ms};

/// What one `runs/log-batch` call may carry (the server's limits).
const BATCH_METRICS: usize = 1000;
const BATCH_PARAMS: usize = 100;
const BATCH_TAGS: usize = 100;
const BATCH_TOTAL: usize = 1000;

/// Milliseconds between logged steps, so timestamps are distinct and ordered like steps.
const STEP_MS: i64 = 1000;

/// A run the seeder created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededRun {
    pub id: String,
    pub experiment_id: String,
    pub name: String,
    pub start_time: i64,
    pub end_time: Option<i64>,
    /// `mlflow-artifacts:/<exp>/<run>/artifacts`, where a model version's source points.
    pub artifact_uri: String,
}

impl SeededRun {
    pub fn run_id(&self) -> RunId {
        RunId::new(self.id.as_str())
    }
}

#[derive(Debug, Clone)]
struct Point {
    key: String,
    value: f64,
    step: i64,
    timestamp: Option<i64>,
}

/// Builds a run; `.await` creates it.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct RunBuilder<'a> {
    seed: &'a Seeder,
    experiment_id: String,
    name: Option<String>,
    start_time: Option<i64>,
    finish: Option<(String, Option<i64>)>,
    metrics: Vec<Point>,
    params: Vec<(String, String)>,
    tags: Vec<(String, String)>,
}

impl<'a> RunBuilder<'a> {
    pub(super) fn new(seed: &'a Seeder, exp: &SeededExperiment) -> Self {
        Self {
            seed,
            experiment_id: exp.id.clone(),
            name: None,
            start_time: None,
            finish: None,
            metrics: Vec::new(),
            params: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// The run name (MLflow mirrors it into the `mlflow.runName` tag).
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Milliseconds since the epoch; the server does not default it (it would store 0).
    pub fn start_time(mut self, ms: i64) -> Self {
        self.start_time = Some(ms);
        self
    }

    /// One value at step 0.
    pub fn metric(self, key: &str, value: f64) -> Self {
        self.metric_at(key, 0, value)
    }

    /// One value at `step`, logged `step` seconds after the start.
    pub fn metric_at(mut self, key: &str, step: i64, value: f64) -> Self {
        self.metrics.push(Point {
            key: key.to_owned(),
            value,
            step,
            timestamp: None,
        });
        self
    }

    /// One value at `step` with an explicit timestamp.
    pub fn metric_point(mut self, key: &str, step: i64, timestamp: i64, value: f64) -> Self {
        self.metrics.push(Point {
            key: key.to_owned(),
            value,
            step,
            timestamp: Some(timestamp),
        });
        self
    }

    /// `values[i]` at step `i`, in order.
    pub fn metric_history(mut self, key: &str, values: &[f64]) -> Self {
        for (step, v) in values.iter().enumerate() {
            self = self.metric_at(key, step as i64, *v);
        }
        self
    }

    pub fn param(mut self, key: &str, value: &str) -> Self {
        self.params.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.push((key.to_owned(), value.to_owned()));
        self
    }

    /// A nested run: MLflow links it to its parent with the `mlflow.parentRunId` tag.
    pub fn parent(self, parent: &SeededRun) -> Self {
        let id = parent.id.clone();
        self.tag("mlflow.parentRunId", &id)
    }

    /// Ends the run FINISHED, a minute after its last logged point.
    pub fn finished(self) -> Self {
        self.status("FINISHED")
    }

    pub fn failed(self) -> Self {
        self.status("FAILED")
    }

    /// Ends the run with `status` (`FINISHED`, `FAILED`, `KILLED`).
    pub fn status(mut self, status: &str) -> Self {
        self.finish = Some((status.to_owned(), None));
        self
    }

    /// Ends the run with `status` at `end_time`.
    pub fn ended(mut self, status: &str, end_time: i64) -> Self {
        self.finish = Some((status.to_owned(), Some(end_time)));
        self
    }

    pub async fn create(self) -> SeededRun {
        let start = self.start_time.unwrap_or_else(now_ms);
        let mut body = json!({ "experiment_id": self.experiment_id, "start_time": start });
        if let Some(name) = &self.name {
            body["run_name"] = json!(name);
        }
        let resp = self.seed.post("runs/create", &body).await;
        let info = &resp["run"]["info"];
        let id = info["run_id"]
            .as_str()
            .unwrap_or_else(|| panic!("runs/create answered without a run id: {resp}"))
            .to_owned();
        let name = info["run_name"].as_str().unwrap_or_default().to_owned();
        let artifact_uri = info["artifact_uri"].as_str().unwrap_or_default().to_owned();

        let metrics: Vec<Value> = self
            .metrics
            .iter()
            .map(|p| {
                json!({
                    "key": p.key,
                    "value": metric_value(p.value),
                    "timestamp": p.timestamp.unwrap_or(start + p.step * STEP_MS),
                    "step": p.step,
                })
            })
            .collect();
        log_batch(
            self.seed,
            &id,
            &key_values(&self.params),
            &key_values(&self.tags),
            &metrics,
        )
        .await;

        let end_time = match self.finish {
            Some((status, end)) => {
                let last_point = self
                    .metrics
                    .iter()
                    .map(|p| p.timestamp.unwrap_or(start + p.step * STEP_MS))
                    .max()
                    .unwrap_or(start);
                let end = end.unwrap_or(last_point + 60_000);
                self.seed
                    .post(
                        "runs/update",
                        &json!({ "run_id": id, "status": status, "end_time": end }),
                    )
                    .await;
                Some(end)
            }
            None => None,
        };
        SeededRun {
            id,
            experiment_id: self.experiment_id,
            name,
            start_time: start,
            end_time,
            artifact_uri,
        }
    }
}

awaitable!(RunBuilder => SeededRun);

/// Sends params, tags and metrics in as few `runs/log-batch` calls as the limits allow.
async fn log_batch(
    seed: &Seeder,
    run_id: &str,
    params: &[Value],
    tags: &[Value],
    metrics: &[Value],
) {
    let (mut p, mut t, mut m) = (params, tags, metrics);
    while !(p.is_empty() && t.is_empty() && m.is_empty()) {
        let np = p.len().min(BATCH_PARAMS);
        let nt = t.len().min(BATCH_TAGS);
        let nm = m.len().min(BATCH_METRICS).min(BATCH_TOTAL - np - nt);
        seed.post(
            "runs/log-batch",
            &json!({
                "run_id": run_id,
                "params": p[..np],
                "tags": t[..nt],
                "metrics": m[..nm],
            }),
        )
        .await;
        (p, t, m) = (&p[np..], &t[nt..], &m[nm..]);
    }
}

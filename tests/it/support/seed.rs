//! Test data, written through MLflow's REST API the way any client would (never through the
//! Python client, never into the sqlite file), with small builders that read like the data:
//!
//! ```ignore
//! let seed = server.seed();
//! let exp = seed.experiment("fraud").tag("team", "risk").await;
//! let run = seed
//!     .run(&exp)
//!     .name("xgb-lr0.1")
//!     .start_time(T0)
//!     .metric_history("loss", &[0.9, 0.5, f64::NAN])
//!     .param("lr", "0.1")
//!     .tag("baseline", "true")
//!     .finished()
//!     .await;
//! let model = seed.model("fraud-classifier").await;
//! let v1 = seed.version(&model, &run).alias("production").tag("approved_by", "dana").await;
//! ```
//!
//! Every builder is awaited directly (or through `.create()`); a failed call panics with the
//! endpoint, the status and MLflow's answer.

mod model;
mod run;

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

pub use self::model::{ModelBuilder, SeededModel, SeededVersion, VersionBuilder};
pub use self::run::{RunBuilder, SeededRun};

/// Writes test data into one server.
#[derive(Debug, Clone)]
pub struct Seeder {
    http: reqwest::Client,
    api: String,
}

/// An experiment the seeder created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededExperiment {
    pub id: String,
    pub name: String,
}

impl SeededExperiment {
    pub fn experiment_id(&self) -> clearance::domain::ExperimentId {
        clearance::domain::ExperimentId::new(self.id.as_str())
    }
}

/// MLflow's JSON for a metric value: a number, or one of the three strings MLflow reads as
/// non-finite. Anything else (serde's `null` for NaN, bare `NaN` tokens, `1e309`) is either
/// refused or, worse, silently stored as 0 at step 0 (mlflow-rest.md §5.2).
pub fn metric_value(v: f64) -> Value {
    if v.is_nan() {
        json!("NaN")
    } else if v == f64::INFINITY {
        json!("Infinity")
    } else if v == f64::NEG_INFINITY {
        json!("-Infinity")
    } else {
        json!(v)
    }
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn key_values(kvs: &[(String, String)]) -> Vec<Value> {
    kvs.iter()
        .map(|(k, v)| json!({ "key": k, "value": v }))
        .collect()
}

impl Seeder {
    pub fn new(base_url: &str) -> Self {
        Self {
            http: clearance::backends::http::client().build().unwrap(),
            api: format!("{}/api/2.0/mlflow", base_url.trim_end_matches('/')),
        }
    }

    /// `POST /api/2.0/mlflow/<endpoint>` with a JSON body; the answer's JSON.
    pub async fn post(&self, endpoint: &str, body: &Value) -> Value {
        let req = self
            .http
            .post(format!("{}/{endpoint}", self.api))
            .json(body);
        self.send("POST", endpoint, req).await
    }

    /// `GET /api/2.0/mlflow/<endpoint>?<query>`; the answer's JSON.
    pub async fn get(&self, endpoint: &str, query: &[(&str, &str)]) -> Value {
        let req = self
            .http
            .get(format!("{}/{endpoint}", self.api))
            .query(query);
        self.send("GET", endpoint, req).await
    }

    async fn send(&self, method: &str, endpoint: &str, req: reqwest::RequestBuilder) -> Value {
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("seeding: {method} {endpoint} failed: {e}"));
        let status = resp.status();
        let text = resp
            .text()
            .await
            .unwrap_or_else(|e| panic!("seeding: reading the answer to {method} {endpoint}: {e}"));
        assert!(
            status.is_success(),
            "seeding: {method} {endpoint} answered {status}: {text}"
        );
        serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("seeding: {method} {endpoint} answered {status} with non-JSON ({e}): {text}")
        })
    }

    /// An experiment; add tags with `.tag(k, v)`.
    pub fn experiment(&self, name: &str) -> ExperimentBuilder<'_> {
        ExperimentBuilder {
            seed: self,
            name: name.to_owned(),
            tags: Vec::new(),
        }
    }

    /// Moves an experiment to the trash (lifecycle `deleted`).
    pub async fn delete_experiment(&self, exp: &SeededExperiment) {
        self.post("experiments/delete", &json!({ "experiment_id": exp.id }))
            .await;
    }

    /// A run in `exp`: RUNNING and started now unless told otherwise.
    pub fn run(&self, exp: &SeededExperiment) -> RunBuilder<'_> {
        RunBuilder::new(self, exp)
    }

    /// A registered model.
    pub fn model(&self, name: &str) -> ModelBuilder<'_> {
        ModelBuilder::new(self, name)
    }

    /// A new version of `model` registered from `run`.
    pub fn version<'a>(&'a self, model: &SeededModel, run: &SeededRun) -> VersionBuilder<'a> {
        VersionBuilder::new(self, model, run)
    }

    /// Points `alias` at `version` (moving it if it pointed elsewhere).
    pub async fn set_alias(&self, version: &SeededVersion, alias: &str) {
        self.post(
            "registered-models/alias",
            // The version must be a JSON string: a number is refused with 400.
            &json!({ "name": version.model, "alias": alias, "version": version.version }),
        )
        .await;
    }
}

/// Builds an experiment; `.await` creates it.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct ExperimentBuilder<'a> {
    seed: &'a Seeder,
    name: String,
    tags: Vec<(String, String)>,
}

impl ExperimentBuilder<'_> {
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.push((key.to_owned(), value.to_owned()));
        self
    }

    pub async fn create(self) -> SeededExperiment {
        let mut body = json!({ "name": self.name });
        if !self.tags.is_empty() {
            body["tags"] = Value::Array(key_values(&self.tags));
        }
        let resp = self.seed.post("experiments/create", &body).await;
        let id = resp["experiment_id"]
            .as_str()
            .unwrap_or_else(|| panic!("experiments/create answered without an id: {resp}"))
            .to_owned();
        SeededExperiment {
            id,
            name: self.name,
        }
    }
}

/// `impl IntoFuture` for a builder whose `create()` borrows the seeder for `'a`.
macro_rules! awaitable {
    ($builder:ident => $output:ty) => {
        impl<'a> std::future::IntoFuture for $builder<'a> {
            type Output = $output;
            type IntoFuture =
                std::pin::Pin<Box<dyn std::future::Future<Output = $output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.create())
            }
        }
    };
}
pub(crate) use awaitable;

awaitable!(ExperimentBuilder => SeededExperiment);

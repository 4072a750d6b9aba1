//! The W&B stand-in server (`tests/support/wandb_standin.py`, Python's standard library only):
//! one fresh process per test, on a free port of its own choosing, with its state, faults and
//! request log reachable over HTTP. It stops when its handle is dropped (its stdin closes) or
//! when this test process dies (it watches its parent).

use std::io::{BufRead as _, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use clearance::backends::wandb::{
    ApiKey, KeyOrigin, RetryPolicy, Scope, WandbClient, WandbSettings,
};
use clearance::domain::ExperimentId;
use clearance::store::{RunQuery, RunStore};
use serde_json::Value;

use crate::support::venv::python;

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/wandb_standin.py"
);

/// The member's key (a W&B key is 40 hex digits; these are recognisable in any output).
pub const KEY: &str = "5ec7e7000000000000000000000000000000k3y1";
/// A registry admin's key: may set protected aliases.
pub const ADMIN_KEY: &str = "5ec7e70000000000000000000000000000admin2";

/// A running stand-in.
pub struct StandIn {
    url: String,
    child: Child,
    stdin: Option<ChildStdin>,
    http: reqwest::Client,
    /// Holds the request log; removed with the stand-in.
    dir: tempfile::TempDir,
}

impl StandIn {
    /// Starts one and waits until it listens.
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("clearance-wandb-")
            .tempdir()
            .unwrap();
        let mut child = Command::new(python())
            .arg(SCRIPT)
            .args(["--api-key", KEY, "--admin-key", ADMIN_KEY, "--log"])
            .arg(dir.path().join("requests.jsonl"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start the W&B stand-in with '{}' ({e}): the W&B tests need Python 3 \
                     (set CLEARANCE_TEST_PYTHON to use another interpreter)",
                    python()
                )
            });
        let stdin = child.stdin.take();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the W&B stand-in did not start: {line:?}"))
            .to_owned();
        Self {
            url,
            child,
            stdin,
            http: clearance::backends::http::client().build().unwrap(),
            dir,
        }
    }

    /// `http://127.0.0.1:PORT`, the base URL clients get.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client for the configured project `lab/churn`, with quick retries.
    pub fn client(&self, registry: Option<&str>) -> WandbClient {
        self.client_with(KEY, registry)
    }

    pub fn client_with(&self, key: &str, registry: Option<&str>) -> WandbClient {
        WandbClient::new(self.settings(key, registry)).unwrap()
    }

    /// What [`StandIn::client_with`] connects with, to change before connecting.
    pub fn settings(&self, key: &str, registry: Option<&str>) -> WandbSettings {
        WandbSettings {
            base_url: self.url.parse().unwrap(),
            project: Scope::new("lab", "churn"),
            registry: registry.map(str::to_owned),
            artifact_type: "model".to_owned(),
            api_key: ApiKey::new(key),
            key_origin: KeyOrigin::Env,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            retry: RetryPolicy {
                attempts: 4,
                backoff: Duration::from_millis(50),
                max_wait: Duration::from_secs(5),
            },
        }
    }

    /// Injects faults (see the stand-in's doc); `[]` clears them.
    pub async fn faults(&self, faults: Value) {
        let resp = self
            .http
            .post(format!("{}/_control/faults", self.url))
            .json(&faults)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success());
    }

    /// Aliases per collection (`entity/project/name` → alias → `vN`), metadata per artifact id,
    /// tags per run.
    pub async fn state(&self) -> Value {
        self.get("state").await
    }

    /// Every GraphQL request so far: `{op, variables, query, auth, status, fault}`.
    pub async fn log(&self) -> Vec<Value> {
        match self.get("log").await {
            Value::Array(v) => v,
            other => panic!("the log is not a list: {other}"),
        }
    }

    /// The requests of one operation.
    pub async fn requests(&self, op: &str) -> Vec<Value> {
        self.log()
            .await
            .into_iter()
            .filter(|e| e["op"] == op)
            .collect()
    }

    /// The request log as the stand-in writes it, read without an async runtime.
    pub fn log_file(&self) -> Vec<Value> {
        std::fs::read_to_string(self.dir.path().join("requests.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    async fn get(&self, what: &str) -> Value {
        self.http
            .get(format!("{}/_control/{what}", self.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A search of the stand-in's project `lab/churn`.
pub fn query(filter: Option<&str>, order_by: &[&str], page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: vec![ExperimentId::new("lab/churn")],
        filter: filter.map(str::to_owned),
        order_by: order_by.iter().map(|s| (*s).to_owned()).collect(),
        page_size,
    }
}

/// The ids of every run a search finds, following page tokens to the end.
pub async fn run_ids(store: &dyn RunStore, q: &RunQuery) -> Vec<String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = store.search_runs(q, token.as_deref()).await.unwrap();
        out.extend(page.runs.iter().map(|r| r.id.to_string()));
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => return out,
        }
    }
}

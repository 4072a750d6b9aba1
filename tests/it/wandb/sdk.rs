//! The stand-in's fidelity, checked with the official SDK (`wandb` 0.31.0 from
//! `tests/support/wandb-constraints.txt`, in a cached venv): `tests/support/wandb_sdk_probe.py`
//! drives `wandb.Api` through every operation clearance uses. Then:
//!
//! * every SDK call succeeds (the SDK validates answers with pydantic models generated from
//!   W&B's schema);
//! * the documents the SDK sent are the golden ones in
//!   `tests/fixtures/wandb/sdk-0.31.0-queries.json`, which clearance's own are compared with in
//!   `src/backends/wandb/tests.rs` (`CLEARANCE_RECORD_WANDB=1` rewrites the file);
//! * what clearance reads from the same seeded state equals what the SDK read: runs with their
//!   config, summary and tags, filters, order, sampled histories, collections, versions with
//!   aliases, metadata and source runs, in the project and in the registry.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::OnceLock;

use clearance::domain::{RegisteredModel, Run, RunId};
use clearance::store::{ModelRegistry, RunStore};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use super::standin::{ADMIN_KEY, KEY, StandIn, query, run_ids};
use crate::support::venv;

const PROBE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/wandb_sdk_probe.py"
);
const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wandb/sdk-0.31.0-queries.json"
);

/// What one run of the probe produced: its JSON, and the stand-in's request log.
struct Probe {
    output: Value,
    log: Vec<Value>,
}

/// The probe runs once per test binary, on a stand-in of its own.
fn probe() -> &'static Probe {
    static PROBE_RUN: OnceLock<Result<Probe, String>> = OnceLock::new();
    match PROBE_RUN.get_or_init(run_probe) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn run_probe() -> Result<Probe, String> {
    let venv = venv::wandb_venv()?;
    let standin = StandIn::start();
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = |name: &str| scratch.path().join(name);
    let mut cmd = Command::new(venv::bin(venv, "python"));
    cmd.arg(PROBE)
        .arg(ADMIN_KEY)
        .env("WANDB_API_KEY", KEY)
        .env("WANDB_BASE_URL", standin.url())
        .env("WANDB_SILENT", "true")
        .env("WANDB_ERROR_REPORTING", "false")
        .env("WANDB_DISABLE_GIT", "true")
        .env("WANDB_DIR", dir("wandb"))
        .env("WANDB_CACHE_DIR", dir("cache"))
        .env("WANDB_CONFIG_DIR", dir("config"))
        .env("WANDB_DATA_DIR", dir("data"))
        .env("HOME", scratch.path())
        .env("NETRC", dir("netrc"));
    for var in [
        "WANDB_ENTITY",
        "WANDB_PROJECT",
        "WANDB_ORGANIZATION",
        "WANDB_MODE",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run the SDK probe: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let output: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "the SDK probe printed no JSON ({e}, exit {}):\n{}\n{stderr}",
            out.status,
            String::from_utf8_lossy(&out.stdout)
        )
    })?;
    Ok(Probe {
        output,
        log: standin.log_file(),
    })
}

#[test]
fn the_sdk_accepts_every_answer_of_the_stand_in() {
    let checks = probe().output["checks"].as_array().unwrap();
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| c["ok"] != true)
        .map(|c| {
            format!(
                "✗ {}: {}",
                c["name"],
                c["detail"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert!(failed.is_empty(), "the SDK failed:\n{}", failed.join("\n"));
    assert!(checks.len() >= 20, "only {} checks ran", checks.len());
    // The key the SDK sent is never in the stand-in's log, only its length.
    let log = serde_json::to_string(&probe().log).unwrap();
    assert!(!log.contains(KEY) && !log.contains(ADMIN_KEY));
}

#[test]
fn the_sdks_queries_are_the_golden_ones() {
    let mut seen = BTreeSet::new();
    let mut recorded = Vec::new();
    for e in &probe().log {
        let key = (e["op"].to_string(), e["query"].to_string());
        if seen.insert(key) {
            recorded.push(json!({"op": e["op"], "query": e["query"], "variables": e["variables"]}));
        }
    }
    if std::env::var_os("CLEARANCE_RECORD_WANDB").is_some() {
        let text = serde_json::to_string_pretty(&recorded).unwrap();
        std::fs::write(GOLDEN, format!("{text}\n")).unwrap();
    }
    let golden: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    let pairs = |v: &[Value]| -> BTreeSet<(String, String)> {
        v.iter()
            .map(|e| (e["op"].to_string(), e["query"].to_string()))
            .collect()
    };
    assert_eq!(
        pairs(&recorded),
        pairs(&golden),
        "the SDK sent other documents than the golden ones: rerun with CLEARANCE_RECORD_WANDB=1 \
         after checking why"
    );
}

/// A value as clearance shows params, tags and metadata: text as is, anything else as JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The SDK's nested config flattened with dots, as clearance's params.
fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(o) if !o.is_empty() => {
            for (k, v) in o {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), text(other));
        }
    }
}

/// A metric value as text, so NaN equals NaN.
fn value_text(v: f64) -> String {
    format!("{v:?}")
}

fn sdk_number(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => n.as_f64().map(value_text),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(value_text(f64::NAN)),
            "Infinity" => Some(value_text(f64::INFINITY)),
            "-Infinity" => Some(value_text(f64::NEG_INFINITY)),
            _ => None,
        },
        _ => None,
    }
}

/// What both read of a run: id, name, state, labels, group, user, params, metrics, start.
fn sdk_run(r: &Value) -> Value {
    let mut params = BTreeMap::new();
    flatten("", &r["config"], &mut params);
    let metrics: BTreeMap<String, String> = r["summary"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .filter_map(|(k, v)| Some((k.clone(), sdk_number(v)?)))
        .collect();
    let mut labels: Vec<String> = r["tags"].as_array().unwrap().iter().map(text).collect();
    labels.sort();
    let created = chrono::DateTime::parse_from_rfc3339(r["created_at"].as_str().unwrap())
        .unwrap()
        .timestamp();
    json!({
        "id": r["id"], "name": r["name"], "state": r["state"].as_str().unwrap().to_uppercase(),
        "labels": labels, "group": r["group"], "user": r["user"],
        "params": params, "metrics": metrics, "created": created,
    })
}

fn clearance_run(r: &Run) -> Value {
    let labels: Vec<String> = r
        .tags
        .iter()
        .filter(|(k, v)| *v == "true" && !k.starts_with("wandb.") && !k.starts_with("mlflow."))
        .map(|(k, _)| k.to_string())
        .collect();
    let metrics: BTreeMap<String, String> = r
        .metrics
        .iter()
        .map(|(k, m)| (k.to_string(), value_text(m.value)))
        .collect();
    // W&B's `crashed` is MLflow's FAILED; compare the W&B word.
    let state = match r.status.as_str() {
        "FAILED" => "CRASHED",
        other => other,
    };
    json!({
        "id": r.id, "name": r.name, "state": state, "labels": labels,
        "group": r.tags.get("wandb.group"), "user": r.user,
        "params": r.params, "metrics": metrics,
        "created": r.start_time.map(|t| t.timestamp()),
    })
}

fn sdk_versions(v: &Value) -> Vec<Value> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let metadata: BTreeMap<String, String> = v["metadata"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), text(v)))
                .collect();
            json!([v["version"], v["aliases"], v["run"], metadata])
        })
        .collect()
}

fn clearance_versions(m: &RegisteredModel) -> Vec<Value> {
    m.versions
        .iter()
        .map(|v| json!([v.version.label(), v.aliases, v.run_id, v.tags]))
        .collect()
}

#[tokio::test]
async fn clearance_reads_what_the_sdk_reads() {
    // The probe is a blocking child process: off the test's runtime.
    let sdk = &tokio::task::spawn_blocking(probe).await.unwrap().output["read"];
    let w = StandIn::start();
    let store = w.client(None);

    // Runs, oldest first as the SDK lists them, one per page.
    let runs = {
        let mut q = query(None, &["attributes.start_time ASC"], 2);
        q.page_size = 1;
        let mut all = Vec::new();
        for id in run_ids(&store, &q).await {
            all.push(store.run(&RunId::new(id)).await.unwrap());
        }
        all
    };
    let theirs: Vec<Value> = sdk["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(sdk_run)
        .collect();
    let ours: Vec<Value> = runs.iter().map(clearance_run).collect();
    assert_eq!(ours, theirs);

    for (label, mlflow) in [
        ("baseline tag", "tags.baseline IS NOT NULL"),
        ("no baseline tag", "tags.baseline IS NULL"),
        ("summary above", "metrics.`val/acc` > 0.9"),
        ("config equal", "params.lr = '0.02'"),
        ("name regex", "attributes.run_name ILIKE 'cand%'"),
        ("state", "attributes.status = 'FINISHED'"),
    ] {
        let want: BTreeSet<String> = sdk["runs_by_filter"][label]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect();
        let got: BTreeSet<String> = run_ids(&store, &query(Some(mlflow), &[], 2))
            .await
            .into_iter()
            .collect();
        assert_eq!(got, want, "{label}: {mlflow}");
    }
    let newest_first: Vec<String> = sdk["runs_newest_first"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(run_ids(&store, &query(None, &[], 2)).await, newest_first);

    for (run, key, samples, field) in [
        ("cand02", "val/acc", 10, "history"),
        ("cand03", "val/loss", 100, "history_nan"),
    ] {
        let h = store
            .sampled_histories(&[RunId::new(run)], key, samples)
            .await
            .unwrap();
        let ours: Vec<(i64, String)> = h[&RunId::new(run)]
            .iter()
            .map(|p| (p.step, value_text(p.value)))
            .collect();
        let theirs: Vec<(i64, String)> = sdk[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row["_step"].as_i64().unwrap(),
                    sdk_number(&row[key]).unwrap(),
                )
            })
            .collect();
        assert_eq!(ours, theirs, "{field}");
    }

    let models = store.models().await.unwrap();
    let names: Vec<Value> = models.iter().map(|m| json!(m.name)).collect();
    assert_eq!(Value::Array(names), sdk["collections"]);
    assert_eq!(
        clearance_versions(&models[0]),
        sdk_versions(&sdk["versions"]),
        "versions of churn-model"
    );

    let registry = w.client(Some("model")).models().await.unwrap();
    let names: Vec<Value> = registry.iter().map(|m| json!(m.name)).collect();
    assert_eq!(Value::Array(names), sdk["registry_collections"]);
    assert_eq!(
        clearance_versions(&registry[0]),
        sdk_versions(&sdk["registry_versions"]),
        "versions of the registry's churn-classifier"
    );
    // The probe and clearance went through the same stand-in code; make sure clearance did
    // not take longer paths than the SDK (no N+1: one request per page of runs).
    let log = w.log().await;
    assert!(log.iter().all(|e| e["op"] != "ArtifactCreatedBy"));
}

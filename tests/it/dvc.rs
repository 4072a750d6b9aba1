//! The DVC backend against a real repository built with the real `dvc`, `dvclive` and `gto`
//! (`support::dvc`): what clearance reads, through the library and through the binary, is
//! what `dvc exp show --json` says about the same repository; the git-only reader agrees; the
//! histories are the DVCLive files.

mod apply;
mod cli;
mod errors;
mod policy;
mod readers;
mod registry;
mod tui;

use std::collections::BTreeMap;

use serde_json::Value;

/// One run as `dvc exp show --json` describes it, flattened by the rules the README states
/// (params with dots, metrics with slashes, DVCLive's `step` left out), written here
/// independently of the backend's code.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub id: String,
    pub name: String,
    pub experiment: String,
    pub status: &'static str,
    pub params: BTreeMap<String, String>,
    /// Values as text, so NaN compares equal to NaN.
    pub metrics: BTreeMap<String, String>,
}

fn flatten(v: &Value, key: &str, sep: &str, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let joined = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}{sep}{k}")
                };
                flatten(v, &joined, sep, out);
            }
        }
        other => {
            out.insert(key.to_owned(), other.clone());
        }
    }
}

fn number_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(format!("{}", n.as_f64().unwrap())),
        Value::String(s) => match s.as_str() {
            "nan" | "NaN" => Some("NaN".into()),
            "inf" | "Infinity" => Some("inf".into()),
            "-inf" | "-Infinity" => Some("-inf".into()),
            _ => None,
        },
        _ => None,
    }
}

fn expected_run(row: &Value, name: &str, experiment: &str, status: &'static str) -> Expected {
    let data = &row["data"];
    let mut params = BTreeMap::new();
    let mut flat = BTreeMap::new();
    flatten(&data["params"]["params.yaml"]["data"], "", ".", &mut flat);
    for (k, v) in flat {
        let text = match v {
            Value::String(s) => s,
            other => other.to_string(),
        };
        params.insert(k, text);
    }
    let mut metrics = BTreeMap::new();
    for file in data["metrics"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
    {
        let mut values = file["data"].clone();
        if let Some(m) = values.as_object_mut() {
            m.remove("step");
        }
        let mut flat = BTreeMap::new();
        flatten(&values, "", "/", &mut flat);
        for (k, v) in flat {
            if let Some(text) = number_text(&v) {
                metrics.insert(k, text);
            }
        }
    }
    Expected {
        id: row["rev"].as_str().unwrap().to_owned(),
        name: name.to_owned(),
        experiment: experiment.to_owned(),
        status,
        params,
        metrics,
    }
}

/// Every run `dvc exp show --json` lists: workspace, baselines, experiments.
pub fn expected_runs(show: &Value, head: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    for row in show.as_array().unwrap() {
        let rev = row["rev"].as_str().unwrap();
        if rev == "workspace" {
            out.push(expected_run(row, "workspace", head, "FINISHED"));
            continue;
        }
        // DVC names other baselines by a tag it picks in disk order; clearance by branch only
        // (`backends/dvc/commits.rs`): none points at the older baseline.
        let name = if rev == head {
            row["name"].as_str().unwrap().to_owned()
        } else {
            rev[..7].to_owned()
        };
        out.push(expected_run(row, &name, rev, "FINISHED"));
        for exp in row["experiments"].as_array().into_iter().flatten() {
            let status = match exp["executor"]["state"].as_str() {
                None | Some("success") => "FINISHED",
                Some("queued") => "SCHEDULED",
                Some("running") => "RUNNING",
                Some("failed") => "FAILED",
                Some(other) => panic!("unexpected executor state {other}"),
            };
            let first = &exp["revs"][0];
            out.push(expected_run(
                first,
                exp["name"].as_str().unwrap(),
                rev,
                status,
            ));
        }
    }
    out.sort_by(|a, b| (&a.experiment, &a.id).cmp(&(&b.experiment, &b.id)));
    out
}

/// A run of clearance's in the same shape.
pub fn actual(run: &clearance::domain::Run) -> Expected {
    Expected {
        id: run.id.as_str().to_owned(),
        name: run.name.clone(),
        experiment: run.experiment_id.as_str().to_owned(),
        status: match run.status.as_str() {
            "FINISHED" => "FINISHED",
            "SCHEDULED" => "SCHEDULED",
            "RUNNING" => "RUNNING",
            "FAILED" => "FAILED",
            other => panic!("unexpected status {other}"),
        },
        params: run
            .params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        metrics: run
            .metrics
            .iter()
            .map(|(k, m)| (k.to_string(), format!("{}", m.value)))
            .collect(),
    }
}

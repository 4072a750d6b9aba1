//! The documented JSON forms of runs, models and comparisons.

use serde_json::{Map, Value, json};

use crate::domain::comparison::{Comparison, Side};
use crate::domain::value::json_value;
use crate::domain::{Gate, ModelVersion, RegisteredModel, Run};

/// `{run_id, name, experiment, status, start_time, params, tags, metrics, baseline}`.
pub fn run(run: &Run, experiment: &str, baseline: bool) -> Value {
    let metrics: Map<String, Value> = run
        .metrics
        .iter()
        .map(|(k, m)| (k.clone(), json_value(m.value)))
        .collect();
    json!({
        "run_id": run.id,
        "name": run.name,
        "experiment": experiment,
        "status": run.status.as_str(),
        "start_time": run.start_time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        "params": run.params,
        "tags": run.tags,
        "metrics": metrics,
        "baseline": baseline,
    })
}

/// `{version, aliases, run_id, status, tags}`.
pub fn version(v: &ModelVersion) -> Value {
    json!({
        "version": v.version,
        "aliases": v.aliases,
        "run_id": v.run_id,
        "status": v.status,
        "tags": v.tags,
    })
}

/// `{name, versions: [...]}`.
pub fn model(m: &RegisteredModel) -> Value {
    json!({
        "name": m.name,
        "versions": m.versions.iter().map(version).collect::<Vec<_>>(),
    })
}

fn side(s: &Side) -> Value {
    json!({
        "ref": s.reference.to_string(),
        "version": s.version.as_ref().map(|v| &v.version),
        "aliases": s.version.as_ref().map(|v| &v.aliases),
        "run_id": s.run.id,
        "run_name": s.run.name,
    })
}

fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Null, json_value)
}

/// `{candidate, baseline, metrics: [...], passed}`.
pub fn comparison(cmp: &Comparison) -> Value {
    let metrics: Vec<Value> = cmp
        .report
        .metrics
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "baseline": num(m.baseline),
                "candidate": num(m.candidate),
                "delta": num(m.delta),
                "delta_pct": num(m.delta_pct),
                "better": m.direction.as_json(),
                "verdict": m.verdict,
                "gate": m.gate.map(|g| match g { Gate::Pass => "pass", Gate::Fail => "fail" }),
                "gate_reason": m.gate_reason,
            })
        })
        .collect();
    json!({
        "model": cmp.model,
        "candidate": side(&cmp.candidate),
        "baseline": side(&cmp.baseline),
        "metrics": metrics,
        "passed": cmp.report.passed(),
    })
}

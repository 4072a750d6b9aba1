//! Params and metrics files, flattened into a run's flat maps; both readers go through here,
//! so they name and spell every value the same way.
//!
//! * Params: nested keys joined with `.` (`train.lr`), the syntax of `dvc exp run -S
//!   train.lr=0.1`. Keys from the default file `params.yaml` stand alone; keys from any other
//!   file carry it in front, as DVC writes them on the command line: `config/model.json:depth`.
//!   Values are text: strings as they are, anything else as compact JSON (`0.01`, `true`,
//!   `[1,2]`, `null`).
//! * Metrics: nested keys joined with `/` (`train/loss`), DVCLive's own names, so a summary
//!   value and its step history (`dvclive/plots/metrics/train/loss.tsv`) share one name.
//!   Files are merged; a key a second file repeats gets that file in front (`other.json:acc`).
//!   Numbers are metrics, and so are the strings DVCLive and Python write for non-finite
//!   values (`nan`, `inf`, `-inf`, `NaN`, `Infinity`); other strings, booleans and lists
//!   are not measurements and are left out. A top-level integer `step` (DVCLive writes it
//!   next to the values) is the step of that file's values, not a metric.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::domain::LatestMetric;

/// DVC's default params file, whose keys are shown without a file name.
pub const DEFAULT_PARAMS_FILE: &str = "params.yaml";

/// One params or metrics file as a reader found it.
#[derive(Debug, Clone, PartialEq)]
pub enum FileData {
    Data(Value),
    /// Why the file could not be read (DVC's message, or the reader's).
    Error(String),
}

/// Params of all files, and the errors of the files that could not be read.
pub fn params(files: &[(String, FileData)]) -> (BTreeMap<String, String>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (file, data) in sorted(files) {
        match data {
            FileData::Data(v) => {
                let prefix = if file == DEFAULT_PARAMS_FILE {
                    String::new()
                } else {
                    format!("{file}:")
                };
                flatten_params(v, &prefix, &mut out);
            }
            FileData::Error(e) => errors.push(format!("{file}: {e}")),
        }
    }
    (out, errors)
}

fn flatten_params(v: &Value, key: &str, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let joined = if key.is_empty() || key.ends_with(':') {
                    format!("{key}{k}")
                } else {
                    format!("{key}.{k}")
                };
                flatten_params(v, &joined, out);
            }
        }
        // A file that is a bare value (rare) keeps its file name as the key.
        _ if key.is_empty() => {}
        Value::String(s) => {
            out.insert(key.to_owned(), s.clone());
        }
        other => {
            out.insert(key.to_owned(), other.to_string());
        }
    }
}

/// What the metrics files of one revision hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub values: BTreeMap<String, LatestMetric>,
    /// Directories holding a DVCLive summary (`dvclive` for `dvclive/metrics.json`): where
    /// step histories are looked for (`<dir>/plots/metrics/<key>.tsv`).
    pub live_dirs: Vec<String>,
    pub errors: Vec<String>,
}

/// Metrics of all files, with `timestamp` (milliseconds) as their time.
pub fn metrics(files: &[(String, FileData)], timestamp: i64) -> Metrics {
    let mut out = Metrics::default();
    for (file, data) in sorted(files) {
        let value = match data {
            FileData::Data(v) => v,
            FileData::Error(e) => {
                out.errors.push(format!("{file}: {e}"));
                continue;
            }
        };
        if let Some(dir) = file.strip_suffix("/metrics.json").filter(|d| !d.is_empty()) {
            out.live_dirs.push(dir.to_owned());
        }
        let step = value.get("step").and_then(Value::as_i64);
        let mut flat = Vec::new();
        flatten_metrics(value, "", step.is_some(), &mut flat);
        for (key, v) in flat {
            let key = if out.values.contains_key(&key) {
                format!("{file}:{key}")
            } else {
                key
            };
            out.values.insert(
                key,
                LatestMetric {
                    value: v,
                    step: step.unwrap_or(0),
                    timestamp,
                },
            );
        }
    }
    out
}

fn flatten_metrics(v: &Value, key: &str, skip_step: bool, out: &mut Vec<(String, f64)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if key.is_empty() && skip_step && k == "step" {
                    continue;
                }
                let joined = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}/{k}")
                };
                flatten_metrics(v, &joined, false, out);
            }
        }
        _ if key.is_empty() => {}
        Value::Number(n) => {
            if let Some(f) = n.as_f64() {
                out.push((key.to_owned(), f));
            }
        }
        Value::String(s) => {
            if let Some(f) = non_finite(s) {
                out.push((key.to_owned(), f));
            }
        }
        Value::Bool(_) | Value::Null | Value::Array(_) => {}
    }
}

/// The non-finite number a string spells, as Python (`nan`, `inf`, `-inf`) or JSON-ish
/// writers (`NaN`, `Infinity`, `-Infinity`) write it.
pub fn non_finite(s: &str) -> Option<f64> {
    match s.trim() {
        "nan" | "NaN" | "-nan" => Some(f64::NAN),
        "inf" | "Infinity" | "+inf" => Some(f64::INFINITY),
        "-inf" | "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Files in path order, so both readers merge them the same way whatever order they found
/// them in.
fn sorted(files: &[(String, FileData)]) -> Vec<(&String, &FileData)> {
    let mut v: Vec<(&String, &FileData)> = files.iter().map(|(f, d)| (f, d)).collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use serde_json::json;

    use super::*;

    fn data(file: &str, v: Value) -> (String, FileData) {
        (file.to_owned(), FileData::Data(v))
    }

    #[test]
    fn params_flatten_with_dots_and_other_files_carry_their_name() {
        let (p, errors) = params(&[
            data(
                "params.yaml",
                json!({"train": {"lr": 0.001, "epochs": 20, "layers": [64, 32], "opt": "adam"},
                       "flag": true, "none": null}),
            ),
            data("config/model.json", json!({"depth": 8})),
            (
                "broken.yaml".into(),
                FileData::Error("bad indentation".into()),
            ),
        ]);
        let want: BTreeMap<String, String> = [
            ("config/model.json:depth", "8"),
            ("flag", "true"),
            ("none", "null"),
            ("train.epochs", "20"),
            ("train.layers", "[64,32]"),
            ("train.lr", "0.001"),
            ("train.opt", "adam"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(p, want);
        assert_eq!(errors, vec!["broken.yaml: bad indentation".to_owned()]);
    }

    #[test]
    fn metrics_flatten_with_slashes_and_read_dvclive_steps() {
        let m = metrics(
            &[
                data(
                    "dvclive/metrics.json",
                    json!({"train": {"loss": "nan", "acc": 0.5}, "val": {"loss": "inf"},
                           "step": 19}),
                ),
                data(
                    "metrics.json",
                    json!({"test": {"accuracy": "NaN", "auc": 0.99, "note": "ok", "ok": true},
                           "n_params": 385, "train": {"acc": 0.7}}),
                ),
            ],
            1_000,
        );
        let got: Vec<(String, String, i64)> = m
            .values
            .iter()
            .map(|(k, v)| (k.clone(), format!("{}", v.value), v.step))
            .collect();
        let want: Vec<(String, String, i64)> = [
            ("metrics.json:train/acc", "0.7", 0),
            ("n_params", "385", 0),
            ("test/accuracy", "NaN", 0),
            ("test/auc", "0.99", 0),
            ("train/acc", "0.5", 19),
            ("train/loss", "NaN", 19),
            ("val/loss", "inf", 19),
        ]
        .into_iter()
        .map(|(k, v, s)| (k.to_owned(), v.to_owned(), s))
        .collect();
        assert_eq!(got, want);
        assert_eq!(m.live_dirs, vec!["dvclive".to_owned()]);
        assert!(m.values.values().all(|v| v.timestamp == 1_000));
    }
}

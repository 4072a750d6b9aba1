//! The mapping over answers recorded from the real `dvc exp show --json` (dvc 3.67.1,
//! `tests/fixtures/dvc/`, see its README): DTOs → what a reader found → experiments and runs.

use std::collections::HashMap;

use chrono::{Local, TimeZone, Utc};
use pretty_assertions::assert_eq;

use super::exp_show::{self, local_time};
use super::snapshot::{Mapping, Reader, RevKind, Snapshot};
use super::{TAG_CONFIGURED, TAG_ERROR, TAG_EXECUTOR, TAG_PARENT, TAG_REV, TAG_TYPE};
use crate::domain::run::PARENT_RUN_TAG;
use crate::domain::{Run, RunStatus};
use crate::store::BackendError;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/dvc/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The baseline of the reference capture (`captures/commits.txt`).
const CAPTURE_HEAD: &str = "3ec428bb3ff9b769578fa892cc9b68a560e91e7d";
/// The sample repository's two baselines (fixed dates make them the same in every build).
const SAMPLE_A: &str = "fd886aeedf1a5e8f17646e120a51e0001a3ed818";
const SAMPLE_B: &str = "840c935e41af54bc43a756a12c41c0cf6167390c";

fn mapping(head: &str, configured: Option<&str>) -> Mapping {
    Mapping {
        baseline_tag: "baseline".into(),
        baseline_value: "true".into(),
        configured_baseline: configured.map(str::to_owned),
        head: Some(head.to_owned()),
        reader: Reader::Dvc,
    }
}

fn snapshot(file: &str, head: &str, configured: Option<&str>) -> Snapshot {
    let revs = exp_show::parse(&fixture(file), Some(head)).unwrap();
    Snapshot::build(&revs, &HashMap::new(), &mapping(head, configured))
}

fn by_name<'a>(s: &'a Snapshot, name: &str) -> &'a Run {
    s.runs
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no run named {name}"))
}

#[test]
fn the_reference_capture_maps_to_one_experiment_with_its_runs() {
    let s = snapshot("dvc-exp-show.json", CAPTURE_HEAD, None);
    assert_eq!(s.experiments.len(), 1);
    let e = &s.experiments[0];
    assert_eq!(e.id.as_str(), CAPTURE_HEAD);
    assert_eq!(e.name, "main @ 3ec428b");
    assert_eq!(e.tags.get("dvc.head").map(String::as_str), Some("true"));

    let names: Vec<(&str, &str)> = s
        .runs
        .iter()
        .map(|r| (r.name.as_str(), r.status.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("workspace", "FINISHED"),
            ("main", "FINISHED"),
            ("exp-deep", "FINISHED"),
            ("exp-lr-low", "FINISHED"),
            ("exp-lr-high", "FINISHED"),
            ("exp-queued", "SCHEDULED"),
        ]
    );
    assert!(
        s.runs
            .iter()
            .all(|r| r.experiment_id.as_str() == CAPTURE_HEAD)
    );

    let base = by_name(&s, "main");
    assert_eq!(base.id.as_str(), CAPTURE_HEAD);
    assert_eq!(
        base.tags.get("baseline").map(crate::domain::Name::as_str),
        Some("true")
    );
    assert_eq!(
        base.tags.get(TAG_TYPE).map(crate::domain::Name::as_str),
        Some("baseline")
    );
    assert_eq!(base.tags.get(PARENT_RUN_TAG), None);

    let deep = by_name(&s, "exp-deep");
    assert_eq!(deep.id.as_str(), "243b10c2b54a0c53364c328c4b06903d3b527fc5");
    assert_eq!(deep.tags.get("baseline"), None);
    assert_eq!(
        deep.tags.get(TAG_PARENT).map(crate::domain::Name::as_str),
        Some(CAPTURE_HEAD)
    );
    assert_eq!(
        deep.tags
            .get(PARENT_RUN_TAG)
            .map(crate::domain::Name::as_str),
        Some(CAPTURE_HEAD)
    );
    assert_eq!(deep.params["train.epochs"], "20");
    assert_eq!(deep.params["model.hidden"], "128");
    assert_eq!(deep.params["train.lr"], "0.01");
    assert_eq!(deep.metric("test/accuracy"), Some(0.9472));
    assert_eq!(deep.metric("train/loss"), Some(0.0891));
    assert_eq!(deep.metrics["train/loss"].step, 19);
    assert_eq!(deep.metrics["test/accuracy"].step, 0);
    assert_eq!(
        deep.metric("step"),
        None,
        "DVCLive's step is a step, not a metric"
    );
    assert_eq!(
        deep.start_time,
        local_time("2026-11-22T13:30:17"),
        "without git, DVC's local time"
    );

    let queued = by_name(&s, "exp-queued");
    assert!(queued.metrics.is_empty());
    assert_eq!(queued.params["train.seed"], "7");
    assert_eq!(
        queued
            .tags
            .get(TAG_EXECUTOR)
            .map(crate::domain::Name::as_str),
        Some("dvc-task")
    );

    let ws = by_name(&s, "workspace");
    assert_eq!(ws.id.as_str(), "workspace");
    assert_eq!(ws.start_time, None);
    assert_eq!(
        ws.tags.get(TAG_REV).map(crate::domain::Name::as_str),
        Some("workspace")
    );
}

#[test]
fn all_commits_add_a_baseline_without_experiments() {
    let s = snapshot("dvc-exp-show-A.json", CAPTURE_HEAD, None);
    let names: Vec<&str> = s.experiments.iter().map(|e| e.name.as_str()).collect();
    // HEAD first; an unnamed commit is named by its short sha (git would add its subject).
    assert_eq!(names, ["main @ 3ec428b", "fb7fa79"]);
    let first = s
        .runs
        .iter()
        .find(|r| r.experiment_id.as_str().starts_with("fb7fa79"))
        .unwrap();
    assert_eq!(first.name, "fb7fa79");
    assert!(first.metrics.is_empty());
}

#[test]
fn the_sample_repository_has_two_baselines_nan_and_unicode() {
    let s = snapshot("dvc-exp-show-sample.json", SAMPLE_B, None);
    let names: Vec<&str> = s.experiments.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["main @ 840c935", "churn-model#prod#1 @ fd886ae"]);
    let under = |e: &str| -> Vec<&str> {
        let mut v: Vec<&str> = s
            .runs
            .iter()
            .filter(|r| r.experiment_id.as_str() == e)
            .map(|r| r.name.as_str())
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        under(SAMPLE_B),
        [
            "exp-diverge",
            "exp-dropout-ß",
            "exp-queued",
            "main",
            "workspace"
        ]
    );
    assert_eq!(
        under(SAMPLE_A),
        [
            "churn-model#prod#1",
            "exp-deep",
            "exp-lr-high",
            "exp-lr-low"
        ]
    );
    let diverge = by_name(&s, "exp-diverge");
    // metrics.json holds Python's bare NaN; DVCLive wrote the string "nan".
    assert!(diverge.metric("test/accuracy").unwrap().is_nan());
    assert!(diverge.metric("train/loss").unwrap().is_nan());
    assert_eq!(diverge.metric("train/acc"), Some(0.5));
    assert_eq!(diverge.params["train.lr"], "5");
    assert_eq!(by_name(&s, "exp-dropout-ß").params["model.dropout"], "0.3");
    // Each experiment's baseline is its own parent commit.
    let tagged: Vec<&str> = s
        .runs
        .iter()
        .filter(|r| r.has_tag("baseline", "true"))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(tagged, [SAMPLE_B, SAMPLE_A]);
}

#[test]
fn failed_runs_file_errors_and_finished_tasks() {
    let s = snapshot("dvc-exp-show-failed.json", SAMPLE_B, None);
    let broken = by_name(&s, "exp-broken");
    assert_eq!(broken.status, RunStatus::Failed);
    // It was queued from a work tree whose metrics.json was cut short: DVC says both.
    let error = broken.tags.get(TAG_ERROR).unwrap();
    assert!(
        error.starts_with("metrics.json: JSONFileCorruptedError")
            && error.ends_with("; Experiment run failed"),
        "{error}"
    );
    let done = by_name(&s, "exp-queued");
    assert_eq!(done.status, RunStatus::Finished);
    assert_eq!(
        done.tags.get(TAG_EXECUTOR).map(crate::domain::Name::as_str),
        Some("dvc-task")
    );
    let ws = by_name(&s, "workspace");
    let error = ws.tags.get(TAG_ERROR).unwrap();
    assert!(
        error.starts_with("metrics.json: JSONFileCorruptedError: unable to read"),
        "{error}"
    );
    // The file that could be read still counts.
    assert_eq!(ws.metric("train/loss"), Some(0.08045));
    assert_eq!(ws.metric("test/accuracy"), None);
}

#[test]
fn a_configured_baseline_is_every_experiments_baseline() {
    let s = snapshot("dvc-exp-show-sample.json", SAMPLE_B, Some(SAMPLE_A));
    let tagged: Vec<(&str, &str)> = s
        .runs
        .iter()
        .filter(|r| r.has_tag("baseline", "true"))
        .map(|r| (r.experiment_id.as_str(), r.id.as_str()))
        .collect();
    assert_eq!(tagged, [(SAMPLE_A, SAMPLE_A), (SAMPLE_B, SAMPLE_A)]);
    let copy = s
        .runs
        .iter()
        .find(|r| r.experiment_id.as_str() == SAMPLE_B && r.id.as_str() == SAMPLE_A)
        .unwrap();
    assert_eq!(
        copy.tags
            .get(TAG_CONFIGURED)
            .map(crate::domain::Name::as_str),
        Some("true")
    );
}

#[test]
fn broken_answers_are_decode_errors() {
    for text in [
        "",
        "[{\"rev\": ",
        "{\"not\": \"a list\"}",
        "[{\"name\": \"x\"}]",
    ] {
        match exp_show::parse(text, None) {
            Err(BackendError::Decode { what, .. }) => {
                assert_eq!(what, "the output of 'dvc exp show --json'");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    // An empty repository: no rows at all.
    assert_eq!(exp_show::parse("[]", None).unwrap(), vec![]);
}

#[test]
fn executor_states_map_to_statuses() {
    let got: Vec<RunStatus> = ["queued", "running", "success", "failed", "paused"]
        .into_iter()
        .map(exp_show::status)
        .collect();
    assert_eq!(
        got,
        [
            RunStatus::Scheduled,
            RunStatus::Running,
            RunStatus::Finished,
            RunStatus::Failed,
            RunStatus::Other("PAUSED".into()),
        ]
    );
}

#[test]
fn naive_local_times_convert_back_to_the_instant() {
    // DVC prints `datetime.fromtimestamp(t).isoformat()` in the zone this process runs in.
    let instant = Utc.timestamp_opt(1_795_354_217, 0).unwrap();
    let printed = instant
        .with_timezone(&Local)
        .naive_local()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    assert_eq!(local_time(&printed), Some(instant));
    assert_eq!(local_time("not a time"), None);
}

#[test]
fn rows_keep_their_kinds() {
    let revs = exp_show::parse(&fixture("dvc-exp-show.json"), Some(CAPTURE_HEAD)).unwrap();
    let kinds: Vec<RevKind> = revs.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            RevKind::Workspace,
            RevKind::Baseline,
            RevKind::Experiment,
            RevKind::Experiment,
            RevKind::Experiment,
            RevKind::Experiment,
        ]
    );
    assert_eq!(revs[0].parent.as_deref(), Some(CAPTURE_HEAD));
}

//! `MlflowClient` through the `RunStore` and `ModelRegistry` traits, against a real server.
//!
//! Every test seeds its own experiments and models under names no other test uses, so all of
//! them share one server and run in parallel. Listings of the whole server are narrowed to a
//! test's own names before comparing.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::DateTime;
use clearance::domain::{
    Experiment, ExperimentId, Lifecycle, MetricPoint, ModelVersion, RegisteredModel, Run, RunId,
    RunStatus, VersionId,
};
use clearance::store::{BackendError, ModelRegistry, RunQuery, RunStore};
use futures::StreamExt as _;
use pretty_assertions::assert_eq;

use crate::support::{self, SeededRun};

/// 2026-01-01T00:00:00Z, a start time that sorts before anything started "now".
const T0: i64 = 1_767_225_600_000;

fn ms(t: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    DateTime::from_timestamp_millis(t)
}

fn tags(kvs: &[(&str, &str)]) -> BTreeMap<String, String> {
    kvs.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Metric values as text, so NaN compares equal to NaN (`{:?}`: `NaN`, `inf`, `-inf`).
fn points(points: &[MetricPoint]) -> Vec<(i64, i64, String)> {
    points
        .iter()
        .map(|p| (p.step, p.timestamp, format!("{:?}", p.value)))
        .collect()
}

/// A run's latest metrics as `key → (value as text, step, timestamp)`.
fn latest(run: &Run) -> BTreeMap<String, (String, i64, i64)> {
    run.metrics
        .iter()
        .map(|(k, m)| {
            (
                k.to_string(),
                (format!("{:?}", m.value), m.step, m.timestamp),
            )
        })
        .collect()
}

fn names(runs: &[Run]) -> Vec<String> {
    runs.iter().map(|r| r.name.clone()).collect()
}

fn query(exp: &support::SeededExperiment, filter: Option<&str>, order_by: &[&str]) -> RunQuery {
    RunQuery {
        experiment_ids: vec![exp.experiment_id()],
        filter: filter.map(str::to_owned),
        order_by: order_by.iter().map(|s| (*s).to_owned()).collect(),
        page_size: 1000,
    }
}

#[tokio::test]
async fn experiments_are_the_active_ones_newest_first_with_tags() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let older = seed
        .experiment("exp-list-older")
        .tag("team", "risk-ml")
        .tag("project", "fraud")
        .await;
    // Creation times are in milliseconds: keep the two apart.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let newer = seed.experiment("exp-list-newer").await;
    let trashed = seed.experiment("exp-list-trashed").await;
    seed.delete_experiment(&trashed).await;

    let got: Vec<Experiment> = client
        .experiments()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.name.starts_with("exp-list-"))
        .collect();
    let view: Vec<(ExperimentId, String, Lifecycle, BTreeMap<String, String>)> = got
        .iter()
        .map(|e| (e.id.clone(), e.name.clone(), e.lifecycle, e.tags.clone()))
        .collect();
    assert_eq!(
        view,
        vec![
            (
                newer.experiment_id(),
                "exp-list-newer".to_owned(),
                Lifecycle::Active,
                tags(&[])
            ),
            (
                older.experiment_id(),
                "exp-list-older".to_owned(),
                Lifecycle::Active,
                tags(&[("project", "fraud"), ("team", "risk-ml")])
            ),
        ]
    );
    assert!(got[0].last_update_ms > got[1].last_update_ms, "{got:#?}");
}

#[tokio::test]
async fn search_runs_follows_page_tokens_newest_first() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-paging").await;
    let seeded: Vec<SeededRun> = futures::stream::iter(0..23_i64)
        .map(|i| {
            seed.run(&exp)
                .name(&format!("run-{i:02}"))
                .start_time(T0 + i * 1000)
                .create()
        })
        .buffered(4)
        .collect()
        .await;

    let query = RunQuery {
        page_size: 5,
        ..query(&exp, None, &[])
    };
    let mut collected = Vec::new();
    let mut page_sizes = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client.search_runs(&query, token.as_deref()).await.unwrap();
        page_sizes.push(page.runs.len());
        collected.extend(page.runs);
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => break,
        }
        assert!(page_sizes.len() < 10, "paging does not end: {page_sizes:?}");
    }
    assert_eq!(page_sizes, [5, 5, 5, 5, 3]);
    let mut want: Vec<RunId> = seeded.iter().map(SeededRun::run_id).collect();
    want.reverse();
    assert_eq!(
        collected.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        want
    );
    assert_eq!(collected[0].name, "run-22");
    assert_eq!(collected[0].start_time, ms(T0 + 22_000));
}

/// A page of runs is read record by record as the answer arrives: over an answer of many
/// chunks, with texts that hold JSON's own marks, every run reads as the server's `runs/get`
/// (read whole) gives it.
#[tokio::test]
async fn searched_runs_read_as_each_run_reads_alone() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-streamed-page").await;
    let marks = r#"}]},{"runs": [ "\" \\ \n ünï 模型 😀"#;
    let long = "{\"x\": [\"]\"]} ".repeat(400);
    let seeded: Vec<SeededRun> = futures::stream::iter(0..12_i64)
        .map(|i| {
            seed.run(&exp)
                .name(&format!("{marks} {i}"))
                .start_time(T0 + i * 1000)
                .param("note", marks)
                .tag("long", &long)
                .tag("marks", marks)
                // Not NaN: a run with a NaN is equal to no run, itself included.
                .metric_history("loss", &[0.5, f64::INFINITY])
                .finished()
                .create()
        })
        .buffered(4)
        .collect()
        .await;

    let page = client
        .search_runs(&query(&exp, None, &[]), None)
        .await
        .unwrap();
    assert_eq!(page.runs.len(), seeded.len());
    for run in &page.runs {
        assert_eq!(run, &client.run(&run.id).await.unwrap());
    }
    assert_eq!(page.runs[0].name, format!("{marks} 11"));
    assert_eq!(
        page.runs[0]
            .tags
            .get("long")
            .map(clearance::domain::Name::as_str),
        Some(long.as_str())
    );
}

#[tokio::test]
async fn search_runs_applies_filters_and_order() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-filters").await;
    let xgb_a = seed
        .run(&exp)
        .name("xgb-a")
        .start_time(T0)
        .param("model", "xgb")
        .param("lr", "0.1")
        .metric("accuracy", 0.91)
        .metric("loss", 0.30)
        .tag("stage", "prod")
        .finished()
        .await;
    seed.run(&exp)
        .name("xgb-b")
        .start_time(T0 + 1000)
        .param("model", "xgb")
        .param("lr", "0.01")
        .metric("accuracy", 0.85)
        .metric("loss", 0.40)
        .finished()
        .await;
    seed.run(&exp)
        .name("lgbm-a")
        .start_time(T0 + 2000)
        .param("model", "lgbm")
        .metric("accuracy", 0.93)
        .metric("loss", 0.25)
        .tag("stage", "dev")
        .finished()
        .await;
    seed.run(&exp)
        .name("linear")
        .start_time(T0 + 3000)
        .param("model", "linear")
        .metric("accuracy", 0.70)
        .failed()
        .await;
    seed.run(&exp)
        .name("xgb-a-fold1")
        .start_time(T0 + 4000)
        .parent(&xgb_a)
        .metric("accuracy", 0.90)
        .await;

    let parent_filter = format!("tags.mlflow.parentRunId = '{}'", xgb_a.id);
    let cases: Vec<(Option<&str>, Vec<&str>, Vec<&str>)> = vec![
        (
            None,
            vec![],
            vec!["xgb-a-fold1", "linear", "lgbm-a", "xgb-b", "xgb-a"],
        ),
        (
            Some("metrics.accuracy > 0.88"),
            vec!["metrics.accuracy DESC"],
            vec!["lgbm-a", "xgb-a", "xgb-a-fold1"],
        ),
        (
            Some("params.model = 'xgb'"),
            vec!["metrics.loss ASC"],
            vec!["xgb-a", "xgb-b"],
        ),
        (
            Some("metrics.accuracy > 0.8 and params.model ILIKE 'XGB'"),
            vec!["params.lr ASC"],
            vec!["xgb-b", "xgb-a"],
        ),
        (Some("tags.stage = 'prod'"), vec![], vec!["xgb-a"]),
        (
            Some("tags.`mlflow.runName` LIKE 'xgb%'"),
            vec!["attributes.start_time ASC"],
            vec!["xgb-a", "xgb-b", "xgb-a-fold1"],
        ),
        (Some("attributes.status = 'FAILED'"), vec![], vec!["linear"]),
        (Some(parent_filter.as_str()), vec![], vec!["xgb-a-fold1"]),
        (Some("metrics.accuracy > 0.99"), vec![], vec![]),
    ];
    let mut got = Vec::new();
    let mut want = Vec::new();
    for (filter, order_by, expected) in &cases {
        let page = client
            .search_runs(&query(&exp, *filter, order_by), None)
            .await
            .unwrap();
        assert_eq!(page.next_page_token, None);
        got.push((*filter, order_by.clone(), names(&page.runs)));
        want.push((
            *filter,
            order_by.clone(),
            expected.iter().map(|s| (*s).to_owned()).collect(),
        ));
    }
    assert_eq!(got, want);
}

#[tokio::test]
async fn rejected_filters_and_orders_are_invalid_requests_that_say_which() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-bad-filters").await;
    seed.run(&exp).name("only").metric("loss", 0.5).await;

    let cases = [
        (
            Some("metrics.loss >> 1"),
            &[][..],
            "the filter 'metrics.loss >> 1' was rejected: ",
            "Invalid comparator",
        ),
        (
            Some("metrics.loss < 1 or params.model = 'x'"),
            &[][..],
            "the filter 'metrics.loss < 1 or params.model = 'x'' was rejected: ",
            "Invalid clause(s) in filter string",
        ),
        (
            Some("params.lr > '0.01'"),
            &[][..],
            "the filter 'params.lr > '0.01'' was rejected: ",
            "Invalid comparator '>'",
        ),
        (
            None,
            &["metrics.loss SIDEWAYS"][..],
            "the order 'metrics.loss SIDEWAYS' was rejected: ",
            "SIDEWAYS",
        ),
    ];
    for (filter, order_by, prefix, detail) in cases {
        let err = client
            .search_runs(&query(&exp, filter, order_by), None)
            .await
            .unwrap_err();
        let BackendError::InvalidRequest(msg) = &err else {
            panic!("{filter:?} {order_by:?}: wanted InvalidRequest, got {err:?}");
        };
        assert!(
            msg.starts_with(prefix) && msg.contains(detail),
            "{filter:?} {order_by:?}: the message does not name it: {msg}"
        );
    }
}

#[tokio::test]
async fn run_maps_names_params_tags_parents_and_non_finite_latest_values() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-run").await;
    let parent = seed.run(&exp).name("sweep").start_time(T0).finished().await;
    let run = seed
        .run(&exp)
        .name("diverged-ünïcode-模型")
        .start_time(T0 + 1000)
        .metric_history("loss", &[0.9, 0.5, f64::NAN])
        .metric_history("grad_norm", &[1.5, f64::INFINITY])
        .metric_history("log_prob", &[-1.0, f64::NEG_INFINITY])
        .metric_history("accuracy", &[0.5, 0.7, 0.8])
        // The latest point is the highest step, even when a lower step was logged later.
        .metric_point("lr", 5, T0 + 2000, 0.01)
        .metric_point("lr", 3, T0 + 9000, 0.02)
        .param("optimizer", "adam")
        .param("note", "größe → 模型")
        .tag("team", "risk-ml")
        .tag("説明", "ünïcode tag")
        .parent(&parent)
        .ended("FAILED", T0 + 120_000)
        .await;

    let got = client.run(&run.run_id()).await.unwrap();
    assert_eq!(
        latest(&got),
        [
            ("accuracy", ("0.8", 2, T0 + 1000 + 2000)),
            ("grad_norm", ("inf", 1, T0 + 1000 + 1000)),
            ("log_prob", ("-inf", 1, T0 + 1000 + 1000)),
            ("loss", ("NaN", 2, T0 + 1000 + 2000)),
            ("lr", ("0.01", 5, T0 + 2000)),
        ]
        .into_iter()
        .map(|(k, (v, s, t))| (k.to_owned(), (v.to_owned(), s, t)))
        .collect::<BTreeMap<_, _>>()
    );
    assert_eq!(
        Run {
            metrics: clearance::domain::Fields::new(),
            ..got.clone()
        },
        Run {
            id: run.run_id(),
            experiment_id: exp.experiment_id(),
            name: "diverged-ünïcode-模型".into(),
            status: RunStatus::Failed,
            start_time: ms(T0 + 1000),
            end_time: ms(T0 + 120_000),
            user: String::new(),
            lifecycle: Lifecycle::Active,
            metrics: clearance::domain::Fields::new(),
            params: tags(&[("note", "größe → 模型"), ("optimizer", "adam")])
                .into_iter()
                .collect(),
            tags: tags(&[
                ("mlflow.parentRunId", &parent.id),
                ("mlflow.runName", "diverged-ünïcode-模型"),
                ("team", "risk-ml"),
                ("説明", "ünïcode tag"),
            ])
            .into_iter()
            .collect(),
        }
    );
    assert_eq!(got.parent_id(), Some(parent.run_id()));

    // What the SQL store really holds for infinity: the clamped f64::MAX the client maps back.
    let raw = seed.get("runs/get", &[("run_id", &run.id)]).await;
    let stored: BTreeMap<&str, &serde_json::Value> = raw["run"]["data"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["key"].as_str().unwrap(), &m["value"]))
        .collect();
    assert_eq!(stored["grad_norm"].as_f64(), Some(f64::MAX), "{raw:#}");
    assert_eq!(stored["log_prob"].as_f64(), Some(f64::MIN), "{raw:#}");
    assert_eq!(stored["loss"], "NaN", "{raw:#}");
}

#[tokio::test]
async fn unknown_runs_are_not_found() {
    let client = support::shared().client();
    let id = RunId::new("feedfacefeedfacefeedfacefeedface");
    match client.run(&id).await {
        Err(BackendError::NotFound(msg)) => assert!(msg.contains(id.as_str()), "{msg}"),
        other => panic!("wanted NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn metric_history_is_in_step_order_with_non_finite_values() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-history").await;
    // Logged out of step order; read back in step order.
    let run = seed
        .run(&exp)
        .start_time(T0)
        .metric_point("loss", 3, T0 + 3, f64::INFINITY)
        .metric_point("loss", 0, T0, 1.25)
        .metric_point("loss", 4, T0 + 4, f64::NEG_INFINITY)
        .metric_point("loss", 2, T0 + 2, f64::NAN)
        .metric_point("loss", 1, T0 + 1, 0.75)
        .metric_point("other", 0, T0, 9.0)
        .finished()
        .await;

    let got = client.metric_history(&run.run_id(), "loss").await.unwrap();
    assert_eq!(
        points(&got),
        [
            (0, T0, "1.25"),
            (1, T0 + 1, "0.75"),
            (2, T0 + 2, "NaN"),
            (3, T0 + 3, "inf"),
            (4, T0 + 4, "-inf"),
        ]
        .map(|(s, t, v)| (s, t, v.to_owned()))
    );
    // MLflow answers `{}` for a key the run never logged: an empty history, not an error.
    let none = client.metric_history(&run.run_id(), "nope").await.unwrap();
    assert_eq!(none, Vec::new());
}

#[tokio::test]
async fn metric_history_reads_more_than_one_page() {
    const POINTS: i64 = 30_000;
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-long-history").await;
    let value = |step: i64| match step {
        12_345 => f64::NAN,
        29_999 => f64::INFINITY,
        s => 1.0 / (s as f64 + 1.0),
    };
    let values: Vec<f64> = (0..POINTS).map(value).collect();
    // 30 log-batch calls of 1,000 points.
    let run = seed
        .run(&exp)
        .start_time(T0)
        .metric_history("loss", &values)
        .await;

    // The server pages at the client's page size, so this really takes two requests.
    let first = seed
        .get(
            "metrics/get-history",
            &[
                ("run_id", &run.id),
                ("metric_key", "loss"),
                ("max_results", "25000"),
            ],
        )
        .await;
    assert_eq!(first["metrics"].as_array().map(Vec::len), Some(25_000));
    assert!(first["next_page_token"].is_string(), "no second page");

    let started = Instant::now();
    let got = client.metric_history(&run.run_id(), "loss").await.unwrap();
    let elapsed = started.elapsed();
    let want: Vec<(i64, i64, String)> = (0..POINTS)
        .map(|s| (s, T0 + s * 1000, format!("{:?}", value(s))))
        .collect();
    // Compared as a whole only when it differs somewhere, to keep a failure readable.
    let got = points(&got);
    assert_eq!(got.len(), want.len());
    let first_difference = got.iter().zip(&want).position(|(g, w)| g != w);
    if let Some(i) = first_difference {
        assert_eq!(got[i], want[i], "point {i} differs");
    }
    assert!(
        elapsed < Duration::from_secs(20),
        "reading 30,000 points took {elapsed:?}"
    );
}

#[tokio::test]
async fn sampled_histories_chunk_many_runs_and_cap_points() {
    const RUNS: i64 = 105;
    const STEPS: usize = 10;
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-sampled").await;
    let value = |run: i64, step: i64| (run * 100 + step) as f64;
    let seeded: Vec<SeededRun> = futures::stream::iter(0..RUNS)
        .map(|i| {
            let values: Vec<f64> = (0..STEPS as i64).map(|s| value(i, s)).collect();
            seed.run(&exp)
                .name(&format!("sampled-{i:03}"))
                .start_time(T0 + i)
                .metric_history("loss", &values)
                .create()
        })
        .buffered(4)
        .collect()
        .await;
    let without = seed.run(&exp).name("no-loss").metric("accuracy", 0.5).await;
    let mut ids: Vec<RunId> = seeded.iter().map(SeededRun::run_id).collect();
    ids.push(without.run_id());
    assert!(ids.len() > 100, "must need more than one request");

    let index: BTreeMap<RunId, i64> = seeded
        .iter()
        .zip(0..)
        .map(|(r, i)| (r.run_id(), i))
        .collect();
    // All points fit: every run comes back whole.
    let all = client.sampled_histories(&ids, "loss", 50).await.unwrap();
    assert_eq!(all.keys().cloned().collect::<Vec<_>>(), {
        let mut k: Vec<RunId> = index.keys().cloned().collect();
        k.sort();
        k
    });
    for (id, pts) in &all {
        let i = index[id];
        let want: Vec<(i64, f64)> = (0..STEPS as i64).map(|s| (s, value(i, s))).collect();
        let got: Vec<(i64, f64)> = pts.iter().map(|p| (p.step, p.value)).collect();
        assert_eq!(got, want, "run {i}");
    }

    // Capped: at most 4 points per run, the first and the last step kept, values intact.
    let capped = client.sampled_histories(&ids, "loss", 4).await.unwrap();
    assert_eq!(capped.len(), seeded.len());
    for (id, pts) in &capped {
        let i = index[id];
        let steps: Vec<i64> = pts.iter().map(|p| p.step).collect();
        assert!(
            (2..=4).contains(&steps.len())
                && steps.first() == Some(&0)
                && steps.last() == Some(&(STEPS as i64 - 1))
                && steps.windows(2).all(|w| w[0] < w[1]),
            "run {i}: steps {steps:?}"
        );
        assert!(
            pts.iter().all(|p| p.value == value(i, p.step)),
            "run {i}: {pts:?}"
        );
    }
}

fn version(model: &str, v: &str, run: &SeededRun) -> ModelVersion {
    ModelVersion {
        model: model.to_owned(),
        version: VersionId::new(v),
        run_id: Some(run.run_id()),
        status: "READY".into(),
        stage: None,
        source: format!("{}/model", run.artifact_uri),
        description: String::new(),
        tags: BTreeMap::new(),
        aliases: Vec::new(),
        created: None,
        user: String::new(),
    }
}

/// Without the timestamps the server picks.
fn untimed(mut m: RegisteredModel) -> RegisteredModel {
    m.updated = None;
    for v in &mut m.versions {
        v.created = None;
    }
    m
}

/// What `backend-registry-fraud` was seeded with, as the client should read it.
fn fraud_model(r1: &SeededRun, r2: &SeededRun, r3: &SeededRun) -> RegisteredModel {
    RegisteredModel {
        name: "backend-registry-fraud".into(),
        description: "Card-fraud classifier".into(),
        tags: tags(&[("owner", "risk-ml")]),
        aliases: [("champion", "2"), ("production", "2"), ("staging", "3")]
            .into_iter()
            .map(|(a, v)| (a.to_owned(), VersionId::new(v)))
            .collect(),
        versions: vec![
            ModelVersion {
                aliases: vec!["staging".into()],
                ..version("backend-registry-fraud", "3", r3)
            },
            ModelVersion {
                aliases: vec!["champion".into(), "production".into()],
                tags: tags(&[("approved_by", "dana"), ("validation_status", "approved")]),
                ..version("backend-registry-fraud", "2", r2)
            },
            ModelVersion {
                tags: tags(&[("validation_status", "rejected")]),
                ..version("backend-registry-fraud", "1", r1)
            },
        ],
        updated: None,
    }
}

#[tokio::test]
async fn models_list_versions_newest_first_with_aliases_and_tags() {
    let server = support::shared();
    let (seed, client) = (server.seed(), server.client());
    let exp = seed.experiment("backend-registry").await;
    let r1 = seed.run(&exp).name("r1").start_time(T0).finished().await;
    let r2 = seed
        .run(&exp)
        .name("r2")
        .start_time(T0 + 1)
        .finished()
        .await;
    let r3 = seed
        .run(&exp)
        .name("r3")
        .start_time(T0 + 2)
        .finished()
        .await;

    let fraud = seed
        .model("backend-registry-fraud")
        .description("Card-fraud classifier")
        .tag("owner", "risk-ml")
        .await;
    seed.version(&fraud, &r1)
        .tag("validation_status", "rejected")
        .await;
    seed.version(&fraud, &r2)
        .tag("validation_status", "approved")
        .tag("approved_by", "dana")
        .alias("production")
        .alias("champion")
        .await;
    seed.version(&fraud, &r3).alias("staging").await;
    seed.model("backend-registry-empty").await;
    // Eleven versions: version 10 and 11 sort after 9 only when compared as numbers.
    let many = seed.model("backend-registry-many").await;
    for _ in 0..11 {
        seed.version(&many, &r1).await;
    }

    let want_fraud = fraud_model(&r1, &r2, &r3);
    let want_empty = RegisteredModel {
        name: "backend-registry-empty".into(),
        description: String::new(),
        tags: BTreeMap::new(),
        aliases: BTreeMap::new(),
        versions: Vec::new(),
        updated: None,
    };
    let want_many = RegisteredModel {
        name: "backend-registry-many".into(),
        versions: (1..=11)
            .rev()
            .map(|v| version("backend-registry-many", &v.to_string(), &r1))
            .collect(),
        ..want_empty.clone()
    };

    let listed: Vec<RegisteredModel> = client
        .models()
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.name.starts_with("backend-registry-"))
        .map(untimed)
        .collect();
    assert_eq!(
        listed,
        vec![want_empty.clone(), want_fraud.clone(), want_many]
    );
    let one = client.model("backend-registry-fraud").await.unwrap();
    assert!(one.updated.is_some() && one.versions.iter().all(|v| v.created.is_some()));
    assert_eq!(untimed(one), want_fraud);

    // The quirk the client works around: version search results carry no aliases at all.
    let raw = seed
        .get(
            "model-versions/search",
            &[("filter", "name='backend-registry-fraud'")],
        )
        .await;
    let raw_versions = raw["model_versions"].as_array().unwrap();
    assert_eq!(raw_versions.len(), 3);
    assert!(
        raw_versions.iter().all(|v| v.get("aliases").is_none()),
        "model-versions/search now returns aliases: {raw:#}"
    );
}

#[tokio::test]
async fn unknown_models_are_not_found() {
    let client = support::shared().client();
    match client.model("no-such-model-anywhere").await {
        Err(BackendError::NotFound(msg)) => {
            assert!(msg.contains("no-such-model-anywhere"), "{msg}");
        }
        other => panic!("wanted NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_closed_port_is_unreachable_quickly() {
    let port = support::closed_port();
    let url = format!("http://127.0.0.1:{port}");
    let client = clearance::backends::mlflow::MlflowClient::new(
        clearance::backends::mlflow::MlflowSettings::new(url.parse().unwrap()),
    )
    .unwrap();
    let started = Instant::now();
    let results: Vec<(&str, BackendError)> = vec![
        ("experiments", client.experiments().await.unwrap_err()),
        ("models", client.models().await.unwrap_err()),
        (
            "run",
            client.run(&RunId::new("feedface")).await.unwrap_err(),
        ),
    ];
    let elapsed = started.elapsed();
    for (call, err) in &results {
        let BackendError::Unreachable { target, detail } = err else {
            panic!("{call}: wanted Unreachable, got {err:?}");
        };
        assert_eq!(target, &format!("MLflow at {url}"), "{call}");
        assert!(
            detail.to_lowercase().contains("refused"),
            "{call}: unhelpful detail '{detail}'"
        );
        assert!(err.is_transient());
        assert!(
            err.to_string()
                .starts_with(&format!("cannot reach MLflow at {url}: ")),
            "{err}"
        );
    }
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

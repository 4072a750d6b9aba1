//! Every read over the demo store, with the values the demo was generated with
//! (`assets/demo/README.md`).

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::demo_copy;
use crate::domain::{ExperimentId, Lifecycle, Run, RunId, RunStatus};
use crate::store::{BackendError, ModelRegistry, RunQuery, RunStore};

fn query(experiments: &[&str], filter: &str, order_by: &[&str]) -> RunQuery {
    RunQuery {
        experiment_ids: experiments.iter().map(|e| ExperimentId::from(*e)).collect(),
        filter: (!filter.is_empty()).then(|| filter.to_owned()),
        order_by: order_by.iter().map(|o| (*o).to_owned()).collect(),
        page_size: 1000,
    }
}

async fn all_runs(store: &impl RunStore, q: &RunQuery) -> Vec<Run> {
    store.search_runs(q, None).await.unwrap().runs
}

async fn by_name(store: &impl RunStore, name: &str) -> Run {
    let q = query(
        &["1", "2", "3", "4"],
        &format!("attributes.run_name = '{name}'"),
        &[],
    );
    let mut runs = all_runs(store, &q).await;
    assert_eq!(runs.len(), 1, "{name}");
    runs.remove(0)
}

#[tokio::test]
async fn experiments_newest_first_with_tags() {
    let (_dir, store) = demo_copy();
    let exps = store.experiments().await.unwrap();
    let names: Vec<&str> = exps.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "churn-monitoring",
            "churn-prediction",
            "fraud-monitoring",
            "fraud-detection",
            "Default"
        ]
    );
    let fraud = &exps[3];
    assert_eq!(fraud.id, ExperimentId::from("1"));
    assert_eq!(fraud.last_update_ms, Some(1_788_426_000_000));
    assert_eq!(fraud.tags.get("team").map(String::as_str), Some("risk-ml"));
    assert_eq!(fraud.tags.len(), 3);
    assert!(exps.iter().all(|e| e.lifecycle == Lifecycle::Active));
}

#[tokio::test]
async fn runs_per_experiment() {
    let (_dir, store) = demo_copy();
    for (exp, count) in [("0", 0), ("1", 24), ("2", 1), ("3", 14), ("4", 30)] {
        let runs = all_runs(&store, &query(&[exp], "", &[])).await;
        assert_eq!(runs.len(), count, "experiment {exp}");
        assert!(runs.iter().all(|r| r.experiment_id.as_str() == exp));
    }
    let fraud = all_runs(&store, &query(&["1"], "", &[])).await;
    let count = |s: RunStatus| fraud.iter().filter(|r| r.status == s).count();
    assert_eq!(
        [
            count(RunStatus::Finished),
            count(RunStatus::Failed),
            count(RunStatus::Killed),
            count(RunStatus::Running)
        ],
        [21, 1, 1, 1]
    );
    // Default order: newest start first.
    assert!(fraud.windows(2).all(|w| w[0].start_time >= w[1].start_time));
    assert!(all_runs(&store, &query(&[], "", &[])).await.is_empty());
}

#[tokio::test]
async fn the_diverged_run_keeps_nan_and_infinity() {
    let (_dir, store) = demo_copy();
    let run = by_name(&store, "logreg-sgd-lr5").await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.user, "dana");
    assert!(run.metric("val_auc").unwrap().is_nan());
    assert_eq!(run.metric("train_loss"), Some(f64::INFINITY));
    assert_eq!(run.metrics["val_loss"].step, 19);
    assert_eq!(run.metric("latency_p95_ms"), None);
    let history = store.metric_history(&run.id, "val_loss").await.unwrap();
    assert_eq!(history.len(), 20);
    let steps_13_to_17: Vec<f64> = history[13..18].iter().map(|p| p.value).collect();
    assert!(steps_13_to_17[..4].iter().all(|v| v.is_nan()));
    assert_eq!(steps_13_to_17[4], f64::INFINITY);
    assert!(history.windows(2).all(|w| w[0].step < w[1].step));
}

#[tokio::test]
async fn nested_runs_point_at_their_parent() {
    let (_dir, store) = demo_copy();
    let parent = by_name(&store, "xgb-sweep-2026-11-12").await;
    assert_eq!(parent.metric("best_val_auc"), Some(0.9634));
    let children = all_runs(
        &store,
        &query(
            &["1"],
            &format!("tags.mlflow.parentRunId = '{}'", parent.id),
            &["attributes.run_name"],
        ),
    )
    .await;
    let names: Vec<&str> = children.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "xgb-sweep-2026-11-12/t0-lr0.1-d8",
            "xgb-sweep-2026-11-12/t1-lr0.1-d10",
            "xgb-sweep-2026-11-12/t2-lr0.05-d8",
            "xgb-sweep-2026-11-12/t3-lr0.05-d10",
            "xgb-sweep-2026-11-12/t4-lr0.03-d10",
            "xgb-sweep-2026-11-12/t5-lr0.03-d8",
        ]
    );
    assert!(
        children
            .iter()
            .all(|c| c.parent_id() == Some(parent.id.clone()))
    );
}

#[tokio::test]
async fn a_running_run_has_no_end_time() {
    let (_dir, store) = demo_copy();
    let run = by_name(&store, "xgb-v3-d9-calibrated").await;
    assert_eq!(run.status, RunStatus::Running);
    assert_eq!(run.end_time, None);
    assert_eq!(
        run.start_time.map(|t| t.timestamp_millis()),
        Some(1_795_153_200_000)
    );
    assert_eq!(
        run.params
            .get("calibration")
            .map(crate::domain::Name::as_str),
        Some("isotonic")
    );
    assert_eq!(
        store.run(&run.id).await.unwrap(),
        run,
        "run() and search_runs() agree"
    );
}

#[tokio::test]
async fn run_answers_deleted_runs_and_names_unknown_ones() {
    let (_dir, store) = demo_copy();
    let run = by_name(&store, "logreg-sgd-lr5").await;
    Connection::open(store.path())
        .unwrap()
        .execute(
            "UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = ?",
            [run.id.as_str()],
        )
        .unwrap();
    let deleted = store.run(&run.id).await.unwrap();
    assert_eq!(deleted.lifecycle, Lifecycle::Deleted);
    // Searches show active runs only.
    assert_eq!(all_runs(&store, &query(&["1"], "", &[])).await.len(), 23);
    assert_eq!(
        store.run(&RunId::from("0123abc")).await,
        Err(BackendError::NotFound(
            "Run with id=0123abc not found".into()
        ))
    );
}

#[tokio::test]
async fn histories_of_unknown_runs_or_keys_are_empty() {
    let (_dir, store) = demo_copy();
    let run = by_name(&store, "logreg-sgd-lr5").await;
    assert!(
        store
            .metric_history(&run.id, "nope")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .metric_history(&RunId::from("nope"), "val_loss")
            .await
            .unwrap()
            .is_empty()
    );
    let sampled = store
        .sampled_histories(&[RunId::from("nope"), run.id.clone()], "latency_p95_ms", 10)
        .await
        .unwrap();
    assert!(sampled.is_empty());
}

#[tokio::test]
async fn sampled_histories_keep_first_and_last_steps() {
    let (_dir, store) = demo_copy();
    let monitor = all_runs(&store, &query(&["2"], "", &[])).await.remove(0);
    let diverged = by_name(&store, "logreg-sgd-lr5").await;
    let ids = [monitor.id.clone(), diverged.id.clone()];
    // (max points, points of the monitor's psi_amount (59 logged, steps 0-59 without 37))
    for (max, len) in [
        (1, 1),
        (2, 2),
        (10, 10),
        (59, 59),
        (2500, 59),
        (100_000, 59),
    ] {
        let got = store
            .sampled_histories(&ids, "psi_amount", max)
            .await
            .unwrap();
        let points = &got[&monitor.id];
        assert_eq!(points.len(), len, "max {max}");
        assert_eq!(points.last().unwrap().step, 59);
        if max > 1 {
            assert_eq!(points[0].step, 0);
        }
        assert!(!got.contains_key(&diverged.id));
    }
    let ten = store
        .sampled_histories(&ids, "psi_amount", 10)
        .await
        .unwrap();
    let steps: Vec<i64> = ten[&monitor.id].iter().map(|p| p.step).collect();
    assert_eq!(steps, [0, 6, 12, 18, 24, 30, 36, 43, 49, 59]);
    // Step 31 is NaN in the monitoring run.
    let all = store
        .sampled_histories(&ids, "psi_amount", 100)
        .await
        .unwrap();
    assert!(
        all[&monitor.id]
            .iter()
            .find(|p| p.step == 31)
            .unwrap()
            .value
            .is_nan()
    );
    let loss = store.sampled_histories(&ids, "val_loss", 5).await.unwrap();
    let steps: Vec<i64> = loss[&diverged.id].iter().map(|p| p.step).collect();
    assert_eq!(steps, [0, 4, 8, 12, 19]);
    assert_eq!(loss[&diverged.id][4].value, f64::INFINITY);
}

#[tokio::test]
async fn models_with_versions_aliases_and_tags() {
    let (_dir, store) = demo_copy();
    let models = store.models().await.unwrap();
    let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["churn-model", "fraud-classifier"]);
    let fraud = &models[1];
    let aliases: Vec<(&str, Vec<String>)> = fraud
        .versions
        .iter()
        .map(|v| (v.version.as_str(), v.aliases.clone()))
        .collect();
    let s = |v: &[&str]| v.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        aliases,
        [
            ("5", s(&[])),
            ("4", s(&["challenger", "staging"])),
            ("3", s(&["champion", "production"])),
            ("2", s(&[])),
            ("1", s(&[])),
        ]
    );
    let v3 = fraud.version(&"3".into()).unwrap();
    // The demo's moves carry clearance's records (one a move): read back as written.
    let tags: BTreeMap<&str, &str> = v3
        .tags
        .iter()
        .filter(|(k, _)| !k.starts_with("clearance.event."))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let records: Vec<crate::domain::promotion::AuditEntry> = v3
        .tags
        .iter()
        .filter(|(k, _)| k.starts_with("clearance.event."))
        .map(|(_, v)| serde_json::from_str(v).unwrap())
        .collect();
    assert_eq!(
        records
            .iter()
            .map(|e| (
                e.alias.as_str(),
                e.from.as_deref(),
                e.to.as_str(),
                e.by.as_str()
            ))
            .collect::<Vec<_>>(),
        [
            ("production", Some("2"), "3", "Dana Ruiz <dana@example.com>"),
            ("champion", None, "3", "Dana Ruiz <dana@example.com>"),
        ]
    );
    assert_eq!(
        tags,
        BTreeMap::from([
            ("approved_by", "dana"),
            ("dataset_version", "fraud-2026-10"),
            ("framework", "xgboost"),
            ("validation_status", "approved"),
        ])
    );
    assert_eq!(v3.stage, None, "stage 'None' is no stage");
    assert_eq!(v3.status, "READY");
    assert_eq!(
        v3.run_id.as_ref().map(RunId::as_str),
        Some("939ae232588e4bceb71ed78a1dc02e27")
    );
    assert_eq!(v3.source, "runs:/939ae232588e4bceb71ed78a1dc02e27/model");
    assert!(v3.description.starts_with("Feature set v3"));
    assert_eq!(
        v3.created.map(|t| t.timestamp_millis()),
        Some(1_791_968_400_000)
    );
    assert_eq!(
        fraud.tags.get("oncall").map(String::as_str),
        Some("risk-ml-oncall")
    );
    assert_eq!(
        fraud.updated.map(|t| t.timestamp_millis()),
        Some(1_794_924_000_000)
    );
    assert_eq!(store.model("fraud-classifier").await.unwrap(), *fraud);
    assert_eq!(
        store.model("nope").await,
        Err(BackendError::NotFound(
            "Registered Model with name=nope not found".into()
        ))
    );
}

#[tokio::test]
async fn prompts_leases_and_deleted_versions_stay_out_of_the_registry_listing() {
    let (_dir, store) = demo_copy();
    Connection::open(store.path())
        .unwrap()
        .execute_batch(
            "INSERT INTO registered_models (name, creation_time, last_updated_time, workspace) \
               VALUES ('summarize', 1, 1, 'default'); \
             INSERT INTO registered_model_tags (key, value, name, workspace) \
               VALUES ('mlflow.prompt.is_prompt', 'true', 'summarize', 'default'); \
             INSERT INTO registered_models (name, creation_time, last_updated_time, workspace) \
               VALUES ('clearance.lease.churn-model.production', 1, 1, 'default'); \
             UPDATE model_versions SET current_stage = 'Deleted_Internal' \
               WHERE name = 'churn-model' AND version = 1;",
        )
        .unwrap();
    let models = store.models().await.unwrap();
    assert_eq!(models.len(), 2);
    let churn = store.model("churn-model").await.unwrap();
    let versions: Vec<&str> = churn.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(versions, ["3", "2"]);
    // Asked for by name, a prompt is there (as registered-models/get has it).
    assert_eq!(store.model("summarize").await.unwrap().name, "summarize");
}

#[tokio::test]
async fn pages_cover_every_run_once() {
    let (_dir, store) = demo_copy();
    let mut q = query(&["1", "2", "3", "4"], "", &["metrics.val_auc DESC"]);
    let everything = all_runs(&store, &q).await;
    q.page_size = 10;
    let mut token: Option<String> = None;
    let mut paged = Vec::new();
    loop {
        let page = store.search_runs(&q, token.as_deref()).await.unwrap();
        assert!(page.runs.len() <= 10);
        paged.extend(page.runs);
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    // (Runs with NaN metrics are never `==`: compare ids.)
    let ids = |runs: &[Run]| runs.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&paged), ids(&everything));
    assert_eq!(paged.len(), 69);
    assert_eq!(
        store.search_runs(&q, Some("garbage!")).await,
        Err(BackendError::InvalidRequest(
            "the order 'metrics.val_auc DESC' was rejected: Invalid page token, could not \
             base64-decode"
                .into()
        ))
    );
}

#[tokio::test]
async fn runs_of_a_listing_share_their_names_and_repeated_values() {
    let (_dir, store) = demo_copy();
    let runs = all_runs(&store, &query(&["1"], "", &[])).await;
    let shared_key = |get: fn(&Run) -> Option<&crate::domain::Name>| {
        let names: Vec<_> = runs.iter().filter_map(get).collect();
        assert!(names.len() > 1);
        names.windows(2).all(|w| w[0].shares(w[1]))
    };
    // Two runs with the same metric: one allocation for its name.
    assert!(shared_key(|r| r
        .metrics
        .get_key_value("val_auc")
        .map(|(k, _)| k)));
    assert!(shared_key(|r| r
        .tags
        .get_key_value("mlflow.user")
        .map(|(k, _)| k)));
    // Equal tag values share one too (a repeated user).
    let users: Vec<_> = runs
        .iter()
        .filter_map(|r| r.tags.get("mlflow.user"))
        .collect();
    let (a, b) = users
        .iter()
        .enumerate()
        .find_map(|(i, a)| users[i + 1..].iter().find(|b| a == *b).map(|b| (a, b)))
        .unwrap();
    assert!(a.shares(b));
}

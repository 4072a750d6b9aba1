//! The TUI's refresh by what changed (`ops::runs::changes`, merged into the loaded rows with
//! `app::runs::merge`) against a real server: runs created, finished, logged to and deleted
//! between two looks end up exactly as a fresh listing shows them, with no row lost or
//! doubled.

use clearance::app::runs::merge;
use clearance::domain::{Run, RunId, RunStatus};
use clearance::store::query::order;
use clearance::store::{Backend, RunQuery};
use pretty_assertions::assert_eq;
use serde_json::json;

use crate::support;
use crate::support::seed::now_ms;

fn backend(server: &support::server::MlflowServer) -> Backend {
    clearance::connect::open(
        &clearance::connect::Target::Server(server.url().parse().unwrap()),
        &clearance::config::Config::defaults(),
    )
    .unwrap()
}

/// What a row shows that a refresh must bring up to date.
fn shown(runs: &[Run]) -> Vec<(String, RunStatus, Option<f64>)> {
    runs.iter()
        .map(|r| {
            (
                r.name.clone(),
                r.status.clone(),
                r.metrics.get("loss").map(|m| m.value),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_refresh_by_what_changed_equals_a_fresh_listing() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("refresh-by-changes").await;
    let t0 = now_ms() - 3_600_000;
    for i in 0..5 {
        seed.run(&exp)
            .name(&format!("done-{i}"))
            .start_time(t0 + i * 1000)
            .finished()
            .create()
            .await;
    }
    let training = seed
        .run(&exp)
        .name("training")
        .start_time(t0 + 10_000)
        .metric("loss", 0.9)
        .create()
        .await;
    let doomed = seed
        .run(&exp)
        .name("doomed")
        .start_time(t0 + 11_000)
        .create()
        .await;
    let backend = backend(server);
    let query = RunQuery {
        experiment_ids: vec![exp.experiment_id()],
        filter: None,
        order_by: vec![],
        page_size: 200,
    };
    let looked = now_ms();
    let mut rows = clearance::ops::runs::all(&backend, &query).await.unwrap();
    assert_eq!(rows.len(), 7);

    // Between the two looks: two new runs, the training run logs and finishes, one running
    // run is deleted.
    let new_a = seed.run(&exp).name("new-a").create().await;
    let new_b = seed.run(&exp).name("new-b").finished().create().await;
    seed.post(
        "runs/log-metric",
        &json!({ "run_id": training.id, "key": "loss", "value": 0.4, "timestamp": now_ms(), "step": 2 }),
    )
    .await;
    seed.post(
        "runs/update",
        &json!({ "run_id": training.id, "status": "FINISHED", "end_time": now_ms() }),
    )
    .await;
    seed.post("runs/delete", &json!({ "run_id": doomed.id }))
        .await;

    let running: Vec<RunId> = rows
        .iter()
        .filter(|r| r.status == RunStatus::Running)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(running.len(), 2);
    let newest = rows.iter().filter_map(|r| r.start_time).max().unwrap();
    let changed = clearance::ops::runs::changes(
        &backend,
        &query,
        Some(newest.timestamp_millis()),
        looked - 60_000,
        &running,
    )
    .await
    .unwrap();
    let keys = order::parse(&query.order_by).unwrap();
    let new = merge(&mut rows, changed, &running, &keys, true);

    let fresh = clearance::ops::runs::all(&backend, &query).await.unwrap();
    assert_eq!(shown(&rows), shown(&fresh));
    assert_eq!(
        rows.iter().map(|r| &r.id).collect::<Vec<_>>(),
        fresh.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    let mut new: Vec<String> = new.into_iter().map(|id| id.0).collect();
    new.sort();
    let mut want = vec![new_a.id, new_b.id];
    want.sort();
    assert_eq!(new, want, "the new runs, each once");
}

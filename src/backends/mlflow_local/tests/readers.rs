//! Read-only connections kept between operations: reused, holding no lock, never for another
//! file.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::backends::mlflow_local::LocalStore;
use crate::backends::mlflow_local::tests::demo_copy;
use crate::domain::ExperimentId;
use crate::store::{RunQuery, RunStore};

fn names(experiments: &[crate::domain::Experiment]) -> Vec<String> {
    experiments.iter().map(|e| e.name.clone()).collect()
}

/// Lists every run of experiment 1 in one pass, `page_size` to a batch; the query.
async fn list_experiment_1(store: &LocalStore, page_size: u32) -> RunQuery {
    let q = RunQuery {
        experiment_ids: vec![ExperimentId::from("1")],
        filter: None,
        order_by: vec![],
        page_size,
    };
    let mut batches = store.stream_runs(&q).unwrap();
    while let Some(b) = batches.recv().await {
        b.unwrap();
    }
    q
}

#[tokio::test]
async fn reads_reuse_a_kept_connection_and_a_listing_too() {
    let (_dir, store) = demo_copy();
    for _ in 0..3 {
        store.experiments().await.unwrap();
    }
    let q = list_experiment_1(&store, 1_000).await;
    store.search_runs(&q, None).await.unwrap();
    assert_eq!(store.inner.kept.opened(), 1);
}

#[tokio::test]
async fn a_kept_connection_holds_no_lock() {
    let (_dir, store) = demo_copy();
    list_experiment_1(&store, 2).await;
    store.experiments().await.unwrap();
    assert_eq!((store.inner.kept.opened(), store.inner.kept.idle()), (1, 1));
    let w = Connection::open(store.path()).unwrap();
    w.busy_timeout(Duration::ZERO).unwrap();
    w.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .expect("a writer takes the file at once");
}

/// In WAL mode a connection keeps a shared lock on the file between transactions.
#[tokio::test]
async fn nothing_is_kept_for_a_file_in_wal_mode() {
    let (_dir, store) = demo_copy();
    Connection::open(store.path())
        .unwrap()
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    store.experiments().await.unwrap();
    store.experiments().await.unwrap();
    assert_eq!((store.inner.kept.opened(), store.inner.kept.idle()), (2, 0));
}

#[tokio::test]
async fn a_failed_read_is_not_kept() {
    let (_dir, store) = demo_copy();
    let bad = RunQuery {
        experiment_ids: vec![ExperimentId::from("1")],
        filter: Some("metrics.val_auc >".to_owned()),
        order_by: vec![],
        page_size: 10,
    };
    store.search_runs(&bad, None).await.unwrap_err();
    store.experiments().await.unwrap();
    assert_eq!(store.inner.kept.opened(), 2);
}

/// Puts at the store's path a copy of it in which experiment `name` is called `restored` (as a
/// restore or `mv` would), and reads the experiments' names.
async fn restored(dir: &Path, store: &LocalStore, name: &str) -> Vec<String> {
    let other = dir.join("restored.db");
    std::fs::copy(store.path(), &other).unwrap();
    Connection::open(&other)
        .unwrap()
        .execute(
            "UPDATE experiments SET name = 'restored' WHERE name = ?1",
            [name],
        )
        .unwrap();
    std::fs::rename(&other, store.path()).unwrap();
    names(&store.experiments().await.unwrap())
}

/// A restore or `mv` puts another file at the store's path: it is read, not the file a kept
/// connection still has open.
#[tokio::test]
async fn a_file_put_in_the_place_of_the_store_is_read_anew() {
    let (dir, store) = demo_copy();
    let before = names(&store.experiments().await.unwrap());
    let after = restored(dir.path(), &store, &before[0]).await;
    assert!(after.contains(&"restored".to_owned()), "{after:?}");
    assert!(!after.contains(&before[0]), "{after:?}");
    assert_eq!(store.inner.kept.opened(), 2);
}

/// Two connections kept for a file that was then replaced: the next read closes both, not only
/// the one it would have taken.
#[tokio::test]
async fn every_connection_kept_for_a_replaced_file_is_closed() {
    let (dir, store) = demo_copy();
    // Two taken at once (two operations at the same time), both kept.
    let (one, two) = (store.inner.reader().unwrap(), store.inner.reader().unwrap());
    store.inner.keep(one);
    store.inner.keep(two);
    let before = names(&store.experiments().await.unwrap());
    assert_eq!((store.inner.kept.opened(), store.inner.kept.idle()), (2, 2));
    let after = restored(dir.path(), &store, &before[0]).await;
    assert!(after.contains(&"restored".to_owned()), "{after:?}");
    assert_eq!((store.inner.kept.opened(), store.inner.kept.idle()), (3, 1));
}

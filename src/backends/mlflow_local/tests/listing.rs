//! A whole sqlite listing read by two connections: the same runs as one connection reads, in
//! the same order, and never a second state of the file.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::{Read, each_batch, each_batch_with};
use crate::backends::mlflow_local::tests::demo_copy;
use crate::domain::{ExperimentId, Run};
use crate::store::{RunQuery, RunStore};

/// Every run of the demo store, 7 to a batch: many batches.
fn query() -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: None,
        order_by: vec!["metrics.val_auc DESC".to_owned()],
        page_size: 7,
    }
}

/// The runs of a listing, and how it was read.
fn listed(store: &super::super::LocalStore, locked: &mut dyn FnMut()) -> (Vec<Run>, Read) {
    let mut runs = Vec::new();
    let read = each_batch_with(
        &store.inner,
        &query(),
        &mut |batch| {
            assert!(!batch.is_empty() && batch.len() <= 7);
            runs.extend(batch);
            true
        },
        locked,
    )
    .unwrap();
    (runs, read)
}

/// What paging lists: one transaction a page, no second reader.
async fn paged(store: &super::super::LocalStore) -> Vec<Run> {
    let (mut runs, mut token) = (Vec::new(), None::<String>);
    loop {
        let page = store.search_runs(&query(), token.as_deref()).await.unwrap();
        runs.extend(page.runs);
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => return runs,
        }
    }
}

/// Compared as text: a NaN metric is not equal to itself.
fn same(a: &[Run], b: &[Run]) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

#[tokio::test]
async fn a_listing_of_many_batches_is_filled_by_two_connections() {
    let (_dir, store) = demo_copy();
    let (runs, read) = listed(&store, &mut || {});
    assert!(read.batches > 4, "{read:?}");
    // The second, fourth, … batch.
    assert_eq!(read.by_helper, read.batches / 2, "{read:?}");
    assert!(same(&runs, &paged(&store).await));
}

#[tokio::test]
async fn a_listing_stopped_by_its_reader_hands_on_nothing_more() {
    let (_dir, store) = demo_copy();
    for stop_after in 1..=4 {
        let mut batches = 0;
        each_batch(&store.inner, &query(), &mut |_| {
            batches += 1;
            batches < stop_after
        })
        .unwrap();
        assert_eq!(batches, stop_after);
    }
}

#[tokio::test]
async fn a_database_in_wal_mode_is_read_by_one_connection() {
    let (_dir, store) = demo_copy();
    let before = paged(&store).await;
    let mode: String = Connection::open(store.path())
        .unwrap()
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let (runs, read) = listed(&store, &mut || {});
    assert_eq!(read.by_helper, 0, "{read:?}");
    assert!(read.batches > 4, "{read:?}");
    assert!(same(&runs, &before));
}

/// Whether a new reader would be kept out now (a writer holds the pending lock).
fn readers_kept_out(path: &Path) -> bool {
    let conn = Connection::open(path).unwrap();
    conn.busy_timeout(Duration::ZERO).unwrap();
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_err()
}

/// A writer that waits to commit while the listing holds its lock keeps new readers out: the
/// second connection does not wait for it (the listing would wait for the writer, the writer
/// for the listing), and the listing is read by one connection, as the file was before the
/// write, which lands after it.
#[tokio::test]
async fn a_writer_waiting_to_commit_leaves_the_listing_to_one_connection() {
    let (_dir, store) = demo_copy();
    let before = paged(&store).await;
    let path = store.path().to_path_buf();
    let writer = std::thread::scope(|scope| {
        let mut writing = None;
        let mut kept_out_at = None;
        let (runs, read) = listed(&store, &mut || {
            let to = path.clone();
            writing = Some(scope.spawn(move || {
                let w = Connection::open(&to).unwrap();
                w.busy_timeout(Duration::from_secs(30)).unwrap();
                w.execute_batch(
                    "BEGIN IMMEDIATE; \
                     UPDATE latest_metrics SET value = value + 1; \
                     COMMIT;",
                )
            }));
            let waited = Instant::now();
            while !readers_kept_out(&path) {
                assert!(
                    waited.elapsed() < Duration::from_secs(10),
                    "no writer waits"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
            kept_out_at = Some(Instant::now());
        });
        // Not a timing goal: a second connection that waited for the lock would have held the
        // listing up for the whole busy timeout (5 s), and then given up.
        let held_up = kept_out_at.unwrap().elapsed();
        assert!(held_up < Duration::from_secs(4), "held up {held_up:?}");
        assert_eq!(read.by_helper, 0, "{read:?}");
        assert!(same(&runs, &before), "the listing saw the write");
        writing.unwrap().join().unwrap()
    });
    writer.unwrap();
    let after = paged(&store).await;
    assert!(!same(&after, &before), "the write did not land");
}

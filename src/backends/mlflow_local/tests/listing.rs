//! A whole sqlite listing read by two connections: the same runs as one connection reads, in
//! the same order, and never a second state of the file.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::{Read, each_batch, each_batch_with};
use crate::backends::mlflow_local::BUSY_TIMEOUT;
use crate::backends::mlflow_local::tests::demo_copy;
use crate::domain::{ExperimentId, Run};
use crate::store::{RunQuery, RunStore};

/// Every run of the demo store, 7 to a batch: many batches.
fn query() -> RunQuery {
    sized(7)
}

fn sized(page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: None,
        order_by: vec!["metrics.val_auc DESC".to_owned()],
        page_size,
    }
}

/// The runs of a listing, and how it was read.
fn listed(store: &super::super::LocalStore, locked: &mut dyn FnMut()) -> (Vec<Run>, Read) {
    listed_by(store, &query(), locked)
}

fn listed_by(
    store: &super::super::LocalStore,
    query: &RunQuery,
    locked: &mut dyn FnMut(),
) -> (Vec<Run>, Read) {
    let mut runs = Vec::new();
    let read = each_batch_with(
        &store.inner,
        query,
        &mut |batch| {
            assert!(!batch.is_empty() && batch.len() <= query.page_size as usize);
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
async fn a_listing_of_one_batch_or_none_opens_no_second_connection() {
    let (_dir, store) = demo_copy();
    let all = paged(&store).await;
    let (runs, read) = listed_by(&store, &sized(10_000), &mut || {
        panic!("a second connection for one batch")
    });
    assert_eq!(
        read,
        Read {
            batches: 1,
            by_helper: 0
        }
    );
    assert!(same(&runs, &all));
    let nothing = RunQuery {
        filter: Some("attributes.run_name = 'no such run'".to_owned()),
        ..query()
    };
    let (runs, read) = listed_by(&store, &nothing, &mut || panic!("a second connection"));
    assert_eq!((runs.len(), read), (0, Read::default()));
}

#[tokio::test]
async fn a_listing_stopped_by_its_reader_hands_on_its_first_runs_and_nothing_more() {
    let (_dir, store) = demo_copy();
    let all = paged(&store).await;
    for stop_after in 1..=5 {
        let mut batches = 0;
        let mut runs = Vec::new();
        each_batch(&store.inner, &query(), &mut |batch| {
            batches += 1;
            runs.extend(batch);
            batches < stop_after
        })
        .unwrap();
        assert_eq!(batches, stop_after);
        assert!(
            same(&runs, &all[..runs.len()]),
            "stopped after {stop_after}"
        );
        assert_eq!(runs.len(), 7 * stop_after);
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
        // listing up for the whole busy timeout, and then given up.
        let held_up = kept_out_at.unwrap().elapsed();
        assert!(held_up < BUSY_TIMEOUT * 4 / 5, "held up {held_up:?}");
        assert_eq!(read.by_helper, 0, "{read:?}");
        assert!(same(&runs, &before), "the listing saw the write");
        writing.unwrap().join().unwrap()
    });
    writer.unwrap();
    let after = paged(&store).await;
    assert!(!same(&after, &before), "the write did not land");
}

/// A writer of this process in the middle of a transaction (a reserved lock, not yet
/// committing) lets readers in: the listing is read by two connections, neither sees the
/// uncommitted write, and the write lands after.
#[tokio::test]
async fn a_writer_that_has_not_committed_leaves_both_connections_the_file_as_it_was() {
    let (_dir, store) = demo_copy();
    let before = paged(&store).await;
    let w = Connection::open(store.path()).unwrap();
    w.execute_batch("BEGIN IMMEDIATE; UPDATE latest_metrics SET value = value + 1;")
        .unwrap();
    let (runs, read) = listed(&store, &mut || {});
    assert_eq!(read.by_helper, read.batches / 2, "{read:?}");
    assert!(same(&runs, &before), "the listing saw an uncommitted write");
    w.execute_batch("COMMIT").unwrap();
    assert!(
        !same(&paged(&store).await, &before),
        "the write did not land"
    );
}

/// What an `mlflow server` does beside clearance: a writer in another process that waits to
/// commit while the listing holds its lock. Locks are the process's, so the second connection
/// is let in; both read the file as it was, and the write lands after the listing.
#[tokio::test]
async fn a_writer_of_another_process_waiting_to_commit_sees_the_listing_end_first() {
    let (_dir, store) = demo_copy();
    let before = paged(&store).await;
    let script = "import sqlite3, sys, time\n\
                  c = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)\n\
                  c.execute('BEGIN IMMEDIATE')\n\
                  c.execute('UPDATE latest_metrics SET value = value + 1')\n\
                  print('ready', flush=True)\n\
                  sys.stdin.readline()\n\
                  print('committing', flush=True)\n\
                  t = time.monotonic()\n\
                  c.execute('COMMIT')\n\
                  print(f'committed {time.monotonic() - t:.3f}', flush=True)\n";
    let mut writer = Command::new("python3")
        .args(["-c", script])
        .arg(store.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 (the README's prerequisites)");
    let mut told = writer.stdin.take().unwrap();
    let mut said = BufReader::new(writer.stdout.take().unwrap()).lines();
    assert_eq!(said.next().unwrap().unwrap(), "ready");
    let (runs, read) = listed(&store, &mut || {
        // The listing holds its shared lock: the writer's commit must wait for it.
        writeln!(told, "go").unwrap();
        assert_eq!(said.next().unwrap().unwrap(), "committing");
        std::thread::sleep(Duration::from_millis(300));
    });
    assert_eq!(read.by_helper, read.batches / 2, "{read:?}");
    assert!(same(&runs, &before), "the listing saw the write");
    let committed = said.next().unwrap().unwrap();
    let waited: f64 = committed
        .strip_prefix("committed ")
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        waited >= 0.25,
        "the commit did not wait for the listing: {committed}"
    );
    assert!(writer.wait().unwrap().success());
    assert!(
        !same(&paged(&store).await, &before),
        "the write did not land"
    );
}

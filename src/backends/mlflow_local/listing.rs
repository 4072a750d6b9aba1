//! A whole listing read by two threads that see one state of the file.
//!
//! Most of a listing's time is `SQLite` stepping through the child tables for each batch's
//! metrics, params and tags. So the listing's own transaction reads the runs in order and
//! fills every other batch, and a second connection, on a thread of its own, fills the
//! batches between: both cores work, and the batches are handed on in order.
//!
//! **One state.** The second connection's read transaction begins while the listing's holds
//! its shared lock (taken by the listing's first read, held to its end). In a rollback-journal
//! database, MLflow's default, no writer can commit while any reader holds a shared lock, so
//! both transactions read the same file. In WAL mode writers commit beside readers, and the
//! second connection could see a later state: such a listing is read by one thread (the
//! second connection also declines when it finds WAL mode itself).
//!
//! **No waiting.** The second connection does not wait for a lock. A writer of this process
//! that waits to commit holds a pending lock, which keeps this process's new readers out until
//! the listing ends (a writer of another process, an `mlflow server`, does not: locks are the
//! process's, and the listing's shared lock lets this process's readers in). Waiting would hold
//! the listing up for the whole busy timeout, so when the second connection cannot begin at
//! once, the listing is read by one thread.

use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use super::Inner;
use super::search::{self, RunRow};
use crate::domain::{Interner, Run};
use crate::store::{BackendError, RunQuery};

/// How a listing was read, for tests and the debug log.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub batches: usize,
    /// Filled by the second connection.
    pub by_helper: usize,
}

/// Every run `query` matches, in its order, handed to `emit` in batches of `query.page_size`
/// with their metrics, params and tags. `emit` answers whether to go on.
pub(super) fn each_batch(
    inner: &Inner,
    query: &RunQuery,
    emit: &mut dyn FnMut(Vec<Run>) -> bool,
) -> Result<Read, BackendError> {
    each_batch_with(inner, query, emit, &mut || {})
}

/// [`each_batch`], calling `locked` once the listing holds its shared lock, before the second
/// reader begins (where a test puts a writer that waits to commit).
fn each_batch_with(
    inner: &Inner,
    query: &RunQuery,
    emit: &mut dyn FnMut(Vec<Run>) -> bool,
    locked: &mut dyn FnMut(),
) -> Result<Read, BackendError> {
    let mut reader = inner.reader()?;
    let tx = reader
        .conn
        .transaction_with_behavior(TransactionBehavior::Deferred)
        .map_err(|e| inner.sql_error(&e))?;
    let wal = begin(&tx).map_err(|e| inner.sql_error(&e))?;
    let mut names = Interner::global().local();
    let mut read = Read::default();
    std::thread::scope(|scope| {
        // Started with the second batch, and given it, then the fourth, …: a listing of one
        // batch opens no second connection, and the first rows wait for nobody.
        let mut helper: Option<Helper<'_>> = None;
        // Whether the helper holds the batch before the one being read.
        let mut lent = false;
        let mut go_on = true;
        search::each_run(&tx, query, &mut |rows| {
            let index = read.batches;
            read.batches += 1;
            if index == 1 && !wal {
                locked();
                helper = Some(Helper::start(scope, inner));
            }
            if index % 2 == 1
                && let Some(h) = &helper
            {
                h.give(rows);
                lent = true;
                return Ok(true);
            }
            let runs = search::load_runs(&tx, rows, &mut names)?;
            if std::mem::take(&mut lent) {
                let earlier = take_back(&mut helper, &tx, &mut names, &mut read)?;
                go_on = emit(earlier);
            }
            go_on = go_on && emit(runs);
            Ok(go_on)
        })?;
        if lent && go_on {
            let last = take_back(&mut helper, &tx, &mut names, &mut read)?;
            emit(last);
        }
        // Dropping the helper ends its thread, which the scope waits for.
        drop(helper);
        Ok::<(), BackendError>(())
    })?;
    tx.rollback().map_err(|e| inner.sql_error(&e))?;
    inner.keep(reader);
    tracing::debug!(
        batches = read.batches,
        by_helper = read.by_helper,
        "sqlite listing read"
    );
    Ok(read)
}

/// Takes the listing's shared lock (sqlite takes it at a transaction's first read) and says
/// whether the database is in WAL mode.
fn begin(tx: &Transaction<'_>) -> rusqlite::Result<bool> {
    tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    super::readers::in_wal_mode(tx)
}

/// The batch the helper was given, filled: by the helper, or here when it could not begin
/// (it gives the rows back, and is given no more).
fn take_back(
    helper: &mut Option<Helper<'_>>,
    tx: &Transaction<'_>,
    names: &mut crate::domain::name::Local<'_>,
    read: &mut Read,
) -> Result<Vec<Run>, BackendError> {
    let answer = helper.as_mut().map(Helper::answer);
    match answer {
        Some(Answer::Filled(runs)) => {
            read.by_helper += 1;
            runs
        }
        Some(Answer::Declined(rows)) => {
            *helper = None;
            search::load_runs(tx, rows, names)
        }
        None => Err(BackendError::Store(
            "the second sqlite reader stopped".to_owned(),
        )),
    }
}

/// The second connection, on a thread of the scope.
struct Helper<'scope> {
    rows: mpsc::SyncSender<Vec<RunRow>>,
    answers: mpsc::Receiver<Answer>,
    thread: Option<std::thread::ScopedJoinHandle<'scope, ()>>,
}

enum Answer {
    Filled(Result<Vec<Run>, BackendError>),
    /// It could not begin a transaction at once: the rows, to be filled by the listing.
    Declined(Vec<RunRow>),
}

impl<'scope> Helper<'scope> {
    /// Opens the second connection on a thread of `scope`. Must be called while the listing's
    /// transaction holds its shared lock.
    fn start(scope: &'scope std::thread::Scope<'scope, '_>, inner: &'scope Inner) -> Self {
        let (rows, given) = mpsc::sync_channel::<Vec<RunRow>>(1);
        let (answer, answers) = mpsc::sync_channel(1);
        let thread = scope.spawn(move || {
            let mut conn = join(inner);
            let tx = match &mut conn {
                Ok(c) => begin_beside(inner, c),
                Err(e) => Err(e.clone()),
            };
            let tx = match tx {
                Ok(tx) => tx,
                Err(e) => {
                    tracing::debug!(error = %e, "the second sqlite reader could not begin");
                    for r in given {
                        if answer.send(Answer::Declined(r)).is_err() {
                            return;
                        }
                    }
                    return;
                }
            };
            let mut names = Interner::global().local();
            for r in given {
                let filled = search::load_runs(&tx, r, &mut names);
                if answer.send(Answer::Filled(filled)).is_err() {
                    return;
                }
            }
        });
        Self {
            rows,
            answers,
            thread: Some(thread),
        }
    }

    fn give(&self, rows: Vec<RunRow>) {
        // The thread takes a batch at a time and is given one only after answering the one
        // before: the channel has room. A thread that ended is found by `answer`.
        let _ = self.rows.send(rows);
    }

    /// The answer for the batch given last. A thread that ended without one (a panic) is
    /// joined, and what it said is the error.
    fn answer(&mut self) -> Answer {
        if let Ok(answer) = self.answers.recv() {
            return answer;
        }
        let why = match self.thread.take().map(std::thread::ScopedJoinHandle::join) {
            Some(Err(panic)) => panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "it panicked".to_owned()),
            _ => "it ended".to_owned(),
        };
        Answer::Filled(Err(BackendError::Store(format!(
            "the second sqlite reader stopped: {why}"
        ))))
    }
}

/// The second connection's transaction, its shared lock taken now (a reader that cannot have
/// it at once fails here, not in the middle of a batch). It declines WAL mode as the listing
/// does.
fn begin_beside<'c>(
    inner: &Inner,
    conn: &'c mut Connection,
) -> Result<Transaction<'c>, BackendError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Deferred)
        .map_err(|e| inner.sql_error(&e))?;
    if begin(&tx).map_err(|e| inner.sql_error(&e))? {
        return Err(BackendError::Store("the file is in WAL mode".to_owned()));
    }
    Ok(tx)
}

/// A read-only connection that does not wait for a lock, with half the page cache sqlite
/// gives a connection (1 MB; it reads the child tables' indexes and rows, not the runs).
fn join(inner: &Inner) -> Result<Connection, BackendError> {
    let conn = inner.connect(OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(Duration::ZERO)
        .and_then(|()| conn.execute_batch("PRAGMA cache_size = -1000"))
        .map_err(|e| inner.sql_error(&e))?;
    Ok(conn)
}

#[cfg(test)]
#[path = "tests/listing.rs"]
mod tests;

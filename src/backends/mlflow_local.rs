//! MLflow's own sqlite store (`mlflow.db`), read and written directly, with no server.
//!
//! The answers are the ones the REST client ([`super::mlflow::MlflowClient`]) gets from an
//! `mlflow server` over the same file: the same filter grammar and error messages
//! (`utils/search_utils.py`), the same SQL semantics (sqlite's `LIKE`, NaN stored as 0 with
//! `is_nan`, ±infinity stored as ±`f64::MAX`), the same order and the same page tokens
//! (`_search_runs` and `_get_orderby_clauses` in `store/tracking/sqlalchemy_store.py`), the
//! same history sampling (`get_metric_history_bulk_interval`) and the same registry rows.
//!
//! It shares the file with a running `mlflow server`: every operation runs in one transaction
//! on a blocking thread, on a connection with a busy timeout: a read-only one for reads (kept
//! between operations with no transaction open, [`readers`]), a new one for each write. A
//! whole listing is read by two connections that see one state of the file ([`listing`]). It
//! never changes the journal mode, never migrates and never runs DDL. A schema revision other
//! than the one clearance was built against opens read-only.

// The filter grammar, order parser and page tokens it reads are `store::query`'s, shared with
// the in-memory search (`store::run_search`) and the W&B filter translation.
mod history;
mod listing;
mod open;
mod readers;
mod registry;
mod search;
mod validate;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use self::open::KNOWN_REVISIONS;
use crate::domain::{Experiment, MetricPoint, RegisteredModel, Run, RunId};
use crate::store::{
    BackendError, ModelRegistry, RunBatches, RunPage, RunQuery, RunStore, SampledHistories,
};

/// How long an operation waits for a lock another process (an `mlflow server`) holds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An MLflow sqlite store. Cloning is cheap: clones share one description of the file and the
/// read-only connections kept between operations.
#[derive(Debug, Clone)]
pub struct LocalStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: PathBuf,
    /// The `alembic_version` row.
    revision: String,
    /// Why writes are refused, when they are.
    read_only_reason: Option<String>,
    /// Read-only connections between operations.
    kept: readers::Kept,
}

impl LocalStore {
    /// Opens an MLflow sqlite store. Fails with a message naming the file when it is missing,
    /// not a sqlite database, or not an MLflow store. A store clearance cannot write (an
    /// unknown schema revision, file permissions) opens read-only: see
    /// [`LocalStore::read_only_reason`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, BackendError> {
        let path = path.as_ref().to_path_buf();
        let opened = open::inspect(&path)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                revision: opened.revision,
                read_only_reason: opened.read_only_reason,
                kept: readers::Kept::default(),
            }),
        })
    }

    /// The file a tracking URI names: `sqlite:///relative.db` (relative to the current
    /// directory, as `SQLAlchemy` reads it), `sqlite:////abs/path.db`, or a plain path ending in
    /// `.db`, `.sqlite` or `.sqlite3`. `None` for anything else (`http://…`, in-memory sqlite).
    pub fn path_from_uri(uri: &str) -> Option<PathBuf> {
        open::path_from_uri(uri)
    }

    /// Why writes are refused (`None`: the store is writable).
    pub fn read_only_reason(&self) -> Option<String> {
        self.inner.read_only_reason.clone()
    }

    /// Whether writes go through.
    pub fn is_writable(&self) -> bool {
        self.inner.read_only_reason.is_none()
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The schema revision (`alembic_version`) found when the store was opened.
    pub fn revision(&self) -> &str {
        &self.inner.revision
    }

    /// `MLflow store /path/to/mlflow.db`, for the status bar and messages.
    pub fn label(&self) -> String {
        format!("MLflow store {}", self.inner.path.display())
    }

    /// Runs `f` on a blocking thread with a read-only connection (a kept one, see
    /// [`readers`]), inside one deferred transaction so that the statements of one operation
    /// see one state of the file.
    async fn read<T, F>(&self, f: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, BackendError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let mut reader = inner.reader()?;
            let tx = reader
                .conn
                .transaction_with_behavior(TransactionBehavior::Deferred)
                .map_err(|e| inner.sql_error(&e))?;
            let out = f(&tx)?;
            // A read transaction has nothing to keep: ending it releases the shared lock.
            tx.rollback().map_err(|e| inner.sql_error(&e))?;
            inner.keep(reader);
            Ok(out)
        })
        .await
    }

    /// Runs `f` on a blocking thread inside one `BEGIN IMMEDIATE` transaction that commits
    /// when `f` succeeds and rolls back otherwise. Refused on a read-only store.
    async fn write<T, F>(&self, f: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, BackendError> + Send + 'static,
    {
        if let Some(reason) = &self.inner.read_only_reason {
            return Err(BackendError::ReadOnly(reason.clone()));
        }
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let mut conn = inner.connect(OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| inner.sql_error(&e))?;
            // Dropping an uncommitted transaction rolls it back.
            let out = f(&tx)?;
            tx.commit().map_err(|e| inner.sql_error(&e))?;
            Ok(out)
        })
        .await
    }
}

impl Inner {
    fn connect(&self, mode: OpenFlags) -> Result<Connection, BackendError> {
        let flags = mode | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(|e| {
            BackendError::Store(format!("cannot open '{}': {e}", self.path.display()))
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| self.sql_error(&e))?;
        // What MLflow sets on every session (`store/db/utils.py`): `LIKE` is case-sensitive
        // there, so it must be here; foreign keys guard writes as they guard MLflow's. Both
        // are settings of this connection, not of the file.
        conn.execute_batch("PRAGMA case_sensitive_like = true; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.sql_error(&e))?;
        Ok(conn)
    }

    fn sql_error(&self, e: &rusqlite::Error) -> BackendError {
        sql_error(&self.path, e)
    }
}

/// A sqlite failure as a message that names the file and, for a lock, says what to do.
fn sql_error(path: &Path, e: &rusqlite::Error) -> BackendError {
    let busy = matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    );
    if busy {
        BackendError::Store(format!(
            "'{}' stayed locked for {} s (another process is writing to it); try again",
            path.display(),
            BUSY_TIMEOUT.as_secs()
        ))
    } else {
        BackendError::Store(format!("'{}': {e}", path.display()))
    }
}

async fn blocking<T, F>(f: F) -> Result<T, BackendError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| BackendError::Store(format!("the sqlite task stopped: {e}")))?
}

/// Reads ±`f64::MAX` (what MLflow's SQL store writes for ±infinity) as ±infinity, and a
/// stored NaN (value 0, `is_nan` 1) as NaN: what the REST client makes of the same rows.
fn metric_value(value: f64, is_nan: bool) -> f64 {
    if is_nan {
        f64::NAN
    } else if value == f64::MAX {
        f64::INFINITY
    } else if value == f64::MIN {
        f64::NEG_INFINITY
    } else {
        value
    }
}

#[async_trait]
impl RunStore for LocalStore {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        self.read(search::experiments).await
    }

    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        if query.experiment_ids.is_empty() {
            return Ok(RunPage::default());
        }
        let query = query.clone();
        let token = page_token.map(str::to_owned);
        self.read(move |tx| search::search_runs(tx, &query, token.as_deref()))
            .await
    }

    fn stream_runs(&self, query: &RunQuery) -> Option<RunBatches> {
        if query.experiment_ids.is_empty() {
            return None;
        }
        // One batch waits to be taken at most (behind it one more may be filled and held, and
        // one being filled): a slow reader (a pipe) holds the reading back.
        let (send, batches) = tokio::sync::mpsc::channel(1);
        let inner = Arc::clone(&self.inner);
        let query = query.clone();
        // A reader that stops without saying so (a panic) must not read as a listing that
        // ended: its end is watched, and said as an error.
        let watch = send.clone();
        let reader = tokio::task::spawn_blocking(move || {
            // A reader gone (the listing stopped) ends the reading.
            let read = listing::each_batch(&inner, &query, &mut |runs| {
                send.blocking_send(Ok(runs)).is_ok()
            });
            if let Err(e) = read {
                let _ = send.blocking_send(Err(e));
            }
        });
        tokio::spawn(async move {
            if let Err(e) = reader.await {
                let _ = watch
                    .send(Err(BackendError::Store(format!(
                        "the sqlite reader stopped: {e}"
                    ))))
                    .await;
            }
        });
        Some(batches)
    }

    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        let id = id.clone();
        self.read(move |tx| search::run(tx, &id)).await
    }

    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError> {
        let (run, key) = (run.clone(), key.to_owned());
        self.read(move |tx| history::metric_history(tx, &run, &key))
            .await
    }

    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError> {
        let (runs, key) = (runs.to_vec(), key.to_owned());
        self.read(move |tx| history::sampled_histories(tx, &runs, &key, max_points))
            .await
    }
}

#[async_trait]
impl ModelRegistry for LocalStore {
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        self.read(registry::models).await
    }

    async fn model(&self, name: &str) -> Result<RegisteredModel, BackendError> {
        let name = name.to_owned();
        self.read(move |tx| registry::model(tx, &name)).await
    }
}

#[cfg(test)]
pub(crate) mod tests;

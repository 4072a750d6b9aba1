//! Read-only connections kept between operations.
//!
//! Opening a connection is cheap, but its first statement parses MLflow's schema (about 1.3 ms
//! of CPU on the 2-core machine), and a `clearance runs --json` used to open six. Up to
//! [`KEPT`] read-only connections are kept when an operation succeeds and ends its
//! transaction, and reused by the next one; their cached pages are let go (the parsed schema
//! stays). A connection is kept only when it holds no lock: no transaction open, no statement
//! unfinished, and the file not in WAL mode (where a connection keeps a shared lock on the file
//! between transactions, which would stop another process from changing the journal mode or
//! cleaning up the WAL for as long as clearance runs). It is reused only while the path still
//! names the file it was opened on (the same device and inode, read before and after opening
//! it): a store file put in its place (a restore, `mv`), or deleted, is opened anew, and every
//! connection kept for the old file is closed. Between transactions `SQLite` itself notices what
//! other processes changed in the file and drops the pages it had cached. Where a file's
//! identity cannot be read (not Unix), nothing is kept.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OpenFlags};

use super::Inner;
use crate::store::BackendError;

/// Read-only connections kept at most.
const KEPT: usize = 2;

/// The connections kept, and how many were opened.
#[derive(Debug, Default)]
pub(super) struct Kept {
    idle: Mutex<Vec<(Connection, FileId)>>,
    opened: AtomicUsize,
}

#[cfg(all(test, unix))]
impl Kept {
    /// How many read-only connections were opened so far.
    pub(super) fn opened(&self) -> usize {
        self.opened.load(Ordering::Relaxed)
    }

    /// How many are kept now.
    pub(super) fn idle(&self) -> usize {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// A file's device and inode.
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// A read-only connection, and the file it was opened on.
pub(super) struct Reader {
    pub conn: Connection,
    file: Option<FileId>,
}

impl Inner {
    /// A read-only connection: a kept one when the path still names its file, else a new one.
    pub(super) fn reader(&self) -> Result<Reader, BackendError> {
        let file = file_id(&self.path);
        let (kept, stale) = {
            let mut idle = self
                .kept
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // Those of another file (or of one gone) are closed, all of them, outside the lock.
            let (mine, stale): (Vec<_>, Vec<_>) =
                idle.drain(..).partition(|(_, was)| Some(*was) == file);
            *idle = mine;
            (idle.pop(), stale)
        };
        drop(stale);
        if let Some((conn, _)) = kept {
            return Ok(Reader { conn, file });
        }
        self.kept.opened.fetch_add(1, Ordering::Relaxed);
        let conn = self.connect(OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // A file put at the path between the two readings: the connection is not kept.
        let file = file.filter(|f| file_id(&self.path) == Some(*f));
        Ok(Reader { conn, file })
    }

    /// Keeps a connection for the next operation, once its operation succeeded and ended its
    /// transaction (one that failed is closed: nothing is learnt from keeping it).
    pub(super) fn keep(&self, reader: Reader) {
        let Reader {
            conn,
            file: Some(file),
        } = reader
        else {
            return;
        };
        // A transaction left open or a statement not reset would hold the file's shared lock
        // while kept, as a file in WAL mode does.
        // Not known to be out of WAL mode: not kept.
        if !conn.is_autocommit() || conn.is_busy() || in_wal_mode(&conn).unwrap_or(true) {
            return;
        }
        // The pages go; the parsed schema, what keeping is for, stays.
        if conn.release_memory().is_err() {
            return;
        }
        let mut idle = self
            .kept
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if idle.len() < KEPT {
            idle.push((conn, file));
        }
    }
}

/// Whether the file is in WAL mode (`Err`: it could not be asked). The listing asks it too
/// ([`super::listing`]): in WAL mode a second reader could see a later state.
pub(super) fn in_wal_mode(conn: &Connection) -> rusqlite::Result<bool> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    Ok(mode.eq_ignore_ascii_case("wal"))
}

#[cfg(test)]
#[cfg(unix)]
#[path = "tests/readers.rs"]
mod tests;

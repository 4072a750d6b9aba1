//! Read-only connections kept between operations.
//!
//! Opening a connection is cheap, but its first statement parses MLflow's schema (about 1.3 ms
//! of CPU on the 2-core machine), and a `clearance runs --json` used to open six. Up to
//! [`KEPT`] read-only connections are kept when an operation succeeds and ends its
//! transaction (so they hold no lock), and reused by the next one. A connection is reused only while the
//! path still names the file it was opened on (the same device and inode): a store file put
//! in its place (a restore, `mv`) is opened anew. Between transactions `SQLite` itself
//! notices what other processes changed in the file and drops the pages it had cached.
//! Where a file's identity cannot be read (not Unix), nothing is kept.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OpenFlags};

use super::Inner;
use crate::store::BackendError;

/// Read-only connections kept at most.
const KEPT: usize = 2;

/// The connections kept, and how many were opened (for tests and the debug log).
#[derive(Debug, Default)]
pub(super) struct Kept {
    idle: Mutex<Vec<(Connection, FileId)>>,
    opened: AtomicUsize,
}

impl Kept {
    /// How many read-only connections were opened so far.
    #[cfg(test)]
    pub(super) fn opened(&self) -> usize {
        self.opened.load(Ordering::Relaxed)
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
        let kept = self
            .kept
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match kept {
            Some((conn, was)) if Some(was) == file => conn,
            // Opened on another file, or none kept (one kept for another file closes here).
            _ => {
                self.kept.opened.fetch_add(1, Ordering::Relaxed);
                self.connect(OpenFlags::SQLITE_OPEN_READ_ONLY)?
            }
        };
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
        // A transaction left open would hold the file's shared lock while kept.
        if !conn.is_autocommit() {
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

#[cfg(all(test, unix))]
#[path = "tests/readers.rs"]
mod tests;

//! Reads and writes over copies of the demo store (`assets/demo/demo.db`, never opened in
//! place), and parity with what a real `mlflow server` answered over the same file.

mod keyset;
mod memory_parity;
mod opening;
mod parity;
mod reads;
mod writes;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::LocalStore;

/// The committed demo store.
pub fn demo_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo.db")
}

/// A private copy of the demo store in a temporary directory, and the store opened on it.
pub fn demo_copy() -> (TempDir, LocalStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mlflow.db");
    std::fs::copy(demo_path(), &path).unwrap();
    let store = LocalStore::open(&path).unwrap();
    (dir, store)
}

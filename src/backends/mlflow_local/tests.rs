//! Reads and writes over copies of the demo store (`assets/demo/demo.db`, never opened in
//! place), and parity with what a real `mlflow server` answered over the same file.

mod live;
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

/// Python prints sets in hash order, which changes with every server process: sort the
/// elements of every `{'a', 'b'}` before comparing messages.
pub fn normalize_sets(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{'") {
        let Some(len) = rest[start..].find("'}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        let mut items: Vec<&str> = inner.split("', '").collect();
        items.sort_unstable();
        out.push_str("{'");
        out.push_str(&items.join("', '"));
        out.push_str("'}");
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

//! What the TUI remembers about each store between starts, in the state dir
//! (`remembered.json`): the experiments shown last, so the next start asks for their first
//! page together with the experiment list.
//!
//! Stores are filed under their [`StoreIdentity::key`], which never holds credentials. The
//! file keeps the [`STORES`] stores used most recently and is replaced whole (written beside,
//! then renamed), so a crash or a second clearance never leaves half a file. A file that
//! cannot be read or parsed is ignored (and logged): remembering is a convenience.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{ExperimentId, StoreIdentity};

/// The file's name in the state dir.
pub const FILE: &str = "remembered.json";
/// Stores remembered at most; the one used longest ago goes first.
const STORES: usize = 32;

/// One store's memory, at a path.
#[derive(Debug, Clone)]
pub struct Memory {
    path: PathBuf,
    store: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    /// Most recently used first.
    stores: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    store: String,
    experiments: Vec<ExperimentId>,
}

impl Memory {
    /// The memory of `store` in the state dir (`None` when there is no state dir).
    pub fn for_store(store: &StoreIdentity) -> Option<Self> {
        Some(Self::at(
            crate::config::state_dir()?.join(FILE),
            store.key(),
        ))
    }

    /// The memory of the store filed under `key`, in the file at `path`.
    pub fn at(path: PathBuf, key: &str) -> Self {
        Self {
            path,
            store: key.to_owned(),
        }
    }

    /// The experiments shown last time (none when nothing is remembered or the file is
    /// unreadable).
    pub fn experiments(&self) -> Vec<ExperimentId> {
        read(&self.path)
            .stores
            .into_iter()
            .find(|e| e.store == self.store)
            .map(|e| e.experiments)
            .unwrap_or_default()
    }

    /// Remembers the experiments shown, making this store the most recent one.
    pub fn remember_experiments(&self, experiments: &[ExperimentId]) -> io::Result<()> {
        // Locked: two sessions on two stores both stay remembered.
        crate::config::files::with_lock(&self.path, || {
            let mut file = read(&self.path);
            file.stores.retain(|e| e.store != self.store);
            file.stores.insert(
                0,
                Entry {
                    store: self.store.clone(),
                    experiments: experiments.to_vec(),
                },
            );
            file.stores.truncate(STORES);
            let text = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
            crate::config::files::write_atomically(&self.path, &text)
        })?
    }
}

fn read(path: &Path) -> File {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return File::default(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "cannot read what was remembered");
            return File::default();
        }
    };
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        tracing::warn!(path = %path.display(), error = %e, "ignoring a malformed file");
        File::default()
    })
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn ids(v: &[&str]) -> Vec<ExperimentId> {
        v.iter().map(|s| ExperimentId::new(*s)).collect()
    }

    #[test]
    fn each_store_remembers_its_own_experiments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join(FILE);
        let a = Memory::at(path.clone(), "mlflow:http://a:5000");
        let b = Memory::at(path.clone(), "mlflow:http://b:5000");
        assert_eq!(a.experiments(), ids(&[]));
        a.remember_experiments(&ids(&["1", "4"])).unwrap();
        b.remember_experiments(&ids(&["7"])).unwrap();
        assert_eq!(a.experiments(), ids(&["1", "4"]));
        assert_eq!(b.experiments(), ids(&["7"]));
        a.remember_experiments(&ids(&["2"])).unwrap();
        assert_eq!(a.experiments(), ids(&["2"]));
    }

    #[test]
    fn the_store_used_longest_ago_is_forgotten_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        for i in 0..=STORES {
            Memory::at(path.clone(), &format!("s{i}"))
                .remember_experiments(&ids(&["1"]))
                .unwrap();
        }
        assert_eq!(Memory::at(path.clone(), "s0").experiments(), ids(&[]));
        assert_eq!(
            Memory::at(path, &format!("s{STORES}")).experiments(),
            ids(&["1"])
        );
    }

    #[test]
    fn a_malformed_file_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        for junk in ["", "{", "[1,2]", "{\"stores\": 3}", "\u{0}\u{1}"] {
            std::fs::write(&path, junk).unwrap();
            let m = Memory::at(path.clone(), "s");
            assert_eq!(m.experiments(), ids(&[]), "{junk:?}");
            m.remember_experiments(&ids(&["3"])).unwrap();
            assert_eq!(m.experiments(), ids(&["3"]));
        }
    }
}

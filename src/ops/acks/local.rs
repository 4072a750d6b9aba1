//! Acknowledgements kept on this machine, for stores that keep no tags on models:
//! `<state dir>/alert-acks.json` (the demo's beside the demo), filed by store key, then model,
//! then the record's key. Readable by its owner only (0600), and replaced whole (written
//! beside, then renamed), so a crash or a second clearance never leaves half a file; a change
//! holds a lock on `alert-acks.json.lock` while it reads and writes, so two clearance
//! processes answering at once both keep their records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::StoreIdentity;
use crate::domain::alert::Ack;

/// The file's name.
pub const FILE: &str = "alert-acks.json";

/// One store's records in the file at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalAcks {
    path: PathBuf,
    store: String,
}

/// store key → model → record key → record.
type Records = BTreeMap<String, BTreeMap<String, BTreeMap<String, Ack>>>;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    stores: Records,
}

impl LocalAcks {
    /// The file for `store`: the demo's own, else the one in the state dir (`None` without a
    /// state dir).
    pub fn for_store(store: &StoreIdentity) -> Option<Self> {
        let dir = match store.demo_dir() {
            Some(d) => d.to_path_buf(),
            None => crate::config::state_dir()?,
        };
        Some(Self::at(dir.join(FILE), store.key()))
    }

    pub fn at(path: PathBuf, store: &str) -> Self {
        Self {
            path,
            store: store.to_owned(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This store's records; none when the file is missing, and none (logged) when it cannot
    /// be read: alerts are still shown, unanswered.
    pub fn read(&self) -> Vec<Ack> {
        match self.load() {
            Ok(f) => f
                .stores
                .get(&self.store)
                .map(|models| models.values().flat_map(|m| m.values().cloned()).collect())
                .unwrap_or_default(),
            Err(e) => {
                tracing::warn!(error = %e, "ignoring the acknowledgements file");
                Vec::new()
            }
        }
    }

    /// Keeps `ack`, replacing the record of the same alert.
    pub fn put(&self, ack: &Ack) -> Result<(), String> {
        self.locked(|| {
            let mut file = self.load()?;
            file.stores
                .entry(self.store.clone())
                .or_default()
                .entry(ack.model.clone())
                .or_default()
                .insert(ack.key(), ack.clone());
            self.save(&file)
        })
    }

    /// Removes the record `key` of `model`; answers whether there was one.
    pub fn remove(&self, model: &str, key: &str) -> Result<bool, String> {
        if !self.path.exists() {
            return Ok(false);
        }
        self.locked(|| {
            let mut file = self.load()?;
            let removed = file
                .stores
                .get_mut(&self.store)
                .and_then(|m| m.get_mut(model))
                .and_then(|m| m.remove(key))
                .is_some();
            if removed {
                self.save(&file)?;
            }
            Ok(removed)
        })
    }

    /// A read, change and write of the file that no other clearance interleaves with.
    fn locked<T>(&self, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
        crate::config::files::with_lock(&self.path, f)
            .map_err(|e| format!("cannot lock '{}': {e}", self.path.display()))?
    }

    /// The whole file; a missing one is empty, an unreadable one an error (never overwritten:
    /// its records are someone's).
    fn load(&self) -> Result<File, String> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
            Err(e) => return Err(format!("cannot read '{}': {e}", self.path.display())),
        };
        serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "'{}' holds no readable acknowledgements ({e}); move it away to start afresh",
                self.path.display()
            )
        })
    }

    fn save(&self, file: &File) -> Result<(), String> {
        let bytes = serde_json::to_vec_pretty(file).map_err(|e| e.to_string())?;
        crate::config::files::write_atomically(&self.path, &bytes)
            .map_err(|e| format!("cannot write '{}': {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::domain::alert::AckKind;

    fn ack(model: &str, metric: &str) -> Ack {
        Ack {
            kind: AckKind::Acknowledged,
            by: "ann".into(),
            at: DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            reason: "on it".into(),
            until: None,
            model: model.into(),
            version: Some("3".into()),
            alias: Some("production".into()),
            rule: "drift".into(),
            metric: metric.into(),
        }
    }

    #[test]
    fn records_are_kept_per_store_private_and_removed_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join(FILE);
        let a = LocalAcks::at(path.clone(), "wandb:acme/fraud");
        let b = LocalAcks::at(path.clone(), "wandb:acme/churn");
        assert_eq!(a.read(), vec![]);
        assert!(!a.remove("m", "k").unwrap(), "nothing to remove");
        a.put(&ack("fraud", "psi_amount")).unwrap();
        a.put(&ack("fraud", "psi_tenure")).unwrap();
        a.put(&ack("fraud", "psi_amount")).unwrap();
        b.put(&ack("churn", "psi_amount")).unwrap();
        assert_eq!(a.read().len(), 2, "one record per alert");
        assert_eq!(b.read(), vec![ack("churn", "psi_amount")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let gone = ack("fraud", "psi_amount");
        assert!(a.remove("fraud", &gone.key()).unwrap());
        assert_eq!(a.read(), vec![ack("fraud", "psi_tenure")]);
    }

    /// Writers in other processes take turns: each keeps what the other added. (Threads stand
    /// in for processes: the lock is per open file, not per process.)
    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::thread::scope(|s| {
            for w in 0..2 {
                let path = path.clone();
                s.spawn(move || {
                    let acks = LocalAcks::at(path, "s");
                    for i in 0..40 {
                        acks.put(&ack("fraud", &format!("m{w}-{i}"))).unwrap();
                    }
                });
            }
        });
        assert_eq!(LocalAcks::at(path, "s").read().len(), 80);
    }

    #[test]
    fn a_garbled_file_is_read_as_empty_but_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, "{\"stores\": 3").unwrap();
        let a = LocalAcks::at(path.clone(), "s");
        assert_eq!(a.read(), vec![]);
        let e = a.put(&ack("fraud", "psi_amount")).unwrap_err();
        assert!(e.contains("holds no readable acknowledgements"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"stores\": 3");
    }
}

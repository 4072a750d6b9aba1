//! The local audit log: one JSON object per line, appended, never rewritten.

use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::domain::StoreIdentity;
use crate::domain::policy::PolicyEvent;
use crate::domain::promotion::AuditEntry;
use crate::domain::store::redact_credentials;

/// Why the audit log could not be written or read; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("cannot write the audit log '{}': {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read the audit log '{}': {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl From<AuditError> for crate::domain::change::ChangeError {
    fn from(e: AuditError) -> Self {
        Self::Failed(e.to_string())
    }
}

/// A model's recorded moves, newest first: its version tags merged with the entries `log`
/// holds for it from `store` (none without a log).
pub fn history(
    log: Option<&AuditLog>,
    store: &StoreIdentity,
    model: &crate::domain::RegisteredModel,
) -> Result<Vec<AuditEntry>, AuditError> {
    let local = match log {
        Some(l) => l.read(store, &model.name)?,
        None => Vec::new(),
    };
    Ok(crate::domain::promotion::history(model, &local))
}

#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// The log a store's changes go to: the demo's own (beside the demo's store, so
    /// `--demo --reset` clears it and no demo move lands in the user's log), else
    /// [`AuditLog::default_path`].
    pub fn for_store(configured: &str, store: &StoreIdentity) -> Option<Self> {
        match store.demo_dir() {
            Some(dir) => Some(Self::new(dir.join(DEMO_LOG))),
            None => Self::default_path(configured).map(Self::new),
        }
    }

    /// `<data dir>/audit.jsonl`, or the configured path.
    pub fn default_path(configured: &str) -> Option<PathBuf> {
        if configured.trim().is_empty() {
            crate::config::data_dir().map(|d| d.join("audit.jsonl"))
        } else {
            Some(PathBuf::from(configured.trim()))
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry as one line (a single write, so concurrent writers do not interleave).
    pub fn append(&self, entry: &AuditEntry) -> Result<(), AuditError> {
        self.append_line(entry)
    }

    /// Appends one policy event (a refusal, a request, an approval, a freeze) as one line. A
    /// reader of moves skips these lines (they have no `action`), and a reader of events
    /// skips the moves (they have no `event`).
    pub fn append_event(&self, event: &PolicyEvent) -> Result<(), AuditError> {
        self.append_line(event)
    }

    fn append_line(&self, entry: &impl serde::Serialize) -> Result<(), AuditError> {
        let fail = |source| AuditError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut line = serde_json::to_string(entry).map_err(|e| fail(e.into()))?;
        line.push('\n');
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(fail)?;
        file.write_all(line.as_bytes()).map_err(fail)
    }

    /// Every entry about `subject` made in `store` (one log serves every store a person
    /// works with: a staging server's moves are never a production server's history); lines
    /// that are not entries (a torn write, a hand edit) are skipped rather than failing the
    /// whole history. A missing log is an empty one.
    pub fn read(
        &self,
        store: &StoreIdentity,
        subject: &str,
    ) -> Result<Vec<AuditEntry>, AuditError> {
        Ok(self
            .lines::<AuditEntry>()?
            .into_iter()
            .filter(|e| e.subject == subject && made_in(e, store))
            .collect())
    }

    /// Every entry made in `store`, whatever its subject (the audit export).
    pub fn read_all(&self, store: &StoreIdentity) -> Result<Vec<AuditEntry>, AuditError> {
        Ok(self
            .lines::<AuditEntry>()?
            .into_iter()
            .filter(|e| made_in(e, store))
            .collect())
    }

    /// Every policy event recorded for `store`, oldest first.
    pub fn events(&self, store: &StoreIdentity) -> Result<Vec<PolicyEvent>, AuditError> {
        Ok(self
            .lines::<PolicyEvent>()?
            .into_iter()
            .filter(|e| e.store_id.as_deref() == Some(store.key()))
            .collect())
    }

    /// The lines that parse as `T`; a missing log is an empty one.
    fn lines<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, AuditError> {
        let file = match fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(AuditError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        Ok(BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<T>(&l).ok())
            .collect())
    }
}

/// The demo's log, in the demo's directory.
pub const DEMO_LOG: &str = "audit.jsonl";

/// Whether `entry` was made in `store`: by its key, or, for records written before clearance
/// kept keys, by the store's label (with any credentials an old label carried taken out). An
/// old label that names a store by a relative path (`MLflow store mlflow.db`, the store found
/// in the current folder) could be any folder's: such records match no store.
fn made_in(entry: &AuditEntry, store: &StoreIdentity) -> bool {
    if let Some(key) = &entry.store_id {
        return key == store.key();
    }
    let label = redact_credentials(&entry.store);
    label == store.label() && names_one_place(&label)
}

/// Whether an old store label names one place: a server address, or an absolute path.
fn names_one_place(label: &str) -> bool {
    label.contains("://") || label.split(' ').any(|w| w.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use pretty_assertions::assert_eq;
    use url::Url;

    use super::*;
    use crate::domain::promotion::ChangeKind;

    fn server(url: &str) -> StoreIdentity {
        StoreIdentity::mlflow_server(&Url::parse(url).unwrap())
    }

    fn entry(store: &StoreIdentity, subject: &str, to: &str) -> AuditEntry {
        AuditEntry {
            at: DateTime::from_timestamp(100, 0).unwrap(),
            by: "Ann".into(),
            action: ChangeKind::Promote,
            subject: subject.into(),
            alias: "production".into(),
            from: None,
            to: to.into(),
            gates: None,
            overridden: false,
            reason: None,
            store: store.label().to_owned(),
            store_id: Some(store.key().to_owned()),
        }
    }

    #[test]
    fn appends_and_reads_back_skipping_junk() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("nested/audit.jsonl"));
        let prod = server("http://prod:5000");
        assert_eq!(log.read(&prod, "fraud").unwrap(), vec![]);
        let e = entry(&prod, "fraud", "1");
        log.append(&e).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(log.path())
            .unwrap()
            .write_all(b"{torn\n")
            .unwrap();
        log.append(&entry(&prod, "churn", "1")).unwrap();
        assert_eq!(log.read(&prod, "fraud").unwrap(), vec![e]);
    }

    #[test]
    fn a_store_reads_only_its_own_records() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("audit.jsonl"));
        let prod = server("http://prod:5000");
        let staging = server("http://staging:5000");
        let copy_db = dir.path().join("copy.db");
        let copy = StoreIdentity::sqlite(&copy_db, &copy_db);
        for (store, to) in [(&prod, "3"), (&staging, "7"), (&copy, "9")] {
            log.append(&entry(store, "fraud", to)).unwrap();
        }
        let tos = |store: &StoreIdentity| -> Vec<String> {
            log.read(store, "fraud")
                .unwrap()
                .into_iter()
                .map(|e| e.to)
                .collect()
        };
        assert_eq!(tos(&prod), ["3"]);
        assert_eq!(tos(&staging), ["7"]);
        assert_eq!(tos(&copy), ["9"]);
        assert_eq!(
            tos(&server("http://alice:pw@prod:5000/")),
            ["3"],
            "credentials or a trailing slash do not make another store"
        );
    }

    #[test]
    fn records_older_than_store_keys_match_by_label_without_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("audit.jsonl"));
        let prod = server("http://prod:5000");
        let legacy = AuditEntry {
            store: "MLflow at http://alice:pw@prod:5000".into(),
            store_id: None,
            ..entry(&prod, "fraud", "3")
        };
        let other = AuditEntry {
            store: "MLflow at http://staging:5000".into(),
            store_id: None,
            ..entry(&prod, "fraud", "7")
        };
        log.append(&legacy).unwrap();
        log.append(&other).unwrap();
        assert_eq!(log.read(&prod, "fraud").unwrap(), vec![legacy]);
    }

    #[test]
    fn an_old_record_of_a_relative_path_is_no_stores() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("audit.jsonl"));
        let here = std::path::Path::new("mlflow.db");
        let store = StoreIdentity::sqlite(here, &dir.path().join("mlflow.db"));
        let old = AuditEntry {
            store: "MLflow store mlflow.db".into(),
            store_id: None,
            ..entry(&store, "fraud", "3")
        };
        log.append(&old).unwrap();
        assert_eq!(
            log.read(&store, "fraud").unwrap(),
            vec![],
            "'mlflow.db' was every project's store in its own folder"
        );
    }

    #[test]
    fn the_demo_keeps_its_own_log() {
        let dir = tempfile::tempdir().unwrap();
        let demo_db = dir.path().join("demo/mlflow.db");
        let demo = StoreIdentity::demo(&demo_db, &demo_db);
        let log = AuditLog::for_store("/elsewhere/audit.jsonl", &demo).unwrap();
        assert_eq!(log.path(), dir.path().join("demo").join(DEMO_LOG));
        let prod = server("http://prod:5000");
        let log = AuditLog::for_store("/elsewhere/audit.jsonl", &prod).unwrap();
        assert_eq!(log.path(), Path::new("/elsewhere/audit.jsonl"));
    }
}

//! The local audit log: one JSON object per line, appended, never rewritten.

use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::domain::promotion::AuditEntry;

#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
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
    pub fn append(&self, entry: &AuditEntry) -> Result<(), String> {
        let fail = |e: &dyn std::fmt::Display| {
            format!("cannot write the audit log '{}': {e}", self.path.display())
        };
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let mut line = serde_json::to_string(entry).map_err(|e| fail(&e))?;
        line.push('\n');
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| fail(&e))?;
        file.write_all(line.as_bytes()).map_err(|e| fail(&e))
    }

    /// Every entry about `subject`; lines that are not entries (a torn write, a hand edit) are
    /// skipped rather than failing the whole history. A missing log is an empty one.
    pub fn read(&self, subject: &str) -> Result<Vec<AuditEntry>, String> {
        let file = match fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(format!(
                    "cannot read the audit log '{}': {e}",
                    self.path.display()
                ));
            }
        };
        Ok(BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<AuditEntry>(&l).ok())
            .filter(|e| e.subject == subject)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::promotion::ChangeKind;

    #[test]
    fn appends_and_reads_back_skipping_junk() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("nested/audit.jsonl"));
        assert_eq!(log.read("fraud").unwrap(), vec![]);
        let e = AuditEntry {
            at: DateTime::from_timestamp(100, 0).unwrap(),
            by: "Ann".into(),
            action: ChangeKind::Promote,
            subject: "fraud".into(),
            alias: "production".into(),
            from: None,
            to: "1".into(),
            gates: None,
            overridden: false,
            reason: None,
            store: "demo".into(),
        };
        log.append(&e).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(log.path())
            .unwrap()
            .write_all(b"{torn\n")
            .unwrap();
        log.append(&AuditEntry {
            subject: "churn".into(),
            ..e.clone()
        })
        .unwrap();
        assert_eq!(log.read("fraud").unwrap(), vec![e]);
    }
}

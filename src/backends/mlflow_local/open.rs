//! Opening a store: is it there, is it sqlite, is it MLflow's, which schema, can it be written.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{BUSY_TIMEOUT, sql_error};
use crate::store::BackendError;

/// Schema revisions (`alembic_version`) whose layout clearance reads and writes, with the
/// MLflow release that writes them. Any other revision opens read-only.
pub const KNOWN_REVISIONS: &[(&str, &str)] = &[("dc11669786a5", "MLflow 3.17.2")];

/// What opening found.
pub struct Opened {
    pub revision: String,
    pub read_only_reason: Option<String>,
}

/// Checks that `path` is an MLflow sqlite store and whether clearance may write it.
pub fn inspect(path: &Path) -> Result<Opened, BackendError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            BackendError::Store(format!("no such file: '{shown}'"))
        } else {
            BackendError::Store(format!("cannot read '{shown}': {e}"))
        }
    })?;
    if meta.is_dir() {
        return Err(BackendError::Store(format!(
            "'{shown}' is a directory, not an MLflow sqlite store (mlflow.db)"
        )));
    }
    if meta.len() == 0 {
        return Err(BackendError::Store(format!(
            "'{shown}' is empty (0 bytes), not an MLflow sqlite store"
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| BackendError::Store(format!("cannot open '{shown}': {e}")))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| sql_error(path, &e))?;
    let tables = table_names(&conn).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => BackendError::Store(format!(
            "'{shown}' is not a sqlite database (an MLflow store is a sqlite file such as mlflow.db)"
        )),
        _ => sql_error(path, &e),
    })?;
    let missing: Vec<&str> = ["alembic_version", "runs", "experiments"]
        .into_iter()
        .filter(|t| !tables.iter().any(|have| have == t))
        .collect();
    if !missing.is_empty() {
        return Err(BackendError::Store(format!(
            "'{shown}' is a sqlite database but not an MLflow store (no {} table{})",
            missing
                .iter()
                .map(|t| format!("'{t}'"))
                .collect::<Vec<_>>()
                .join(", "),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    let revision: Option<String> = conn
        .query_row("SELECT version_num FROM alembic_version", [], |r| r.get(0))
        .optional()
        .map_err(|e| sql_error(path, &e))?;
    let revision = revision.unwrap_or_default();
    drop(conn);

    let read_only_reason = if let Some(reason) = unknown_revision(path, &revision) {
        Some(reason)
    } else {
        write_blocker(path)
    };
    Ok(Opened {
        revision,
        read_only_reason,
    })
}

fn table_names(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// Why a revision cannot be written, when clearance does not know it.
fn unknown_revision(path: &Path, revision: &str) -> Option<String> {
    if KNOWN_REVISIONS.iter().any(|(r, _)| *r == revision) {
        return None;
    }
    let known = KNOWN_REVISIONS
        .iter()
        .map(|(r, release)| format!("'{r}' ({release})"))
        .collect::<Vec<_>>()
        .join(", ");
    let found = if revision.is_empty() {
        "no schema revision".to_owned()
    } else {
        format!("schema revision '{revision}'")
    };
    Some(format!(
        "'{}' has {found}; clearance writes only {known}, so it is open read-only \
         (another MLflow release may lay its tables out differently)",
        path.display()
    ))
}

/// Why sqlite cannot write the file (permissions on the file, or on its directory, where the
/// rollback journal goes), found by asking sqlite for a write and rolling it back.
fn write_blocker(path: &Path) -> Option<String> {
    let shown = path.display();
    let conn = match Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(c) => c,
        Err(e) => return Some(format!("'{shown}' cannot be opened for writing: {e}")),
    };
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        return Some(format!(
            "'{shown}' is not writable (file permissions), so it is open read-only"
        ));
    }
    if let Err(e) = conn.busy_timeout(BUSY_TIMEOUT) {
        return Some(format!("'{shown}': {e}"));
    }
    // A no-op update makes sqlite create its rollback journal beside the file; rolling back
    // leaves the file as it was. This is the one way to learn whether the directory lets
    // sqlite write, without leaving anything behind.
    let probe = conn
        .execute_batch(
            "BEGIN IMMEDIATE; UPDATE alembic_version SET version_num = version_num; ROLLBACK;",
        )
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        });
    match probe {
        Ok(()) => None,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => None,
        Err(e) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
            Some(format!(
                "'{shown}' cannot be written ({e}); sqlite needs to write the file and its \
                 journal in '{dir}', so it is open read-only"
            ))
        }
    }
}

/// The file a tracking URI or a path names.
pub fn path_from_uri(uri: &str) -> Option<PathBuf> {
    let uri = uri.trim();
    if let Some(rest) = uri.strip_prefix("sqlite://") {
        // SQLAlchemy: `sqlite://` + `/` + path; the path is absolute when it starts with `/`.
        let rest = rest.split('?').next().unwrap_or_default();
        let file = rest.strip_prefix('/')?;
        if file.is_empty() || file == ":memory:" {
            return None;
        }
        return Some(absolute(Path::new(file)));
    }
    let lower = uri.to_ascii_lowercase();
    if lower.contains("://") {
        return None;
    }
    let is_sqlite_file = [".db", ".sqlite", ".sqlite3"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    is_sqlite_file.then(|| absolute(Path::new(uri)))
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        return p.to_path_buf();
    }
    std::env::current_dir().map_or_else(|_| p.to_path_buf(), |cwd| cwd.join(p))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("sqlite:////abs/mlflow.db", Some("/abs/mlflow.db"))]
    #[case("sqlite:////abs/mlflow.db?mode=ro", Some("/abs/mlflow.db"))]
    #[case("/abs/x.db", Some("/abs/x.db"))]
    #[case("/abs/x.sqlite", Some("/abs/x.sqlite"))]
    #[case("http://127.0.0.1:5000", None)]
    #[case("sqlite://", None)]
    #[case("sqlite:///:memory:", None)]
    #[case("/abs/x.txt", None)]
    fn absolute_uris(#[case] uri: &str, #[case] want: Option<&str>) {
        assert_eq!(path_from_uri(uri), want.map(PathBuf::from));
    }

    #[test]
    fn relative_uris_are_relative_to_the_current_directory() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            path_from_uri("sqlite:///mlflow.db"),
            Some(cwd.join("mlflow.db"))
        );
        assert_eq!(
            path_from_uri("sqlite:///data/mlflow.db"),
            Some(cwd.join("data/mlflow.db"))
        );
        assert_eq!(path_from_uri("runs.db"), Some(cwd.join("runs.db")));
    }
}

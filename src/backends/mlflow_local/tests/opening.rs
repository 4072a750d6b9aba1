//! Opening: what is refused, what opens read-only, and why.

use rusqlite::Connection;

use super::{demo_copy, demo_path};
use crate::backends::mlflow_local::LocalStore;
use crate::domain::{ExperimentId, VersionId};
use crate::store::{BackendError, RunQuery, RunStore, Writer};

fn store_error(path: &std::path::Path) -> String {
    match LocalStore::open(path) {
        Err(BackendError::Store(m)) => m,
        other => panic!("expected a store error, got {other:?}"),
    }
}

#[test]
fn the_demo_store_opens_writable() {
    let (_dir, store) = demo_copy();
    assert_eq!(store.revision(), "dc11669786a5");
    assert_eq!(store.read_only_reason(), None);
    assert!(store.is_writable());
}

#[test]
fn opening_leaves_the_file_as_it_was() {
    let (dir, store) = demo_copy();
    let copy = std::fs::read(store.path()).unwrap();
    assert_eq!(copy, std::fs::read(demo_path()).unwrap());
    // No journal or probe file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["mlflow.db"]);
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.db");
    let msg = store_error(&path);
    assert!(msg.starts_with("no such file: '"), "{msg}");
    assert!(msg.contains("nope.db"), "{msg}");
}

#[test]
fn an_empty_file_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let msg = store_error(&path);
    assert!(
        msg.contains("empty.db") && msg.contains("is empty (0 bytes)"),
        "{msg}"
    );
}

#[test]
fn a_text_file_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "these are not the tables you are looking for\n".repeat(40),
    )
    .unwrap();
    let msg = store_error(&path);
    assert!(
        msg.contains("notes.db") && msg.contains("is not a sqlite database"),
        "{msg}"
    );
}

#[test]
fn another_sqlite_file_is_not_an_mlflow_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE runs (id INTEGER)")
        .unwrap();
    let msg = store_error(&path);
    assert_eq!(
        msg,
        format!(
            "'{}' is a sqlite database but not an MLflow store (no 'alembic_version', \
             'experiments' tables)",
            path.display()
        )
    );
}

#[test]
fn a_directory_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    assert!(store_error(dir.path()).contains("is a directory"));
}

#[tokio::test]
async fn an_unknown_revision_opens_read_only_and_says_why() {
    let (_dir, store) = demo_copy();
    Connection::open(store.path())
        .unwrap()
        .execute(
            "UPDATE alembic_version SET version_num = 'ffff00001111'",
            [],
        )
        .unwrap();
    let store = LocalStore::open(store.path()).unwrap();
    let reason = store.read_only_reason().unwrap();
    assert!(
        reason.contains("schema revision 'ffff00001111'"),
        "{reason}"
    );
    assert!(
        reason.contains("'dc11669786a5' (MLflow 3.17.2)"),
        "{reason}"
    );
    assert!(reason.contains("read-only"), "{reason}");
    // Reads still work …
    let page = store
        .search_runs(
            &RunQuery {
                experiment_ids: vec![ExperimentId::from("1")],
                page_size: 100,
                ..RunQuery::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(page.runs.len(), 24);
    // … writes do not, and nothing changes.
    let before = std::fs::read(store.path()).unwrap();
    let err = store
        .move_alias(
            "fraud-classifier",
            "production",
            Some(&VersionId::from("3")),
            &VersionId::from("4"),
        )
        .await
        .unwrap_err();
    assert_eq!(err, BackendError::ReadOnly(reason));
    assert_eq!(std::fs::read(store.path()).unwrap(), before);
}

#[test]
fn a_store_with_no_revision_row_is_read_only() {
    let (_dir, store) = demo_copy();
    Connection::open(store.path())
        .unwrap()
        .execute("DELETE FROM alembic_version", [])
        .unwrap();
    let store = LocalStore::open(store.path()).unwrap();
    assert!(
        store
            .read_only_reason()
            .unwrap()
            .contains("has no schema revision")
    );
}

#[cfg(unix)]
#[test]
fn a_file_without_write_permission_is_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = demo_copy();
    std::fs::set_permissions(store.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    let reopened = LocalStore::open(store.path()).unwrap();
    // root writes anyway: there the store is (rightly) writable.
    let is_root = std::fs::OpenOptions::new()
        .write(true)
        .open(store.path())
        .is_ok();
    if !is_root {
        let reason = reopened.read_only_reason().unwrap();
        assert!(reason.contains("not writable"), "{reason}");
    }
}

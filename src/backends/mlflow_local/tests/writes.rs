//! Writes: the alias compare-and-set, version and run tags, and what a refused write leaves.

use rusqlite::Connection;

use super::demo_copy;
use crate::backends::mlflow_local::LocalStore;
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, ModelRegistry, RunStore, Writer};

fn v(s: &str) -> VersionId {
    VersionId::from(s)
}

/// The rows a write may touch, to show a refused one changed nothing.
fn snapshot(store: &LocalStore) -> Vec<String> {
    let conn = Connection::open(store.path()).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT alias || version || name || workspace FROM registered_model_aliases",
        "SELECT key || coalesce(value, '') || name || version FROM model_version_tags",
        "SELECT name || coalesce(last_updated_time, '') FROM registered_models",
        "SELECT name || version || coalesce(last_updated_time, '') FROM model_versions",
        "SELECT key || coalesce(value, '') || run_uuid FROM tags",
        "SELECT run_uuid || coalesce(name, '') FROM runs",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

async fn alias(store: &LocalStore, model: &str, alias: &str) -> Option<VersionId> {
    store
        .model(model)
        .await
        .unwrap()
        .aliases
        .get(alias)
        .cloned()
}

#[tokio::test]
async fn moving_an_alias_checks_where_it_points() {
    let (_dir, store) = demo_copy();
    store
        .move_alias("fraud-classifier", "production", Some(&v("3")), &v("4"))
        .await
        .unwrap();
    assert_eq!(
        alias(&store, "fraud-classifier", "production").await,
        Some(v("4"))
    );
    let model = store.model("fraud-classifier").await.unwrap();
    assert_eq!(
        model.version(&v("4")).unwrap().aliases,
        ["challenger", "production", "staging"]
    );
    assert_eq!(model.version(&v("3")).unwrap().aliases, ["champion"]);
    // A new alias: expected unset.
    store
        .move_alias("churn-model", "canary", None, &v("3"))
        .await
        .unwrap();
    assert_eq!(alias(&store, "churn-model", "canary").await, Some(v("3")));
}

#[tokio::test]
async fn a_stale_expectation_is_a_conflict_and_writes_nothing() {
    let (_dir, store) = demo_copy();
    let before = snapshot(&store);
    let err = store
        .move_alias("fraud-classifier", "production", Some(&v("2")), &v("4"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        BackendError::Conflict {
            what: "@production of 'fraud-classifier'".into(),
            expected: "v2".into(),
            actual: "v3".into(),
        }
    );
    let err = store
        .move_alias("fraud-classifier", "canary", Some(&v("3")), &v("4"))
        .await
        .unwrap_err();
    assert!(matches!(err, BackendError::Conflict { ref actual, .. } if actual == "no version"));
    assert_eq!(snapshot(&store), before);
}

#[tokio::test]
async fn missing_models_and_versions_are_not_found() {
    let (_dir, store) = demo_copy();
    let before = snapshot(&store);
    assert_eq!(
        store
            .move_alias("fraud-classifier", "production", Some(&v("3")), &v("99"))
            .await,
        Err(BackendError::NotFound(
            "Model Version (name=fraud-classifier, version=99) not found".into()
        ))
    );
    assert_eq!(
        store.move_alias("nope", "production", None, &v("1")).await,
        Err(BackendError::NotFound(
            "Registered Model with name=nope not found".into()
        ))
    );
    assert_eq!(
        store
            .set_version_tag("fraud-classifier", &v("9"), "k", "v")
            .await,
        Err(BackendError::NotFound(
            "Model Version (name=fraud-classifier, version=9) not found".into()
        ))
    );
    assert_eq!(
        store.set_run_tag(&RunId::from("nope"), "k", "v").await,
        Err(BackendError::NotFound("Run with id=nope not found".into()))
    );
    assert_eq!(snapshot(&store), before);
}

#[tokio::test]
async fn bad_names_are_refused_in_mlflows_words() {
    let (_dir, store) = demo_copy();
    let before = snapshot(&store);
    let refused = |r: Result<(), BackendError>| match r {
        Err(BackendError::InvalidRequest(m)) => m,
        other => panic!("expected an invalid request, got {other:?}"),
    };
    assert_eq!(
        refused(
            store
                .move_alias("fraud-classifier", "latest", Some(&v("5")), &v("4"))
                .await
        ),
        "'latest' alias name (case insensitive) is reserved."
    );
    assert_eq!(
        refused(
            store
                .move_alias("fraud-classifier", "v2", None, &v("4"))
                .await
        ),
        "Version alias name 'v2' is reserved."
    );
    assert_eq!(
        refused(
            store
                .move_alias("fraud-classifier", "a b", None, &v("4"))
                .await
        ),
        "Invalid alias name: 'a b'. Names may only contain alphanumerics, underscores (_), and \
         dashes (-)."
    );
    assert_eq!(
        refused(
            store
                .move_alias("fraud-classifier", "x", None, &v("four"))
                .await
        ),
        "Parameter 'version' must be an integer, got 'four'."
    );
    assert!(
        refused(
            store
                .set_version_tag("fraud-classifier", &v("3"), "a*b", "x")
                .await
        )
        .starts_with("Invalid value \"a*b\" for parameter 'key' supplied")
    );
    assert_eq!(snapshot(&store), before);
}

#[tokio::test]
async fn deleting_an_alias_is_idempotent() {
    let (_dir, store) = demo_copy();
    store.delete_alias("churn-model", "staging").await.unwrap();
    assert_eq!(alias(&store, "churn-model", "staging").await, None);
    store.delete_alias("churn-model", "staging").await.unwrap();
    assert!(matches!(
        store.delete_alias("nope", "staging").await,
        Err(BackendError::NotFound(_))
    ));
}

#[tokio::test]
async fn version_tags_are_set_and_deleted() {
    let (_dir, store) = demo_copy();
    store
        .set_version_tag("fraud-classifier", &v("4"), "validation_status", "approved")
        .await
        .unwrap();
    store
        .set_version_tag("fraud-classifier", &v("4"), "approved_by", "erin")
        .await
        .unwrap();
    let model = store.model("fraud-classifier").await.unwrap();
    let tags = &model.version(&v("4")).unwrap().tags;
    assert_eq!(tags["validation_status"], "approved");
    assert_eq!(tags["approved_by"], "erin");
    store
        .delete_version_tag("fraud-classifier", &v("4"), "approved_by")
        .await
        .unwrap();
    store
        .delete_version_tag("fraud-classifier", &v("4"), "approved_by")
        .await
        .unwrap();
    let model = store.model("fraud-classifier").await.unwrap();
    assert!(
        !model
            .version(&v("4"))
            .unwrap()
            .tags
            .contains_key("approved_by")
    );
    // The rows carry the version's workspace, as MLflow writes them.
    let conn = Connection::open(store.path()).unwrap();
    let ws: String = conn
        .query_row(
            "SELECT workspace FROM model_version_tags WHERE name = 'fraud-classifier' \
             AND version = 4 AND key = 'validation_status'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ws, "default");
}

#[tokio::test]
async fn run_tags_are_set_and_deleted_and_run_name_renames() {
    let (_dir, store) = demo_copy();
    let run = store
        .search_runs(
            &crate::store::RunQuery {
                experiment_ids: vec!["3".into()],
                filter: Some("attributes.run_name = 'lgbm-churn-v2-d7'".into()),
                order_by: vec![],
                page_size: 10,
            },
            None,
        )
        .await
        .unwrap()
        .runs
        .remove(0);
    store
        .set_run_tag(&run.id, "promoted_to", "production")
        .await
        .unwrap();
    assert_eq!(
        store.run(&run.id).await.unwrap().tags["promoted_to"],
        "production"
    );
    store.delete_run_tag(&run.id, "promoted_to").await.unwrap();
    store.delete_run_tag(&run.id, "promoted_to").await.unwrap();
    assert!(
        !store
            .run(&run.id)
            .await
            .unwrap()
            .tags
            .contains_key("promoted_to")
    );

    store
        .set_run_tag(&run.id, "mlflow.runName", "lgbm-churn-v2-final")
        .await
        .unwrap();
    let renamed = store.run(&run.id).await.unwrap();
    assert_eq!(renamed.name, "lgbm-churn-v2-final");
    assert_eq!(renamed.tags["mlflow.runName"], "lgbm-churn-v2-final");
    // An empty name is ignored, as MLflow ignores it.
    store
        .set_run_tag(&run.id, "mlflow.runName", "")
        .await
        .unwrap();
    assert_eq!(
        store.run(&run.id).await.unwrap().name,
        "lgbm-churn-v2-final"
    );
    // A long value is cut to 8000 characters, as MLflow cuts it.
    store
        .set_run_tag(&run.id, "long", &"x".repeat(9000))
        .await
        .unwrap();
    assert_eq!(store.run(&run.id).await.unwrap().tags["long"].len(), 8000);
}

#[tokio::test]
async fn deleted_runs_refuse_tags() {
    let (_dir, store) = demo_copy();
    let id: String = Connection::open(store.path())
        .unwrap()
        .query_row(
            "UPDATE runs SET lifecycle_stage = 'deleted' WHERE name = 'mlp-churn-v3' \
             RETURNING run_uuid",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        store.set_run_tag(&RunId::new(id.clone()), "k", "v").await,
        Err(BackendError::InvalidRequest(format!(
            "The run {id} must be in the 'active' state. Current state is deleted."
        )))
    );
}

#[tokio::test]
async fn a_write_waits_for_a_lock_held_elsewhere() {
    let (_dir, store) = demo_copy();
    // Another process (an mlflow server, say) holds a write transaction for a moment.
    let path = store.path().to_path_buf();
    let holder = std::thread::spawn(move || {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        conn.execute_batch("COMMIT").unwrap();
    });
    std::thread::sleep(std::time::Duration::from_millis(50));
    store
        .move_alias("churn-model", "production", Some(&v("2")), &v("3"))
        .await
        .unwrap();
    holder.join().unwrap();
    assert_eq!(
        alias(&store, "churn-model", "production").await,
        Some(v("3"))
    );
}

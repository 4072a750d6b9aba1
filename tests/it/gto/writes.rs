//! Tags clearance writes, read back by the real gto after every one.

use std::sync::Arc;

use chrono::Utc;
use clearance::backends::gto::{Gto, GtoSettings};
use clearance::backends::mlflow_local::LocalStore;
use clearance::domain::VersionId;
use clearance::domain::change::{Approval, Outcome};
use clearance::domain::promotion::{AliasPlan, AuditEntry, ChangeKind};
use clearance::ops::audit::AuditLog;
use clearance::ops::promote;
use clearance::store::{Backend, BackendError, ModelRegistry, Writer};
use pretty_assertions::assert_eq;
use serde_json::json;

use super::support::{Repo, check_ref, gto_in, next_second, same_everywhere};

fn v(s: &str) -> VersionId {
    VersionId::from(s)
}

/// Two registered versions, prod on the older one, all made by gto.
fn registry() -> Repo {
    let repo = Repo::new(2);
    repo.gto(&[
        "register",
        "churn-model",
        &repo.commits[0],
        "--version",
        "v1.0.0",
    ]);
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.0.0",
        "--stage",
        "prod",
    ]);
    repo.gto(&[
        "register",
        "churn-model",
        &repo.commits[1],
        "--version",
        "v1.1.0",
    ]);
    repo
}

fn record(from: Option<&str>, to: &str, alias: &str) -> AuditEntry {
    AuditEntry {
        at: Utc::now(),
        by: "Ann Lee <ann@example.com>".into(),
        action: ChangeKind::Promote,
        subject: "churn-model".into(),
        alias: alias.into(),
        from: from.map(str::to_owned),
        to: to.into(),
        gates: None,
        overridden: false,
        reason: Some("recall +2 points".into()),
        store: "GTO".into(),
        store_id: None,
    }
}

/// The tag clearance wrote last: the one not there before.
fn new_tag(repo: &Repo, before: &std::collections::BTreeSet<String>) -> String {
    let now = repo.tags();
    let added: Vec<&String> = now.difference(before).collect();
    assert_eq!(added.len(), 1, "{added:?}");
    added[0].clone()
}

#[tokio::test]
async fn every_tag_clearance_writes_reads_back_through_gto() {
    let repo = registry();
    let gto = repo.open();
    let c = repo.commits.clone();

    // Promote prod v1.0.0 → v1.1.0, with clearance's record as the message.
    let before = repo.tags();
    let r = record(Some("v1.0.0"), "v1.1.0", "prod");
    gto.move_alias_noted(
        "churn-model",
        "prod",
        Some(&v("v1.0.0")),
        &v("v1.1.0"),
        &r.message(),
    )
    .await
    .unwrap();
    let tag = new_tag(&repo, &before);
    assert_eq!(tag, "churn-model#prod#2");
    let event = check_ref(&repo, &tag);
    assert_eq!(
        (
            &event["event"],
            &event["artifact"],
            &event["version"],
            &event["stage"],
            &event["commit_hexsha"],
            &event["author"],
            &event["author_email"],
        ),
        (
            &json!("assignment"),
            &json!("churn-model"),
            &json!("v1.1.0"),
            &json!("prod"),
            &json!(c[1]),
            &json!("Ann Lee"),
            &json!("ann@example.com"),
        )
    );
    assert_eq!(
        AuditEntry::from_message(event["message"].as_str().unwrap()),
        Some(r)
    );
    let models = same_everywhere(&repo).await;
    assert_eq!(models["churn-model"].aliases["prod"], v("v1.1.0"));

    // A new stage, with no record: gto's own message and the repository's identity.
    let before = repo.tags();
    gto.move_alias("churn-model", "staging", None, &v("v1.0.0"))
        .await
        .unwrap();
    let tag = new_tag(&repo, &before);
    let event = check_ref(&repo, &tag);
    assert_eq!(event["author"], json!("Lab Bot"));
    assert_eq!(
        event["message"],
        json!("Assigning stage staging to artifact churn-model version v1.0.0")
    );
    same_everywhere(&repo).await;

    // Unassign staging.
    let before = repo.tags();
    gto.delete_alias_noted("churn-model", "staging", "staging environment retired")
        .await
        .unwrap();
    let tag = new_tag(&repo, &before);
    assert_eq!(tag, "churn-model#staging!#4");
    let event = check_ref(&repo, &tag);
    assert_eq!(
        (&event["event"], &event["version"], &event["stage"]),
        (&json!("unassignment"), &json!("v1.0.0"), &json!("staging"))
    );
    let models = same_everywhere(&repo).await;
    assert_eq!(models["churn-model"].aliases.get("staging"), None);

    // Roll prod back to v1.0.0, whose first prod assignment still stands: gto itself would
    // want --force here.
    let before = repo.tags();
    let mut back = record(Some("v1.1.0"), "v1.0.0", "prod");
    back.action = ChangeKind::Rollback;
    gto.move_alias_noted(
        "churn-model",
        "prod",
        Some(&v("v1.1.0")),
        &v("v1.0.0"),
        &back.message(),
    )
    .await
    .unwrap();
    let tag = new_tag(&repo, &before);
    assert_eq!(check_ref(&repo, &tag)["version"], json!("v1.0.0"));
    let models = same_everywhere(&repo).await;
    assert_eq!(models["churn-model"].aliases["prod"], v("v1.0.0"));
    // Every tag is dated after the one before it.
    let times: Vec<i64> = [
        "churn-model@v1.1.0",
        "churn-model#prod#2",
        "churn-model#staging#3",
        "churn-model#staging!#4",
        "churn-model#prod#5",
    ]
    .iter()
    .map(|t| repo.tag_time(t))
    .collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
}

/// Right after gto wrote (in the same second), clearance waits for the next second.
#[tokio::test]
async fn a_write_right_after_gto_waits_for_the_next_second() {
    let repo = registry();
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.1.0",
        "--stage",
        "staging",
    ]);
    let then = repo.tag_time("churn-model#staging#2");
    repo.open()
        .move_alias("churn-model", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap();
    assert!(repo.tag_time("churn-model#prod#3") > then);
    same_everywhere(&repo).await;
}

/// N counts lightweight tags as gto counts them: clearance picks the name gto would.
#[tokio::test]
async fn the_counter_is_the_one_gto_would_pick() {
    let repo = registry();
    repo.lightweight("churn-model#prod#7", 1);
    repo.lightweight("churn-model@deprecated#9", 1);
    // What gto itself would name the next assignment, in a clone.
    let clone = Repo::clone_of(repo.path());
    let said = clone.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.1.0",
        "--stage",
        "prod",
    ]);
    assert!(said.contains("'churn-model#prod#10'"), "{said}");
    repo.open()
        .move_alias("churn-model", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap();
    assert!(repo.tags().contains("churn-model#prod#10"));
    assert_eq!(
        check_ref(&repo, "churn-model#prod#10")["event"],
        json!("assignment")
    );
    same_everywhere(&repo).await;
}

/// The stage moved (by gto) since clearance looked: refused, and nothing written.
#[tokio::test]
async fn a_write_is_refused_when_the_stage_moved() {
    let repo = registry();
    let gto = repo.open();
    let seen = gto.model("churn-model").await.unwrap().aliases["prod"].clone();
    // Someone moves it later: in the registry's own second gto would keep v1.0.0.
    next_second();
    repo.gto(&[
        "assign",
        "churn-model",
        "--version",
        "v1.1.0",
        "--stage",
        "prod",
    ]);
    let before = repo.tags();
    let e = gto
        .move_alias("churn-model", "prod", Some(&seen), &v("v1.0.0"))
        .await
        .unwrap_err();
    assert_eq!(
        e,
        BackendError::Conflict {
            what: "@prod of 'churn-model'".into(),
            expected: "v1.0.0".into(),
            actual: "v1.1.0".into(),
        }
    );
    assert_eq!(repo.tags(), before);
    same_everywhere(&repo).await;
}

/// A write refused by the repository's `.gto` never reaches git.
#[tokio::test]
async fn a_stage_the_gto_file_does_not_allow_is_refused() {
    let repo = registry();
    std::fs::write(repo.path().join(".gto"), "stages: [dev, prod]\n").unwrap();
    let before = repo.tags();
    let e = repo
        .open()
        .move_alias("churn-model", "staging", None, &v("v1.1.0"))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::InvalidRequest(m) if m.contains("not allowed by the repository's .gto")),
        "{e}"
    );
    assert_eq!(repo.tags(), before);
    // gto agrees that the stage is not allowed.
    let out = std::process::Command::new(super::support::gto_program())
        .args([
            "assign",
            "churn-model",
            "--version",
            "v1.1.0",
            "--stage",
            "staging",
        ])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// The pushed tag, read by gto in a fresh clone of the remote (what CI sees).
#[tokio::test]
async fn a_pushed_tag_is_read_by_gto_in_a_clone_of_the_remote() {
    let repo = registry();
    let origin = Repo::bare();
    let url = origin.path().to_str().unwrap().to_owned();
    repo.git(&["remote", "add", "origin", &url]);
    repo.git(&["push", "-q", "origin", "main", "--tags"]);
    let gto = Gto::open_with(
        repo.path(),
        GtoSettings {
            push_remote: Some("origin".into()),
            ..GtoSettings::default()
        },
    )
    .unwrap();
    let r = record(Some("v1.0.0"), "v1.1.0", "prod");
    gto.move_alias_noted(
        "churn-model",
        "prod",
        Some(&v("v1.0.0")),
        &v("v1.1.0"),
        &r.message(),
    )
    .await
    .unwrap();
    assert!(origin.tags().contains("churn-model#prod#2"));
    let ci = Repo::clone_of(origin.path());
    let event = check_ref(&ci, "churn-model#prod#2");
    assert_eq!(
        (&event["event"], &event["version"], &event["author"]),
        (&json!("assignment"), &json!("v1.1.0"), &json!("Ann Lee"))
    );
    let shown = gto_in(ci.path(), &["show", "churn-model#prod", "--json"]);
    assert!(shown.contains("\"v1.1.0\""), "{shown}");
    same_everywhere(&ci).await;
}

/// Promotion end to end: `ops::promote::execute` writes one tag and no version tags, and
/// the history shows the move once (the tag's record and the local log's entry are one).
#[tokio::test]
async fn a_promotion_through_clearance_is_one_tag_and_one_history_entry() {
    let repo = registry();
    let gto = Arc::new(repo.open());
    // Any run store will do: promotion reads the registry and writes through the writer.
    let runs_dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo.db");
    let db = runs_dir.path().join("mlflow.db");
    std::fs::copy(demo, &db).unwrap();
    let backend = Backend {
        runs: Arc::new(LocalStore::open(&db).unwrap()),
        registry: gto.clone(),
        writer: Some(gto.clone()),
        read_only_reason: None,
        store: clearance::domain::StoreIdentity::git_repo(gto.root(), &gto.label()),
    };
    let log = AuditLog::new(runs_dir.path().join("audit.jsonl"));
    let plan = AliasPlan {
        kind: ChangeKind::Promote,
        model: "churn-model".into(),
        alias: "prod".into(),
        from: Some(v("v1.0.0")),
        to: v("v1.1.0"),
        candidate_alias: None,
    };
    let approval = Approval {
        by: "Dana Ops <dana@example.com>".into(),
        at: Utc::now(),
        gates: None,
        override_gates: false,
        reason: Some("latency budget met".into()),
    };
    let before = repo.tags();
    let outcome = promote::execute(
        &backend,
        &plan,
        &approval,
        &clearance::ops::policy::Enforcement::direct(&clearance::config::Config::defaults()),
        Some(&log),
    )
    .await
    .unwrap();
    let Outcome::Done { entry, warnings } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(warnings, Vec::<String>::new());
    let tag = new_tag(&repo, &before);
    let event = check_ref(&repo, &tag);
    assert_eq!(event["author"], json!("Dana Ops"));
    assert_eq!(
        AuditEntry::from_message(event["message"].as_str().unwrap()).as_ref(),
        Some(entry.as_ref())
    );
    let (model, h) = promote::history(&backend, "churn-model", Some(&log))
        .await
        .unwrap();
    assert!(
        model
            .versions
            .iter()
            .all(|v| v.tags.keys().all(|k| k.starts_with("clearance.event.")))
    );
    assert_eq!(h.first(), Some(entry.as_ref()));
    assert_eq!(
        h.iter()
            .filter(|e| e.reason.as_deref() == Some("latency budget met"))
            .count(),
        1
    );
    same_everywhere(&repo).await;
}

/// clearance's records (a request, an approval, the freeze switch) are tags beside GTO's:
/// pushed to the remote, read in a fresh clone of it and, once removed there, gone from a
/// clone that only fetches, while gto reads the registry as before.
#[tokio::test]
async fn records_travel_with_the_tags_and_gto_ignores_them() {
    let repo = registry();
    let origin = Repo::bare();
    let url = origin.path().to_str().unwrap().to_owned();
    repo.git(&["remote", "add", "origin", &url]);
    repo.git(&["push", "-q", "origin", "main", "--tags"]);
    let gto = Gto::open_with(
        repo.path(),
        GtoSettings {
            push_remote: Some("origin".into()),
            ..GtoSettings::default()
        },
    )
    .unwrap();
    let request = r#"{"requester":"carol","reason":"better recall"}"#;
    gto.set_version_tag(
        "churn-model",
        &v("v1.1.0"),
        "clearance.request.prod",
        request,
    )
    .await
    .unwrap();
    gto.set_version_tag(
        "churn-model",
        &v("v1.1.0"),
        "clearance.approval.prod.1",
        "{\"by\":\"bob\"}",
    )
    .await
    .unwrap();
    gto.set_model_tag("churn-model", "clearance.freeze", "{\"by\":\"oncall\"}")
        .await
        .unwrap();
    // Anything but clearance's own keys is refused, as before.
    let e = gto
        .set_version_tag("churn-model", &v("v1.1.0"), "note", "x")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("has no version tags"), "{e}");

    let ci = Repo::clone_of(origin.path());
    let m = ci.open().model("churn-model").await.unwrap();
    assert_eq!(m.tags["clearance.freeze"], "{\"by\":\"oncall\"}");
    let v11 = m.version(&v("v1.1.0")).unwrap();
    assert_eq!(v11.tags["clearance.request.prod"], request);
    assert_eq!(v11.tags["clearance.approval.prod.1"], "{\"by\":\"bob\"}");
    assert!(
        !m.version(&v("v1.0.0"))
            .unwrap()
            .tags
            .keys()
            .any(|k| k.starts_with("clearance.request")),
    );
    // gto reads the same registry with the records there.
    same_everywhere(&ci).await;

    // Withdrawn and thawed in the first clone: a plain fetch brings the removals.
    gto.delete_version_tag("churn-model", &v("v1.1.0"), "clearance.request.prod")
        .await
        .unwrap();
    gto.delete_version_tag("churn-model", &v("v1.1.0"), "clearance.approval.prod.1")
        .await
        .unwrap();
    gto.delete_model_tag("churn-model", "clearance.freeze")
        .await
        .unwrap();
    // Removing what is not set writes nothing.
    let before = origin.tags();
    gto.delete_model_tag("churn-model", "clearance.freeze")
        .await
        .unwrap();
    assert_eq!(origin.tags(), before);
    ci.git(&["fetch", "-q", "--tags", "origin"]);
    let m = ci.open().model("churn-model").await.unwrap();
    assert!(!m.tags.contains_key("clearance.freeze"), "{:?}", m.tags);
    assert!(
        !m.version(&v("v1.1.0"))
            .unwrap()
            .tags
            .keys()
            .any(|k| k.starts_with("clearance.request") || k.starts_with("clearance.approval")),
    );
    same_everywhere(&ci).await;
}

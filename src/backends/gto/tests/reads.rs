//! Opening and reading: the registry as models, versions, aliases and history.

use chrono::DateTime;
use pretty_assertions::assert_eq;

use super::{Repo, ago};
use crate::backends::gto::{Gto, LATEST_TAG};
use crate::domain::promotion::{AuditEntry, ChangeKind, UNSET, history};
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, ModelRegistry};

fn at(t: i64) -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(t, 0).unwrap()
}

#[test]
fn opening_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let e = Gto::open(&missing).unwrap_err().to_string();
    assert!(e.starts_with("no such directory: '"), "{e}");
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let e = Gto::open(&file).unwrap_err().to_string();
    assert!(e.contains("is not a directory"), "{e}");
    let e = Gto::open(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("is not a git repository (a GTO registry is the tags of one)"),
        "{e}"
    );
}

#[test]
fn opens_a_repository_from_a_subdirectory_and_a_bare_one() {
    let repo = Repo::new(1);
    let sub = repo.path().join("models");
    std::fs::create_dir(&sub).unwrap();
    let gto = Gto::open(&sub).unwrap();
    assert_eq!(gto.root().canonicalize().unwrap(), repo.root());
    assert!(!gto.is_bare());
    assert_eq!(
        gto.label(),
        format!("GTO registry {}", gto.root().display())
    );
    assert_eq!(gto.read_only_reason(), None);
    let bare = Repo::bare();
    assert!(Gto::open(bare.path()).unwrap().is_bare());
}

/// A registry with the cases that matter: two versions, a stage moved by clearance (its
/// record in the tag message), a stage unassigned, a commit given a stage without a
/// registration, a lightweight tag, a deprecated artifact, a path artifact, and tags that
/// are not GTO's.
fn registry() -> (Repo, i64) {
    let repo = Repo::new(3);
    let t = ago(1000);
    repo.tag("m@v1.0.0", 0, t, "Registering artifact m version v1.0.0");
    repo.tag(
        "m#prod#1",
        0,
        t + 10,
        "Assigning stage prod to artifact m version v1.0.0",
    );
    repo.tag(
        "m@v1.1.0",
        1,
        t + 20,
        "Registering artifact m version v1.1.0",
    );
    repo.tag(
        "m#staging#2",
        1,
        t + 30,
        "Assigning stage staging to artifact m version v1.1.0",
    );
    repo.tag("m#prod#3", 1, t + 40, &record(t + 39).message());
    repo.tag("m#staging!#4", 1, t + 50, "staging is frozen");
    repo.tag(
        "m#dev#5",
        2,
        t + 60,
        "Assigning stage dev to artifact m version x",
    );
    repo.lightweight("m#prod#9", 0);
    repo.tag(
        "legacy@v0.0.1",
        0,
        t,
        "Registering artifact legacy version v0.0.1",
    );
    repo.tag(
        "legacy@deprecated",
        0,
        t + 5,
        "Deprecating artifact 'legacy'",
    );
    repo.tag(
        "models/churn=x@v0.1.0",
        1,
        t,
        "Registering artifact models/churn:x",
    );
    repo.tag("modèle#prod#1", 1, t, "not GTO: not ASCII");
    repo.tag("m#prod#x", 1, t, "not GTO: no counter");
    repo.tag("release-2026", 1, t, "not GTO at all");
    (repo, t)
}

fn record(at_s: i64) -> AuditEntry {
    AuditEntry {
        at: at(at_s),
        by: "Ann Lee <ann@example.com>".into(),
        action: ChangeKind::Promote,
        subject: "m".into(),
        alias: "prod".into(),
        from: Some("v1.0.0".into()),
        to: "v1.1.0".into(),
        gates: None,
        overridden: false,
        reason: Some("better recall".into()),
        store: "GTO registry /elsewhere".into(),
        store_id: None,
    }
}

#[tokio::test]
async fn models_are_artifacts_versions_and_stages() {
    let (repo, t) = registry();
    let gto = repo.open();
    let models = gto.models().await.unwrap();
    assert_eq!(
        models.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["m", "models/churn:x"]
    );
    let m = &models[0];
    let c = &repo.commits;
    assert_eq!(
        m.aliases,
        [
            ("dev".to_owned(), VersionId::new(c[2].clone())),
            ("prod".to_owned(), VersionId::from("v1.1.0")),
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(m.tags.get(LATEST_TAG).map(String::as_str), Some("v1.1.0"));
    assert_eq!(m.updated, Some(at(t + 60)));
    let summary: Vec<(String, &str, Option<RunId>, Vec<String>)> = m
        .versions
        .iter()
        .map(|v| {
            (
                v.version.to_string(),
                v.status.as_str(),
                v.run_id.clone(),
                v.aliases.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "v1.1.0".into(),
                "READY",
                Some(RunId::new(c[1].clone())),
                vec!["prod".into()]
            ),
            (
                "v1.0.0".into(),
                "READY",
                Some(RunId::new(c[0].clone())),
                vec![]
            ),
            (
                c[2].clone(),
                "UNREGISTERED",
                Some(RunId::new(c[2].clone())),
                vec!["dev".into()]
            ),
        ]
    );
    let v = &m.versions[0];
    assert_eq!(v.created, Some(at(t + 20)));
    assert_eq!(v.user, "Lab Bot");
    assert_eq!(v.source, "m@v1.1.0");
    assert_eq!(v.description, "Registering artifact m version v1.1.0");
    assert_eq!(m.versions[2].source, "m#dev#5");
    assert_eq!(
        gto.model("models/churn=x").await.unwrap().name,
        "models/churn:x"
    );
}

#[tokio::test]
async fn stage_moves_read_as_history_with_clearance_records_kept_whole() {
    let (repo, t) = registry();
    let m = repo.open().model("m").await.unwrap();
    let h = history(&m, &[]);
    let store = repo.open().label();
    let gto_entry =
        |at_s, action, alias: &str, from: Option<&str>, to: &str, reason: Option<&str>| {
            AuditEntry {
                at: at(at_s),
                by: "Lab Bot <lab@example.invalid>".into(),
                action,
                subject: "m".into(),
                alias: alias.into(),
                from: from.map(str::to_owned),
                to: to.into(),
                gates: None,
                overridden: false,
                reason: reason.map(str::to_owned),
                store: store.clone(),
                store_id: None,
            }
        };
    let sha = repo.commits[2].as_str();
    assert_eq!(
        h,
        [
            gto_entry(t + 60, ChangeKind::Promote, "dev", None, sha, None),
            gto_entry(
                t + 50,
                ChangeKind::Unassign,
                "staging",
                Some("v1.1.0"),
                UNSET,
                Some("staging is frozen")
            ),
            record(t + 39),
            gto_entry(t + 30, ChangeKind::Promote, "staging", None, "v1.1.0", None),
            gto_entry(t + 10, ChangeKind::Promote, "prod", None, "v1.0.0", None),
        ]
    );
}

#[tokio::test]
async fn a_deregistration_that_takes_a_stage_is_history_and_the_stage_falls_back() {
    let repo = Repo::new(2);
    let t = ago(1000);
    repo.tag("m@v1.0.0", 0, t, "r");
    repo.tag(
        "m#prod#1",
        0,
        t + 1,
        "Assigning stage prod to artifact m version v1.0.0",
    );
    repo.tag("m@v1.1.0", 1, t + 2, "r");
    repo.tag("m#prod#2", 1, t + 3, "canary passed");
    repo.tag("m@v1.1.0!", 1, t + 4, "broken on arm64");
    let m = repo.open().model("m").await.unwrap();
    assert_eq!(m.aliases.get("prod"), Some(&VersionId::from("v1.0.0")));
    assert_eq!(m.tags.get(LATEST_TAG).map(String::as_str), Some("v1.0.0"));
    let v = m.version(&"v1.1.0".into()).unwrap();
    assert_eq!(v.status, "DEREGISTERED");
    let h = history(&m, &[]);
    assert_eq!(
        h.iter()
            .map(|e| (e.action, e.describe(), e.reason.clone()))
            .collect::<Vec<_>>(),
        [
            (
                ChangeKind::Unassign,
                "prod: v1.1.0 → v1.0.0".to_owned(),
                Some("v1.1.0 was deregistered (m@v1.1.0!): broken on arm64".to_owned())
            ),
            (
                ChangeKind::Promote,
                "prod: v1.0.0 → v1.1.0".to_owned(),
                Some("canary passed".to_owned())
            ),
            (
                ChangeKind::Promote,
                "prod: (unset) → v1.0.0".to_owned(),
                None
            ),
        ]
    );
}

#[tokio::test]
async fn missing_and_deprecated_artifacts_are_not_found_with_a_reason() {
    let (repo, _) = registry();
    let gto = repo.open();
    let e = gto.model("legacy").await.unwrap_err();
    assert!(
        matches!(&e, BackendError::NotFound(m) if m.contains("'legacy' is deprecated") && m.contains("legacy@deprecated")),
        "{e}"
    );
    let e = gto.model("nope").await.unwrap_err();
    assert!(
        matches!(&e, BackendError::NotFound(m) if m.ends_with("(artifacts: m, models/churn:x)")),
        "{e}"
    );
}

#[tokio::test]
async fn an_empty_repository_has_no_models() {
    let repo = Repo::new(0);
    assert_eq!(repo.open().models().await.unwrap(), vec![]);
}

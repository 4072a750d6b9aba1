//! Writing: the tag a move makes, the checks before and after it, and pushing it.

use pretty_assertions::assert_eq;

use super::{Repo, ago};
use crate::backends::gto::GtoSettings;
use crate::domain::promotion::{AuditEntry, ChangeKind, history};
use crate::domain::{RunId, VersionId};
use crate::store::{BackendError, ModelRegistry, Writer};

/// v1.0.0 on commit 0 holds prod; v1.1.0 on commit 1 is registered; a lightweight tag holds
/// the largest counter.
fn two_versions() -> Repo {
    let repo = Repo::new(2);
    let t = ago(600);
    repo.tag("m@v1.0.0", 0, t, "Registering artifact m version v1.0.0");
    repo.tag(
        "m#prod#1",
        0,
        t + 1,
        "Assigning stage prod to artifact m version v1.0.0",
    );
    repo.tag(
        "m@v1.1.0",
        1,
        t + 2,
        "Registering artifact m version v1.1.0",
    );
    repo.lightweight("m#prod#6", 1);
    repo
}

fn v(s: &str) -> VersionId {
    VersionId::from(s)
}

fn note(by: &str) -> AuditEntry {
    AuditEntry {
        at: chrono::Utc::now(),
        by: by.into(),
        action: ChangeKind::Promote,
        subject: "m".into(),
        alias: "prod".into(),
        from: Some("v1.0.0".into()),
        to: "v1.1.0".into(),
        gates: None,
        overridden: false,
        reason: Some("faster".into()),
        store: "GTO registry".into(),
        store_id: None,
    }
}

#[tokio::test]
async fn a_promotion_is_one_annotated_tag_with_the_record_as_its_message() {
    let repo = two_versions();
    let gto = repo.open();
    assert!(gto.records_moves());
    let record = note("Ann Lee <ann@example.com>");
    gto.move_alias_noted(
        "m",
        "prod",
        Some(&v("v1.0.0")),
        &v("v1.1.0"),
        &record.message(),
    )
    .await
    .unwrap();
    // N counts the lightweight m#prod#6.
    let cat = repo.cat("m#prod#7");
    assert!(
        cat.starts_with(&format!(
            "object {}\ntype commit\ntag m#prod#7\n",
            repo.commits[1]
        )),
        "{cat}"
    );
    assert!(cat.contains("\ntagger Ann Lee <ann@example.com> "), "{cat}");
    assert!(cat.ends_with(&record.message()), "{cat}");
    let m = gto.model("m").await.unwrap();
    assert_eq!(m.aliases.get("prod"), Some(&v("v1.1.0")));
    assert_eq!(history(&m, &[])[0], record);
}

#[tokio::test]
async fn without_a_record_the_tag_is_gtos_and_the_tagger_the_repositorys() {
    let repo = two_versions();
    repo.open()
        .move_alias("m", "staging", None, &v("v1.1.0"))
        .await
        .unwrap();
    let cat = repo.cat("m#staging#7");
    assert!(
        cat.contains("\ntagger Lab Bot <lab@example.invalid> "),
        "{cat}"
    );
    assert!(
        cat.ends_with("\n\nAssigning stage staging to artifact m version v1.1.0"),
        "{cat}"
    );
}

#[tokio::test]
async fn a_stage_that_moved_is_a_conflict_and_nothing_is_written() {
    let repo = two_versions();
    let gto = repo.open();
    let before = repo.tags();
    let e = gto
        .move_alias("m", "prod", Some(&v("v1.1.0")), &v("v1.1.0"))
        .await
        .unwrap_err();
    assert_eq!(
        e,
        BackendError::Conflict {
            what: "@prod of 'm'".into(),
            expected: "v1.1.0".into(),
            actual: "v1.0.0".into(),
        }
    );
    let e = gto
        .move_alias("m", "prod", None, &v("v1.1.0"))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Conflict { .. }), "{e}");
    // Already there: nothing to write.
    gto.move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.0.0"))
        .await
        .unwrap();
    assert_eq!(repo.tags(), before);
}

#[tokio::test]
async fn the_tag_is_dated_after_the_artifacts_last_event_waiting_for_the_next_second() {
    let repo = two_versions();
    let now = chrono::Utc::now().timestamp();
    repo.tag("m#staging#8", 0, now, "assigned this very second");
    repo.open()
        .move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap();
    assert!(repo.tag_time("m#prod#9") > now);
}

#[tokio::test]
async fn a_tag_dated_in_the_future_is_not_outwaited() {
    let repo = two_versions();
    repo.tag("m#staging#8", 1, ago(-120), "from a clock running ahead");
    let before = repo.tags();
    let e = repo
        .open()
        .move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::InvalidRequest(m) if m.contains("ahead of this machine's clock")),
        "{e}"
    );
    assert_eq!(repo.tags(), before);
}

#[tokio::test]
async fn writes_gto_would_refuse_are_refused_first() {
    let repo = two_versions();
    let gto = repo.open();
    let before = repo.tags();
    let refused = |e: BackendError, says: &str| {
        assert!(
            matches!(&e, BackendError::InvalidRequest(m) | BackendError::NotFound(m) if m.contains(says)),
            "{e}"
        );
    };
    let to = v("v1.1.0");
    let from = Some(v("v1.0.0"));
    refused(
        gto.move_alias("m", "pro d", from.as_ref(), &to)
            .await
            .unwrap_err(),
        "'pro d' is not a GTO stage name",
    );
    refused(
        gto.move_alias("modèle", "prod", None, &to)
            .await
            .unwrap_err(),
        "'modèle' is not a GTO artifact name",
    );
    refused(
        gto.move_alias("m", "prod", from.as_ref(), &v("v9.9.9"))
            .await
            .unwrap_err(),
        "'m' has no version v9.9.9",
    );
    refused(
        gto.move_alias("nope", "prod", None, &to).await.unwrap_err(),
        "no artifact named 'nope'",
    );
    repo.tag("m@v1.1.0!", 1, ago(500), "withdrawn");
    refused(
        gto.move_alias("m", "prod", from.as_ref(), &to)
            .await
            .unwrap_err(),
        "v1.1.0 of 'm' is deregistered",
    );
    std::fs::write(repo.path().join(".gto"), "stages: [dev, prod]\n").unwrap();
    refused(
        gto.move_alias("m", "staging", None, &v("v1.0.0"))
            .await
            .unwrap_err(),
        "stage 'staging' is not allowed by the repository's .gto (stages: dev, prod)",
    );
    std::fs::write(repo.path().join(".gto"), "stages: prod\n").unwrap();
    let e = gto
        .move_alias("m", "prod", from.as_ref(), &to)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::Store(m) if m.contains(".gto': 'stages' should be a list")),
        "{e}"
    );
    let read_only = repo.open_with(GtoSettings {
        read_only: true,
        ..GtoSettings::default()
    });
    let e = read_only
        .move_alias("m", "prod", from.as_ref(), &to)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::ReadOnly(_)), "{e}");
    assert_eq!(repo.tags().len(), before.len() + 1);
}

#[tokio::test]
async fn version_and_run_tags_are_refused_with_the_reason() {
    let repo = two_versions();
    let gto = repo.open();
    let e = gto
        .set_version_tag("m", &v("v1.1.0"), "clearance.event.1", "{}")
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::InvalidRequest(m) if m.contains("has no version tags") && m.contains("message of the git tag")),
        "{e}"
    );
    let e = gto
        .set_run_tag(&RunId::from("0123456789abcdef"), "baseline", "true")
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::InvalidRequest(m) if m.contains("cannot tag runs") && m.contains("mark baselines in the run store")),
        "{e}"
    );
    gto.delete_version_tag("m", &v("v1.1.0"), "k")
        .await
        .unwrap();
    gto.delete_run_tag(&RunId::from("r"), "k").await.unwrap();
}

#[tokio::test]
async fn unassigning_clears_every_assignment_gto_would_fall_back_to() {
    let repo = two_versions();
    repo.tag("m#prod#7", 1, ago(400), "a");
    let gto = repo.open();
    gto.delete_alias_noted("m", "prod", "out of service")
        .await
        .unwrap();
    // v1.1.0's assignment, then v1.0.0's older one, which GTO falls back to.
    assert!(
        repo.cat("m#prod!#8")
            .starts_with(&format!("object {}", repo.commits[1]))
    );
    assert!(
        repo.cat("m#prod!#9")
            .starts_with(&format!("object {}", repo.commits[0]))
    );
    assert!(repo.cat("m#prod!#9").ends_with("\n\nout of service"));
    assert!(repo.tag_time("m#prod!#9") > repo.tag_time("m#prod!#8"));
    let m = gto.model("m").await.unwrap();
    assert_eq!(m.aliases.get("prod"), None);
    let before = repo.tags();
    gto.delete_alias("m", "prod").await.unwrap();
    assert_eq!(repo.tags(), before);
}

#[tokio::test]
async fn a_stage_on_an_unregistered_commit_cannot_be_unassigned() {
    let repo = Repo::new(1);
    repo.tag("m#prod#1", 0, ago(100), "a");
    let e = repo.open().delete_alias("m", "prod").await.unwrap_err();
    assert!(
        matches!(&e, BackendError::InvalidRequest(m) if m.contains("no registered version")),
        "{e}"
    );
    // An assignment there works, and names the version by the commit.
    repo.open()
        .move_alias("m", "dev", None, &VersionId::new(repo.commits[0].clone()))
        .await
        .unwrap();
    assert!(repo.tags().contains("m#dev#2"));
}

/// `origin` (bare), the local clone that promotes, and another clone that promotes too.
fn with_origin() -> (Repo, Repo, Repo) {
    let local = two_versions();
    let origin = Repo::bare();
    let url = origin.path().to_str().unwrap().to_owned();
    local.git(&["remote", "add", "origin", &url]);
    local.git(&["push", "-q", "origin", "main", "--tags"]);
    let other = Repo::new(0);
    other.git(&["fetch", "-q", &url, "refs/tags/*:refs/tags/*"]);
    (local, origin, other)
}

fn remote_tags(origin: &Repo) -> std::collections::BTreeSet<String> {
    origin.tags()
}

#[tokio::test]
async fn a_pushed_tag_reaches_the_remote() {
    let (local, origin, _) = with_origin();
    let gto = local.open_with(GtoSettings {
        push_remote: Some("origin".into()),
        ..GtoSettings::default()
    });
    gto.move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap();
    assert!(remote_tags(&origin).contains("m#prod#7"));
}

/// Another promoter's `m#prod#7` pushed first, on `version`.
async fn race(version: &str) -> (Repo, Repo, Result<(), BackendError>) {
    let (local, origin, other) = with_origin();
    other.git_at(
        ago(30),
        &[
            "tag",
            "-a",
            "m#prod#7",
            "-m",
            "theirs",
            &format!("refs/tags/m@{version}^{{}}"),
        ],
    );
    other.git(&[
        "push",
        "-q",
        origin.path().to_str().unwrap(),
        "refs/tags/m#prod#7",
    ]);
    let gto = local.open_with(GtoSettings {
        push_remote: Some("origin".into()),
        ..GtoSettings::default()
    });
    let result = gto
        .move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await;
    (local, origin, result)
}

#[tokio::test]
async fn a_counter_taken_on_the_remote_is_recomputed_once() {
    // They re-assigned prod to the version holding it: the stage is where we saw it.
    let (local, origin, result) = race("v1.0.0").await;
    result.unwrap();
    let tags = remote_tags(&origin);
    assert!(tags.contains("m#prod#8"), "{tags:?}");
    assert!(local.cat("m#prod#7").ends_with("theirs"));
    assert!(
        local
            .cat("m#prod#8")
            .starts_with(&format!("object {}", local.commits[1]))
    );
}

#[tokio::test]
async fn a_stage_moved_on_the_remote_is_a_conflict_after_the_fetch() {
    let (local, origin, result) = race("v1.1.0").await;
    let e = result.unwrap_err();
    assert!(
        matches!(e, BackendError::Conflict { ref actual, .. } if actual == "v1.1.0"),
        "{e}"
    );
    assert!(local.cat("m#prod#7").ends_with("theirs"));
    assert!(!local.tags().contains("m#prod#8"));
    assert!(!remote_tags(&origin).contains("m#prod#8"));
}

#[tokio::test]
async fn an_unreachable_remote_refuses_before_anything_is_written() {
    let repo = two_versions();
    let before = repo.tags();
    let gto = repo.open_with(GtoSettings {
        push_remote: Some("nowhere".into()),
        ..GtoSettings::default()
    });
    let e = gto
        .move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::Store(m) if m.starts_with("fetching the tags of 'm' from 'nowhere' before writing failed, so nothing was written")),
        "{e}"
    );
    assert_eq!(repo.tags(), before);
}

#[tokio::test]
async fn a_failed_push_leaves_no_local_tag() {
    let (local, origin, _) = with_origin();
    // The remote answers fetches but turns every push down.
    let hook = origin.path().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho protected >&2\nexit 1\n").unwrap();
    let mut perms = std::fs::metadata(&hook).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&hook, perms).unwrap();
    let before = local.tags();
    let gto = local.open_with(GtoSettings {
        push_remote: Some("origin".into()),
        ..GtoSettings::default()
    });
    let e = gto
        .move_alias("m", "prod", Some(&v("v1.0.0")), &v("v1.1.0"))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::Store(m) if m.contains("pushing the tag 'm#prod#7' to 'origin' failed")),
        "{e}"
    );
    assert_eq!(local.tags(), before);
}

#[tokio::test]
async fn a_stage_move_made_while_clearance_waits_for_its_second_is_planned_around() {
    let repo = two_versions();
    // The newest event is a second ahead, so the write waits for the second after it.
    let ahead = chrono::Utc::now().timestamp() + 1;
    repo.tag(
        "m#prod#7",
        1,
        ahead,
        "Assigning stage prod to artifact m version v1.1.0",
    );
    let gto = repo.open();
    let root = repo.root();
    // While it waits, someone else moves prod back to v1.0.0 in that same second.
    let rival = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let out = std::process::Command::new("git")
            .args(["-C"])
            .arg(&root)
            .args(["tag", "-a", "-m", "rollback", "m#prod#9", "HEAD~1"])
            .env("GIT_COMMITTER_DATE", format!("{ahead} +0000"))
            .env("GIT_COMMITTER_NAME", "Rival")
            .env("GIT_COMMITTER_EMAIL", "rival@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    });
    let e = gto
        .move_alias_noted("m", "prod", Some(&v("v1.1.0")), &v("v1.0.0"), "n")
        .await;
    rival.join().unwrap();
    // Read again after the wait, the stage is no longer where the reviewer saw it: refused,
    // and the tag planned before the wait (#8) is not written beside the rival's.
    assert_eq!(
        e,
        Err(BackendError::Conflict {
            what: "@prod of 'm'".into(),
            expected: "v1.1.0".into(),
            actual: "v1.0.0".into(),
        })
    );
    let tags = repo.tags();
    assert!(tags.contains("m#prod#9"), "{tags:?}");
    assert!(!tags.iter().any(|t| t == "m#prod#8"), "{tags:?}");
}

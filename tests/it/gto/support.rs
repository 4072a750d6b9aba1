//! Repositories for the GTO tests, the real `gto` CLI, and the comparisons between what it
//! says and what clearance reads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::DateTime;
use clearance::backends::gto::{DEREGISTERED, Gto, LATEST_TAG};
use clearance::domain::promotion::{AuditEntry, ChangeKind, history};
use clearance::domain::{RegisteredModel, VersionId};
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::support::venv::{bin, dvc_venv};

#[path = "../../../src/backends/gto/tests/repo.rs"]
mod repo;

pub use self::repo::{Repo, ago};

/// What only the tests against the real gto ask of a scratch repository.
impl Repo {
    /// A clone of `from` (tags included), with an identity of its own.
    pub fn clone_of(from: &Path) -> Self {
        let repo = Self::empty("clearance-gto-clone-");
        let out = Command::new("git")
            .args(["clone", "-q"])
            .arg(from)
            .arg(repo.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        repo.configure();
        repo
    }

    pub fn open(&self) -> Gto {
        Gto::open(self.path()).unwrap()
    }

    /// Runs the real `gto` here and answers its stdout; panics with its output on failure.
    pub fn gto(&self, args: &[&str]) -> String {
        gto_in(self.path(), args)
    }

    /// `gto ... --json`, parsed.
    pub fn gto_json(&self, args: &[&str]) -> Value {
        let out = self.gto(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("gto {args:?}: {e}: {out}"))
    }
}

/// The `gto` of the DVC kit.
pub fn gto_program() -> PathBuf {
    let venv = dvc_venv().unwrap_or_else(|e| panic!("{e}"));
    bin(venv, "gto")
}

/// Runs `gto` in `dir`, offline and without emoji.
pub fn gto_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(gto_program())
        .args(args)
        .current_dir(dir)
        // gto 1.10.1 sends no analytics; DVC's and iterative-telemetry's switches are set
        // anyway, in case a plugin of the same venv reads them.
        .env("DVC_NO_ANALYTICS", "1")
        .env("ITERATIVE_DO_NOT_TRACK", "1")
        .env("GTO_EMOJIS", "false")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        out.status.success(),
        "gto {args:?} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn time(v: &Value) -> i64 {
    DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .timestamp()
}

/// `gto show --json` against clearance's models: the same artifacts, the same `latest`,
/// the same holder of every stage column gto prints.
pub async fn same_registry(repo: &Repo) -> Vec<RegisteredModel> {
    let theirs = repo.gto_json(&["show", "--json"]);
    let models = repo.open().models().await.unwrap();
    let columns: Vec<String> = theirs
        .as_object()
        .unwrap()
        .values()
        .next()
        .map(|a| a["stage"].as_object().unwrap().keys().cloned().collect())
        .unwrap_or_default();
    for m in &models {
        for stage in m.aliases.keys() {
            assert!(columns.contains(stage), "gto shows no column for {stage}");
        }
    }
    let ours: serde_json::Map<String, Value> = models
        .iter()
        .map(|m| {
            let stage: serde_json::Map<String, Value> = columns
                .iter()
                .map(|c| (c.clone(), json!(m.aliases.get(c).map(VersionId::as_str))))
                .collect();
            (
                m.name.clone(),
                json!({
                    "version": m.tags.get(LATEST_TAG),
                    "stage": stage,
                    "registered": true,
                    "active": true,
                }),
            )
        })
        .collect();
    assert_eq!(Value::Object(ours), theirs);
    models
}

/// One version as both sides can say it: name, commit, whether active, the stages it holds,
/// and for a registered one when and by whom.
type VersionView = (String, String, bool, Vec<String>, Option<(i64, String)>);

/// `gto show <artifact> --json` against clearance's versions of it.
pub async fn same_versions(repo: &Repo, artifact: &str) {
    let theirs: BTreeSet<VersionView> = repo
        .gto_json(&["show", artifact, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let registered = !v["registrations"].as_array().unwrap().is_empty();
            let mut stages: Vec<String> = v["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["stage"].as_str().unwrap().to_owned())
                .collect();
            stages.sort();
            (
                v["version"].as_str().unwrap().to_owned(),
                v["commit_hexsha"].as_str().unwrap().to_owned(),
                v["is_active"].as_bool().unwrap(),
                stages,
                registered.then(|| {
                    (
                        time(&v["created_at"]),
                        v["author"].as_str().unwrap().to_owned(),
                    )
                }),
            )
        })
        // gto lists a sha-named version once per stage tag on its commit, some with no stage.
        .filter(|v| !v.3.is_empty() || v.4.is_some())
        .collect();
    let m = repo.open().model(artifact).await.unwrap();
    let ours: BTreeSet<VersionView> = m
        .versions
        .iter()
        .filter(|v| v.status != DEREGISTERED)
        .filter(|v| !(v.aliases.is_empty() && v.status == "UNREGISTERED"))
        .map(|v| {
            (
                v.version.to_string(),
                v.run_id.as_ref().unwrap().to_string(),
                true,
                v.aliases.clone(),
                (v.status == "READY").then(|| (v.created.unwrap().timestamp(), v.user.clone())),
            )
        })
        .collect();
    assert_eq!(ours, theirs);
}

/// One stage event as both sides can say it: assignment or unassignment, stage, version,
/// author, and the time in seconds (the tag's, or for a tag clearance wrote the approval time
/// its record carries; clearance moves the second of two entries of one version and one
/// millisecond a millisecond on, so milliseconds are not compared).
type EventView = (&'static str, String, String, String, i64);

/// The assignments and unassignments of `gto history <artifact> --json` against clearance's
/// history of the model.
pub async fn same_history(repo: &Repo, artifact: &str) {
    let mut theirs: Vec<EventView> = repo
        .gto_json(&["history", artifact, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            let event = match e["event"].as_str().unwrap() {
                "assignment" => "assignment",
                "unassignment" => "unassignment",
                _ => return None,
            };
            let at = AuditEntry::from_message(e["message"].as_str().unwrap())
                .map_or_else(|| time(&e["timestamp"]), |r| r.at.timestamp());
            Some((
                event,
                e["stage"].as_str().unwrap().to_owned(),
                e["version"].as_str().unwrap().to_owned(),
                format!(
                    "{} <{}>",
                    e["author"].as_str().unwrap(),
                    e["author_email"].as_str().unwrap()
                ),
                at,
            ))
        })
        .collect();
    let m = repo.open().model(artifact).await.unwrap();
    let mut ours: Vec<EventView> = history(&m, &[])
        .into_iter()
        .filter(|e| {
            !e.reason
                .as_deref()
                .is_some_and(|r| r.contains(" was deregistered ("))
        })
        .map(|e| match e.action {
            ChangeKind::Unassign => (
                "unassignment",
                e.alias.clone(),
                e.from.clone().unwrap(),
                e.by.clone(),
                e.at.timestamp(),
            ),
            _ => (
                "assignment",
                e.alias.clone(),
                e.to.clone(),
                e.by.clone(),
                e.at.timestamp(),
            ),
        })
        .collect();
    theirs.sort();
    ours.sort();
    assert_eq!(ours, theirs);
}

/// All three comparisons, for every artifact clearance lists.
pub async fn same_everywhere(repo: &Repo) -> BTreeMap<String, RegisteredModel> {
    let models = same_registry(repo).await;
    for m in &models {
        same_versions(repo, &m.name).await;
        same_history(repo, &m.name).await;
    }
    models.into_iter().map(|m| (m.name.clone(), m)).collect()
}

/// `gto check-ref --json <tag>`: the event gto reads from a tag clearance wrote.
pub fn check_ref(repo: &Repo, tag: &str) -> Value {
    repo.gto_json(&["check-ref", "--json", tag])
}

/// Waits until the wall clock's second changes (git tags are dated to the second).
pub fn next_second() {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let start = now();
    while now() == start {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

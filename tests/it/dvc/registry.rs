//! `clearance --dvc-repo` with GTO's tags as the registry: what the binary lists, compares,
//! promotes and records is what the real `gto` reads from the same repository.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use clearance::domain::promotion::{AuditEntry, ChangeKind};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use super::expected_runs;
use crate::support::Clearance;
use crate::support::binary::CliOutput;
use crate::support::dvc::{SampleRepo, sample_repo};
use crate::support::tmux::{self, Tmux};

const APPROVER: &str = "Ann Lee <ann@example.com>";

/// A `clearance --dvc-repo <copy>` whose config names the approver (not the repository's
/// git identity, Ada Lovelace, who made every tag so far).
fn clearance(repo: &SampleRepo) -> Clearance {
    let cli = Clearance::dvc(&repo.root);
    std::fs::write(
        cli.home().join("config.toml"),
        format!("user = \"{APPROVER}\"\n"),
    )
    .unwrap();
    cli
}

/// The variables of the real tools (dvc on PATH, sealed git and DVC config).
fn tool_env(repo: &SampleRepo) -> Vec<(&'static str, String)> {
    repo.tool_env()
        .into_iter()
        .map(|(k, v)| (k, v.to_string_lossy().into_owned()))
        .collect()
}

async fn run(cli: &Clearance, repo: &SampleRepo, args: &[&str]) -> CliOutput {
    let env = tool_env(repo);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    cli.run_with_env(args, &env).await
}

fn gto_json(repo: &SampleRepo, args: &[&str]) -> Value {
    let out = repo.gto(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("gto {args:?}: {e}: {out}"))
}

/// `gto show --json`'s stages of churn-model: stage → version.
fn gto_stages(repo: &SampleRepo) -> BTreeMap<String, String> {
    let show = gto_json(repo, &["show", "--json"]);
    show["churn-model"]["stage"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect()
}

fn tags(repo: &SampleRepo) -> BTreeSet<String> {
    repo.git(&["tag", "--list"])
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn models_json_is_what_gto_show_says() {
    let repo = sample_repo();
    let cli = clearance(&repo);
    let out = run(&cli, &repo, &["models", "--json"]).await;
    out.expect_code(0);
    let json = out.json();
    let models = json["models"].as_array().unwrap();
    assert_eq!(models.len(), 1, "{json:#}");
    let m = &models[0];
    assert_eq!(m["name"], "churn-model");

    // Versions and the commits they are (the runs: DVC names a baseline by its commit).
    let theirs = gto_json(&repo, &["show", "churn-model", "--json"]);
    let want: BTreeMap<String, String> = theirs
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_str().unwrap().to_owned(),
                v["commit_hexsha"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let got: BTreeMap<String, String> = m["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_str().unwrap().to_owned(),
                v["run_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let c = &repo.commits;
    assert_eq!(
        want,
        BTreeMap::from([
            ("v1.0.0".to_owned(), c.baseline_a.clone()),
            ("v1.1.0".to_owned(), c.baseline_b.clone()),
        ])
    );

    // Stages: which version holds each, as `gto show` says.
    let mut stages = BTreeMap::new();
    for v in m["versions"].as_array().unwrap() {
        for a in v["aliases"].as_array().unwrap() {
            stages.insert(
                a.as_str().unwrap().to_owned(),
                v["version"].as_str().unwrap().to_owned(),
            );
        }
    }
    assert_eq!(stages, gto_stages(&repo));
    assert_eq!(stages["prod"], "v1.0.0");
    assert_eq!(stages["staging"], "v1.1.0");
}

#[tokio::test]
async fn diff_compares_the_staged_versions_commit_with_prods() {
    let repo = sample_repo();
    let cli = clearance(&repo);
    let (a, b) = (&repo.commits.baseline_a, &repo.commits.baseline_b);
    let out = run(&cli, &repo, &["diff", "churn-model", "--format", "json"]).await;
    out.expect_code(0);
    let json = out.json();
    assert_eq!(
        (
            &json["candidate"]["ref"],
            &json["candidate"]["version"],
            &json["candidate"]["run_id"],
            &json["baseline"]["ref"],
            &json["baseline"]["version"],
            &json["baseline"]["run_id"],
        ),
        (
            &json!("@staging"),
            &json!("v1.1.0"),
            &json!(b),
            &json!("@prod"),
            &json!("v1.0.0"),
            &json!(a),
        )
    );
    // The metrics are the two baseline commits' as `dvc exp show` has them.
    let want = expected_runs(&repo.dvc_exp_show(), b);
    let find = |id: &str| want.iter().find(|e| e.id == id).unwrap();
    let (cand, base) = (find(b), find(a));
    let metrics = json["metrics"].as_array().unwrap();
    assert_eq!(metrics.len(), cand.metrics.len(), "{json:#}");
    let mut moved = 0;
    for m in metrics {
        let name = m["name"].as_str().unwrap();
        let text = |v: &Value| format!("{}", v.as_f64().unwrap());
        assert_eq!(text(&m["candidate"]), cand.metrics[name], "{name}");
        assert_eq!(text(&m["baseline"]), base.metrics[name], "{name}");
        let delta = m["delta"].as_f64().unwrap();
        let expected = m["candidate"].as_f64().unwrap() - m["baseline"].as_f64().unwrap();
        assert!((delta - expected).abs() < 1e-9, "{name}: {delta}");
        if delta != 0.0 {
            moved += 1;
        }
    }
    assert!(moved >= 3, "the two baselines differ:\n{json:#}");
    // epochs 10 → 20 and hidden 64 → 128: the accuracy rose, the loss fell.
    let verdict = |name: &str| {
        metrics.iter().find(|m| m["name"] == name).unwrap()["verdict"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(verdict("test/accuracy"), "improved");
    assert_eq!(verdict("val/loss"), "improved");

    let text = run(&cli, &repo, &["diff", "churn-model"]).await;
    text.expect_code(0);
    assert!(
        text.stdout
            .contains("churn-model: v1.1.0 @staging (candidate) vs v1.0.0 @prod (baseline)"),
        "{}",
        text.stdout
    );
}

/// `--read-only` refuses the promotion before anything is written.
#[tokio::test]
async fn read_only_refuses_the_promotion_and_writes_no_tag() {
    let repo = sample_repo();
    let cli = clearance(&repo);
    let before = tags(&repo);
    let ro = run(
        &cli,
        &repo,
        &[
            "--read-only",
            "promote",
            "churn-model",
            "@staging",
            "--yes",
            "--reason",
            "recall +1.6 points",
        ],
    )
    .await;
    ro.expect_code(1);
    assert!(ro.stderr.contains("read-only"), "{}", ro.stderr);
    assert_eq!(tags(&repo), before);
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");
}

/// `gto check-ref` reads `tag` as prod assigned to v1.1.0 by the approver, and its message
/// holds clearance's record of the approval.
fn assert_assignment_by_the_approver(repo: &SampleRepo, tag: &str) {
    let event = gto_json(repo, &["check-ref", "--json", tag]);
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
            &json!(&repo.commits.baseline_b),
            &json!("Ann Lee"),
            &json!("ann@example.com"),
        )
    );
    let record = AuditEntry::from_message(event["message"].as_str().unwrap())
        .unwrap_or_else(|| panic!("no clearance record in the tag message: {event:#}"));
    assert_eq!(
        (
            record.by.as_str(),
            record.action,
            record.alias.as_str(),
            record.from.as_deref(),
            record.to.as_str(),
            record.reason.as_deref(),
        ),
        (
            APPROVER,
            ChangeKind::Promote,
            "prod",
            Some("v1.0.0"),
            "v1.1.0",
            Some("recall +1.6 points"),
        )
    );
}

#[tokio::test]
async fn promote_writes_a_tag_gto_reads_as_the_approvers_assignment() {
    let repo = sample_repo();
    let cli = clearance(&repo);
    let before = tags(&repo);

    let out = run(
        &cli,
        &repo,
        &[
            "promote",
            "churn-model",
            "@staging",
            "--yes",
            "--reason",
            "recall +1.6 points",
        ],
    )
    .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains(&format!(
            "done: prod: v1.0.0 → v1.1.0 (recorded as {APPROVER})"
        )),
        "{}",
        out.stdout
    );
    let after = tags(&repo);
    let added: Vec<&String> = after.difference(&before).collect();
    assert_eq!(added, ["churn-model#prod#3"]);
    let stages = gto_stages(&repo);
    assert_eq!(stages["prod"], "v1.1.0");
    assert_eq!(stages["staging"], "v1.1.0");

    assert_assignment_by_the_approver(&repo, "churn-model#prod#3");

    // The history: the promotion first, then gto's two assignments; once each (the tag is
    // the record, nothing is kept twice).
    let history = run(&cli, &repo, &["history", "churn-model", "--json"]).await;
    history.expect_code(0);
    let h = history.json();
    assert_eq!(h["aliases"], json!({"prod": "v1.1.0", "staging": "v1.1.0"}));
    let events = h["events"].as_array().unwrap();
    let rows: Vec<(&str, &str, Option<&str>, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["alias"].as_str().unwrap(),
                e["from"].as_str(),
                e["to"].as_str().unwrap(),
                e["by"].as_str().unwrap(),
            )
        })
        .collect();
    let ada = "Ada Lovelace <ada@example.com>";
    assert_eq!(
        rows,
        [
            ("promote", "prod", Some("v1.0.0"), "v1.1.0", APPROVER),
            ("promote", "staging", None, "v1.1.0", ada),
            ("promote", "prod", None, "v1.0.0", ada),
        ]
    );
    assert_eq!(events[0]["reason"], "recall +1.6 points");

    // Promoting again: prod is on v1.1.0 already; nothing to write.
    let again = run(
        &cli,
        &repo,
        &["promote", "churn-model", "@staging", "--yes"],
    )
    .await;
    again.expect_code(0);
    assert!(
        again.stdout.contains("already points at v1.1.0"),
        "{}",
        again.stdout
    );
    assert_eq!(tags(&repo), after);
}

fn tmux_env(cli: &Clearance, repo: &SampleRepo) -> Vec<(&'static str, PathBuf)> {
    let mut env = cli.sealed_env();
    env.extend(
        repo.tool_env()
            .into_iter()
            .map(|(k, v)| (k, PathBuf::from(v))),
    );
    env
}

/// The stage moves (by someone running gto) while the person reads the plan: confirming
/// then is refused, and clearance writes no tag.
#[tokio::test]
async fn promote_is_refused_when_prod_moved_since_the_plan() {
    if !tmux::available("dvc promote conflict") {
        return;
    }
    let repo = sample_repo();
    let cli = clearance(&repo);
    let root = repo.root.to_string_lossy().into_owned();
    let t = Tmux::start(
        Path::new(env!("CARGO_BIN_EXE_clearance")),
        &["--dvc-repo", &root, "promote", "churn-model", "@staging"],
        &tmux_env(&cli, &repo),
        cli.home(),
        (120, 40),
    );
    t.wait_for(&[
        "plan: prod: v1.0.0 → v1.1.0",
        "Type 'churn-model' to confirm",
    ]);
    // Meanwhile, with gto: prod taken off v1.0.0.
    repo.gto(&["deprecate", "churn-model", "v1.0.0", "prod"]);
    let before = tags(&repo);
    assert!(before.contains("churn-model#prod!#3"), "{before:?}");
    t.type_text("churn-model");
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["changed since you looked"]);
    assert!(screen.contains("@prod of 'churn-model'"), "{screen}");
    assert!(screen.contains("it was v1.0.0"), "{screen}");
    assert_eq!(t.wait_exit(), 1, "{}", t.screen());
    assert_eq!(tags(&repo), before);
    // The stage stays as gto left it.
    assert_eq!(gto_stages(&repo).get("prod"), None);
}

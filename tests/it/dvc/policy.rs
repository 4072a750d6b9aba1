//! The promotion policy on a GTO registry, through the binary (`clearance --dvc-repo`): a
//! refusal naming the rule, a request approved by two people and then moved, self-approval
//! refused, and the freeze switch and a freeze window with a rollback still allowed. The
//! requests, approvals and the switch are git tags beside GTO's; the real `gto` reads the
//! registry the same with them there.
//!
//! No critical-alert case here: alerts come from monitoring runs tagged with the model, and
//! DVC experiments carry no such tags, so no alert can fire for a GTO model.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::support::Clearance;
use crate::support::binary::CliOutput;
use crate::support::dvc::{SampleRepo, sample_repo};

/// `clearance --dvc-repo` as `user`, with `extra` config; its audit log in its home.
fn config(cli: &Clearance, user: &str, extra: &str) {
    let log = cli.home().join("audit.jsonl");
    std::fs::write(
        cli.home().join("config.toml"),
        format!(
            "user = \"{user}\"\n\n[promotion]\naudit_log = \"{}\"\n\n{extra}",
            log.display()
        ),
    )
    .unwrap();
}

async fn run(cli: &Clearance, repo: &SampleRepo, args: &[&str]) -> CliOutput {
    let env: Vec<(&str, String)> = repo
        .tool_env()
        .into_iter()
        .map(|(k, v)| (k, v.to_string_lossy().into_owned()))
        .collect();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    cli.run_with_env(args, &env).await
}

/// `gto show --json`'s stages of churn-model: stage → version.
fn gto_stages(repo: &SampleRepo) -> BTreeMap<String, String> {
    let show: Value = serde_json::from_str(&repo.gto(&["show", "--json"])).unwrap();
    show["churn-model"]["stage"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect()
}

fn clearance_tags(repo: &SampleRepo) -> Vec<String> {
    repo.git(&["tag", "--list", "clearance/*"])
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The tags of `version` of churn-model, as `models --json` says.
async fn version_tags(cli: &Clearance, repo: &SampleRepo, version: &str) -> Value {
    let out = run(cli, repo, &["models", "--json"]).await;
    out.expect_code(0);
    let models = out.json();
    let m = models["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "churn-model")
        .unwrap()
        .clone();
    m["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["version"] == version)
        .unwrap()["tags"]
        .clone()
}

const TWO_APPROVALS: &str = "[[policy.rules]]\nalias = \"prod\"\nmovers = [\"group:leads\"]\n\
                             approvals = 2\n\n[policy.groups]\nleads = [\"alice\"]\n";

/// `clearance` as `who` under the rules in `extra`.
async fn as_(
    cli: &Clearance,
    repo: &SampleRepo,
    who: &str,
    extra: &str,
    args: &[&str],
) -> CliOutput {
    config(cli, who, extra);
    run(cli, repo, args).await
}

#[track_caller]
fn says(text: &str, want: &str) {
    assert!(text.contains(want), "wanted {want:?} in:\n{text}");
}

const STAGED: [&str; 2] = ["churn-model", "@staging"];

#[tokio::test]
async fn on_gto_a_refusal_names_the_rule_and_a_request_is_a_tag_the_requester_cannot_approve() {
    let repo = sample_repo();
    let cli = Clearance::dvc(&repo.root);
    // Carol is no lead: her promotion is refused, naming the rules.
    let out = as_(
        &cli,
        &repo,
        "carol",
        TWO_APPROVALS,
        &["promote", STAGED[0], STAGED[1], "--yes"],
    )
    .await;
    out.expect_code(1);
    says(
        &out.stderr,
        "refused by policy: who may move: carol may request this move but not make it: @prod \
         of churn-model is moved by group:leads; approvals: 0 of 2 approvals",
    );
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");
    assert!(clearance_tags(&repo).is_empty());

    // She asks instead: the request is a tag in the repository, read back on the version.
    let out = run(
        &cli,
        &repo,
        &[
            "request",
            STAGED[0],
            STAGED[1],
            "--reason",
            "recall +1.6 points",
        ],
    )
    .await;
    out.expect_code(0);
    says(
        &out.stdout,
        "requested: churn-model v1.1.0 → @prod by carol, open until ",
    );
    let tags = clearance_tags(&repo);
    assert_eq!(tags.len(), 1, "{tags:?}");
    says(
        &tags[0],
        "clearance/churn-model/v1.1.0/clearance.request.prod/",
    );
    let request = &version_tags(&cli, &repo, "v1.1.0").await["clearance.request.prod"];
    let request: Value = serde_json::from_str(request.as_str().unwrap()).unwrap();
    assert_eq!(
        (&request["requester"], &request["reason"], &request["from"]),
        (
            &json!("carol"),
            &json!("recall +1.6 points"),
            &json!("v1.0.0")
        )
    );
    // gto reads the registry as before, the request tag beside its own.
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");

    // Her own approval never counts.
    let out = run(&cli, &repo, &["approve", STAGED[0], STAGED[1], "--yes"]).await;
    out.expect_code(1);
    says(
        &out.stderr,
        "carol asked for this move, and a self-approval never counts",
    );
}

#[tokio::test]
async fn on_gto_a_request_collects_two_approvals_and_the_last_approver_moves() {
    let repo = sample_repo();
    let cli = Clearance::dvc(&repo.root);
    let ask = ["request", STAGED[0], STAGED[1], "--reason", "recall"];
    as_(&cli, &repo, "carol", TWO_APPROVALS, &ask)
        .await
        .expect_code(0);
    let approve = ["approve", STAGED[0], STAGED[1], "--yes"];

    // Bob approves: one of two, nothing moves.
    let out = as_(&cli, &repo, "bob", TWO_APPROVALS, &approve).await;
    out.expect_code(0);
    says(&out.stdout, "1 of 2 approvals (bob)");
    says(&out.stdout, "the move waits");
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");

    // Alice approves second and, as a lead, her confirmation makes the move.
    let out = as_(&cli, &repo, "alice", TWO_APPROVALS, &approve).await;
    out.expect_code(0);
    says(&out.stdout, "2 of 2 approvals (bob, alice)");
    says(&out.stdout, "done: prod: v1.0.0 → v1.1.0");
    assert_eq!(gto_stages(&repo)["prod"], "v1.1.0");
    // The fulfilled request is gone from the version (removed by a tag saying so).
    let tags = version_tags(&cli, &repo, "v1.1.0").await;
    assert!(
        !tags.as_object().unwrap().keys().any(|k| {
            k.starts_with("clearance.request.") || k.starts_with("clearance.approval.")
        }),
        "{tags}"
    );
}

#[tokio::test]
async fn on_gto_the_freeze_switch_holds_production_but_not_a_rollback() {
    let repo = sample_repo();
    let cli = Clearance::dvc(&repo.root);
    // v1.1.0 takes prod first, so a rollback has somewhere to go.
    as_(
        &cli,
        &repo,
        "alice",
        "",
        &["promote", STAGED[0], STAGED[1], "--yes"],
    )
    .await
    .expect_code(0);
    let freeze = [
        "freeze",
        "on",
        "--model",
        "churn-*",
        "--reason",
        "incident 42",
    ];
    let out = as_(&cli, &repo, "oncall", "", &freeze).await;
    out.expect_code(0);
    says(&out.stdout, "frozen: churn-model (by oncall): incident 42");
    let tags = clearance_tags(&repo);
    assert_eq!(tags.len(), 1, "{tags:?}");
    says(&tags[0], "clearance/churn-model/_model/clearance.freeze/");

    // Alice, in the next process, finds production frozen (`policy check` judges the
    // production stage by default, as `promote` does); a rollback still goes through.
    let out = as_(
        &cli,
        &repo,
        "alice",
        "",
        &["policy", "check", "churn-model", "v1.0.0"],
    )
    .await;
    out.expect_code(1);
    says(&out.stdout, "churn-model v1.0.0 → @prod, moved by alice");
    let out = run(&cli, &repo, &["promote", "churn-model", "v1.0.0", "--yes"]).await;
    out.expect_code(1);
    says(&out.stderr, "freeze switch: frozen by oncall since ");
    says(&out.stderr, ": incident 42");
    assert_eq!(gto_stages(&repo)["prod"], "v1.1.0");
    run(&cli, &repo, &["rollback", "churn-model", "--yes"])
        .await
        .expect_code(0);
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");
    run(&cli, &repo, &["freeze", "off"]).await.expect_code(0);
    run(&cli, &repo, &["promote", STAGED[0], STAGED[1], "--yes"])
        .await
        .expect_code(0);

    // The freeze was for `churn-*`: asking the audit about churn-model lists it.
    let audit = ["audit", "--since", "2000-01-01", "--model", "churn-model"];
    let out = run(&cli, &repo, &audit).await;
    out.expect_code(0);
    let kinds: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .filter(|k| k.starts_with("freeze"))
        .collect();
    assert_eq!(kinds, ["freeze_on", "freeze_off"], "{}", out.stdout);
}

#[tokio::test]
async fn on_gto_a_freeze_window_holds_production_unless_overridden() {
    let repo = sample_repo();
    let cli = Clearance::dvc(&repo.root);
    // A window covering now; windows hold the freeze's aliases, so GTO's `prod` is named.
    let now = chrono::Utc::now();
    let at = |t: chrono::DateTime<chrono::Utc>| t.format("%a %H:%M").to_string();
    let window = format!(
        "[policy.freeze]\naliases = [\"prod\"]\n[[policy.freeze.windows]]\nname = \"release\"\n\
         from = \"{}\"\nto = \"{}\"\ntz = \"UTC\"\n",
        at(now - chrono::Duration::hours(1)),
        at(now + chrono::Duration::hours(1)),
    );
    let out = as_(
        &cli,
        &repo,
        "alice",
        &window,
        &["promote", STAGED[0], STAGED[1], "--yes"],
    )
    .await;
    out.expect_code(1);
    says(
        &out.stderr,
        "freeze window: inside the freeze window release",
    );
    assert_eq!(gto_stages(&repo)["prod"], "v1.0.0");
    let with_reason = [
        "promote",
        STAGED[0],
        STAGED[1],
        "--yes",
        "--override-reason",
        "the fix for incident 42",
    ];
    run(&cli, &repo, &with_reason).await.expect_code(0);
    assert_eq!(gto_stages(&repo)["prod"], "v1.1.0");
}

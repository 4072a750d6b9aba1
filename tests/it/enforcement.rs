//! The promotion policy enforced on the write paths, against a real server through the real
//! binary: a move the policy does not allow is refused naming the unmet rule (exit 1) and the
//! refusal is recorded; the freeze switch lives in the store; a critical alert freezes
//! promotions but not a rollback.

use serde_json::Value;

use crate::support::{self, Clearance, Seeder};

const DAY: i64 = 86_400_000;
/// 2026-11-01T00:00:00Z.
const T0: i64 = 1_793_491_200_000;

/// v1 @production (auc 0.95), v2 (0.951), v3 (0.952); with `drifting`, a monitoring series
/// for the model whose psi breaches for the last three windows.
pub(crate) async fn model(seed: &Seeder, name: &str, drifting: bool) {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.951, 0.952].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("{name}-run{}", i + 1))
                .start_time(T0 + i as i64 * 60_000)
                .tag("mlflow.user", "carol")
                .metric("val_auc", auc)
                .finished()
                .await,
        );
    }
    let m = seed.model(name).await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).await;
    seed.version(&m, &runs[2]).await;
    if drifting {
        let mon = seed.experiment(&format!("{name}-mon")).await;
        let mut run = seed
            .run(&mon)
            .name(&format!("monitor {name}@production"))
            .start_time(T0)
            .tag("monitoring.model", name)
            .tag("monitoring.alias", "production");
        for (w, v) in [0.05, 0.3, 0.31, 0.32].into_iter().enumerate() {
            run = run.metric_point("psi_score", w as i64, T0 + w as i64 * DAY, v);
        }
        run.await;
    }
}

pub(crate) fn config(cli: &Clearance, user: &str, extra: &str) {
    let log = cli.home().join("audit.jsonl");
    std::fs::write(
        cli.home().join("config.toml"),
        format!(
            "user = \"{user}\"\n\n[promotion]\naudit_log = \"{}\"\n\n[[metrics]]\nname = \
             \"val_auc\"\ntolerance = 0.01\ngate = true\n\n{extra}",
            log.display()
        ),
    )
    .unwrap();
}

/// The policy events the log holds, in order.
fn events(cli: &Clearance) -> Vec<Value> {
    std::fs::read_to_string(cli.home().join("audit.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v.get("event").is_some())
        .collect()
}

async fn production(cli: &Clearance, model: &str) -> String {
    let out = cli.run(&["models", "--json"]).await;
    out.expect_code(0);
    support::holders(&out.json(), model, "production").join(",")
}

const LEADS: &str = "[[policy.rules]]\nalias = \"production\"\nmovers = [\"group:leads\"]\n\n\
                     [policy.groups]\nleads = [\"alice\"]\n";

#[tokio::test]
async fn a_move_the_policy_does_not_allow_is_refused_naming_the_rule_and_recorded() {
    let server = support::shared();
    model(&server.seed(), "enf-movers", false).await;
    let cli = Clearance::new(server.url());

    // Bob is no lead: promote and rollback are refused, nothing moves.
    config(&cli, "bob", LEADS);
    let out = cli
        .run(&["promote", "enf-movers", "2", "--yes", "--json"])
        .await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(
            "refused by policy: who may move: bob may request this move but not make \
             it: @production of enf-movers is moved by group:leads; nothing changed"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.json()["result"], "refused");
    assert_eq!(production(&cli, "enf-movers").await, "1");
    let refused = events(&cli);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["event"], "refused");
    assert_eq!(refused[0]["by"], "bob");
    assert_eq!(refused[0]["to"], "2");
    assert_eq!(refused[0]["rule"], "* @production");
    assert_eq!(refused[0]["checks"][0]["kind"], "mover");
    assert_eq!(refused[0]["checks"][0]["state"], "unmet");

    // Alice is: the move is made, and its checklist recorded beside it.
    config(&cli, "alice", LEADS);
    cli.run(&["promote", "enf-movers", "2", "--yes"])
        .await
        .expect_code(0);
    assert_eq!(production(&cli, "enf-movers").await, "2");
    let all = events(&cli);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[1]["event"], "allowed");
    assert_eq!(all[1]["checks"][0]["state"], "met");

    // Bob's rollback is a move of production too.
    config(&cli, "bob", LEADS);
    let out = cli.run(&["rollback", "enf-movers", "--yes"]).await;
    out.expect_code(1);
    assert!(out.stderr.contains("who may move: bob"), "{}", out.stderr);
    assert_eq!(production(&cli, "enf-movers").await, "2");

    // Staging is governed by no rule: anyone moves it, as before policy.
    cli.run(&["promote", "enf-movers", "3", "--to", "staging", "--yes"])
        .await
        .expect_code(0);
}

/// A dry run judges the policy as the move would be judged: the checklist, and exit 1 when
/// it would refuse; nothing is written or recorded.
#[tokio::test]
async fn a_dry_run_prints_the_policys_checklist_and_fails_when_it_would_refuse() {
    let server = support::shared();
    model(&server.seed(), "enf-dry", false).await;
    let cli = Clearance::new(server.url());

    config(&cli, "bob", LEADS);
    let out = cli.run(&["promote", "enf-dry", "2", "--dry-run"]).await;
    out.expect_code(1);
    assert!(
        out.stdout
            .contains("enf-dry v2 → @production, moved by bob")
            && out.stdout.contains("✗ who may move")
            && out
                .stdout
                .contains("not allowed: 1 point of the policy unmet"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("refused by policy: who may move: bob may request this move but not make it")
            && out
                .stderr
                .contains("a move would be refused (dry run: nothing changed)"),
        "{}",
        out.stderr
    );
    let json = cli
        .run(&["promote", "enf-dry", "2", "--dry-run", "--json"])
        .await;
    json.expect_code(1);
    assert_eq!(json.json()["result"], "refused");
    // A rollback's dry run is judged alike (bob may not move production back either).
    config(&cli, "alice", LEADS);
    cli.run(&["promote", "enf-dry", "2", "--yes"])
        .await
        .expect_code(0);
    config(&cli, "bob", LEADS);
    cli.run(&["rollback", "enf-dry", "--dry-run"])
        .await
        .expect_code(1);
    assert_eq!(production(&cli, "enf-dry").await, "2");
    // Nothing was recorded by the dry runs: only alice's move.
    let kinds: Vec<String> = events(&cli)
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["allowed"]);

    // Alice may: the checklist passes and the dry run ends as before.
    config(&cli, "alice", LEADS);
    let out = cli.run(&["promote", "enf-dry", "3", "--dry-run"]).await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("✓ who may move") && out.stdout.contains("dry run: nothing changed"),
        "{}",
        out.stdout
    );
    assert_eq!(production(&cli, "enf-dry").await, "2");
}

#[tokio::test]
async fn the_freeze_switch_is_kept_in_the_store_and_an_override_needs_a_reason() {
    let server = support::shared();
    model(&server.seed(), "enf-switch", false).await;
    let cli = Clearance::new(server.url());
    // No [policy] at all: the switch alone freezes production.
    config(&cli, "oncall", "");
    let out = cli.run(&["freeze", "on", "--model", "enf-switch"]).await;
    out.expect_code(2);
    assert!(out.stderr.contains("needs --reason"), "{}", out.stderr);
    cli.run(&[
        "freeze",
        "on",
        "--model",
        "enf-sw*",
        "--reason",
        "incident 42",
    ])
    .await
    .expect_code(0);
    // It is a tag on the registered model: the next process (another person) reads it.
    config(&cli, "alice", "");
    let out = cli.run(&["promote", "enf-switch", "2", "--yes"]).await;
    out.expect_code(1);
    assert!(
        out.stderr
            .contains("freeze switch: frozen by oncall since ")
            && out.stderr.contains(": incident 42"),
        "{}",
        out.stderr
    );
    // Staging is not held back by freezes.
    cli.run(&["promote", "enf-switch", "2", "--to", "staging", "--yes"])
        .await
        .expect_code(0);
    // An override with a reason passes it, and is recorded.
    cli.run(&[
        "promote",
        "enf-switch",
        "2",
        "--yes",
        "--override-reason",
        "the fix for incident 42",
    ])
    .await
    .expect_code(0);
    assert_eq!(production(&cli, "enf-switch").await, "2");
    let all = events(&cli);
    let last = all.last().unwrap();
    assert_eq!(last["event"], "allowed");
    assert_eq!(last["reason"], "the fix for incident 42");
    assert_eq!(last["checks"][0]["kind"], "freeze_switch");
    assert_eq!(last["checks"][0]["state"], "overridden");
    // Going back is not held back: on-call freezes to stop new versions, not to keep a bad one.
    let before = production(&cli, "enf-switch").await;
    cli.run(&[
        "promote",
        "enf-switch",
        "3",
        "--yes",
        "--override-reason",
        "canary",
    ])
    .await
    .expect_code(0);
    cli.run(&["rollback", "enf-switch", "--yes"])
        .await
        .expect_code(0);
    assert_eq!(production(&cli, "enf-switch").await, before);
    let all = events(&cli);
    let last = all.last().unwrap();
    assert_eq!(last["checks"][0]["kind"], "freeze_switch");
    assert_eq!(last["checks"][0]["state"], "met", "{last}");

    // Read-only cannot thaw it; thawing lets moves through again.
    let out = cli
        .run(&["--read-only", "freeze", "off", "--model", "enf-switch"])
        .await;
    out.expect_code(1);
    cli.run(&["freeze", "off", "--model", "enf-switch"])
        .await
        .expect_code(0);
    cli.run(&["promote", "enf-switch", "3", "--yes"])
        .await
        .expect_code(0);
    let kinds: Vec<String> = events(&cli)
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "freeze_on",
            "refused",
            "allowed",
            "allowed",
            "allowed",
            "freeze_off"
        ],
        "a move under no policy records no policy event"
    );
}

#[tokio::test]
async fn a_critical_alert_freezes_promotions_but_a_rollback_goes_through() {
    let server = support::shared();
    model(&server.seed(), "enf-alert", true).await;
    let cli = Clearance::new(server.url());
    let alerts = "[[alerts]]\nname = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\nfor = 3\n\
                  severity = \"critical\"\n\n[monitoring]\nexperiments = [\"enf-alert-mon\"]\n\n";
    // Before the freeze is configured, v2 takes production (so a rollback has somewhere to go).
    config(&cli, "alice", alerts);
    cli.run(&["promote", "enf-alert", "2", "--yes"])
        .await
        .expect_code(0);

    let freeze = format!(
        "{alerts}[policy.freeze]\non_critical_alert = true\noverride_needs_second = true\n"
    );
    config(&cli, "alice", &freeze);
    let out = cli.run(&["promote", "enf-alert", "3", "--yes"]).await;
    out.expect_code(1);
    assert!(
        out.stderr
            .contains("critical alerts: critical alert firing for enf-alert: drift"),
        "{}",
        out.stderr
    );
    // An override needs a second person here, someone other than the mover.
    let out = cli
        .run(&[
            "promote",
            "enf-alert",
            "3",
            "--yes",
            "--override-reason",
            "hotfix",
            "--override-second",
            "alice",
        ])
        .await;
    out.expect_code(1);
    assert!(
        out.stderr
            .contains("the second person must be someone other than the mover"),
        "{}",
        out.stderr
    );
    assert_eq!(production(&cli, "enf-alert").await, "2");

    // The rollback is allowed while the alert fires.
    cli.run(&["rollback", "enf-alert", "--yes"])
        .await
        .expect_code(0);
    assert_eq!(production(&cli, "enf-alert").await, "1");
    let last = events(&cli).pop().unwrap();
    assert_eq!(last["event"], "allowed");
    assert_eq!(last["checks"][0]["kind"], "critical_alert");
    assert_eq!(last["checks"][0]["state"], "met");
}

/// The version tags of `version` of `model`.
async fn version_tags(cli: &Clearance, model: &str, version: &str) -> Value {
    let out = cli.run(&["models", "--json"]).await;
    out.expect_code(0);
    let models = out.json();
    let m = models["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == model)
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

const TWO_APPROVALS: &str = "[[policy.rules]]\nalias = \"production\"\nmovers = \
                             [\"group:leads\"]\napprovals = 2\n\n[policy.groups]\nleads = \
                             [\"alice\"]\n";

#[tokio::test]
async fn a_request_collects_two_distinct_approvals_and_the_last_approver_moves() {
    let server = support::shared();
    model(&server.seed(), "enf-request", false).await;
    let cli = Clearance::new(server.url());

    // Dave asks; the request is kept on the version, with the gates then.
    config(&cli, "dave", TWO_APPROVALS);
    let out = cli
        .run(&["request", "enf-request", "2", "--reason", "better auc"])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout
            .starts_with("requested: enf-request v2 → @production by dave, open until "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("0 of 2 approvals"), "{}", out.stdout);
    let tags = version_tags(&cli, "enf-request", "2").await;
    let request: Value =
        serde_json::from_str(tags["clearance.request.production"].as_str().unwrap()).unwrap();
    assert_eq!(request["requester"], "dave");
    assert_eq!(request["reason"], "better auc");
    assert_eq!(request["from"], "1");
    assert_eq!(request["gates"]["passed"], true);

    // Neither the requester nor the run's author (carol) may approve.
    for who in ["dave", "Carol"] {
        config(&cli, who, TWO_APPROVALS);
        let out = cli.run(&["approve", "enf-request", "2", "--yes"]).await;
        out.expect_code(1);
        assert!(
            out.stderr.contains("refused by policy: approvals: ")
                && out.stderr.contains("a self-approval never counts"),
            "{}",
            out.stderr
        );
    }

    // Alice leads, but cannot move it yet: the rule asks for two approvals.
    config(&cli, "alice", TWO_APPROVALS);
    let out = cli.run(&["promote", "enf-request", "2", "--yes"]).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(
            "refused by policy: approvals: 0 of 2 approvals; 2 more from someone other than \
             the requester and the run's author"
        ),
        "{}",
        out.stderr
    );

    // Bob approves: one of two, nothing moves.
    config(&cli, "bob", TWO_APPROVALS);
    let out = cli.run(&["approve", "enf-request", "2", "--yes"]).await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("1 of 2 approvals (bob)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("the move waits"), "{}", out.stdout);
    assert_eq!(production(&cli, "enf-request").await, "1");

    // Alice approves second, and her confirmation makes the move.
    config(&cli, "alice", TWO_APPROVALS);
    let out = cli.run(&["approve", "enf-request", "2", "--yes"]).await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("2 of 2 approvals (bob, alice)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("done: production: v1 → v2"),
        "{}",
        out.stdout
    );
    assert_eq!(production(&cli, "enf-request").await, "2");
    // The fulfilled request is gone from the version; the move's record stays.
    let tags = version_tags(&cli, "enf-request", "2").await;
    let keys: Vec<&String> = tags.as_object().unwrap().keys().collect();
    assert!(
        !keys
            .iter()
            .any(|k| k.starts_with("clearance.request.") || k.starts_with("clearance.approval.")),
        "{keys:?}"
    );
    assert_eq!(tags["clearance.reason"], "better auc");
    let kinds: Vec<String> = events(&cli)
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "requested",
            "refused",
            "refused",
            "refused",
            "approved",
            "approved",
            "allowed"
        ]
    );
}

#[tokio::test]
async fn only_the_requester_withdraws_and_a_withdrawn_request_cannot_be_approved() {
    let server = support::shared();
    model(&server.seed(), "enf-withdraw", false).await;
    let cli = Clearance::new(server.url());
    config(&cli, "dave", TWO_APPROVALS);
    cli.run(&["request", "enf-withdraw", "3", "--reason", "try v3"])
        .await
        .expect_code(0);
    config(&cli, "bob", TWO_APPROVALS);
    let out = cli
        .run(&["request", "enf-withdraw", "3", "--withdraw"])
        .await;
    out.expect_code(1);
    assert!(
        out.stderr
            .contains("only dave who asked for it may withdraw"),
        "{}",
        out.stderr
    );
    config(&cli, "dave", TWO_APPROVALS);
    cli.run(&["request", "enf-withdraw", "3", "--withdraw"])
        .await
        .expect_code(0);
    config(&cli, "bob", TWO_APPROVALS);
    let out = cli.run(&["approve", "enf-withdraw", "3"]).await;
    out.expect_code(1);
    assert!(
        out.stderr
            .contains("no open request to move @production of 'enf-withdraw' to v3"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn the_audit_trail_exports_moves_requests_refusals_and_outside_moves_and_validates() {
    let server = support::shared();
    model(&server.seed(), "enf-audit", false).await;
    // Signed in with credentials in the URL: no row may carry them.
    let url = server
        .url()
        .replacen("http://", "http://auditor:s3cret-pw@", 1);
    let cli = Clearance::new(&url);
    config(&cli, "bob", LEADS);

    outside_move_is_flagged(&cli).await;

    // A refusal, a move under the policy, a freeze, and Dave's open request.
    cli.run(&["promote", "enf-audit", "2", "--yes"])
        .await
        .expect_code(1);
    config(&cli, "alice", LEADS);
    cli.run(&[
        "promote",
        "enf-audit",
        "2",
        "--yes",
        "--reason",
        "quarterly",
    ])
    .await
    .expect_code(0);
    cli.run(&[
        "freeze",
        "on",
        "--model",
        "enf-audit",
        "--reason",
        "audit week",
    ])
    .await
    .expect_code(0);
    cli.run(&["freeze", "off", "--model", "enf-audit"])
        .await
        .expect_code(0);
    config(&cli, "dave", LEADS);
    cli.run(&["request", "enf-audit", "3", "--reason", "try v3"])
        .await
        .expect_code(0);

    let schema = cli.run(&["schema", "audit"]).await;
    schema.expect_code(0);
    let validator = jsonschema::validator_for(&schema.json()).unwrap();
    let out = cli
        .run(&[
            "audit",
            "--since",
            "2026-01-01",
            "--model",
            "enf-*",
            "--format",
            "jsonl",
        ])
        .await;
    out.expect_code(0);
    assert!(!out.stdout.contains("s3cret"), "{}", out.stdout);
    let rows: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|r: &Value| r["model"] == "enf-audit")
        .collect();
    for r in &rows {
        let errors: Vec<String> = validator.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{r:#}");
    }
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["refused", "promote", "freeze_on", "freeze_off", "requested"],
        "{}",
        out.stdout
    );
    assert_eq!(rows[0]["by"], "bob");
    assert_eq!(rows[0]["policy"]["rule"], "* @production");
    assert_eq!(rows[1]["by"], "alice");
    assert_eq!(rows[1]["reason"], "quarterly");
    assert_eq!(rows[1]["policy"]["checks"][0]["state"], "met");
    assert_eq!(rows[4]["by"], "dave");
    assert!(
        rows[1]["store"]
            .as_str()
            .unwrap()
            .starts_with("MLflow at http://127.0.0.1")
    );

    people_formats(&cli).await;
    let out = cli.run(&["audit", "--since", "yesterday"]).await;
    out.expect_code(2);
}

/// v1 took @production outside clearance (the seed set it): flagged, time unknown.
async fn outside_move_is_flagged(cli: &Clearance) {
    let out = cli
        .run(&["audit", "--since", "2026-01-01", "--model", "enf-audit"])
        .await;
    out.expect_code(0);
    let rows: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{}", out.stdout);
    assert_eq!(rows[0]["kind"], "outside_move");
    assert_eq!(rows[0]["at"], Value::Null);
    assert_eq!(rows[0]["to"], "1");
    let history = cli.run(&["history", "enf-audit"]).await;
    history.expect_code(0);
    assert!(
        history
            .stdout
            .contains("@production v1: moved outside clearance, time unknown"),
        "{}",
        history.stdout
    );
}

/// The same rows for people.
async fn people_formats(cli: &Clearance) {
    let csv = cli
        .run(&[
            "audit",
            "--since",
            "2026-01-01",
            "--model",
            "enf-audit",
            "--format",
            "csv",
        ])
        .await;
    csv.expect_code(0);
    assert!(
        csv.stdout
            .starts_with("kind,at,by,model,alias,from,to,gates,overridden,reason,policy,store\n")
    );
    assert_eq!(csv.stdout.lines().count(), 6, "{}", csv.stdout);
    let md = cli
        .run(&[
            "audit",
            "--since",
            "2026-01-01",
            "--model",
            "enf-audit",
            "--format",
            "md",
        ])
        .await;
    md.expect_code(0);
    assert!(md.stdout.contains("| promote | "), "{}", md.stdout);
}

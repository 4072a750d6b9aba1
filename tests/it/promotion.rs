//! Promotion against a real server through the real binary: the alias, the tags, the local
//! log; idempotence, rollback, gates and overrides, races, dry runs, read-only, undo.

use clearance::domain::promotion::{AliasPlan, AuditEntry, ChangeKind, EVENT_TAG_PREFIX};
use clearance::domain::{RegisteredModel, VersionId};
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::{self, Clearance, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

/// Gates: `val_auc` may not drop more than 0.002, latency not rise more than 5 %.
const GATES: &str = "[[metrics]]\nname = \"val_auc\"\ntolerance = 0.002\ngate = true\n\
                     [[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n";

/// `name`: v1 @production (auc 0.95, 38 ms), v2 @staging (0.957, 39 ms: passes),
/// v3 (0.961, 47 ms: fails latency).
async fn model(seed: &Seeder, name: &str) {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut versions = Vec::new();
    for (i, (auc, latency)) in [(0.95, 38.0), (0.957, 39.0), (0.961, 47.0)]
        .into_iter()
        .enumerate()
    {
        let run = seed
            .run(&exp)
            .name(&format!("{name}-run{}", i + 1))
            .start_time(T0 + i as i64 * 60_000)
            .metric("val_auc", auc)
            .metric("latency_p95_ms", latency)
            .finished()
            .await;
        versions.push(run);
    }
    let m = seed.model(name).await;
    seed.version(&m, &versions[0]).alias("production").await;
    seed.version(&m, &versions[1]).alias("staging").await;
    seed.version(&m, &versions[2]).await;
}

async fn state(name: &str) -> RegisteredModel {
    support::shared().client().model(name).await.unwrap()
}

fn alias(m: &RegisteredModel, a: &str) -> Option<String> {
    m.aliases.get(a).map(|v| v.as_str().to_owned())
}

fn events(m: &RegisteredModel) -> Vec<AuditEntry> {
    let mut out: Vec<AuditEntry> = m
        .versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with(EVENT_TAG_PREFIX))
        .map(|(_, v)| serde_json::from_str(v).unwrap())
        .collect();
    out.sort_by_key(|e| e.at);
    out
}

fn log(cli: &Clearance) -> Vec<AuditEntry> {
    let text = std::fs::read_to_string(cli.home().join("data/audit.jsonl")).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn cli_with_user(uri: &str) -> Clearance {
    let cli = Clearance::new(uri);
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n",
    )
    .unwrap();
    cli
}

#[tokio::test]
async fn promote_records_everywhere_and_a_repeat_changes_nothing() {
    let server = support::shared();
    model(&server.seed(), "promo-basic").await;
    let cli = cli_with_user(server.url());
    let out = cli
        .run(&[
            "promote",
            "promo-basic",
            "@staging",
            "--yes",
            "--reason",
            "weekly retrain",
        ])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout
            .contains("plan: production: v1 → v2 of 'promo-basic'"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("done: production: v1 → v2 (recorded as Ann Lee <ann@example.com>)\n"),
        "{}",
        out.stdout
    );
    let m = state("promo-basic").await;
    assert_eq!(alias(&m, "production").as_deref(), Some("2"));
    assert_eq!(
        alias(&m, "staging").as_deref(),
        Some("2"),
        "staging stays where it was"
    );
    let recorded = events(&m);
    assert_eq!(recorded.len(), 1);
    let e = &recorded[0];
    assert_eq!(
        (
            e.action,
            e.by.as_str(),
            e.from.as_deref(),
            e.to.as_str(),
            e.reason.as_deref()
        ),
        (
            ChangeKind::Promote,
            "Ann Lee <ann@example.com>",
            Some("1"),
            "2",
            Some("weekly retrain")
        )
    );
    assert!(e.gates.is_none(), "no gates configured");
    let v2 = m.version(&VersionId::from("2")).unwrap();
    assert_eq!(
        v2.tags["clearance.promoted_by"],
        "Ann Lee <ann@example.com>"
    );
    assert_eq!(v2.tags["clearance.promoted_from"], "v1");
    assert_eq!(v2.tags["clearance.reason"], "weekly retrain");
    assert_eq!(log(&cli), recorded, "the local log holds the same entry");

    let again = cli.run(&["promote", "promo-basic", "2", "--yes"]).await;
    again.expect_code(0);
    assert_eq!(
        again.stdout,
        "nothing to do: @production of 'promo-basic' already points at v2\n"
    );
    assert_eq!(
        events(&state("promo-basic").await).len(),
        1,
        "nothing new recorded"
    );
}

#[tokio::test]
async fn rollback_returns_to_the_previous_version_and_history_tells_the_story() {
    let server = support::shared();
    model(&server.seed(), "promo-rollback").await;
    let cli = cli_with_user(server.url());
    cli.run(&["rollback", "promo-rollback", "--yes"])
        .await
        .expect_code(1);
    cli.run(&["promote", "promo-rollback", "@staging", "--yes"])
        .await
        .expect_code(0);
    let back = cli
        .run(&[
            "rollback",
            "promo-rollback",
            "--yes",
            "--reason",
            "p95 alarms",
        ])
        .await;
    back.expect_code(0);
    assert!(
        back.stdout.contains("done: production: v2 → v1"),
        "{}",
        back.stdout
    );
    assert_eq!(
        alias(&state("promo-rollback").await, "production").as_deref(),
        Some("1")
    );

    let h = cli.run(&["history", "promo-rollback", "--json"]).await;
    h.expect_code(0);
    let h: Value = h.json();
    let story: Vec<(String, String, String)> = h["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["from"].as_str().unwrap().to_owned(),
                e["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        story,
        [
            ("rollback".to_owned(), "2".to_owned(), "1".to_owned()),
            ("promote".to_owned(), "1".to_owned(), "2".to_owned()),
        ]
    );
    assert_eq!(h["aliases"]["production"], "1");
    let table = cli.run(&["history", "promo-rollback"]).await;
    table.expect_code(0);
    assert!(
        table
            .stdout
            .starts_with("promo-rollback: @production v1, @staging v2\n"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("p95 alarms"));
}

#[tokio::test]
async fn failing_gates_refuse_and_an_override_with_a_reason_is_recorded() {
    let server = support::shared();
    model(&server.seed(), "promo-gates").await;
    let cli = cli_with_user(server.url());
    let config = cli.write_config("gates.toml", &format!("user = \"Ann\"\n{GATES}"));
    let config = config.to_str().unwrap();

    let refused = cli
        .run(&["promote", "promo-gates", "3", "--yes", "--config", config])
        .await;
    refused.expect_code(1);
    assert!(
        refused.stdout.contains("✗") || refused.stdout.contains("FAIL"),
        "the table shows the failure:\n{}",
        refused.stdout
    );
    assert!(
        refused
            .stderr
            .starts_with("refused: gates fail (1 of 2 gates fail"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        alias(&state("promo-gates").await, "production").as_deref(),
        Some("1")
    );

    let no_reason = cli
        .run(&[
            "promote",
            "promo-gates",
            "3",
            "--yes",
            "--override-gates",
            "--config",
            config,
        ])
        .await;
    no_reason.expect_code(2);
    assert_eq!(
        no_reason.stderr,
        "error: --override-gates needs --reason TEXT\n"
    );

    let forced = cli
        .run(&[
            "promote",
            "promo-gates",
            "3",
            "--yes",
            "--override-gates",
            "--reason",
            "latency budget raised to 50 ms",
            "--config",
            config,
        ])
        .await;
    forced.expect_code(0);
    let m = state("promo-gates").await;
    assert_eq!(alias(&m, "production").as_deref(), Some("3"));
    let e = events(&m).pop().unwrap();
    assert!(e.overridden);
    assert_eq!(e.reason.as_deref(), Some("latency budget raised to 50 ms"));
    let gates = e.gates.unwrap();
    assert!(!gates.passed);
    assert_eq!(gates.failed.len(), 1);
    assert!(
        gates.failed[0].starts_with("latency_p95_ms: regressed by 9 (+23.7%)"),
        "{:?}",
        gates.failed
    );
}

/// A rollback moves the alias to a version like a promotion does, so it is gated alike: the
/// target against what holds the alias now. A second rollback (which moves production
/// forward again) is no way around a failing gate.
#[tokio::test]
async fn rollbacks_are_gated_like_promotions_and_a_second_rollback_is_no_way_around_them() {
    let server = support::shared();
    model(&server.seed(), "promo-redo").await;
    let cli = cli_with_user(server.url());
    let config = cli.write_config("gates.toml", &format!("user = \"Ann\"\n{GATES}"));
    let config = config.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--config", config];
        args.extend_from_slice(extra);
        args.iter()
            .map(|a| (*a).to_owned())
            .collect::<Vec<String>>()
    };
    let go = |args: Vec<String>| {
        let cli = &cli;
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            cli.run(&args).await
        }
    };
    let production = || async { alias(&state("promo-redo").await, "production") };
    go(run(&[
        "promote",
        "promo-redo",
        "3",
        "--yes",
        "--override-gates",
        "--reason",
        "latency budget raised",
    ]))
    .await
    .expect_code(0);
    // Back to v1, whose val_auc is 0.011 below v3's.
    let refused = go(run(&["rollback", "promo-redo", "--yes"])).await;
    refused.expect_code(1);
    assert!(
        refused
            .stderr
            .starts_with("refused: gates fail (1 of 2 gates fail")
            && refused.stderr.contains("val_auc"),
        "{}",
        refused.stderr
    );
    assert_eq!(production().await.as_deref(), Some("3"));
    go(run(&[
        "rollback",
        "promo-redo",
        "--yes",
        "--override-gates",
    ]))
    .await
    .expect_code(2);
    let back = go(run(&[
        "rollback",
        "promo-redo",
        "--yes",
        "--override-gates",
        "--reason",
        "p95 alarms",
    ]))
    .await;
    back.expect_code(0);
    assert_eq!(production().await.as_deref(), Some("1"));
    let e = events(&state("promo-redo").await).pop().unwrap();
    assert_eq!(
        (e.action, e.overridden, e.reason.as_deref()),
        (ChangeKind::Rollback, true, Some("p95 alarms"))
    );
    assert!(!e.gates.unwrap().passed);
    // The second rollback would move production forward to v3 again, whose latency fails.
    let redo = go(run(&["rollback", "promo-redo", "--yes"])).await;
    redo.expect_code(1);
    assert!(
        redo.stdout.contains("plan: production: v1 → v3") && redo.stderr.contains("latency_p95_ms"),
        "{}\n{}",
        redo.stdout,
        redo.stderr
    );
    assert_eq!(production().await.as_deref(), Some("1"));
    assert_eq!(events(&state("promo-redo").await).len(), 2);
}

#[tokio::test]
async fn dry_runs_and_read_only_change_nothing() {
    let server = support::shared();
    model(&server.seed(), "promo-dry").await;
    let cli = cli_with_user(server.url());
    let dry = cli
        .run(&["promote", "promo-dry", "@staging", "--dry-run"])
        .await;
    dry.expect_code(0);
    assert!(
        dry.stdout.contains("plan: production: v1 → v2")
            && dry.stdout.ends_with("dry run: nothing changed\n")
    );
    let ro = cli
        .run(&["--read-only", "promote", "promo-dry", "@staging", "--yes"])
        .await;
    ro.expect_code(1);
    assert!(
        ro.stderr
            .starts_with("refused: promote changes the store, and clearance is read-only")
    );
    let ro_config = cli.write_config("ro.toml", "read_only = true\n");
    let ro2 = cli
        .run(&[
            "rollback",
            "promo-dry",
            "--yes",
            "--config",
            ro_config.to_str().unwrap(),
        ])
        .await;
    ro2.expect_code(1);
    let m = state("promo-dry").await;
    assert_eq!(alias(&m, "production").as_deref(), Some("1"));
    assert!(events(&m).is_empty());
    assert!(log(&cli).is_empty());
}

#[tokio::test]
async fn a_change_made_meanwhile_is_never_clobbered() {
    let server = support::shared();
    let seed = server.seed();
    model(&seed, "promo-race").await;
    let backend = clearance::connect::open(
        &clearance::connect::Target::Server(server.url().parse().unwrap()),
        &clearance::config::Config::defaults(),
    )
    .unwrap();
    // The reviewer saw production on v1 and staging on v2...
    let plan = AliasPlan {
        kind: ChangeKind::Promote,
        model: "promo-race".into(),
        alias: "production".into(),
        from: Some("1".into()),
        to: "2".into(),
        candidate_alias: Some("staging".into()),
    };
    // ...and before they confirm, CI moves production to v3.
    seed.post(
        "registered-models/alias",
        &serde_json::json!({"name": "promo-race", "alias": "production", "version": "3"}),
    )
    .await;
    let approval = clearance::domain::change::Approval {
        by: "Ann".into(),
        at: chrono::Utc::now(),
        gates: None,
        override_gates: false,
        reason: None,
    };
    let err = clearance::ops::promote::execute(
        &backend,
        &plan,
        &approval,
        &clearance::ops::policy::Enforcement::direct(&clearance::config::Config::defaults()),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "refused, nothing changed: @production of 'promo-race' changed since you looked: it was v1, it is now v3"
    );
    let m = state("promo-race").await;
    assert_eq!(alias(&m, "production").as_deref(), Some("3"));
    assert!(events(&m).is_empty());
}

#[tokio::test]
async fn when_the_record_cannot_be_written_the_move_is_undone() {
    let server = support::shared();
    model(&server.seed(), "promo-undo").await;
    let cli = cli_with_user(server.url());
    // MLflow refuses version tag values over 100,000 characters: the audit record fails.
    let reason = "x".repeat(120_000);
    let out = cli
        .run(&[
            "promote",
            "promo-undo",
            "@staging",
            "--yes",
            "--reason",
            &reason,
        ])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr
            .contains("so it was undone: @production of 'promo-undo' is v1 again"),
        "{}",
        out.stderr
    );
    let m = state("promo-undo").await;
    assert_eq!(alias(&m, "production").as_deref(), Some("1"));
    assert!(events(&m).is_empty());
}

#[tokio::test]
async fn moving_a_baseline_retags_and_records_it() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("promo-baseline").await;
    let old = seed
        .run(&exp)
        .name("old-base")
        .start_time(T0)
        .tag("baseline", "true")
        .metric("loss", 0.3)
        .finished()
        .await;
    let new = seed
        .run(&exp)
        .name("new-base")
        .start_time(T0 - 60_000)
        .metric("loss", 0.2)
        .finished()
        .await;
    let cli = cli_with_user(server.url());
    let out = cli.run(&["baseline", &new.id, "--yes"]).await;
    out.expect_code(0);
    assert!(
        out.stdout
            .contains("plan: baseline of promo-baseline: old-base → new-base"),
        "{}",
        out.stdout
    );
    let runs = cli
        .run(&["runs", "--experiment", "promo-baseline", "--json"])
        .await;
    let flags: Vec<(String, bool)> = runs.json()["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["baseline"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("old-base".to_owned(), false),
            ("new-base".to_owned(), true)
        ]
    );
    let tags = &runs.json()["runs"][1]["tags"];
    assert_eq!(tags["clearance.baseline_by"], "Ann Lee <ann@example.com>");
    assert!(
        runs.json()["runs"][0]["tags"].get("baseline").is_none(),
        "the old baseline lost its tag"
    );
    let logged = log(&cli);
    assert_eq!(logged.len(), 1);
    assert_eq!(
        (logged[0].from.as_deref(), logged[0].to.as_str()),
        (Some(old.id.as_str()), new.id.as_str())
    );
    cli.run(&["baseline", &new.id, "--yes"])
        .await
        .expect_code(0);
    assert_eq!(log(&cli).len(), 1, "a repeat records nothing");
}

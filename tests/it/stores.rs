//! Which store a record belongs to, and what a store is called: a store's history and
//! rollbacks never use another store's records, the demo's records go with `--demo --reset`,
//! and a password in a tracking URI reaches no output, log, screen or registry write.

use std::path::{Path, PathBuf};

use clearance::domain::promotion::EVENT_TAG_PREFIX;
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance, Seeder};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

/// `name`: v1 @production, v2 @staging (better on `val_auc`, no gates).
async fn model(seed: &Seeder, name: &str) {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let m = seed.model(name).await;
    for (i, auc) in [0.95, 0.957].into_iter().enumerate() {
        let run = seed
            .run(&exp)
            .name(&format!("{name}-run{}", i + 1))
            .start_time(T0 + i as i64 * 60_000)
            .metric("val_auc", auc)
            .finished()
            .await;
        let alias = if i == 0 { "production" } else { "staging" };
        seed.version(&m, &run).alias(alias).await;
    }
}

/// A command runner for `target` whose audit log is `log` (shared between stores, as one
/// person's log is).
fn runner(target: &[&str], log: &Path) -> Clearance {
    let cli = Clearance::with_target(target);
    std::fs::write(
        cli.home().join("config.toml"),
        format!(
            "user = \"Ann Lee <ann@example.com>\"\n[promotion]\naudit_log = \"{}\"\n",
            log.display()
        ),
    )
    .unwrap();
    cli
}

fn clearance_events(history: &Value) -> Vec<Value> {
    history["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["by"].as_str().is_some_and(|b| b.starts_with("Ann Lee")))
        .cloned()
        .collect()
}

/// A production server and a staging server with a model of the same name, one audit log:
/// the staging server's history and rollback know nothing of the production server's move.
#[tokio::test]
async fn a_servers_history_and_rollback_use_only_its_own_records() {
    let prod = support::shared();
    let staging = tokio::task::spawn_blocking(support::start_fresh)
        .await
        .unwrap();
    let name = "twin-model";
    model(&prod.seed(), name).await;
    model(&staging.seed(), name).await;
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("audit.jsonl");
    let on_prod = runner(&["--tracking-uri", prod.url()], &log);
    let on_staging = runner(&["--tracking-uri", staging.url()], &log);

    on_prod
        .run(&["promote", name, "2", "--yes"])
        .await
        .expect_code(0);
    let here = on_prod.run(&["history", name, "--json"]).await;
    assert_eq!(clearance_events(&here.expect_code(0).json()).len(), 1);

    let there = on_staging.run(&["history", name, "--json"]).await;
    assert_eq!(
        clearance_events(&there.expect_code(0).json()),
        Vec::<Value>::new(),
        "the staging server shows the production server's move"
    );
    // Production of staging where the production server's record leads (v1 → v2), so that a
    // record taken from the wrong store would offer v1.
    staging
        .seed()
        .post(
            "registered-models/alias",
            &serde_json::json!({"name": name, "alias": "production", "version": "2"}),
        )
        .await;
    let back = on_staging
        .run(&["rollback", name, "--dry-run", "--yes"])
        .await;
    back.expect_code(1);
    assert!(
        back.stderr.contains("no record of what @production"),
        "a rollback on the staging server must not use the production server's record:\n{}",
        back.stderr
    );
    // The record says where it was made, for people and for filing.
    let line = std::fs::read_to_string(&log).unwrap();
    let entry: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(entry["store"], format!("MLflow at {}", prod.url()));
    assert_eq!(entry["store_id"], format!("mlflow:{}", prod.url()));
    drop(staging);
}

fn demo_copy(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    std::fs::create_dir_all(&db).unwrap();
    let db = db.join("mlflow.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo.db"),
        &db,
    )
    .unwrap();
    db
}

/// Two copies of the demo store side by side: a move in one is not the other's history.
#[tokio::test]
async fn a_copy_of_a_store_does_not_inherit_the_others_local_records() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let a = demo_copy(dir.path(), "a");
    let b = demo_copy(dir.path(), "b");
    let on_a = runner(&["--tracking-uri", &a.to_string_lossy()], &log);
    let on_b = runner(&["--tracking-uri", &b.to_string_lossy()], &log);
    on_a.run(&["promote", "churn-model", "3", "--yes"])
        .await
        .expect_code(0);
    let mine = on_a.run(&["history", "churn-model", "--json"]).await;
    assert_eq!(clearance_events(&mine.expect_code(0).json()).len(), 1);
    let theirs = on_b.run(&["history", "churn-model", "--json"]).await;
    assert_eq!(
        clearance_events(&theirs.expect_code(0).json()),
        Vec::<Value>::new()
    );
    // Through another spelling of the same file, it is the same store.
    let dotted = dir.path().join("a/./mlflow.db");
    let same = runner(&["--tracking-uri", &dotted.to_string_lossy()], &log);
    let again = same.run(&["history", "churn-model", "--json"]).await;
    assert_eq!(clearance_events(&again.expect_code(0).json()).len(), 1);
}

/// The demo keeps its records to itself, and `--reset` takes them away with its store.
#[tokio::test]
async fn demo_reset_clears_the_demos_records() {
    let cli = Clearance::with_target(&["--demo"]);
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n",
    )
    .unwrap();
    cli.run(&["promote", "churn-model", "3", "--yes"])
        .await
        .expect_code(0);
    let before = cli.run(&["history", "churn-model", "--json"]).await;
    assert_eq!(clearance_events(&before.expect_code(0).json()).len(), 1);
    assert!(
        !cli.home().join("data/audit.jsonl").exists(),
        "a demo move landed in the person's own audit log"
    );
    let after = cli
        .run(&["--reset", "history", "churn-model", "--json"])
        .await;
    assert_eq!(
        clearance_events(&after.expect_code(0).json()),
        Vec::<Value>::new(),
        "--reset leaves the demo's old records behind"
    );
    // What is left is the shipped history (v1 → v2 by its own records), not Ann's move.
    let back = cli.run(&["rollback", "churn-model", "--dry-run"]).await;
    back.expect_code(1);
    assert!(
        back.stdout.contains("production: v2 → v1"),
        "{}",
        back.stdout
    );
}

/// The shipped demo explains its aliases with clearance's records, all but one that was
/// moved by hand: `audit` lists that one as the only outside move.
#[tokio::test]
async fn the_demo_records_its_moves_but_one() {
    let cli = Clearance::with_target(&["--demo"]);
    let out = cli
        .run(&["audit", "--since", "2026-01-01", "--format", "jsonl"])
        .await;
    let rows: Vec<Value> = out
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let outside: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["kind"] == "outside_move")
        .map(|r| (r["model"].as_str().unwrap(), r["alias"].as_str().unwrap()))
        .collect();
    assert_eq!(outside, [("churn-model", "challenger")]);
    assert_eq!(rows.iter().filter(|r| r["kind"] == "promote").count(), 10);
}

/// A distinctive password, for searching everything clearance writes.
const SECRET: &str = "Zq9xSecretPw";

fn with_password(url: &str) -> String {
    url.replacen("http://", &format!("http://alice:{SECRET}@"), 1)
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(SECRET),
        "the password shows in {what}:\n{text}"
    );
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Every command over a URI with a password, then everything it wrote: stdout, stderr, the
/// log, the audit log, the version tags in the shared registry, and the screen of the TUI.
#[tokio::test]
async fn a_password_in_the_tracking_uri_appears_nowhere() {
    let server = support::shared();
    let name = "secret-model";
    model(&server.seed(), name).await;
    let uri = with_password(server.url());
    // The store is named in each command, so that one home collects everything written.
    let cli = Clearance::with_target(&[]);
    std::fs::write(
        cli.home().join("config.toml"),
        format!("user = \"Ann Lee <ann@example.com>\"\n[runs]\nexperiments = [\"{name}-exp\"]\n"),
    )
    .unwrap();
    let dead = with_password(&format!("http://127.0.0.1:{}", support::closed_port()));
    let log_env = [("CLEARANCE_LOG", "clearance=debug")];
    let u = uri.as_str();
    let runs: &[&[&str]] = &[
        &["--tracking-uri", u, "runs", "--json"],
        &["--tracking-uri", u, "runs"],
        &["--tracking-uri", u, "models", "--json"],
        &["--tracking-uri", u, "models"],
        &["--tracking-uri", u, "diff", name],
        &["--tracking-uri", u, "diff", name, "--format", "md"],
        &["--tracking-uri", u, "promote", name, "2", "--yes"],
        &["--tracking-uri", u, "history", name],
        &["--tracking-uri", u, "history", name, "--json"],
        &["--tracking-uri", u, "rollback", name, "--dry-run"],
        &["--tracking-uri", u, "diff", "no-such-model"],
        &["--tracking-uri", &dead, "models"],
        &["--tracking-uri", u, "--dvc-repo", ".", "models"],
        &[
            "--tracking-uri",
            "ftp://alice:Zq9xSecretPw@host/x",
            "models",
        ],
        &["--tracking-uri", "http://alice:Zq9xSecretPw@[::1", "models"],
    ];
    for args in runs {
        let out = cli.run_with_env(args, &log_env).await;
        assert_clean(&format!("the stdout of {args:?}"), &out.stdout);
        assert_clean(&format!("the stderr of {args:?}"), &out.stderr);
    }
    // clap shows an argument's environment variable in --help, with its value.
    for args in [&["--help"][..], &["runs", "--help"][..]] {
        let help = cli.run_with_env(args, &[("MLFLOW_TRACKING_URI", u)]).await;
        assert_clean("--help with the URI in MLFLOW_TRACKING_URI", &help.stdout);
    }

    let m = server.client().model(name).await.unwrap();
    assert_eq!(
        m.aliases.get("production").map(|v| v.as_str().to_owned()),
        Some("2".to_owned()),
        "the promotion went through"
    );
    let events: Vec<&String> = m
        .versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with("clearance."))
        .map(|(_, v)| v)
        .collect();
    assert!(
        m.versions
            .iter()
            .flat_map(|v| v.tags.keys())
            .any(|k| k.starts_with(EVENT_TAG_PREFIX)),
        "the record is on the version"
    );
    for v in events {
        assert_clean("a version tag in the registry", v);
    }
    for file in files_under(cli.home()) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert_clean(&file.display().to_string(), &text);
    }

    if !tmux::available("secret e2e") {
        return;
    }
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", &uri],
        &cli.sealed_env(),
        cli.home(),
        (120, 30),
    );
    let screen = t.wait_for(&[&format!("MLflow at {}", server.url()), "secret-model-run2"]);
    assert_clean("the Runs screen", &screen);
    t.keys(&["2"]);
    // The shared server holds many models: the list opens on the first of them.
    let screen = t.wait_for(&["Models (", "@production"]);
    assert_clean("the Models screen", &screen);
    t.keys(&["H"]);
    let screen = t.wait_for(&["History of"]);
    assert_clean("the History view", &screen);
    t.keys(&["Escape", "q"]);
    assert_eq!(t.wait_exit(), 0);
}

//! End to end: the real binary in tmux on the sample DVC repository, driven from the keyboard,
//! its promotion checked with the real `gto`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Clearance;
use crate::support::dvc::sample_repo;
use crate::support::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

#[tokio::test]
async fn a_reviewer_approves_the_staged_gto_version_from_the_keyboard() {
    if !tmux::available("dvc tui e2e") {
        return;
    }
    let repo = sample_repo();
    let cli = Clearance::dvc(&repo.root);
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n",
    )
    .unwrap();
    let mut env = cli.sealed_env();
    env.extend(
        repo.tool_env()
            .into_iter()
            .map(|(k, v)| (k, PathBuf::from(v))),
    );
    let root = repo.root.to_string_lossy().into_owned();
    let b = &repo.commits.baseline_b;
    let t = Tmux::start(
        Path::new(BIN),
        &["--dvc-repo", &root],
        &env,
        cli.home(),
        (120, 40),
    );

    // The HEAD commit's experiments, against their baseline commit.
    let screen = t.wait_for(&[
        &format!("main @ {}", &b[..7]),
        "exp-dropout-ß",
        "exp-diverge",
        "◆ baseline main",
    ]);
    let dropout = screen
        .lines()
        .find(|l| l.contains("exp-dropout-ß"))
        .unwrap();
    assert!(
        dropout.contains('%') && (dropout.contains('▼') || dropout.contains('▲')),
        "exp-dropout-ß's metrics against the baseline's:\n{screen}"
    );
    let main = screen.lines().find(|l| l.contains("◆ main")).unwrap();
    assert!(!main.contains('%'), "the baseline has no delta:\n{screen}");
    // Narrow, then back.
    t.resize(60, 15);
    t.wait_for(&["exp-dropout-ß", "val/loss ↓", "? help"]);
    t.resize(120, 40);
    t.wait_for(&["exp-dropout-ß", "test/accuracy ↑"]);

    t.keys(&["2"]);
    let screen = t.wait_for(&["churn-model 2 versions · @prod v1.0.0", "v1.1.0  @staging"]);
    assert!(
        !screen.contains("clearance.event"),
        "the detail pane leaves audit records to the history:\n{screen}"
    );
    // The staged version is selected; approve it.
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve churn-model v1.1.0 for @prod",
        "prod: v1.0.0 → v1.1.0",
        "recorded as Ann Lee <ann@example.com>",
        "Type 'churn-model' to confirm",
    ]);
    t.keys(&["Enter"]);
    t.wait_for(&["Not confirmed"]);
    t.type_text("churn-model");
    t.keys(&["Enter"]);
    t.wait_for(&["Done: prod: v1.0.0 → v1.1.0 (recorded as Ann Lee <ann@example.com>)"]);
    t.keys(&["Enter"]);
    t.wait_for(&["churn-model 2 versions · @prod v1.1.0", "@prod @staging"]);

    // The real gto reads the move.
    let show: Value = serde_json::from_str(&repo.gto(&["show", "--json"])).unwrap();
    assert_eq!(show["churn-model"]["stage"]["prod"], "v1.1.0", "{show:#}");
    let event: Value =
        serde_json::from_str(&repo.gto(&["check-ref", "--json", "churn-model#prod#3"])).unwrap();
    assert_eq!(
        (&event["event"], &event["version"], &event["author"]),
        (
            &Value::from("assignment"),
            &Value::from("v1.1.0"),
            &Value::from("Ann Lee")
        ),
        "{event:#}"
    );

    // The history shows who did it.
    t.keys(&["H"]);
    t.wait_for(&["History of churn-model", "prod: v1.0.0 → v1.1.0", "Ann Lee"]);
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

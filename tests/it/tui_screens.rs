//! End to end, the real binary in tmux against a real server: the Models tab says at a glance
//! which gate the staged version fails.

use std::path::Path;

use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

#[tokio::test]
async fn the_models_tab_shows_the_staged_versions_failing_gate() {
    if !tmux::available("tui e2e") {
        return;
    }
    // A server of its own: on the shared one, other tests' models fill the list.
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    let seed = server.seed();
    let exp = seed.experiment("tui-gates").await;
    let prod = seed
        .run(&exp)
        .name("prod-run")
        .start_time(T0)
        .metric("val_auc", 0.951)
        .metric("val_f1", 0.79)
        .metric("latency_p95_ms", 38.2)
        .finished()
        .await;
    let cand = seed
        .run(&exp)
        .name("sweep-2026-11-12/t4-lr0.03-d10")
        .start_time(T0 + 60_000)
        .metric("val_auc", 0.963)
        .metric("val_f1", 0.81)
        .metric("latency_p95_ms", 47.1)
        .finished()
        .await;
    let m = seed.model("tui-gates-fraud").await;
    seed.version(&m, &prod).alias("production").await;
    seed.version(&m, &cand).alias("staging").await;

    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        r#"[runs]
experiments = ["tui-gates"]

[[metrics]]
name = "val_*"
better = "higher"
tolerance = 0.002
gate = true

[[metrics]]
name = "latency_p95_ms"
better = "lower"
tolerance_pct = 5
gate = true
"#,
    )
    .unwrap();
    let env = cli.sealed_env();
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (140, 40),
    );
    t.wait_for(&["t4-lr0.03-d10"]);
    t.keys(&["2"]);
    let screen = t.wait_for(&["tui-gates-fraud 2 versions", "Gates", "✗ 1/3"]);
    let v2 = screen.lines().find(|l| l.contains("│v2 ")).unwrap();
    assert!(
        v2.contains("✗ 1/3"),
        "v2 fails one of three gates:\n{screen}"
    );
    assert!(v2.contains("47.1 ▼+23.3%"), "{screen}");
    let header = screen.lines().find(|l| l.contains("Gates")).unwrap();
    assert!(
        header.find("latency_p95_ms").unwrap() < header.find("val_auc").unwrap(),
        "the failing metric comes first:\n{screen}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

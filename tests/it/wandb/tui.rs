//! The TUI on a W&B project, in tmux: the runs with their baseline and sparklines, the
//! registry's versions, and an approval from the keyboard that moves the alias, as for MLflow.

use std::path::{Path, PathBuf};

use super::standin::{KEY, StandIn};
use crate::support::Clearance;
use crate::support::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

#[tokio::test]
async fn review_and_promote_from_the_keyboard() {
    if !tmux::available("W&B tui e2e") {
        return;
    }
    let w = StandIn::start();
    let cli = Clearance::with_target(&[]);
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n",
    )
    .unwrap();
    let mut env = cli.sealed_env();
    env.push(("WANDB_API_KEY", PathBuf::from(KEY)));
    let t = Tmux::start(
        Path::new(BIN),
        &["--wandb", "lab/churn", "--wandb-base-url", w.url()],
        &env,
        cli.home(),
        (120, 30),
    );
    let runs = t.wait_for(&[
        "W&B lab/churn",
        "◆ baseline-ünï 基线",
        "diverged-lr5",
        "NaN !",
    ]);
    assert!(runs.contains("tagged baseline=true"), "{runs}");
    t.keys(&["2"]);
    t.wait_for(&["churn-model", "@staging", "@production"]);
    // The staging version is selected; approve it.
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve churn-model v1 for @production",
        "production: v0 → v1",
    ]);
    t.type_text("churn-model");
    t.keys(&["Enter"]);
    let done = t.wait_for(&["Done: production: v0 → v1 (recorded as Ann Lee <ann@example.com>)"]);
    assert!(!done.contains(KEY));
    assert_eq!(
        w.state().await["collections"]["lab/churn/churn-model"]["production"],
        "v1"
    );
    t.keys(&["Enter", "q"]);
    assert_eq!(t.wait_exit(), 0);
}

//! End to end in tmux: the real binary, the real MLflow server and the GitLab stand-in. A
//! reviewer approves a staged model by merge request, sees the MR in the Changes tab and on
//! the version, opens its detail with the pipeline's jobs by stage; the alias does not move, and the stand-in holds one branch, one commit
//! pinning the version, and one labelled merge request.

use std::path::{Path, PathBuf};

use clearance::domain::VersionId;
use clearance::store::ModelRegistry as _;

use super::standin::{StandIn, TOKEN};
use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// `tui-gitlab`: v1 @production (auc 0.95), v2 @staging (auc 0.957).
async fn seed_model(seed: &crate::support::Seeder) {
    let exp = seed.experiment("tui-gitlab").await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.957].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("gitlab-run{}", i + 1))
                .metric("val_auc", auc)
                .finished()
                .await,
        );
    }
    let m = seed.model("tui-gitlab").await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).alias("staging").await;
}

/// CI runs on the MR's head: a pipeline with an evaluate and a deploy stage.
async fn seed_pipeline(gitlab: &StandIn) {
    gitlab
        .seed_head_pipeline(serde_json::json!([
            {"name": "model-eval", "status": "success", "stage": "evaluate", "duration": 42.5},
            {"name": "deploy-gate", "status": "manual", "stage": "deploy"},
        ]))
        .await;
}

/// Enter on the listed MR opens its detail: its pin and its jobs by stage; esc goes back.
fn the_detail_shows_the_jobs_by_stage(t: &Tmux) {
    t.keys(&["Enter"]);
    t.wait_for(&[
        "MR !1",
        "pins tui-gitlab v2",
        "pipeline #",
        "evaluate",
        "model-eval",
        "42s",
        "deploy-gate",
        "manual",
    ]);
    t.keys(&["Escape"]);
    t.wait_gone("model-eval");
    t.wait_for(&["1 promoting"]);
}

#[tokio::test]
async fn a_reviewer_promotes_by_merge_request_and_follows_it_in_the_changes_tab() {
    if !tmux::available("tui gitlab e2e") {
        return;
    }
    let server = tokio::task::spawn_blocking(support::start_fresh)
        .await
        .unwrap();
    seed_model(&server.seed()).await;
    let gitlab = StandIn::start(&[]);

    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        format!(
            "user = \"Ann Lee <ann@example.com>\"\n\
             [runs]\nexperiments = [\"tui-gitlab\"]\n\
             [promotion]\nvia_model = {{ tui-gitlab = \"pr\" }}\n\
             [gitlab]\nproject = \"acme/ml/models\"\nurl = \"{}\"\n",
            gitlab.url
        ),
    )
    .unwrap();
    let mut env: Vec<(&str, PathBuf)> = cli.sealed_env();
    env.push(("GITLAB_TOKEN", TOKEN.into()));
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (110, 32),
    );
    t.wait_for(&["gitlab-run2", "4 Changes"]);
    t.keys(&["4"]);
    t.wait_for(&["Merge requests · acme/ml/models", "No open merge requests"]);

    t.keys(&["2"]);
    t.wait_for(&["tui-gitlab", "@staging"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-gitlab v2 for @production",
        "by merge request to acme/ml/models: pins it in deploy/models.toml on branch",
        "recorded as Ann Lee <ann@example.com> in the merge request",
    ]);
    t.type_text("tui-gitlab");
    t.keys(&["Enter"]);
    t.wait_for(&[
        "Merge request !1 opened:",
        "/acme/ml/models/-/merge_requests/1",
    ]);
    seed_pipeline(&gitlab).await;
    t.keys(&["Enter"]);
    t.keys(&["4"]);
    t.keys(&["r"]);
    t.wait_for(&["!1", "tui-gitlab v2", "1 promoting", "✓ 1/1"]);
    the_detail_shows_the_jobs_by_stage(&t);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);

    let model = server.client().model("tui-gitlab").await.unwrap();
    assert_eq!(
        model.aliases.get("production").map(VersionId::as_str),
        Some("1"),
        "a merge request moves no alias"
    );
    let state = gitlab.state().await;
    let mrs = state["merge_requests"].as_array().unwrap();
    assert_eq!(mrs.len(), 1);
    assert_eq!(mrs[0]["source_branch"], "clearance/promote/tui-gitlab/v2");
    assert_eq!(mrs[0]["labels"], serde_json::json!(["model-promotion"]));
    let description = mrs[0]["description"].as_str().unwrap();
    assert!(
        description.contains("### `tui-gitlab` v2 @staging vs v1 @production")
            && description.contains("- Approved by: Ann Lee <ann@example.com>"),
        "{description}"
    );
    let pin = clearance::ops::gitops::DeploymentFile::parse(
        state["files"]["clearance/promote/tui-gitlab/v2"]["deploy/models.toml"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
    .pin("tui-gitlab")
    .unwrap()
    .unwrap();
    assert_eq!(pin.version.as_str(), "2");
    drop(server);
}

//! End to end in tmux: the real binary, the real MLflow server and a mock GitHub that
//! remembers what was opened. A reviewer approves a staged model by pull request, sees the
//! PR in the PRs tab and on the version, and opens it in the browser.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clearance::domain::VersionId;
use clearance::store::ModelRegistry as _;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::support::{
    TOKEN, bodies, decoded, fixture, get, mount_first_promotion, pull, repo_path,
};
use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");
const BRANCH: &str = "clearance/promote/tui-gitops/v2";

/// A mock GitHub Enterprise where the promotion PR can be opened (as #42); once it is, the
/// open pull requests include it, with passing CI.
async fn github() -> (MockServer, String) {
    let github = MockServer::start().await;
    let base = format!("{}/api/v3", github.uri());
    let opened = Arc::new(AtomicBool::new(false));
    mount_first_promotion(&github, 42).await;
    // The PR for the branch: none yet.
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("head", format!("acme:{BRANCH}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(1)
        .mount(&github)
        .await;
    // Every open PR: #42 once it was opened.
    let seen = opened.clone();
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .respond_with(move |_: &Request| {
            let prs = if seen.load(Ordering::SeqCst) {
                json!([pull(42, BRANCH, "sha42", &["model-promotion"])])
            } else {
                json!([])
            };
            ResponseTemplate::new(200).set_body_json(prs)
        })
        .mount(&github)
        .await;
    let mut created = fixture("pull-created");
    created["number"] = json!(42);
    created["html_url"] = json!("https://github.com/acme/models/pull/42");
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(move |_: &Request| {
            opened.store(true, Ordering::SeqCst);
            ResponseTemplate::new(201).set_body_json(created.clone())
        })
        .expect(1)
        .mount(&github)
        .await;
    get(&github, &repo_path("pulls/42/reviews"), json!([])).await;
    get(
        &github,
        &repo_path("commits/sha42/check-runs"),
        fixture("check-runs"),
    )
    .await;
    get(
        &github,
        &repo_path("commits/sha42/status"),
        fixture("combined-status"),
    )
    .await;
    (github, base)
}

/// `tui-gitops`: v1 @production (auc 0.95), v2 @staging (auc 0.957).
async fn seed_model(seed: &crate::support::Seeder) {
    let exp = seed.experiment("tui-gitops").await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.957].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("gitops-run{}", i + 1))
                .metric("val_auc", auc)
                .finished()
                .await,
        );
    }
    let m = seed.model("tui-gitops").await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).alias("staging").await;
}

/// A browser that writes down what it was asked to open: the script and where it writes.
fn fake_browser(home: &Path) -> (PathBuf, PathBuf) {
    let opened = home.join("opened.txt");
    let browser = home.join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    (browser, opened)
}

/// The alias did not move; the deployment file and the PR say what the reviewer approved.
async fn assert_nothing_moved_and_the_pr_was_right(
    server: &crate::support::server::MlflowServer,
    github: &MockServer,
) {
    let model = server.client().model("tui-gitops").await.unwrap();
    assert_eq!(
        model.aliases.get("production").map(VersionId::as_str),
        Some("1"),
        "a PR moves no alias"
    );
    let put = &bodies(github, "PUT", &repo_path("contents/deploy/models.toml")).await[0];
    let pin = clearance::ops::gitops::DeploymentFile::parse(&decoded(put))
        .unwrap()
        .pin("tui-gitops")
        .unwrap()
        .unwrap();
    assert_eq!(pin.version.as_str(), "2");
    assert_eq!(
        pin.approved_by.as_deref(),
        Some("Ann Lee <ann@example.com>")
    );
    let pr = &bodies(github, "POST", &repo_path("pulls")).await[0];
    assert_eq!(pr["title"], "Promote tui-gitops v2 to production (v1 → v2)");
    assert_eq!(pr["head"], BRANCH);
    let body = pr["body"].as_str().unwrap();
    assert!(
        body.contains("### `tui-gitops` v2 @staging vs v1 @production")
            && body.contains(" val_auc | 0.95 | 0.957 |")
            && body.contains("- Approved by: Ann Lee <ann@example.com>"),
        "the report is the body:\n{body}"
    );
}

#[tokio::test]
async fn a_reviewer_promotes_by_pull_request_and_follows_it_in_the_prs_tab() {
    if !tmux::available("tui gitops e2e") {
        return;
    }
    let server = tokio::task::spawn_blocking(support::start_fresh)
        .await
        .unwrap();
    seed_model(&server.seed()).await;
    let (github, base) = github().await;

    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        format!(
            "user = \"Ann Lee <ann@example.com>\"\n\
             [runs]\nexperiments = [\"tui-gitops\"]\n\
             [github]\nrepo = \"acme/models\"\napi_url = \"{base}\"\n\
             [promotion]\nvia_model = {{ tui-gitops = \"pr\" }}\n"
        ),
    )
    .unwrap();
    let (browser, opened) = fake_browser(cli.home());
    let mut env = cli.sealed_env();
    env.push(("GH_ENTERPRISE_TOKEN", TOKEN.into()));
    env.push(("BROWSER", browser.clone()));
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (110, 32),
    );
    t.wait_for(&["gitops-run2"]);
    t.keys(&["4"]);
    t.wait_for(&["Pull requests · acme/models", "No open pull requests"]);

    t.keys(&["2"]);
    t.wait_for(&["tui-gitops", "@staging"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-gitops v2 for @production",
        "by pull request to acme/models: pins it in deploy/models.toml on branch",
        "recorded as Ann Lee <ann@example.com> in the pull request",
        "enter opens the PR",
    ]);
    t.type_text("tui-gitops");
    t.keys(&["Enter"]);
    t.wait_for(&[
        "Pull request #42 opened: https://github.com/acme/models/pull/42",
        "the alias moves when CI applies",
    ]);
    t.keys(&["Enter"]);
    // The version shows the PR that pins it (the PRs were reloaded after the opening); the
    // seed set @staging outside clearance, which its ⚠ says.
    t.wait_for(&["@staging⚠ PR #42"]);

    t.keys(&["4"]);
    t.wait_for(&["#42", "tui-gitops v2", "✓", "1 promoting"]);
    t.keys(&["o"]);
    t.wait_for(&["Opened https://github.com/acme/models/pull/42"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);

    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().trim(),
        "https://github.com/acme/models/pull/42"
    );
    assert_nothing_moved_and_the_pr_was_right(&server, &github).await;
    drop(server);
}

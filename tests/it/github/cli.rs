//! The binary against a mock GitHub: where the token comes from (variables, a fake `gh` on
//! the child's `PATH`), `prs`, `comment`, and `promote --via pr` with the real MLflow server.

use std::os::unix::fs::PermissionsExt;

use clearance::domain::{RunId, VersionId};
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{
    TOKEN, bodies, decoded, error, fixture, get, mount_first_promotion, pull, repo_path,
};
use crate::support::{self, Clearance, Seeder};

/// A mock GitHub Enterprise with two open PRs, each with green CI and no reviews.
async fn github_with_prs() -> (MockServer, String) {
    let server = MockServer::start().await;
    let base = format!("{}/api/v3", server.uri());
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("state", "open"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            pull(
                12,
                "clearance/promote/fraud-classifier/v4",
                "sha12",
                &["model-promotion"]
            ),
            pull(11, "feature/io", "sha11", &[]),
        ])))
        .mount(&server)
        .await;
    for (n, sha) in [(12, "sha12"), (11, "sha11")] {
        get(
            &server,
            &repo_path(&format!("pulls/{n}/reviews")),
            json!([]),
        )
        .await;
        get(
            &server,
            &repo_path(&format!("commits/{sha}/check-runs")),
            fixture("check-runs"),
        )
        .await;
        get(
            &server,
            &repo_path(&format!("commits/{sha}/status")),
            fixture("combined-status"),
        )
        .await;
    }
    (server, base)
}

fn cli() -> Clearance {
    // prs needs no MLflow; the URI is never used.
    Clearance::new(&format!("http://127.0.0.1:{}", support::closed_port()))
}

/// A fake `gh` in a directory of its own, put on the child's `PATH` only.
fn fake_gh(script: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let gh = dir.path().join("gh");
    std::fs::write(&gh, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", dir.path().display());
    (dir, path)
}

#[tokio::test]
async fn prs_lists_ci_reviews_and_pins_with_a_token_from_the_environment() {
    let (server, base) = github_with_prs().await;
    let (_empty, no_gh_path) = fake_gh("exit 1");
    let out = cli()
        .run_with_env(
            &[
                "prs",
                "--json",
                "--repo",
                "acme/models",
                "--github-api-url",
                &base,
            ],
            &[("GH_ENTERPRISE_TOKEN", TOKEN), ("PATH", &no_gh_path)],
        )
        .await;
    out.expect_code(0);
    let doc = out.json();
    assert_eq!(doc["schema_version"], 1);
    let prs = &doc["pull_requests"];
    assert_eq!(prs[0]["number"], 12);
    assert_eq!(
        prs[0]["checks"],
        json!({"state": "success", "passed": 3, "failed": 0, "pending": 0, "total": 3}),
        "one neutral check run and two green statuses"
    );
    // Each check run and status one by one, in the shape GitLab's jobs have (no stage, no
    // pipeline on GitHub); the documented run starts and completes in the same second.
    assert_eq!(
        (&prs[0]["pipeline"], prs[0]["jobs"].as_array().map(Vec::len)),
        (&json!(null), Some(3))
    );
    assert_eq!(
        prs[0]["jobs"][0],
        json!({"name": "mighty_readme", "status": "passed", "stage": null,
               "duration_secs": 0.0, "url": "https://github.com/github/hello-world/runs/4",
               "allow_failure": false})
    );
    assert_eq!(
        prs[0]["jobs"][1],
        json!({"name": "continuous-integration/jenkins", "status": "passed", "stage": null,
               "duration_secs": null, "url": "https://ci.example.com/1000/output",
               "allow_failure": false})
    );
    support::assert_valid_prs(&cli(), &doc).await;
    assert_eq!(prs[0]["review"], "none");
    // The same shape as on GitLab: GitHub reports no approval rules, so `approvals` is null.
    assert_eq!(
        (&prs[0]["approved_by"], &prs[0]["approvals"]),
        (&json!([]), &json!(null))
    );
    assert_eq!(
        prs[0]["promotion"],
        json!({"model": "fraud-classifier", "version": "4"})
    );
    assert_eq!(prs[1]["promotion"], json!(null));
    for r in server.received_requests().await.unwrap() {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
    }
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));

    let table = cli()
        .run_with_env(
            &["prs", "--repo", "acme/models", "--github-api-url", &base],
            &[("GH_ENTERPRISE_TOKEN", TOKEN), ("PATH", &no_gh_path)],
        )
        .await;
    table.expect_code(0);
    assert_eq!(
        table.stdout,
        " #  title                author   ci           review     pins                 updated\n\
         12  Amazing new feature  octocat  passing 3/3  no review  fraud-classifier v4  2011-01-26 19:01\n\
         11  Amazing new feature  octocat  passing 3/3  no review                       2011-01-26 19:01\n"
    );
}

#[tokio::test]
async fn the_token_comes_from_gh_when_no_variable_holds_one() {
    let (server, base) = github_with_prs().await;
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches("/api/v3")
        .to_owned();
    let (_dir, path_with_gh) = fake_gh(&format!(
        "[ \"$*\" = \"auth token --hostname {host}\" ] && echo gho_from_gh && exit 0; exit 4"
    ));
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer gho_from_gh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    let out = cli()
        .run_with_env(
            &["prs", "--repo", "acme/models", "--github-api-url", &base],
            &[("PATH", &path_with_gh)],
        )
        .await;
    out.expect_code(0);
    assert_eq!(out.stderr, "no open pull requests in acme/models\n");
}

#[tokio::test]
async fn without_any_token_the_message_says_how_to_log_in() {
    let (_empty, no_gh_path) =
        fake_gh("echo 'You are not logged into any GitHub hosts.' >&2; exit 1");
    let out = cli()
        .run_with_env(
            &["prs", "--repo", "acme/models"],
            &[
                ("GITHUB_ENTERPRISE_TOKEN", "not for github.com"),
                ("PATH", &no_gh_path),
            ],
        )
        .await;
    out.expect_code(2);
    assert_eq!(
        out.stderr,
        "error: finding a GitHub token for github.com: no GitHub token: set GH_TOKEN or \
         GITHUB_TOKEN, or log in with `gh auth login`\n"
    );
    let no_repo = cli()
        .run_with_env(&["prs"], &[("GH_TOKEN", "t"), ("PATH", &no_gh_path)])
        .await;
    no_repo.expect_code(2);
    assert!(
        no_repo.stderr.contains("pass --repo OWNER/NAME"),
        "{}",
        no_repo.stderr
    );
}

#[tokio::test]
async fn rate_limits_are_reported_with_the_reset_time_and_exit_2() {
    let server = MockServer::start().await;
    let base = format!("{}/api/v3", server.uri());
    Mock::given(method("GET"))
        .respond_with(
            error(403, "API rate limit exceeded for user ID 1.")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1772460300"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let out = cli()
        .run_with_env(
            &["prs", "--repo", "acme/models", "--github-api-url", &base],
            &[("GH_ENTERPRISE_TOKEN", TOKEN), ("TZ", "UTC")],
        )
        .await;
    out.expect_code(2);
    assert_eq!(
        out.stderr,
        "error: listing open pull requests of acme/models: rate limited until 14:05 (the token's \
         GitHub API quota is used up; clearance does not retry: try again then)\n"
    );
}

/// `name`: v1 @production (auc 0.95), v2 @staging (auc 0.957).
async fn model(seed: &Seeder, name: &str) {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.957].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("{name}-run{}", i + 1))
                .metric("val_auc", auc)
                .finished()
                .await,
        );
    }
    let m = seed.model(name).await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).alias("staging").await;
}

/// A mock GitHub Enterprise where a first promotion PR can be opened (as #42).
async fn github_for_a_first_promotion() -> (MockServer, String) {
    let github = MockServer::start().await;
    let base = format!("{}/api/v3", github.uri());
    mount_first_promotion(&github, 42).await;
    get(&github, &repo_path("pulls"), json!([])).await;
    let mut created = fixture("pull-created");
    created["number"] = json!(42);
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(ResponseTemplate::new(201).set_body_json(created))
        .expect(1)
        .mount(&github)
        .await;

    (github, base)
}

#[tokio::test]
async fn promote_via_pr_opens_the_pr_and_moves_no_alias() {
    let server = support::shared();
    model(&server.seed(), "gh-via-pr").await;
    let (github, base) = github_for_a_first_promotion().await;
    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n",
    )
    .unwrap();
    let out = cli
        .run_with_env(
            &[
                "promote",
                "gh-via-pr",
                "@staging",
                "--via",
                "pr",
                "--yes",
                "--repo",
                "acme/models",
                "--github-api-url",
                &base,
            ],
            &[("GH_ENTERPRISE_TOKEN", TOKEN)],
        )
        .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains(
            "plan: production: v1 → v2 of 'gh-via-pr', by pull request to acme/models \
             ('deploy/models.toml' on branch 'clearance/promote/gh-via-pr/v2')"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with(
            "done: pull request #42 opened (https://github.com/octocat/Hello-World/pull/1347); \
             the alias moves when CI applies 'deploy/models.toml' after the merge\n"
        ),
        "{}",
        out.stdout
    );
    let m = server.client().model("gh-via-pr").await.unwrap();
    assert_eq!(
        m.aliases.get("production").map(VersionId::as_str),
        Some("1"),
        "a PR moves no alias"
    );
    let put = &bodies(&github, "PUT", &repo_path("contents/deploy/models.toml")).await[0];
    let text = decoded(put);
    let pin = clearance::ops::gitops::DeploymentFile::parse(&text)
        .unwrap()
        .pin("gh-via-pr")
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            pin.version.as_str(),
            pin.previous.clone(),
            pin.approved_by.as_deref(),
            pin.run_id.as_deref()
        ),
        (
            "2",
            Some(Some("1".into())),
            Some("Ann Lee <ann@example.com>"),
            m.version(&"2".into())
                .unwrap()
                .run_id
                .as_ref()
                .map(RunId::as_str)
        )
    );
    let pr = &bodies(&github, "POST", &repo_path("pulls")).await[0];
    assert_eq!(pr["title"], "Promote gh-via-pr v2 to production (v1 → v2)");
    let body = pr["body"].as_str().unwrap();
    assert!(
        body.contains("### `gh-via-pr` v2 @staging vs v1 @production")
            && body.contains(" val_auc | 0.95 | 0.957 |")
            && body.contains("- Approved by: Ann Lee <ann@example.com>"),
        "{body}"
    );
}

#[tokio::test]
async fn comment_reports_on_the_version_a_promotion_pr_pins() {
    let server = support::shared();
    model(&server.seed(), "gh-comment").await;
    let github = MockServer::start().await;
    let base = format!("{}/api/v3", github.uri());
    get(
        &github,
        &repo_path("pulls/9"),
        pull(9, "clearance/promote/gh-comment/v2", "sha9", &[]),
    )
    .await;
    get(&github, &repo_path("issues/9/comments"), json!([])).await;
    Mock::given(method("POST"))
        .and(path(repo_path("issues/9/comments")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("comment-created")))
        .expect(1)
        .mount(&github)
        .await;
    let out = Clearance::new(server.url())
        .run_with_env(
            &[
                "comment",
                "9",
                "--repo",
                "acme/models",
                "--github-api-url",
                &base,
            ],
            &[("GH_ENTERPRISE_TOKEN", TOKEN)],
        )
        .await;
    out.expect_code(0);
    assert_eq!(
        out.stdout,
        "posted the report comment on #9 (v2 @staging vs v1 @production; gates pass): \
         https://github.com/octocat/Hello-World/issues/1347#issuecomment-1\n"
    );
    let posted = &bodies(&github, "POST", &repo_path("issues/9/comments")).await[0];
    let body = posted["body"].as_str().unwrap();
    assert!(
        body.starts_with("<!-- clearance:report model=gh-comment -->\n### `gh-comment` v2"),
        "{body}"
    );

    // A PR that pins nothing: nothing to report, and nothing posted.
    get(
        &github,
        &repo_path("pulls/8"),
        pull(8, "feature/io", "sha8", &[]),
    )
    .await;
    let other = Clearance::new(server.url())
        .run_with_env(
            &[
                "comment",
                "8",
                "--repo",
                "acme/models",
                "--github-api-url",
                &base,
            ],
            &[("GH_ENTERPRISE_TOKEN", TOKEN)],
        )
        .await;
    other.expect_code(0);
    assert!(
        other
            .stdout
            .starts_with("nothing to report: #8 is not a promotion pull request")
    );
}

/// The demo never talks to GitHub: every command that would (a promotion PR, by flag or by
/// the config's choice; a report comment; the PR list) refuses before any request leaves,
/// however GitHub is configured and whatever token is at hand.
#[tokio::test]
async fn the_demo_refuses_every_github_command_before_any_request() {
    let github = MockServer::start().await;
    let base = format!("{}/api/v3", github.uri());
    // Anything at all would be answered, so a request that got out would show in `sent`.
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&github)
        .await;
    let demo = Clearance::with_target(&["--demo"]);
    std::fs::write(
        demo.home().join("config.toml"),
        "[github]\nrepo = \"acme/models\"\npromote_via_model = { churn-model = \"pr\" }\n",
    )
    .unwrap();
    let to_github = ["--repo", "acme/models", "--github-api-url", base.as_str()];
    let commands: [&[&str]; 5] = [
        &[
            "promote",
            "fraud-classifier",
            "4",
            "--via",
            "pr",
            "--yes",
            "--override-gates",
            "--reason",
            "try",
        ],
        // The config chooses a pull request for this model.
        &["promote", "churn-model", "3", "--yes"],
        &["comment", "12"],
        &["comment", "12", "--model", "fraud-classifier"],
        &["prs"],
    ];
    for args in commands {
        let args: Vec<&str> = args.iter().copied().chain(to_github).collect();
        let out = demo
            .run_with_env(
                &args,
                &[("GH_TOKEN", TOKEN), ("GITHUB_REPOSITORY", "acme/ci")],
            )
            .await;
        out.expect_code(2);
        assert!(
            out.stderr.contains("the demo never talks to GitHub"),
            "clearance {args:?}:\n{}",
            out.stderr
        );
        assert!(!out.stderr.contains(TOKEN), "{}", out.stderr);
    }
    assert_eq!(
        super::support::sent(&github).await,
        Vec::<String>::new(),
        "no request reached GitHub"
    );
    // And nothing moved in the demo's registry either.
    let models = demo.run(&["models", "--json"]).await;
    models.expect_code(0);
    assert_eq!(
        crate::support::holders(&models.json(), "fraud-classifier", "production"),
        ["3"]
    );
}

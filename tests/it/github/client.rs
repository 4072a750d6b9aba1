//! The client's requests (paths, queries, headers, pagination) and its errors.

use std::time::Duration;

use chrono::{DateTime, Local};
use clearance::domain::pull_request::{
    CheckState, CheckSummary, PromotionRef, PromotionRule, ReviewState,
};
use clearance::host::{CodeHost, HostErrorKind};
use clearance::ops::gitops::{PrSettings, open_prs};
use pretty_assertions::assert_eq;
use rstest::rstest;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{self, TOKEN, error, fixture, get, ghe, pull, repo_path, sent};

fn settings() -> PrSettings {
    PrSettings {
        rule: PromotionRule {
            branch_prefix: "clearance/promote/".into(),
            label: "model-promotion".into(),
        },
        deployment_file: "deploy/models.toml".into(),
        base_branch: None,
        draft: false,
    }
}

/// A review of #12's head commit (an approval counts only on the commit it approved).
fn review(login: &str, state: &str, at: &str) -> serde_json::Value {
    let mut r = fixture("reviews")[0].clone();
    r["user"]["login"] = json!(login);
    r["state"] = json!(state);
    r["submitted_at"] = json!(at);
    r["commit_id"] = json!("sha12");
    r
}

fn check_run(status: &str, conclusion: Option<&str>) -> serde_json::Value {
    let mut c = fixture("check-runs")["check_runs"][0].clone();
    c["status"] = json!(status);
    c["conclusion"] = json!(conclusion);
    c
}

/// Reviews, checks and statuses of #12, #11 and #10, and #10's deployment files.
async fn details(server: &MockServer) {
    // #12: approved after changes were requested; green checks and a green legacy status.
    get(
        server,
        &repo_path("pulls/12/reviews"),
        json!([
            review("bo", "CHANGES_REQUESTED", "2026-03-01T10:00:00Z"),
            review("bo", "APPROVED", "2026-03-01T12:00:00Z"),
            review("cy", "COMMENTED", "2026-03-01T13:00:00Z"),
        ]),
    )
    .await;
    let mut runs = fixture("check-runs");
    runs["check_runs"] = json!([check_run("completed", Some("success"))]);
    get(server, &repo_path("commits/sha12/check-runs"), runs.clone()).await;
    get(
        server,
        &repo_path("commits/sha12/status"),
        fixture("combined-status"),
    )
    .await;
    // #11: nothing at all; GitHub's combined status says "pending" with no statuses.
    get(server, &repo_path("pulls/11/reviews"), json!([])).await;
    let mut none = fixture("check-runs");
    none["total_count"] = json!(0);
    none["check_runs"] = json!([]);
    get(server, &repo_path("commits/sha11/check-runs"), none.clone()).await;
    let mut pending_empty = fixture("combined-status");
    pending_empty["state"] = json!("pending");
    pending_empty["total_count"] = json!(0);
    pending_empty["statuses"] = json!([]);
    get(
        server,
        &repo_path("commits/sha11/status"),
        pending_empty.clone(),
    )
    .await;
    // #10: labelled, on a branch that does not name the version: the deployment file does.
    get(server, &repo_path("pulls/10/reviews"), json!([])).await;
    runs["check_runs"] = json!([check_run("in_progress", None)]);
    get(server, &repo_path("commits/sha10/check-runs"), runs).await;
    get(server, &repo_path("commits/sha10/status"), pending_empty).await;
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .and(query_param("ref", "sha10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::content(
            "[models.churn]\nversion = \"8\"\n",
            "blob-head",
        )))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .and(query_param("ref", "master"))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::content(
            "[models.churn]\nversion = \"7\"\n",
            "blob-base",
        )))
        .mount(server)
        .await;
}

/// Open PRs on two pages: #12 on the first, #11 and #10 on the second.
async fn two_pages_of_prs(server: &MockServer, base: &str) {
    // Page 1 links to page 2 with an absolute URL on the same host, as GitHub does.
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("state", "open"))
        .and(query_param("per_page", "100"))
        .and(query_param_is_missing("page"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/vnd.github+json"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([pull(
                    12,
                    "clearance/promote/fraud-classifier/v4",
                    "sha12",
                    &[]
                )]))
                .insert_header(
                    "link",
                    format!(
                        "<{base}/repos/acme/models/pulls?state=open&per_page=100&page=2>; rel=\"next\", \
                         <{base}/repos/acme/models/pulls?state=open&per_page=100&page=2>; rel=\"last\""
                    )
                    .as_str(),
                ),
        )
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("page", "2"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            pull(11, "feature/faster-io", "sha11", &["bug"]),
            pull(10, "retrain-march", "sha10", &["model-promotion"]),
        ])))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn open_prs_reads_every_page_and_each_prs_reviews_and_ci() {
    let (server, host, base) = ghe().await;
    two_pages_of_prs(&server, &base).await;
    details(&server).await;

    let prs = open_prs(&host, &settings()).await.unwrap();
    let summary: Vec<_> = prs
        .iter()
        .map(|p| (p.number, p.review, p.checks, p.promotion.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                12,
                ReviewState::Approved,
                CheckSummary {
                    state: CheckState::Success,
                    passed: 3,
                    failed: 0,
                    pending: 0,
                    total: 3
                },
                Some(PromotionRef {
                    model: "fraud-classifier".into(),
                    version: "4".into()
                })
            ),
            (11, ReviewState::None, CheckSummary::default(), None),
            (
                10,
                ReviewState::None,
                CheckSummary {
                    state: CheckState::Pending,
                    passed: 0,
                    failed: 0,
                    pending: 1,
                    total: 1
                },
                Some(PromotionRef {
                    model: "churn".into(),
                    version: "8".into()
                })
            ),
        ]
    );
    let first = &prs[0];
    assert_eq!(
        (
            first.title.as_str(),
            first.author.as_str(),
            first.base_branch.as_str(),
            first.url.as_str()
        ),
        (
            "Amazing new feature",
            "octocat",
            "master",
            "https://github.com/acme/models/pull/12"
        )
    );
    assert_eq!(
        first.created,
        Some(
            DateTime::parse_from_rfc3339("2011-01-26T19:01:12Z")
                .unwrap()
                .into()
        )
    );
    let requests = sent(&server).await;
    assert!(
        requests.contains(
            &"GET /api/v3/repos/acme/models/commits/sha12/check-runs?per_page=100&page=1"
                .to_owned()
        ),
        "{requests:#?}"
    );
    // Every request carried the token and asked for GitHub's JSON, the linked page too.
    for r in server.received_requests().await.unwrap() {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}"),
            "{}",
            support::describe(&r)
        );
        assert_eq!(
            r.headers.get("accept").unwrap(),
            "application/vnd.github+json"
        );
    }
}

#[tokio::test]
async fn github_com_has_no_path_prefix() {
    let server = MockServer::start().await;
    let host = support::client(&server.uri(), Duration::from_secs(5));
    Mock::given(method("GET"))
        .and(path("/repos/acme/models"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("repo")))
        .expect(1)
        .mount(&server)
        .await;
    let default_branch = host.default_branch().await.unwrap();
    assert_eq!(default_branch, "master");
}

fn reset_at(epoch: i64) -> String {
    DateTime::from_timestamp(epoch, 0)
        .unwrap()
        .with_timezone(&Local)
        .format("%H:%M")
        .to_string()
}

/// GitHub's documented failures, each seen once (nothing is retried), each with a message
/// that says what to do.
#[rstest]
#[case::bad_token(
    error(401, "Bad credentials"),
    "reading the repository acme/models: GitHub refused the token (HTTP 401: Bad credentials); \
     set GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN, or log in with `gh auth login --hostname 127.0.0.1:PORT`"
)]
#[case::primary_rate_limit(
    error(403, "API rate limit exceeded for user ID 1.")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "1772460300"),
    "reading the repository acme/models: rate limited until RESET (the token's GitHub API quota \
     is used up; clearance does not retry: try again then)"
)]
#[case::primary_rate_limit_429(
    error(429, "API rate limit exceeded for user ID 1.")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "1772460300"),
    "reading the repository acme/models: rate limited until RESET (the token's GitHub API quota \
     is used up; clearance does not retry: try again then)"
)]
#[case::secondary_rate_limit(
    error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
        .insert_header("retry-after", "60"),
    "reading the repository acme/models: GitHub's secondary rate limit (too many requests in a \
     short time): wait 60 s before trying again"
)]
#[case::sso(
    error(403, "Resource protected by organization SAML enforcement.")
        .insert_header("x-github-sso", "required; url=https://github.com/orgs/acme/sso"),
    "reading the repository acme/models: forbidden (HTTP 403: Resource protected by organization \
     SAML enforcement.); the organisation uses SAML SSO: authorise the token for it"
)]
#[case::not_found(
    error(404, "Not Found"),
    "reading the repository acme/models: not found, or the token cannot see it (HTTP 404: Not \
     Found); check the repository name and that the token has access to it"
)]
#[case::server_error(
    error(502, "Server Error"),
    "reading the repository acme/models: GitHub failed (HTTP 502: Server Error); clearance does \
     not retry: try again later"
)]
#[case::not_json(
    ResponseTemplate::new(503).set_body_string("upstream connect error"),
    "reading the repository acme/models: GitHub failed (HTTP 503: upstream connect error); \
     clearance does not retry: try again later"
)]
#[case::timeout(
    ResponseTemplate::new(200).set_body_json(fixture("repo")).set_delay(Duration::from_secs(3)),
    "reading the repository acme/models: GitHub did not answer within 0.3 s"
)]
#[tokio::test]
async fn failures_are_named_and_never_retried(
    #[case] response: ResponseTemplate,
    #[case] want: &str,
) {
    let server = MockServer::start().await;
    let base = format!("{}/api/v3", server.uri());
    let host = support::client(&base, Duration::from_millis(300));
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/models"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    let e = host.default_branch().await.unwrap_err();
    let port = server.address().port();
    let want = want
        .replace("PORT", &port.to_string())
        .replace("RESET", &reset_at(1_772_460_300));
    assert_eq!(e.to_string(), want);
    if let HostErrorKind::RateLimited { reset } = e.kind {
        assert_eq!(reset.map(|r| r.timestamp()), Some(1_772_460_300));
    }
}

#[tokio::test]
async fn validation_errors_carry_githubs_messages() {
    let (server, host, _) = ghe().await;
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "message": "Validation Failed",
            "errors": [{"resource": "PullRequest", "code": "custom", "message": "No commits between master and x"}],
            "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let e = host
        .create_change_request(&clearance::host::NewChangeRequest {
            title: "t".into(),
            head: "x".into(),
            base: "master".into(),
            body: String::new(),
            draft: false,
        })
        .await
        .unwrap_err();
    assert!(!e.already_exists());
    assert_eq!(
        e.to_string(),
        "opening a pull request from 'x' into 'master' of acme/models: GitHub refused the request \
         (HTTP 422: Validation Failed: No commits between master and x)"
    );
}

#[tokio::test]
async fn an_unreachable_github_says_so() {
    let port = crate::support::closed_port();
    let host = support::client(
        &format!("http://127.0.0.1:{port}/api/v3"),
        Duration::from_secs(5),
    );
    let e = host.default_branch().await.unwrap_err();
    assert!(
        e.to_string()
            .starts_with("reading the repository acme/models: cannot reach GitHub: "),
        "{e}"
    );
    assert!(e.is_transient());
}

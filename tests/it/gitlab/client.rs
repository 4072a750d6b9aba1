//! The GitLab client's requests (paths with the encoded project, queries, the token header,
//! pagination, a self-managed base URL) and its failures, one by one.

use std::time::Duration;

use clearance::domain::pull_request::{
    ApprovalsRequired, CheckState, Job, JobStatus, Pipeline, PromotionRef, PromotionRule,
    ReviewState,
};
use clearance::host::{BranchOutcome, CodeHost, HostErrorKind};
use clearance::ops::gitops::{PrSettings, open_prs};
use pretty_assertions::assert_eq;
use rstest::rstest;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{TOKEN, api, client, error, file, fixture, get, job, mr, self_managed, sent};

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

/// Two pages of open MRs (the second named by `X-Next-Page`, as GitLab sends it besides
/// `Link`), approvals for !12 and a 403 for !11 (an instance without them), the newest
/// pipeline of each head and its jobs.
#[tokio::test]
async fn open_merge_requests_with_pipelines_approvals_and_pins() {
    let (server, c) = self_managed().await;
    mount_listing(&server).await;
    let prs = open_prs(&c, &settings()).await.unwrap();
    let got: Vec<_> = prs
        .iter()
        .map(|p| {
            (
                p.number,
                p.draft,
                p.review,
                p.checks.state,
                p.checks.passed,
                p.checks.pending,
                p.promotion.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                12,
                true,
                ReviewState::Approved,
                CheckState::Pending,
                2,
                1,
                Some(PromotionRef {
                    model: "fraud".into(),
                    version: "4".into()
                })
            ),
            (11, false, ReviewState::None, CheckState::None, 0, 0, None),
        ]
    );
    assert_eq!(prs[0].author, "marcel.amirault");
    // The documented approvals of !12: root approved, 2 required, 1 left; !11's instance
    // answers 403 (no approval rules): no approvers, no counts, not an error.
    assert_eq!(
        (prs[0].approved_by.clone(), prs[0].approvals),
        (
            vec!["root".to_owned()],
            Some(ApprovalsRequired {
                required: 2,
                left: 1
            })
        )
    );
    assert_eq!(
        (prs[1].approved_by.clone(), prs[1].approvals),
        (vec![], None)
    );
    assert_eq!(
        prs[0].url,
        "https://gitlab.acme.io/acme/ml/models/-/merge_requests/12"
    );
    let requests = sent(&server).await;
    assert_eq!(
        requests[..2],
        [
            "GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/merge_requests?state=opened&per_page=100"
                .to_owned(),
            "GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/merge_requests?state=opened&per_page=100&page=2"
                .to_owned(),
        ]
    );
    assert!(requests.contains(&format!(
        "GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/pipelines?sha={}&order_by=id&sort=desc&per_page=1",
        "a".repeat(40)
    )));
    assert!(requests.contains(
        &"GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/pipelines/47/jobs?per_page=100".to_owned()
    ));
}

/// Every job of the newest pipeline on the head is kept, in pipeline order whatever order
/// GitLab lists them in, with its stage, status, duration, page and allowance; the manual
/// gate too, though the summary does not count it. No pipeline: no jobs.
#[tokio::test]
async fn the_jobs_of_the_head_pipeline_in_pipeline_order() {
    let (server, c) = self_managed().await;
    mount_listing(&server).await;
    let prs = open_prs(&c, &settings()).await.unwrap();
    let job = |id: u64, name: &str, stage: &str, status: JobStatus, allow_failure: bool| Job {
        name: name.into(),
        status,
        stage: Some(stage.into()),
        duration_ms: Some(192),
        url: Some(format!("https://gitlab.acme.io/acme/ml/models/-/jobs/{id}")),
        allow_failure,
    };
    assert_eq!(
        prs[0].jobs,
        [
            job(11, "test", "build", JobStatus::Passed, false),
            job(12, "lint", "test", JobStatus::Failed, true),
            job(13, "report", "test", JobStatus::Running, false),
            job(14, "deploy", "deploy", JobStatus::Manual, false),
        ]
    );
    assert_eq!(
        prs[0].pipeline,
        Some(Pipeline {
            id: 47,
            url: Some("https://example.com/foo/bar/pipelines/47".into())
        })
    );
    assert_eq!((prs[1].pipeline.clone(), prs[1].jobs.len()), (None, 0));
    assert!(sent(&server).await.contains(
        &"GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/pipelines/47/jobs?per_page=100".to_owned()
    ));
}

/// A job of the documented list with its id, stage and page set.
fn staged(id: u64, stage: &str, mut j: serde_json::Value) -> serde_json::Value {
    j["id"] = json!(id);
    j["stage"] = json!(stage);
    j["web_url"] = json!(format!("https://gitlab.acme.io/acme/ml/models/-/jobs/{id}"));
    j
}

/// The listing of the test above: two pages of MRs, approvals, pipelines and jobs.
async fn mount_listing(server: &MockServer) {
    let listing = api("merge_requests");
    Mock::given(method("GET"))
        .and(path(&listing))
        .and(query_param("state", "opened"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([mr(
            11,
            "feature/x",
            "b".repeat(40).as_str(),
            &[],
            false
        )])))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(&listing))
        .and(query_param("state", "opened"))
        .and(query_param("per_page", "100"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([mr(
                    12,
                    "clearance/promote/fraud/v4",
                    "a".repeat(40).as_str(),
                    &["model-promotion"],
                    true
                )]))
                .insert_header("x-next-page", "2"),
        )
        .up_to_n_times(1)
        .mount(server)
        .await;
    get(
        server,
        &api("merge_requests/12/approvals"),
        fixture("approvals"),
    )
    .await;
    Mock::given(method("GET"))
        .and(path(api("merge_requests/11/approvals")))
        .respond_with(error(403, "403 Forbidden"))
        .mount(server)
        .await;
    let mut p12 = fixture("pipelines")[0].clone();
    p12["id"] = json!(47);
    Mock::given(method("GET"))
        .and(path(api("pipelines")))
        .and(query_param("sha", "a".repeat(40).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([p12])))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("pipelines")))
        .and(query_param("sha", "b".repeat(40).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
    get(
        server,
        &api("pipelines/47/jobs"),
        // Newest first, as GitLab 13.5+ lists them; stages and pages per job.
        json!([
            staged(14, "deploy", job("deploy", "manual", false)),
            staged(13, "test", job("report", "running", false)),
            staged(12, "test", job("lint", "failed", true)),
            staged(11, "build", job("test", "success", false)),
        ]),
    )
    .await;
}

/// A numeric project id goes into the path as it is.
#[tokio::test]
async fn a_numeric_project_id_is_used_as_it_is() {
    let server = MockServer::start().await;
    let c = client(&server, "4242", Duration::from_secs(5));
    get(&server, "/gitlab/api/v4/projects/4242", fixture("project")).await;
    assert_eq!(c.default_branch().await.unwrap(), "main");
    assert_eq!(sent(&server).await, ["GET /gitlab/api/v4/projects/4242"]);
}

#[tokio::test]
async fn files_are_read_by_encoded_path_and_ref_and_missing_ones_are_none() {
    let (server, c) = self_managed().await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", "clearance/promote/fraud/v4"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(file("[models.fraud]\nversion = \"4\"\n", "c0ffee")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", "main"))
        .respond_with(error(404, "404 File Not Found"))
        .mount(&server)
        .await;
    let f = c
        .file("deploy/models.toml", "clearance/promote/fraud/v4")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (f.text.as_str(), f.sha.as_str()),
        ("[models.fraud]\nversion = \"4\"\n", "c0ffee")
    );
    assert_eq!(c.file("deploy/models.toml", "main").await.unwrap(), None);
    assert!(
        sent(&server).await[0].ends_with(
            "/repository/files/deploy%2Fmodels.toml?ref=clearance%2Fpromote%2Ffraud%2Fv4"
        )
    );
}

/// The documented example's `content` is a truncated base64: named, not a panic.
#[tokio::test]
async fn the_documented_truncated_content_is_a_clear_error() {
    let (server, c) = self_managed().await;
    get(
        &server,
        &api("repository/files/app%2Fmodels%2Fkey.rb"),
        fixture("file"),
    )
    .await;
    let e = c.file("app/models/key.rb", "main").await.unwrap_err();
    assert!(
        matches!(e.kind, HostErrorKind::Decode { .. }) && e.to_string().contains("not base64"),
        "{e}"
    );
}

#[tokio::test]
async fn branches_create_once_and_an_existing_one_is_reused() {
    let (server, c) = self_managed().await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("branch")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(error(400, "Branch already exists"))
        .mount(&server)
        .await;
    assert_eq!(
        c.create_branch("promote/x", "abc").await.unwrap(),
        BranchOutcome::Created
    );
    assert_eq!(
        c.create_branch("promote/x", "abc").await.unwrap(),
        BranchOutcome::AlreadyExists
    );
    let b = super::support::bodies(&server, "POST", &api("repository/branches")).await;
    assert_eq!(b[0], json!({ "branch": "promote/x", "ref": "abc" }));
    get(
        &server,
        &api("repository/branches/promote%2Fx"),
        fixture("branch"),
    )
    .await;
    assert_eq!(
        c.branch_head("promote/x").await.unwrap().as_deref(),
        Some("7b5c3cc8be40ee161ae89a06bba6229da1032a0c")
    );
}

/// Each failure is named, says what to do, and never shows the token.
#[rstest]
#[case::bad_token(401, "401 Unauthorized", "refused the token (HTTP 401")]
#[case::forbidden(403, "403 Forbidden", "forbidden (HTTP 403")]
#[case::private_project(
    404,
    "404 Project Not Found",
    "GitLab answers 404 for a private project the token cannot see"
)]
#[case::conflict(409, "Conflict: resource locked", "refused the request (HTTP 409")]
#[case::invalid(422, "title is too long", "refused the request (HTTP 422")]
#[case::outage(502, "502 Bad Gateway", "GitLab failed (HTTP 502")]
#[tokio::test]
async fn failures_are_named(#[case] status: u16, #[case] message: &str, #[case] says: &str) {
    let (server, c) = self_managed().await;
    Mock::given(method("GET"))
        .and(path(api("merge_requests")))
        .respond_with(error(status, message))
        .mount(&server)
        .await;
    let e = c.change_requests(None).await.unwrap_err();
    let text = e.to_string();
    assert!(text.contains(says), "{text}");
    assert!(
        text.starts_with("listing open merge requests of acme/ml/models: "),
        "{text}"
    );
    assert!(!text.contains(TOKEN) && !format!("{e:?}").contains(TOKEN));
}

/// A 429 is waited out once (Retry-After), then reported with the wait.
#[tokio::test]
async fn a_rate_limit_is_retried_once_then_reported() {
    let (server, c) = self_managed().await;
    Mock::given(method("GET"))
        .and(path(api("")))
        .respond_with(error(429, "Retry later").insert_header("retry-after", "1"))
        .expect(2)
        .mount(&server)
        .await;
    let e = c.default_branch().await.unwrap_err();
    assert!(e.is_transient(), "{e}");
    assert!(
        e.to_string()
            .contains("GitLab's rate limit, still reached after one retry"),
        "{e}"
    );
}

#[tokio::test]
async fn a_slow_gitlab_is_a_timeout() {
    let server = MockServer::start().await;
    let c = client(&server, "acme/ml/models", Duration::from_millis(300));
    Mock::given(method("GET"))
        .and(path(api("")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("project"))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let e = c.default_branch().await.unwrap_err();
    assert!(matches!(e.kind, HostErrorKind::Timeout { .. }), "{e}");
    assert!(e.to_string().contains("did not answer within 0.3 s"), "{e}");
}

/// Approvals the instance does not offer (404 on an old or restricted instance) are none;
/// any other failure of that call is an error.
#[tokio::test]
async fn approvals_degrade_on_404_but_not_on_an_outage() {
    let (server, c) = self_managed().await;
    Mock::given(method("GET"))
        .and(path(api("merge_requests/1/approvals")))
        .respond_with(error(404, "404 Not found"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("merge_requests/2/approvals")))
        .respond_with(error(500, "500 Internal Server Error"))
        .mount(&server)
        .await;
    assert_eq!(c.reviews(1).await.unwrap(), vec![]);
    assert!(c.reviews(2).await.is_err());
}

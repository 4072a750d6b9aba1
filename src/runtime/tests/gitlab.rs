//! The Changes tab on GitLab: the demo app with its code host link pointed at a mock GitLab
//! serving GitLab's documented example bodies (`tests/fixtures/gitlab/`), loaded through the
//! runtime's own task, then snapshotted.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Demo;
use crate::app::Msg;
use crate::backends::gitlab::{GitLabClient, GitLabSettings, TokenOrigin};
use crate::host::{ProjectId, Token};
use crate::runtime::github::GitHubLink;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/gitlab/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const P: &str = "/api/v4/projects/acme%2Fml%2Fmodels";

async fn serve(server: &MockServer, route: String, body: Value) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// Two open MRs: a draft promotion MR pinning fraud-classifier v4 whose pipeline runs (a
/// build passed, a lint allowed to fail failed, a report running, a manual deploy gate),
/// approved by root; and the documented
/// list's MR, with a failed pipeline and no approvals (403: an instance without them).
async fn gitlab() -> MockServer {
    let server = MockServer::start().await;
    let mut promotion = fixture("merge-request");
    promotion["iid"] = json!(7);
    promotion["title"] = json!("Promote fraud-classifier v4 to production (v3 → v4)");
    promotion["source_branch"] = json!("clearance/promote/fraud-classifier/v4");
    promotion["labels"] = json!(["model-promotion"]);
    promotion["draft"] = json!(true);
    promotion["created_at"] = json!("2026-11-20T13:00:00Z");
    promotion["updated_at"] = json!("2026-11-20T17:00:00Z");
    promotion["sha"] = json!("a".repeat(40));
    let mut other = fixture("merge-requests")[0].clone();
    other["state"] = json!("opened");
    other["created_at"] = json!("2026-11-18T10:00:00Z");
    other["updated_at"] = json!("2026-11-19T10:00:00Z");
    other["reviewers"] = json!([]);
    serve(
        &server,
        format!("{P}/merge_requests"),
        json!([promotion, other]),
    )
    .await;
    serve(
        &server,
        format!("{P}/merge_requests/7/approvals"),
        fixture("approvals"),
    )
    .await;
    Mock::given(method("GET"))
        .and(path(format!("{P}/merge_requests/1/approvals")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "403 Forbidden"})))
        .mount(&server)
        .await;
    let mut pipeline = fixture("pipelines")[0].clone();
    pipeline["id"] = json!(47);
    Mock::given(method("GET"))
        .and(path(format!("{P}/pipelines")))
        .and(wiremock::matchers::query_param(
            "sha",
            "a".repeat(40).as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([pipeline])))
        .mount(&server)
        .await;
    let mut failed = fixture("pipelines")[1].clone();
    failed["id"] = json!(48);
    serve(&server, format!("{P}/pipelines"), json!([failed])).await;
    // The documented "List pipeline jobs" items, newest first as GitLab lists them.
    let job = |id: u64, name: &str, stage: &str, status: &str| {
        let mut j = fixture("pipeline-jobs")[0].clone();
        j["id"] = json!(id);
        j["name"] = json!(name);
        j["stage"] = json!(stage);
        j["status"] = json!(status);
        j["web_url"] = json!(format!("https://gitlab.acme.io/acme/ml/models/-/jobs/{id}"));
        j
    };
    let mut lint = job(12, "lint", "test", "failed");
    lint["allow_failure"] = json!(true);
    let mut deploy = job(14, "deploy", "deploy", "manual");
    deploy["duration"] = json!(null);
    serve(
        &server,
        format!("{P}/pipelines/47/jobs"),
        json!([
            deploy,
            job(13, "report", "test", "running"),
            lint,
            job(11, "test", "build", "success"),
        ]),
    )
    .await;
    serve(
        &server,
        format!("{P}/pipelines/48/jobs"),
        json!([job(21, "rubocop", "test", "failed")]),
    )
    .await;
    server
}

#[tokio::test]
async fn the_changes_tab_lists_merge_requests() {
    let server = gitlab().await;
    let mut demo = Demo::start().await;
    let client = GitLabClient::new(GitLabSettings {
        api: Url::parse(&format!("{}/api/v4", server.uri())).unwrap(),
        host: "gitlab.acme.io".into(),
        project: ProjectId::parse("acme/ml/models").unwrap(),
        token: Token::new("glpat-test0k"),
        origin: TokenOrigin::Env,
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(5),
    })
    .unwrap();
    let mut config = crate::config::Config::defaults();
    config.gitlab.project = "acme/ml/models".into();
    demo.ctx.github = Some(Arc::new(GitHubLink::with_client(&config, Arc::new(client))));
    demo.app
        .update(Msg::RepoLinked(Some("acme/ml/models".into())));
    demo.app.update(Msg::MergeRequests(true));
    demo.keys("4").await;
    let prs = demo.app.prs.prs.loaded().unwrap();
    assert_eq!(
        prs.iter().map(|p| p.number).collect::<Vec<_>>(),
        [7, 1],
        "both pages' worth, newest first"
    );
    demo.snap("demo_changes_gitlab");
    let jobs: Vec<(&str, Option<&str>)> = prs[0]
        .jobs
        .iter()
        .map(|j| (j.name.as_str(), j.stage.as_deref()))
        .collect();
    assert_eq!(
        jobs,
        [
            ("test", Some("build")),
            ("lint", Some("test")),
            ("report", Some("test")),
            ("deploy", Some("deploy"))
        ],
        "in pipeline order"
    );
    demo.key(crossterm::event::KeyCode::Enter).await;
    demo.snap("demo_change_detail_gitlab");
    demo.key(crossterm::event::KeyCode::Esc).await;
    assert!(matches!(demo.app.top(), crate::app::view::Top::Prs));
}

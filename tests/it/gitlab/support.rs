//! A mock GitLab: fixtures, a client pointed at it, and request inspection.

use std::time::Duration;

use clearance::backends::gitlab::{GitLabClient, GitLabSettings, TokenOrigin};
use clearance::host::{ProjectId, Token};
use serde_json::{Value, json};
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "glpat-test0k";
/// `acme/ml/models`, URL-encoded as the API's `:id`.
pub const PROJECT: &str = "acme%2Fml%2Fmodels";

/// One of GitLab's documented example bodies (see `tests/fixtures/gitlab/README.md`).
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/gitlab/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The documented merge request with the fields a test needs changed.
pub fn mr(iid: u64, branch: &str, sha: &str, labels: &[&str], draft: bool) -> Value {
    let mut m = fixture("merge-request");
    m["iid"] = json!(iid);
    m["source_branch"] = json!(branch);
    m["sha"] = json!(sha);
    m["labels"] = json!(labels);
    m["draft"] = json!(draft);
    m["web_url"] = json!(format!(
        "https://gitlab.acme.io/acme/ml/models/-/merge_requests/{iid}"
    ));
    m
}

/// The documented file with `content` set to the base64 of `text`.
pub fn file(text: &str, last_commit: &str) -> Value {
    use base64::Engine as _;
    let mut f = fixture("file");
    f["file_path"] = json!("deploy/models.toml");
    f["content"] = json!(base64::engine::general_purpose::STANDARD.encode(text));
    f["last_commit_id"] = json!(last_commit);
    f
}

/// The first job of the documented "List pipeline jobs" example with its name, status and
/// `allow_failure` changed.
pub fn job(name: &str, status: &str, allow_failure: bool) -> Value {
    let mut j = fixture("pipeline-jobs")[0].clone();
    j["name"] = json!(name);
    j["status"] = json!(status);
    j["allow_failure"] = json!(allow_failure);
    j
}

/// The documented note with its id and body changed.
pub fn note(id: u64, body: &str) -> Value {
    let mut n = fixture("note");
    n["id"] = json!(id);
    n["body"] = json!(body);
    n
}

/// A GitLab error body.
pub fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "message": message }))
}

/// A self-managed GitLab under a path prefix (`/gitlab/api/v4`) and a client for
/// `acme/ml/models` on it.
pub async fn self_managed() -> (MockServer, GitLabClient) {
    let server = MockServer::start().await;
    let c = client(&server, "acme/ml/models", Duration::from_secs(5));
    (server, c)
}

pub fn client(server: &MockServer, project: &str, timeout: Duration) -> GitLabClient {
    GitLabClient::new(GitLabSettings {
        api: Url::parse(&format!("{}/gitlab/api/v4", server.uri())).unwrap(),
        host: "gitlab.acme.io".into(),
        project: ProjectId::parse(project).unwrap(),
        token: Token::new(TOKEN),
        origin: TokenOrigin::Env,
        connect_timeout: Duration::from_secs(5),
        timeout,
    })
    .unwrap()
}

/// `/gitlab/api/v4/projects/acme%2Fml%2Fmodels/<tail>`.
pub fn api(tail: &str) -> String {
    if tail.is_empty() {
        format!("/gitlab/api/v4/projects/{PROJECT}")
    } else {
        format!("/gitlab/api/v4/projects/{PROJECT}/{tail}")
    }
}

/// Serves `body` for `GET <route>`.
pub async fn get(server: &MockServer, route: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// Every request the server saw, as `METHOD path?query`; each carried the token in
/// `PRIVATE-TOKEN` and nowhere else.
pub async fn sent(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r.headers.get("private-token").unwrap(), TOKEN);
            assert!(r.headers.get("authorization").is_none());
            assert!(!r.url.as_str().contains(TOKEN));
            describe(r)
        })
        .collect()
}

pub fn describe(r: &Request) -> String {
    match r.url.query() {
        Some(q) => format!("{} {}?{q}", r.method, r.url.path()),
        None => format!("{} {}", r.method, r.url.path()),
    }
}

/// The JSON bodies of the requests with this method and path.
pub async fn bodies(server: &MockServer, m: &str, p: &str) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == m && r.url.path() == p)
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

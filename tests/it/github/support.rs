//! A mock GitHub: fixtures, a client pointed at it, and request inspection.

use std::time::Duration;

use clearance::backends::github::{ApiBase, GitHubClient, GitHubSettings, Token, repo_id};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "ghp_test0k";
pub const OWNER: &str = "acme";
pub const REPO: &str = "models";

/// One of GitHub's documented example bodies (see `tests/fixtures/github/README.md`).
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/github/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The documented pull request, with the fields a test needs changed (`number`, `head.ref`,
/// `head.sha`, `labels`, `draft`; `requested_reviewers` emptied).
pub fn pull(number: u64, branch: &str, sha: &str, labels: &[&str]) -> Value {
    let mut p = fixture("pulls")[0].clone();
    p["number"] = json!(number);
    p["head"]["ref"] = json!(branch);
    p["head"]["sha"] = json!(sha);
    p["labels"] = Value::Array(labels.iter().map(|l| json!({ "name": l })).collect());
    p["draft"] = json!(false);
    p["requested_reviewers"] = json!([]);
    p["requested_teams"] = json!([]);
    p["html_url"] = json!(format!("https://github.com/{OWNER}/{REPO}/pull/{number}"));
    p
}

/// The documented file content, with `content` (base64 of `text`) and `sha` changed.
pub fn content(text: &str, sha: &str) -> Value {
    use base64::Engine as _;
    let mut c = fixture("content-file");
    // GitHub wraps the base64 at 60 characters; so does this.
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let wrapped: Vec<String> = b64
        .as_bytes()
        .chunks(60)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    c["content"] = json!(wrapped.join("\n") + "\n");
    c["sha"] = json!(sha);
    c["path"] = json!("deploy/models.toml");
    c
}

/// A GitHub error body.
pub fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "message": message,
        "documentation_url": "https://docs.github.com/rest",
    }))
}

/// A mock GitHub Enterprise (API under `/api/v3`) and a client for `acme/models` on it.
pub async fn ghe() -> (MockServer, GitHubClient, String) {
    let server = MockServer::start().await;
    let base = format!("{}/api/v3", server.uri());
    let client = client(&base, Duration::from_secs(5));
    (server, client, base)
}

pub fn client(base: &str, timeout: Duration) -> GitHubClient {
    GitHubClient::new(GitHubSettings {
        api: ApiBase::parse(base).unwrap(),
        repo: repo_id(&format!("{OWNER}/{REPO}")).unwrap(),
        token: Token::new(TOKEN),
        connect_timeout: Duration::from_secs(5),
        timeout,
    })
    .unwrap()
}

/// `/api/v3/repos/acme/models/<tail>`.
pub fn repo_path(tail: &str) -> String {
    format!("/api/v3/repos/{OWNER}/{REPO}/{tail}")
}

/// Serves `body` for `GET <route>`.
pub async fn get(server: &MockServer, route: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// Every request the server saw, as `METHOD path?query`.
pub async fn sent(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(describe)
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

/// The text a contents PUT body carries (base64 in `content`).
pub fn decoded(put: &Value) -> String {
    use base64::Engine as _;
    let b64 = put["content"].as_str().unwrap();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap(),
    )
    .unwrap()
}

/// What opening a first promotion PR needs besides the pulls themselves: the repository and
/// its default branch, no deployment file yet, the branch and the file written once each, and
/// the label added once to PR `number`.
pub async fn mount_first_promotion(github: &MockServer, number: u64) {
    use wiremock::matchers::{method, path};
    get(github, "/api/v3/repos/acme/models", fixture("repo")).await;
    get(github, &repo_path("git/ref/heads/master"), fixture("ref")).await;
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(error(404, "Not Found"))
        .mount(github)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("ref-created")))
        .expect(1)
        .mount(github)
        .await;
    Mock::given(method("PUT"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("file-created")))
        .expect(1)
        .mount(github)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path(&format!("issues/{number}/labels"))))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("labels-added")))
        .expect(1)
        .mount(github)
        .await;
}

//! Promotion by pull request against a mock GitHub: the requests of a first run, the reuse
//! paths of a second one, and what a failure in the middle says.

use chrono::DateTime;
use clearance::domain::change::{Approval, ChangeError};
use clearance::domain::promotion::{AliasPlan, ChangeKind, GateRecord};
use clearance::domain::pull_request::PromotionRule;
use clearance::ops::gitops::promote_pr::PrPromotion;
use clearance::ops::gitops::{DeploymentFile, PrSettings, open_promotion_pr};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{bodies, content, decoded, error, fixture, get, ghe, pull, repo_path, sent};

const BRANCH: &str = "clearance/promote/fraud-classifier/v4";
const BASE_SHA: &str = "aa218f56b14c9653891f9e74264a383fa43fefbd";
const MAIN_FILE: &str =
    "# pins\n[models.churn]\nversion = \"7\"\n\n[models.fraud-classifier]\nversion = \"3\"\n";

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

fn promotion(gates_pass: bool, override_gates: bool) -> PrPromotion {
    PrPromotion {
        plan: AliasPlan {
            kind: ChangeKind::Promote,
            model: "fraud-classifier".into(),
            alias: "production".into(),
            from: Some("3".into()),
            to: "4".into(),
            candidate_alias: Some("staging".into()),
        },
        run_id: Some("run4".into()),
        report: "### `fraud-classifier` v4 @staging vs v3 @production\n".into(),
        approval: Approval {
            by: "Ann Lee <ann@example.com>".into(),
            at: DateTime::from_timestamp(1_772_460_300, 0).unwrap(),
            gates: Some(GateRecord {
                passed: gates_pass,
                summary: if gates_pass {
                    "2 of 2 gates pass".into()
                } else {
                    "1 of 2 gates fail".into()
                },
                failed: if gates_pass {
                    vec![]
                } else {
                    vec!["latency_p95_ms: regressed".into()]
                },
            }),
            override_gates,
            reason: override_gates.then(|| "budget raised".to_owned()),
        },
    }
}

/// The repository as it is before any promotion: default branch `master` at `BASE_SHA`,
/// holding `MAIN_FILE`.
async fn repository(server: &MockServer) {
    get(server, "/api/v3/repos/acme/models", fixture("repo")).await;
    get(server, &repo_path("git/ref/heads/master"), fixture("ref")).await;
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .and(query_param("ref", "master"))
        .respond_with(ResponseTemplate::new(200).set_body_json(content(MAIN_FILE, "blob-main")))
        .mount(server)
        .await;
}

/// What the branch's deployment file should become.
fn pinned_file() -> String {
    let mut f = DeploymentFile::parse(MAIN_FILE).unwrap();
    let p = promotion(true, false);
    f.set(&clearance::ops::gitops::Pin {
        model: "fraud-classifier".into(),
        alias: Some("production".into()),
        version: "4".into(),
        previous: Some(Some("3".into())),
        run_id: Some("run4".into()),
        approved_by: Some(p.approval.by.clone()),
        approved_at: Some(p.approval.at),
        gates: p.approval.gates,
        overridden: false,
        reason: None,
    });
    f.render()
}

async fn file_on_branch(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .and(query_param("ref", BRANCH))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn no_open_pr(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("head", format!("acme:{BRANCH}").as_str()))
        .and(query_param("state", "open"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
}

async fn labels(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(repo_path("issues/42/labels")))
        .and(body_json(json!({ "labels": ["model-promotion"] })))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("labels-added")))
        .expect(1)
        .mount(server)
        .await;
}

fn created_pull() -> Value {
    let mut p = fixture("pull-created");
    p["number"] = json!(42);
    p["head"]["ref"] = json!(BRANCH);
    p["html_url"] = json!("https://github.com/acme/models/pull/42");
    p
}

#[tokio::test]
async fn a_first_promotion_creates_the_branch_commits_the_pin_and_opens_a_labelled_pr() {
    let (server, host, _) = ghe().await;
    repository(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .and(body_json(
            json!({ "ref": format!("refs/heads/{BRANCH}"), "sha": BASE_SHA }),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("ref-created")))
        .expect(1)
        .mount(&server)
        .await;
    // A new branch holds main's file until the commit.
    file_on_branch(
        &server,
        ResponseTemplate::new(200).set_body_json(content(MAIN_FILE, "blob-main")),
    )
    .await;
    Mock::given(method("PUT"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("file-updated")))
        .expect(1)
        .mount(&server)
        .await;
    no_open_pr(&server).await;
    let p = promotion(true, false);
    let body = clearance::ops::gitops::promote_pr::body(
        &p,
        "deploy/models.toml",
        clearance::host::Vocabulary::PullRequest,
    );
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .and(body_json(json!({
            "title": "Promote fraud-classifier v4 to production (v3 → v4)",
            "head": BRANCH,
            "base": "master",
            "body": body,
            "draft": false,
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(created_pull()))
        .expect(1)
        .mount(&server)
        .await;
    labels(&server).await;

    let pr = open_promotion_pr(&host, &p, &settings()).await.unwrap();
    assert_eq!(
        pr.steps,
        [
            format!("branch '{BRANCH}' created from 'master'"),
            "'deploy/models.toml' committed on it, pinning v4".to_owned(),
            "pull request #42 opened: https://github.com/acme/models/pull/42".to_owned(),
            "labelled 'model-promotion'".to_owned(),
        ]
    );
    assert!(pr.branch_created && pr.file_committed && pr.pr_created);
    let put = &bodies(&server, "PUT", &repo_path("contents/deploy/models.toml")).await[0];
    assert_eq!(
        (&put["branch"], &put["sha"], &put["message"]),
        (
            &json!(BRANCH),
            &json!("blob-main"),
            &json!(
                "Promote fraud-classifier v4 to production\n\nApproved by Ann Lee \
                 <ann@example.com> at 2026-03-02T14:05:00Z.\nGates: 2 of 2 gates pass."
            )
        )
    );
    assert!(put.get("commiter").is_none() && put.get("committer").is_none());
    assert_eq!(decoded(put), pinned_file());
    assert!(
        decoded(put).starts_with("# pins\n[models.churn]\nversion = \"7\"\n"),
        "the other model's pin is untouched:\n{}",
        decoded(put)
    );
    assert!(body.contains("### Approval") && body.contains("### `fraud-classifier` v4"));
}

#[tokio::test]
async fn a_second_run_reuses_the_branch_and_updates_the_open_pr() {
    let (server, host, _) = ghe().await;
    repository(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .respond_with(error(422, "Reference already exists"))
        .expect(1)
        .mount(&server)
        .await;
    // The branch already holds exactly this pin: nothing to commit.
    file_on_branch(
        &server,
        ResponseTemplate::new(200).set_body_json(content(&pinned_file(), "blob-pinned")),
    )
    .await;
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("head", format!("acme:{BRANCH}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([pull(
            42,
            BRANCH,
            "sha42",
            &[]
        )])))
        .expect(1)
        .mount(&server)
        .await;
    let p = promotion(true, false);
    Mock::given(method("PATCH"))
        .and(path(repo_path("pulls/42")))
        .and(body_json(json!({
                "title": "Promote fraud-classifier v4 to production (v3 → v4)",
                "body": clearance::ops::gitops::promote_pr::body(
            &p,
            "deploy/models.toml",
            clearance::host::Vocabulary::PullRequest,
        ),
            })))
        .respond_with(ResponseTemplate::new(200).set_body_json(created_pull()))
        .expect(1)
        .mount(&server)
        .await;
    labels(&server).await;
    for (m, route) in [("POST", "pulls"), ("PUT", "contents/deploy/models.toml")] {
        Mock::given(method(m))
            .and(path(repo_path(route)))
            .respond_with(ResponseTemplate::new(500))
            .expect(0)
            .mount(&server)
            .await;
    }
    let pr = open_promotion_pr(&host, &p, &settings()).await.unwrap();
    assert_eq!(
        pr.steps,
        [
            format!("branch '{BRANCH}' already there, reused"),
            "'deploy/models.toml' on it already pins v4".to_owned(),
            "pull request #42 updated: https://github.com/acme/models/pull/42".to_owned(),
            "labelled 'model-promotion'".to_owned(),
        ]
    );
    assert!(!pr.branch_created && !pr.file_committed && !pr.pr_created);
}

#[tokio::test]
async fn a_pr_opened_meanwhile_is_found_and_updated() {
    let (server, host, _) = ghe().await;
    repository(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .respond_with(error(422, "Reference already exists"))
        .mount(&server)
        .await;
    file_on_branch(&server, error(404, "Not Found")).await;
    Mock::given(method("PUT"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("file-created")))
        .expect(1)
        .mount(&server)
        .await;
    // Not listed at first; creating says it exists; the second look finds it.
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("head", format!("acme:{BRANCH}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(repo_path("pulls")))
        .and(query_param("head", format!("acme:{BRANCH}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([pull(
            42,
            BRANCH,
            "sha42",
            &[]
        )])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "message": "Validation Failed",
            "errors": [{"resource": "PullRequest", "code": "custom",
                        "message": format!("A pull request already exists for acme:{BRANCH}.")}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(repo_path("pulls/42")))
        .respond_with(ResponseTemplate::new(200).set_body_json(created_pull()))
        .expect(1)
        .mount(&server)
        .await;
    labels(&server).await;
    let pr = open_promotion_pr(&host, &promotion(true, false), &settings())
        .await
        .unwrap();
    assert_eq!((pr.number, pr.pr_created), (42, false));
    let put = &bodies(&server, "PUT", &repo_path("contents/deploy/models.toml")).await[0];
    assert!(put.get("sha").is_none(), "a missing file is created: {put}");
}

#[tokio::test]
async fn a_failure_midway_says_what_exists_on_github() {
    let (server, host, _) = ghe().await;
    repository(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("ref-created")))
        .mount(&server)
        .await;
    file_on_branch(
        &server,
        ResponseTemplate::new(200).set_body_json(content(MAIN_FILE, "blob-main")),
    )
    .await;
    Mock::given(method("PUT"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("file-updated")))
        .mount(&server)
        .await;
    no_open_pr(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(error(502, "Server Error"))
        .expect(1)
        .mount(&server)
        .await;
    let e = open_promotion_pr(&host, &promotion(true, false), &settings())
        .await
        .unwrap_err();
    assert_eq!(
        e,
        ChangeError::Partial(format!(
            "branch '{BRANCH}' created from 'master', 'deploy/models.toml' committed on it, \
             pinning v4; pull request not opened: opening a pull request from '{BRANCH}' into \
             'master' of acme/models: GitHub failed (HTTP 502: Server Error); clearance does not \
             retry: try again later. Run the same promotion again to finish: the branch and the \
             pull request are reused"
        ))
    );
}

#[tokio::test]
async fn a_failure_before_any_write_says_nothing_changed() {
    let (server, host, _) = ghe().await;
    get(&server, "/api/v3/repos/acme/models", fixture("repo")).await;
    Mock::given(method("GET"))
        .and(path(repo_path("git/ref/heads/master")))
        .respond_with(error(401, "Bad credentials"))
        .mount(&server)
        .await;
    let e = open_promotion_pr(&host, &promotion(true, false), &settings())
        .await
        .unwrap_err();
    assert!(matches!(e, ChangeError::Failed(_)), "{e:?}");
    assert!(
        e.to_string().starts_with(
            "nothing was changed on GitHub: reading the branch 'master' of acme/models: GitHub \
             refused the token (HTTP 401: Bad credentials)"
        ),
        "{e}"
    );
}

#[tokio::test]
async fn failing_gates_refuse_before_any_request_and_an_override_is_recorded() {
    let (server, host, _) = ghe().await;
    let e = open_promotion_pr(&host, &promotion(false, false), &settings())
        .await
        .unwrap_err();
    assert!(matches!(e, ChangeError::Refused(_)), "{e:?}");
    assert!(
        e.to_string().starts_with("gates fail (1 of 2 gates fail)"),
        "{e}"
    );
    assert!(
        sent(&server).await.is_empty(),
        "nothing was asked of GitHub"
    );

    repository(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("git/refs")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("ref-created")))
        .mount(&server)
        .await;
    file_on_branch(&server, error(404, "Not Found")).await;
    Mock::given(method("PUT"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("file-created")))
        .mount(&server)
        .await;
    no_open_pr(&server).await;
    Mock::given(method("POST"))
        .and(path(repo_path("pulls")))
        .respond_with(ResponseTemplate::new(201).set_body_json(created_pull()))
        .mount(&server)
        .await;
    labels(&server).await;
    open_promotion_pr(&host, &promotion(false, true), &settings())
        .await
        .unwrap();
    let put = &bodies(&server, "PUT", &repo_path("contents/deploy/models.toml")).await[0];
    let pin = DeploymentFile::parse(&decoded(put))
        .unwrap()
        .pin("fraud-classifier")
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            pin.overridden,
            pin.reason.as_deref(),
            pin.gates.map(|g| g.passed)
        ),
        (true, Some("budget raised"), Some(false))
    );
    let pr = &bodies(&server, "POST", &repo_path("pulls")).await[0];
    assert!(
        pr["body"]
            .as_str()
            .unwrap()
            .contains("- Gates: ❌ 1 of 2 gates fail, **overridden**"),
        "{pr}"
    );
}

#[tokio::test]
async fn a_version_main_already_pins_is_refused() {
    let (server, host, _) = ghe().await;
    get(&server, "/api/v3/repos/acme/models", fixture("repo")).await;
    get(&server, &repo_path("git/ref/heads/master"), fixture("ref")).await;
    Mock::given(method("GET"))
        .and(path(repo_path("contents/deploy/models.toml")))
        .respond_with(ResponseTemplate::new(200).set_body_json(content(
            "[models.fraud-classifier]\nalias = \"production\"\nversion = \"4\"\n",
            "b",
        )))
        .mount(&server)
        .await;
    let e = open_promotion_pr(&host, &promotion(true, false), &settings())
        .await
        .unwrap_err();
    assert_eq!(
        e,
        ChangeError::Refused(
            "'deploy/models.toml' on 'master' already pins v4 of 'fraud-classifier' to \
             @production: nothing to propose (CI's `clearance apply deploy/models.toml` moves \
             the alias)"
                .into()
        )
    );
}

//! The sticky report comment: found on any page, updated in place, never duplicated.

use clearance::ops::gitops::comment::marker;
use clearance::ops::gitops::{CommentOutcome, report_comment_body, upsert_report_comment};
use pretty_assertions::assert_eq;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{bodies, fixture, ghe, repo_path};

fn comment(id: u64, body: &str) -> serde_json::Value {
    let mut c = fixture("comments")[0].clone();
    c["id"] = json!(id);
    c["body"] = json!(body);
    c
}

/// 30 chatty comments on page 1, the report on page 2 (where CML stops looking).
async fn two_pages(server: &MockServer, base: &str, report: &str) {
    let page1: Vec<_> = (1..=30).map(|i| comment(i, "LGTM")).collect();
    Mock::given(method("GET"))
        .and(path(repo_path("issues/7/comments")))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page1)
                .insert_header(
                "link",
                format!(
                    "<{base}/repos/acme/models/issues/7/comments?per_page=100&page=2>; rel=\"next\""
                )
                .as_str(),
            ),
        )
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(repo_path("issues/7/comments")))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            comment(31, &report_comment_body("churn", "other model")),
            comment(32, report),
            comment(33, "thanks"),
        ])))
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_report_on_a_later_page_is_updated_not_duplicated() {
    let (server, host, base) = ghe().await;
    two_pages(
        &server,
        &base,
        &report_comment_body("fraud", "### old report"),
    )
    .await;
    let new_body = report_comment_body("fraud", "### new report");
    Mock::given(method("PATCH"))
        .and(path(repo_path("issues/comments/32")))
        .and(body_json(json!({ "body": new_body })))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("comment-updated")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let out = upsert_report_comment(&host, 7, "fraud", &new_body)
        .await
        .unwrap();
    assert!(matches!(out, CommentOutcome::Updated(_)), "{out:?}");
    assert_eq!(
        out.comment().url,
        "https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"
    );
}

#[tokio::test]
async fn the_same_report_again_changes_nothing() {
    let (server, host, base) = ghe().await;
    let body = report_comment_body("fraud", "### report");
    two_pages(&server, &base, &body).await;
    let out = upsert_report_comment(&host, 7, "fraud", &body)
        .await
        .unwrap();
    assert!(
        matches!(out, CommentOutcome::Unchanged(ref c) if c.id == 32),
        "{out:?}"
    );
    assert!(
        bodies(&server, "PATCH", &repo_path("issues/comments/32"))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn without_an_earlier_report_one_is_posted() {
    let (server, host, _) = ghe().await;
    Mock::given(method("GET"))
        .and(path(repo_path("issues/7/comments")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([comment(1, "LGTM")])))
        .mount(&server)
        .await;
    let body = report_comment_body("fraud", "### report");
    assert!(body.starts_with(&marker("fraud")));
    Mock::given(method("POST"))
        .and(path(repo_path("issues/7/comments")))
        .and(body_json(json!({ "body": body })))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("comment-created")))
        .expect(1)
        .mount(&server)
        .await;
    let out = upsert_report_comment(&host, 7, "fraud", &body)
        .await
        .unwrap();
    assert!(
        matches!(out, CommentOutcome::Created(ref c) if c.id == 1),
        "{out:?}"
    );
}

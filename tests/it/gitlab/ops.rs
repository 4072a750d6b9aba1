//! The host-neutral use cases (promotion by change request, the sticky report note) on a
//! mock GitLab: a first promotion's requests, the reuse paths of a second one (409s
//! included), nothing half-done when the commit fails, and the note found on a later page.

use chrono::DateTime;
use clearance::domain::change::{Approval, ChangeError};
use clearance::domain::promotion::{AliasPlan, ChangeKind, GateRecord};
use clearance::domain::pull_request::PromotionRule;
use clearance::ops::gitops::promote_pr::PrPromotion;
use clearance::ops::gitops::{
    CommentOutcome, PrSettings, open_promotion_pr, report_comment_body, upsert_report_comment,
};
use pretty_assertions::assert_eq;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{api, bodies, error, file, fixture, get, mr, note, self_managed, sent};

const BRANCH: &str = "clearance/promote/fraud/v4";
const BASE_SHA: &str = "7b5c3cc8be40ee161ae89a06bba6229da1032a0c";
const MAIN_FILE: &str = "[models.churn]\nversion = \"7\"\n\n[models.fraud]\nversion = \"3\"\n";

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

fn promotion() -> PrPromotion {
    PrPromotion {
        plan: AliasPlan {
            kind: ChangeKind::Promote,
            model: "fraud".into(),
            alias: "production".into(),
            from: Some("3".into()),
            to: "4".into(),
            candidate_alias: Some("staging".into()),
        },
        run_id: Some("run4".into()),
        report: "### `fraud` v4 @staging vs v3 @production\n".into(),
        approval: Approval {
            by: "Ann Lee <ann@example.com>".into(),
            at: DateTime::from_timestamp(1_772_460_300, 0).unwrap(),
            gates: Some(GateRecord {
                passed: true,
                summary: "2 of 2 gates pass".into(),
                failed: vec![],
            }),
            override_gates: false,
            reason: None,
        },
    }
}

/// The project, its default branch's head and deployment file.
async fn base(server: &MockServer) {
    get(server, &api(""), fixture("project")).await;
    get(server, &api("repository/branches/main"), fixture("branch")).await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", "main"))
        .respond_with(ResponseTemplate::new(200).set_body_json(file(MAIN_FILE, "f11e")))
        .mount(server)
        .await;
}

/// No open MR from the branch (the first `n` lookups), then `then` (if any).
async fn lookups(server: &MockServer, n: u64, then: Option<serde_json::Value>) {
    Mock::given(method("GET"))
        .and(path(api("merge_requests")))
        .and(query_param("source_branch", BRANCH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .up_to_n_times(n)
        .mount(server)
        .await;
    if let Some(found) = then {
        Mock::given(method("GET"))
            .and(path(api("merge_requests")))
            .and(query_param("source_branch", BRANCH))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([found])))
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn a_first_promotion_opens_a_branch_a_commit_and_a_labelled_merge_request() {
    let (server, c) = self_managed().await;
    base(&server).await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("branch")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", BRANCH))
        .respond_with(error(404, "404 File Not Found"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("repository/commits")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("commit-created")))
        .expect(1)
        .mount(&server)
        .await;
    lookups(&server, 1, None).await;
    let opened = mr(7, BRANCH, "ed899a2f", &[], false);
    Mock::given(method("POST"))
        .and(path(api("merge_requests")))
        .respond_with(ResponseTemplate::new(201).set_body_json(opened.clone()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(api("merge_requests/7")))
        .respond_with(ResponseTemplate::new(200).set_body_json(opened))
        .expect(1)
        .mount(&server)
        .await;

    let done = open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap();
    assert_eq!(
        (
            done.number,
            done.branch_created,
            done.file_committed,
            done.pr_created
        ),
        (7, true, true, true)
    );
    // GitLab's words, not GitHub's: `merge request !7`.
    assert!(
        done.steps
            .iter()
            .any(|s| s.starts_with("merge request !7 opened: ")),
        "{:?}",
        done.steps
    );
    assert_eq!(
        bodies(&server, "POST", &api("repository/branches")).await,
        [json!({ "branch": BRANCH, "ref": BASE_SHA })]
    );
    // One commit through the commits API: an `update` of the file as it is on the branch
    // (not there: `create`), carrying the whole new file.
    let commit = &bodies(&server, "POST", &api("repository/commits")).await[0];
    assert_eq!(commit["branch"], BRANCH);
    assert_eq!(commit["actions"][0]["action"], "create");
    assert_eq!(commit["actions"][0]["file_path"], "deploy/models.toml");
    let content = commit["actions"][0]["content"].as_str().unwrap();
    assert!(content.contains("[models.churn]") && content.contains("version = \"4\""));
    let created = &bodies(&server, "POST", &api("merge_requests")).await[0];
    assert_eq!(
        (
            created["source_branch"].as_str(),
            created["target_branch"].as_str(),
            created["title"].as_str()
        ),
        (
            Some(BRANCH),
            Some("main"),
            Some("Promote fraud v4 to production (v3 → v4)")
        )
    );
    let description = created["description"].as_str().unwrap();
    assert!(description.contains("<!-- clearance:promotion model=fraud version=4 -->"));
    assert!(
        description.contains("After this merge request merges"),
        "{description}"
    );
    assert_eq!(
        bodies(&server, "PUT", &api("merge_requests/7")).await,
        [json!({ "add_labels": "model-promotion" })]
    );
    let requests = sent(&server).await;
    assert!(
        requests.contains(&format!(
            "GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/merge_requests?state=opened&per_page=100&source_branch={}",
            BRANCH.replace('/', "%2F")
        )),
        "{requests:#?}"
    );
}

/// A second run: the branch exists (400 "Branch already exists"), the file on it already
/// pins v4 (no commit), the MR did not show in the lookup but creating it answers 409
/// "Another open merge request already exists": it is found and updated, not duplicated (and
/// stays a draft: GitLab's draft state is in its title).
#[tokio::test]
async fn a_second_promotion_reuses_the_branch_and_the_merge_request() {
    let (server, c) = self_managed().await;
    base(&server).await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(error(400, "Branch already exists"))
        .mount(&server)
        .await;
    // What the first run committed: the same text this run would write.
    let first = server_text_of_first_commit().await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", BRANCH))
        .respond_with(ResponseTemplate::new(200).set_body_json(file(&first, "ed899a2f")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("repository/commits")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("commit-created")))
        .expect(0)
        .mount(&server)
        .await;
    lookups(&server, 1, Some(mr(7, BRANCH, "ed899a2f", &[], false))).await;
    Mock::given(method("POST"))
        .and(path(api("merge_requests")))
        .respond_with(error(
            409,
            "Another open merge request already exists for this source branch: !7",
        ))
        .expect(1)
        .mount(&server)
        .await;
    // The MR was opened as a draft: updating its title keeps it one.
    get(
        &server,
        &api("merge_requests/7"),
        mr(7, BRANCH, "ed899a2f", &[], true),
    )
    .await;
    Mock::given(method("PUT"))
        .and(path(api("merge_requests/7")))
        .respond_with(ResponseTemplate::new(200).set_body_json(mr(
            7,
            BRANCH,
            "ed899a2f",
            &[],
            true,
        )))
        .expect(2)
        .mount(&server)
        .await;
    let done = open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap();
    assert_eq!(
        (
            done.number,
            done.branch_created,
            done.file_committed,
            done.pr_created
        ),
        (7, false, false, false)
    );
    let puts = bodies(&server, "PUT", &api("merge_requests/7")).await;
    assert_eq!(
        puts[0]["title"],
        "Draft: Promote fraud v4 to production (v3 → v4)"
    );
    assert_eq!(puts[1], json!({ "add_labels": "model-promotion" }));
}

/// The file a first promotion commits, read from a run against a fresh mock.
async fn server_text_of_first_commit() -> String {
    let (server, c) = self_managed().await;
    base(&server).await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("branch")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", BRANCH))
        .respond_with(error(404, "404 File Not Found"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("repository/commits")))
        .respond_with(error(500, "boom"))
        .mount(&server)
        .await;
    let _ = open_promotion_pr(&c, &promotion(), &settings()).await;
    bodies(&server, "POST", &api("repository/commits")).await[0]["actions"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The commit is refused (the file changed since it was read): no merge request is opened,
/// and the error says what exists.
#[tokio::test]
async fn a_failed_commit_opens_no_merge_request() {
    let (server, c) = self_managed().await;
    base(&server).await;
    Mock::given(method("POST"))
        .and(path(api("repository/commits")))
        .respond_with(error(
            400,
            "You are attempting to update a file that has changed since you started editing it.",
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("repository/branches")))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("branch")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api("repository/files/deploy%2Fmodels.toml")))
        .and(query_param("ref", BRANCH))
        .respond_with(ResponseTemplate::new(200).set_body_json(file("old", "0ld")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api("merge_requests")))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let e = open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap_err();
    let ChangeError::Partial(m) = e else {
        panic!("{e:?}")
    };
    assert!(
        m.starts_with(&format!(
            "branch '{BRANCH}' created from 'main'; deployment file not committed"
        )),
        "{m}"
    );
    assert!(
        m.contains("has changed since you started editing it"),
        "{m}"
    );
    // The update named the commit it replaces.
    let commit = &bodies(&server, "POST", &api("repository/commits")).await[0];
    assert_eq!(commit["actions"][0]["action"], "update");
    assert_eq!(commit["actions"][0]["last_commit_id"], "0ld");
    assert!(
        sent(&server)
            .await
            .iter()
            .all(|r| !r.contains("merge_requests"))
    );
}

/// clearance's earlier note is on the second page of notes: it is updated, not duplicated.
/// System notes never count.
#[tokio::test]
async fn the_sticky_note_is_found_on_any_page_and_updated() {
    let (server, c) = self_managed().await;
    let body = report_comment_body("fraud", "### new report");
    let notes = api("merge_requests/7/notes");
    let base_url = format!("{}/gitlab/api/v4", server.uri());
    Mock::given(method("GET"))
        .and(path(&notes))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([note(
            302,
            "<!-- clearance:report model=fraud -->\n### old report"
        )])))
        .mount(&server)
        .await;
    let mut system = note(300, "<!-- clearance:report model=fraud -->\nadded 1 commit");
    system["system"] = json!(true);
    Mock::given(method("GET"))
        .and(path(&notes))
        .and(query_param("sort", "asc"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([system, note(301, "LGTM")]))
                .insert_header(
                    "link",
                    format!(
                        "<{base_url}/projects/acme%2Fml%2Fmodels/merge_requests/7/notes?sort=asc&order_by=created_at&per_page=100&page=2>; rel=\"next\""
                    )
                    .as_str(),
                ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    get(
        &server,
        &api("merge_requests/7"),
        mr(7, BRANCH, "ed899a2f", &[], false),
    )
    .await;
    Mock::given(method("PUT"))
        .and(path(api("merge_requests/7/notes/302")))
        .respond_with(ResponseTemplate::new(200).set_body_json(note(302, &body)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(&notes))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let out = upsert_report_comment(&c, 7, "fraud", &body).await.unwrap();
    let CommentOutcome::Updated(n) = out else {
        panic!("{out:?}")
    };
    assert_eq!(
        n.url,
        "https://gitlab.acme.io/acme/ml/models/-/merge_requests/7#note_302"
    );
    assert_eq!(
        bodies(&server, "PUT", &api("merge_requests/7/notes/302")).await,
        [json!({ "body": body })]
    );
}

#[tokio::test]
async fn without_an_earlier_note_one_is_posted() {
    let (server, c) = self_managed().await;
    let body = report_comment_body("fraud", "### report");
    get(
        &server,
        &api("merge_requests/7/notes"),
        json!([note(301, "LGTM")]),
    )
    .await;
    get(
        &server,
        &api("merge_requests/7"),
        mr(7, BRANCH, "ed899a2f", &[], false),
    )
    .await;
    Mock::given(method("POST"))
        .and(path(api("merge_requests/7/notes")))
        .respond_with(ResponseTemplate::new(201).set_body_json(note(303, &body)))
        .expect(1)
        .mount(&server)
        .await;
    let out = upsert_report_comment(&c, 7, "fraud", &body).await.unwrap();
    assert!(
        matches!(out, CommentOutcome::Created(ref n) if n.id == 303),
        "{out:?}"
    );
}

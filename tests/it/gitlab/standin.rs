//! The GitLab stand-in (`tests/support/gitlab_standin.py`, Python's standard library only),
//! held to the official python-gitlab client (`tests/support/gitlab_client_check.py`), and
//! clearance's use cases run against it: promotion by merge request (twice: the second
//! reuses everything), the Changes listing with a pipeline and approvals, the sticky note.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use chrono::DateTime;
use clearance::backends::gitlab::{GitLabClient, GitLabSettings, TokenOrigin};
use clearance::domain::change::Approval;
use clearance::domain::promotion::{AliasPlan, ChangeKind};
use clearance::domain::pull_request::{CheckState, PromotionRule, ReviewState};
use clearance::host::{ProjectId, Token};
use clearance::ops::gitops::promote_pr::PrPromotion;
use clearance::ops::gitops::{
    CommentOutcome, PrSettings, open_promotion_pr, open_prs, report_comment_body,
    upsert_report_comment,
};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};
use url::Url;

use crate::support::venv::{self, python};

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/gitlab_standin.py"
);
const CHECK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/gitlab_client_check.py"
);
pub const TOKEN: &str = "glpat-standin0k";

/// A running stand-in; stops when dropped (its stdin closes).
pub struct StandIn {
    pub url: String,
    child: Child,
    stdin: Option<ChildStdin>,
    http: reqwest::Client,
}

impl StandIn {
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(python())
            .arg(SCRIPT)
            .args(["--token", TOKEN])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the GitLab stand-in ({e}): it needs Python 3")
            });
        let stdin = child.stdin.take();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the GitLab stand-in did not start: {line:?}"))
            .to_owned();
        Self {
            url,
            child,
            stdin,
            http: clearance::backends::http::client().build().unwrap(),
        }
    }

    pub fn client(&self) -> GitLabClient {
        GitLabClient::new(GitLabSettings {
            api: Url::parse(&format!("{}/api/v4", self.url)).unwrap(),
            host: "127.0.0.1".into(),
            project: ProjectId::parse("acme/ml/models").unwrap(),
            token: Token::new(TOKEN),
            origin: TokenOrigin::Env,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
        })
        .unwrap()
    }

    pub async fn seed(&self, seed: Value) {
        let r = self
            .http
            .post(format!("{}/_control/seed", self.url))
            .json(&seed)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }

    /// A pipeline with `jobs` on the head commit of the first merge request, as CI runs there.
    pub async fn seed_head_pipeline(&self, jobs: Value) {
        let head = self.state().await["merge_requests"][0]["sha"]
            .as_str()
            .unwrap()
            .to_owned();
        self.seed(json!({"pipelines": [{"sha": head, "jobs": jobs}]}))
            .await;
    }

    /// Merges merge request `iid` as `by`, as a person pressing Merge: the merge commit's SHA.
    pub async fn merge(&self, iid: u64, by: &str) -> String {
        let r: Value = self
            .http
            .post(format!("{}/_control/merge", self.url))
            .json(&json!({ "iid": iid, "by": by }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        r["merge_commit_sha"].as_str().unwrap().to_owned()
    }

    pub async fn state(&self) -> Value {
        self.control("state").await
    }

    /// Every API request: `{method, path, query, body}`.
    pub async fn log(&self) -> Vec<Value> {
        match self.control("log").await {
            Value::Array(v) => v,
            other => panic!("{other}"),
        }
    }

    async fn control(&self, what: &str) -> Value {
        self.http
            .get(format!("{}/_control/{what}", self.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every endpoint clearance uses, through python-gitlab: paths, bodies, pagination (python-
/// gitlab follows `Link`), errors and the objects it builds from the answers.
#[test]
fn the_standin_answers_as_python_gitlab_expects() {
    let venv = venv::gitlab_venv().unwrap();
    let s = StandIn::start(&[]);
    let out = Command::new(venv::bin(venv, "python"))
        .args([CHECK, &s.url, TOKEN])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.trim_end().ends_with("all checks passed"), "{text}");
    assert!(text.contains("ok MRs over pages"), "{text}");
    assert!(text.contains("ok MRs of a merge commit"), "{text}");
    assert!(
        text.contains("ok job stages, durations and allowance"),
        "{text}"
    );
}

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
            gates: None,
            override_gates: false,
            reason: None,
        },
    }
}

#[tokio::test]
async fn promotion_by_merge_request_against_the_standin() {
    let s = StandIn::start(&[]);
    let c = s.client();
    let first = open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap();
    assert_eq!(
        (
            first.number,
            first.branch_created,
            first.file_committed,
            first.pr_created
        ),
        (1, true, true, true)
    );
    // Again: the branch, the file and the MR are reused, nothing is duplicated.
    let again = open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap();
    assert_eq!(
        (
            again.number,
            again.branch_created,
            again.file_committed,
            again.pr_created
        ),
        (1, false, false, false)
    );
    let state = s.state().await;
    let mrs = state["merge_requests"].as_array().unwrap();
    assert_eq!(mrs.len(), 1);
    assert_eq!(mrs[0]["labels"], json!(["model-promotion"]));
    let file = state["files"]["clearance/promote/fraud/v4"]["deploy/models.toml"]
        .as_str()
        .unwrap();
    assert!(
        file.contains("[models.fraud]") && file.contains("version = \"4\""),
        "{file}"
    );
    let commits = s
        .log()
        .await
        .iter()
        .filter(|e| e["path"].as_str().unwrap().ends_with("/repository/commits"))
        .count();
    assert_eq!(commits, 1, "one commit in all");

    // The Changes listing: the newest pipeline's jobs on the MR's head, and who approved.
    let head = mrs[0]["sha"].as_str().unwrap().to_owned();
    s.seed(json!({
        "pipelines": [{"sha": head, "jobs": [
            {"name": "test", "status": "success", "stage": "build", "duration": 42.25},
            {"name": "report", "status": "running", "stage": "test"},
            {"name": "deploy", "status": "manual", "stage": "deploy"},
        ]}],
        "approvals": {"1": ["root"]},
    }))
    .await;
    let prs = open_prs(&c, &settings()).await.unwrap();
    assert_eq!(prs.len(), 1);
    let p = &prs[0];
    assert_eq!(
        (p.review, p.checks.state, p.checks.passed, p.checks.pending),
        (ReviewState::Approved, CheckState::Pending, 1, 1)
    );
    jobs_in_pipeline_order(p);

    // The sticky note: posted once, then updated in place.
    let body = report_comment_body("fraud", "### report 1");
    let posted = upsert_report_comment(&c, 1, "fraud", &body).await.unwrap();
    assert!(matches!(posted, CommentOutcome::Created(_)), "{posted:?}");
    let body = report_comment_body("fraud", "### report 2");
    let updated = upsert_report_comment(&c, 1, "fraud", &body).await.unwrap();
    let CommentOutcome::Updated(n) = updated else {
        panic!("{updated:?}")
    };
    assert!(
        n.url
            .ends_with(&format!("/-/merge_requests/1#note_{}", n.id)),
        "{}",
        n.url
    );
    let notes = &s.state().await["notes"]["1"];
    assert_eq!(notes.as_array().unwrap().len(), 1);
    assert!(notes[0]["body"].as_str().unwrap().ends_with("### report 2"));
}

/// Each job of the seeded pipeline, in pipeline order though the stand-in lists the newest
/// first, as GitLab does; each with its page, and the pipeline's.
fn jobs_in_pipeline_order(p: &clearance::domain::PullRequest) {
    let jobs: Vec<_> = p
        .jobs
        .iter()
        .map(|j| {
            (
                j.name.as_str(),
                j.stage.as_deref(),
                j.status.as_str(),
                j.duration_ms,
            )
        })
        .collect();
    assert_eq!(
        jobs,
        [
            ("test", Some("build"), "passed", Some(42_250)),
            ("report", Some("test"), "running", None),
            ("deploy", Some("deploy"), "manual", None),
        ]
    );
    let pipeline = p.pipeline.as_ref().unwrap();
    assert!(
        p.jobs.iter().all(|j| j
            .url
            .as_deref()
            .is_some_and(|u| u.contains("/acme/ml/models/-/jobs/"))),
        "{:?}",
        p.jobs
    );
    assert!(
        pipeline
            .url
            .as_deref()
            .is_some_and(|u| u.ends_with(&format!("/-/pipelines/{}", pipeline.id))),
        "{pipeline:?}"
    );
    assert_eq!(
        p.promotion.as_ref().map(|r| r.version.label()),
        Some("v4".to_owned())
    );
}

/// An instance without approvals (403): the listing still works, with no approvals.
#[tokio::test]
async fn without_approvals_the_listing_still_works() {
    let s = StandIn::start(&["--no-approvals"]);
    let c = s.client();
    open_promotion_pr(&c, &promotion(), &settings())
        .await
        .unwrap();
    let prs = open_prs(&c, &settings()).await.unwrap();
    assert_eq!(
        (prs.len(), prs[0].review, prs[0].checks.state),
        (1, ReviewState::None, CheckState::None)
    );
}

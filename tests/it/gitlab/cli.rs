//! The commands on GitLab, with the real binary: `prs --json` (the same document as on
//! GitHub), `comment` in a GitLab CI merge request pipeline (the MR from
//! `$CI_MERGE_REQUEST_IID`, the project and API from `$CI_PROJECT_ID` and `$CI_API_V4_URL`),
//! and `apply` in GitLab CI recording the pipeline; against the GitLab stand-in and the real
//! MLflow server.

use chrono::DateTime;
use clearance::domain::change::Approval;
use clearance::domain::promotion::{AliasPlan, AuditEntry, ChangeKind, EVENT_TAG_PREFIX};
use clearance::domain::pull_request::PromotionRule;
use clearance::ops::gitops::promote_pr::PrPromotion;
use clearance::ops::gitops::{PrSettings, open_promotion_pr};
use clearance::store::ModelRegistry as _;
use pretty_assertions::assert_eq;
use serde_json::Value;

use super::standin::{StandIn, TOKEN};
use crate::support::{self, Clearance, Seeder};

/// `name`: v1 @production, v2 @staging; the run ids.
async fn model(seed: &Seeder, name: &str) -> Vec<String> {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut runs = Vec::new();
    for i in 1..=2 {
        runs.push(
            seed.run(&exp)
                .name(&format!("{name}-run{i}"))
                .metric("val_auc", 0.9 + f64::from(i) / 100.0)
                .finished()
                .await,
        );
    }
    let m = seed.model(name).await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).alias("staging").await;
    runs.into_iter().map(|r| r.id).collect()
}

/// Opens the promotion MR of `model` v2 on the stand-in, as `promote --via pr` would.
pub(super) async fn promotion_mr(gitlab: &StandIn, model: &str) {
    let settings = PrSettings {
        rule: PromotionRule {
            branch_prefix: "clearance/promote/".into(),
            label: "model-promotion".into(),
        },
        deployment_file: "deploy/models.toml".into(),
        base_branch: None,
        draft: false,
    };
    let p = PrPromotion {
        plan: AliasPlan {
            kind: ChangeKind::Promote,
            model: model.into(),
            alias: "production".into(),
            from: Some("1".into()),
            to: "2".into(),
            candidate_alias: Some("staging".into()),
        },
        run_id: None,
        report: String::new(),
        approval: Approval {
            by: "Ann Lee <ann@example.com>".into(),
            at: DateTime::from_timestamp(1_772_460_300, 0).unwrap(),
            gates: None,
            override_gates: false,
            reason: None,
        },
    };
    open_promotion_pr(&gitlab.client(), &p, &settings)
        .await
        .unwrap();
}

#[tokio::test]
async fn prs_json_lists_merge_requests_as_it_lists_pull_requests() {
    let server = support::shared();
    let gitlab = StandIn::start(&[]);
    promotion_mr(&gitlab, "gl-prs").await;
    gitlab
        .seed_head_pipeline(serde_json::json!([
            {"name": "test", "status": "success", "stage": "test", "duration": 12.5},
            {"name": "lint", "status": "failed", "stage": "test", "allow_failure": true},
        ]))
        .await;
    let cli = Clearance::new(server.url());
    let out = cli
        .run_with_env(
            &[
                "prs",
                "--json",
                "--gitlab-project",
                "acme/ml/models",
                "--gitlab-url",
                &gitlab.url,
            ],
            &[("GITLAB_TOKEN", TOKEN)],
        )
        .await;
    out.expect_code(0);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let prs = doc["pull_requests"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc:#}"));
    assert_eq!(prs.len(), 1, "{doc:#}");
    assert_eq!(prs[0]["number"], 1);
    assert_eq!(prs[0]["head_branch"], "clearance/promote/gl-prs/v2");
    assert_eq!(prs[0]["promotion"]["model"], "gl-prs");
    assert_eq!(prs[0]["promotion"]["version"], "2");
    // The allowed failure passes, as GitLab counts it; the jobs in the shape GitHub's have.
    assert_eq!(prs[0]["checks"]["state"], "success");
    let jobs = &prs[0]["jobs"];
    assert_eq!(
        (
            &jobs[0]["name"],
            &jobs[0]["stage"],
            &jobs[0]["duration_secs"]
        ),
        (
            &serde_json::json!("test"),
            &serde_json::json!("test"),
            &serde_json::json!(12.5)
        )
    );
    assert_eq!(
        (
            &jobs[1]["status"],
            &jobs[1]["allow_failure"],
            &jobs[1]["duration_secs"]
        ),
        (
            &serde_json::json!("failed"),
            &serde_json::json!(true),
            &Value::Null
        )
    );
    assert!(jobs[1]["url"].as_str().unwrap().contains("/-/jobs/"));
    assert!(prs[0]["pipeline"]["id"].is_u64(), "{doc:#}");
    support::assert_valid_prs(&cli, &doc).await;
    // The stand-in's approval rule (1 required), nobody has approved yet.
    assert_eq!(prs[0]["approved_by"], serde_json::json!([]));
    assert_eq!(
        prs[0]["approvals"],
        serde_json::json!({ "required": 1, "left": 1 })
    );
    assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
}

#[tokio::test]
async fn comment_in_a_gitlab_merge_request_pipeline_posts_then_updates_one_note() {
    let server = support::shared();
    model(&server.seed(), "gl-comment").await;
    let gitlab = StandIn::start(&[]);
    promotion_mr(&gitlab, "gl-comment").await;
    let cli = Clearance::new(server.url());
    let api = format!("{}/api/v4", gitlab.url);
    let ci = [
        ("GITLAB_CI", "true"),
        ("CI_API_V4_URL", api.as_str()),
        ("CI_PROJECT_ID", "4242"),
        ("CI_MERGE_REQUEST_IID", "1"),
        ("GITLAB_TOKEN", TOKEN),
    ];
    let first = cli.run_with_env(&["comment"], &ci).await;
    first.expect_code(0);
    assert!(
        first
            .stdout
            .starts_with("posted the report comment on !1 (v2 @"),
        "{}",
        first.stdout
    );
    let second = cli.run_with_env(&["comment"], &ci).await;
    second.expect_code(0);
    assert!(
        second
            .stdout
            .starts_with("unchanged the report comment on !1"),
        "{}",
        second.stdout
    );
    let notes = &gitlab.state().await["notes"]["1"];
    assert_eq!(notes.as_array().unwrap().len(), 1);
    assert!(
        notes[0]["body"]
            .as_str()
            .unwrap()
            .starts_with("<!-- clearance:report model=gl-comment -->"),
        "{notes:#}"
    );
}

#[tokio::test]
async fn apply_in_gitlab_ci_records_the_pipeline() {
    let server = support::shared();
    let runs = model(&server.seed(), "gl-apply").await;
    let cli = Clearance::new(server.url());
    let file = cli.write_config(
        "models.toml",
        &format!(
            "[models.gl-apply]\nalias = \"production\"\nversion = \"2\"\nprevious = \"1\"\n\
             run_id = \"{}\"\napproved_by = \"Ann Lee <ann@example.com>\"\n",
            runs[1]
        ),
    );
    let pipeline = "https://gitlab.example.com/acme/ml/models/-/pipelines/77";
    let out = cli
        .run_with_env(
            &["apply", file.to_str().unwrap()],
            &[("GITLAB_CI", "true"), ("CI_PIPELINE_URL", pipeline)],
        )
        .await;
    out.expect_code(0);
    let by = format!("Ann Lee <ann@example.com> (applied by GitLab CI pipeline {pipeline})");
    assert!(out.stdout.contains(&by), "{}", out.stdout);
    let m = server.client().model("gl-apply").await.unwrap();
    let events: Vec<AuditEntry> = m
        .versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with(EVENT_TAG_PREFIX))
        .map(|(_, v)| serde_json::from_str(v).unwrap())
        .collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].by, by);
}

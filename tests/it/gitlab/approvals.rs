//! `apply` in GitLab CI counts the approvals of the merged merge request that brought the
//! pin (found from `$CI_COMMIT_SHA`): against wiremock serving GitLab's documented examples
//! (what is sent: the encoded project path, the commit's merge requests, the approvals), and
//! through the real binary against the stand-in and the real MLflow server (too few distinct
//! approvals refuse and move nothing; the author's and the run author's approvals never
//! count; enough move).

use clearance::host::CodeHost as _;
use clearance::ops::gitops::apply::{Merged, MergedChange, find_merged};
use clearance::store::ModelRegistry as _;
use pretty_assertions::assert_eq;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use super::cli::promotion_mr;
use super::standin::{StandIn, TOKEN};
use super::support::{api, fixture, mr, self_managed, sent};
use crate::support::{self, Clearance, Seeder};

const SHA: &str = "af5b13261899fb2c0db30abdd0af8b07cb44fdc5";

/// The documented merge requests of a commit: the first merged by bob (GitLab 14.7+ says
/// `merge_user`), a second still open.
#[tokio::test]
async fn the_merge_request_of_a_commit_and_its_approvals() {
    let (server, c) = self_managed().await;
    let mut listed = fixture("commit-merge-requests");
    listed[0]["state"] = json!("merged");
    listed[0]["merge_user"] = json!({ "username": "bob" });
    let mut open = listed[0].clone();
    open["iid"] = json!(2);
    open["state"] = json!("opened");
    open["merge_user"] = json!(null);
    listed.as_array_mut().unwrap().push(open);
    Mock::given(method("GET"))
        .and(path(api(&format!(
            "repository/commits/{SHA}/merge_requests"
        ))))
        .respond_with(ResponseTemplate::new(200).set_body_json(listed))
        .expect(2)
        .mount(&server)
        .await;
    let found = c.change_requests_for_commit(SHA).await.unwrap();
    let got: Vec<_> = found
        .iter()
        .map(|r| {
            (
                r.number,
                r.merged,
                r.merged_by.as_deref(),
                r.author.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, true, Some("bob"), "thedude"),
            (2, false, None, "thedude")
        ]
    );

    // The approvals of !1, as documented (root approved).
    Mock::given(method("GET"))
        .and(path(api("merge_requests/1/approvals")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("approvals")))
        .mount(&server)
        .await;
    let merged = find_merged(&c, None, Some(SHA), None).await.unwrap();
    assert_eq!(
        merged,
        Merged::Found(MergedChange {
            name: "merge request !1".into(),
            author: "thedude".into(),
            merged_by: Some("bob".into()),
            approvers: vec!["root".into()],
            stale_approvers: vec![],
        })
    );
    // `--mr 5`, an open merge request: not merged, so none.
    Mock::given(method("GET"))
        .and(path(api("merge_requests/5")))
        .respond_with(ResponseTemplate::new(200).set_body_json(mr(5, "x", "abc", &[], false)))
        .mount(&server)
        .await;
    assert_eq!(
        find_merged(&c, Some(5), None, None).await.unwrap(),
        Merged::Unknown("merge request !5 is not merged".into())
    );
    let requests = sent(&server).await;
    assert!(
        requests.contains(&format!(
            "GET /gitlab/api/v4/projects/acme%2Fml%2Fmodels/repository/commits/{SHA}/merge_requests?per_page=100"
        )),
        "{requests:#?}"
    );
}

/// Bob leads and moves production; two approvals besides the requester and the run's author.
const POLICY: &str = r#"[[policy.rules]]
alias = "production"
movers = ["group:leads"]
approvals = 2

[policy.groups]
leads = ["bob"]
"#;

/// v1 @production, v2 @staging from a run Erin trained; v2's run id.
async fn model(seed: &Seeder, name: &str) -> String {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let r1 = seed.run(&exp).metric("val_auc", 0.91).finished().await;
    let r2 = seed
        .run(&exp)
        .metric("val_auc", 0.92)
        .tag("mlflow.user", "erin")
        .finished()
        .await;
    let m = seed.model(name).await;
    seed.version(&m, &r1).alias("production").await;
    seed.version(&m, &r2).alias("staging").await;
    r2.id
}

#[tokio::test]
async fn apply_in_gitlab_ci_counts_the_merged_requests_distinct_approvals() {
    let server = support::shared();
    let name = "gl-apply-approvals";
    let run = model(&server.seed(), name).await;
    let gitlab = StandIn::start(&[]);
    // clearance-bot opens !1; Bob merges it.
    promotion_mr(&gitlab, name).await;
    gitlab
        .seed(json!({ "approvals": { "1": ["clearance-bot", "erin", "alice"] } }))
        .await;
    let sha = gitlab.merge(1, "bob").await;

    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), POLICY).unwrap();
    let file = cli.write_config(
        "models.toml",
        &format!(
            "[models.{name}]\nalias = \"production\"\nversion = \"2\"\nprevious = \"1\"\n\
             run_id = \"{run}\"\napproved_by = \"Ann Lee <ann@example.com>\"\n"
        ),
    );
    let api = format!("{}/api/v4", gitlab.url);
    let ci = [
        ("GITLAB_CI", "true"),
        ("CI_API_V4_URL", api.as_str()),
        ("CI_PROJECT_ID", "4242"),
        ("CI_COMMIT_SHA", sha.as_str()),
        ("GITLAB_TOKEN", TOKEN),
    ];
    let args = ["apply", file.to_str().unwrap()];
    let out = cli.run_with_env(&args, &ci).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(
            "the policy is judged on merge request !1: by clearance-bot, merged by bob, approved \
             by alice, clearance-bot, erin"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "approvals: 1 of 2 approvals (alice); not counted: clearance-bot asked for the move, \
             erin authored the candidate's run"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));
    let production = || async {
        let m = server.client().model(name).await.unwrap();
        m.aliases.get("production").map(|v| v.as_str().to_owned())
    };
    assert_eq!(production().await.as_deref(), Some("1"), "nothing moved");
    let log = gitlab.log().await;
    assert!(
        log.iter().any(|r| r["method"] == "GET"
            && r["path"]
                == format!("/api/v4/projects/4242/repository/commits/{sha}/merge_requests")),
        "{log:#?}"
    );

    // Dan approves too: two distinct approvals besides the author and the run's author.
    gitlab
        .seed(json!({ "approvals": { "1": ["clearance-bot", "erin", "alice", "dan"] } }))
        .await;
    let out = cli.run_with_env(&args, &ci).await;
    out.expect_code(0);
    assert_eq!(production().await.as_deref(), Some("2"));
}

//! `apply` in GitHub Actions counts the reviews of the merged pull request that brought the
//! pin (found from `$GITHUB_SHA`) as the policy's approvals, against a mock GitHub serving
//! its documented examples and the real MLflow server: too few distinct approvals refuse and
//! move nothing; the author's and the run author's own approvals never count; enough move.

use clearance::store::ModelRegistry;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{TOKEN, fixture, pull, sent};
use crate::support::{self, Clearance, Seeder};

const SHA: &str = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

/// Bob leads and moves production; two approvals besides the requester and the run's author.
const POLICY: &str = r#"[[policy.rules]]
alias = "production"
movers = ["group:leads"]
approvals = 2

[policy.groups]
leads = ["bob"]
"#;

/// v1 @production; v2 from a run Erin trained. Returns v2's run id.
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
    seed.version(&m, &r2).await;
    r2.id
}

fn pin(model: &str, run_id: &str) -> String {
    format!(
        "[models.{model}]\nalias = \"production\"\nversion = \"2\"\nprevious = \"1\"\n\
         run_id = \"{run_id}\"\napproved_by = \"carol\"\n"
    )
}

/// A review by `login` saying `state` of the commit merged, from the documented example.
fn review(login: &str, state: &str, at: &str) -> Value {
    let mut r = fixture("reviews")[0].clone();
    r["user"]["login"] = json!(login);
    r["state"] = json!(state);
    r["submitted_at"] = json!(at);
    r["commit_id"] = json!(SHA);
    r
}

/// The documented example review as it is: of commit `ecdd80bb…`, not the one merged.
fn review_of_an_earlier_commit(login: &str, at: &str) -> Value {
    let mut r = fixture("reviews")[0].clone();
    r["user"]["login"] = json!(login);
    r["submitted_at"] = json!(at);
    assert_ne!(r["commit_id"], json!(SHA));
    r
}

/// GitHub with pull request #12 by Carol, merged by Bob as commit `SHA`, reviewed so.
async fn github(reviews: Vec<Value>, merged: bool) -> MockServer {
    let server = MockServer::start().await;
    // Rebase-merged: its head is the commit CI runs on.
    let mut listed = pull(12, "clearance/promote/x/v2", SHA, &[]);
    listed["user"]["login"] = json!("carol");
    listed["merged_at"] = json!("2026-03-02T15:00:00Z");
    let commit_pulls = if merged { vec![listed] } else { vec![] };
    Mock::given(method("GET"))
        .and(path(format!("/repos/acme/models/commits/{SHA}/pulls")))
        .respond_with(ResponseTemplate::new(200).set_body_json(commit_pulls))
        .mount(&server)
        .await;
    let mut one = fixture("pull");
    one["number"] = json!(12);
    one["user"]["login"] = json!("carol");
    one["merged"] = json!(true);
    one["merged_by"]["login"] = json!("bob");
    Mock::given(method("GET"))
        .and(path("/repos/acme/models/pulls/12"))
        .respond_with(ResponseTemplate::new(200).set_body_json(one))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/repos/acme/models/pulls/12/reviews"))
        .respond_with(ResponseTemplate::new(200).set_body_json(reviews))
        .mount(&server)
        .await;
    server
}

async fn apply(cli: &Clearance, file: &str, github: &MockServer) -> crate::support::CliOutput {
    apply_with(cli, file, github, &[]).await
}

async fn apply_with(
    cli: &Clearance,
    file: &str,
    github: &MockServer,
    extra: &[&str],
) -> crate::support::CliOutput {
    let base = github.uri();
    let mut args = vec![
        "apply",
        file,
        "--repo",
        "acme/models",
        "--github-api-url",
        &base,
    ];
    args.extend_from_slice(extra);
    cli.run_with_env(
        &args,
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SHA", SHA),
            ("GH_ENTERPRISE_TOKEN", TOKEN),
            ("PATH", "/usr/bin:/bin"),
        ],
    )
    .await
}

async fn production(name: &str) -> Option<String> {
    let m = support::shared().client().model(name).await.unwrap();
    m.aliases.get("production").map(|v| v.as_str().to_owned())
}

#[tokio::test]
async fn a_merged_pr_counts_its_distinct_approvals_and_not_its_authors() {
    let server = support::shared();
    let name = "gh-apply-approvals";
    let run = model(&server.seed(), name).await;
    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), POLICY).unwrap();
    let file = cli.write_config("models.toml", &pin(name, &run));
    let file = file.to_str().unwrap();

    // Carol approves her own PR, Erin the version of her own run, Alice changes her mind
    // twice and approves last: one approval counts, two are needed.
    let under = github(
        vec![
            review("carol", "APPROVED", "2026-03-02T14:00:00Z"),
            review("erin", "APPROVED", "2026-03-02T14:01:00Z"),
            review("alice", "CHANGES_REQUESTED", "2026-03-02T14:02:00Z"),
            review("alice", "APPROVED", "2026-03-02T14:03:00Z"),
            review("alice", "COMMENTED", "2026-03-02T14:04:00Z"),
            // Frank approved before the last push: what he approved is not what was merged.
            review_of_an_earlier_commit("frank", "2026-03-02T13:00:00Z"),
        ],
        true,
    )
    .await;
    let out = apply(&cli, file, &under).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(
            "the policy is judged on pull request #12: by carol, merged by bob, approved by \
             alice, carol, erin (not counted: frank approved an earlier commit, not the one \
             merged)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "approvals: 1 of 2 approvals (alice); not counted: carol asked for the move, erin \
             authored the candidate's run"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));
    assert_eq!(
        production(name).await.as_deref(),
        Some("1"),
        "nothing moved"
    );
    let requests = sent(&under).await;
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with(&format!("GET /repos/acme/models/commits/{SHA}/pulls"))),
        "{requests:#?}"
    );

    // A second distinct approver: Bob merged, so he moves; two approvals count.
    let enough = github(
        vec![
            review("carol", "APPROVED", "2026-03-02T14:00:00Z"),
            review("alice", "APPROVED", "2026-03-02T14:03:00Z"),
            review("dan", "APPROVED", "2026-03-02T14:05:00Z"),
        ],
        true,
    )
    .await;
    let out = apply(&cli, file, &enough).await;
    out.expect_code(0);
    assert_eq!(production(name).await.as_deref(), Some("2"));
}

#[tokio::test]
async fn without_a_merged_pr_a_rule_asking_for_approvals_refuses() {
    let server = support::shared();
    let name = "gh-apply-no-pr";
    let run = model(&server.seed(), name).await;
    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), POLICY).unwrap();
    let file = cli.write_config("models.toml", &pin(name, &run));
    let none = github(Vec::new(), false).await;
    // A dry run judges the policy as the move would, and says so before anything moves.
    let dry = apply_with(&cli, file.to_str().unwrap(), &none, &["--dry-run"]).await;
    dry.expect_code(1);
    assert!(dry.stderr.contains("needs 2 approvals"), "{}", dry.stderr);
    assert_eq!(production(name).await.as_deref(), Some("1"));
    let out = apply(&cli, file.to_str().unwrap(), &none).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(&format!(
            "refused by policy: approvals: @production of 'gh-apply-no-pr' needs 2 approvals, \
             counted from the reviews of the merged pull or merge request that brought the pin, \
             and there is none: no merged pull request brought commit {SHA} in acme/models"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(production(name).await.as_deref(), Some("1"));

    // Without a rule asking for approvals, apply moves as before (the pin's approver is
    // judged as the mover: no rule names movers here).
    std::fs::write(
        cli.home().join("config.toml"),
        "[[policy.rules]]\nalias = \"production\"\n",
    )
    .unwrap();
    let out = apply(&cli, file.to_str().unwrap(), &none).await;
    out.expect_code(0);
    assert_eq!(production(name).await.as_deref(), Some("2"));
}

/// `--pr N` in CI must name the pull request whose merge is being applied: one merged as
/// another commit is not believed, and its approvals are not counted.
#[tokio::test]
async fn a_pr_number_that_did_not_bring_the_commit_is_not_believed() {
    let server = support::shared();
    let name = "gh-apply-wrong-pr";
    let run = model(&server.seed(), name).await;
    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), POLICY).unwrap();
    let file = cli.write_config("models.toml", &pin(name, &run));
    let github = github(
        vec![
            review("alice", "APPROVED", "2026-03-02T14:03:00Z"),
            review("dan", "APPROVED", "2026-03-02T14:05:00Z"),
        ],
        true,
    )
    .await;
    // Pull request #7: merged, well approved, but as other commits than $GITHUB_SHA.
    let mut other = fixture("pull");
    other["number"] = json!(7);
    other["merged"] = json!(true);
    other["head"]["sha"] = json!("1111111111111111111111111111111111111111");
    other["merge_commit_sha"] = json!("2222222222222222222222222222222222222222");
    Mock::given(method("GET"))
        .and(path("/repos/acme/models/pulls/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(other))
        .mount(&github)
        .await;
    let out = apply_with(&cli, file.to_str().unwrap(), &github, &["--pr", "7"]).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(&format!(
            "pull request #7 did not bring commit {SHA} (it was merged as \
             2222222222222222222222222222222222222222)"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(production(name).await.as_deref(), Some("1"));
    // The right number: #12 was merged as $GITHUB_SHA (a rebase merge), and moves.
    let out = apply_with(&cli, file.to_str().unwrap(), &github, &["--pr", "12"]).await;
    out.expect_code(0);
    assert_eq!(production(name).await.as_deref(), Some("2"));
}

//! The promotion policy against a real server through the real binary: `policy check`
//! explains, point by point, what a move needs; the stage order reads the hold from the
//! records clearance wrote when the version took staging.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::{self, Clearance, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

/// Alice leads and may move production, after the version held staging with passing gates;
/// `val_auc` may not drop more than 0.002.
const POLICY: &str = r#"user = "alice"

[[metrics]]
name = "val_auc"
tolerance = 0.002
gate = true

[[policy.rules]]
alias = "production"
movers = ["group:leads"]
after = "staging"
min_hold = "0s"

[policy.groups]
leads = ["Alice"]
"#;

/// v1 @production @staging (auc 0.95), v2 (0.957), v3 (0.961).
async fn model(seed: &Seeder, name: &str) {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.957, 0.961].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("{name}-run{}", i + 1))
                .start_time(T0 + i as i64 * 60_000)
                .metric("val_auc", auc)
                .finished()
                .await,
        );
    }
    let m = seed.model(name).await;
    seed.version(&m, &runs[0])
        .alias("production")
        .alias("staging")
        .await;
    seed.version(&m, &runs[1]).await;
    seed.version(&m, &runs[2]).await;
}

fn check<'a>(checks: &'a Value, kind: &str) -> &'a Value {
    checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} check in {checks}"))
}

#[tokio::test]
async fn policy_check_names_each_unmet_rule_and_passes_once_staging_is_recorded() {
    let server = support::shared();
    model(&server.seed(), "policy-order").await;
    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), POLICY).unwrap();

    // Bob is no lead, and v2 never held staging.
    let out = cli
        .run(&[
            "policy",
            "check",
            "policy-order",
            "2",
            "--as",
            "bob",
            "--json",
        ])
        .await;
    out.expect_code(1);
    let v = out.json();
    assert_eq!(v["allowed"], false);
    assert_eq!(v["rule"], "* @production");
    let mover = check(&v["checks"], "mover");
    assert_eq!(mover["state"], "unmet");
    assert_eq!(
        mover["detail"],
        "bob may request this move but not make it: @production of policy-order is moved by \
         group:leads"
    );
    assert_eq!(
        check(&v["checks"], "stage_order")["detail"],
        "v2 must hold @staging for 0s before taking @production; it never held it"
    );

    // Alice puts v2 on staging through clearance: the record carries its gates, passing
    // against v1 which held staging.
    cli.run(&["promote", "policy-order", "2", "--to", "staging", "--yes"])
        .await
        .expect_code(0);
    let out = cli
        .run(&["policy", "check", "policy-order", "@staging"])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout
            .starts_with("policy-order v2 → @production, moved by alice\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("  ✓ stage order") && l.contains("held @staging for")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("allowed: every point of the policy is met\n"),
        "{}",
        out.stdout
    );

    // v3 still never held staging; a rollback is not judged by the stage order.
    let out = cli
        .run(&["policy", "check", "policy-order", "3", "--json"])
        .await;
    out.expect_code(1);
    assert_eq!(
        check(&out.json()["checks"], "stage_order")["state"],
        "unmet"
    );
    cli.run(&["policy", "check", "policy-order", "3", "--rollback"])
        .await
        .expect_code(0);
}

#[tokio::test]
async fn an_invalid_policy_is_an_error_naming_its_key() {
    let server = support::shared();
    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        "[[policy.rules]]\nalias = \"production\"\nmovers = [\"group:sre\"]\n",
    )
    .unwrap();
    let out = cli.run(&["policy", "check", "any-model", "1"]).await;
    out.expect_code(2);
    assert!(
        out.stderr
            .contains("key 'policy.rules': rule 1 (* @production): the group 'sre' is not defined"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn an_unknown_model_is_an_error_not_a_refusal() {
    let server = support::shared();
    let cli = Clearance::new(server.url());
    let out = cli
        .run(&["policy", "check", "policy-no-such-model", "1", "--json"])
        .await;
    out.expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no registered model named 'policy-no-such-model'"),
        "{}",
        out.stderr
    );
}

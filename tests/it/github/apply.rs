//! `clearance apply` against the real MLflow server: the alias moves with the audit record,
//! a second run does nothing, a moved alias or a missing version refuses.

use clearance::domain::promotion::{AuditEntry, EVENT_TAG_PREFIX};
use clearance::domain::{RegisteredModel, VersionId};
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;

use crate::support::{self, Clearance, Seeder};

/// `name`: v1 @production, v2 @staging, v3.
async fn model(seed: &Seeder, name: &str) -> Vec<String> {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut runs = Vec::new();
    for i in 1..=3 {
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
    seed.version(&m, &runs[2]).await;
    runs.into_iter().map(|r| r.id).collect()
}

async fn state(name: &str) -> RegisteredModel {
    support::shared().client().model(name).await.unwrap()
}

fn production(m: &RegisteredModel) -> Option<&str> {
    m.aliases.get("production").map(VersionId::as_str)
}

fn events(m: &RegisteredModel) -> Vec<AuditEntry> {
    m.versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with(EVENT_TAG_PREFIX))
        .map(|(_, v)| serde_json::from_str(v).unwrap())
        .collect()
}

fn pin(model: &str, version: &str, previous: &str, run_id: &str) -> String {
    format!(
        "[models.{model}]\nalias = \"production\"\nversion = \"{version}\"\nprevious = \"{previous}\"\n\
         run_id = \"{run_id}\"\napproved_by = \"Ann Lee <ann@example.com>\"\n\
         approved_at = \"2026-03-02T14:05:00Z\"\ngates = \"1 of 1 gates pass\"\ngates_passed = true\n\
         overridden = false\nreason = \"weekly retrain\"\n"
    )
}

#[tokio::test]
async fn apply_moves_the_alias_with_the_record_and_a_second_run_does_nothing() {
    let server = support::shared();
    let runs = model(&server.seed(), "gh-apply").await;
    let cli = Clearance::new(server.url());
    let file = cli.write_config("models.toml", &pin("gh-apply", "2", "1", &runs[1]));
    let file = file.to_str().unwrap();

    let dry = cli.run(&["apply", file, "--dry-run"]).await;
    dry.expect_code(0);
    assert_eq!(
        dry.stdout,
        "gh-apply: would move production: v1 → v2 of 'gh-apply' (recorded as Ann Lee \
         <ann@example.com> (applied by CI))\ndry run: nothing changed\n"
    );
    assert_eq!(production(&state("gh-apply").await), Some("1"));

    let out = cli.run(&["apply", file]).await;
    out.expect_code(0);
    assert_eq!(
        out.stdout,
        "gh-apply: done: production: v1 → v2 (recorded as Ann Lee <ann@example.com> (applied by CI))\n"
    );
    let m = state("gh-apply").await;
    assert_eq!(production(&m), Some("2"));
    let recorded = events(&m);
    assert_eq!(recorded.len(), 1);
    let e = &recorded[0];
    assert_eq!(
        (
            e.by.as_str(),
            e.from.as_deref(),
            e.to.as_str(),
            e.reason.as_deref(),
            e.gates.as_ref().map(|g| g.summary.as_str())
        ),
        (
            "Ann Lee <ann@example.com> (applied by CI)",
            Some("1"),
            "2",
            Some("weekly retrain"),
            Some("1 of 1 gates pass")
        )
    );
    let v2 = m.version(&"2".into()).unwrap();
    assert_eq!(
        v2.tags["clearance.promoted_by"],
        "Ann Lee <ann@example.com> (applied by CI)"
    );

    let again = cli.run(&["apply", file]).await;
    again.expect_code(0);
    assert_eq!(
        again.stdout,
        "gh-apply: nothing to do: @production of 'gh-apply' already points at v2\n"
    );
    assert_eq!(
        events(&state("gh-apply").await).len(),
        1,
        "nothing new recorded"
    );
}

#[tokio::test]
async fn a_moved_alias_a_missing_version_or_another_run_refuses() {
    let server = support::shared();
    let runs = model(&server.seed(), "gh-apply-refuse").await;
    let cli = Clearance::new(server.url());
    // Approved when production was on v2, but it is on v1.
    let moved = cli.write_config("moved.toml", &pin("gh-apply-refuse", "3", "2", &runs[2]));
    let out = cli.run(&["apply", moved.to_str().unwrap()]).await;
    out.expect_code(1);
    assert_eq!(
        out.stderr,
        "gh-apply-refuse: refused, nothing changed: @production of 'gh-apply-refuse' \
         changed since you looked: it was v2, it is now v1\n"
    );
    let missing = cli.write_config("missing.toml", &pin("gh-apply-refuse", "9", "1", &runs[2]));
    let out = cli.run(&["apply", missing.to_str().unwrap()]).await;
    out.expect_code(1);
    assert_eq!(
        out.stderr,
        "gh-apply-refuse: refused, nothing changed: v9 of 'gh-apply-refuse' does not exist\n"
    );
    let other_run = cli.write_config(
        "other-run.toml",
        &pin("gh-apply-refuse", "3", "1", &runs[1]),
    );
    let out = cli.run(&["apply", other_run.to_str().unwrap()]).await;
    out.expect_code(1);
    assert!(
        out.stderr.contains(&format!(
            "v3 of 'gh-apply-refuse' comes from run '{}', but the approved version came from run '{}'",
            runs[2], runs[1]
        )),
        "{}",
        out.stderr
    );
    // Failing gates recorded without an override refuse too.
    let ungated = cli.write_config(
        "gates.toml",
        &pin("gh-apply-refuse", "3", "1", &runs[2])
            .replace("gates_passed = true", "gates_passed = false"),
    );
    let out = cli.run(&["apply", ungated.to_str().unwrap()]).await;
    out.expect_code(1);
    assert!(out.stderr.contains("gates fail"), "{}", out.stderr);
    let m = state("gh-apply-refuse").await;
    assert_eq!(production(&m), Some("1"));
    assert!(events(&m).is_empty());

    let bad = cli.write_config("bad.toml", "[models.x]\nversoin = \"1\"\n");
    let out = cli.run(&["apply", bad.to_str().unwrap()]).await;
    out.expect_code(2);
    assert!(
        out.stderr.contains("models.x: unknown key 'versoin'"),
        "{}",
        out.stderr
    );
}

/// `apply` judges the configured gates itself, against what holds the alias now: a
/// hand-written pin that says nothing about gates does not slip through, and an override
/// counts only when the file records one with a reason, which is then recorded.
#[tokio::test]
async fn apply_judges_the_configured_gates_and_honours_only_a_recorded_override_with_a_reason() {
    let server = support::shared();
    model(&server.seed(), "gh-apply-gates").await;
    let cli = Clearance::new(server.url());
    // Lower is better here, so v2 (0.92) regresses against v1 (0.91) @production.
    cli.write_config(
        "config.toml",
        "[[metrics]]\nname = \"val_auc\"\nbetter = \"lower\"\ngate = true\n",
    );
    let hand = "[models.gh-apply-gates]\nversion = \"2\"\n";
    for (name, text, why) in [
        ("hand.toml", hand.to_owned(), "gates fail"),
        (
            "no-reason.toml",
            format!("{hand}overridden = true\n"),
            "overriding the gates needs a reason",
        ),
        (
            "passed.toml",
            format!("{hand}gates = \"1 of 1 gates pass\"\ngates_passed = true\n"),
            "gates fail",
        ),
    ] {
        let file = cli.write_config(name, &text);
        for dry in [true, false] {
            let mut args = vec!["apply", file.to_str().unwrap()];
            if dry {
                args.push("--dry-run");
            }
            let out = cli.run(&args).await;
            out.expect_code(1);
            assert!(
                out.stderr.contains(why) && out.stderr.starts_with("gh-apply-gates: refused"),
                "{name}: {}",
                out.stderr
            );
            if why == "gates fail" {
                assert!(out.stderr.contains("val_auc"), "{}", out.stderr);
            }
        }
    }
    let m = state("gh-apply-gates").await;
    assert_eq!(production(&m), Some("1"));
    assert!(events(&m).is_empty());

    let overridden = cli.write_config(
        "overridden.toml",
        &format!("{hand}overridden = true\nreason = \"rollback of a bad feature flag\"\n"),
    );
    let out = cli.run(&["apply", overridden.to_str().unwrap()]).await;
    out.expect_code(0);
    let m = state("gh-apply-gates").await;
    assert_eq!(production(&m), Some("2"));
    let recorded = events(&m);
    assert_eq!(recorded.len(), 1);
    let e = &recorded[0];
    let gates = e.gates.as_ref().unwrap();
    assert!(
        e.overridden && !gates.passed && gates.failed[0].starts_with("val_auc"),
        "{e:?}"
    );
    assert_eq!(e.reason.as_deref(), Some("rollback of a bad feature flag"));
    assert_eq!(
        m.version(&"2".into()).unwrap().tags["clearance.reason"],
        "rollback of a bad feature flag"
    );
}

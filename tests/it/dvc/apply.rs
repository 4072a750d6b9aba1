//! The GitOps path in a DVC repository: after a promotion PR merges, CI runs `clearance
//! apply` on the deployment file, which writes the GTO tag `gto assign` would, with the
//! approval from the file as its message. The real `gto` reads the result.

use clearance::domain::promotion::AuditEntry;
use serde_json::Value;

use super::cli::run;
use crate::support::dvc::sample_repo;

#[tokio::test]
async fn apply_assigns_the_pinned_stage_with_a_tag_gto_reads() {
    let repo = sample_repo();
    let file = repo.root.join("deploy.toml");
    std::fs::write(
        &file,
        format!(
            "[models.churn-model]\nalias = \"prod\"\nversion = \"v1.1.0\"\nprevious = \"v1.0.0\"\n\
             run_id = \"{}\"\napproved_by = \"Ann Lee <ann@example.com>\"\n\
             approved_at = \"2026-03-02T14:05:00Z\"\ngates = \"1 of 1 gates pass\"\n\
             gates_passed = true\noverridden = false\nreason = \"weekly retrain\"\n",
            repo.commits.baseline_b
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();

    let out = run(&repo, true, &["apply", file]).await;
    out.expect_code(0);
    assert_eq!(
        out.stdout,
        "churn-model: done: prod: v1.0.0 → v1.1.0 (recorded as Ann Lee <ann@example.com> \
         (applied by CI))\n"
    );
    let show: Value = serde_json::from_str(&repo.gto(&["show", "--json"])).unwrap();
    assert_eq!(show["churn-model"]["stage"]["prod"], "v1.1.0", "{show}");

    // The new tag is the next counter, on v1.1.0's commit, and carries the record. CI's git
    // identity tags it ("Ann Lee <...> (applied by CI)" is not a git identity).
    let tag = "churn-model#prod#3";
    let check: Value = serde_json::from_str(&repo.gto(&["check-ref", "--json", tag])).unwrap();
    let event = &check;
    assert_eq!(event["event"], "assignment", "{check}");
    assert_eq!(event["stage"], "prod", "{check}");
    assert_eq!(event["version"], "v1.1.0", "{check}");
    assert_eq!(
        event["commit_hexsha"],
        repo.commits.baseline_b.as_str(),
        "{check}"
    );
    let message = repo.git(&["tag", "-l", "--format=%(contents)", tag]);
    let record = AuditEntry::from_message(&message).expect("a clearance record");
    assert_eq!(record.reason.as_deref(), Some("weekly retrain"));
    assert_eq!(record.to, "v1.1.0");
    assert!(
        record.by.starts_with("Ann Lee <ann@example.com>"),
        "{record:?}"
    );

    let again = run(&repo, true, &["apply", file]).await;
    again.expect_code(0);
    assert_eq!(
        again.stdout,
        "churn-model: nothing to do: @prod of 'churn-model' already points at v1.1.0\n"
    );
    assert_eq!(
        repo.git(&["tag", "-l", "churn-model#prod#*"])
            .lines()
            .count(),
        2,
        "no second tag"
    );
}

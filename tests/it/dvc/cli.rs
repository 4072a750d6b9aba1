//! `clearance --dvc-repo` (and detection) as a person or a CI job runs it.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;
use serde_json::Value;

use super::{Expected, expected_runs};
use crate::support::Clearance;
use crate::support::dvc::{SampleRepo, path_without_dvc, sample_repo};

/// `clearance --dvc-repo <copy> <args>` with the venv's dvc on PATH (`with_dvc`) or none.
pub(super) async fn run(
    repo: &SampleRepo,
    with_dvc: bool,
    args: &[&str],
) -> crate::support::binary::CliOutput {
    let cli = Clearance::dvc(&repo.root);
    let env: Vec<(&str, String)> = repo
        .tool_env()
        .into_iter()
        .map(|(k, v)| (k, v.to_string_lossy().into_owned()))
        .map(|(k, v)| {
            if k == "PATH" && !with_dvc {
                (k, path_without_dvc().to_string_lossy().into_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    cli.run_with_env(args, &env).await
}

fn texts(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) if s == "Infinity" => "inf".to_owned(),
                Value::String(s) if s == "-Infinity" => "-inf".to_owned(),
                Value::String(s) => s.clone(),
                Value::Number(n) => format!("{}", n.as_f64().unwrap()),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

/// `runs --json` in the shape of [`Expected`], with experiment ids from the runs' tags.
fn from_cli(json: &Value) -> Vec<Expected> {
    let mut out: Vec<Expected> = json["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let tags = texts(&r["tags"]);
            let experiment = match tags["dvc.type"].as_str() {
                "baseline" => tags["dvc.rev"].clone(),
                _ => tags["dvc.parent"].clone(),
            };
            Expected {
                id: r["run_id"].as_str().unwrap().to_owned(),
                name: r["name"].as_str().unwrap().to_owned(),
                experiment,
                status: match r["status"].as_str().unwrap() {
                    "FINISHED" => "FINISHED",
                    "SCHEDULED" => "SCHEDULED",
                    other => panic!("unexpected status {other}"),
                },
                params: texts(&r["params"]),
                metrics: texts(&r["metrics"]),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.experiment, &a.id).cmp(&(&b.experiment, &b.id)));
    out
}

#[tokio::test]
async fn runs_json_is_what_dvc_exp_show_says() {
    let repo = sample_repo();
    let out = run(&repo, true, &["runs", "--json"]).await;
    out.expect_code(0);
    let json = out.json();
    let want = expected_runs(&repo.dvc_exp_show(), &repo.commits.baseline_b);
    assert_eq!(from_cli(&json), want);
    let baselines: Vec<&str> = json["runs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["baseline"] == Value::Bool(true))
        .map(|r| r["run_id"].as_str().unwrap())
        .collect();
    assert_eq!(baselines.len(), 2);
    assert!(baselines.contains(&repo.commits.baseline_a.as_str()));
    assert!(baselines.contains(&repo.commits.baseline_b.as_str()));
    // Without dvc: the git reader, the same completed (and queued) experiments.
    let out = run(&repo, false, &["runs", "--json"]).await;
    out.expect_code(0);
    assert_eq!(from_cli(&out.json()), want);
}

#[tokio::test]
async fn runs_table_filters_and_experiments() {
    let repo = sample_repo();
    let b = &repo.commits.baseline_b;
    let out = run(
        &repo,
        true,
        &[
            "runs",
            "--experiment",
            &format!("main @ {}", &b[..7]),
            "--filter",
            "metrics.`test/accuracy` > 0.95",
        ],
    )
    .await;
    out.expect_code(0);
    let rows: Vec<&str> = out.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{}", out.stdout);
    assert!(out.stdout.contains("exp-dropout-ß"), "{}", out.stdout);
    let bad = run(&repo, false, &["runs", "--filter", "metrics.x > 'a'"]).await;
    bad.expect_code(2);
    assert!(
        bad.stderr
            .contains("the filter 'metrics.x > 'a'' was rejected"),
        "{}",
        bad.stderr
    );
}

#[tokio::test]
async fn diff_compares_two_experiments_without_a_registry() {
    let repo = sample_repo();
    let a = repo.commits.baseline_a.clone();
    let out = run(
        &repo,
        true,
        &[
            "diff",
            "churn-model",
            "--candidate",
            "run:exp-deep",
            "--baseline",
            &format!("run:{a}"),
            "--format",
            "json",
        ],
    )
    .await;
    out.expect_code(0);
    let json = out.json();
    let show = repo.dvc_exp_show();
    let want = expected_runs(&show, &repo.commits.baseline_b);
    let find = |name: &str| want.iter().find(|e| e.name == name).unwrap();
    let (deep, base) = (find("exp-deep"), find(&a[..7]));
    for m in json["metrics"].as_array().unwrap() {
        let name = m["name"].as_str().unwrap();
        let text = |v: &Value| format!("{}", v.as_f64().unwrap());
        assert_eq!(text(&m["candidate"]), deep.metrics[name], "{name}");
        assert_eq!(text(&m["baseline"]), base.metrics[name], "{name}");
    }
    assert_eq!(
        json["metrics"].as_array().unwrap().len(),
        deep.metrics.len()
    );
    // The Markdown report has sparklines of the DVCLive histories.
    let md = run(
        &repo,
        false,
        &[
            "diff",
            "churn-model",
            "--candidate",
            "run:exp-deep",
            "--baseline",
            "run:main",
            "--format",
            "md",
        ],
    )
    .await;
    md.expect_code(0);
    assert!(md.stdout.contains("train/loss"), "{}", md.stdout);
    // Aliases are GTO's stages (tests/it/dvc/registry.rs); a model GTO does not know is an
    // error.
    let unknown = run(&repo, false, &["diff", "fraud-model"]).await;
    unknown.expect_code(2);
    assert!(
        unknown
            .stderr
            .contains("no registered model named 'fraud-model'"),
        "{}",
        unknown.stderr
    );
}

#[tokio::test]
async fn clearance_started_in_a_dvc_repository_opens_it() {
    let repo = sample_repo();
    let cli = Clearance::new("unused");
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_clearance"));
    cmd.args(["runs", "--json"])
        .current_dir(repo.root.join("src"))
        .envs(cli.sealed_env())
        .envs(repo.tool_env())
        .env("PATH", path_without_dvc())
        .env_remove("MLFLOW_TRACKING_URI");
    let out = cmd.output().await.unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["runs"].as_array().unwrap().len(), 9);
    assert_eq!(json["runs"][0]["tags"]["dvc.reader"], "git");
}

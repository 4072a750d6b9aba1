//! The real `clearance` binary against a real server: JSON shapes, exit codes and messages.
//!
//! Commands that list the whole server (`models`) are narrowed to a test's own names; `runs`
//! is always asked for a test's own experiments, except on a fresh server of its own.

use std::time::Duration;

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::support::{self, Clearance, SeededExperiment, SeededRun, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

/// `[(name, baseline)]` of a `runs --json` answer, in its order.
fn baseline_flags(doc: &Value) -> Vec<(String, bool)> {
    doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["baseline"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The document without its `schema_version`, which must be 1.
fn versioned(out: &support::CliOutput) -> Value {
    let mut doc = out.json();
    let version = doc.as_object_mut().unwrap().remove("schema_version");
    assert_eq!(version, Some(json!(1)), "{doc:#}");
    doc
}

fn run_names(runs: &Value) -> Vec<String> {
    baseline_flags(runs).into_iter().map(|(n, _)| n).collect()
}

#[tokio::test]
async fn runs_json_is_the_documented_shape() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("cli-runs").tag("team", "risk-ml").await;
    let base = seed
        .run(&exp)
        .name("baseline-run")
        .start_time(T0)
        .param("model", "xgb")
        .param("lr", "0.1")
        .tag("baseline", "true")
        .metric_history("loss", &[0.5, 0.3])
        .metric_history("accuracy", &[0.8, 0.9])
        .finished()
        .await;
    let diverged = seed
        .run(&exp)
        .name("diverged-ünïcode-模型")
        .start_time(T0 + 60_000)
        .param("model", "lgbm")
        .metric_history("loss", &[0.4, f64::NAN])
        .metric_history("grad_norm", &[1.0, f64::INFINITY])
        .metric_history("log_prob", &[-1.0, f64::NEG_INFINITY])
        .failed()
        .await;
    let fold = seed
        .run(&exp)
        .name("fold-1")
        .start_time(T0 + 120_500)
        .parent(&base)
        .metric("accuracy", 0.7)
        .await;

    let cli = Clearance::new(server.url());
    let out = cli
        .run(&["runs", "--json", "--experiment", "cli-runs"])
        .await;
    out.expect_code(0);
    // The log went to the sealed-off state dir, not the developer's.
    assert!(cli.home().join("state/clearance.log").is_file());
    assert_eq!(out.json()["schema_version"], 1);
    assert_eq!(
        out.json()["runs"],
        json!([
            {
                "run_id": fold.id,
                "name": "fold-1",
                "experiment": "cli-runs",
                "status": "RUNNING",
                "start_time": "2026-01-01T00:02:00.500Z",
                "params": {},
                "tags": { "mlflow.parentRunId": base.id, "mlflow.runName": "fold-1" },
                "metrics": { "accuracy": 0.7 },
                "baseline": false,
            },
            {
                "run_id": diverged.id,
                "name": "diverged-ünïcode-模型",
                "experiment": "cli-runs",
                "status": "FAILED",
                "start_time": "2026-01-01T00:01:00.000Z",
                "params": { "model": "lgbm" },
                "tags": { "mlflow.runName": "diverged-ünïcode-模型" },
                "metrics": { "grad_norm": "Infinity", "log_prob": "-Infinity", "loss": "NaN" },
                "baseline": false,
            },
            {
                "run_id": base.id,
                "name": "baseline-run",
                "experiment": "cli-runs",
                "status": "FINISHED",
                "start_time": "2026-01-01T00:00:00.000Z",
                "params": { "lr": "0.1", "model": "xgb" },
                "tags": { "baseline": "true", "mlflow.runName": "baseline-run" },
                "metrics": { "accuracy": 0.9, "loss": 0.3 },
                "baseline": true,
            },
        ])
    );
    assert_eq!(out.stderr, "");

    // The table marks the baseline too.
    let table = cli.run(&["runs", "--experiment", "cli-runs"]).await;
    table.expect_code(0);
    let baseline_row = table
        .stdout
        .lines()
        .find(|l| l.contains("baseline-run"))
        .unwrap_or_default();
    assert!(baseline_row.starts_with('◆'), "{}", table.stdout);
    assert!(
        table.stdout.contains("diverged-ünïcode-模型"),
        "{}",
        table.stdout
    );
}

#[tokio::test]
async fn runs_take_several_experiments_and_a_filter() {
    let server = support::shared();
    let seed = server.seed();
    let a = seed.experiment("cli-multi-a").await;
    let b = seed.experiment("cli-multi-b").await;
    let c = seed.experiment("cli-multi-c").await;
    let run = |exp: &SeededExperiment, name: &str, t: i64, acc: f64| {
        seed.run(exp)
            .name(name)
            .start_time(T0 + t)
            .metric("accuracy", acc)
            .finished()
            .create()
    };
    run(&a, "a1", 1000, 0.95).await;
    run(&b, "b1", 2000, 0.91).await;
    run(&a, "a2", 3000, 0.80).await;
    run(&c, "c1", 4000, 0.99).await;
    let cli = Clearance::new(server.url());

    let both = cli
        .run(&[
            "runs",
            "--json",
            "-e",
            "cli-multi-a",
            "--experiment",
            "cli-multi-b",
        ])
        .await;
    both.expect_code(0);
    let got: Vec<(String, String)> = both.json()["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["experiment"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a2", "cli-multi-a"),
            ("b1", "cli-multi-b"),
            ("a1", "cli-multi-a")
        ]
        .map(|(n, e)| (n.to_owned(), e.to_owned()))
    );

    // An experiment may also be named by id.
    let filtered = cli
        .run(&[
            "runs",
            "--json",
            "--experiment",
            &a.id,
            "--experiment",
            "cli-multi-b",
            "--filter",
            "metrics.accuracy > 0.9",
        ])
        .await;
    filtered.expect_code(0);
    assert_eq!(run_names(&filtered.json()), ["b1", "a1"]);

    let none = cli
        .run(&[
            "runs",
            "--json",
            "-e",
            "cli-multi-c",
            "--filter",
            "metrics.accuracy < 0",
        ])
        .await;
    none.expect_code(0);
    assert_eq!(none.json(), json!({ "schema_version": 1, "runs": [] }));
}

#[tokio::test]
async fn runs_errors_name_the_experiment_or_the_filter() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("cli-runs-errors").await;
    seed.run(&exp).name("only").metric("accuracy", 0.5).await;
    let cli = Clearance::new(server.url());

    let unknown = cli
        .run(&["runs", "--json", "--experiment", "cli-runs-errors-nope"])
        .await;
    unknown.expect_code(2);
    assert_eq!(unknown.stdout, "");
    assert!(
        unknown
            .stderr
            .starts_with("error: no experiment named 'cli-runs-errors-nope'; experiments are: "),
        "{}",
        unknown.stderr
    );

    let bad = cli
        .run(&[
            "runs",
            "--json",
            "-e",
            "cli-runs-errors",
            "--filter",
            "metrics.accuracy >> 1",
        ])
        .await;
    bad.expect_code(2);
    assert_eq!(bad.stdout, "");
    assert!(
        bad.stderr.starts_with(
            "error: the filter 'metrics.accuracy >> 1' was rejected: Invalid comparator"
        ),
        "{}",
        bad.stderr
    );
}

#[tokio::test]
async fn models_json_lists_versions_aliases_and_tags() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("cli-models").await;
    let r1 = seed.run(&exp).name("r1").finished().await;
    let r2 = seed.run(&exp).name("r2").finished().await;
    let fraud = seed.model("cli-models-fraud").tag("owner", "risk-ml").await;
    seed.version(&fraud, &r1).tag("approved", "false").await;
    seed.version(&fraud, &r2)
        .tag("approved", "true")
        .tag("approved_by", "dana")
        .alias("production")
        .alias("champion")
        .await;
    seed.version(&fraud, &r2).alias("staging").await;
    seed.model("cli-models-empty").await;

    let out = Clearance::new(server.url())
        .run(&["models", "--json"])
        .await;
    out.expect_code(0);
    let mine: Vec<Value> = out.json()["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["name"].as_str().unwrap().starts_with("cli-models-"))
        .cloned()
        .collect();
    assert_eq!(
        Value::Array(mine),
        json!([
            { "name": "cli-models-empty", "versions": [] },
            {
                "name": "cli-models-fraud",
                "versions": [
                    { "version": "3", "aliases": ["staging"], "run_id": r2.id, "status": "READY", "tags": {} },
                    {
                        "version": "2",
                        "aliases": ["champion", "production"],
                        "run_id": r2.id,
                        "status": "READY",
                        "tags": { "approved": "true", "approved_by": "dana" },
                    },
                    { "version": "1", "aliases": [], "run_id": r1.id, "status": "READY", "tags": { "approved": "false" } },
                ],
            },
        ])
    );
}

/// Gates on accuracy (±0.005) and loss (exact), none on epoch.
const GATES: &str = r#"
[[metrics]]
name = "accuracy"
tolerance = 0.005
gate = true

[[metrics]]
name = "loss"
gate = true
"#;

struct DiffFixture {
    baseline: SeededRun,
    candidate: SeededRun,
    worse: SeededRun,
}

/// `cli-diff-fraud`: v1 @production (baseline), v2 @staging (better), v3 @challenger (worse).
async fn diff_fixture(seed: &Seeder) -> DiffFixture {
    let exp = seed.experiment("cli-diff").await;
    let baseline = seed
        .run(&exp)
        .name("baseline")
        .start_time(T0)
        .metric_history("loss", &[0.6, 0.5, 0.35, 0.30])
        .metric_history("accuracy", &[0.8, 0.85, 0.9])
        .metric("epoch", 10.0)
        .param("lr", "0.1")
        .finished()
        .await;
    let candidate = seed
        .run(&exp)
        .name("candidate")
        .start_time(T0 + 1000)
        .metric_history("loss", &[0.5, 0.4, 0.3, 0.25])
        .metric_history("accuracy", &[0.82, 0.88, 0.92])
        .metric("epoch", 12.0)
        .param("lr", "0.05")
        .finished()
        .await;
    let worse = seed
        .run(&exp)
        .name("worse")
        .start_time(T0 + 2000)
        .metric_history("loss", &[0.5, 0.45, 0.4, 0.35])
        .metric_history("accuracy", &[0.8, 0.85, 0.86])
        .metric("epoch", 12.0)
        .param("lr", "0.5")
        .finished()
        .await;
    let model = seed.model("cli-diff-fraud").await;
    seed.version(&model, &baseline).alias("production").await;
    seed.version(&model, &candidate).alias("staging").await;
    seed.version(&model, &worse).alias("challenger").await;
    DiffFixture {
        baseline,
        candidate,
        worse,
    }
}

/// One row of `diff --format json`, computed the way the comparison does.
fn row(name: &str, baseline: f64, candidate: f64, better: Option<&str>, verdict: &str) -> Value {
    let delta = candidate - baseline;
    json!({
        "name": name,
        "baseline": baseline,
        "candidate": candidate,
        "delta": delta,
        "delta_pct": delta / baseline.abs() * 100.0,
        "better": better,
        "verdict": verdict,
        "gate": null,
        "gate_reason": null,
    })
}

/// One side of `diff --format json`: a reference to an aliased version.
fn side(reference: &str, version: &str, run: &SeededRun) -> Value {
    json!({
        "ref": reference,
        "version": version,
        "aliases": [reference.trim_start_matches('@')],
        "run_id": run.id,
        "run_name": run.name,
    })
}

fn gated(mut row: Value, gate: &str, reason: Option<&str>) -> Value {
    row["gate"] = json!(gate);
    row["gate_reason"] = json!(reason);
    row
}

#[tokio::test]
async fn diff_gates_decide_the_exit_code() {
    let server = support::shared();
    let seed = server.seed();
    let f = diff_fixture(&seed).await;
    let cli = Clearance::new(server.url());
    let config = cli.write_config("gates.toml", GATES);
    let config = config.to_str().unwrap();

    let pass = cli
        .run(&[
            "diff",
            "cli-diff-fraud",
            "--config",
            config,
            "--format",
            "json",
        ])
        .await;
    pass.expect_code(0);
    assert_eq!(
        versioned(&pass),
        json!({
            "model": "cli-diff-fraud",
            "candidate": side("@staging", "2", &f.candidate),
            "baseline": side("@production", "1", &f.baseline),
            "metrics": [
                gated(row("accuracy", 0.9, 0.92, Some("higher"), "improved"), "pass", None),
                gated(row("loss", 0.30, 0.25, Some("lower"), "improved"), "pass", None),
                row("epoch", 10.0, 12.0, None, "changed"),
            ],
            "passed": true,
        })
    );

    let fail = cli
        .run(&[
            "diff",
            "cli-diff-fraud",
            "--config",
            config,
            "--candidate",
            "@challenger",
            "--format",
            "json",
        ])
        .await;
    fail.expect_code(1);
    assert_eq!(
        versioned(&fail),
        json!({
            "model": "cli-diff-fraud",
            "candidate": side("@challenger", "3", &f.worse),
            "baseline": side("@production", "1", &f.baseline),
            "metrics": [
                gated(
                    row("accuracy", 0.9, 0.86, Some("higher"), "regressed"),
                    "fail",
                    Some("regressed by 0.04 (-4.4%), beyond tolerance ±0.005"),
                ),
                gated(
                    row("loss", 0.30, 0.35, Some("lower"), "regressed"),
                    "fail",
                    Some("regressed by 0.05 (+16.7%), with no tolerance set"),
                ),
                row("epoch", 10.0, 12.0, None, "changed"),
            ],
            "passed": false,
        })
    );

    // Without gates nothing fails; an explicit baseline by version and run works too.
    let no_gates = cli
        .run(&[
            "diff",
            "cli-diff-fraud",
            "--candidate",
            "3",
            "--baseline",
            &format!("run:{}", f.baseline.id),
            "--format",
            "json",
        ])
        .await;
    no_gates.expect_code(0);
    let j = no_gates.json();
    assert_eq!(
        (&j["candidate"]["ref"], &j["baseline"]["ref"], &j["passed"]),
        (
            &json!("v3"),
            &json!(format!("run:{}", f.baseline.id)),
            &json!(true)
        )
    );

    // The table says the same through its exit code.
    let table = cli
        .run(&[
            "diff",
            "cli-diff-fraud",
            "--config",
            config,
            "--candidate",
            "@challenger",
        ])
        .await;
    table.expect_code(1);
    assert!(table.stdout.contains("accuracy"), "{}", table.stdout);
}

#[tokio::test]
async fn diff_markdown_has_the_table_and_sparklines() {
    let server = support::shared();
    let seed = server.seed();
    // A model of its own, so this test does not wait for or race the other diff test.
    let exp = seed.experiment("cli-md").await;
    let base = seed
        .run(&exp)
        .name("base")
        .metric_history("loss", &[0.6, 0.5, 0.35, 0.30])
        .metric("accuracy", 0.9)
        .param("lr", "0.1")
        .finished()
        .await;
    let cand = seed
        .run(&exp)
        .name("cand")
        .metric_history("loss", &[0.5, 0.4, 0.3, 0.25])
        .metric("accuracy", 0.92)
        .param("lr", "0.05")
        .finished()
        .await;
    let model = seed.model("cli-md-fraud").await;
    seed.version(&model, &base).alias("production").await;
    seed.version(&model, &cand).alias("staging").await;

    let cli = Clearance::new(server.url());
    let config = cli.write_config("gates.toml", GATES);
    let out = cli
        .run(&[
            "diff",
            "cli-md-fraud",
            "--config",
            config.to_str().unwrap(),
            "--format",
            "md",
        ])
        .await;
    out.expect_code(0);
    let md = &out.stdout;
    let lines: Vec<&str> = md.lines().collect();
    for want in [
        "### `cli-md-fraud` v2 @staging vs v1 @production",
        "**✅ Gates pass** · 2 improved",
        "| Metric | Baseline | Candidate | Δ | Δ% | Verdict | Gate | Trend (candidate / baseline) |",
        "|:--|--:|--:|--:|--:|:--|:--|:--|",
        "| ↑ accuracy | 0.9 | 0.92 | +0.02 | +2.2% | 🟢 improved | ✅ | `▄` / `▄` |",
        "| ↓ loss | 0.3 | 0.25 | -0.05 | -16.7% | 🟢 improved | ✅ | `█▅▂▁` / `█▆▂▁` |",
        "| lr | 0.1 | 0.05 |",
    ] {
        assert!(lines.contains(&want), "no line {want:?} in:\n{md}");
    }
    assert!(
        md.contains(&format!("candidate run `{}`", cand.id))
            && md.contains(&format!("baseline run `{}`", base.id)),
        "{md}"
    );
}

#[tokio::test]
async fn diff_errors_exit_2_with_a_clear_message() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("cli-diff-errors").await;
    let run = seed
        .run(&exp)
        .name("only")
        .metric("loss", 0.1)
        .finished()
        .await;
    let model = seed.model("cli-diff-errors-model").await;
    seed.version(&model, &run).alias("production").await;
    let cli = Clearance::new(server.url());

    let cases: [(&[&str], &str); 3] = [
        (
            &["diff", "cli-diff-no-such-model"],
            "error: no registered model named 'cli-diff-no-such-model'\n",
        ),
        (
            // The default candidate is @staging, which this model does not have.
            &["diff", "cli-diff-errors-model"],
            "error: model 'cli-diff-errors-model' has no alias '@staging' (aliases: @production → v1)\n",
        ),
        (
            &[
                "diff",
                "cli-diff-errors-model",
                "--candidate",
                "7",
                "--baseline",
                "@production",
            ],
            "error: model 'cli-diff-errors-model' has no version v7 (versions: v1)\n",
        ),
    ];
    for (args, want) in cases {
        let out = cli.run(args).await;
        out.expect_code(2);
        assert_eq!(
            (args, out.stdout.as_str(), out.stderr.as_str()),
            (args, "", want)
        );
    }
}

/// The app, not the config, knows which actions exist; a keymap naming another is still
/// refused when the config loads, before any store is opened, with the key that names it.
#[tokio::test]
async fn a_keymap_naming_no_action_is_a_config_error() {
    let cli = Clearance::with_target(&[]);
    let config = cli.write_config(
        "keys.toml",
        "[keymap]\nruns = [{ on = \"x\", run = \"fly\" }]\n",
    );
    let config = config.to_str().unwrap();
    for (command, code) in [("models", 2), ("alerts", 3)] {
        let out = cli.run(&[command, "--config", config]).await;
        out.expect_code(code);
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            (
                "",
                format!(
                    "error: config file '{config}': key 'keymap.runs[0]': unknown action 'fly'\n"
                )
                .as_str()
            ),
            "{command}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_server_exits_2_fast_with_cannot_reach() {
    let url = format!("http://127.0.0.1:{}", support::closed_port());
    let cli = Clearance::new(&url);
    for args in [
        &["runs", "--json"][..],
        &["models"][..],
        &["diff", "anything", "--format", "json"][..],
    ] {
        let out = cli.run(args).await;
        out.expect_code(2);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(
            out.stderr
                .starts_with(&format!("error: cannot reach MLflow at {url}: ")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.elapsed < Duration::from_secs(5),
            "{args:?} took {:?}",
            out.elapsed
        );
    }
}

#[tokio::test]
async fn pulling_the_plug_fails_fast() {
    let server = tokio::task::spawn_blocking(support::start_fresh)
        .await
        .unwrap();
    let seed = server.seed();
    let exp = seed.experiment("plug").await;
    seed.run(&exp)
        .name("before")
        .start_time(T0)
        .metric("loss", 0.5)
        .finished()
        .await;
    let cli = Clearance::new(server.url());

    // A server of its own: `runs` without --experiment lists exactly what was seeded.
    let up = cli.run(&["runs", "--json"]).await;
    up.expect_code(0);
    assert_eq!(baseline_flags(&up.json()), [("before".to_owned(), false)]);
    cli.run(&["models", "--json"]).await.expect_code(0);

    let url = server.url().to_owned();
    tokio::task::spawn_blocking(move || server.stop())
        .await
        .unwrap();

    for args in [&["runs", "--json"][..], &["models", "--json"][..]] {
        let down = cli.run(args).await;
        down.expect_code(2);
        assert!(
            down.stderr
                .starts_with(&format!("error: cannot reach MLflow at {url}: ")),
            "{args:?}: {}",
            down.stderr
        );
        assert!(
            down.elapsed < Duration::from_secs(5),
            "{args:?} took {:?}",
            down.elapsed
        );
    }
}

#[tokio::test]
async fn without_a_tagged_run_the_production_source_run_is_the_baseline() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("cli-fallback").await;
    seed.run(&exp).name("old").start_time(T0).finished().await;
    let prod = seed
        .run(&exp)
        .name("in-production")
        .start_time(T0 + 1000)
        .finished()
        .await;
    let newest = seed
        .run(&exp)
        .name("newest")
        .start_time(T0 + 2000)
        .finished()
        .await;
    let model = seed.model("cli-fallback-model").await;
    seed.version(&model, &prod).alias("production").await;
    seed.version(&model, &newest).alias("staging").await;

    // Where a run is tagged, the tag wins over the production alias.
    let tagged_exp = seed.experiment("cli-fallback-tagged").await;
    let tagged_prod = seed
        .run(&tagged_exp)
        .name("t-in-production")
        .start_time(T0 + 500)
        .finished()
        .await;
    seed.run(&tagged_exp)
        .name("t-tagged")
        .start_time(T0 + 1500)
        .tag("baseline", "true")
        .finished()
        .await;
    let other = seed.model("cli-fallback-tagged-model").await;
    seed.version(&other, &tagged_prod).alias("production").await;

    let out = Clearance::new(server.url())
        .run(&[
            "runs",
            "--json",
            "--experiment",
            "cli-fallback",
            "--experiment",
            "cli-fallback-tagged",
        ])
        .await;
    out.expect_code(0);
    assert_eq!(
        baseline_flags(&out.json()),
        [
            ("newest", false),
            ("t-tagged", true),
            ("in-production", true),
            ("t-in-production", false),
            ("old", false),
        ]
        .map(|(n, b)| (n.to_owned(), b))
    );
}

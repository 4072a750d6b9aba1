//! The machine interface: every `--json` output of the real binary, on the demo store (no
//! server), validates against the schema `clearance schema NAME` prints, and carries
//! `schema_version`; `clearance config ...` and profiles.

use std::process::Command;

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::Clearance;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// The schema the binary publishes for `name`.
async fn schema(cli: &Clearance, name: &str) -> jsonschema::Validator {
    let out = cli.run(&["schema", name]).await;
    out.expect_code(0);
    let schema = out.json();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "{name}: not a valid schema"
    );
    jsonschema::validator_for(&schema).unwrap()
}

/// Asserts that `doc` is valid for the schema of `name` and is of the current version.
#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, name: &str, doc: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{doc:#}");
    assert_eq!(doc["schema_version"], 1, "{name}");
}

/// Runs `args` on the demo, checks the exit code, and validates the JSON it printed.
async fn check(cli: &Clearance, name: &str, args: &[&str], code: i32) -> Value {
    let out = cli.run(args).await;
    out.expect_code(code);
    let doc = out.json();
    assert_valid(&schema(cli, name).await, name, &doc);
    doc
}

#[tokio::test]
async fn every_json_output_of_the_demo_validates_against_its_published_schema() {
    let cli = Clearance::with_target(&["--demo"]);
    let runs = check(&cli, "runs", &["runs", "--json"], 0).await;
    let run = runs["runs"][0]["run_id"].as_str().unwrap().to_owned();
    // The demo has NaN and missing values: the schema allows them as strings and nulls.
    check(&cli, "models", &["models", "--json"], 0).await;
    check(
        &cli,
        "diff",
        &["diff", "fraud-classifier", "--format", "json"],
        1,
    )
    .await;
    check(&cli, "alerts", &["alerts", "--json"], 2).await;
    acknowledged_alerts_validate(&cli).await;

    // A dry run: the plan and the gates, no record.
    let dry = check(
        &cli,
        "change",
        &["promote", "churn-model", "@staging", "--dry-run", "--json"],
        0,
    )
    .await;
    assert_eq!(dry["result"], "dry_run");
    assert_eq!(dry["plan"]["alias"], "production");
    assert_eq!(dry["record"], Value::Null);
    // Done: the record written is the document's.
    let done = check(
        &cli,
        "promote",
        &["promote", "churn-model", "@staging", "--yes", "--json"],
        0,
    )
    .await;
    assert_eq!(
        (done["result"].as_str(), done["command"].as_str()),
        (Some("done"), Some("promote"))
    );
    assert_eq!(done["record"]["action"], "promote");
    assert_eq!(done["record"]["to"], done["plan"]["to"]);
    assert_eq!(
        done["record"]["reason"],
        Value::Null,
        "null, not an absent key"
    );
    let again = check(
        &cli,
        "promote",
        &["promote", "churn-model", "@staging", "--yes", "--json"],
        0,
    )
    .await;
    assert_eq!(again["result"], "nothing_to_do");
    let history = check(&cli, "history", &["history", "churn-model", "--json"], 0).await;
    assert_eq!(
        history["events"][0], done["record"],
        "history shows the record"
    );
    // Back to v1, whose gates fail against v2: refused, with the reason.
    let refused = check(
        &cli,
        "rollback",
        &["rollback", "churn-model", "--dry-run", "--json"],
        1,
    )
    .await;
    assert_eq!(refused["result"], "refused");
    assert!(
        refused["message"].as_str().unwrap().contains("gate"),
        "{refused:#}"
    );
    check(
        &cli,
        "baseline",
        &["baseline", &run, "--dry-run", "--json"],
        0,
    )
    .await;
    let read_only = check(
        &cli,
        "change",
        &["--read-only", "baseline", &run, "--yes", "--json"],
        1,
    )
    .await;
    assert_eq!(read_only["plan"], Value::Null);

    // A fresh demo, where churn-model v3 is not in production yet.
    let cli = Clearance::with_target(&["--demo"]);
    let deploy = cli.write_config(
        "models.toml",
        "[models.churn-model]\nalias = \"production\"\nversion = \"3\"\n",
    );
    let deploy = deploy.to_str().unwrap();
    let planned = check(&cli, "apply", &["apply", deploy, "--dry-run", "--json"], 0).await;
    assert_eq!(planned["models"][0]["result"], "dry_run");
    let applied = check(&cli, "apply", &["apply", deploy, "--json"], 0).await;
    assert_eq!(applied["models"][0]["record"]["to"], "3");
}

#[tokio::test]
async fn the_policy_checklist_validates_against_its_schema() {
    let cli = Clearance::with_target(&["--demo"]);
    // The policy's checklist: with no rules nothing governs the move.
    let policy = check(
        &cli,
        "policy",
        &["policy", "check", "churn-model", "@staging", "--json"],
        0,
    )
    .await;
    assert_eq!(
        (&policy["allowed"], &policy["rule"]),
        (&Value::Bool(true), &Value::Null)
    );
}

#[tokio::test]
async fn a_change_in_json_says_what_its_text_says() {
    let cli = Clearance::with_target(&["--demo"]);
    let text = cli
        .run(&["promote", "churn-model", "@staging", "--dry-run"])
        .await;
    text.expect_code(0);
    assert!(text.stdout.contains("plan: production:"), "{}", text.stdout);
    assert!(
        text.stdout.ends_with("dry run: nothing changed\n"),
        "{}",
        text.stdout
    );
    let json = cli
        .run(&["promote", "churn-model", "@staging", "--dry-run", "--json"])
        .await;
    assert_eq!(
        json.json()["plan"]["description"]
            .as_str()
            .map(|d| text.stdout.contains(d)),
        Some(true)
    );
}

/// `clearance` with the sealed env but without `$CLEARANCE_CONFIG`, so the config dir rule
/// applies.
fn in_config_dir(cli: &Clearance, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .envs(cli.sealed_env())
        .env_remove("CLEARANCE_CONFIG")
        .env_remove("CLEARANCE_PROFILE")
        .env_remove("MLFLOW_TRACKING_URI")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn config_path_init_check_and_schema() {
    let cli = Clearance::with_target(&["--demo"]);
    let file = cli.home().join("config/config.toml");
    let (code, out, err) = in_config_dir(&cli, &["config", "path"]);
    assert_eq!((code, out), (0, format!("{}\n", file.display())), "{err}");
    assert!(err.contains("does not exist"), "{err}");

    let (code, out, err) = in_config_dir(&cli, &["config", "init"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("#:schema ./config.schema.json\n"),
        "{text}"
    );
    let (_, _, err) = in_config_dir(&cli, &["config", "path"]);
    assert!(err.contains("it exists"), "{err}");

    // The schema written next to it accepts it, as an editor would check it.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(cli.home().join("config/config.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let as_json = serde_json::to_value(text.parse::<toml::Table>().unwrap()).unwrap();
    assert!(validator.is_valid(&as_json));
    let (_, printed, _) = in_config_dir(&cli, &["config", "schema"]);
    assert_eq!(serde_json::from_str::<Value>(&printed).unwrap(), schema);

    // No overwrite without --force.
    std::fs::write(&file, "read_only = true\n").unwrap();
    let (code, _, err) = in_config_dir(&cli, &["config", "init"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "read_only = true\n"
    );
    let (code, _, err) = in_config_dir(&cli, &["config", "init", "--force"]);
    assert_eq!(code, 0, "{err}");

    let (code, out, _) = in_config_dir(&cli, &["config", "check"]);
    assert_eq!((code, out), (0, format!("{}: valid\n", file.display())));

    // Every problem, each with its key, including those of a profile.
    std::fs::write(
        &file,
        "[runs]\npage_sise = 10\n[aliases]\nstaging = \"production\"\n\
         [github]\nrepo = \"acme\"\n[profiles.prod.tracking]\ntimeout_secs = \"slow\"\n",
    )
    .unwrap();
    let (code, out, err) = in_config_dir(&cli, &["config", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    let keys: Vec<&str> = out
        .lines()
        .map(|l| l.split("key '").nth(1).unwrap().split('\'').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "runs.page_sise",
            "aliases.staging",
            "github.repo",
            "profiles.prod.tracking.timeout_secs"
        ],
        "{out}"
    );
    assert!(err.contains("4 problems found"), "{err}");
    // Loading stops at the first; the message names its key and the file.
    let (code, _, err) = in_config_dir(&cli, &["--demo", "models"]);
    assert_eq!(code, 2);
    assert!(err.contains("key 'runs.page_sise'"), "{err}");
    std::fs::write(&file, "runs = [").unwrap();
    let (code, out, _) = in_config_dir(&cli, &["config", "check"]);
    assert_eq!(code, 1);
    assert!(out.contains("not valid TOML"), "{out}");
    // A key bound to an action the app does not have: the app checks names, and so does
    // `config check`, before a run would refuse the file, listing it with the other problems.
    std::fs::write(
        &file,
        "[runs]\npage_sise = 10\n[keymap]\nruns = [{ on = \"x\", run = \"frobnicate\" }]\n",
    )
    .unwrap();
    let (code, out, err) = in_config_dir(&cli, &["config", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("key 'runs.page_sise'"), "{out}");
    assert!(out.contains("key 'keymap.runs"), "{out}");
    assert!(out.contains("frobnicate"), "{out}");
    assert!(err.contains("2 problems found"), "{err}");
    // Promotion settings where earlier versions kept them still load, and are pointed to
    // their new place (a warning: the file stays valid).
    std::fs::write(
        &file,
        "[github]\nlabel = \"ship\"\n[profiles.ci.github]\npromote_via = \"pr\"\n",
    )
    .unwrap();
    let (code, out, err) = in_config_dir(&cli, &["config", "check"]);
    assert_eq!(code, 0, "{out}{err}");
    let shown = file.display();
    assert_eq!(
        out,
        format!(
            "{shown}: key 'github.label': read as promotion.label: move it there\n\
             {shown}: key 'profiles.ci.github.promote_via': read as profiles.ci.promotion.via: \
             move it there\n{shown}: valid\n"
        )
    );
}

#[tokio::test]
async fn a_profile_overrides_the_top_level_settings_and_an_unknown_one_is_named() {
    let cli = Clearance::with_target(&["--demo"]);
    let config = cli.write_config(
        "profiles.toml",
        "[aliases]\nproduction = \"production\"\n\
         [profiles.audit]\nread_only = true\n\
         [profiles.prod.aliases]\nstaging = \"production\"\nproduction = \"champion\"\n",
    );
    let config = config.to_str().unwrap();
    let promote = ["promote", "churn-model", "@staging", "--dry-run", "--json"];
    let plain = cli
        .run(&[&["--config", config][..], &promote].concat())
        .await;
    assert_eq!(plain.expect_code(0).json()["plan"]["alias"], "production");
    // The profile's aliases replace the top-level ones; the rest stays.
    let prod = cli
        .run(&[&["--config", config, "--profile", "prod"][..], &promote].concat())
        .await;
    assert_eq!(prod.expect_code(0).json()["plan"]["alias"], "champion");
    // $CLEARANCE_PROFILE chooses as --profile does.
    let audit = cli
        .run_with_env(
            &[
                "--config",
                config,
                "promote",
                "churn-model",
                "@staging",
                "--yes",
            ],
            &[("CLEARANCE_PROFILE", "audit")],
        )
        .await;
    audit.expect_code(1);
    assert!(audit.stderr.contains("read-only"), "{}", audit.stderr);
    let unknown = cli
        .run(&["--config", config, "--profile", "staging", "models"])
        .await;
    unknown.expect_code(2);
    assert!(
        unknown
            .stderr
            .contains("no profile 'staging' in config file")
            && unknown.stderr.contains("known profiles: audit, prod"),
        "{}",
        unknown.stderr
    );
}

/// `alerts --json` with an acknowledgement (kept in the demo's sqlite store, as a model tag).
async fn acknowledged_alerts_validate(cli: &Clearance) {
    cli.run(&[
        "alerts",
        "ack",
        "fraud-classifier",
        "psi_amount",
        "--reason",
        "on it",
        "--yes",
    ])
    .await
    .expect_code(0);
    let alerts = check(cli, "alerts", &["alerts", "--json"], 2).await;
    let acked: Vec<&Value> = alerts["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["answered"] == "acknowledged")
        .collect();
    assert_eq!(acked.len(), 1, "{alerts:#}");
    assert_eq!(acked[0]["ack"]["reason"], "on it");
}

//! Acknowledging and silencing alerts through the CLI against a real server: the record is the
//! registered model's tag `clearance.ack.<rule-key>`, `alerts --json` shows it, a silence
//! stops failing CI while an acknowledgement does not, and `unack` removes the tag.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::{self, Clearance, Seeder};

const DAY: i64 = 86_400_000;
/// 2026-11-01T00:00:00Z.
const W0: i64 = 1_793_491_200_000;
const MODEL: &str = "ack-model";
const TAG: &str = "clearance.ack.drift.psi_amount-production";

/// One monitored production version of `model` (experiments named after `prefix`) whose
/// `psi_amount` drifts and whose `psi_tenure` is fine.
async fn seed(seed: &Seeder, model: &str, prefix: &str) {
    let train = seed.experiment(&format!("{prefix}-train")).await;
    let run = seed
        .run(&train)
        .name(&format!("{prefix}-train-v1"))
        .start_time(W0 - 30 * DAY)
        .metric("val_auc", 0.9)
        .finished()
        .await;
    let m = seed.model(model).await;
    seed.version(&m, &run).alias("production").await;
    let mon = seed.experiment(&format!("{prefix}-mon")).await;
    let mut monitor = seed
        .run(&mon)
        .name(&format!("monitor {model}@production"))
        .start_time(W0)
        .tag("monitoring.model", model)
        .tag("monitoring.alias", "production")
        .tag("monitoring.version", "1");
    for (w, (amount, tenure)) in [(0.05, 0.01), (0.25, 0.02), (0.3, 0.01)].iter().enumerate() {
        let at = W0 + w as i64 * DAY;
        monitor = monitor
            .metric_point("psi_amount", w as i64, at, *amount)
            .metric_point("psi_tenure", w as i64, at, *tenure);
    }
    monitor.await;
}

/// Alerts on `psi_*` of the series in `<prefix>-mon`, recorded as Dana Ops.
fn config(prefix: &str) -> String {
    format!(
        "user = \"Dana Ops <dana@example.com>\"\n\
         [[alerts]]\nname = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\nfor = 2\n\
         severity = \"critical\"\nstale_after = \"520w\"\n\
         [monitoring]\nexperiments = [\"{prefix}-mon\"]\n"
    )
}

async fn model_tags(seed: &Seeder) -> Value {
    tags_of(seed, MODEL).await
}

/// The model's tags, each value read as JSON.
async fn tags_of(seed: &Seeder, model: &str) -> Value {
    let m = seed.get("registered-models/get", &[("name", model)]).await;
    let tags = m["registered_model"]["tags"].clone();
    let mut out = serde_json::Map::new();
    for t in tags.as_array().into_iter().flatten() {
        out.insert(
            t["key"].as_str().unwrap().to_owned(),
            serde_json::from_str(t["value"].as_str().unwrap()).unwrap(),
        );
    }
    Value::Object(out)
}

/// The one alert of `doc` (the drifting `psi_amount`).
fn the_alert(doc: &Value) -> Value {
    let alerts = doc["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{doc:#}");
    alerts[0].clone()
}

#[tokio::test]
async fn on_call_acknowledges_silences_and_takes_back_an_alert_kept_as_a_model_tag() {
    let server = support::shared();
    let seeder = server.seed();
    seed(&seeder, MODEL, "ack").await;
    let cli = Clearance::new(server.url());
    let config = cli.write_config("acks.toml", &config("ack"));
    let config = config.to_str().unwrap();
    let list = async || {
        let out = cli.run(&["alerts", "--json", "--config", config]).await;
        (out.code, out.json())
    };

    let (code, doc) = list().await;
    assert_eq!(code, 2, "a critical alert fires");
    let a = the_alert(&doc);
    assert_eq!(
        (&a["metric"], &a["answered"], &a["counts"], &a["ack"]),
        (
            &Value::from("psi_amount"),
            &Value::Null,
            &Value::from(true),
            &Value::Null
        )
    );

    refusals(&cli, config, &seeder).await;

    let record = acknowledge(&cli, config, &seeder).await;
    let (code, doc) = list().await;
    assert_eq!(code, 2, "an acknowledged alert still counts");
    let a = the_alert(&doc);
    assert_eq!(a["answered"], "acknowledged");
    assert_eq!(a["counts"], true);
    assert_eq!(a["ack"], record, "the JSON carries the record");

    // Silenced for 4h: it no longer fails CI, and the text output says until when.
    let out = cli
        .run(&[
            "alerts",
            "silence",
            MODEL,
            "psi_amount",
            "--for",
            "4h",
            "--reason",
            "feature pipeline redeploy",
            "--yes",
            "--config",
            config,
        ])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout.starts_with("silenced by Dana Ops"),
        "{}",
        out.stdout
    );
    let (code, doc) = list().await;
    assert_eq!(code, 0, "a silenced alert does not fail CI");
    let a = the_alert(&doc);
    assert_eq!(
        (&a["answered"], &a["counts"]),
        (&Value::from("silenced"), &Value::from(false))
    );
    let until = chrono::DateTime::parse_from_rfc3339(a["ack"]["until"].as_str().unwrap()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(a["ack"]["at"].as_str().unwrap()).unwrap();
    assert_eq!(until - at, chrono::Duration::hours(4));
    let text = cli.run(&["alerts", "--config", config]).await;
    text.expect_code(0);
    assert!(
        text.stdout.contains(&format!(
            "SILENCED until {} (Dana Ops <dana@example.com>)",
            until.format("%Y-%m-%d %H:%M")
        )),
        "{}",
        text.stdout
    );
    assert_eq!(
        model_tags(&seeder).await.as_object().unwrap().len(),
        1,
        "one record per alert"
    );

    // Taken back: the tag is gone and it counts again.
    let out = cli
        .run(&[
            "alerts", "unack", MODEL, "drift", "--yes", "--config", config,
        ])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("is no longer silenced"),
        "{}",
        out.stdout
    );
    assert_eq!(model_tags(&seeder).await, serde_json::json!({}));
    let (code, doc) = list().await;
    assert_eq!((code, &the_alert(&doc)["ack"]), (2, &Value::Null));
    let out = cli
        .run(&[
            "alerts", "unack", MODEL, "drift", "--yes", "--config", config,
        ])
        .await;
    out.expect_code(0);
    assert!(out.stdout.contains("nothing to do"), "{}", out.stdout);
}

/// Refused without a reason, read-only, for an alert that is not listed, and unconfirmed:
/// nothing is written.
async fn refusals(cli: &Clearance, config: &str, seeder: &Seeder) {
    let out = cli
        .run(&["alerts", "ack", MODEL, "drift", "--yes", "--config", config])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains("--reason TEXT is required"),
        "{}",
        out.stderr
    );
    let out = cli
        .run(&[
            "--read-only",
            "alerts",
            "ack",
            MODEL,
            "drift",
            "--reason",
            "x",
            "--yes",
            "--config",
            config,
        ])
        .await;
    out.expect_code(1);
    assert!(out.stderr.contains("read-only"), "{}", out.stderr);
    let out = cli
        .run(&[
            "alerts", "ack", MODEL, "latency", "--reason", "x", "--yes", "--config", config,
        ])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains(
            "no alert of 'ack-model' matches 'latency'; its alerts: 'drift' on psi_amount"
        ),
        "{}",
        out.stderr
    );
    // Without --yes and without a terminal to ask on: refused, nothing written.
    let out = cli
        .run(&[
            "alerts", "ack", MODEL, "drift", "--reason", "x", "--config", config,
        ])
        .await;
    out.expect_code(2);
    assert!(out.stderr.contains("pass --yes"), "{}", out.stderr);
    assert_eq!(model_tags(seeder).await, serde_json::json!({}));
}

/// Acknowledges the alert: recorded as the model's tag, which it answers.
async fn acknowledge(cli: &Clearance, config: &str, seeder: &Seeder) -> Value {
    let out = cli
        .run(&[
            "alerts",
            "ack",
            MODEL,
            "drift",
            "--reason",
            "looking at the amount feature",
            "--yes",
            "--config",
            config,
        ])
        .await;
    out.expect_code(0);
    assert!(
        out.stdout
            .starts_with("acknowledged by Dana Ops <dana@example.com> at ")
            && out
                .stdout
                .contains(&format!("(kept in the model's tag {TAG})")),
        "{}",
        out.stdout
    );
    let tags = model_tags(seeder).await;
    let record = tags[TAG].clone();
    assert_eq!(
        (
            &record["kind"],
            &record["by"],
            &record["reason"],
            &record["until"],
            &record["rule"],
            &record["metric"],
            &record["version"],
            &record["alias"],
        ),
        (
            &Value::from("acknowledged"),
            &Value::from("Dana Ops <dana@example.com>"),
            &Value::from("looking at the amount feature"),
            &Value::Null,
            &Value::from("drift"),
            &Value::from("psi_amount"),
            &Value::from("1"),
            &Value::from("production"),
        )
    );
    record
}

/// End to end: on-call opens the Alerts tab in tmux, acknowledges the drifting alert with a
/// reason, sees it answered, and `alerts --json` (another process, the same store) shows it.
#[tokio::test]
async fn acknowledging_in_the_tui_shows_in_alerts_json() {
    if !crate::support::tmux::available("acks tui e2e") {
        return;
    }
    let server = support::shared();
    let seeder = server.seed();
    seed(&seeder, "tui-ack-model", "tui-ack").await;
    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), config("tui-ack")).unwrap();
    let env: Vec<(&str, std::path::PathBuf)> = cli.sealed_env().into_iter().collect();
    let t = crate::support::tmux::Tmux::start(
        std::path::Path::new(env!("CARGO_BIN_EXE_clearance")),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (120, 40),
    );
    t.keys(&["3"]);
    t.wait_for(&["Alerts 1 firing", "psi_amount", "FIRING", "⚠ 1 alert"]);
    t.keys(&["a"]);
    t.wait_for(&[
        "Acknowledge",
        "recorded as Dana Ops <dana@example.com>",
        "Reason:",
    ]);
    t.type_text("rolling back after lunch");
    t.keys(&["Enter"]);
    let screen = t.wait_for(&[
        "ACK by Dana Ops <dana@example.com>",
        "rolling back after lunch",
    ]);
    assert!(screen.contains("│✖ crit ACK"), "{screen}");
    assert!(
        screen.contains("drift Dana Ops"),
        "who, in the Answered column:\n{screen}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);

    let out = cli.run(&["alerts", "--json"]).await;
    out.expect_code(2);
    let a = the_alert(&out.json());
    assert_eq!(
        (&a["answered"], &a["ack"]["by"], &a["ack"]["reason"]),
        (
            &Value::from("acknowledged"),
            &Value::from("Dana Ops <dana@example.com>"),
            &Value::from("rolling back after lunch")
        )
    );
    assert_eq!(
        tags_of(&seeder, "tui-ack-model").await[TAG]["kind"],
        "acknowledged",
        "kept as the model's tag"
    );
}

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

/// One monitored production version whose `psi_amount` drifts and whose `psi_tenure` is fine.
async fn seed(seed: &Seeder) {
    let train = seed.experiment("ack-train").await;
    let run = seed
        .run(&train)
        .name("ack-train-v1")
        .start_time(W0 - 30 * DAY)
        .metric("val_auc", 0.9)
        .finished()
        .await;
    let m = seed.model(MODEL).await;
    seed.version(&m, &run).alias("production").await;
    let mon = seed.experiment("ack-mon").await;
    let mut monitor = seed
        .run(&mon)
        .name("monitor ack-model@production")
        .start_time(W0)
        .tag("monitoring.model", MODEL)
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

const CONFIG: &str = "user = \"Dana Ops <dana@example.com>\"\n\
    [[alerts]]\nname = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\nfor = 2\nseverity = \"critical\"\n\
    stale_after = \"520w\"\n\
    [monitoring]\nexperiments = [\"ack-mon\"]\n";

async fn model_tags(seed: &Seeder) -> Value {
    let m = seed.get("registered-models/get", &[("name", MODEL)]).await;
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
    seed(&seeder).await;
    let cli = Clearance::new(server.url());
    let config = cli.write_config("acks.toml", CONFIG);
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

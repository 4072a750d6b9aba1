//! `clearance alerts` against a real server, over monitoring series in both layouts: rules that
//! fire and do not, persistence, NaN windows, gaps, thresholds relative to the production
//! version's evaluation, and the exit codes cron and CI rely on.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::{self, Clearance, Seeder};

const DAY: i64 = 86_400_000;
/// 2026-11-01T00:00:00Z: window 0.
const W0: i64 = 1_793_491_200_000;

/// Layout A: one long-lived run of `al-fraud`; step = window, timestamp = window start.
async fn long_lived(seed: &Seeder) {
    let exp = seed.experiment("al-mon-fraud").await;
    let mut run = seed
        .run(&exp)
        .name("monitor al-fraud@production")
        .start_time(W0)
        .tag("monitoring.model", "al-fraud")
        .tag("monitoring.alias", "production")
        .tag("monitoring.version", "1");
    let series: [(&str, &[f64]); 4] = [
        // Breaches from window 2 on; the NaN (a failed job) neither counts nor breaks it.
        ("psi_fire", &[0.05, 0.06, 0.25, 0.26, f64::NAN, 0.27]),
        // Two breaches, then fine again: never three in a row.
        ("psi_blip", &[0.05, 0.25, 0.26, 0.05, 0.05, 0.06]),
        // Below the evaluation recall (0.80) by more than 0.02 for the last three windows.
        ("live_recall", &[0.80, 0.79, 0.79, 0.77, 0.76, 0.75]),
        ("latency_ms", &[20.0, 21.0, 20.0, 22.0, 21.0, 20.0]),
    ];
    for (metric, values) in series {
        for (w, v) in values.iter().enumerate() {
            run = run.metric_point(metric, w as i64, W0 + w as i64 * DAY, *v);
        }
    }
    // A gap: windows 0, 1 and 4 only (2 and 3 were never logged).
    for w in [0_i64, 1, 4] {
        run = run.metric_point("psi_gap", w, W0 + w * DAY, 0.3);
    }
    run.await;
}

/// Layout B: one run per window of `al-churn`, each with single values.
async fn per_window(seed: &Seeder) {
    let exp = seed.experiment("al-mon-churn").await;
    for (w, v) in [0.05, 0.12, 0.13].into_iter().enumerate() {
        let day = format!("2026-11-{:02}", w + 1);
        seed.run(&exp)
            .name(&format!("al-churn {day}"))
            .start_time(W0 + w as i64 * DAY + 3_600_000)
            .tag("monitoring.model", "al-churn")
            .tag("monitoring.alias", "production")
            .tag("monitoring.window_start", &day)
            .metric("psi_tenure", v)
            .finished()
            .await;
    }
}

/// The production version of `al-fraud`, whose run scored 0.80 recall in evaluation.
async fn registry(seed: &Seeder) {
    let exp = seed.experiment("al-train").await;
    let run = seed
        .run(&exp)
        .name("al-train-v1")
        .start_time(W0 - 30 * DAY)
        .metric("val_recall", 0.80)
        .finished()
        .await;
    let m = seed.model("al-fraud").await;
    seed.version(&m, &run).alias("production").await;
}

/// The seeded windows are from November 2026 and the clock is real: these rules give the feeds
/// a cadence long enough that they are judged on their values alone (staleness has its own
/// test).
const FRESH: &str = "stale_after = \"520w\"\n";

const MONITORING: &str =
    "[monitoring]\nexperiments = [\"al-mon-fraud\", \"al-mon-churn\", \"al-nope\"]\n";

fn rules(extra: &str) -> String {
    format!(
        "[[alerts]]\n{FRESH}name = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\nfor = 3\nseverity = \"critical\"\n\
         [[alerts]]\n{FRESH}name = \"recall\"\nmetric = \"live_recall\"\nbelow_offline = \"val_recall\"\nby = 0.02\nfor = 3\n\
         [[alerts]]\n{FRESH}name = \"early\"\nmetric = \"psi_*\"\nabove = 0.1\nfor = 2\n\
         [[alerts]]\n{FRESH}name = \"slow\"\nmetric = \"latency_ms\"\nabove = 50\n{extra}{MONITORING}"
    )
}

async fn seeded() -> Clearance {
    static SEEDED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let server = support::shared();
    SEEDED
        .get_or_init(|| async {
            let seed = server.seed();
            long_lived(&seed).await;
            per_window(&seed).await;
            registry(&seed).await;
        })
        .await;
    Clearance::new(server.url())
}

fn summary(json: &Value) -> Vec<(String, String, String, String, String)> {
    json["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap_or("").to_owned();
            (s("rule"), s("model"), s("metric"), s("state"), s("since"))
        })
        .collect()
}

#[tokio::test]
async fn rules_fire_persist_resolve_and_judge_against_evaluation() {
    let cli = seeded().await;
    let config = cli.write_config("alerts.toml", &rules(""));
    let out = cli
        .run(&["alerts", "--json", "--config", config.to_str().unwrap()])
        .await;
    out.expect_code(2);
    let json = out.json();
    assert_eq!(
        summary(&json),
        [
            // Firing first, critical before warning, the newest streak first.
            (
                "drift".into(),
                "al-fraud".into(),
                "psi_fire".into(),
                "firing".into(),
                "2026-11-03T00:00:00Z".into()
            ),
            (
                "drift".into(),
                "al-fraud".into(),
                "psi_gap".into(),
                "firing".into(),
                "2026-11-01T00:00:00Z".into()
            ),
            (
                "recall".into(),
                "al-fraud".into(),
                "live_recall".into(),
                "firing".into(),
                "2026-11-04T00:00:00Z".into()
            ),
            (
                "early".into(),
                "al-churn".into(),
                "psi_tenure".into(),
                "firing".into(),
                "2026-11-02T00:00:00Z".into()
            ),
            (
                "early".into(),
                "al-fraud".into(),
                "psi_blip".into(),
                "resolved".into(),
                "2026-11-02T00:00:00Z".into()
            ),
        ]
    );
    let fire = &json["alerts"][0];
    assert_eq!(
        (fire["value"].as_f64(), fire["threshold"].as_f64()),
        (Some(0.27), Some(0.2))
    );
    assert_eq!(
        (
            fire["windows"].as_u64(),
            fire["severity"].as_str(),
            fire["version"].as_str()
        ),
        (Some(3), Some("critical"), Some("1"))
    );
    let recall = &json["alerts"][2];
    assert!(
        (recall["threshold"].as_f64().unwrap() - 0.78).abs() < 1e-9,
        "{recall}"
    );
    assert_eq!(recall["offline"], serde_json::json!(["val_recall", 0.8]));
    assert_eq!(json["alerts"][4]["resolved_at"], "2026-11-04T00:00:00Z");
    assert_eq!(
        json["notes"],
        serde_json::json!(["monitoring experiment 'al-nope' does not exist"])
    );
    assert!(
        !json.to_string().contains("latency_ms"),
        "a series within its rule raises nothing"
    );
}

#[tokio::test]
async fn exit_codes_say_how_bad_it_is() {
    let cli = seeded().await;
    let warn_only =
        format!("[[alerts]]\n{FRESH}metric = \"psi_tenure\"\nabove = 0.1\nfor = 2\n{MONITORING}");
    let calm = format!(
        "[[alerts]]\n{FRESH}metric = \"latency_ms\"\nabove = 50\nseverity = \"critical\"\n{MONITORING}"
    );
    for (name, toml, code) in [("warn.toml", warn_only, 1), ("calm.toml", calm, 0)] {
        let config = cli.write_config(name, &toml);
        let out = cli
            .run(&["alerts", "--config", config.to_str().unwrap()])
            .await;
        out.expect_code(code);
    }
    let calm = cli.write_config(
        "calm2.toml",
        &format!("[[alerts]]\n{FRESH}metric = \"latency_ms\"\nabove = 50\n{MONITORING}"),
    );
    let out = cli
        .run(&["alerts", "--config", calm.to_str().unwrap()])
        .await;
    assert_eq!(
        out.stdout,
        "no alerts: every monitored series is within its rules\n"
    );
    // Errors are 3, so a script can tell "broken" from "critical".
    let down = Clearance::new(&format!("http://127.0.0.1:{}", support::closed_port()));
    let config = down.write_config("alerts.toml", &rules(""));
    let out = down
        .run(&["alerts", "--config", config.to_str().unwrap()])
        .await;
    out.expect_code(3);
    assert!(
        out.stderr.starts_with("error: cannot reach MLflow"),
        "{}",
        out.stderr
    );
    let none = cli.run(&["alerts"]).await;
    none.expect_code(3);
    assert!(
        none.stderr.contains("no alerts configured"),
        "{}",
        none.stderr
    );
    let bad = cli.write_config(
        "bad.toml",
        "[[alerts]]\nmetric = \"psi\"\nabove = 1\nbelow = 0\n",
    );
    let out = cli
        .run(&["alerts", "--config", bad.to_str().unwrap()])
        .await;
    out.expect_code(3);
    assert!(
        out.stderr.contains("key 'alerts[0]'") && out.stderr.contains("exactly one of"),
        "{}",
        out.stderr
    );
}

/// A rule that watches nothing is alerting silently off: a note names it, and when no rule
/// matched anything the exit code is 3, not "all clear".
#[tokio::test]
async fn rules_that_match_no_series_are_findings() {
    let cli = seeded().await;
    let seed = support::shared().seed();
    let exp = seed.experiment("al-mon-untagged").await;
    // A monitoring job that forgot the `monitoring.*` tags.
    seed.run(&exp)
        .name("monitor without tags")
        .start_time(W0)
        .metric("psi_amount", 0.9)
        .finished()
        .await;

    let untagged = cli.write_config(
        "untagged.toml",
        "[[alerts]]\nname = \"drift\"\nmetric = \"psi_*\"\nabove = 0.2\n\
         [monitoring]\nexperiments = [\"al-mon-untagged\"]\n",
    );
    let out = cli
        .run(&["alerts", "--config", untagged.to_str().unwrap()])
        .await;
    out.expect_code(3);
    assert_eq!(
        out.stdout,
        "no alerts, but no rule matched any monitored series: see the notes\n"
    );
    assert!(
        out.stderr.contains(
            "note: rule 'drift' matched no series: no run in the monitoring experiments \
             (al-mon-untagged) has the tag 'monitoring.model' that names its model"
        ),
        "{}",
        out.stderr
    );
    let json = cli
        .run(&["alerts", "--json", "--config", untagged.to_str().unwrap()])
        .await;
    json.expect_code(3);
    assert_eq!(json.json()["alerts"], serde_json::json!([]));
    assert_eq!(json.json()["notes"].as_array().unwrap().len(), 1);

    // One rule of two watches nothing: a note, and the other rule decides the exit code.
    let partly = cli.write_config(
        "partly.toml",
        &format!(
            "[[alerts]]\n{FRESH}name = \"typo\"\nmetric = \"pis_*\"\nabove = 0.2\n\
             [[alerts]]\n{FRESH}metric = \"latency_ms\"\nabove = 50\n{MONITORING}"
        ),
    );
    let out = cli
        .run(&["alerts", "--json", "--config", partly.to_str().unwrap()])
        .await;
    out.expect_code(0);
    assert!(
        out.json()["notes"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(
                "rule 'typo' matched no series: no monitored model logs a metric it names"
            )),
        "{}",
        out.stdout
    );

    // An empty metric name never gets that far.
    let empty = cli.write_config(
        "empty.toml",
        &format!("[[alerts]]\nmetric = \"\"\nabove = 0.2\n{MONITORING}"),
    );
    let out = cli
        .run(&["alerts", "--config", empty.to_str().unwrap()])
        .await;
    out.expect_code(3);
    assert!(
        out.stderr.contains("key 'alerts[0].metric'") && out.stderr.contains("cannot be empty"),
        "{}",
        out.stderr
    );
}

/// A feed that stopped is an alert of its own: the seeded daily windows end on 2026-11-06, long
/// before the real clock's now, so with the default cadence (twice the median interval, 2 days)
/// every series is stale, including one whose values are within their rule.
#[tokio::test]
async fn a_stopped_feed_is_an_alert() {
    let cli = seeded().await;
    let config = cli.write_config(
        "stale.toml",
        &format!("[[alerts]]\nname = \"slow\"\nmetric = \"latency_ms\"\nabove = 50\n{MONITORING}"),
    );
    let out = cli
        .run(&["alerts", "--json", "--config", config.to_str().unwrap()])
        .await;
    out.expect_code(1);
    let json = out.json();
    let a = &json["alerts"][0];
    assert_eq!(
        (
            a["state"].as_str(),
            a["stale"].as_bool(),
            a["latest_window"].as_str(),
            a["expected_every_secs"].as_i64(),
            a["value"].as_f64()
        ),
        (
            Some("stale"),
            Some(true),
            Some("2026-11-06T00:00:00Z"),
            Some(2 * 86_400),
            Some(20.0)
        ),
        "{json}"
    );
    let text = cli
        .run(&["alerts", "--config", config.to_str().unwrap()])
        .await;
    text.expect_code(1);
    assert!(
        text.stdout.contains("STALE")
            && text.stdout.contains("20 ≤ 50")
            && text.stdout.contains("2026-11-06 stale"),
        "{}",
        text.stdout
    );
    // A configured cadence wins over the derived one: ten years keep the feed fresh.
    let patient = cli.write_config(
        "patient.toml",
        &format!(
            "[[alerts]]\nmetric = \"latency_ms\"\nabove = 50\nstale_after = \"520w\"\n{MONITORING}"
        ),
    );
    let out = cli
        .run(&["alerts", "--json", "--config", patient.to_str().unwrap()])
        .await;
    out.expect_code(0);
    assert_eq!(out.json()["alerts"], serde_json::json!([]));
}

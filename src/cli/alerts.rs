//! `clearance alerts`: what is firing, for cron and CI. Exit 0 nothing firing, 1 a warning,
//! 2 a critical alert, 3 an error. A silenced alert does not count until its silence ends;
//! an acknowledged one does (someone is on it, it is not over). `alerts ack|silence|unack`
//! record on-call's answers ([`answer`]).

mod answer;

use std::process::ExitCode;

use super::{AlertsArgs, CliError, out, print_json, progress};
use crate::config::Config;
use crate::domain::alert::AlertJson;
use crate::domain::alert::{Alert, AlertReport};
use crate::domain::alert::{AlertState, Severity};
use crate::ops::acks::{self, LocalAcks};
use crate::report::text::{Align, table};
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    args: &AlertsArgs,
) -> Result<ExitCode, CliError> {
    if let Some(action) = &args.action {
        return answer::run(backend, config, action).await;
    }
    let rules = config.alert_rules()?;
    let settings = config.review()?;
    if rules.is_empty() || config.monitoring.experiments.is_empty() {
        return Err(CliError::usage(
            "no alerts configured: add [[alerts]] rules and [monitoring] experiments to the config \
             (see config.example.toml)",
        ));
    }
    let progress = progress::Progress::start("evaluating alerts");
    let now = super::approve::now();
    let local = LocalAcks::for_store(&backend.store);
    let report = acks::evaluate(
        backend,
        &config.monitoring,
        &settings,
        &rules,
        local.as_ref(),
        now,
    )
    .await?;
    drop(progress);
    let code = match report.worst(now) {
        // Every rule watches nothing: that is not "all clear" (the notes say why).
        None if report.watches_nothing() => 3,
        None => 0,
        Some(Severity::Warning) => 1,
        Some(Severity::Critical) => 2,
    };
    out::settle(code);
    if args.json {
        let alerts: Vec<AlertJson> = report
            .alerts
            .iter()
            .map(|a| AlertJson::at(a, now))
            .collect();
        print_json(&crate::report::json::AlertsDoc {
            schema_version: crate::report::json::SchemaVersion,
            alerts,
            notes: report.notes.clone(),
        })?;
    } else {
        if report.watches_nothing() {
            out::line("no alerts, but no rule matched any monitored series: see the notes")?;
        } else if report.alerts.is_empty() {
            out::line("no alerts: every monitored series is within its rules")?;
        } else {
            out::text(&text_table(&report, now))?;
        }
        for n in &report.notes {
            out::err(&format!("note: {n}"));
        }
    }
    Ok(ExitCode::from(code))
}

/// `ACK ann`, `SILENCED until 12-06 16:10 (ann)`, `silence ended 12-06 16:10`, or nothing.
fn answered(a: &Alert, now: chrono::DateTime<chrono::Utc>) -> String {
    let Some(ack) = &a.ack else {
        return String::new();
    };
    match (ack.in_force(now), ack.until) {
        (true, Some(u)) => format!(
            "{} until {} ({})",
            ack.label(),
            u.format("%Y-%m-%d %H:%M"),
            ack.by
        ),
        (true, None) => format!("{} {}", ack.label(), ack.by),
        (false, u) => format!(
            "silence ended {}",
            u.map(|u| u.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        ),
    }
}

/// The alerts as a text table, with who answered each and until when.
fn text_table(report: &AlertReport, now: chrono::DateTime<chrono::Utc>) -> String {
    let rows: Vec<Vec<String>> = report
        .alerts
        .iter()
        .map(|a| {
            let state = match a.eval.state {
                AlertState::Firing => "FIRING".to_owned(),
                AlertState::Resolved { at } => {
                    format!("resolved {}", at.format("%Y-%m-%d"))
                }
                AlertState::Stale => "STALE".to_owned(),
            };
            let last = a.freshness.map_or_else(String::new, |f| {
                let day = f.latest.format("%Y-%m-%d");
                if f.stale {
                    format!("{day} stale")
                } else {
                    day.to_string()
                }
            });
            vec![
                format!("{:?}", a.rule.severity).to_lowercase(),
                state,
                a.series.subject(),
                a.series.metric.clone(),
                a.rule.describe_value(a.eval.latest, a.eval.threshold),
                last,
                a.eval.since.format("%Y-%m-%d %H:%M").to_string(),
                a.rule.name.clone(),
                answered(a, now),
            ]
        })
        .collect();
    table(
        &[
            "severity",
            "state",
            "model",
            "metric",
            "value vs threshold",
            "last window",
            "since",
            "rule",
            "answered",
        ],
        &rows,
        &[Align::Left; 9],
    )
}

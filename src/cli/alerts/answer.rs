//! `clearance alerts ack|silence|unack MODEL RULE`: on-call's answers to an alert, the CLI
//! twin of the Alerts tab's `a`, `s` and `u`. Each names the alert as listed now, asks for
//! confirmation (or `--yes`), and records who (the configured user, else git's identity),
//! when, why and, for a silence, until when. Exit 0 done, 1 refused (read-only, not
//! confirmed), 2 an error (no such alert, a bad duration, the store failed).

use std::process::ExitCode;

use super::super::{AlertTarget, AlertsCommand, CliError, OK, out};
use crate::config::Config;
use crate::domain::alert::{Ack, AckKind, Alert};
use crate::domain::policy::{format_duration, parse_duration};
use crate::ops::acks::{self, LocalAcks};
use crate::ops::identity;
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    action: &AlertsCommand,
) -> Result<ExitCode, CliError> {
    let (target, kind, reason, duration) = match action {
        AlertsCommand::Ack(a) => (&a.target, Some(AckKind::Acknowledged), &a.reason, None),
        AlertsCommand::Silence(a) => (
            &a.target,
            Some(AckKind::Silenced),
            &a.reason,
            Some(&a.duration),
        ),
        AlertsCommand::Unack(a) => (&a.target, None, &None, None),
    };
    let reason = reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if kind.is_some() && reason.is_none() {
        return Err(CliError::usage(
            "--reason TEXT is required: say why, so whoever is paged next knows",
        ));
    }
    let duration = duration
        .map(|d| parse_duration(d).map_err(|e| CliError::usage(format!("--for: {e}"))))
        .transpose()?;
    if duration.is_some_and(|d| d.num_seconds() <= 0) {
        return Err(CliError::usage("--for must be longer than 0s"));
    }
    let what = if kind.is_some() {
        "alerts ack"
    } else {
        "alerts unack"
    };
    if let Some(code) = super::super::change::refuse_read_only(
        &mut super::super::sink::Sink::text(),
        config,
        backend,
        what,
    ) {
        return Ok(code);
    }
    let rules = config.alert_rules()?;
    let settings = config.review()?;
    let now = super::super::approve::now();
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
    let alert = find(&report, target)?;
    let title = format!(
        "{} of {} ('{}')",
        alert.series.metric,
        alert.series.subject(),
        alert.rule.name
    );
    let Some(kind) = kind else {
        let Some(ack) = &alert.ack else {
            out::line(&format!(
                "{title} is neither acknowledged nor silenced: nothing to do"
            ))?;
            return Ok(OK);
        };
        if !confirmed(target, &format!("Take back: {title}, {}?", ack.describe()))? {
            return Ok(not_confirmed());
        }
        acks::withdraw(backend, local.as_ref(), alert)
            .await
            .map_err(CliError::from_change)?;
        out::line(&format!(
            "taken back: {title} is no longer {}",
            past(ack.kind)
        ))?;
        return Ok(OK);
    };
    let by = identity::who(&config.user).await;
    let until = duration.map(|d| now + d);
    let ack = Ack::for_alert(alert, kind, &by, now, reason.unwrap_or_default(), until);
    let verb = match (kind, duration) {
        (AckKind::Silenced, Some(d)) => format!("Silence for {}", format_duration(d)),
        _ => "Acknowledge".to_owned(),
    };
    if !confirmed(target, &format!("{verb}: {title}, as {by}?"))? {
        return Ok(not_confirmed());
    }
    let kept = acks::record(backend, local.as_ref(), &ack)
        .await
        .map_err(CliError::from_change)?;
    out::line(&format!("{}: {title} (kept in {kept})", ack.describe()))?;
    Ok(OK)
}

fn find<'a>(
    report: &'a crate::domain::alert::AlertReport,
    target: &AlertTarget,
) -> Result<&'a Alert, CliError> {
    acks::find(
        report,
        &target.model,
        &target.rule,
        target.metric.as_deref(),
    )
    .map_err(CliError::not_found)
}

fn confirmed(target: &AlertTarget, question: &str) -> Result<bool, CliError> {
    if target.yes {
        return Ok(true);
    }
    super::super::approve::ask(&format!("{question} [y/N] "), "y")
}

fn not_confirmed() -> ExitCode {
    out::err("refused: not confirmed, nothing changed");
    super::super::refused()
}

fn past(kind: AckKind) -> &'static str {
    match kind {
        AckKind::Acknowledged => "acknowledged",
        AckKind::Silenced => "silenced",
    }
}

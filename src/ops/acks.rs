//! Acknowledging and silencing alerts, for the CLI and the TUI.
//!
//! A record ([`Ack`]) is kept where the store can keep it: as the registered-model tag
//! `clearance.ack.<rule-key>` (MLflow over REST and its sqlite store), so every on-call
//! person and CI job that reads the store sees it; else (W&B, GTO) in `alert-acks.json` in
//! the state dir ([`LocalAcks`]). Both are read back when alerts are evaluated.

mod local;

use chrono::{DateTime, Utc};

pub use self::local::LocalAcks;
use crate::config::MonitoringConfig;
use crate::domain::ReviewSettings;
use crate::domain::alert::ack::TAG_PREFIX;
use crate::domain::alert::{Ack, Alert, AlertReport, AlertRule};
use crate::domain::change::ChangeError;
use crate::store::{Backend, BackendError};

/// Where a record went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// The registered-model tag with this key.
    Tag(String),
    /// The local file at this path.
    File(std::path::PathBuf),
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kept::Tag(key) => write!(f, "the model's tag {key}"),
            Kept::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Every acknowledgement and silence recorded for this store: the models' tags and the local
/// file's entries. A tag that holds no readable record is skipped.
pub async fn records(
    backend: &Backend,
    local: Option<&LocalAcks>,
) -> Result<Vec<Ack>, BackendError> {
    let mut out: Vec<Ack> = backend
        .registry
        .models()
        .await?
        .iter()
        .flat_map(|m| {
            m.tags
                .iter()
                .filter(|(k, _)| k.starts_with(TAG_PREFIX))
                .filter_map(|(_, v)| Ack::from_json(v))
                // A record copied onto another model is not this model's.
                .filter(|a| a.model == m.name)
                .collect::<Vec<_>>()
        })
        .collect();
    if let Some(local) = local {
        out.extend(local.read());
    }
    Ok(out)
}

/// The alerts at `now` ([`crate::ops::monitoring::evaluate_all`]) with the record that
/// answers each, unanswered ones first.
pub async fn evaluate(
    backend: &Backend,
    config: &MonitoringConfig,
    settings: &ReviewSettings,
    rules: &[AlertRule],
    local: Option<&LocalAcks>,
    now: DateTime<Utc>,
) -> Result<AlertReport, BackendError> {
    let mut report = super::monitoring::evaluate_all(backend, config, settings, rules, now).await?;
    if !report.alerts.is_empty() {
        report.attach(&records(backend, local).await?);
        report.sort(now);
    }
    Ok(report)
}

/// Records `ack`: as the model's tag where the store keeps them, else in `local`. Refused in
/// read-only mode, and when there is nowhere to keep it.
pub async fn record(
    backend: &Backend,
    local: Option<&LocalAcks>,
    ack: &Ack,
) -> Result<Kept, ChangeError> {
    let writer = super::promote::writer(backend)?;
    let key = ack.key();
    if writer.keeps_model_tags() {
        let json = ack.to_json().map_err(ChangeError::Failed)?;
        writer
            .set_model_tag(&ack.model, &key, &json)
            .await
            .map_err(|e| {
                ChangeError::Failed(format!("could not record it on '{}': {e}", ack.model))
            })?;
        return Ok(Kept::Tag(key));
    }
    let local = local.ok_or_else(no_state_dir)?;
    local.put(ack).map_err(ChangeError::Failed)?;
    Ok(Kept::File(local.path().to_owned()))
}

/// Removes the acknowledgement or silence of `alert` (wherever it is kept); answers the
/// record removed, `None` when there was none.
pub async fn withdraw(
    backend: &Backend,
    local: Option<&LocalAcks>,
    alert: &Alert,
) -> Result<Option<Ack>, ChangeError> {
    let writer = super::promote::writer(backend)?;
    let Some(ack) = alert.ack.clone() else {
        return Ok(None);
    };
    remove(writer, local, &ack).await?;
    Ok(Some(ack))
}

/// Removes the record `ack` from where it is kept.
pub async fn remove(
    writer: &dyn crate::store::Writer,
    local: Option<&LocalAcks>,
    ack: &Ack,
) -> Result<(), ChangeError> {
    let key = ack.key();
    if writer.keeps_model_tags() {
        writer
            .delete_model_tag(&ack.model, &key)
            .await
            .map_err(|e| {
                ChangeError::Failed(format!("could not remove it from '{}': {e}", ack.model))
            })?;
    }
    if let Some(local) = local {
        local
            .remove(&ack.model, &key)
            .map_err(ChangeError::Failed)?;
    }
    Ok(())
}

fn no_state_dir() -> ChangeError {
    ChangeError::Failed(
        "this store keeps no tags on models, and there is no state dir to keep the record in \
         (set CLEARANCE_STATE_HOME)"
            .to_owned(),
    )
}

/// The alert of `report` on `model` that `rule` names (a rule's name, or the metric), and
/// `metric` when given; the message lists the candidates when it is none or several.
pub fn find<'a>(
    report: &'a AlertReport,
    model: &str,
    rule: &str,
    metric: Option<&str>,
) -> Result<&'a Alert, String> {
    let on_model: Vec<&Alert> = report
        .alerts
        .iter()
        .filter(|a| a.series.model == model)
        .collect();
    let hits: Vec<&Alert> = on_model
        .iter()
        .copied()
        .filter(|a| a.rule.name.eq_ignore_ascii_case(rule) || a.series.metric == rule)
        .filter(|a| metric.is_none_or(|m| a.series.metric == m))
        .collect();
    let list = |alerts: &[&Alert]| {
        alerts
            .iter()
            .map(|a| {
                format!(
                    "'{}' on {} ({})",
                    a.rule.name,
                    a.series.metric,
                    a.series.subject()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match hits.as_slice() {
        [one] => Ok(one),
        [] if on_model.is_empty() => Err(format!(
            "no alert is listed for '{model}' (`clearance alerts` lists them)"
        )),
        [] => Err(format!(
            "no alert of '{model}' matches '{rule}'; its alerts: {}",
            list(&on_model)
        )),
        several => Err(format!(
            "'{rule}' matches {} alerts of '{model}': {}; name one with --metric",
            several.len(),
            list(several)
        )),
    }
}

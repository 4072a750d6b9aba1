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
    let local = local.ok_or_else(no_state_dir)?.clone();
    let path = local.path().to_owned();
    let ack = ack.clone();
    // The file's lock may wait on another clearance: not on a runtime thread.
    blocking(move || local.put(&ack)).await?;
    Ok(Kept::File(path))
}

/// Runs a change of the local file off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, ChangeError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ChangeError::Failed(format!("the acknowledgements file: {e}")))?
        .map_err(ChangeError::Failed)
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
    if let Some(local) = local.cloned() {
        let model = ack.model.clone();
        blocking(move || local.remove(&model, &key)).await?;
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use async_trait::async_trait;
    use chrono::DateTime;
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::domain::alert::AckKind;
    use crate::domain::{Experiment, MetricPoint, RegisteredModel, Run, RunId, VersionId};
    use crate::store::{ModelRegistry, RunPage, RunQuery, RunStore, SampledHistories, Writer};

    /// A store like W&B or GTO here: one model, and no tags on models.
    struct NoModelTags {
        tags_set: Mutex<usize>,
    }

    fn nothing<T>() -> Result<T, BackendError> {
        Err(BackendError::Store("not in this test".into()))
    }

    #[async_trait]
    impl RunStore for NoModelTags {
        async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
            nothing()
        }
        async fn search_runs(
            &self,
            _: &RunQuery,
            _: Option<&str>,
        ) -> Result<RunPage, BackendError> {
            nothing()
        }
        async fn run(&self, _: &RunId) -> Result<Run, BackendError> {
            nothing()
        }
        async fn metric_history(
            &self,
            _: &RunId,
            _: &str,
        ) -> Result<Vec<MetricPoint>, BackendError> {
            nothing()
        }
        async fn sampled_histories(
            &self,
            _: &[RunId],
            _: &str,
            _: u32,
        ) -> Result<SampledHistories, BackendError> {
            nothing()
        }
    }

    #[async_trait]
    impl ModelRegistry for NoModelTags {
        async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
            Ok(vec![RegisteredModel {
                name: "fraud".into(),
                description: String::new(),
                tags: std::collections::BTreeMap::new(),
                aliases: std::collections::BTreeMap::new(),
                versions: Vec::new(),
                updated: None,
            }])
        }
        async fn model(&self, _: &str) -> Result<RegisteredModel, BackendError> {
            nothing()
        }
    }

    #[async_trait]
    impl Writer for NoModelTags {
        async fn move_alias(
            &self,
            _: &str,
            _: &str,
            _: Option<&VersionId>,
            _: &VersionId,
        ) -> Result<(), BackendError> {
            nothing()
        }
        async fn delete_alias(&self, _: &str, _: &str) -> Result<(), BackendError> {
            nothing()
        }
        async fn set_version_tag(
            &self,
            _: &str,
            _: &VersionId,
            _: &str,
            _: &str,
        ) -> Result<(), BackendError> {
            nothing()
        }
        async fn delete_version_tag(
            &self,
            _: &str,
            _: &VersionId,
            _: &str,
        ) -> Result<(), BackendError> {
            nothing()
        }
        async fn set_model_tag(&self, _: &str, _: &str, _: &str) -> Result<(), BackendError> {
            *self.tags_set.lock().unwrap() += 1;
            nothing()
        }
        async fn set_run_tag(&self, _: &RunId, _: &str, _: &str) -> Result<(), BackendError> {
            nothing()
        }
        async fn delete_run_tag(&self, _: &RunId, _: &str) -> Result<(), BackendError> {
            nothing()
        }
    }

    fn backend(store: &Arc<NoModelTags>, writable: bool) -> Backend {
        Backend {
            runs: store.clone(),
            registry: store.clone(),
            writer: writable.then(|| store.clone() as Arc<dyn Writer>),
            read_only_reason: (!writable).then(|| "read-only".to_owned()),
            store: crate::domain::StoreIdentity::named("W&B acme/fraud"),
        }
    }

    fn ack() -> Ack {
        Ack {
            kind: AckKind::Silenced,
            by: "ann".into(),
            at: DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            reason: "deploy".into(),
            until: DateTime::from_timestamp(1_790_014_400, 0),
            model: "fraud".into(),
            version: Some("3".into()),
            alias: Some("production".into()),
            rule: "drift".into(),
            metric: "psi_amount".into(),
        }
    }

    #[tokio::test]
    async fn a_store_without_model_tags_keeps_records_in_the_local_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alert-acks.json");
        let local = LocalAcks::at(path.clone(), "wandb:acme/fraud");
        let store = Arc::new(NoModelTags {
            tags_set: Mutex::new(0),
        });
        let b = backend(&store, true);
        let kept = record(&b, Some(&local), &ack()).await.unwrap();
        assert_eq!(kept, Kept::File(path.clone()));
        assert_eq!(*store.tags_set.lock().unwrap(), 0, "no tag was tried");
        assert_eq!(records(&b, Some(&local)).await.unwrap(), vec![ack()]);
        remove(store.as_ref(), Some(&local), &ack()).await.unwrap();
        assert_eq!(records(&b, Some(&local)).await.unwrap(), vec![]);
        // Nowhere to keep it: said, not a panic.
        let e = record(&b, None, &ack()).await.unwrap_err();
        assert!(e.to_string().contains("no state dir"), "{e}");
        // Read-only: refused, nothing written.
        let e = record(&backend(&store, false), Some(&local), &ack())
            .await
            .unwrap_err();
        assert!(matches!(e, ChangeError::Refused(_)), "{e:?}");
        assert_eq!(local.read(), vec![]);
    }
}

//! Monitoring series and the alerts they raise.
//!
//! Runs in the configured monitoring experiments are tied to a model by tags. Two layouts are
//! read: a long-lived run whose metrics are logged with step = window index and timestamp =
//! window start (its full histories are the series), or one run per window with single values
//! (each run is one point, at its window tag or start time). Series are grouped by model and
//! by the alias (else the version) the runs name.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::MonitoringConfig;
use crate::domain::alert::{
    Alert, AlertReport, AlertRule, AlertState, Series, Threshold, evaluate, freshness, quiet,
};
use crate::domain::{MetricPoint, Name, ReviewSettings, Run, VersionId};
use crate::store::{Backend, BackendError, RunQuery};

/// (model, alias, version, metric).
type SeriesKey = (String, Option<String>, Option<String>, String);

/// A window's start from a tag: an RFC 3339 time or a plain date.
fn window_time(tag: Option<&Name>, run: &Run) -> Option<DateTime<Utc>> {
    tag.and_then(|t| {
        DateTime::parse_from_rfc3339(t)
            .map(|d| d.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc())
            })
    })
    .or(run.start_time)
}

/// Reads every monitoring series the rules could apply to.
pub async fn load_series(
    backend: &Backend,
    config: &MonitoringConfig,
    rules: &[AlertRule],
    notes: &mut Vec<String>,
) -> Result<Vec<Series>, BackendError> {
    let experiments = backend.runs.experiments().await?;
    let mut ids = Vec::new();
    for name in &config.experiments {
        match experiments
            .iter()
            .find(|e| &e.name == name || e.id.as_str() == name)
        {
            Some(e) => ids.push(e.id.clone()),
            None => notes.push(format!("monitoring experiment '{name}' does not exist")),
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = RunQuery {
        experiment_ids: ids,
        filter: Some(format!(
            "{} IS NOT NULL",
            crate::domain::filter::entity_key("tags", &config.model_tag)
        )),
        order_by: vec!["attributes.start_time ASC".into()],
        page_size: crate::store::LISTING_PAGE,
    };
    let runs = super::runs::all(backend, &query).await?;
    let wanted = |model: &str, metric: &str| rules.iter().any(|r| r.applies_to(model, metric));
    // (model, alias, version, metric) → points
    let mut series: BTreeMap<SeriesKey, Vec<MetricPoint>> = BTreeMap::new();
    for run in &runs {
        let Some(model) = run.tags.get(&config.model_tag).map(ToString::to_string) else {
            continue;
        };
        let alias = run.tags.get(&config.alias_tag).map(ToString::to_string);
        let version = run.tags.get(&config.version_tag).map(ToString::to_string);
        let long_lived = run.metrics.values().any(|m| m.step > 0);
        for (metric, latest) in &run.metrics {
            if !wanted(&model, metric) {
                continue;
            }
            let key = (
                model.clone(),
                alias.clone(),
                version.clone(),
                metric.to_string(),
            );
            if long_lived {
                let history = backend.runs.metric_history(&run.id, metric).await?;
                series.entry(key).or_default().extend(history);
            } else if let Some(at) = window_time(run.tags.get(&config.window_tag), run) {
                series.entry(key).or_default().push(MetricPoint {
                    step: 0,
                    timestamp: at.timestamp_millis(),
                    value: latest.value,
                });
            }
        }
    }
    Ok(series
        .into_iter()
        .map(|((model, alias, version, metric), mut points)| {
            points.sort_by_key(|p| (p.timestamp, p.step));
            Series {
                model,
                version: version.map(VersionId::new),
                alias,
                metric,
                points,
            }
        })
        .collect())
}

/// Evaluates every rule on every series it applies to. When several rules fire on one series,
/// only the most severe is listed; a resolved alert is listed only when none fires there. A
/// series whose feed is stale at `now` (the caller's clock) is listed even when no rule fires:
/// a stopped feed hides any breach.
pub async fn evaluate_all(
    backend: &Backend,
    config: &MonitoringConfig,
    settings: &ReviewSettings,
    rules: &[AlertRule],
    now: DateTime<Utc>,
) -> Result<AlertReport, BackendError> {
    let mut report = AlertReport::default();
    if rules.is_empty() {
        return Ok(report);
    }
    report.rules = rules.len();
    let series = load_series(backend, config, rules, &mut report.notes).await?;
    note_unmatched(&mut report, config, rules, &series);
    let models = if rules
        .iter()
        .any(|r| matches!(r.threshold, Threshold::Offline { .. }))
    {
        backend.registry.models().await?
    } else {
        Vec::new()
    };
    let mut offline_cache: BTreeMap<(String, String), Option<Run>> = BTreeMap::new();
    for s in &series {
        let version = s.version.clone().or_else(|| {
            let m = models.iter().find(|m| m.name == s.model)?;
            m.aliases
                .get(s.alias.as_deref().unwrap_or(&settings.production_alias))
                .cloned()
        });
        let applying: Vec<&AlertRule> = rules
            .iter()
            .filter(|r| r.applies_to(&s.model, &s.metric))
            .collect();
        // The shortest configured cadence among the rules watching the series.
        let cadence = applying.iter().filter_map(|r| r.stale_after).min();
        let fresh = freshness(&s.points, cadence, now);
        let stale = fresh.is_some_and(|f| f.stale);
        let mut best: Option<Alert> = None;
        for rule in applying {
            let offline = match &rule.threshold {
                Threshold::Absolute(_) => None,
                Threshold::Offline { metric, .. } => {
                    let run = offline_run(
                        backend,
                        &models,
                        &s.model,
                        version.as_ref(),
                        &mut offline_cache,
                    )
                    .await?;
                    let Some(v) = run.and_then(|r| r.metric(metric)) else {
                        report.notes.push(format!(
                            "'{}' cannot judge {}: no offline {metric} for {}",
                            rule.name,
                            s.subject(),
                            version
                                .as_ref()
                                .map_or_else(|| "its version".to_owned(), VersionId::label)
                        ));
                        continue;
                    };
                    Some((metric.clone(), v))
                }
            };
            let value = offline.as_ref().map(|o| o.1);
            let eval = evaluate(rule, &s.points, value, config.resolved_windows)
                .or_else(|| stale.then(|| quiet(rule, &s.points, value)).flatten());
            let Some(eval) = eval else {
                continue;
            };
            let alert = Alert {
                rule: rule.clone(),
                series: s.clone(),
                version: version.clone(),
                eval,
                offline,
                freshness: fresh,
                ack: None,
            };
            // A verdict (firing, else resolved) before a stale feed's last value.
            let rank = |a: &Alert| {
                (
                    a.is_firing(),
                    a.eval.state != AlertState::Stale,
                    a.rule.severity,
                )
            };
            if best.as_ref().is_none_or(|b| rank(&alert) > rank(b)) {
                best = Some(alert);
            }
        }
        report.alerts.extend(best);
    }
    // What needs on-call first (firing, then stale feeds), worst first, newest first.
    let rank = |a: &Alert| {
        (
            a.is_alerting(),
            a.is_firing(),
            a.rule.severity,
            a.eval.since,
        )
    };
    report.alerts.sort_by_key(|a| std::cmp::Reverse(rank(a)));
    Ok(report)
}

/// Names each rule that matched no series, and why that may be: the monitoring runs lack
/// the tag that ties them to a model, or the metric the rule names.
fn note_unmatched(
    report: &mut AlertReport,
    config: &MonitoringConfig,
    rules: &[AlertRule],
    series: &[Series],
) {
    for rule in rules {
        if series.iter().any(|s| rule.applies_to(&s.model, &s.metric)) {
            continue;
        }
        report.unmatched_rules.push(rule.name.clone());
        let why = if series.is_empty() {
            format!(
                "no run in the monitoring experiments ({}) has the tag '{}' that names its model",
                config.experiments.join(", "),
                config.model_tag
            )
        } else {
            "no monitored model logs a metric it names".to_owned()
        };
        report
            .notes
            .push(format!("rule '{}' matched no series: {why}", rule.name));
    }
}

async fn offline_run(
    backend: &Backend,
    models: &[crate::domain::RegisteredModel],
    model: &str,
    version: Option<&VersionId>,
    cache: &mut BTreeMap<(String, String), Option<Run>>,
) -> Result<Option<Run>, BackendError> {
    let Some(version) = version else {
        return Ok(None);
    };
    let key = (model.to_owned(), version.as_str().to_owned());
    if let Some(hit) = cache.get(&key) {
        return Ok(hit.clone());
    }
    let run_id = models
        .iter()
        .find(|m| m.name == model)
        .and_then(|m| m.version(version))
        .and_then(|v| v.run_id.clone());
    let run = match run_id {
        Some(id) => match backend.runs.run(&id).await {
            Ok(r) => Some(r),
            Err(BackendError::NotFound(_)) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    cache.insert(key, run.clone());
    Ok(run)
}

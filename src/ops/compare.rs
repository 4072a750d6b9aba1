//! Resolving `@alias` / version / `run:ID` references and comparing two sides.

use std::collections::BTreeMap;

use crate::domain::comparison::{Comparison, Side, compare_sides, find_version};
use crate::domain::{RegisteredModel, ReviewSettings, VersionRef};
use crate::store::{Backend, BackendError};

/// Points per sparkline in reports.
const TREND_POINTS: u32 = 24;
/// Metrics that get a sparkline in reports (one request each).
const TREND_METRICS: usize = 40;

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// Talking to the backend failed.
    #[error(transparent)]
    Backend(#[from] BackendError),
    /// A reference does not resolve (no such alias or version, or no source run).
    #[error("{0}")]
    Reference(String),
}

/// Resolves one reference to a side, fetching its run.
pub async fn resolve_side(
    backend: &Backend,
    model: &RegisteredModel,
    reference: &VersionRef,
) -> Result<Side, CompareError> {
    let version = find_version(model, reference).map_err(CompareError::Reference)?;
    let run_id = match (reference, version) {
        (VersionRef::Run(id), _) => id.clone(),
        (_, Some(v)) => v.run_id.clone().ok_or_else(|| {
            CompareError::Reference(format!(
                "{} of '{}' was not registered from a run, so it has no metrics to compare",
                v.version.label(),
                model.name
            ))
        })?,
        (_, None) => {
            return Err(CompareError::Reference(format!(
                "'{reference}' names nothing"
            )));
        }
    };
    let run = backend.runs.run(&run_id).await.map_err(|e| match e {
        BackendError::NotFound(_) => CompareError::Reference(format!(
            "the run '{run_id}' behind {reference} no longer exists"
        )),
        other => CompareError::Backend(other),
    })?;
    Ok(Side {
        reference: reference.clone(),
        version: version.cloned(),
        run,
    })
}

/// Compares two references of one model; with `trends`, also fetches sampled histories. Two
/// `run:` references of a model the registry does not know compare the runs alone.
pub async fn model_diff(
    backend: &Backend,
    model_name: &str,
    candidate: &VersionRef,
    baseline: &VersionRef,
    settings: &ReviewSettings,
    trends: bool,
) -> Result<Comparison, CompareError> {
    let model = match backend.registry.model(model_name).await {
        Ok(model) => model,
        // Two runs need no registered model (a store with no registry, a model not yet
        // registered): the comparison is of the runs alone.
        Err(BackendError::NotFound(_))
            if matches!(candidate, VersionRef::Run(_))
                && matches!(baseline, VersionRef::Run(_)) =>
        {
            let unregistered = RegisteredModel {
                name: model_name.to_owned(),
                description: String::new(),
                tags: BTreeMap::new(),
                aliases: BTreeMap::new(),
                versions: Vec::new(),
                updated: None,
            };
            let mut cmp = diff_in(
                backend,
                &unregistered,
                candidate,
                baseline,
                settings,
                trends,
            )
            .await?;
            cmp.model = None;
            return Ok(cmp);
        }
        Err(BackendError::NotFound(_)) => {
            return Err(CompareError::Reference(format!(
                "no registered model named '{model_name}'"
            )));
        }
        Err(other) => return Err(CompareError::Backend(other)),
    };
    diff_in(backend, &model, candidate, baseline, settings, trends).await
}

/// [`model_diff`] for a model already read.
pub async fn diff_in(
    backend: &Backend,
    model: &RegisteredModel,
    candidate: &VersionRef,
    baseline: &VersionRef,
    settings: &ReviewSettings,
    trends: bool,
) -> Result<Comparison, CompareError> {
    let candidate = resolve_side(backend, model, candidate).await?;
    let baseline = resolve_side(backend, model, baseline).await?;
    let mut cmp = compare_sides(candidate, baseline, settings);
    cmp.model = Some(model.name.clone());
    if trends {
        cmp.trends = fetch_trends(backend, &cmp).await?;
    }
    Ok(cmp)
}

async fn fetch_trends(
    backend: &Backend,
    cmp: &Comparison,
) -> Result<BTreeMap<String, (Vec<f64>, Vec<f64>)>, BackendError> {
    let ids = [cmp.candidate.run.id.clone(), cmp.baseline.run.id.clone()];
    let mut out = BTreeMap::new();
    for m in cmp.report.metrics.iter().take(TREND_METRICS) {
        let h = backend
            .runs
            .sampled_histories(&ids, &m.name, TREND_POINTS)
            .await?;
        let values = |i: usize| -> Vec<f64> {
            h.get(&ids[i])
                .map(|p| crate::domain::metric::values(p))
                .unwrap_or_default()
        };
        out.insert(m.name.clone(), (values(0), values(1)));
    }
    Ok(out)
}

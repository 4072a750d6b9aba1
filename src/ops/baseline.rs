//! Finding each experiment's baseline.

use std::collections::BTreeMap;

use crate::backends::{Backend, BackendError, RunQuery};
use crate::domain::baseline::pick_tagged;
use crate::domain::{Baseline, BaselineSource, ExperimentId, ReviewSettings, RunId, VersionId};

/// `tags.<key>` for a filter, back-quoting keys with dots or other characters.
pub fn tag_key(key: &str) -> String {
    crate::domain::filter::entity_key("tags", key)
}

/// The newest run tagged as baseline in one experiment.
pub async fn tagged(
    backend: &Backend,
    experiment: &ExperimentId,
    settings: &ReviewSettings,
) -> Result<Option<Baseline>, BackendError> {
    let query = RunQuery {
        experiment_ids: vec![experiment.clone()],
        // IS NOT NULL, then the exact check in the domain, so `True` and `1` count too.
        filter: Some(format!("{} IS NOT NULL", tag_key(&settings.baseline_tag))),
        order_by: vec!["attributes.start_time DESC".into()],
        page_size: 100,
    };
    let page = backend.runs.search_runs(&query, None).await?;
    Ok(pick_tagged(
        page.runs,
        &settings.baseline_tag,
        &settings.baseline_value,
    ))
}

/// Source runs of the versions holding the production alias: run → (model, version).
pub async fn production_runs(
    backend: &Backend,
    settings: &ReviewSettings,
) -> Result<BTreeMap<RunId, (String, VersionId)>, BackendError> {
    let models = backend.registry.models().await?;
    Ok(models
        .iter()
        .filter_map(|m| {
            let v = m.version_for_alias(&settings.production_alias)?;
            Some((v.run_id.clone()?, (m.name.clone(), v.version.clone())))
        })
        .collect())
}

/// Baselines for several experiments: tagged runs first, then production source runs.
pub async fn for_experiments(
    backend: &Backend,
    experiments: &[ExperimentId],
    settings: &ReviewSettings,
) -> Result<BTreeMap<ExperimentId, Baseline>, BackendError> {
    let mut out = BTreeMap::new();
    let mut missing = Vec::new();
    for e in experiments {
        match tagged(backend, e, settings).await? {
            Some(b) => {
                out.insert(e.clone(), b);
            }
            None => missing.push(e.clone()),
        }
    }
    if missing.is_empty() {
        return Ok(out);
    }
    for (run_id, (model, version)) in production_runs(backend, settings).await? {
        let run = match backend.runs.run(&run_id).await {
            Ok(r) => r,
            // A version whose run was deleted cannot be anyone's baseline.
            Err(BackendError::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        if missing.contains(&run.experiment_id) && !out.contains_key(&run.experiment_id) {
            out.insert(
                run.experiment_id.clone(),
                Baseline {
                    run,
                    source: BaselineSource::ProductionAlias { model, version },
                    warning: None,
                },
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keys_are_quoted_when_needed() {
        assert_eq!(tag_key("baseline"), "tags.baseline");
        assert_eq!(tag_key("team.baseline"), "tags.`team.baseline`");
    }
}

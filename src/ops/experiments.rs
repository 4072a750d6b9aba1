//! Experiments and which one to open first.

use crate::domain::{Experiment, ExperimentId};
use crate::store::{Backend, BackendError, RunQuery};

/// Active experiments, and the one holding the newest run (what a person most likely wants).
pub async fn load(
    backend: &Backend,
) -> Result<(Vec<Experiment>, Option<ExperimentId>), BackendError> {
    let experiments = backend.runs.experiments().await?;
    let query = RunQuery {
        experiment_ids: experiments.iter().map(|e| e.id.clone()).collect(),
        filter: None,
        order_by: vec!["attributes.start_time DESC".into()],
        page_size: 1,
    };
    let newest = backend.runs.search_runs(&query, None).await?;
    let default = newest
        .runs
        .first()
        .map(|r| r.experiment_id.clone())
        .or_else(|| experiments.first().map(|e| e.id.clone()));
    Ok((experiments, default))
}

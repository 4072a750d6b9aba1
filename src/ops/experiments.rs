//! Experiments and which one to open first.

use crate::domain::{Experiment, ExperimentId};
use crate::store::{Backend, BackendError, RunQuery};

/// Active experiments, and with `newest` the one holding the newest run (what a person most
/// likely wants; one more request, `None` without `newest`).
pub async fn load(
    backend: &Backend,
    newest: bool,
) -> Result<(Vec<Experiment>, Option<ExperimentId>), BackendError> {
    let experiments = backend.runs.experiments().await?;
    if !newest {
        return Ok((experiments, None));
    }
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

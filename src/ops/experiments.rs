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

/// Maps names to ids; an unknown name is an error that lists the known ones.
pub fn resolve_names(all: &[Experiment], names: &[String]) -> Result<Vec<ExperimentId>, String> {
    names
        .iter()
        .map(|name| {
            all.iter()
                .find(|e| &e.name == name || e.id.as_str() == name)
                .map(|e| e.id.clone())
                .ok_or_else(|| {
                    let known: Vec<String> = all.iter().map(|e| format!("'{}'", e.name)).collect();
                    format!(
                        "no experiment named '{name}'; experiments are: {}",
                        if known.is_empty() {
                            "none".into()
                        } else {
                            known.join(", ")
                        }
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lifecycle;

    fn exp(id: &str, name: &str) -> Experiment {
        Experiment {
            id: id.into(),
            name: name.into(),
            lifecycle: Lifecycle::Active,
            last_update_ms: None,
            tags: std::collections::BTreeMap::default(),
        }
    }

    #[test]
    fn names_and_ids_resolve_and_unknowns_list_the_choices() {
        let all = [exp("1", "fraud"), exp("2", "churn")];
        assert_eq!(
            resolve_names(&all, &["churn".into(), "1".into()]),
            Ok(vec!["2".into(), "1".into()])
        );
        assert_eq!(
            resolve_names(&all, &["nope".into()]),
            Err("no experiment named 'nope'; experiments are: 'fraud', 'churn'".into())
        );
    }
}

//! The in-memory search's own refusals. That it answers what the sqlite store answers over
//! the same runs is checked beside that store (`backends/mlflow_local/tests/memory_parity.rs`).

use super::search;
use crate::domain::ExperimentId;
use crate::store::{BackendError, RunQuery};

fn query(filter: &str, order_by: Vec<String>, page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: (!filter.is_empty()).then(|| filter.to_owned()),
        order_by,
        page_size,
    }
}

#[test]
fn datasets_are_refused_and_no_experiments_match_nothing() {
    let e = search(&[], &query("datasets.name = 'x'", vec![], 10), None).unwrap_err();
    assert_eq!(
        e,
        BackendError::InvalidRequest(
            "the filter 'datasets.name = 'x'' was rejected: this store records no dataset \
             inputs, so it cannot filter on 'datasets.name'"
                .into()
        )
    );
    let none = RunQuery {
        experiment_ids: vec![],
        ..query("", vec![], 10)
    };
    assert_eq!(search(&[], &none, None).unwrap().runs, vec![]);
}

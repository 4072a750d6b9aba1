//! MLflow's JSON answers, arbitrary and mutated: every DTO reads them or refuses them, and
//! what it reads converts to domain values, without a panic.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::convert;
use super::dto::{
    ErrorDto, GetModelResponse, GetRunResponse, MetricsResponse, SearchExperimentsResponse,
    SearchModelsResponse, SearchRunsResponse, SearchVersionsResponse,
};
use crate::proptests::{bytes, config, json, mutated};

const RUNS: &str = include_str!("../../../tests/fixtures/mlflow/runs_search_page1.json");
const VERSIONS: &str = include_str!("../../../tests/fixtures/mlflow/model_versions_search.json");
const MODELS: &str = include_str!("../../../tests/fixtures/mlflow/registered_models_search.json");
const HISTORY: &str = include_str!("../../../tests/fixtures/mlflow/history_nan_inf.json");

/// Reads `bytes` as every answer type and converts what reads; whether any read.
fn read_all(bytes: &[u8]) -> bool {
    fn read<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
        serde_json::from_slice(bytes).ok()
    }
    let mut any = false;
    // A page's runs are converted as they are read.
    if read::<SearchRunsResponse>(bytes).is_some() {
        any = true;
    }
    if let Some(r) = read::<GetRunResponse>(bytes) {
        r.run.map(convert::run);
        any = true;
    }
    if let Some(r) = read::<SearchExperimentsResponse>(bytes) {
        r.experiments
            .into_iter()
            .for_each(|e| drop(convert::experiment(e)));
        any = true;
    }
    if let Some(r) = read::<MetricsResponse>(bytes) {
        for m in &r.metrics {
            let _ = convert::point(m);
        }
        any = true;
    }
    if let Some(r) = read::<SearchVersionsResponse>(bytes) {
        let versions: Vec<_> = r.model_versions.into_iter().map(convert::version).collect();
        drop(versions);
        any = true;
    }
    if let Some(r) = read::<SearchModelsResponse>(bytes) {
        r.registered_models
            .into_iter()
            .for_each(|m| drop(convert::model(m, Vec::new())));
        any = true;
    }
    if let Some(r) = read::<GetModelResponse>(bytes) {
        r.registered_model.map(|m| convert::model(m, Vec::new()));
        any = true;
    }
    any |= read::<ErrorDto>(bytes).is_some();
    any
}

proptest! {
    #![proptest_config(config())]

    /// Bytes that are not JSON are refused by every DTO.
    #[test]
    fn arbitrary_bytes_are_refused_unless_json(b in bytes()) {
        let read = read_all(&b);
        if serde_json::from_slice::<Value>(&b).is_err() {
            prop_assert!(!read);
        }
    }

    /// JSON of the wrong shape (numbers for strings, NaN strings, nesting) reads or is
    /// refused, and what reads converts.
    #[test]
    fn arbitrary_json_never_panics(v in json()) {
        read_all(&serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn mutated_answers_never_panic(
        runs in mutated(RUNS),
        versions in mutated(VERSIONS),
        models in mutated(MODELS),
        history in mutated(HISTORY),
    ) {
        for text in [runs, versions, models, history] {
            read_all(text.as_bytes());
        }
    }
}

#[test]
fn the_seeds_read() {
    for seed in [RUNS, VERSIONS, MODELS, HISTORY] {
        assert!(read_all(seed.as_bytes()));
    }
}

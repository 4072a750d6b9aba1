//! Experiments group runs.

use std::collections::BTreeMap;

use super::ids::ExperimentId;
use super::run::Lifecycle;

#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub id: ExperimentId,
    pub name: String,
    pub lifecycle: Lifecycle,
    /// Milliseconds since the epoch of the last change, when known.
    pub last_update_ms: Option<i64>,
    pub tags: BTreeMap<String, String>,
}

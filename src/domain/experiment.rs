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

impl Experiment {
    /// The order every store lists experiments in: newest change first, then by name.
    pub fn sort_newest_first(exps: &mut [Experiment]) {
        exps.sort_by(|a, b| {
            b.last_update_ms
                .cmp(&a.last_update_ms)
                .then_with(|| a.name.cmp(&b.name))
        });
    }
}

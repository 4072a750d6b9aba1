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

//! Param differences between two runs.

use std::collections::BTreeMap;

/// One param on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRow {
    pub key: String,
    pub baseline: Option<String>,
    pub candidate: Option<String>,
}

impl ParamRow {
    pub fn changed(&self) -> bool {
        self.baseline != self.candidate
    }
}

/// Every param of either run, by name; `changed_only` keeps just the ones that differ.
pub fn param_rows(
    baseline: &BTreeMap<String, String>,
    candidate: &BTreeMap<String, String>,
    changed_only: bool,
) -> Vec<ParamRow> {
    let mut keys: Vec<&String> = baseline.keys().chain(candidate.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| ParamRow {
            key: k.clone(),
            baseline: baseline.get(k).cloned(),
            candidate: candidate.get(k).cloned(),
        })
        .filter(|r| !changed_only || r.changed())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn keeps_changed_added_and_removed() {
        let b = map(&[("lr", "0.01"), ("depth", "6"), ("seed", "1")]);
        let c = map(&[("lr", "0.02"), ("depth", "6"), ("dropout", "0.1")]);
        let keys: Vec<String> = param_rows(&b, &c, true)
            .into_iter()
            .map(|r| r.key)
            .collect();
        assert_eq!(keys, ["dropout", "lr", "seed"]);
        assert_eq!(param_rows(&b, &c, false).len(), 4);
    }
}

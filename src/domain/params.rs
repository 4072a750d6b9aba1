//! Param differences between two runs.

use super::fields::Fields;
use super::name::Name;

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
    baseline: &Fields<Name>,
    candidate: &Fields<Name>,
    changed_only: bool,
) -> Vec<ParamRow> {
    let mut keys: Vec<&Name> = baseline.keys().chain(candidate.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| ParamRow {
            key: k.to_string(),
            baseline: baseline.get(k).map(ToString::to_string),
            candidate: candidate.get(k).map(ToString::to_string),
        })
        .filter(|r| !changed_only || r.changed())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Fields<Name> {
        pairs.iter().map(|(k, v)| (*k, Name::from(*v))).collect()
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

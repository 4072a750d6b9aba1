//! Identifiers. They are opaque strings on the wire (MLflow sends ids and versions as strings);
//! newtypes keep a run id from being passed where an experiment id belongs.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// A tracked run (MLflow `run_id`, a 32-hex-digit string).
    RunId
);
string_id!(
    /// An experiment (MLflow sends integers as strings: `"1"`).
    ExperimentId
);

impl RunId {
    /// The first eight characters, as MLflow's UI and most people abbreviate run ids.
    pub fn short(&self) -> &str {
        self.0.get(..8).unwrap_or(&self.0)
    }
}

/// A registered model version. MLflow numbers them (`"3"`); other registries use `v0` or
/// semver, so it stays a string with a natural ordering.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct VersionId(pub String);

impl VersionId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// A version as a person writes it: `v3` and `3` name the same numbered version (W&B's
    /// UI and people write `v3`, MLflow `3`; registries of numbered versions store the
    /// number), anything else (`v1.2.0`) stays as written.
    pub fn from_user(text: &str) -> Self {
        let text = text.trim();
        match text.strip_prefix('v') {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Self::new(n),
            _ => Self::new(text),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The numeric value of a plain version number (`"3"` or `"v3"`).
    pub fn number(&self) -> Option<u64> {
        self.0.strip_prefix('v').unwrap_or(&self.0).parse().ok()
    }

    /// How people read it: `v3` for a number, the string itself otherwise.
    pub fn label(&self) -> String {
        match self.0.parse::<u64>() {
            Ok(n) => format!("v{n}"),
            Err(_) => self.0.clone(),
        }
    }
}

impl fmt::Display for VersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for VersionId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl Ord for VersionId {
    /// Numbers compare as numbers (v10 after v9), then anything else as text.
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => self.0.cmp(&other.0),
        }
    }
}

impl PartialOrd for VersionId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_numerically() {
        let mut v: Vec<VersionId> = ["10", "2", "v1", "abc"].map(VersionId::from).to_vec();
        v.sort();
        assert_eq!(v, ["v1", "2", "10", "abc"].map(VersionId::from).to_vec());
    }

    #[test]
    fn people_write_numbered_versions_with_or_without_v() {
        assert_eq!(VersionId::from_user("v3"), VersionId::from("3"));
        assert_eq!(VersionId::from_user(" 12 "), VersionId::from("12"));
        assert_eq!(VersionId::from_user("v0").label(), "v0");
        assert_eq!(VersionId::from_user("v1.2.0"), VersionId::from("v1.2.0"));
        assert_eq!(VersionId::from_user("v"), VersionId::from("v"));
    }

    #[test]
    fn labels_and_short_ids() {
        assert_eq!(VersionId::from("3").label(), "v3");
        assert_eq!(VersionId::from("v1.2.0").label(), "v1.2.0");
        assert_eq!(RunId::from("0123456789abcdef").short(), "01234567");
        assert_eq!(RunId::from("ab").short(), "ab");
    }
}

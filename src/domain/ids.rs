//! Identifiers. They are opaque strings on the wire (MLflow sends ids and versions as strings);
//! newtypes keep a run id from being passed where an experiment id belongs.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::semver::Semver;

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

/// A registered model version. MLflow numbers them (`"3"`); W&B says `v0`; GTO names them
/// with semver (`v1.2.0`) and names a commit that holds a stage without a version by its sha.
/// So it stays a string, with an ordering that knows numbers and semver.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
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

    /// The semantic version of a semver id (`v1.2.0` or `1.2.0`).
    pub fn semver(&self) -> Option<Semver> {
        Semver::parse(self.0.strip_prefix('v').unwrap_or(&self.0))
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

/// The three kinds of version id, in the order they sort in.
enum Kind {
    Number(u64),
    Text,
    Semver(Semver),
}

impl Kind {
    fn of(v: &VersionId) -> Self {
        if let Some(n) = v.number() {
            Self::Number(n)
        } else if let Some(s) = v.semver() {
            Self::Semver(s)
        } else {
            Self::Text
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Self::Number(_) => 0,
            Self::Text => 1,
            Self::Semver(_) => 2,
        }
    }
}

impl Ord for VersionId {
    /// Numbers compare as numbers (v10 after v9) and semver by precedence (v1.10.0 after
    /// v1.9.0, v2.0.0-rc.1 before v2.0.0); numbers sort first, then text, then semver, so
    /// that newest-first puts a GTO registry's versions before the commits it names by sha.
    /// Ties in value (`3` and `v3`, builds of one semver) fall back to the text, keeping the
    /// order total and consistent with equality.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (Kind::of(self), Kind::of(other));
        let by_value = match (&a, &b) {
            (Kind::Number(x), Kind::Number(y)) => x.cmp(y),
            (Kind::Semver(x), Kind::Semver(y)) => x.precedence(y),
            _ => a.rank().cmp(&b.rank()),
        };
        by_value.then_with(|| self.0.cmp(&other.0))
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
    fn semver_versions_order_by_precedence_after_numbers_and_text() {
        let mut v: Vec<VersionId> = [
            "v1.10.0",
            "v1.9.0",
            "v2.0.0",
            "v2.0.0-rc.1",
            "3",
            "243b10c2b54a0c53364c328c4b06903d3b527fc5",
            "v1.9.0+build.2",
        ]
        .map(VersionId::from)
        .to_vec();
        v.sort();
        assert_eq!(
            v,
            [
                "3",
                "243b10c2b54a0c53364c328c4b06903d3b527fc5",
                "v1.9.0",
                "v1.9.0+build.2",
                "v1.10.0",
                "v2.0.0-rc.1",
                "v2.0.0",
            ]
            .map(VersionId::from)
            .to_vec()
        );
        assert_eq!(
            VersionId::from("1.2.0").semver(),
            VersionId::from("v1.2.0").semver()
        );
        assert_eq!(VersionId::from("v12").semver(), None);
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

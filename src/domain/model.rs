//! Registered models, their versions and aliases.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::ids::{RunId, VersionId};
use super::semver::Semver;

/// A model in the registry, with all its versions (newest first) and its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisteredModel {
    pub name: String,
    pub description: String,
    pub tags: BTreeMap<String, String>,
    /// Alias → version. Each alias points at exactly one version.
    pub aliases: BTreeMap<String, VersionId>,
    pub versions: Vec<ModelVersion>,
    pub updated: Option<DateTime<Utc>>,
}

impl RegisteredModel {
    /// The version an alias points at.
    pub fn version_for_alias(&self, alias: &str) -> Option<&ModelVersion> {
        let v = self.aliases.get(alias)?;
        self.versions.iter().find(|mv| &mv.version == v)
    }

    pub fn version(&self, v: &VersionId) -> Option<&ModelVersion> {
        self.versions.iter().find(|mv| &mv.version == v)
    }

    /// Aliases of one version, in name order.
    pub fn aliases_of(&self, v: &VersionId) -> Vec<String> {
        self.aliases
            .iter()
            .filter(|(_, ver)| *ver == v)
            .map(|(a, _)| a.clone())
            .collect()
    }

    /// Sorts versions newest first and fills each version's alias list from the model's map.
    pub fn normalize(&mut self) {
        self.versions.sort_by(|a, b| b.version.cmp(&a.version));
        let aliases = self.aliases.clone();
        for mv in &mut self.versions {
            let mut own: Vec<String> = aliases
                .iter()
                .filter(|(_, v)| **v == mv.version)
                .map(|(a, _)| a.clone())
                .collect();
            own.sort();
            mv.aliases = own;
        }
    }
}

/// One version of a registered model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelVersion {
    pub model: String,
    pub version: VersionId,
    /// The run that produced it; empty for versions registered from outside a run.
    pub run_id: Option<RunId>,
    /// `READY`, `PENDING_REGISTRATION`, `FAILED_REGISTRATION`.
    pub status: String,
    /// The deprecated stage (`None`, `Staging`, `Production`, `Archived`), shown when set.
    pub stage: Option<String>,
    pub source: String,
    pub description: String,
    pub tags: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub user: String,
}

/// How a person names a version: `@alias`, a version number (`3`, `v3`, or semver as GTO
/// writes it: `v1.2.0`, `1.2.0-rc.1`), or `run:RUN_ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionRef {
    Alias(String),
    Version(VersionId),
    Run(RunId),
}

impl FromStr for VersionRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(alias) = s.strip_prefix('@') {
            if alias.is_empty() {
                return Err(
                    "an alias reference needs a name after '@', as in '@production'".into(),
                );
            }
            return Ok(Self::Alias(alias.to_owned()));
        }
        if let Some(run) = s.strip_prefix("run:") {
            if run.is_empty() {
                return Err("a run reference needs an id after 'run:'".into());
            }
            return Ok(Self::Run(RunId::new(run)));
        }
        if s.is_empty() {
            return Err(
                "empty reference: use '@ALIAS', a version number (3, v1.2.0) or 'run:RUN_ID'"
                    .into(),
            );
        }
        let version = VersionId::from_user(s);
        if version.as_str().bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Self::Version(version));
        }
        // Semver names a version the way GTO does, with its `v`, whether or not it was typed.
        if let Some(v) = Semver::parse(s.strip_prefix('v').unwrap_or(s)) {
            return Ok(Self::Version(VersionId::new(format!("v{v}"))));
        }
        Err(format!(
            "'{s}' is not a reference: use '@ALIAS', a version number (3, v1.2.0) or 'run:RUN_ID'"
        ))
    }
}

impl fmt::Display for VersionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Alias(a) => write!(f, "@{a}"),
            Self::Version(v) => write!(f, "{}", v.label()),
            Self::Run(r) => write!(f, "run:{r}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("@production", VersionRef::Alias("production".into()))]
    #[case("3", VersionRef::Version("3".into()))]
    #[case("v12", VersionRef::Version("12".into()))]
    #[case::wandb_first_version("v0", VersionRef::Version("0".into()))]
    #[case("run:abc123", VersionRef::Run("abc123".into()))]
    #[case("v1.2.0", VersionRef::Version("v1.2.0".into()))]
    #[case("1.2.0", VersionRef::Version("v1.2.0".into()))]
    #[case(" v2.0.0-rc.1+build.5 ", VersionRef::Version("v2.0.0-rc.1+build.5".into()))]
    fn parses_references(#[case] s: &str, #[case] want: VersionRef) {
        assert_eq!(s.parse::<VersionRef>(), Ok(want));
    }

    #[rstest]
    #[case("@")]
    #[case("run:")]
    #[case("")]
    #[case("latest-ish")]
    #[case("v1.2")]
    #[case("1.02.0")]
    #[case("V1.2.0")]
    fn rejects_bad_references(#[case] s: &str) {
        assert!(s.parse::<VersionRef>().is_err());
    }

    #[test]
    fn normalize_sorts_and_spreads_aliases() {
        let mv = |v: &str| ModelVersion {
            model: "m".into(),
            version: v.into(),
            run_id: None,
            status: "READY".into(),
            stage: None,
            source: String::new(),
            description: String::new(),
            tags: BTreeMap::new(),
            aliases: vec![],
            created: None,
            user: String::new(),
        };
        let mut m = RegisteredModel {
            name: "m".into(),
            description: String::new(),
            tags: BTreeMap::new(),
            aliases: [("staging", "10"), ("production", "9"), ("champion", "9")]
                .into_iter()
                .map(|(a, v)| (a.to_owned(), VersionId::from(v)))
                .collect(),
            versions: vec![mv("9"), mv("10"), mv("1")],
            updated: None,
        };
        m.normalize();
        let got: Vec<(&str, Vec<String>)> = m
            .versions
            .iter()
            .map(|v| (v.version.as_str(), v.aliases.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("10", vec!["staging".to_owned()]),
                ("9", vec!["champion".to_owned(), "production".to_owned()]),
                ("1", vec![]),
            ]
        );
        assert_eq!(
            m.version_for_alias("production")
                .map(|v| v.version.as_str()),
            Some("9")
        );
    }
}

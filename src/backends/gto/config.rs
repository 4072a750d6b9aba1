//! The repository's `.gto` file (YAML), for the stages a write may assign. GTO reads it from
//! the working tree's root (`gto/registry.py` `from_scm`); a bare repository has none.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use super::tag::is_name;

/// The file's name.
pub const FILE: &str = ".gto";

/// What `.gto` allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GtoConfig {
    /// The stages that may be assigned; `None`: any stage.
    pub stages: Option<Vec<String>>,
}

impl GtoConfig {
    /// Reads `<root>/.gto`; no file means no restrictions. A file GTO would refuse is an
    /// error naming it (GTO stops with `WrongConfig` too).
    pub fn read(root: &Path) -> Result<Self, String> {
        let path = root.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(format!("cannot read '{}': {e}", path.display())),
        };
        Self::parse(&text).map_err(|e| format!("'{}': {e}", path.display()))
    }

    /// Parses the YAML text of a `.gto` file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let docs = YamlLoader::load_from_str(text).map_err(|e| format!("not YAML: {e}"))?;
        let Some(doc) = docs.first() else {
            return Ok(Self::default());
        };
        match doc {
            Yaml::Hash(_) => {}
            Yaml::Null => return Ok(Self::default()),
            _ => return Err("expected a mapping such as 'stages: [dev, prod]'".into()),
        }
        let stages = match &doc["stages"] {
            Yaml::BadValue | Yaml::Null => None,
            Yaml::Array(items) => {
                let mut stages = Vec::with_capacity(items.len());
                for item in items {
                    let Some(s) = item.as_str() else {
                        return Err(format!("'stages' holds {item:?}, not a stage name"));
                    };
                    if !is_name(s) {
                        return Err(format!(
                            "'{s}' in 'stages' is not a valid stage name (letters, digits, '-', \
                             '_', '/'; starting and ending with a letter or digit)"
                        ));
                    }
                    stages.push(s.to_owned());
                }
                Some(stages)
            }
            other => return Err(format!("'stages' should be a list, not {other:?}")),
        };
        Ok(Self { stages })
    }

    /// Why `stage` may not be assigned, if it may not.
    pub fn refuse(&self, stage: &str) -> Option<String> {
        let allowed = self.stages.as_ref()?;
        (!allowed.iter().any(|s| s == stage)).then(|| {
            format!(
                "stage '{stage}' is not allowed by the repository's .gto (stages: {})",
                if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    allowed.join(", ")
                }
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("", None)]
    #[case("types: [model]\n", None)]
    #[case("stages: [dev, prod]\n", Some(vec!["dev", "prod"]))]
    #[case("# comment\nstages:\n  - dev\n  - 'staging'\n  - \"prod\"\n", Some(vec!["dev", "staging", "prod"]))]
    #[case("stages: []\n", Some(vec![]))]
    #[case("stages: null\n", None)]
    fn reads_the_stages(#[case] text: &str, #[case] want: Option<Vec<&str>>) {
        assert_eq!(
            GtoConfig::parse(text).unwrap().stages,
            want.map(|v| v.into_iter().map(str::to_owned).collect())
        );
    }

    #[rstest]
    #[case("stages: prod\n", "should be a list")]
    #[case("stages: [dev, 3]\n", "not a stage name")]
    #[case("stages: [-dev]\n", "not a valid stage name")]
    #[case("[a, b]\n", "expected a mapping")]
    #[case("stages: [dev\n", "not YAML")]
    fn refuses_what_gto_refuses(#[case] text: &str, #[case] says: &str) {
        let e = GtoConfig::parse(text).unwrap_err();
        assert!(e.contains(says), "{e}");
    }

    #[test]
    fn says_which_stages_are_allowed() {
        let c = GtoConfig::parse("stages: [dev, prod]").unwrap();
        assert_eq!(c.refuse("prod"), None);
        assert_eq!(
            c.refuse("staging").as_deref(),
            Some("stage 'staging' is not allowed by the repository's .gto (stages: dev, prod)")
        );
        assert_eq!(GtoConfig::default().refuse("anything"), None);
    }
}

//! GTO's tag grammar (`gto/constants.py` `tag_re`, `gto/tag.py` `name_tag`/`parse_name`),
//! parsed and written back byte for byte.
//!
//! ```text
//! name      = [a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?
//! artifact  = ([a-zA-Z0-9-_./]+ "=")? name        "path/to:model" is written "path/to=model"
//! tag       = artifact ( "@v" semver ["!"] | "#" stage ["!"] | "@deprecated" | "@created" )
//!             [ "#" counter ]
//! ```
//!
//! Each part is delimited by a character the parts before it cannot hold (`=`, `@`, `#`,
//! `!`), so GTO's regex has exactly one way to match and a left-to-right scan finds it.

use std::fmt;

use crate::domain::semver::Semver;

/// What a tag does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `name@v1.2.0`: registers the version at the tag's commit.
    Register { version: String },
    /// `name@v1.2.0!`: deregisters it.
    Deregister { version: String },
    /// `name#stage#N`: assigns the stage to the version at the tag's commit.
    Assign { stage: String },
    /// `name#stage!#N`: unassigns it.
    Unassign { stage: String },
    /// `name@deprecated`: hides the artifact.
    Deprecate,
    /// `name@created`: in the grammar, but gto 1.10.1 fails on it (`KeyError: 'action'`) and
    /// never writes it, so it is no event (it still counts for the counter).
    Created,
}

/// A parsed GTO tag name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagName {
    /// The artifact as GTO shows it: `path/to:model` for a tag's `path/to=model`.
    pub artifact: String,
    pub action: Action,
    /// The `#N` suffix; `None` for registrations and `--simple` tags. Saturates at
    /// `u64::MAX`.
    pub counter: Option<u64>,
}

impl TagName {
    /// The tag `gto assign` writes: `artifact#stage#N`.
    pub fn assign(artifact: &str, stage: &str, counter: u64) -> Self {
        Self {
            artifact: artifact.to_owned(),
            action: Action::Assign {
                stage: stage.to_owned(),
            },
            counter: Some(counter),
        }
    }

    /// The tag `gto deprecate ARTIFACT VERSION STAGE` writes: `artifact#stage!#N`.
    pub fn unassign(artifact: &str, stage: &str, counter: u64) -> Self {
        Self {
            artifact: artifact.to_owned(),
            action: Action::Unassign {
                stage: stage.to_owned(),
            },
            counter: Some(counter),
        }
    }

    /// Parses a tag name (without `refs/tags/`); `None` when it is not GTO's.
    pub fn parse(tag: &str) -> Option<Self> {
        let split = tag.find(['#', '@'])?;
        let (artifact, rest) = tag.split_at(split);
        if !is_artifact_in_tag(artifact) {
            return None;
        }
        let (body, counter) = split_counter(rest)?;
        let action = if let Some(v) = body.strip_prefix('@') {
            match v {
                "deprecated" => Action::Deprecate,
                "created" => Action::Created,
                _ => {
                    let (version, cancel) = match v.strip_suffix('!') {
                        Some(v) => (v, true),
                        None => (v, false),
                    };
                    Semver::parse_tagged(version)?;
                    let version = version.to_owned();
                    if cancel {
                        Action::Deregister { version }
                    } else {
                        Action::Register { version }
                    }
                }
            }
        } else {
            let s = body.strip_prefix('#')?;
            let (stage, cancel) = match s.strip_suffix('!') {
                Some(s) => (s, true),
                None => (s, false),
            };
            if !is_name(stage) {
                return None;
            }
            let stage = stage.to_owned();
            if cancel {
                Action::Unassign { stage }
            } else {
                Action::Assign { stage }
            }
        };
        Some(Self {
            artifact: artifact.replace('=', ":"),
            action,
            counter,
        })
    }

    /// The stage an assignment or unassignment is about.
    pub fn stage(&self) -> Option<&str> {
        match &self.action {
            Action::Assign { stage } | Action::Unassign { stage } => Some(stage),
            _ => None,
        }
    }
}

impl fmt::Display for TagName {
    /// The tag name GTO writes for this event (`gto/tag.py` `TagTemplates`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&artifact_in_tag(&self.artifact))?;
        match &self.action {
            Action::Register { version } => write!(f, "@{version}")?,
            Action::Deregister { version } => write!(f, "@{version}!")?,
            Action::Assign { stage } => write!(f, "#{stage}")?,
            Action::Unassign { stage } => write!(f, "#{stage}!")?,
            Action::Deprecate => f.write_str("@deprecated")?,
            Action::Created => f.write_str("@created")?,
        }
        if let Some(n) = self.counter {
            write!(f, "#{n}")?;
        }
        Ok(())
    }
}

/// `path/to:model` → `path/to=model` (`name_to_tag`).
pub fn artifact_in_tag(artifact: &str) -> String {
    artifact.replace(':', "=")
}

/// Splits `#N` off the end: `None` when what follows the last `#` is neither digits nor a
/// stage (so `#prod#` and `#prod#x1` fail, as in GTO's regex).
fn split_counter(rest: &str) -> Option<(&str, Option<u64>)> {
    // The body holds one `#` for a stage, none for `@...`; a counter is the extra one.
    let hashes = rest.matches('#').count();
    let body_hashes = usize::from(rest.starts_with('#'));
    if hashes == body_hashes {
        return Some((rest, None));
    }
    if hashes != body_hashes + 1 {
        return None;
    }
    let at = rest.rfind('#')?;
    let digits = &rest[at + 1..];
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // GTO's counters are Python ints; one beyond u64 still counts, as the largest.
    Some((&rest[..at], Some(digits.parse().unwrap_or(u64::MAX))))
}

/// GTO's `name`: letters, digits, `-`, `/`, `_`; starting and ending with a letter or digit.
pub fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/' | b'_'))
}

/// GTO's `dirname`: letters, digits, `-`, `_`, `.`, `/`.
fn is_dirname(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/'))
}

/// An artifact as GTO shows and takes it: `name` or `dir/name:name` (`fullname_re`).
pub fn is_artifact(s: &str) -> bool {
    match s.split_once(':') {
        Some((dir, name)) => is_dirname(dir) && is_name(name),
        None => is_name(s),
    }
}

fn is_artifact_in_tag(s: &str) -> bool {
    match s.split_once('=') {
        Some((dir, name)) => is_dirname(dir) && is_name(name),
        None => is_name(s),
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    fn t(artifact: &str, action: Action, counter: Option<u64>) -> TagName {
        TagName {
            artifact: artifact.into(),
            action,
            counter,
        }
    }

    fn reg(v: &str) -> Action {
        Action::Register { version: v.into() }
    }
    fn dereg(v: &str) -> Action {
        Action::Deregister { version: v.into() }
    }
    fn assign(s: &str) -> Action {
        Action::Assign { stage: s.into() }
    }
    fn unassign(s: &str) -> Action {
        Action::Unassign { stage: s.into() }
    }

    /// Every tag in `shared/reference/captures/git-tags.txt`, written by gto 1.10.1.
    #[rstest]
    #[case("churn-model@v1.0.0", t("churn-model", reg("v1.0.0"), None))]
    #[case("churn-model#prod#1", t("churn-model", assign("prod"), Some(1)))]
    #[case("churn-model#staging#2", t("churn-model", assign("staging"), Some(2)))]
    #[case("churn-model@v1.1.0", t("churn-model", reg("v1.1.0"), None))]
    #[case("churn-model#prod#3", t("churn-model", assign("prod"), Some(3)))]
    #[case(
        "churn-model#staging!#4",
        t("churn-model", unassign("staging"), Some(4))
    )]
    #[case("legacy-model#dev", t("legacy-model", assign("dev"), None))]
    #[case("legacy-model@v0.0.1", t("legacy-model", reg("v0.0.1"), None))]
    #[case("legacy-model@deprecated", t("legacy-model", Action::Deprecate, None))]
    #[case("churn-model@v1.0.0!", t("churn-model", dereg("v1.0.0"), None))]
    // The rest of the grammar.
    #[case(
        "models/churn=churn-model#prod#12",
        t("models/churn:churn-model", assign("prod"), Some(12))
    )]
    #[case(
        "a.b/c_d-e=m@v2.0.0-rc.1+build.5",
        t("a.b/c_d-e:m", reg("v2.0.0-rc.1+build.5"), None)
    )]
    #[case("m@v1.0.0#3", t("m", reg("v1.0.0"), Some(3)))]
    #[case("m@v1.0.0!#4", t("m", dereg("v1.0.0"), Some(4)))]
    #[case("m@deprecated#5", t("m", Action::Deprecate, Some(5)))]
    #[case("m@created", t("m", Action::Created, None))]
    #[case("m#prod!", t("m", unassign("prod"), None))]
    #[case("m#1", t("m", assign("1"), None))]
    #[case("m#1#2", t("m", assign("1"), Some(2)))]
    #[case("x#s/t_u-v#007", t("x", assign("s/t_u-v"), Some(7)))]
    #[case("a/b_c-d#prod#1", t("a/b_c-d", assign("prod"), Some(1)))]
    #[case(
        "m#prod#99999999999999999999999",
        t("m", assign("prod"), Some(u64::MAX))
    )]
    fn parses(#[case] tag: &str, #[case] want: TagName) {
        assert_eq!(TagName::parse(tag), Some(want));
    }

    #[rstest]
    #[case("v1.0.0")]
    #[case("release-2024")]
    #[case("m")]
    #[case("m@1.0.0")]
    #[case("m@V1.0.0")]
    #[case("m@v1.0")]
    #[case("m@v01.0.0")]
    #[case("m@latest")]
    #[case("m@deprecated!")]
    #[case("m#prod#")]
    #[case("m#prod#x1")]
    #[case("m#prod#1#2")]
    #[case("m#-prod#1")]
    #[case("m#prod-#1")]
    #[case("m##1")]
    #[case("-m#prod#1")]
    #[case("m-#prod#1")]
    #[case("#prod#1")]
    #[case("a=b=m#prod#1")]
    #[case("a:b#prod#1")]
    #[case("=m#prod#1")]
    #[case("m@v1.0.0@v2.0.0")]
    #[case("modèle#prod#1")]
    #[case("m#prod!!#1")]
    fn rejects(#[case] tag: &str) {
        assert_eq!(TagName::parse(tag), None, "{tag}");
    }

    #[rstest]
    #[case("churn-model#prod#3")]
    #[case("churn-model#staging!#4")]
    #[case("churn-model@v1.0.0")]
    #[case("churn-model@v1.0.0!")]
    #[case("legacy-model@deprecated")]
    #[case("legacy-model#dev")]
    #[case("models/churn=churn-model#prod#12")]
    #[case("m@created")]
    fn prints_back_what_it_parsed(#[case] tag: &str) {
        assert_eq!(TagName::parse(tag).unwrap().to_string(), tag);
    }

    #[test]
    fn writes_gto_names() {
        assert_eq!(
            TagName::assign("models/churn:m", "prod", 5).to_string(),
            "models/churn=m#prod#5"
        );
        assert_eq!(TagName::unassign("m", "prod", 6).to_string(), "m#prod!#6");
        assert!(is_artifact("models/churn:m"));
        assert!(is_artifact("m"));
        assert!(!is_artifact("models/churn=m"));
        assert!(!is_artifact("modèle"));
        assert!(!is_artifact(""));
        assert!(is_name("p"));
        assert!(!is_name("prod!"));
    }
}

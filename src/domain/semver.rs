//! Semantic versions (semver.org 2.0.0), the way GTO names model versions: `v1.2.0`,
//! `v2.0.0-rc.1+build.5`.
//!
//! The grammar is GTO's (`gto/constants.py`: no leading zeros in numbers, prerelease
//! identifiers `0`, `[1-9][0-9]*` or alphanumeric with at least one letter or `-`), and the
//! precedence is python-semver 3's, which GTO sorts with: numbers compare as numbers, a
//! prerelease sorts before its release, identifiers compare one by one (numeric before
//! alphanumeric, a shorter list first), and build metadata is ignored.

use std::cmp::Ordering;
use std::fmt;

/// A parsed semantic version, without the `v` GTO puts in front.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Semver {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    /// Dot-separated prerelease identifiers (`rc.1` → `["rc", "1"]`); empty for a release.
    pub pre: Vec<String>,
    /// Build metadata after `+`, kept for display only.
    pub build: Option<String>,
}

impl Semver {
    /// Parses `1.2.0`, `1.2.0-rc.1`, `1.2.0+build` (no `v`: see [`Semver::parse_tagged`]).
    pub fn parse(s: &str) -> Option<Self> {
        let (rest, build) = match s.split_once('+') {
            Some((r, b)) => (r, Some(b)),
            None => (s, None),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (rest, None),
        };
        let mut parts = core.split('.');
        let major = number(parts.next()?)?;
        let minor = number(parts.next()?)?;
        let patch = number(parts.next()?)?;
        if parts.next().is_some() {
            return None;
        }
        let pre = match pre {
            Some(p) => {
                let ids: Vec<String> = p.split('.').map(str::to_owned).collect();
                if !ids.iter().all(|i| is_prerelease_identifier(i)) {
                    return None;
                }
                ids
            }
            None => Vec::new(),
        };
        if let Some(b) = build
            && !b
                .split('.')
                .all(|i| !i.is_empty() && i.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
        {
            return None;
        }
        Some(Self {
            major,
            minor,
            patch,
            pre,
            build: build.map(str::to_owned),
        })
    }

    /// Parses GTO's spelling, which must start with a lowercase `v` (`v1.2.0`).
    pub fn parse_tagged(s: &str) -> Option<Self> {
        s.strip_prefix('v').and_then(Self::parse)
    }

    /// Semver precedence: what GTO sorts by. Versions differing only in build metadata are
    /// equal here (and only here: [`Ord`] breaks the tie on the build text).
    pub fn precedence(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            })
    }

    /// Whether this is a prerelease (`1.0.0-rc.1`).
    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }
}

impl Ord for Semver {
    fn cmp(&self, other: &Self) -> Ordering {
        self.precedence(other)
            .then_with(|| self.build.cmp(&other.build))
    }
}

impl PartialOrd for Semver {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        if let Some(b) = &self.build {
            write!(f, "+{b}")?;
        }
        Ok(())
    }
}

/// `0` or a number without leading zeros.
fn number(s: &str) -> Option<u64> {
    let digits = !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !digits || (s.len() > 1 && s.starts_with('0')) {
        return None;
    }
    s.parse().ok()
}

/// `0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*`.
fn is_prerelease_identifier(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        return s == "0" || !s.starts_with('0');
    }
    s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

fn compare_prerelease(a: &[String], b: &[String]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = compare_identifier(x, y);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// Numeric identifiers compare as numbers of any length (by length, then digits), and
/// before alphanumeric ones, which compare as ASCII text.
fn compare_identifier(a: &str, b: &str) -> Ordering {
    let numeric = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    match (numeric(a), numeric(b)) {
        (true, true) => {
            let (a, b) = (trim_zeros(a), trim_zeros(b));
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

fn trim_zeros(s: &str) -> &str {
    let t = s.trim_start_matches('0');
    if t.is_empty() { "0" } else { t }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("1.2.3")]
    #[case("0.0.1")]
    #[case("10.20.30")]
    #[case("1.0.0-rc.1")]
    #[case("1.0.0-0.3.7")]
    #[case("1.0.0-x-y-z.--")]
    #[case("1.0.0-alpha+001")]
    #[case("1.0.0+20130313144700")]
    #[case("1.0.0-beta+exp.sha.5114f85")]
    fn parses_and_prints_back(#[case] s: &str) {
        assert_eq!(Semver::parse(s).map(|v| v.to_string()).as_deref(), Some(s));
    }

    #[rstest]
    #[case("")]
    #[case("1")]
    #[case("1.2")]
    #[case("1.2.3.4")]
    #[case("01.2.3")]
    #[case("1.02.3")]
    #[case("1.2.03")]
    #[case("1.2.3-")]
    #[case("1.2.3-01")]
    #[case("1.2.3-rc..1")]
    #[case("1.2.3+")]
    #[case("1.2.3+a..b")]
    #[case("1.2.3-rc_1")]
    #[case("v1.2.3")]
    #[case("a.b.c")]
    #[case("1.2.٣")]
    fn rejects(#[case] s: &str) {
        assert_eq!(Semver::parse(s), None);
    }

    #[test]
    fn tagged_needs_a_lowercase_v() {
        assert!(Semver::parse_tagged("v1.0.0").is_some());
        assert!(Semver::parse_tagged("V1.0.0").is_none());
        assert!(Semver::parse_tagged("1.0.0").is_none());
    }

    #[test]
    fn precedence_follows_semver_org() {
        // The example chain from semver.org §11, then numbers that string order gets wrong.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.9.0",
            "1.10.0",
            "2.0.0",
        ];
        let parsed: Vec<Semver> = chain.iter().filter_map(|s| Semver::parse(s)).collect();
        assert_eq!(parsed.len(), chain.len());
        for w in parsed.windows(2) {
            assert_eq!(
                w[0].precedence(&w[1]),
                Ordering::Less,
                "{} < {}",
                w[0],
                w[1]
            );
        }
        let a = Semver::parse("1.0.0+a").unwrap();
        let b = Semver::parse("1.0.0+b").unwrap();
        assert_eq!(a.precedence(&b), Ordering::Equal);
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert!(Semver::parse("1.0.0-rc.1").unwrap().is_prerelease());
    }
}

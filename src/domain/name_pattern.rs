//! A metric name or glob from the config, matched ignoring case, cheaply enough for a config
//! with 100,000 rules: a plain name is compared as a string and a glob of only `*` and `?` is
//! matched by a small wildcard matcher; only globs with classes, alternatives or escapes
//! (`[ab]`, `{a,b}`, `\*`) compile a regex (globset), which costs kilobytes each.

use globset::{GlobBuilder, GlobMatcher};

/// A compiled name pattern. `*` matches any run of characters, `/` included.
#[derive(Debug, Clone)]
pub enum NamePattern {
    /// No glob characters: the lowercased name.
    Exact(String),
    /// Only `*` and `?`: the lowercased pattern.
    Wildcard(Vec<char>),
    Glob(GlobMatcher),
}

impl NamePattern {
    pub fn new(pattern: &str) -> Result<Self, globset::Error> {
        if pattern.contains(['[', ']', '{', '}', '\\']) {
            return Ok(Self::Glob(
                GlobBuilder::new(pattern)
                    .case_insensitive(true)
                    .literal_separator(false)
                    .build()?
                    .compile_matcher(),
            ));
        }
        let lower = pattern.to_lowercase();
        Ok(if pattern.contains(['*', '?']) {
            Self::Wildcard(lower.chars().collect())
        } else {
            Self::Exact(lower)
        })
    }

    /// Whether `name` matches; `lower` is `name.to_lowercase()`, computed once by a caller
    /// matching many patterns.
    pub fn is_match(&self, name: &str, lower: &str) -> bool {
        match self {
            Self::Exact(p) => p == lower,
            Self::Wildcard(p) => wildcard(p, &lower.chars().collect::<Vec<_>>(), '*', '?'),
            Self::Glob(g) => g.is_match(name),
        }
    }
}

/// Wildcard matching with one backtrack point (linear in practice, O(n·m) at worst): `many`
/// matches any run of characters (`*`; SQL's `%`), `one` exactly one (`?`; SQL's `_`),
/// anything else itself.
pub fn wildcard(pattern: &[char], text: &[char], many: char, one: char) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(&c) if c == many => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == one || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == many)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("val_loss", "val_loss", true)]
    #[case("val_loss", "VAL_Loss", true)]
    #[case("val_loss", "val_loss2", false)]
    #[case("val_*", "val_auc", true)]
    #[case("val_*", "VAL_", true)]
    #[case("val_*", "train_auc", false)]
    #[case("*loss*", "eval/loss_total", true)]
    #[case("*loss", "loss", true)]
    #[case("a*b*c", "axxbyyc", true)]
    #[case("a*b*c", "axxbyy", false)]
    #[case("l?ss", "loss", true)]
    #[case("l?ss", "lss", false)]
    #[case("*", "", true)]
    #[case("**a", "ba", true)]
    #[case("psi_{amount,age}", "PSI_age", true)]
    #[case("psi_[ab]", "psi_c", false)]
    fn matches_as_globset_does(#[case] pattern: &str, #[case] name: &str, #[case] want: bool) {
        let p = NamePattern::new(pattern).unwrap();
        assert_eq!(
            p.is_match(name, &name.to_lowercase()),
            want,
            "{pattern} ~ {name}"
        );
        // The same answer as a case-insensitive globset matcher.
        let g = GlobBuilder::new(pattern)
            .case_insensitive(true)
            .literal_separator(false)
            .build()
            .unwrap()
            .compile_matcher();
        assert_eq!(g.is_match(name), want, "globset: {pattern} ~ {name}");
    }

    #[test]
    fn bad_globs_are_errors() {
        assert!(NamePattern::new("[").is_err());
        assert!(NamePattern::new("{a,").is_err());
    }
}

//! SQL `LIKE` as sqlite runs it with `case_sensitive_like` on (MLflow sets it): `%` matches
//! any run of characters, `_` exactly one character, everything else itself; no escape.

/// Whether `text` matches `pattern`.
pub fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    crate::domain::name_pattern::wildcard(&pattern, &text, '%', '_')
}

/// `lower(text) LIKE lower(pattern)`, lowering with Unicode rules.
pub fn ilike(text: &str, pattern: &str) -> bool {
    like(&text.to_lowercase(), &pattern.to_lowercase())
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("xgboost", "x%", true)]
    #[case("xgboost", "X%", false)]
    #[case("xgboost", "%gb%", true)]
    #[case("xgboost", "xgb__st", true)]
    #[case("xgboost", "xgb_st", false)]
    #[case("", "%", true)]
    #[case("", "_", false)]
    #[case("abc", "abc", true)]
    #[case("abc", "ab", false)]
    #[case("a%c", "a%c", true)]
    #[case("mississippi", "%ss%pi", true)]
    #[case("mississippi", "%ss%pa", false)]
    #[case("exp-dropout-ß", "%-ß", true)]
    #[case("exp-dropout-ß", "%dropout__", true)]
    fn matches_like_sqlite(#[case] text: &str, #[case] pattern: &str, #[case] want: bool) {
        assert_eq!(like(text, pattern), want, "{text:?} LIKE {pattern:?}");
    }

    #[test]
    fn ilike_folds_unicode_case() {
        assert!(ilike("EXP-Café", "%café"));
        assert!(ilike("xgboost", "%GB%"));
        assert!(!ilike("xgboost", "%lgb%"));
    }
}

//! What a person types after `/` on the runs screen: plain text matches run names; anything
//! that looks like an MLflow search expression goes to the server as it is. Both run on the
//! server, so they cover every page, not just the rows loaded so far.

/// A runs filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunFilter {
    /// Case-insensitive substring of the run name.
    Name(String),
    /// An MLflow search expression (`metrics.loss < 0.5 and params.model = 'xgb'`).
    Expression(String),
}

impl RunFilter {
    /// `None` for empty input.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if t.is_empty() {
            None
        } else if looks_like_expression(t) {
            Some(Self::Expression(t.to_owned()))
        } else {
            Some(Self::Name(t.to_owned()))
        }
    }

    /// The expression sent to MLflow.
    pub fn to_mlflow(&self) -> String {
        match self {
            Self::Name(n) => format!("attributes.run_name ILIKE {}", quote(&format!("%{n}%"))),
            Self::Expression(e) => e.clone(),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Self::Name(t) | Self::Expression(t) => t,
        }
    }
}

fn looks_like_expression(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    t.contains(['=', '<', '>'])
        || [" like ", " ilike ", " is null", " is not null", " in ("]
            .iter()
            .any(|k| lower.contains(k))
}

/// Quotes a string value for an MLflow filter expression.
pub fn quote(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{}\"", s.replace('"', "\\\""))
    } else {
        format!("'{s}'")
    }
}

/// `metrics.<key>`-style identifier, back-quoted when the key has characters MLflow's
/// parser would split on (`system/cpu`, `val.auc`).
pub fn entity_key(entity: &str, key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{entity}.{key}")
    } else {
        format!("{entity}.`{key}`")
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("xgb", Some(RunFilter::Name("xgb".into())))]
    #[case("  ", None)]
    #[case("metrics.loss < 0.5", Some(RunFilter::Expression("metrics.loss < 0.5".into())))]
    #[case("params.model = 'xgb'", Some(RunFilter::Expression("params.model = 'xgb'".into())))]
    #[case("tags.note ILIKE '%x%'", Some(RunFilter::Expression("tags.note ILIKE '%x%'".into())))]
    #[case("tags.baseline IS NOT NULL", Some(RunFilter::Expression("tags.baseline IS NOT NULL".into())))]
    #[case("lr-sweep β2", Some(RunFilter::Name("lr-sweep β2".into())))]
    fn parses(#[case] text: &str, #[case] want: Option<RunFilter>) {
        assert_eq!(RunFilter::parse(text), want);
    }

    #[test]
    fn names_become_ilike_and_quotes_survive() {
        assert_eq!(
            RunFilter::Name("xgb".into()).to_mlflow(),
            "attributes.run_name ILIKE '%xgb%'"
        );
        assert_eq!(
            RunFilter::Name("o'brien".into()).to_mlflow(),
            "attributes.run_name ILIKE \"%o'brien%\""
        );
        assert_eq!(entity_key("metrics", "val_auc"), "metrics.val_auc");
        assert_eq!(entity_key("metrics", "system/cpu"), "metrics.`system/cpu`");
    }
}

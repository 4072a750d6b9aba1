//! What a team configures about reviewing: alias names, the baseline tag, metric rules.

use super::diff::MetricRules;

#[derive(Debug, Clone)]
pub struct ReviewSettings {
    /// The alias that means "in production" (`production`, or `champion`).
    pub production_alias: String,
    /// The alias that means "staged for review" (`staging`, or `challenger`).
    pub staging_alias: String,
    pub baseline_tag: String,
    pub baseline_value: String,
    pub rules: MetricRules,
    /// Metrics shown first, as table columns and the first rows of a comparison.
    pub key_metrics: Vec<String>,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        Self {
            production_alias: "production".into(),
            staging_alias: "staging".into(),
            baseline_tag: "baseline".into(),
            baseline_value: "true".into(),
            rules: MetricRules::default(),
            key_metrics: Vec::new(),
        }
    }
}

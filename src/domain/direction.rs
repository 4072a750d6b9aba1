//! Which way is better for a metric.
//!
//! Config rules decide first (see [`super::diff::MetricRules`]); otherwise the name is split
//! into words (`val_loss` → `val`, `loss`; `valAccuracy` → `val`, `accuracy`) and the last
//! word that names a known kind of metric decides. Unknown metrics are neutral: clearance
//! shows their change but never calls it better or worse.

use serde::{Deserialize, Serialize};

/// Whether a higher or a lower value is better.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
    #[default]
    Neutral,
}

impl Direction {
    /// The JSON form: `"higher"`, `"lower"` or `null`.
    pub fn as_json(self) -> Option<&'static str> {
        match self {
            Self::Higher => Some("higher"),
            Self::Lower => Some("lower"),
            Self::Neutral => None,
        }
    }

    /// An arrow for tables: ↑ higher is better, ↓ lower is better.
    pub fn arrow(self) -> &'static str {
        match self {
            Self::Higher => "↑",
            Self::Lower => "↓",
            Self::Neutral => " ",
        }
    }
}

/// Words that mean lower is better.
const LOWER: &[&str] = &[
    "loss",
    "losses",
    "error",
    "errors",
    "err",
    "mae",
    "mse",
    "rmse",
    "rmsle",
    "mape",
    "smape",
    "latency",
    "perplexity",
    "ppl",
    "wer",
    "cer",
    "ter",
    "fpr",
    "fnr",
    "logloss",
    "nll",
    "brier",
    "duration",
    "runtime",
    "seconds",
    "secs",
    "ms",
    "p50",
    "p90",
    "p95",
    "p99",
    "cost",
    "drift",
    "psi",
    "kl",
    "divergence",
    "eer",
    "miss",
    "misses",
    "bpc",
    "bpb",
    "regret",
    "distance",
    "memory",
    "size",
    "bytes",
    "params",
    "flops",
    "violations",
    "failures",
];

/// Words that mean higher is better.
const HIGHER: &[&str] = &[
    "accuracy",
    "acc",
    "f1",
    "fbeta",
    "auc",
    "auroc",
    "roc",
    "auprc",
    "pr",
    "precision",
    "recall",
    "map",
    "ndcg",
    "mrr",
    "bleu",
    "rouge",
    "rouge1",
    "rouge2",
    "rougel",
    "meteor",
    "r2",
    "iou",
    "miou",
    "dice",
    "throughput",
    "qps",
    "rps",
    "tps",
    "sensitivity",
    "specificity",
    "top1",
    "top5",
    "hit",
    "hits",
    "hitrate",
    "coverage",
    "reward",
    "return",
    "returns",
    "sharpe",
    "kappa",
    "mcc",
    "ap",
    "ssim",
    "psnr",
    "fidelity",
    "precision@k",
    "recall@k",
    "uplift",
    "gain",
    "lift",
];

/// The built-in guess for a metric name.
pub fn default_direction(name: &str) -> Direction {
    if name.starts_with("system/") {
        return Direction::Neutral;
    }
    words(name)
        .iter()
        .rev()
        .find_map(|w| {
            if LOWER.contains(&w.as_str()) {
                Some(Direction::Lower)
            } else if HIGHER.contains(&w.as_str()) {
                Some(Direction::Higher)
            } else {
                None
            }
        })
        .unwrap_or(Direction::Neutral)
}

/// Splits `val/top1_accuracyScore` into `val`, `top1`, `accuracy`, `score`.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() && c != '@' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("loss", Direction::Lower)]
    #[case("val_loss", Direction::Lower)]
    #[case("valLoss", Direction::Lower)]
    #[case("train/rmse", Direction::Lower)]
    #[case("latency_p95_ms", Direction::Lower)]
    #[case("error_rate", Direction::Lower)]
    #[case("error", Direction::Lower)]
    #[case("accuracy", Direction::Higher)]
    #[case("val_accuracy", Direction::Higher)]
    #[case("val_f1", Direction::Higher)]
    #[case("roc_auc", Direction::Higher)]
    #[case("top1_accuracy", Direction::Higher)]
    #[case("precision", Direction::Higher)]
    #[case("recall@k", Direction::Higher)]
    #[case("psi_amount", Direction::Lower)]
    #[case("epoch", Direction::Neutral)]
    #[case("learning_rate", Direction::Neutral)]
    #[case("system/cpu_utilization_percentage", Direction::Neutral)]
    #[case("system/memory_usage_megabytes", Direction::Neutral)]
    #[case("", Direction::Neutral)]
    #[case("准确率", Direction::Neutral)]
    fn guesses_directions(#[case] name: &str, #[case] want: Direction) {
        assert_eq!(default_direction(name), want, "{name}");
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            words("val/top1_accuracyScore"),
            ["val", "top1", "accuracy", "score"]
        );
        assert_eq!(words("ROC-AUC"), ["roc", "auc"]);
    }
}

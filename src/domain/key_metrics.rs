//! Which metrics deserve a column.

use super::Run;

/// The metrics worth a column: configured ones first; otherwise gated metrics, then those most
/// runs have, validation before training metrics, those with a known direction, and metrics
/// with a history (logged over steps) before final-only ones; never `system/` ones; at most
/// `max`.
pub fn key_metrics(
    runs: &[Run],
    settings: &crate::domain::ReviewSettings,
    max: usize,
) -> Vec<String> {
    use std::collections::BTreeMap;

    use crate::domain::Direction;
    if !settings.key_metrics.is_empty() {
        return settings.key_metrics.iter().take(max).cloned().collect();
    }
    // name → (runs having it, whether any run logged it past step 0)
    let mut seen: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    for r in runs {
        for (k, m) in r.metrics.iter().filter(|(k, _)| !k.starts_with("system/")) {
            let e = seen.entry(k).or_default();
            e.0 += 1;
            e.1 |= m.step > 0;
        }
    }
    let mut ranked: Vec<(&str, (usize, bool))> = seen.into_iter().collect();
    ranked.sort_by_key(|(k, (n, history))| {
        let policy = settings.rules.policy(k);
        let lower = k.to_ascii_lowercase();
        let training =
            lower.starts_with("train") || lower.contains("/train") || lower.contains("_train");
        (
            !policy.gated,
            std::cmp::Reverse(*n),
            training,
            policy.direction == Direction::Neutral,
            !history,
            *k,
        )
    });
    ranked
        .into_iter()
        .take(max)
        .map(|(k, _)| k.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::run::tests::run;
    use crate::domain::{LatestMetric, ReviewSettings};

    /// A run with these metrics; names ending in `*` were logged over many steps.
    fn with(id: &str, metrics: &[&str]) -> Run {
        let mut r = run(id, None);
        for m in metrics {
            let (name, step) = m.strip_suffix('*').map_or((*m, 0), |n| (n, 99));
            r.metrics.insert(
                name.to_owned(),
                LatestMetric {
                    value: 1.0,
                    step,
                    timestamp: 0,
                },
            );
        }
        r
    }

    #[test]
    fn key_metrics_prefer_gated_validation_metrics_with_histories() {
        let runs = vec![
            with(
                "a",
                &[
                    "latency_p95_ms",
                    "val_auc*",
                    "train_loss*",
                    "val_loss*",
                    "epoch*",
                ],
            ),
            with(
                "b",
                &[
                    "latency_p95_ms",
                    "val_auc*",
                    "train_loss*",
                    "val_loss*",
                    "epoch*",
                ],
            ),
        ];
        let s = ReviewSettings::default();
        assert_eq!(
            key_metrics(&runs, &s, 5),
            [
                "val_auc",
                "val_loss",
                "latency_p95_ms",
                "epoch",
                "train_loss"
            ]
        );
        let gated = ReviewSettings {
            rules: crate::domain::MetricRules::new(vec![crate::domain::diff::MetricRuleSpec {
                pattern: "latency*".into(),
                gate: Some(true),
                ..Default::default()
            }])
            .unwrap(),
            ..ReviewSettings::default()
        };
        assert_eq!(key_metrics(&runs, &gated, 2), ["latency_p95_ms", "val_auc"]);
    }

    #[test]
    fn key_metrics_prefer_common_directional_ones() {
        let runs = vec![
            with("a", &["loss", "epoch", "accuracy", "system/cpu"]),
            with("b", &["loss", "epoch", "accuracy", "system/cpu"]),
            with("c", &["loss", "f1"]),
        ];
        let s = ReviewSettings::default();
        assert_eq!(key_metrics(&runs, &s, 3), ["loss", "accuracy", "epoch"]);
        assert_eq!(key_metrics(&runs, &s, 1), ["loss"]);
        let s = ReviewSettings {
            key_metrics: vec!["f1".into()],
            ..ReviewSettings::default()
        };
        assert_eq!(key_metrics(&runs, &s, 3), ["f1"]);
    }
}

//! Run listings for scripts: every page, with baselines marked.

use crate::backends::{Backend, BackendError, RunQuery};
use crate::domain::Run;

/// Every run matching the query, following page tokens to the end.
pub async fn all(backend: &Backend, query: &RunQuery) -> Result<Vec<Run>, BackendError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = backend.runs.search_runs(query, token.as_deref()).await?;
        out.extend(page.runs);
        match page.next_page_token {
            Some(t) if Some(&t) != token.as_ref() => token = Some(t),
            _ => return Ok(out),
        }
    }
}

/// The metrics worth a column: configured ones first, then those most runs have, preferring
/// metrics with a known direction, never `system/` ones; at most `max`.
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
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in runs {
        for k in r.metrics.keys().filter(|k| !k.starts_with("system/")) {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|(k, n)| {
        let directional = settings.rules.direction(k) != Direction::Neutral;
        (std::cmp::Reverse(*n), !directional, *k)
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

    fn with(id: &str, metrics: &[&str]) -> Run {
        let mut r = run(id, None);
        for m in metrics {
            r.metrics.insert(
                (*m).to_owned(),
                LatestMetric {
                    value: 1.0,
                    step: 0,
                    timestamp: 0,
                },
            );
        }
        r
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

//! Alerts over monitoring series: rules, and whether (and since when) each one fires.
//!
//! A series is one metric of one monitored model, one point per window. A rule compares each
//! window with a threshold (absolute, or relative to the production version's offline metric)
//! and fires when the last `for` observed windows all breach it. NaN windows (a monitoring job
//! that failed) are unknown: they neither count towards the streak nor break it; missing
//! windows likewise. An alert that fired and stopped is "resolved" and stays listed for a few
//! windows, so on-call can see what just recovered.

use chrono::{DateTime, Utc};
use globset::{GlobBuilder, GlobMatcher};
use serde::{Deserialize, Serialize};

use super::metric::MetricPoint;
use super::value::format_value;

pub mod ack;
mod freshness;
mod report;

pub use self::ack::{Ack, AckKind};
pub use self::freshness::{Freshness, default_cadence, freshness};
pub use self::report::{Alert, AlertJson, AlertReport, Series};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Critical,
}

/// Which side of the threshold is bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Breach {
    Above,
    Below,
}

/// Where the threshold comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Threshold {
    /// A fixed value.
    Absolute(f64),
    /// The production version's offline value of `metric`, moved by `by` towards the bad side
    /// ("live recall more than 0.02 below the evaluation recall").
    Offline { metric: String, by: f64 },
}

/// A rule as configured.
#[derive(Debug, Clone)]
pub struct AlertRule {
    /// How the rule is called in lists and JSON.
    pub name: String,
    pub metric: String,
    metric_glob: GlobMatcher,
    model_glob: Option<GlobMatcher>,
    pub breach: Breach,
    pub threshold: Threshold,
    /// Consecutive observed windows that must breach.
    pub windows: usize,
    pub severity: Severity,
    /// How long the series may go without a new window before it is stale (`None`: twice
    /// its median interval).
    pub stale_after: Option<chrono::Duration>,
}

impl PartialEq for AlertRule {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.metric == other.metric
            && self.breach == other.breach
            && self.threshold == other.threshold
            && self.windows == other.windows
            && self.severity == other.severity
            && self.stale_after == other.stale_after
    }
}

fn glob(pattern: &str) -> Result<GlobMatcher, String> {
    Ok(GlobBuilder::new(pattern)
        .case_insensitive(true)
        .literal_separator(false)
        .build()
        .map_err(|e| format!("bad pattern '{pattern}': {e}"))?
        .compile_matcher())
}

impl AlertRule {
    /// Builds a rule; errors say what is wrong with it.
    pub fn new(
        name: Option<String>,
        metric: &str,
        model: Option<&str>,
        breach: Breach,
        threshold: Threshold,
        windows: usize,
        severity: Severity,
    ) -> Result<Self, String> {
        if windows == 0 {
            return Err("`for` must be at least 1 window".into());
        }
        if let Threshold::Absolute(v) | Threshold::Offline { by: v, .. } = &threshold
            && !v.is_finite()
        {
            return Err("the threshold must be a finite number".into());
        }
        let side = match breach {
            Breach::Above => "above",
            Breach::Below => "below",
        };
        let name = name.unwrap_or_else(|| match &threshold {
            Threshold::Absolute(v) => format!("{metric} {side} {}", format_value(*v)),
            Threshold::Offline { metric: m, by } => {
                format!("{metric} {side} offline {m} by {}", format_value(*by))
            }
        });
        Ok(Self {
            name,
            metric: metric.to_owned(),
            metric_glob: glob(metric)?,
            model_glob: model.map(glob).transpose()?,
            breach,
            threshold,
            windows,
            severity,
            stale_after: None,
        })
    }

    /// The same rule with a configured cadence for its series.
    #[must_use]
    pub fn with_stale_after(mut self, stale_after: Option<chrono::Duration>) -> Self {
        self.stale_after = stale_after;
        self
    }

    pub fn applies_to(&self, model: &str, metric: &str) -> bool {
        self.metric_glob.is_match(metric)
            && self.model_glob.as_ref().is_none_or(|g| g.is_match(model))
    }

    /// The threshold for this series: `None` when it is relative and the offline value is
    /// unknown (the alert then cannot be judged and says so).
    pub fn threshold_value(&self, offline: Option<f64>) -> Option<f64> {
        match &self.threshold {
            Threshold::Absolute(v) => Some(*v),
            Threshold::Offline { by, .. } => {
                let o = offline.filter(|o| o.is_finite())?;
                Some(match self.breach {
                    Breach::Below => o - by,
                    Breach::Above => o + by,
                })
            }
        }
    }

    fn breaches(&self, value: f64, threshold: f64) -> bool {
        match self.breach {
            Breach::Above => value > threshold,
            Breach::Below => value < threshold,
        }
    }

    /// A value against the threshold as it stands: `0.28 > 0.2` when it breaches, `0.04 ≤ 0.1`
    /// when it is within the rule (a resolved alert's latest window), `NaN vs > 0.1` when the
    /// window is unknown. Never the rule's operator over a value that does not breach.
    pub fn describe_value(&self, value: f64, threshold: f64) -> String {
        let v = format_value(value);
        let t = format_value(threshold);
        if value.is_nan() {
            return format!("{v} vs {}", self.describe_threshold(threshold));
        }
        let op = match (self.breach, self.breaches(value, threshold)) {
            (Breach::Above, true) => ">",
            (Breach::Below, true) => "<",
            (Breach::Above, false) => "≤",
            (Breach::Below, false) => "≥",
        };
        format!("{v} {op} {t}")
    }

    /// `> 0.2`, `< 0.741`.
    pub fn describe_threshold(&self, threshold: f64) -> String {
        let op = match self.breach {
            Breach::Above => ">",
            Breach::Below => "<",
        };
        format!("{op} {}", format_value(threshold))
    }
}

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "state")]
pub enum AlertState {
    Firing,
    /// It fired and stopped; `at` is the first window that no longer breached.
    Resolved {
        at: DateTime<Utc>,
    },
    /// Within the rule at its latest window, but the feed stopped: no window is newer than
    /// the expected cadence, so nothing is known about now.
    Stale,
}

/// A rule's verdict on one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub state: AlertState,
    pub threshold: f64,
    /// The first window of the breaching streak.
    pub since: DateTime<Utc>,
    /// The latest window's value (NaN when the latest job failed).
    pub latest: f64,
    /// Observed windows in the streak.
    pub streak: usize,
}

fn at(p: &MetricPoint) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(p.timestamp).unwrap_or_default()
}

/// Judges `points` (in window order) under `rule`; `None` when the rule neither fires nor
/// fired within the last `resolved_within` windows, or cannot be judged.
pub fn evaluate(
    rule: &AlertRule,
    points: &[MetricPoint],
    offline: Option<f64>,
    resolved_within: usize,
) -> Option<Evaluation> {
    let threshold = rule.threshold_value(offline)?;
    let latest = points.last()?.value;
    // Streaks of breaching windows, over observed (finite or infinite, not NaN) values.
    let observed: Vec<(usize, &MetricPoint)> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.value.is_nan())
        .collect();
    let mut streak_start: Option<usize> = None;
    let mut streak_len = 0;
    let mut last_fired: Option<(usize, usize)> = None; // (streak start index in points, resolving index)
    for &(i, p) in &observed {
        if rule.breaches(p.value, threshold) {
            streak_start.get_or_insert(i);
            streak_len += 1;
        } else {
            if streak_len >= rule.windows
                && let Some(s) = streak_start
            {
                last_fired = Some((s, i));
            }
            streak_start = None;
            streak_len = 0;
        }
    }
    if streak_len >= rule.windows
        && let Some(s) = streak_start
    {
        return Some(Evaluation {
            state: AlertState::Firing,
            threshold,
            since: at(&points[s]),
            latest,
            streak: streak_len,
        });
    }
    let (start, resolved) = last_fired?;
    if points.len() - resolved > resolved_within {
        return None;
    }
    let streak = observed
        .iter()
        .filter(|(i, _)| (start..resolved).contains(i))
        .count();
    Some(Evaluation {
        state: AlertState::Resolved {
            at: at(&points[resolved]),
        },
        threshold,
        since: at(&points[start]),
        latest,
        streak,
    })
}

/// The verdict on a series that neither fires nor fired recently: listed only when its feed
/// is stale, to show the last value against the threshold.
pub fn quiet(rule: &AlertRule, points: &[MetricPoint], offline: Option<f64>) -> Option<Evaluation> {
    let threshold = rule.threshold_value(offline)?;
    let last = points.last()?;
    Some(Evaluation {
        state: AlertState::Stale,
        threshold,
        since: at(last),
        latest: last.value,
        streak: 0,
    })
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    const DAY: i64 = 86_400_000;

    fn series(values: &[f64]) -> Vec<MetricPoint> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| MetricPoint {
                step: i as i64,
                timestamp: 1_790_000_000_000 + i as i64 * DAY,
                value: *v,
            })
            .collect()
    }

    fn rule(breach: Breach, threshold: Threshold, windows: usize) -> AlertRule {
        AlertRule::new(
            None,
            "psi_*",
            None,
            breach,
            threshold,
            windows,
            Severity::Critical,
        )
        .unwrap()
    }

    fn day(i: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_790_000_000_000 + i * DAY).unwrap()
    }

    const N: f64 = f64::NAN;

    /// (values, windows) → (state, since day, streak)
    #[rstest]
    #[case::fires(&[0.05, 0.1, 0.25, 0.3, 0.31], 3, Some((AlertState::Firing, 2, 3)))]
    #[case::not_long_enough(&[0.05, 0.1, 0.1, 0.3, 0.31], 3, None)]
    #[case::never(&[0.05, 0.1, 0.05], 1, None)]
    #[case::nan_does_not_break_a_streak(&[0.05, 0.25, N, 0.3, 0.31], 3, Some((AlertState::Firing, 1, 3)))]
    #[case::nan_does_not_count(&[0.05, 0.05, 0.25, N, N], 2, None)]
    #[case::resolved(&[0.25, 0.3, 0.3, 0.1, 0.1], 3, Some((AlertState::Resolved { at: day(3) }, 0, 3)))]
    #[case::resolved_long_ago(&[0.25, 0.3, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1], 3, None)]
    #[case::infinity_breaches(&[0.1, f64::INFINITY], 1, Some((AlertState::Firing, 1, 1)))]
    fn absolute_thresholds(
        #[case] values: &[f64],
        #[case] windows: usize,
        #[case] want: Option<(AlertState, i64, usize)>,
    ) {
        let r = rule(Breach::Above, Threshold::Absolute(0.2), windows);
        let got = evaluate(&r, &series(values), None, 3).map(|e| (e.state, e.since, e.streak));
        assert_eq!(got, want.map(|(s, d, n)| (s, day(d), n)));
    }

    /// The resolved row once read `0.03918 > 0.1`: the operator must say how the value
    /// stands, not what the rule fires on.
    #[rstest]
    #[case::breach_above(Breach::Above, 0.28, 0.2, "0.28 > 0.2")]
    #[case::within_above(Breach::Above, 0.03918, 0.1, "0.03918 ≤ 0.1")]
    #[case::at_the_threshold(Breach::Above, 0.1, 0.1, "0.1 ≤ 0.1")]
    #[case::breach_below(Breach::Below, 0.727, 0.741, "0.727 < 0.741")]
    #[case::within_below(Breach::Below, 0.76, 0.741, "0.76 ≥ 0.741")]
    #[case::unknown(Breach::Above, f64::NAN, 0.1, "NaN vs > 0.1")]
    fn values_are_described_as_they_stand(
        #[case] breach: Breach,
        #[case] value: f64,
        #[case] threshold: f64,
        #[case] want: &str,
    ) {
        let r = rule(breach, Threshold::Absolute(threshold), 1);
        assert_eq!(r.describe_value(value, threshold), want);
    }

    #[test]
    fn gaps_between_windows_are_just_absent() {
        let mut s = series(&[0.3, 0.3, 0.3]);
        s[2].timestamp += 3 * DAY;
        let e = evaluate(
            &rule(Breach::Above, Threshold::Absolute(0.2), 3),
            &s,
            None,
            3,
        )
        .unwrap();
        assert_eq!((e.state, e.streak), (AlertState::Firing, 3));
    }

    #[test]
    fn relative_thresholds_follow_the_offline_value() {
        let r = rule(
            Breach::Below,
            Threshold::Offline {
                metric: "val_recall".into(),
                by: 0.02,
            },
            2,
        );
        let s = series(&[0.76, 0.75, 0.73, 0.72]);
        let e = evaluate(&r, &s, Some(0.761), 3).unwrap();
        assert_eq!((e.state, e.streak), (AlertState::Firing, 2));
        assert!((e.threshold - 0.741).abs() < 1e-12);
        assert_eq!(r.describe_threshold(e.threshold), "< 0.741");
        assert_eq!(
            evaluate(&r, &s, None, 3),
            None,
            "no offline value: cannot judge"
        );
        assert_eq!(evaluate(&r, &s, Some(f64::NAN), 3), None);
        assert_eq!(r.name, "psi_* below offline val_recall by 0.02");
    }

    #[test]
    fn rules_check_themselves_and_match_by_glob() {
        assert_eq!(
            AlertRule::new(
                None,
                "x",
                None,
                Breach::Above,
                Threshold::Absolute(1.0),
                0,
                Severity::Warning
            )
            .unwrap_err(),
            "`for` must be at least 1 window"
        );
        assert!(
            AlertRule::new(
                None,
                "[",
                None,
                Breach::Above,
                Threshold::Absolute(1.0),
                1,
                Severity::Warning
            )
            .is_err()
        );
        let r = AlertRule::new(
            Some("drift".into()),
            "PSI_*",
            Some("fraud-*"),
            Breach::Above,
            Threshold::Absolute(0.2),
            1,
            Severity::Warning,
        )
        .unwrap();
        assert!(r.applies_to("fraud-classifier", "psi_amount"));
        assert!(!r.applies_to("churn-model", "psi_amount"));
        assert!(!r.applies_to("fraud-classifier", "live_recall"));
        assert_eq!(
            evaluate(&r, &[], None, 3),
            None,
            "an empty series says nothing"
        );
    }
}

//! Whether a monitoring series is still being fed: a series whose newest window is older than
//! its expected cadence says nothing about now, and a silent feed is itself an alert.

use chrono::{DateTime, Duration, Utc};

use crate::domain::MetricPoint;

/// The newest window of a series, and how often windows are expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// When the newest window started.
    pub latest: DateTime<Utc>,
    /// How long a window may take to follow the previous one: configured on the rule, else
    /// twice the series' median interval; `None` when neither says (a single window).
    pub expected: Option<Duration>,
    /// Whether no window is newer than `expected` at the time of evaluation.
    pub stale: bool,
}

/// How much longer than its usual spacing a feed may go quiet before it counts as stale.
const DEFAULT_FACTOR: i32 = 2;

/// Twice the median interval between distinct window times; `None` with fewer than two.
pub fn default_cadence(points: &[MetricPoint]) -> Option<Duration> {
    let mut times: Vec<i64> = points.iter().map(|p| p.timestamp).collect();
    times.sort_unstable();
    times.dedup();
    // Timestamps are whatever the logger sent: a gap too large to count has no cadence.
    let mut gaps: Vec<i64> = times
        .windows(2)
        .map(|w| w[1].checked_sub(w[0]))
        .collect::<Option<_>>()?;
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    let mid = gaps.len() / 2;
    let median = if gaps.len().is_multiple_of(2) {
        i64::midpoint(gaps[mid - 1], gaps[mid])
    } else {
        gaps[mid]
    };
    Duration::try_milliseconds(median)?.checked_mul(DEFAULT_FACTOR)
}

/// The freshness of `points` at `now`, with the configured cadence if any; `None` for an
/// empty series.
pub fn freshness(
    points: &[MetricPoint],
    configured: Option<Duration>,
    now: DateTime<Utc>,
) -> Option<Freshness> {
    let newest = points.iter().map(|p| p.timestamp).max()?;
    let latest = DateTime::from_timestamp_millis(newest)?;
    let expected = configured.or_else(|| default_cadence(points));
    let stale = expected.is_some_and(|e| now - latest > e);
    Some(Freshness {
        latest,
        expected,
        stale,
    })
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn timestamps_at_the_ends_of_the_range_have_no_cadence_and_no_panic() {
        let points = |ts: &[i64]| -> Vec<MetricPoint> {
            ts.iter()
                .map(|&timestamp| MetricPoint {
                    step: 0,
                    timestamp,
                    value: 0.1,
                })
                .collect()
        };
        for ts in [
            vec![i64::MIN, i64::MAX],
            vec![0, 5_000_000_000_000_000_000],
            vec![0, i64::MAX / 2, i64::MAX],
            vec![-5, i64::MAX],
        ] {
            let p = points(&ts);
            let _ = default_cadence(&p);
            let _ = freshness(&p, None, DateTime::from_timestamp_millis(T0).unwrap());
        }
        assert_eq!(default_cadence(&points(&[i64::MIN, i64::MAX])), None);
    }
    const T0: i64 = 1_790_000_000_000;

    fn at_days(days: &[i64]) -> Vec<MetricPoint> {
        days.iter()
            .map(|d| MetricPoint {
                step: 0,
                timestamp: T0 + d * DAY,
                value: 0.1,
            })
            .collect()
    }

    fn day(d: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(T0 + d * DAY).unwrap()
    }

    /// (window days, configured cadence in days, now in days) → (expected days, stale)
    #[rstest]
    #[case::daily_fresh(&[0, 1, 2, 3], None, 4, Some(2), false)]
    #[case::daily_two_days_is_still_on_time(&[0, 1, 2, 3], None, 5, Some(2), false)]
    #[case::daily_silent_for_17_days(&[0, 1, 2, 3], None, 20, Some(2), true)]
    #[case::a_gap_does_not_move_the_median(&[0, 1, 2, 10, 11], None, 14, Some(2), true)]
    #[case::weekly(&[0, 7, 14], None, 25, Some(14), false)]
    #[case::configured_wins(&[0, 1, 2, 3], Some(30), 20, Some(30), false)]
    #[case::one_window_cannot_say(&[0], None, 100, None, false)]
    #[case::one_window_with_a_cadence(&[0], Some(1), 3, Some(1), true)]
    fn stale_when_silent_longer_than_expected(
        #[case] days: &[i64],
        #[case] configured: Option<i64>,
        #[case] now: i64,
        #[case] expected: Option<i64>,
        #[case] stale: bool,
    ) {
        let f = freshness(&at_days(days), configured.map(Duration::days), day(now)).unwrap();
        assert_eq!(
            (f.latest, f.expected, f.stale),
            (
                day(*days.last().unwrap()),
                expected.map(Duration::days),
                stale
            )
        );
    }

    #[test]
    fn an_empty_series_has_no_freshness() {
        assert_eq!(freshness(&[], None, day(0)), None);
    }
}

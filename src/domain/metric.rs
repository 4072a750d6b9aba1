//! Metric points and series.

use serde::Serialize;

/// One logged value of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MetricPoint {
    pub step: i64,
    /// Milliseconds since the Unix epoch, as trackers record it.
    pub timestamp: i64,
    #[serde(serialize_with = "crate::domain::value::serialize_value")]
    pub value: f64,
}

/// The latest value of a metric in a run (what run listings carry).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatestMetric {
    pub value: f64,
    pub step: i64,
    pub timestamp: i64,
}

/// Values of a series, for sparklines and charts.
pub fn values(points: &[MetricPoint]) -> Vec<f64> {
    points.iter().map(|p| p.value).collect()
}

/// The finite minimum and maximum of a series, if it has any finite value.
pub fn finite_bounds(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_skip_non_finite_values() {
        assert_eq!(
            finite_bounds([1.0, f64::NAN, 3.0, f64::INFINITY, -2.0]),
            Some((-2.0, 3.0))
        );
        assert_eq!(finite_bounds([f64::NAN]), None);
        assert_eq!(finite_bounds([]), None);
    }
}

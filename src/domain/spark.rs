//! Unicode sparklines (`▁▂▄▆█`), for text tables, Markdown and TUI cells.

use super::metric::finite_bounds;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Drawn where a value is NaN or infinite.
pub const NON_FINITE: char = '×';

/// At most `width` evenly spaced values (first and last kept).
pub fn resample(values: &[f64], width: usize) -> Vec<f64> {
    if width == 0 || values.is_empty() {
        return Vec::new();
    }
    if values.len() <= width {
        return values.to_vec();
    }
    if width == 1 {
        return vec![values[values.len() - 1]];
    }
    let last = values.len() - 1;
    (0..width)
        .map(|i| values[(i * last + (width - 1) / 2) / (width - 1)])
        .collect()
}

/// A sparkline of at most `width` characters. A flat series is drawn mid-height.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let values = resample(values, width);
    let Some((lo, hi)) = finite_bounds(values.iter().copied()) else {
        return values.iter().map(|_| NON_FINITE).collect();
    };
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                NON_FINITE
            } else if hi == lo {
                BARS[3]
            } else {
                let level = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                BARS[level.min(7)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_rising_falling_flat_and_broken_series() {
        assert_eq!(
            sparkline(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 8),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[3.0, 2.0, 1.0], 8), "█▅▁");
        assert_eq!(sparkline(&[0.5, 0.5], 8), "▄▄");
        assert_eq!(sparkline(&[1.0, f64::NAN, 0.0], 8), "█×▁");
        assert_eq!(sparkline(&[f64::NAN], 8), "×");
        assert_eq!(sparkline(&[], 8), "");
        assert_eq!(sparkline(&[1.0, 2.0], 0), "");
    }

    #[test]
    fn resampling_keeps_the_ends() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let r = resample(&v, 5);
        assert_eq!(r.len(), 5);
        assert_eq!((r[0], r[4]), (0.0, 99.0));
        assert_eq!(resample(&v, 1), vec![99.0]);
    }
}

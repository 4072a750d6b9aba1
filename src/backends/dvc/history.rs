//! DVCLive step histories: `<dir>/plots/metrics/<metric>.tsv`, a header `step\t<leaf>` (with
//! `timestamp` too when DVCLive was asked to log it) and one row per logged step.

use crate::domain::MetricPoint;

/// Where the history of `key` lives under a DVCLive directory.
pub fn tsv_path(live_dir: &str, key: &str) -> String {
    format!("{live_dir}/plots/metrics/{key}.tsv")
}

/// The points of a DVCLive TSV. `fallback_time` (milliseconds) stands in for a missing
/// `timestamp` column. Rows that are not numbers (a half-written last line of a running
/// experiment) are skipped; `nan` and `inf` are read as the values they name.
pub fn parse_tsv(text: &str, key: &str, fallback_time: i64) -> Vec<MetricPoint> {
    let mut lines = text.lines();
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    let find = |name: &str| columns.iter().position(|c| *c == name);
    let step_col = find("step");
    let time_col = find("timestamp");
    let leaf = key.rsplit('/').next().unwrap_or(key);
    let Some(value_col) = find(leaf)
        .or_else(|| (0..columns.len()).find(|&i| Some(i) != step_col && Some(i) != time_col))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(value) = cells.get(value_col).and_then(|c| c.parse::<f64>().ok()) else {
            tracing::warn!("skipping an unreadable row of the history of '{key}': {line:?}");
            continue;
        };
        let step = step_col
            .and_then(|c| cells.get(c))
            .and_then(|c| c.parse::<i64>().ok())
            .unwrap_or(i as i64);
        let timestamp = time_col
            .and_then(|c| cells.get(c))
            .and_then(|c| c.parse::<i64>().ok())
            .unwrap_or(fallback_time);
        out.push(MetricPoint {
            step,
            timestamp,
            value,
        });
    }
    out.sort_by_key(|p| (p.step, p.timestamp));
    out
}

/// At most `max` points, evenly spread, the first and the last always among them.
pub fn sample(points: &[MetricPoint], max: u32) -> Vec<MetricPoint> {
    let max = max.max(1) as usize;
    let n = points.len();
    if n <= max {
        return points.to_vec();
    }
    if max == 1 {
        return points.last().into_iter().copied().collect();
    }
    let mut picked: Vec<usize> = (0..max)
        .map(|i| (i * (n - 1) + (max - 1) / 2) / (max - 1))
        .collect();
    picked.dedup();
    picked.into_iter().map(|i| points[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/dvc/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn reads_a_dvclive_history_with_nan_and_inf() {
        let points = parse_tsv(&fixture("train-loss-diverge.tsv"), "train/loss", 7);
        let values: Vec<String> = points.iter().map(|p| p.value.to_string()).collect();
        assert_eq!(&values[..5], ["0.7", "3.5", "inf", "NaN", "NaN"]);
        assert_eq!(points.len(), 20);
        assert_eq!(points[19].step, 19);
        assert!(points.iter().all(|p| p.timestamp == 7));
    }

    #[test]
    fn reads_timestamps_and_skips_broken_rows() {
        let text = "timestamp\tstep\tacc\n1000\t0\t0.5\n2000\t1\t0.6\n3000\t2\t0.\n\n4000\t3\tx\n";
        let points = parse_tsv(text, "val/acc", 0);
        assert_eq!(
            points,
            vec![
                MetricPoint {
                    step: 0,
                    timestamp: 1000,
                    value: 0.5
                },
                MetricPoint {
                    step: 1,
                    timestamp: 2000,
                    value: 0.6
                },
                MetricPoint {
                    step: 2,
                    timestamp: 3000,
                    value: 0.0
                },
            ]
        );
        assert!(parse_tsv("", "x", 0).is_empty());
    }

    #[test]
    fn samples_keep_first_and_last() {
        let points = parse_tsv(&fixture("train-acc-deep.tsv"), "train/acc", 0);
        assert_eq!(points.len(), 20);
        let s = sample(&points, 5);
        let steps: Vec<i64> = s.iter().map(|p| p.step).collect();
        assert_eq!(steps, [0, 5, 10, 14, 19]);
        assert_eq!(sample(&points, 50).len(), 20);
        assert_eq!(sample(&points, 1)[0].step, 19);
        assert_eq!(
            sample(&points, 2)
                .iter()
                .map(|p| p.step)
                .collect::<Vec<_>>(),
            [0, 19]
        );
    }
}

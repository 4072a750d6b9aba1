//! Metric histories: all points (`get_metric_history`), and the sampled form the UI's charts
//! use (`get_metric_history_bulk_interval`: NTILE buckets in SQL, first row of each bucket,
//! the last point kept).

use rusqlite::{OptionalExtension, Transaction};

use super::metric_value;
use crate::domain::{MetricPoint, RunId};
use crate::store::{BackendError, SampledHistories};

/// The most points per run the server samples to (`MAX_RESULTS_PER_RUN`).
const MAX_SAMPLED: u32 = 2500;

fn sql_err(e: &rusqlite::Error) -> BackendError {
    BackendError::Store(format!("reading metric history from the MLflow store: {e}"))
}

/// Every point of one metric of one run, by step then timestamp. Unknown run or key: empty.
pub fn metric_history(
    tx: &Transaction<'_>,
    run: &RunId,
    key: &str,
) -> Result<Vec<MetricPoint>, BackendError> {
    // The server's order; the REST client then sorts by (step, timestamp), stably.
    let mut stmt = tx
        .prepare(
            "SELECT step, timestamp, value, is_nan FROM metrics \
             WHERE run_uuid = ? AND key = ? ORDER BY timestamp, step, value",
        )
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map([run.as_str(), key], point)
        .map_err(|e| sql_err(&e))?;
    let mut out = rows
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| sql_err(&e))?;
    out.sort_by_key(|p| (p.step, p.timestamp));
    Ok(out)
}

fn point(r: &rusqlite::Row<'_>) -> rusqlite::Result<MetricPoint> {
    Ok(MetricPoint {
        step: r.get(0)?,
        timestamp: r.get(1)?,
        value: metric_value(r.get(2)?, r.get::<_, Option<bool>>(3)?.unwrap_or(false)),
    })
}

/// A sampled row, with what MLflow compares rows by.
#[derive(Debug, Clone, Copy)]
struct Row {
    step: i64,
    timestamp: i64,
    value: f64,
    is_nan: bool,
}

impl Row {
    /// MLflow's `_row_key` equality: a NaN's stored value does not count.
    fn same_as(&self, other: &Self) -> bool {
        self.step == other.step
            && self.timestamp == other.timestamp
            && self.is_nan == other.is_nan
            && (self.is_nan || self.value == other.value)
    }
}

/// Up to `max_points` points per run (clamped to 1..=2500, as the REST client does), the
/// runs in the order given; runs without the metric are absent.
pub fn sampled_histories(
    tx: &Transaction<'_>,
    runs: &[RunId],
    key: &str,
    max_points: u32,
) -> Result<SampledHistories, BackendError> {
    let max = max_points.clamp(1, MAX_SAMPLED);
    let mut out = SampledHistories::new();
    let mut sample = tx
        .prepare(
            "SELECT value, timestamp, step, is_nan FROM ( \
               SELECT value, timestamp, step, is_nan, row_number() OVER ( \
                 PARTITION BY bucket ORDER BY step, timestamp, value, is_nan) AS rn \
               FROM ( \
                 SELECT value, timestamp, step, is_nan, ntile(?1) OVER ( \
                   ORDER BY step, timestamp, value, is_nan) AS bucket \
                 FROM metrics WHERE run_uuid = ?2 AND key = ?3)) \
             WHERE rn = 1 ORDER BY step, timestamp, value, is_nan",
        )
        .map_err(|e| sql_err(&e))?;
    let mut last = tx
        .prepare(
            "SELECT value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ?1 AND key = ?2 \
             ORDER BY step DESC, timestamp DESC, value DESC, is_nan DESC LIMIT 1",
        )
        .map_err(|e| sql_err(&e))?;
    let by_columns = |r: &rusqlite::Row<'_>| {
        Ok(Row {
            value: r.get(0)?,
            timestamp: r.get(1)?,
            step: r.get(2)?,
            is_nan: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
        })
    };
    for run in runs {
        let rows = sample
            .query_map(rusqlite::params![max, run.as_str(), key], by_columns)
            .map_err(|e| sql_err(&e))?;
        let mut rows = rows
            .collect::<Result<Vec<Row>, _>>()
            .map_err(|e| sql_err(&e))?;
        let last_row = last
            .query_row(rusqlite::params![run.as_str(), key], by_columns)
            .optional()
            .map_err(|e| sql_err(&e))?;
        if let Some(last_row) = last_row
            && rows.last().is_none_or(|r| !r.same_as(&last_row))
        {
            if rows.len() >= max as usize {
                if let Some(end) = rows.last_mut() {
                    *end = last_row;
                }
            } else {
                rows.push(last_row);
            }
        }
        if rows.is_empty() {
            continue;
        }
        // The REST client gathers the points of a run (a run asked for twice gets them twice)
        // and sorts them by (step, timestamp), stably.
        let points = out.entry(run.clone()).or_default();
        points.extend(rows.iter().map(|r| MetricPoint {
            step: r.step,
            timestamp: r.timestamp,
            value: metric_value(r.value, r.is_nan),
        }));
    }
    for points in out.values_mut() {
        points.sort_by_key(|p| (p.step, p.timestamp));
    }
    Ok(out)
}

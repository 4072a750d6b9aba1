//! A whole listing as disjoint `start_time` ranges fetched at once.
//!
//! MLflow's pages are sequential (each token is the offset after the previous page) and its
//! server spends about 1.25 ms per run it serves, so one listing of 10,000 runs is ten
//! requests of a second or more, one after the other. Here two cheap probes (the earliest
//! and the latest matching run, one run each) bound the runs' start times; the span is cut
//! into [`PARTITIONS`] half-open ranges, each joined with `AND` to the person's filter (MLflow's grammar
//! has `AND` only, so the conjunction means exactly "this filter, in this range"), and up to
//! [`CONCURRENCY`] ranges are paged at once, each with its own [`Pages`] guard.
//!
//! - **No gaps, no duplicates**: a run has one start time, in exactly one range
//!   (`>= from AND < to`; the first range has no lower bound, the last ends at the latest
//!   start time probed, inclusive). A run listed twice anyway (offset paging inside a range
//!   while runs arrive in it) is kept once.
//! - **Snapshot**: the listing holds the runs that had started by the time it began (their
//!   start time is at most the latest one the probe saw). A run created during the listing
//!   with a later start time, the ordinary case, is in no range and so is not listed, and it
//!   cannot shift any page of the listing. A run created meanwhile with an older start time
//!   (backfilled) is listed if its range is read after it landed, once at most.
//! - **Order**: ranges are contiguous in `start_time`, so for MLflow's default order (newest
//!   first) or any order led by `start_time` the ranges are handed on one after the other as
//!   soon as each is complete and every earlier one was handed on. An order on numbers
//!   (metrics, `end_time`) is collected whole and sorted by the comparator the in-memory
//!   store uses ([`crate::store::run_search::compare`], MLflow's SQL order). An order on
//!   text (params, tags, names) is left to the server, paged sequentially: a `PostgreSQL`
//!   server sorts text by its collation, which no client can reproduce.
//! - Runs with a NULL start time would be in no range: MLflow never writes one (a run created
//!   without a start time gets 0), and such rows could only come from hand-written SQL.

use std::collections::HashSet;

use futures::StreamExt as _;

use crate::domain::Run;
use crate::store::query::filter::Entity;
use crate::store::query::order::{self, OrderKey};
use crate::store::run_search;
use crate::store::{BackendError, Pages, RunQuery, RunStore};

/// Ranges per listing: enough that the first (newest) range is small and arrives early, few
/// enough that an empty range costs little (one request).
pub const PARTITIONS: i64 = 16;
/// Ranges read at once.
pub const CONCURRENCY: usize = 4;

/// How a listing is split and put back together.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// In the order they are handed on.
    pub ranges: Vec<Range>,
    pub merge: Merge,
}

/// Start times `from <= t < to` (ms), `from` unbounded when `None`; `to_inclusive` makes the
/// upper bound `t <= to` (the last range, ending at the latest start time probed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: Option<i64>,
    pub to: i64,
    pub to_inclusive: bool,
}

impl Range {
    /// The range as MLflow filter clauses.
    fn filter(&self) -> String {
        let upper = if self.to_inclusive { "<=" } else { "<" };
        let upper = format!("attributes.start_time {upper} {}", self.to);
        match self.from {
            Some(from) => format!("attributes.start_time >= {from} AND {upper}"),
            None => upper,
        }
    }
}

/// How ranges become one ordered listing.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Each range in turn, as it is: the order is led by `start_time`.
    InTurn,
    /// All ranges collected, then sorted by these keys.
    Sort(Vec<OrderKey>),
}

/// The plan for a listing, or `None` when it is better read sequentially: an order on text,
/// an order the server will reject (its message is the one to show), fewer than two distinct
/// start times, or no runs at all.
pub async fn plan(store: &dyn RunStore, query: &RunQuery) -> Result<Option<Plan>, BackendError> {
    let Ok(keys) = order::parse(&query.order_by) else {
        return Ok(None);
    };
    let is_start = |k: &OrderKey| k.entity == Entity::Attribute && k.key == "start_time";
    let numeric = |k: &OrderKey| {
        k.entity == Entity::Metric
            || (k.entity == Entity::Attribute
                && matches!(k.key.as_str(), "start_time" | "end_time"))
    };
    let (merge, newest_first) = match keys.first() {
        None => (Merge::InTurn, true),
        Some(k) if is_start(k) => (Merge::InTurn, !k.ascending),
        Some(_) if keys.iter().all(numeric) => (Merge::Sort(keys.clone()), true),
        Some(_) => return Ok(None),
    };
    let probe = |direction: &str| RunQuery {
        order_by: vec![format!("attributes.start_time {direction}")],
        page_size: 1,
        ..query.clone()
    };
    let (oldest_first, newest) = (probe("ASC"), probe("DESC"));
    let (earliest, latest) = futures::future::try_join(
        store.search_runs(&oldest_first, None),
        store.search_runs(&newest, None),
    )
    .await?;
    let start = |page: &crate::store::RunPage| {
        page.runs
            .first()
            .map(|r| r.start_time.map_or(0, |t| t.timestamp_millis()))
    };
    let (Some(lo), Some(hi)) = (start(&earliest), start(&latest)) else {
        return Ok(None);
    };
    let Some(mut ranges) = split(lo, hi) else {
        return Ok(None);
    };
    if newest_first {
        ranges.reverse();
    }
    Ok(Some(Plan { ranges, merge }))
}

/// `[lo, hi]` cut into up to [`PARTITIONS`] ranges of equal width, oldest first; the first
/// has no lower bound. `None` when there is nothing to split.
pub fn split(lo: i64, hi: i64) -> Option<Vec<Range>> {
    if hi <= lo {
        return None;
    }
    let width = i128::from(hi) - i128::from(lo) + 1;
    let n = i128::from(PARTITIONS).min(width);
    let bound = |i: i128| i64::try_from(i128::from(lo) + width * i / n).unwrap_or(hi);
    let mut ranges = Vec::new();
    for i in 0..n {
        let last = i == n - 1;
        ranges.push(Range {
            from: (i > 0).then(|| bound(i)),
            to: if last { hi } else { bound(i + 1) },
            to_inclusive: last,
        });
    }
    Some(ranges)
}

/// Reads the plan's ranges, [`CONCURRENCY`] at once, and hands the runs to `sink` in order.
pub async fn fetch<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    plan: Plan,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let mut ranges = futures::stream::iter(plan.ranges)
        .map(|range| list_range(store, label, query, range))
        .buffered(CONCURRENCY);
    let mut seen = HashSet::new();
    match plan.merge {
        Merge::InTurn => {
            while let Some(runs) = ranges.next().await {
                let fresh = runs?
                    .into_iter()
                    .filter(|r| seen.insert(r.id.clone()))
                    .collect();
                sink(fresh)?;
            }
        }
        Merge::Sort(keys) => {
            let mut all = Vec::new();
            while let Some(runs) = ranges.next().await {
                all.extend(runs?.into_iter().filter(|r| seen.insert(r.id.clone())));
            }
            drop(ranges);
            all.sort_by(|a, b| run_search::compare(&keys, a, b));
            let batch = (query.page_size as usize).max(1);
            let mut all = all.into_iter().peekable();
            while all.peek().is_some() {
                sink(all.by_ref().take(batch).collect())?;
            }
        }
    }
    Ok(())
}

/// Every run of one range, page after page.
async fn list_range(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    range: Range,
) -> Result<Vec<Run>, BackendError> {
    let filter = match query.filter_text() {
        Some(f) => format!("{f} AND {}", range.filter()),
        None => range.filter(),
    };
    let query = RunQuery {
        filter: Some(filter),
        ..query.clone()
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut pages = Pages::new(label, "runs");
    let mut token: Option<String> = None;
    loop {
        let page = match store.search_runs(&query, token.as_deref()).await {
            // Reading 16 ranges, 4 at a time, asks a busy server (an sqlite store under
            // writers) many more times than one sequential listing: a server error on a
            // page, a read with no side effect, is asked once more after a pause.
            Err(e) if server_side(&e) => {
                tokio::time::sleep(RETRY_PAUSE).await;
                store.search_runs(&query, token.as_deref()).await?
            }
            other => other?,
        };
        let items = page.runs.len();
        let before = out.len();
        out.extend(page.runs.into_iter().filter(|r| seen.insert(r.id.clone())));
        match pages.next(page.next_page_token, items, out.len() - before)? {
            Some(t) => token = Some(t),
            None => return Ok(out),
        }
    }
}

/// How long a range waits before asking again after a server error.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// A failure of the server, not of the request: an HTTP 5xx answer.
fn server_side(e: &BackendError) -> bool {
    matches!(e, BackendError::Api { status, .. } if *status >= 500)
}

//! A whole listing as disjoint `start_time` ranges fetched at once.
//!
//! MLflow's pages are sequential (each token is the offset after the previous page) and its
//! server spends about 1.25 ms per run it serves, so one listing of 10,000 runs is ten
//! requests of a second or more, one after the other. Here two cheap probes (the earliest
//! and the latest matching run, one run each) bound the runs' start times; the span is cut
//! into [`PARTITIONS`] half-open ranges (the one handed on first cut finer, so that the first
//! rows come after one small page), each joined with `AND` to the person's filter (MLflow's
//! grammar has `AND` only, so the conjunction means exactly "this filter, in this range"), and
//! up to [`CONCURRENCY`] pages are asked at once, each range paged with its own [`Pages`] guard.
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
//!   first) or any order led by `start_time` the ranges are handed on one after the other:
//!   the range in front page by page as its pages arrive, a range behind it once every
//!   earlier one was handed on, with at most about [`HOLD`] runs waiting behind the front (the
//!   ranges behind pause at that bound; see [`Window`]). An order on numbers
//!   (metrics, `end_time`) is collected whole and sorted by the comparator the in-memory
//!   store uses ([`crate::store::run_search::compare`], MLflow's SQL order). An order on
//!   text (params, tags, names) is left to the server, paged sequentially: a `PostgreSQL`
//!   server sorts text by its collation, which no client can reproduce.
//! - Runs with a NULL start time would be in no range: MLflow never writes one (a run created
//!   without a start time gets 0), and such rows could only come from hand-written SQL.

use std::collections::HashSet;

use futures::StreamExt as _;

mod window;

pub use window::Window;

use crate::domain::{Run, RunId};
use crate::store::query::filter::Entity;
use crate::store::query::order::{self, OrderKey};
use crate::store::run_search;
use crate::store::{BackendError, Pages, RunPage, RunQuery, RunStore};

/// Ranges per listing: enough that the first (newest) range is small and arrives early, few
/// enough that an empty range costs little (one request).
pub const PARTITIONS: i64 = 16;
/// Pages asked for at once.
pub const CONCURRENCY: usize = 4;
/// Runs that may wait behind the range in front before the ranges behind it pause: what
/// bounds a streamed listing's memory however many runs a range holds.
pub const HOLD: usize = 3_000;

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
    /// The query restricted to this range: its clauses joined with `AND` to the query's filter.
    fn query(&self, query: &RunQuery) -> RunQuery {
        let filter = match query.filter_text() {
            Some(f) => format!("{f} AND {}", self.filter()),
            None => self.filter(),
        };
        RunQuery {
            filter: Some(filter),
            ..query.clone()
        }
    }

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
    let Some(ranges) = split(lo, hi, newest_first) else {
        return Ok(None);
    };
    Ok(Some(Plan { ranges, merge }))
}

/// `[lo, hi]` cut into up to [`PARTITIONS`] ranges of equal width, in the order they are
/// handed on (newest first, or oldest first); the oldest has no lower bound. The range handed
/// on first is cut again, into an eighth, an eighth, a quarter and a half of its width, nearest
/// first: the first rows come after one small page rather than a whole range, while the
/// ranges behind it are read. `None` when there is nothing to split.
pub fn split(lo: i64, hi: i64, newest_first: bool) -> Option<Vec<Range>> {
    if hi <= lo {
        return None;
    }
    let (lo, hi) = (i128::from(lo), i128::from(hi));
    let width = hi - lo + 1;
    let n = i128::from(PARTITIONS).min(width);
    let mut cuts: Vec<i128> = (0..=n).map(|i| lo + width * i / n).collect();
    // The front range's own cuts, at 1/8, 1/4 and 1/2 of it from the side handed on first.
    let front = width / n;
    for part in [8, 4, 2] {
        cuts.push(if newest_first {
            hi - front / part
        } else {
            lo + front / part
        });
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|&c| c > lo && c <= hi);
    let bound = |c: i128| i64::try_from(c).unwrap_or(i64::MAX);
    let mut ranges: Vec<Range> = std::iter::once(None)
        .chain(cuts.iter().map(|&c| Some(bound(c))))
        .zip(
            cuts.iter()
                .map(|&c| (bound(c), false))
                .chain([(bound(hi), true)]),
        )
        .map(|(from, (to, to_inclusive))| Range {
            from,
            to,
            to_inclusive,
        })
        .collect();
    if newest_first {
        ranges.reverse();
    }
    Some(ranges)
}

/// Reads the plan's ranges, [`CONCURRENCY`] pages at once, and hands the runs to `sink` in
/// order: the range in front page by page as its pages arrive, a later range once every range
/// before it was handed on (see [`Window`]; at most about [`HOLD`] runs wait behind the front).
/// An order on numbers waits for every range, then sorts.
pub async fn fetch<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    plan: Plan,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let mut seen = HashSet::new();
    match plan.merge {
        Merge::InTurn => {
            read(
                store,
                label,
                query,
                &plan.ranges,
                HOLD,
                &mut |runs: Vec<Run>| {
                    let fresh: Vec<Run> = runs
                        .into_iter()
                        .filter(|r| seen.insert(r.id.clone()))
                        .collect();
                    if fresh.is_empty() {
                        Ok(())
                    } else {
                        sink(fresh)
                    }
                },
            )
            .await
        }
        Merge::Sort(keys) => {
            let mut all = Vec::new();
            read(
                store,
                label,
                query,
                &plan.ranges,
                usize::MAX,
                &mut |runs: Vec<Run>| {
                    all.extend(runs.into_iter().filter(|r| seen.insert(r.id.clone())));
                    Ok::<(), E>(())
                },
            )
            .await?;
            all.sort_by(|a, b| run_search::compare(&keys, a, b));
            let batch = (query.page_size as usize).max(1);
            let mut all = all.into_iter().peekable();
            while all.peek().is_some() {
                sink(all.by_ref().take(batch).collect())?;
            }
            Ok(())
        }
    }
}

/// Every page of every range, asked for as the [`Window`] says, handed to `sink` in range
/// order (a run repeated inside a range by offset paging is dropped there).
async fn read<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    ranges: &[Range],
    hold: usize,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let queries: Vec<RunQuery> = ranges.iter().map(|r| r.query(query)).collect();
    let mut paging: Vec<Paging> = ranges
        .iter()
        .map(|_| Paging {
            pages: Pages::new(label, "runs"),
            seen: HashSet::new(),
            token: None,
        })
        .collect();
    let mut window = Window::new(ranges.len(), CONCURRENCY, hold);
    let mut asked = futures::stream::FuturesUnordered::new();
    while !window.finished() {
        for i in window.ask() {
            let (query, token) = (&queries[i], paging[i].token.clone());
            asked.push(async move { (i, page(store, query, token.as_deref()).await) });
        }
        let Some((i, answer)) = asked.next().await else {
            break;
        };
        let page = answer?;
        let range = &mut paging[i];
        let items = page.runs.len();
        let fresh: Vec<Run> = page
            .runs
            .into_iter()
            .filter(|r| range.seen.insert(r.id.clone()))
            .collect();
        range.token = range.pages.next(page.next_page_token, items, fresh.len())?;
        if range.token.is_none() {
            // The range is read: its ids are needed no more.
            range.seen = HashSet::new();
        }
        for batch in window.arrived(i, fresh, range.token.is_some()) {
            sink(batch)?;
        }
    }
    Ok(())
}

/// Where one range's paging is.
struct Paging {
    pages: Pages,
    seen: HashSet<RunId>,
    token: Option<String>,
}

/// One page of a range. Reading many ranges at once asks a busy server (an sqlite store under
/// writers) many more times than one sequential listing: a server error on a page, a read
/// with no side effect, is asked once more after a pause.
async fn page(
    store: &dyn RunStore,
    query: &RunQuery,
    token: Option<&str>,
) -> Result<RunPage, BackendError> {
    match store.search_runs(query, token).await {
        Err(e) if server_side(&e) => {
            tokio::time::sleep(RETRY_PAUSE).await;
            store.search_runs(query, token).await
        }
        other => other,
    }
}

/// How long a range waits before asking again after a server error.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// A failure of the server, not of the request: an HTTP 5xx answer.
fn server_side(e: &BackendError) -> bool {
    matches!(e, BackendError::Api { status, .. } if *status >= 500)
}

//! A whole listing as disjoint `start_time` ranges fetched at once.
//!
//! MLflow's pages are sequential (each token is the offset after the previous page) and its
//! server spends about 1.25 ms per run it serves, so one listing of 10,000 runs is ten
//! requests of a second or more, one after the other. Here the listing's own first page (of
//! [`PILOT`] runs) and a one-run probe for the other end of its start times are asked at once
//! ([`start`]). A first page that is the whole listing ends it. Otherwise the first page is
//! handed on, and the start times beyond its last run are cut into half-open ranges, as many
//! as the runs left fill ([`RUNS_PER_RANGE`], guessed from how densely the first page's runs
//! started; from [`CONCURRENCY`] to [`PARTITIONS`]), after a range for the runs that share
//! that last start time. Each range is joined with `AND` to the person's filter (MLflow's
//! grammar has `AND` only, so the conjunction means exactly "this filter, in this range"), and
//! up to [`CONCURRENCY`] pages are asked at once, each range paged with its own [`Pages`]
//! guard, through `RunStore::search_runs_spread` (for MLflow, each on a connection of its
//! own, so that every worker of the server answers some).
//!
//! - **No gaps, no duplicates**: a run has one start time, in exactly one range
//!   (`>= from AND < to`; newest first, the oldest range has no lower bound; the newest range
//!   of a split, and the one for the first page's last start time, are closed, `<=`). The first
//!   page's runs are at or beyond the first range's start time; those of the range that
//!   shares its last start time are dropped there, as is a run listed twice anyway (offset
//!   paging inside a range while runs arrive in it).
//! - **Snapshot**: the listing holds the runs that had started by the time it began (their
//!   start time is at most the latest one its first page or probe saw). A run created during
//!   the listing with a later start time, the ordinary case, is in no range and so is not
//!   listed, and it cannot shift any page of the listing. A run created meanwhile with an
//!   older start time (backfilled) is listed if its range is read after it landed, once at
//!   most.
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

/// The most ranges a listing is cut into beyond its first page (an order on numbers: the
/// ranges of its whole span).
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
/// upper bound `t <= to` (the newest range of a [`split`], which ends at the latest start time
/// it covers, and the range of the first page's last start time).
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

/// Runs in the first page of a listing split into ranges (or the query's page size, when
/// smaller): it comes back after one short round trip, holds a small listing whole, and says
/// how densely the runs start.
pub const PILOT: u32 = 100;

/// Runs a range is meant to hold: a request costs the server about 60 ms besides about
/// 1.3 ms a run, so a range of 250 runs spends a sixth of its time on being a request.
pub const RUNS_PER_RANGE: i128 = 250;

/// How a listing begins, decided by its first page.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// Page after page from the beginning: an order on text (the server's collation), or an
    /// order the server will reject (its message is the one to show).
    Sequential,
    /// The first page, then page after page from its token (`None`: it held everything):
    /// a listing whose runs share one start time, or have none.
    Continue {
        first: Vec<Run>,
        token: Option<String>,
    },
    /// The first page's runs, then the plan's ranges (which cover what the first page did
    /// not: for an order led by `start_time`, the first range holds the runs that share the
    /// first page's last start time; for an order on numbers, the first page is not kept).
    Split { first: Vec<Run>, plan: Plan },
}

/// A run's start time in ms (0 when it has none, as MLflow stores it).
fn started(run: &Run) -> i64 {
    run.start_time.map_or(0, |t| t.timestamp_millis())
}

/// How many runs a listing in `start_time` order holds, guessed from its first page: as many
/// as the first page's runs would be if they started as densely all the way to `far`. Runs
/// without a start time (MLflow stores 0) are left out: one of them would stretch the span to
/// 1970. `None` when no run of the first page has a start time.
fn estimate(first: &[Run], far: i64) -> Option<i128> {
    let mut times = first.iter().map(started).filter(|&t| t > 0);
    let near = i128::from(times.next()?);
    let (count, edge) = times.fold((1_i128, near), |(n, _), t| (n + 1, i128::from(t)));
    let far = i128::from(far);
    Some(count * ((near - far).abs() + 1) / ((near - edge).abs() + 1))
}

/// How a listing begins. The query's own first page (of [`PILOT`] runs) and a probe for the
/// other end of its start times (one run, with a start time) are asked at once. A first page
/// without a next page is the whole listing. Otherwise, for an order led by `start_time`, the
/// first page's runs come first and the rest is split below (above, oldest first) the first
/// page's last start time, so that no run is listed twice, into as many ranges as the runs
/// left fill (at 1,000 runs, 16 ranges cost more requests than they saved). For an order on
/// numbers, two probes bound the start times and the first page is only kept when it is
/// everything.
pub async fn start(store: &dyn RunStore, query: &RunQuery) -> Result<Start, BackendError> {
    let Ok(keys) = order::parse(&query.order_by) else {
        return Ok(Start::Sequential);
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
        Some(_) => return Ok(Start::Sequential),
    };
    // The probes look at runs with a start time: those without one (0) sort oldest and are in
    // the oldest range, which has no lower bound.
    let probe = |direction: &str| {
        let started = "attributes.start_time > 0";
        RunQuery {
            filter: Some(match query.filter_text() {
                Some(f) => format!("{f} AND {started}"),
                None => started.to_owned(),
            }),
            order_by: vec![format!("attributes.start_time {direction}")],
            page_size: 1,
            ..query.clone()
        }
    };
    let pilot = RunQuery {
        page_size: query.page_size.clamp(1, PILOT),
        ..query.clone()
    };
    match merge {
        Merge::InTurn => {
            let far = probe(if newest_first { "ASC" } else { "DESC" });
            // Both at once; the first page's failure is the one to tell (its filter is the
            // person's own, where the probe's has a clause of ours).
            let (first, far) = futures::future::join(
                store.search_runs(&pilot, None),
                store.search_runs(&far, None),
            )
            .await;
            let first = first?;
            let token = first.next_page_token.filter(|t| !t.is_empty());
            let far = probed(far);
            let near = first.runs.first().map(started);
            let (Some(_), Some(edge), Some(far)) = (&token, first.runs.last().map(started), far)
            else {
                return Ok(Start::Continue {
                    first: first.runs,
                    token,
                });
            };
            if near == Some(far) {
                // One start time: nothing to split.
                return Ok(Start::Continue {
                    first: first.runs,
                    token,
                });
            }
            let parts = parts(&first.runs, far);
            Ok(Start::Split {
                first: first.runs,
                plan: Plan {
                    ranges: beyond(edge, far, newest_first, parts),
                    merge,
                },
            })
        }
        Merge::Sort(_) => {
            let (first, earliest, latest) = futures::future::join3(
                store.search_runs(&pilot, None),
                store.search_runs(&probe("ASC"), None),
                store.search_runs(&probe("DESC"), None),
            )
            .await;
            let first = first?;
            let token = first.next_page_token.filter(|t| !t.is_empty());
            let ranges = match (probed(earliest), probed(latest)) {
                (Some(lo), Some(hi)) if token.is_some() => split(lo, hi, true),
                _ => None,
            };
            Ok(match ranges {
                Some(ranges) => Start::Split {
                    first: Vec::new(),
                    plan: Plan { ranges, merge },
                },
                None => Start::Continue {
                    first: first.runs,
                    token,
                },
            })
        }
    }
}

/// The start time a probe found, if it found one. A probe only helps: when it fails, the
/// listing goes on page by page.
fn probed(page: Result<RunPage, BackendError>) -> Option<i64> {
    match page {
        Ok(page) => page.runs.first().map(started),
        Err(e) => {
            tracing::warn!(error = %e, "probing the start times failed; listing page by page");
            None
        }
    }
}

/// How many ranges to cut the runs beyond `first` into: as many as they fill, guessed from
/// the first page, from as many as are read at once ([`CONCURRENCY`]) up to [`PARTITIONS`].
/// A guess too low (sparse new runs before dense old ones) still reads that many at once, and
/// no guess loses a run.
fn parts(first: &[Run], far: i64) -> i64 {
    let fewest = i128::try_from(CONCURRENCY).unwrap_or(4);
    estimate(first, far).map_or(PARTITIONS, |n| {
        let left = n - i128::try_from(first.len()).unwrap_or(i128::MAX);
        i64::try_from((left / RUNS_PER_RANGE).clamp(fewest, i128::from(PARTITIONS)))
            .unwrap_or(PARTITIONS)
    })
}

/// `first` (a first page), then page after page from `token`, each handed to `sink` as it
/// arrives.
pub async fn continued<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    (first, token): (Vec<Run>, Option<String>),
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let mut seen = HashSet::new();
    let mut pages = Pages::new(label, "runs");
    let (mut runs, mut token) = (first, token);
    loop {
        let items = runs.len();
        let fresh: Vec<Run> = runs
            .into_iter()
            .filter(|r| seen.insert(r.id.clone()))
            .collect();
        let next = pages.next(token, items, fresh.len())?;
        if !fresh.is_empty() {
            sink(fresh)?;
        }
        let Some(t) = next else {
            return Ok(());
        };
        let page = store.search_runs(query, Some(&t)).await?;
        (runs, token) = (page.runs, page.next_page_token);
    }
}

/// The ranges after a first page whose last run started at `edge`, up to `far`, the start
/// time at the other end: first the runs that share `edge` (the first page may hold only some
/// of them), then the start times beyond it cut into `parts` ranges of equal width (not cut
/// finer in front: the first page brought the first rows). Newest first, the oldest range
/// keeps no lower bound; oldest first, the ranges begin just after `edge`.
pub fn beyond(edge: i64, far: i64, newest_first: bool, parts: i64) -> Vec<Range> {
    let at_edge = Range {
        from: Some(edge),
        to: edge,
        to_inclusive: true,
    };
    let rest = if newest_first {
        // Below the edge down to the oldest run; a run older than `far` that lands meanwhile
        // (backfilled) is in the last range, which has no lower bound.
        cut(far, edge.saturating_sub(1), true, parts, false).unwrap_or_else(|| {
            vec![Range {
                from: None,
                to: edge,
                to_inclusive: false,
            }]
        })
    } else if far > edge {
        let from = edge.saturating_add(1);
        let mut rest = cut(from, far, false, parts, false).unwrap_or_else(|| {
            vec![Range {
                from: Some(from),
                to: far,
                to_inclusive: true,
            }]
        });
        if let Some(oldest) = rest.first_mut() {
            oldest.from = Some(from);
        }
        rest
    } else {
        Vec::new()
    };
    std::iter::once(at_edge).chain(rest).collect()
}

/// `[lo, hi]` cut into up to [`PARTITIONS`] ranges of equal width, in the order they are
/// handed on (newest first, or oldest first); the oldest has no lower bound. The range handed
/// on first is cut again, into an eighth, an eighth, a quarter and a half of its width, nearest
/// first: the first rows come after one small page rather than a whole range, while the
/// ranges behind it are read. `None` when there is nothing to split.
pub fn split(lo: i64, hi: i64, newest_first: bool) -> Option<Vec<Range>> {
    cut(lo, hi, newest_first, PARTITIONS, true)
}

/// `[lo, hi]` cut into up to `parts` ranges of equal width, the one handed on first cut
/// again when `finer`.
fn cut(lo: i64, hi: i64, newest_first: bool, parts: i64, finer: bool) -> Option<Vec<Range>> {
    if hi <= lo {
        return None;
    }
    let (lo, hi) = (i128::from(lo), i128::from(hi));
    let width = hi - lo + 1;
    let n = i128::from(parts.max(1)).min(width);
    let mut cuts: Vec<i128> = (0..=n).map(|i| lo + width * i / n).collect();
    // The front range's own cuts, at 1/8, 1/4 and 1/2 of it from the side handed on first.
    let front = width / n;
    if finer {
        for part in [8, 4, 2] {
            cuts.push(if newest_first {
                hi - front / part
            } else {
                lo + front / part
            });
        }
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

/// Hands on `first` (the listing's first page, see [`start`]), then reads the plan's ranges,
/// [`CONCURRENCY`] pages at once, and hands the runs to `sink` in order: the range in front
/// page by page as its pages arrive, a later range once every range before it was handed on
/// (see [`Window`]; at most about [`HOLD`] runs wait behind the front). An order on numbers
/// waits for every range, then sorts.
pub async fn fetch<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    first: Vec<Run>,
    plan: Plan,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let mut seen = HashSet::new();
    let first: Vec<Run> = first
        .into_iter()
        .filter(|r| seen.insert(r.id.clone()))
        .collect();
    if !first.is_empty() {
        sink(first)?;
    }
    fetch_after(store, label, query, seen, plan, sink).await
}

/// The plan's ranges, in order, without the runs of `seen` (listed already).
async fn fetch_after<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    mut seen: HashSet<RunId>,
    plan: Plan,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    match plan.merge {
        Merge::InTurn => {
            read(
                store,
                label,
                query,
                &plan.ranges,
                HOLD,
                &mut |runs: Vec<Run>| {
                    // Ranges are disjoint in start time (which MLflow never changes), and
                    // each range drops its own repeats: only the first page's runs can come
                    // again (in the range of its last start time). So `seen` stays the first
                    // page's, not a set of every run of the listing.
                    let fresh: Vec<Run> =
                        runs.into_iter().filter(|r| !seen.contains(&r.id)).collect();
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
    match store.search_runs_spread(query, token).await {
        Err(e) if server_side(&e) => {
            tokio::time::sleep(RETRY_PAUSE).await;
            store.search_runs_spread(query, token).await
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

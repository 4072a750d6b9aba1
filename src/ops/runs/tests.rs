//! Partitioned listings against the in-memory query engine (`store::run_search`, which answers
//! a filter and an order as the sqlite store does), compared with plain sequential paging.
//! The same comparison against a real `mlflow server` is in `tests/it/mlflow_backend.rs`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use async_trait::async_trait;

use super::partition::{self, Merge, Range, Start};
use super::{listing, sequential};
use crate::domain::run::time_from_ms;
use crate::domain::{
    Experiment, ExperimentId, LatestMetric, Lifecycle, MetricPoint, Run, RunId, RunStatus,
};
use crate::store::{BackendError, RunPage, RunQuery, RunStore, SampledHistories, run_search};

/// Runs in memory, searched by `run_search`, remembering every filter it was asked.
struct Memory {
    runs: Vec<Run>,
    concurrent: bool,
    /// Answers a search without a clause on `start_time` (the person's own query) late.
    slow_plain: bool,
    /// Fails the probes (a server error).
    failing_probes: bool,
    filters: Mutex<Vec<Option<String>>>,
    /// The filters of the pages asked through `search_runs_spread`.
    spread: Mutex<Vec<Option<String>>>,
}

impl Memory {
    fn new(runs: Vec<Run>) -> Self {
        Self {
            runs,
            concurrent: true,
            slow_plain: false,
            failing_probes: false,
            filters: Mutex::new(Vec::new()),
            spread: Mutex::new(Vec::new()),
        }
    }

    fn range_queries(&self) -> usize {
        self.filters
            .lock()
            .unwrap()
            .iter()
            .filter(|f| f.as_deref().is_some_and(|f| f.contains("start_time <")))
            .count()
    }
}

#[async_trait]
impl RunStore for Memory {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        Ok(vec![])
    }
    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        self.filters.lock().unwrap().push(query.filter.clone());
        if self.slow_plain
            && !query
                .filter
                .as_deref()
                .is_some_and(|f| f.contains("start_time"))
        {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        if self.failing_probes
            && query
                .filter
                .as_deref()
                .is_some_and(|f| f.contains("start_time > 0"))
        {
            return Err(BackendError::Api {
                target: "memory".into(),
                status: 503,
                code: String::new(),
                message: "Service Unavailable".into(),
            });
        }
        run_search::search(&self.runs, query, page_token)
    }
    async fn search_runs_spread(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        self.spread.lock().unwrap().push(query.filter.clone());
        self.search_runs(query, page_token).await
    }
    fn lists_concurrently(&self) -> bool {
        self.concurrent
    }
    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        Err(BackendError::NotFound(format!("run '{id}' not found")))
    }
    async fn metric_history(&self, _: &RunId, _: &str) -> Result<Vec<MetricPoint>, BackendError> {
        Ok(vec![])
    }
    async fn sampled_histories(
        &self,
        _: &[RunId],
        _: &str,
        _: u32,
    ) -> Result<SampledHistories, BackendError> {
        Ok(SampledHistories::new())
    }
}

/// Run `i` starts at `starts(i)` ms and logs `acc`, some of them NaN, some none.
fn runs(n: usize, starts: impl Fn(usize) -> i64) -> Vec<Run> {
    (0..n)
        .map(|i| {
            let mut metrics = BTreeMap::new();
            if i % 7 != 0 {
                let value = if i % 11 == 0 {
                    f64::NAN
                } else {
                    ((i * 37) % 101) as f64
                };
                metrics.insert(
                    "acc".to_owned(),
                    LatestMetric {
                        value,
                        step: 0,
                        timestamp: 0,
                    },
                );
            }
            Run {
                id: RunId::new(format!("{i:08x}")),
                experiment_id: ExperimentId::from("1"),
                name: format!("run-{i}"),
                status: RunStatus::Finished,
                start_time: time_from_ms(starts(i)),
                end_time: None,
                user: String::new(),
                lifecycle: Lifecycle::Active,
                metrics: metrics.into_iter().collect(),
                params: crate::domain::Fields::new(),
                tags: [("group".to_owned(), format!("g{}", i % 3))]
                    .into_iter()
                    .collect(),
            }
        })
        .collect()
}

fn query(filter: Option<&str>, order_by: &[&str], page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: vec![ExperimentId::from("1")],
        filter: filter.map(str::to_owned),
        order_by: order_by.iter().map(|s| (*s).to_owned()).collect(),
        page_size,
    }
}

/// How `partition::start` goes on with `query`, which must be a split: the first page and
/// the plan.
async fn split(store: &Memory, query: &RunQuery) -> (Vec<Run>, partition::Plan) {
    let Start::Split { first, plan } = partition::start(store, query).await.unwrap() else {
        panic!("not split");
    };
    (first, plan)
}

async fn list(store: &Memory, query: &RunQuery, partitioned: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut sink = |batch: Vec<Run>| {
        out.extend(batch.into_iter().map(|r| r.id.to_string()));
        Ok::<(), BackendError>(())
    };
    if partitioned {
        listing(store, "memory", query, &mut sink).await.unwrap();
    } else {
        sequential(store, "memory", query, &mut sink).await.unwrap();
    }
    out
}

#[test]
fn ranges_are_half_open_and_cover_the_span() {
    let ranges = partition::split(100, 115, false).unwrap();
    assert_eq!(ranges.len(), 16);
    assert_eq!(
        ranges[0],
        Range {
            from: None,
            to: 101,
            to_inclusive: false
        }
    );
    assert_eq!(
        ranges[15],
        Range {
            from: Some(115),
            to: 115,
            to_inclusive: true
        }
    );
    for pair in ranges.windows(2) {
        assert_eq!(pair[0].to, pair[1].from.unwrap());
    }
    // A span narrower than the partition count gets one range per millisecond.
    assert_eq!(partition::split(0, 2, false).unwrap().len(), 3);
    assert_eq!(partition::split(5, 5, true), None);
    let wide = partition::split(i64::MIN + 1, i64::MAX, false).unwrap();
    assert_eq!(wide.len(), 16 + 3);
    assert_eq!(wide[18].to, i64::MAX);
}

/// The range handed on first is cut into 1/8, 1/8, 1/4 and 1/2 of a range, nearest first, so
/// that the first page is small; the rest are whole, and together they cover the span once.
#[test]
fn the_range_handed_on_first_is_cut_finer() {
    let covers = |ranges: &[Range]| {
        let mut oldest_first = ranges.to_vec();
        oldest_first.sort_by_key(|r| r.to);
        assert_eq!(oldest_first[0].from, None);
        assert!(oldest_first.last().unwrap().to_inclusive);
        for pair in oldest_first.windows(2) {
            assert_eq!(Some(pair[0].to), pair[1].from);
            assert!(!pair[0].to_inclusive);
        }
    };
    let newest = partition::split(0, 1599, true).unwrap();
    assert_eq!(newest.len(), 19);
    covers(&newest);
    let width = |r: &Range| r.to - r.from.unwrap() + i64::from(r.to_inclusive);
    let widths: Vec<i64> = newest[..5].iter().map(width).collect();
    assert_eq!(widths, [13, 13, 25, 49, 100]);
    assert_eq!(newest[0].to, 1599);
    let oldest = partition::split(0, 1599, false).unwrap();
    covers(&oldest);
    assert_eq!(oldest[0].to, 12);
    let widths: Vec<i64> = oldest[1..5].iter().map(width).collect();
    assert_eq!(widths, [13, 25, 50, 100]);
}

/// 16 distinct start times, 40 runs each: every range boundary falls on a start time shared
/// by 40 runs, and pages of 7 cut through the ties.
#[tokio::test]
async fn ties_at_every_boundary_are_listed_once_in_the_servers_order() {
    let store = Memory::new(runs(640, |i| 1_790_000_000_000 + (i % 16) as i64));
    for order in [&[][..], &["attributes.start_time ASC"][..]] {
        let q = query(None, order, 7);
        let expected = list(&store, &q, false).await;
        assert_eq!(expected.len(), 640);
        let before = store.range_queries();
        assert_eq!(list(&store, &q, true).await, expected, "order {order:?}");
        assert!(store.range_queries() - before >= 16, "not partitioned");
    }
}

#[tokio::test]
async fn a_filter_is_anded_with_each_range() {
    let store = Memory::new(runs(500, |i| 1_000_000 + (i as i64 * 7919) % 100_000));
    let q = query(Some("tags.group = 'g1'"), &[], 10);
    let expected = list(&store, &q, false).await;
    assert!(expected.len() > 100);
    assert_eq!(list(&store, &q, true).await, expected);
}

#[tokio::test]
async fn an_order_on_metrics_is_sorted_after_collecting_the_ranges() {
    let store = Memory::new(runs(300, |i| 5_000 + (i as i64 * 13) % 977));
    let q = query(None, &["metrics.acc DESC", "attributes.start_time ASC"], 25);
    let (first, plan) = split(&store, &q).await;
    assert!(matches!(plan.merge, Merge::Sort(_)));
    assert!(
        first.is_empty(),
        "a first page in another order is not kept"
    );
    assert_eq!(list(&store, &q, true).await, list(&store, &q, false).await);
}

#[tokio::test]
async fn an_order_on_text_is_left_to_the_server() {
    let store = Memory::new(runs(50, |i| 1_000 + i as i64));
    let q = query(None, &["tags.group ASC"], 10);
    assert_eq!(
        partition::start(&store, &q).await.unwrap(),
        Start::Sequential
    );
    assert_eq!(list(&store, &q, true).await, list(&store, &q, false).await);
    assert_eq!(store.range_queries(), 0);
}

#[tokio::test]
async fn one_start_time_or_no_runs_is_read_sequentially() {
    let same = Memory::new(runs(30, |_| 42));
    let Start::Continue { first, token, .. } =
        partition::start(&same, &query(None, &[], 5)).await.unwrap()
    else {
        panic!("split");
    };
    assert_eq!((first.len(), token.is_some()), (5, true));
    assert_eq!(
        list(&same, &query(None, &[], 5), true).await,
        list(&same, &query(None, &[], 5), false).await
    );
    let none = Memory::new(vec![]);
    assert_eq!(
        partition::start(&none, &query(None, &[], 5)).await.unwrap(),
        Start::Continue {
            first: vec![],
            token: None
        }
    );
}

/// A listing the first page holds is one request beside the probe; a bigger one is split
/// beyond the first page into as many ranges as its runs fill, the first page not asked again.
#[tokio::test]
async fn the_first_page_decides_how_a_listing_goes_on() {
    // 80 runs, a minute apart: the first page of 100 holds them all.
    let small = Memory::new(runs(80, |i| 1_000_000 + i as i64 * 60_000));
    let q = query(None, &[], 1000);
    let listed = list(&small, &q, true).await;
    assert_eq!(
        small.filters.lock().unwrap().len(),
        2,
        "the first page and the probe"
    );
    assert_eq!(listed, list(&small, &q, false).await);
    assert_eq!(small.range_queries(), 0);
    // 1,000 runs evenly spread: 900 left, as many ranges as are read at once (four of about
    // 225, rather than three of 300) and the first page's last start time.
    let thousand = Memory::new(runs(1000, |i| 1_000_000 + i as i64 * 60_000));
    let (first, plan) = split(&thousand, &q).await;
    assert_eq!(first.len(), 100);
    let edge = first.last().unwrap().start_time.unwrap().timestamp_millis();
    assert_eq!(
        plan.ranges[0],
        Range {
            from: Some(edge),
            to: edge,
            to_inclusive: true
        },
        "the runs sharing the first page's last start time come next"
    );
    assert_eq!(plan.ranges.len(), 1 + partition::CONCURRENCY);
    assert!(plan.ranges[1..].iter().all(|r| r.to <= edge));
    assert_eq!(
        list(&thousand, &q, true).await,
        list(&thousand, &q, false).await
    );
    // 10,000: as many ranges as the listing is ever cut into.
    let many = Memory::new(runs(10_000, |i| 1_000_000 + i as i64 * 60_000));
    let (_, plan) = split(&many, &q).await;
    assert_eq!(plan.ranges.len() as i64, 1 + partition::PARTITIONS);
    // A few runs past the first page: still as many ranges as are read at once.
    let few = Memory::new(runs(130, |i| 1_000_000 + i as i64 * 60_000));
    let (_, plan) = split(&few, &q).await;
    assert_eq!(plan.ranges.len(), 1 + partition::CONCURRENCY);
    assert_eq!(list(&few, &q, true).await, list(&few, &q, false).await);
}

/// Every range page is asked as one of many at once (`search_runs_spread`, a connection of its
/// own for MLflow); the first page and the probe, asked before any range, are not.
#[tokio::test]
async fn range_pages_are_asked_spread_and_the_first_page_and_probe_are_not() {
    let store = Memory::new(runs(1000, |i| 1_000_000 + i as i64 * 60_000));
    let q = query(None, &[], 100);
    assert_eq!(list(&store, &q, true).await, list(&store, &q, false).await);
    let spread = store.spread.lock().unwrap().clone();
    let all = store.filters.lock().unwrap().len();
    // The sequential listing's 10 pages, the first page and the probe are the plain ones.
    assert_eq!(spread.len(), all - 10 - 2, "{spread:?}");
    assert!(spread.len() > partition::CONCURRENCY);
    assert!(
        spread
            .iter()
            .all(|f| f.as_deref().is_some_and(|f| f.contains("start_time <"))),
        "only ranges are spread: {spread:?}"
    );
}

/// A run without a start time (MLflow stores 0) does not make a small listing look big
/// (newest first, it would stretch the span to 1970) or a big one small (oldest first).
#[tokio::test]
async fn runs_without_a_start_time_do_not_skew_the_guess() {
    // Run 0 started at 0 as MLflow stores it (the client reads 0 as no start time; the
    // server sorts and filters it as 0).
    let with_zero = |n: usize| {
        let mut runs = runs(n, |i| 1_790_000_000_000 + i as i64 * 60_000);
        runs[0].start_time = chrono::DateTime::from_timestamp_millis(0);
        Memory::new(runs)
    };
    let small = with_zero(150);
    let q = query(None, &[], 1000);
    let (_, plan) = split(&small, &q).await;
    assert_eq!(
        plan.ranges.len(),
        1 + partition::CONCURRENCY,
        "a few runs left: the fewest ranges"
    );
    assert_eq!(list(&small, &q, true).await, list(&small, &q, false).await);
    let big = with_zero(3000);
    let q = query(None, &["attributes.start_time ASC"], 100);
    let (_, plan) = split(&big, &q).await;
    assert_eq!(plan.ranges.len(), 1 + 11, "2,900 runs left");
    assert_eq!(list(&big, &q, true).await, list(&big, &q, false).await);
    assert!(big.range_queries() > 0);
}

/// The guess is wrong when the newest runs are sparse and older ones dense: fewer ranges than
/// the runs would fill, but still as many as are read at once, and every run once, in order.
#[tokio::test]
async fn a_wrong_guess_costs_concurrency_not_runs() {
    // 100 runs a day apart, then 2,900 a millisecond apart in the hour before them.
    let store = Memory::new(runs(3000, |i| {
        if i >= 2900 {
            1_790_000_000_000 + (i as i64 - 2900) * 86_400_000
        } else {
            1_790_000_000_000 - 3_600_000 + i as i64
        }
    }));
    let q = query(None, &[], 100);
    let (_, plan) = split(&store, &q).await;
    assert_eq!(
        plan.ranges.len(),
        1 + partition::CONCURRENCY,
        "guessed at a few hundred runs"
    );
    assert_eq!(list(&store, &q, true).await, list(&store, &q, false).await);
}

#[test]
fn beyond_the_first_page_the_ranges_cover_the_rest_once() {
    let at = |t| Range {
        from: Some(t),
        to: t,
        to_inclusive: true,
    };
    // Newest first: below the edge, the oldest range unbounded.
    let down = partition::beyond(1_600, 0, true, 16);
    assert_eq!(down[0], at(1_600));
    assert_eq!(down[1].to, 1_599);
    assert!(down[1].to_inclusive);
    assert_eq!(down.last().unwrap().from, None);
    for pair in down[1..].windows(2) {
        assert_eq!(pair[1].to, pair[0].from.unwrap());
    }
    // Nothing below the edge but itself: one catch-all range for runs that land meanwhile.
    assert_eq!(
        partition::beyond(5, 5, true, 16),
        vec![
            at(5),
            Range {
                from: None,
                to: 5,
                to_inclusive: false
            }
        ]
    );
    // Oldest first: from just after the edge up to the newest start time probed.
    let up = partition::beyond(100, 1_700, false, 16);
    assert_eq!(up[0], at(100));
    assert_eq!(up[1].from, Some(101));
    assert_eq!(up.last().unwrap().to, 1_700);
    assert!(up.last().unwrap().to_inclusive);
    assert_eq!(
        partition::beyond(100, 101, false, 16),
        vec![
            at(100),
            Range {
                from: Some(101),
                to: 101,
                to_inclusive: true
            }
        ]
    );
    assert_eq!(partition::beyond(100, 100, false, 16), vec![at(100)]);
}

#[tokio::test]
async fn stores_that_page_cheaply_are_not_partitioned() {
    let mut store = Memory::new(runs(100, |i| 1_000 + i as i64));
    store.concurrent = false;
    assert_eq!(list(&store, &query(None, &[], 10), true).await.len(), 100);
    assert_eq!(store.range_queries(), 0);
}

/// The probes only help: when they fail and the first page did not, the listing goes on page
/// by page, whole and in order, in either kind of order.
#[tokio::test]
async fn a_failed_probe_falls_back_to_paging() {
    let mut store = Memory::new(runs(300, |i| 1_000_000 + i as i64 * 60_000));
    store.failing_probes = true;
    for order in [&[][..], &["metrics.acc DESC"][..]] {
        let q = query(None, order, 50);
        assert!(matches!(
            partition::start(&store, &q).await.unwrap(),
            Start::Continue { token: Some(_), .. }
        ));
        assert_eq!(list(&store, &q, true).await, list(&store, &q, false).await);
    }
    assert_eq!(store.range_queries(), 0);
}

#[tokio::test]
async fn a_rejected_filter_fails_the_listing_with_the_stores_words() {
    // The person's query answers last: its failure, not the probe's (whose filter has a
    // clause of ours), is the one told.
    let mut store = Memory::new(runs(10, |i| 1_000 + i as i64));
    store.slow_plain = true;
    let q = query(Some("metrics.acc > 1 or params.x = 'y'"), &[], 10);
    let mut sink = |_: Vec<Run>| Ok::<(), BackendError>(());
    let err = listing(&store, "memory", &q, &mut sink).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("the filter 'metrics.acc > 1 or params.x = 'y'' was rejected"),
        "{err}"
    );
}

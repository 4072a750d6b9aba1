//! Whole listings (`ops::runs`, what `clearance runs` prints) against a real server: split
//! into `start_time` ranges fetched at once, they must hold exactly the runs, in exactly the
//! order, of plain sequential paging (pages of 40 through ties at every range boundary),
//! and stay a snapshot while runs are being created.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use clearance::domain::RunId;
use clearance::store::{Backend, RunQuery, RunStore};
use futures::StreamExt as _;
use pretty_assertions::assert_eq;
use serde_json::json;

use crate::support::{self, SeededExperiment};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;
/// Distinct start times: one per partition, so every range boundary falls on a start time
/// that many runs share.
const STARTS: i64 = 16;

fn backend(server: &support::server::MlflowServer) -> Backend {
    clearance::connect::open(
        &clearance::connect::Target::Server(server.url().parse().unwrap()),
        &clearance::config::Config::defaults(),
    )
    .unwrap()
}

fn query(exp: &SeededExperiment, filter: Option<&str>, order_by: &[&str]) -> RunQuery {
    RunQuery {
        experiment_ids: vec![exp.experiment_id()],
        filter: filter.map(str::to_owned),
        order_by: order_by.iter().map(|s| (*s).to_owned()).collect(),
        page_size: 40,
    }
}

/// Page after page, one request at a time: what the listing must equal.
async fn sequential(store: &dyn RunStore, query: &RunQuery) -> Vec<RunId> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = store.search_runs(query, token.as_deref()).await.unwrap();
        out.extend(page.runs.into_iter().map(|r| r.id));
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => return out,
        }
    }
}

async fn listed(backend: &Backend, query: &RunQuery) -> Vec<RunId> {
    clearance::ops::runs::all(backend, query)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// `per_start` runs on each of 16 start times (named `a-…` and `b-…` alternately), and 3
/// runs created without a start time (MLflow stores 0).
async fn seed_many(seed: &support::Seeder, name: &str, per_start: i64) -> SeededExperiment {
    let exp = seed.experiment(name).await;
    futures::stream::iter(0..STARTS * per_start)
        .map(|i| {
            let name = format!("{}-{i:04}", if i % 2 == 0 { "a" } else { "b" });
            let start = T0 + (i % STARTS) * 1000;
            let (seed, exp) = (seed.clone(), exp.clone());
            async move { seed.run(&exp).name(&name).start_time(start).create().await }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    for _ in 0..3 {
        seed.post("runs/create", &json!({ "experiment_id": exp.id }))
            .await;
    }
    exp
}

#[tokio::test]
async fn a_partitioned_listing_equals_sequential_paging_while_runs_arrive() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed_many(&seed, "listing-snapshot", 40).await;
    let (backend, recording) = recorded(server);
    assert!(backend.runs.lists_concurrently());
    let q = query(&exp, None, &[]);
    let expected = sequential(backend.runs.as_ref(), &q).await;
    assert_eq!(expected.len() as i64, STARTS * 40 + 3);

    // Runs keep arriving (started now, as a sweep's runs are) for as long as the listing
    // reads; a sequential listing would see its offset pages shift under it.
    let done = Arc::new(AtomicBool::new(false));
    let created = Arc::new(AtomicUsize::new(0));
    let writer = tokio::spawn({
        let (seed, exp, done, created) = (seed.clone(), exp.clone(), done.clone(), created.clone());
        async move {
            while !done.load(Ordering::SeqCst) {
                seed.run(&exp).name("late").create().await;
                created.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    // Let the first run land before the listing starts, so some land during it.
    while created.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before = created.load(Ordering::SeqCst);
    recording.asked.lock().unwrap().clear();
    // The ranges are read once two more runs landed, however busy the machine: they land
    // after the first page and the probe took the listing's snapshot.
    *recording.gate.lock().unwrap() = Some((created.clone(), before + 2));
    let got = listed(&backend, &q).await;
    // Split beyond the first page, though the late runs make it look sparse (they started
    // now, the rest in January): a few ranges rather than many.
    assert!(
        recording
            .asked
            .lock()
            .unwrap()
            .iter()
            .any(|f| f.contains("start_time <")),
        "the listing was not split"
    );
    let during = created.load(Ordering::SeqCst) - before;
    done.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(
        during > 1,
        "only {during} runs were created while the listing read"
    );

    // The listing began after `before` late runs existed: those are in it (they started
    // last, so they come first), those created while it read are not, and the rest is
    // exactly the sequential listing, in its order.
    let mut late: Vec<RunId> = sequential(backend.runs.as_ref(), &q).await;
    late.retain(|id| !expected.contains(id));
    let late_listed = &got[..got.len() - expected.len()];
    // Newest first: the listed ones are the oldest of the late runs.
    assert_eq!(
        late_listed,
        &late[late.len() - late_listed.len()..],
        "not the late runs that existed when the listing began"
    );
    // The snapshot is taken when the first page reaches the server: a few more may have landed
    // by then, but not the runs created while the ranges were read.
    assert!(
        (before..before + during).contains(&late_listed.len()),
        "{} late runs listed; {before} existed when it began, {during} arrived during it",
        late_listed.len()
    );
    assert_eq!(&got[got.len() - expected.len()..], &expected[..]);
}

#[tokio::test]
async fn filters_and_orders_partition_like_sequential_paging() {
    let server = support::shared();
    let exp = seed_many(&server.seed(), "listing-orders", 20).await;
    let backend = backend(server);
    for (filter, order) in [
        (Some("attributes.run_name LIKE 'a-%'"), &[][..]),
        (None, &["attributes.start_time ASC"][..]),
        (
            Some(&*format!("attributes.start_time > {}", T0 + 3000)),
            &["attributes.start_time DESC"][..],
        ),
        // Text orders are the server's to sort (collations): read sequentially.
        (None, &["attributes.run_name DESC"][..]),
    ] {
        let q = query(&exp, filter, order);
        let expected = sequential(backend.runs.as_ref(), &q).await;
        assert!(expected.len() > 100, "{filter:?}: {}", expected.len());
        assert_eq!(listed(&backend, &q).await, expected, "{filter:?} {order:?}");
    }
}

/// `runs --json` writes each range as it completes; a listing that fails half-way leaves the
/// rows written so far in an array it never closes (no JSON reader takes them for the whole
/// listing), says why on stderr, and exits with the network's code.
#[tokio::test]
async fn runs_json_failing_half_way_leaves_an_unclosed_array_and_says_why() {
    use crate::support::proxy::Fault;
    let (proxy, cli, doc) = listed_behind_a_proxy("listing-cut").await;
    let args = ["runs", "--json", "--experiment", "listing-cut"];
    assert_eq!(doc["schema_version"], 1);
    let all = &doc["runs"];
    let requests = proxy.requests();
    assert!(requests > 16, "not partitioned: {requests} requests");

    // The last three range requests are cut; the ranges before them were written.
    proxy.set(Fault::ResetAfter(requests - 3));
    let cut = cli.run(&args).await;
    cut.expect_code(2);
    assert!(cut.stderr.contains("cut short"), "{}", cut.stderr);
    assert!(
        cut.stdout
            .starts_with("{\n  \"schema_version\": 1,\n  \"runs\": [\n    {\n"),
        "{}",
        cut.stdout
    );
    assert!(serde_json::from_str::<serde_json::Value>(&cut.stdout).is_err());
    // What was written is the start of the healthy listing, whole rows only.
    let written = format!("{}\n]}}", cut.stdout.trim_end().trim_end_matches(','));
    let written: serde_json::Value = serde_json::from_str(&written).unwrap();
    let written = written["runs"].as_array().unwrap();
    assert!(!written.is_empty() && written.len() < all.as_array().unwrap().len());
    assert_eq!(written[..], all.as_array().unwrap()[..written.len()]);
}

/// Each range's pages go on a connection of their own, so that a server of several worker
/// processes (which share connections out, not requests) answers them with all its workers:
/// on the pooled connections of a client that had opened them all at once, every page of a
/// 10k listing was measured going to one of the benchmark server's two workers. The CLI's
/// experiment lookup, its baseline search, and the listing's first page and probe go on pooled
/// connections; every other search is the one request of a connection opened for it (a
/// request that says `Connection: close` on the pooled client would take the idle pooled
/// connections first).
#[tokio::test]
async fn range_pages_go_on_connections_of_their_own() {
    let (proxy, _, _) = listed_behind_a_proxy("listing-spread").await;
    let searches = proxy.requests_to("runs/search");
    assert!(searches > 16, "not partitioned: {searches} searches");
    let connections = proxy.connections();
    let alone = connections
        .iter()
        .filter(|c| c.len() == 1 && c[0].contains("runs/search"))
        .count();
    // The baseline search, the first page and the probe are the pooled searches.
    assert!(
        alone >= searches - 3,
        "{alone} of {searches} searches alone on their connection: {connections:?}"
    );
}

/// An experiment `name` seeded by [`seed_split`], listed whole by `runs --json` through a new
/// proxy in front of the server (every run checked to be there): the proxy, the CLI pointed at
/// it, and the listing's document.
async fn listed_behind_a_proxy(
    name: &str,
) -> (
    crate::support::proxy::Proxy,
    support::Clearance,
    serde_json::Value,
) {
    let server = support::shared();
    seed_split(server, name).await;
    let proxy = crate::support::proxy::Proxy::start(server.url());
    let cli = support::Clearance::new(&proxy.url());
    let listed = cli.run(&["runs", "--json", "--experiment", name]).await;
    listed.expect_code(0);
    let doc = listed.json();
    assert_eq!(doc["runs"].as_array().unwrap().len() as i64, STARTS * 8);
    (proxy, cli, doc)
}

/// An experiment `name` of more runs than a first page holds, dense at the newest end (112
/// runs within 16 ms, 16 a minute apart a day before), so that a listing of it is split.
async fn seed_split(server: &support::server::MlflowServer, name: &str) {
    let seed = server.seed();
    let exp = seed.experiment(name).await;
    futures::stream::iter(0..STARTS * 8)
        .map(|i| {
            let (seed, exp) = (seed.clone(), exp.clone());
            let start = if i < STARTS * 7 {
                T0 + 86_400_000 + i % STARTS
            } else {
                T0 + (i % STARTS) * 60_000
            };
            async move {
                seed.run(&exp)
                    .name(&format!("cut-{i:03}"))
                    .start_time(start)
                    .create()
                    .await
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
}

/// The server's backend with every page's filter written down.
fn recorded(server: &support::server::MlflowServer) -> (Backend, Arc<Recording>) {
    let real = backend(server);
    let recording = Arc::new(Recording {
        inner: real.runs.clone(),
        asked: std::sync::Mutex::new(Vec::new()),
        gate: std::sync::Mutex::new(None),
    });
    let backend = Backend {
        runs: recording.clone(),
        ..real
    };
    (backend, recording)
}

/// A store that answers as the real one and writes down the filter of every page asked.
struct Recording {
    inner: Arc<dyn RunStore>,
    asked: std::sync::Mutex<Vec<String>>,
    /// Range pages wait until the count reaches the number (up to a minute).
    gate: std::sync::Mutex<Option<(Arc<AtomicUsize>, usize)>>,
}

impl Recording {
    fn record(&self, query: &RunQuery) {
        let filter = query.filter.clone().unwrap_or_default();
        self.asked.lock().unwrap().push(filter);
    }
}

#[async_trait::async_trait]
impl RunStore for Recording {
    async fn experiments(
        &self,
    ) -> Result<Vec<clearance::domain::Experiment>, clearance::store::BackendError> {
        self.inner.experiments().await
    }
    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<clearance::store::RunPage, clearance::store::BackendError> {
        self.record(query);
        self.inner.search_runs(query, page_token).await
    }
    async fn search_runs_spread(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<clearance::store::RunPage, clearance::store::BackendError> {
        self.record(query);
        let gate = self.gate.lock().unwrap().clone();
        if let Some((count, reach)) = gate {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
            while count.load(Ordering::SeqCst) < reach && std::time::Instant::now() < deadline {
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        }
        self.inner.search_runs_spread(query, page_token).await
    }
    async fn run(
        &self,
        id: &RunId,
    ) -> Result<clearance::domain::Run, clearance::store::BackendError> {
        self.inner.run(id).await
    }
    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<clearance::domain::MetricPoint>, clearance::store::BackendError> {
        self.inner.metric_history(run, key).await
    }
    fn lists_concurrently(&self) -> bool {
        self.inner.lists_concurrently()
    }
    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<clearance::store::SampledHistories, clearance::store::BackendError> {
        self.inner.sampled_histories(runs, key, max_points).await
    }
}

/// The listing's first page is handed on before any range is asked for, and the range in
/// front page by page as its pages arrive, not once it is complete: its first new rows reach
/// the writer while it still has pages to read; and the whole listing is still sequential
/// paging's.
#[tokio::test]
async fn the_first_rows_are_handed_on_before_the_front_range_is_complete() {
    let server = support::shared();
    let exp = seed_many(&server.seed(), "listing-stream", 20).await;
    let (backend, recording) = recorded(server);
    let q = RunQuery {
        page_size: 8,
        ..query(&exp, None, &[])
    };
    let expected = sequential(backend.runs.as_ref(), &q).await;
    recording.asked.lock().unwrap().clear();
    // What had been asked when each batch reached the writer.
    let mut at_batch: Vec<Vec<String>> = Vec::new();
    let mut got = Vec::new();
    clearance::ops::runs::each_batch(&backend, &q, |batch| {
        at_batch.push(recording.asked.lock().unwrap().clone());
        got.extend(batch.into_iter().map(|r| r.id));
        Ok::<(), clearance::store::BackendError>(())
    })
    .await
    .unwrap();
    assert_eq!(got, expected);
    let asked = recording.asked.lock().unwrap().clone();
    assert!(
        at_batch[0].iter().all(|f| !f.contains("start_time <")),
        "the first page waited for ranges: {:?}",
        at_batch[0]
    );
    // The front range is the first asked for: the runs that share the first page's last
    // start time (20 of them, 8 in the first page: three pages of 8, the first all listed).
    let pages = |filter: &String, asked: &[String]| asked.iter().filter(|f| *f == filter).count();
    let front = asked
        .iter()
        .find(|f| f.contains("start_time <"))
        .expect("not split");
    assert!(
        pages(front, &asked) >= 3,
        "the front range is {} pages",
        pages(front, &asked)
    );
    // The first batch after the front range was asked holds its first new rows.
    let first_rows = at_batch
        .iter()
        .position(|a| pages(front, a) >= 1)
        .expect("the front range's rows never came");
    assert!(
        pages(front, &at_batch[first_rows]) < pages(front, &asked),
        "the front range's first rows waited for all its {} pages",
        pages(front, &asked)
    );
    assert!(
        at_batch[first_rows].len() < asked.len(),
        "the first rows came at the end"
    );
}

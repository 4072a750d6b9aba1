//! Listing 10,000 runs through `LocalStore::search_runs`, 1,000 per page.
//!
//! Run with `cargo bench --bench list_runs`. It builds, in a temporary directory, an MLflow
//! store with the demo store's schema (alembic `dc11669786a5`) holding 10,000 runs of one
//! experiment, each with 10 metrics, 5 params and 5 tags (rows inserted directly with SQL),
//! then lists every run page by page, several times, and prints the median: with the store's
//! own page tokens (keyset: each names the last row) and with tokens naming only the offset.
//!
//! For scale (`shared/reference/mlflow-rest.md` §7, same machine class): the REST API took
//! 12.6 s for the same listing, and Python's sqlite3 reading the tables directly 0.33 s.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use clearance::backends::mlflow_local::LocalStore;
use clearance::domain::ExperimentId;
use clearance::store::query::token;
use clearance::store::{RunQuery, RunStore};
use rusqlite::{Connection, params};

const RUNS: usize = 10_000;
const PAGE: u32 = 1_000;
const ITERATIONS: usize = 7;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("mlflow.db");
    let built = Instant::now();
    build_store(&path)?;
    println!(
        "built a store of {RUNS} runs in {:.2} s ({:.1} MB)",
        built.elapsed().as_secs_f64(),
        std::fs::metadata(&path)?.len() as f64 / 1e6
    );

    let store = LocalStore::open(&path)?;
    let rt = tokio::runtime::Runtime::new()?;
    let query = RunQuery {
        experiment_ids: vec![ExperimentId::from("1")],
        filter: None,
        order_by: Vec::new(),
        page_size: PAGE,
    };
    // The store's own tokens name the last row (keyset); tokens naming only the offset (as
    // MLflow's do) make sqlite sort and step over the pages before: both timed, alternating.
    let mut keyset: Vec<Duration> = Vec::with_capacity(ITERATIONS);
    let mut offset: Vec<Duration> = Vec::with_capacity(ITERATIONS);
    // One warm-up pass (page cache), then the timed ones.
    for i in 0..=ITERATIONS {
        for (by_offset, times) in [(false, &mut keyset), (true, &mut offset)] {
            let started = Instant::now();
            let listed = rt.block_on(list_all(&store, &query, by_offset))?;
            let took = started.elapsed();
            if listed != RUNS {
                return Err(format!("listed {listed} runs, expected {RUNS}").into());
            }
            if i > 0 {
                times.push(took);
            }
        }
    }
    for (label, times) in [
        ("keyset tokens", &mut keyset),
        ("offset tokens", &mut offset),
    ] {
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "list_runs, {label}: {RUNS} runs, {} pages of {PAGE}: median {:.1} ms over \
             {ITERATIONS} iterations (min {:.1} ms, max {:.1} ms)",
            RUNS.div_ceil(PAGE as usize),
            median.as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

async fn list_all(
    store: &LocalStore,
    query: &RunQuery,
    by_offset: bool,
) -> Result<usize, Box<dyn Error>> {
    let mut token: Option<String> = None;
    let mut listed = 0;
    loop {
        let page = store.search_runs(query, token.as_deref()).await?;
        listed += page.runs.len();
        match page.next_page_token {
            Some(_) if by_offset => token = Some(token::encode(listed as u64)),
            Some(t) => token = Some(t),
            None => return Ok(listed),
        }
    }
}

/// The demo store's schema with none of its rows, then 10,000 runs.
fn build_store(path: &Path) -> Result<(), Box<dyn Error>> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo.db");
    Connection::open(&demo)?.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
    let mut conn = Connection::open(path)?;
    // Emptying tables in any order: the bundled sqlite enforces foreign keys by default.
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT IN ('alembic_version') AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let tx = conn.transaction()?;
    for t in &tables {
        tx.execute(&format!("DELETE FROM \"{t}\""), [])?;
    }
    tx.execute(
        "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, \
         creation_time, last_update_time, workspace) \
         VALUES (1, 'bench', '/tmp/bench', 'active', 1790000000000, 1790000000000, 'default')",
        [],
    )?;
    {
        let mut run = tx.prepare(
            "INSERT INTO runs (run_uuid, name, source_type, user_id, status, start_time, \
             end_time, lifecycle_stage, artifact_uri, experiment_id) \
             VALUES (?1, ?2, 'LOCAL', ?3, 'FINISHED', ?4, ?5, 'active', ?6, 1)",
        )?;
        let mut latest = tx.prepare(
            "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) \
             VALUES (?1, ?2, ?3, 99, 0, ?4)",
        )?;
        let mut metric = tx.prepare(
            "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) \
             VALUES (?1, ?2, ?3, ?4, 99, 0)",
        )?;
        let mut param =
            tx.prepare("INSERT INTO params (key, value, run_uuid) VALUES (?1, ?2, ?3)")?;
        let mut tag = tx.prepare("INSERT INTO tags (key, value, run_uuid) VALUES (?1, ?2, ?3)")?;
        for i in 0..RUNS {
            let id = format!("{i:032x}");
            let start = 1_790_000_000_000_i64 + i as i64 * 60_000;
            let name = format!("run-{i:05}");
            run.execute(params![
                id,
                name,
                ["alice", "bob", "chen", "dana"][i % 4],
                start,
                start + 3_600_000,
                format!("/tmp/bench/1/{id}/artifacts"),
            ])?;
            for m in 0..10 {
                let key = format!("metric_{m}");
                let value = ((i * 31 + m * 17) % 1000) as f64 / 1000.0;
                latest.execute(params![key, value, start + 3_000_000, id])?;
                metric.execute(params![key, value, start + 3_000_000, id])?;
            }
            for p in 0..5 {
                param.execute(params![
                    format!("param_{p}"),
                    format!("{}", (i + p) % 7),
                    id
                ])?;
            }
            for t in 0..4 {
                tag.execute(params![format!("tag_{t}"), format!("value-{}", i % 11), id])?;
            }
            tag.execute(params!["mlflow.runName", name, id])?;
        }
    }
    tx.commit()?;
    // The demo store is packed in 1 KiB pages; MLflow's own stores use sqlite's default 4 KiB.
    conn.execute_batch("PRAGMA page_size = 4096; VACUUM;")?;
    Ok(())
}

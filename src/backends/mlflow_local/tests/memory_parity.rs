//! The in-memory search (`store::run_search`) answers what the sqlite store answers over the same runs: every
//! filter and order of the recorded parity set (`tests/fixtures/mlflow_local/parity.json`,
//! recorded from a real `mlflow server`) over every run of the demo store.

use serde_json::Value as Json;

use super::demo_copy;
use crate::domain::{ExperimentId, Run};
use crate::store::query::token;
use crate::store::run_search::search;
use crate::store::{RunQuery, RunStore};

fn fixture() -> Json {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mlflow_local/parity.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every search and order of the parity set, as `(filter, order_by)`.
fn cases() -> Vec<(String, Vec<String>)> {
    let fx = fixture();
    fx["searches"]
        .as_array()
        .unwrap()
        .iter()
        .chain(fx["orders"].as_array().unwrap())
        .map(|case| {
            let order_by = case["order_by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect();
            (case["filter"].as_str().unwrap().to_owned(), order_by)
        })
        .collect()
}

fn query(filter: &str, order_by: Vec<String>, page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: (!filter.is_empty()).then(|| filter.to_owned()),
        order_by,
        page_size,
    }
}

fn ids(runs: &[Run]) -> Vec<&str> {
    runs.iter().map(|r| r.id.as_str()).collect()
}

/// Cases about data runs in memory do not carry (dataset inputs, artifact locations).
fn needs_sql_only_data(filter: &str) -> bool {
    filter.contains("datasets.") || filter.contains("artifact_uri")
}

#[tokio::test]
async fn filters_and_orders_answer_as_the_sqlite_store() {
    let (_dir, store) = demo_copy();
    let all = store
        .search_runs(&query("", vec![], 1000), None)
        .await
        .unwrap()
        .runs;
    assert!(all.len() > 50);
    let mut compared = 0;
    for (filter, order_by) in cases() {
        let filter = filter.as_str();
        if needs_sql_only_data(filter) {
            continue;
        }
        let q = query(filter, order_by, 1000);
        let want = store.search_runs(&q, None).await;
        let got = search(&all, &q, None);
        let label = format!("filter {filter:?}, order {:?}", q.order_by);
        match (got, want) {
            (Ok(g), Ok(w)) => assert_eq!(ids(&g.runs), ids(&w.runs), "{label}"),
            (Err(g), Err(w)) => assert_eq!(g, w, "{label}"),
            (g, w) => panic!("{label}: in memory {g:?}, sqlite {w:?}"),
        }
        compared += 1;
    }
    assert!(compared > 100, "{compared}");
}

#[tokio::test]
async fn pages_carry_tokens_naming_the_same_offset() {
    let (_dir, store) = demo_copy();
    let all = store
        .search_runs(&query("", vec![], 1000), None)
        .await
        .unwrap()
        .runs;
    let q = query(
        "metrics.val_auc > 0.5",
        vec!["metrics.val_auc DESC".into()],
        7,
    );
    let (mut token_sql, mut token_mem) = (None::<String>, None::<String>);
    loop {
        let w = store.search_runs(&q, token_sql.as_deref()).await.unwrap();
        let g = search(&all, &q, token_mem.as_deref()).unwrap();
        assert_eq!(ids(&g.runs), ids(&w.runs));
        // The sqlite store's tokens also name the last row's sort key (keyset).
        assert_eq!(
            token::decode(g.next_page_token.as_deref()),
            token::decode(w.next_page_token.as_deref())
        );
        if w.next_page_token.is_none() {
            break;
        }
        (token_sql, token_mem) = (w.next_page_token, g.next_page_token);
    }
}

/// A whole listing read in one pass (`stream_runs`) lists what paging lists, in the same
/// order, for every filter and order of the parity set; a refused filter is the same error.
#[tokio::test]
async fn one_pass_listings_list_what_pages_list() {
    let (_dir, store) = demo_copy();
    let mut compared = 0;
    for (filter, order_by) in cases() {
        let filter = filter.as_str();
        // Batches of 7 cross every page and batch boundary the demo store has.
        let q = query(filter, order_by, 7);
        let label = format!("filter {filter:?}, order {:?}", q.order_by);
        let mut paged = Vec::new();
        let mut token = None::<String>;
        let paged = loop {
            match store.search_runs(&q, token.as_deref()).await {
                Ok(page) => {
                    paged.extend(page.runs);
                    match page.next_page_token {
                        Some(t) => token = Some(t),
                        None => break Ok(paged),
                    }
                }
                Err(e) => break Err(e),
            }
        };
        let mut batches = store.stream_runs(&q).unwrap();
        let mut streamed = Vec::new();
        let mut failed = None;
        while let Some(batch) = batches.recv().await {
            match batch {
                Ok(b) => {
                    assert!(
                        !b.is_empty() && b.len() <= 7,
                        "{label}: a batch of {}",
                        b.len()
                    );
                    streamed.extend(b);
                }
                Err(e) => failed = Some(e),
            }
        }
        match (paged, failed) {
            (Ok(p), None) => {
                assert_eq!(ids(&streamed), ids(&p), "{label}");
                // Compared as text: a NaN metric is not equal to itself.
                assert!(
                    format!("{streamed:?}") == format!("{p:?}"),
                    "{label}: the runs' contents differ"
                );
            }
            (Err(p), Some(s)) => assert_eq!(s, p, "{label}"),
            (p, s) => panic!("{label}: paged {p:?}, streamed {s:?}"),
        }
        compared += 1;
    }
    assert!(compared > 100, "{compared}");
}

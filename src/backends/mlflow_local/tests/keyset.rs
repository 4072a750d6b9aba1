//! Keyset pages: a page token names the last row's sort key, and the next page starts after
//! it. Paging that way lists what one ordered pass lists, over a store whose sort keys tie
//! (equal start times, metric values and params), are missing (NULL start times, runs without
//! the metric) or NaN.

use rusqlite::Connection;

use super::demo_copy;
use crate::backends::mlflow_local::LocalStore;
use crate::domain::{ExperimentId, Run};
use crate::store::query::token;
use crate::store::{RunQuery, RunStore};

/// The demo store with its sort keys made to tie and go missing.
fn tied_store() -> (tempfile::TempDir, LocalStore) {
    let (dir, store) = demo_copy();
    let conn = Connection::open(dir.path().join("mlflow.db")).unwrap();
    conn.execute_batch(
        "UPDATE runs SET start_time = 1700000000000 + (rowid % 4) * 1000, \
                         end_time = CASE WHEN rowid % 5 = 0 THEN NULL ELSE 1700000009000 END; \
         UPDATE runs SET start_time = NULL WHERE rowid % 9 = 0; \
         UPDATE latest_metrics SET value = round(value, 1) WHERE key = 'val_auc'; \
         DELETE FROM latest_metrics WHERE key = 'val_auc' AND rowid % 7 = 0;",
    )
    .unwrap();
    drop(conn);
    (dir, store)
}

fn query(filter: Option<&str>, order_by: &[&str], page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: filter.map(str::to_owned),
        order_by: order_by.iter().map(|s| (*s).to_owned()).collect(),
        page_size,
    }
}

fn ids(runs: &[Run]) -> Vec<&str> {
    runs.iter().map(|r| r.id.as_str()).collect()
}

#[tokio::test]
async fn keyset_pages_list_what_one_pass_lists_when_sort_keys_tie() {
    let (_dir, store) = tied_store();
    let orders: &[&[&str]] = &[
        &[],
        &["attributes.start_time ASC"],
        &["attributes.start_time DESC"],
        &["attributes.end_time"],
        &["metrics.val_auc DESC"],
        &["metrics.val_auc ASC"],
        &["params.model_type", "metrics.val_auc DESC"],
        &["params.model_type DESC", "attributes.end_time DESC"],
        &["tags.baseline"],
        &["attributes.run_name DESC"],
        &["attributes.status", "params.learning_rate DESC"],
    ];
    let filters = [
        None,
        Some("metrics.val_auc > 0.5"),
        Some("params.seed != '1'"),
    ];
    for order in orders {
        for filter in filters {
            let whole = store
                .search_runs(&query(filter, order, 1000), None)
                .await
                .unwrap();
            assert_eq!(whole.next_page_token, None);
            for size in [1, 2, 3, 7] {
                let label = format!("order {order:?}, filter {filter:?}, pages of {size}");
                let q = query(filter, order, size);
                let mut paged = Vec::new();
                let mut token: Option<String> = None;
                loop {
                    let page = store.search_runs(&q, token.as_deref()).await.unwrap();
                    assert!(page.runs.len() <= size as usize, "{label}");
                    paged.extend(page.runs);
                    let Some(next) = page.next_page_token else {
                        break;
                    };
                    // The token names the last row (keyset) and still the offset (MLflow's).
                    assert!(
                        token::after(Some(&next), &token::order_mark(&q.order_by)).is_some(),
                        "{label}"
                    );
                    assert_eq!(
                        token::decode(Some(&next)),
                        Ok(paged.len() as u64),
                        "{label}"
                    );
                    token = Some(next);
                }
                assert_eq!(ids(&paged), ids(&whole.runs), "{label}");
            }
        }
    }
}

/// A token naming only an offset (what MLflow hands out) still finds its page.
#[tokio::test]
async fn offset_tokens_still_page() {
    let (_dir, store) = tied_store();
    let whole = store
        .search_runs(&query(None, &["metrics.val_auc DESC"], 1000), None)
        .await
        .unwrap();
    let page = store
        .search_runs(
            &query(None, &["metrics.val_auc DESC"], 10),
            Some(&token::encode(20)),
        )
        .await
        .unwrap();
    assert_eq!(ids(&page.runs), ids(&whole.runs[20..30]));
}

/// A keyset token from another order does not fit this one's terms: its offset is used.
#[tokio::test]
async fn a_token_from_another_order_pages_by_its_offset() {
    let (_dir, store) = tied_store();
    let first = store
        .search_runs(&query(None, &["params.model_type"], 5), None)
        .await
        .unwrap();
    let other = query(None, &[], 5);
    let whole = store
        .search_runs(&query(None, &[], 1000), None)
        .await
        .unwrap();
    let page = store
        .search_runs(&other, first.next_page_token.as_deref())
        .await
        .unwrap();
    assert_eq!(ids(&page.runs), ids(&whole.runs[5..10]));
    // An order with as many sort terms (a metric for a param): its key would fit the terms,
    // so only the token's order mark tells it apart.
    let by_metric = query(None, &["metrics.val_auc DESC"], 5);
    let whole = store
        .search_runs(&query(None, &["metrics.val_auc DESC"], 1000), None)
        .await
        .unwrap();
    let page = store
        .search_runs(&by_metric, first.next_page_token.as_deref())
        .await
        .unwrap();
    assert_eq!(ids(&page.runs), ids(&whole.runs[5..10]));
}

//! Side by side with a running `mlflow server` on the same file: the REST client and the
//! local store asked the same things must answer the same, and each must see the other's
//! writes. Ignored by default; run it against a server started on a copy of the demo store:
//!
//! ```sh
//! cp assets/demo/demo.db /tmp/live.db
//! MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false mlflow server --host 127.0.0.1 --port 5917 \
//!     --workers 1 --backend-store-uri sqlite:////tmp/live.db &
//! CLEARANCE_LIVE_MLFLOW=http://127.0.0.1:5917 CLEARANCE_LIVE_DB=/tmp/live.db \
//!     cargo test --lib mlflow_local::tests::live -- --ignored
//! ```
//!
//! The test writes to the store (an alias, a version tag, a run tag) and puts them back.

use super::normalize_sets;
use crate::backends::mlflow::{MlflowClient, MlflowSettings};
use crate::backends::mlflow_local::LocalStore;
use crate::backends::{BackendError, ModelRegistry, RunQuery, RunStore, Writer};
use crate::domain::{ExperimentId, RunId, VersionId};

fn backends() -> (MlflowClient, LocalStore) {
    let url = std::env::var("CLEARANCE_LIVE_MLFLOW").unwrap();
    let db = std::env::var("CLEARANCE_LIVE_DB").unwrap();
    let rest = MlflowClient::new(MlflowSettings::new(url.parse().unwrap())).unwrap();
    (rest, LocalStore::open(db).unwrap())
}

/// Results compare through `Debug`: NaN metrics are never `==`, but print the same.
fn same<T: std::fmt::Debug>(rest: &Result<T, BackendError>, local: &Result<T, BackendError>) {
    let show = |r: &Result<T, BackendError>| match r {
        Ok(v) => format!("{v:?}"),
        Err(e) => normalize_sets(&format!("{e:?}")),
    };
    pretty_assertions::assert_eq!(show(rest), show(local));
}

/// One test, so that the writes never run while the reads compare.
#[tokio::test]
#[ignore = "needs a running mlflow server: see the module docs"]
async fn rest_and_sqlite_agree_on_a_live_store() {
    reads_answer_the_same().await;
    each_backend_sees_the_others_writes().await;
}

async fn reads_answer_the_same() {
    let (rest, local) = backends();
    same(&rest.experiments().await, &local.experiments().await);
    let filters = [
        "",
        "metrics.val_auc > 0.95",
        "metrics.val_auc != 0.5",
        "params.model_type LIKE 'x%'",
        "params.model_type ILIKE 'X%'",
        "tags.mlflow.parentRunId IS NOT NULL",
        "attributes.run_name ILIKE '%sweep%'",
        "attributes.status != 'FINISHED'",
        "metrics.val_auc > 0.9 or params.a = 'b'",
        "params.lr > '0.1'",
        "attributes.foo = 'x'",
        "datasets.name = 'fraud-train'",
        "datasets.context = 'training'",
        "datasets.digest IN ('d0', 'd1')",
        "datasets.name LIKE 'fraud%' and datasets.context != 'eval'",
    ];
    let orders: [&[&str]; 5] = [
        &[],
        &["metrics.val_auc DESC"],
        &["params.learning_rate", "metrics.val_loss"],
        &["attributes.end_time"],
        &["metrics.val_auc DOWN"],
    ];
    for filter in filters {
        for order in orders {
            for page_size in [7, 1000] {
                let q = RunQuery {
                    experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
                    filter: Some(filter.to_owned()),
                    order_by: order.iter().map(|o| (*o).to_owned()).collect(),
                    page_size,
                };
                let first_rest = rest.search_runs(&q, None).await;
                same(&first_rest, &local.search_runs(&q, None).await);
                if let Ok(page) = first_rest
                    && let Some(token) = page.next_page_token
                {
                    same(
                        &rest.search_runs(&q, Some(&token)).await,
                        &local.search_runs(&q, Some(&token)).await,
                    );
                }
            }
        }
    }
    let all = local
        .search_runs(
            &RunQuery {
                experiment_ids: ["1", "2"].map(ExperimentId::from).to_vec(),
                page_size: 1000,
                ..RunQuery::default()
            },
            None,
        )
        .await
        .unwrap()
        .runs;
    let ids: Vec<RunId> = all.iter().map(|r| r.id.clone()).collect();
    for id in ids.iter().take(6) {
        same(&rest.run(id).await, &local.run(id).await);
        for key in ["val_loss", "psi_amount", "nope"] {
            same(
                &rest.metric_history(id, key).await,
                &local.metric_history(id, key).await,
            );
        }
    }
    let unknown = RunId::from("0123456789abcdef0123456789abcdef");
    same(&rest.run(&unknown).await, &local.run(&unknown).await);
    for key in ["val_loss", "val_auc", "psi_amount", "latency_p95_ms"] {
        for max in [1, 3, 10, 25, 2500] {
            same(
                &rest.sampled_histories(&ids, key, max).await,
                &local.sampled_histories(&ids, key, max).await,
            );
        }
    }
    same(&rest.models().await, &local.models().await);
    for name in ["fraud-classifier", "churn-model", "nope"] {
        same(&rest.model(name).await, &local.model(name).await);
    }
}

async fn each_backend_sees_the_others_writes() {
    let (rest, local) = backends();
    let v = VersionId::from;
    // Local writes, REST reads.
    local
        .move_alias("churn-model", "production", Some(&v("2")), &v("3"))
        .await
        .unwrap();
    let seen = rest.model("churn-model").await.unwrap();
    assert_eq!(seen.aliases.get("production"), Some(&v("3")));
    // REST writes, local reads; a stale compare-and-set fails on both.
    rest.move_alias("churn-model", "production", Some(&v("3")), &v("2"))
        .await
        .unwrap();
    assert_eq!(
        local
            .model("churn-model")
            .await
            .unwrap()
            .aliases
            .get("production"),
        Some(&v("2"))
    );
    same(
        &rest
            .move_alias("churn-model", "production", Some(&v("3")), &v("1"))
            .await,
        &local
            .move_alias("churn-model", "production", Some(&v("3")), &v("1"))
            .await,
    );
    same(
        &rest
            .move_alias("churn-model", "production", Some(&v("2")), &v("99"))
            .await,
        &local
            .move_alias("churn-model", "production", Some(&v("2")), &v("99"))
            .await,
    );
    // Tags, both ways.
    local
        .set_version_tag("churn-model", &v("3"), "live_check", "local")
        .await
        .unwrap();
    assert_eq!(
        rest.model("churn-model")
            .await
            .unwrap()
            .version(&v("3"))
            .unwrap()
            .tags["live_check"],
        "local"
    );
    rest.delete_version_tag("churn-model", &v("3"), "live_check")
        .await
        .unwrap();
    same(
        &rest.model("churn-model").await,
        &local.model("churn-model").await,
    );
    let run = rest.model("churn-model").await.unwrap().versions[0]
        .run_id
        .clone()
        .unwrap();
    local.set_run_tag(&run, "live_check", "x").await.unwrap();
    assert_eq!(rest.run(&run).await.unwrap().tags["live_check"], "x");
    rest.delete_run_tag(&run, "live_check").await.unwrap();
    same(&rest.run(&run).await, &local.run(&run).await);
    same(
        &rest.set_run_tag(&run, "bad*key", "x").await,
        &local.set_run_tag(&run, "bad*key", "x").await,
    );
}

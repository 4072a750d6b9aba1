//! Parity with a real `mlflow server` (3.17.2) over the same demo store: its answers were
//! recorded by `tests/fixtures/mlflow_local/parity.py` into `parity.json`, and each is
//! compared here with what `LocalStore` answers, mapped as the REST client maps them.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::demo_copy;
use crate::backends::mlflow_local::LocalStore;
use crate::domain::run::time_from_ms;
use crate::domain::{ExperimentId, MetricPoint, Run, RunId};
use crate::store::query::filter::tests::normalize_sets;
use crate::store::query::token;
use crate::store::{BackendError, ModelRegistry, RunQuery, RunStore};

fn fixture() -> Json {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mlflow_local/parity.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// An experiment as compared: id, name, last change, tags.
type ExperimentRow = (String, String, Option<i64>, BTreeMap<String, String>);

fn strings(v: &Json) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// A metric value as the REST client reads it: `"NaN"` is NaN, ±`f64::MAX` is ±infinity.
fn value(v: &Json) -> f64 {
    let x = match v {
        Json::String(s) if s == "NaN" => f64::NAN,
        Json::String(s) if s == "Infinity" => f64::INFINITY,
        Json::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        other => other.as_f64().unwrap(),
    };
    if x == f64::MAX {
        f64::INFINITY
    } else if x == f64::MIN {
        f64::NEG_INFINITY
    } else {
        x
    }
}

fn same_value(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

fn kv(v: &Json) -> BTreeMap<String, String> {
    v.as_array()
        .map(|items| {
            items
                .iter()
                .map(|kv| {
                    (
                        kv["key"].as_str().unwrap().to_owned(),
                        kv["value"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn query(filter: &str, order_by: Vec<String>, page_size: u32) -> RunQuery {
    RunQuery {
        experiment_ids: ["1", "2", "3", "4"].map(ExperimentId::from).to_vec(),
        filter: (!filter.is_empty()).then(|| filter.to_owned()),
        order_by,
        page_size,
    }
}

fn ids(runs: &[Run]) -> Vec<String> {
    runs.iter().map(|r| r.id.as_str().to_owned()).collect()
}

/// One recorded search: the same run ids in the same order, or the message the REST client
/// would show for the server's error.
async fn check_search(store: &LocalStore, case: &Json) {
    let filter = case["filter"].as_str().unwrap();
    let order_by = strings(&case["order_by"]);
    let got = store
        .search_runs(&query(filter, order_by.clone(), 1000), None)
        .await;
    let label = format!("filter {filter:?}, order {order_by:?}");
    if let Some(want) = case.get("run_ids") {
        let page = got.unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(ids(&page.runs), strings(want), "{label}");
        assert_eq!(page.next_page_token, None, "{label}");
        return;
    }
    let message = case["error"].as_str().unwrap();
    let trimmed = filter.trim();
    let want = if trimmed.is_empty() {
        format!(
            "the order '{}' was rejected: {message}",
            order_by.join(", ")
        )
    } else {
        format!("the filter '{trimmed}' was rejected: {message}")
    };
    match got {
        Err(BackendError::InvalidRequest(m)) => {
            assert_eq!(normalize_sets(&m), normalize_sets(&want), "{label}");
        }
        other => panic!("{label}: expected {want:?}, got {other:?}"),
    }
}

#[tokio::test]
async fn searches_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    for case in fx["searches"].as_array().unwrap() {
        check_search(&store, case).await;
    }
}

#[tokio::test]
async fn orders_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    for case in fx["orders"].as_array().unwrap() {
        check_search(&store, case).await;
    }
}

#[tokio::test]
async fn pages_and_tokens_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    for case in fx["pages"].as_array().unwrap() {
        let size = u32::try_from(case["page_size"].as_u64().unwrap()).unwrap();
        let q = query("", strings(&case["order_by"]), size);
        let mut token: Option<String> = None;
        for want in case["pages"].as_array().unwrap() {
            let page = store.search_runs(&q, token.as_deref()).await.unwrap();
            assert_eq!(ids(&page.runs), strings(&want["run_ids"]));
            // The same offset as the server's token; the next page is asked for with the
            // store's own token, which also names the last row (keyset).
            let want_token = want["next_page_token"].as_str();
            assert_eq!(page.next_page_token.is_some(), want_token.is_some());
            assert_eq!(
                token::decode(page.next_page_token.as_deref()),
                token::decode(want_token)
            );
            token = page.next_page_token;
        }
    }
}

#[tokio::test]
async fn every_run_maps_as_the_rest_client_maps_it() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    let want = fx["all_runs"].as_array().unwrap();
    let got = store
        .search_runs(&query("", vec![], 1000), None)
        .await
        .unwrap();
    assert_eq!(got.runs.len(), want.len());
    for (run, dto) in got.runs.iter().zip(want) {
        let info = &dto["info"];
        assert_eq!(run.id.as_str(), info["run_id"].as_str().unwrap());
        assert_eq!(
            run.experiment_id.as_str(),
            info["experiment_id"].as_str().unwrap()
        );
        assert_eq!(run.name, info["run_name"].as_str().unwrap_or_default());
        assert_eq!(run.user, info["user_id"].as_str().unwrap_or_default());
        assert_eq!(run.status.as_str(), info["status"].as_str().unwrap());
        assert_eq!(
            run.start_time,
            info["start_time"].as_i64().and_then(time_from_ms)
        );
        assert_eq!(
            run.end_time,
            info["end_time"].as_i64().and_then(time_from_ms)
        );
        assert_eq!(
            format!("{:?}", run.lifecycle).to_lowercase(),
            info["lifecycle_stage"].as_str().unwrap()
        );
        assert_eq!(run.params, kv(&dto["data"]["params"]).into_iter().collect());
        assert_eq!(run.tags, kv(&dto["data"]["tags"]).into_iter().collect());
        let metrics = dto["data"]["metrics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(run.metrics.len(), metrics.len(), "{}", run.name);
        for m in metrics {
            let latest = &run.metrics[m["key"].as_str().unwrap()];
            assert!(same_value(latest.value, value(&m["value"])), "{}", run.name);
            assert_eq!(latest.step, m["step"].as_i64().unwrap());
            assert_eq!(latest.timestamp, m["timestamp"].as_i64().unwrap());
        }
        // run() answers the same run.
        let one = store.run(&run.id).await.unwrap();
        assert_eq!(one.id, run.id);
        assert_eq!(one.tags, run.tags);
    }
}

fn points(metrics: &[Json]) -> Vec<MetricPoint> {
    metrics
        .iter()
        .map(|m| MetricPoint {
            step: m["step"].as_i64().unwrap(),
            timestamp: m["timestamp"].as_i64().unwrap(),
            value: value(&m["value"]),
        })
        .collect()
}

fn assert_points(got: &[MetricPoint], want: &[MetricPoint], label: &str) {
    assert_eq!(got.len(), want.len(), "{label}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.step, g.timestamp), (w.step, w.timestamp), "{label}");
        assert!(same_value(g.value, w.value), "{label}: {g:?} vs {w:?}");
    }
}

#[tokio::test]
async fn sampled_histories_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    for case in fx["histories"].as_array().unwrap() {
        let key = case["key"].as_str().unwrap();
        let runs: Vec<RunId> = strings(&case["run_ids"])
            .into_iter()
            .map(RunId::new)
            .collect();
        let max = u32::try_from(case["max_results"].as_u64().unwrap()).unwrap();
        let got = store.sampled_histories(&runs, key, max).await.unwrap();
        // What the REST client makes of the answer: points by run, sorted by step.
        let mut want: BTreeMap<RunId, Vec<Json>> = BTreeMap::new();
        for m in case["metrics"].as_array().unwrap() {
            want.entry(RunId::new(m["run_id"].as_str().unwrap()))
                .or_default()
                .push(m.clone());
        }
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{key} max {max}"
        );
        for (run, metrics) in want {
            let mut expected = points(&metrics);
            expected.sort_by_key(|p| (p.step, p.timestamp));
            assert_points(&got[&run], &expected, &format!("{key} max {max} {run}"));
        }
    }
}

#[tokio::test]
async fn full_histories_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    for case in fx["full_histories"].as_array().unwrap() {
        let run = RunId::new(case["run_id"].as_str().unwrap());
        let key = case["key"].as_str().unwrap();
        let got = store.metric_history(&run, key).await.unwrap();
        let mut want = points(case["metrics"].as_array().unwrap());
        want.sort_by_key(|p| (p.step, p.timestamp));
        assert_points(&got, &want, key);
    }
}

#[tokio::test]
async fn experiments_match_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    let mut want: Vec<ExperimentRow> = fx["experiments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["experiment_id"].as_str().unwrap().to_owned(),
                e["name"].as_str().unwrap().to_owned(),
                e["last_update_time"]
                    .as_i64()
                    .or_else(|| e["creation_time"].as_i64()),
                kv(&e["tags"]),
            )
        })
        .collect();
    // The REST client's order: newest change first, then name.
    want.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let got: Vec<_> = store
        .experiments()
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.id.0, e.name, e.last_update_ms, e.tags))
        .collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn the_registry_matches_the_server() {
    let (_dir, store) = demo_copy();
    let fx = fixture();
    let models = store.models().await.unwrap();
    let want_models = fx["registered_models"].as_array().unwrap();
    assert_eq!(models.len(), want_models.len());
    for (m, dto) in models.iter().zip(want_models) {
        assert_eq!(m.name, dto["name"].as_str().unwrap());
        assert_eq!(
            m.description,
            dto["description"].as_str().unwrap_or_default()
        );
        assert_eq!(m.tags, kv(&dto["tags"]));
        assert_eq!(
            m.updated,
            dto["last_updated_timestamp"]
                .as_i64()
                .and_then(time_from_ms)
        );
        let aliases: BTreeMap<String, String> = dto["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["alias"].as_str().unwrap().to_owned(),
                    a["version"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let got: BTreeMap<String, String> = m
            .aliases
            .iter()
            .map(|(a, v)| (a.clone(), v.as_str().to_owned()))
            .collect();
        assert_eq!(got, aliases);
    }
    let versions = fx["model_versions"].as_array().unwrap();
    let count: usize = models.iter().map(|m| m.versions.len()).sum();
    assert_eq!(count, versions.len());
    for dto in versions {
        let model = models
            .iter()
            .find(|m| m.name == dto["name"].as_str().unwrap())
            .unwrap();
        let v = model
            .version(&dto["version"].as_str().unwrap().into())
            .unwrap();
        assert_eq!(v.status, dto["status"].as_str().unwrap());
        assert_eq!(v.source, dto["source"].as_str().unwrap_or_default());
        assert_eq!(
            v.description,
            dto["description"].as_str().unwrap_or_default()
        );
        assert_eq!(v.user, dto["user_id"].as_str().unwrap_or_default());
        assert_eq!(
            v.run_id.as_ref().map(RunId::as_str),
            dto["run_id"].as_str().filter(|s| !s.is_empty())
        );
        let stage = dto["current_stage"].as_str().unwrap_or_default();
        assert_eq!(
            v.stage.as_deref(),
            (!stage.is_empty() && stage != "None").then_some(stage)
        );
        assert_eq!(
            v.created,
            dto["creation_timestamp"].as_i64().and_then(time_from_ms)
        );
        assert_eq!(v.tags, kv(&dto["tags"]));
    }
}

#[test]
fn set_normalization_sorts_python_sets() {
    assert_eq!(
        normalize_sets("not one of '{'>', '<', '='}' or {'b', 'a'}"),
        "not one of '{'<', '=', '>'}' or {'a', 'b'}"
    );
}

/// The rows of a table dump, as JSON values (what `parity_writes.py` recorded).
fn dump(path: &std::path::Path, sql: &str) -> Vec<Json> {
    use rusqlite::types::ValueRef;
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(r) = rows.next().unwrap() {
        let row: Vec<Json> = (0..width)
            .map(|i| match r.get_ref(i).unwrap() {
                ValueRef::Null => Json::Null,
                ValueRef::Integer(n) => Json::from(n),
                ValueRef::Real(x) => Json::from(x),
                ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => panic!("no blobs here"),
            })
            .collect();
        out.push(Json::Array(row));
    }
    out
}

#[tokio::test]
async fn writes_leave_the_rows_the_server_leaves() {
    use crate::store::Writer;
    let (_dir, store) = demo_copy();
    let fx: Json = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/mlflow_local/parity_writes.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for w in fx["writes"].as_array().unwrap() {
        let b = &w["body"];
        let s = |k: &str| b[k].as_str().unwrap_or_default().to_owned();
        let result = match (
            w["method"].as_str().unwrap(),
            w["endpoint"].as_str().unwrap(),
        ) {
            ("POST", "registered-models/alias") => {
                let current = store
                    .model(&s("name"))
                    .await
                    .unwrap()
                    .aliases
                    .get(&s("alias"))
                    .cloned();
                store
                    .move_alias(
                        &s("name"),
                        &s("alias"),
                        current.as_ref(),
                        &s("version").as_str().into(),
                    )
                    .await
            }
            ("DELETE", "registered-models/alias") => {
                store.delete_alias(&s("name"), &s("alias")).await
            }
            ("POST", "model-versions/set-tag") => {
                store
                    .set_version_tag(
                        &s("name"),
                        &s("version").as_str().into(),
                        &s("key"),
                        &s("value"),
                    )
                    .await
            }
            ("DELETE", "model-versions/delete-tag") => {
                store
                    .delete_version_tag(&s("name"), &s("version").as_str().into(), &s("key"))
                    .await
            }
            ("POST", "runs/set-tag") => {
                store
                    .set_run_tag(&RunId::new(s("run_id")), &s("key"), &s("value"))
                    .await
            }
            ("POST", "runs/delete-tag") => {
                store
                    .delete_run_tag(&RunId::new(s("run_id")), &s("key"))
                    .await
            }
            other => panic!("no such write in the fixture: {other:?}"),
        };
        result.unwrap_or_else(|e| panic!("{w}: {e}"));
    }
    for (table, sql) in fx["dumps"].as_object().unwrap() {
        let want = fx["tables"][table].as_array().unwrap();
        assert_eq!(&dump(store.path(), sql.as_str().unwrap()), want, "{table}");
    }
}

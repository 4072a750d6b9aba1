//! The local sqlite backend against a real server's own file: the same CLI output over REST and
//! over the file, both working at once on one store, and clear refusals for files it cannot use.

use std::path::Path;
use std::time::Duration;

use pretty_assertions::assert_eq;

use crate::support::{self, Clearance, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

/// A store worth comparing: NaN and infinities, nested and unicode runs, params, tags, a
/// baseline, a registered model with aliases and version tags.
async fn seed_rich(seed: &Seeder) {
    let exp = seed.experiment("parity-fraud").tag("team", "risk-ml").await;
    let base = seed
        .run(&exp)
        .name("baseline")
        .start_time(T0)
        .tag("baseline", "true")
        .param("max_depth", "6")
        .metric_history("val_auc", &[0.90, 0.93, 0.951])
        .metric("latency_p95_ms", 38.0)
        .finished()
        .await;
    let parent = seed
        .run(&exp)
        .name("sweep")
        .start_time(T0 + 1000)
        .finished()
        .await;
    let child = seed
        .run(&exp)
        .name("sweep/t1-ünïcode-模型")
        .start_time(T0 + 2000)
        .parent(&parent)
        .param("max_depth", "8")
        .metric_history("val_auc", &[0.91, 0.957])
        .metric("latency_p95_ms", 47.0)
        .finished()
        .await;
    seed.run(&exp)
        .name("diverged")
        .start_time(T0 + 3000)
        .metric_history("loss", &[0.5, f64::NAN])
        .metric_history("grad", &[1.0, f64::INFINITY])
        .metric_history("log_prob", &[-1.0, f64::NEG_INFINITY])
        .failed()
        .await;
    let other = seed.experiment("parity-churn").await;
    seed.run(&other)
        .name("lgbm")
        .start_time(T0 + 4000)
        .metric("val_auc", 0.86)
        .finished()
        .await;
    let m = seed.model("parity-model").await;
    seed.version(&m, &base)
        .alias("production")
        .tag("validation_status", "approved")
        .await;
    seed.version(&m, &child)
        .alias("staging")
        .alias("challenger")
        .await;
}

async fn fresh_seeded() -> (tempfile::TempDir, support::server::MlflowServer) {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    seed_rich(&server.seed()).await;
    (store, server)
}

fn sqlite_uri(path: &Path) -> String {
    format!("sqlite:///{}", path.display())
}

#[tokio::test]
async fn the_same_json_comes_out_of_both_backends() {
    let (_store, server) = fresh_seeded().await;
    let rest = Clearance::new(server.url());
    let local = Clearance::new(&sqlite_uri(&server.db_path()));
    for args in [
        &["runs", "--json"][..],
        &[
            "runs",
            "--experiment",
            "parity-fraud",
            "--filter",
            "metrics.val_auc > 0.92",
            "--json",
        ][..],
        &["models", "--json"][..],
        &["diff", "parity-model", "--format", "json"][..],
        &["history", "parity-model", "--json"][..],
    ] {
        let (a, b) = (rest.run(args).await, local.run(args).await);
        a.expect_code(0);
        b.expect_code(0);
        assert_eq!(
            a.stdout, b.stdout,
            "clearance {args:?} differs between REST and the file"
        );
    }
    // Spot-check that the comparison covered the hard cases.
    let runs = local.run(&["runs", "--json"]).await.json();
    let diverged = runs["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "diverged")
        .unwrap();
    assert_eq!(diverged["metrics"]["loss"], "NaN");
    assert_eq!(diverged["metrics"]["grad"], "Infinity");
    assert_eq!(diverged["metrics"]["log_prob"], "-Infinity");
}

#[tokio::test]
async fn the_file_and_the_server_work_on_one_store_at_once() {
    let (_store, server) = fresh_seeded().await;
    let uri = sqlite_uri(&server.db_path());
    let local = Clearance::new(&uri);
    std::fs::write(local.home().join("config.toml"), "user = \"Ann\"\n").unwrap();
    let rest = Clearance::new(server.url());
    // The server keeps writing metrics while the file is read and written directly.
    let seed = server.seed();
    let exp = seed.experiment("parity-busy").await;
    let busy = seed.run(&exp).name("busy").start_time(T0).await;
    let writer = async {
        for step in 0..60 {
            seed.post(
                "runs/log-batch",
                &serde_json::json!({"run_id": busy.id, "metrics": [{
                    "key": "loss", "value": 1.0 / f64::from(step + 1), "timestamp": T0 + i64::from(step), "step": step
                }]}),
            )
            .await;
        }
    };
    let reads = async {
        for _ in 0..5 {
            local.run(&["runs", "--json"]).await.expect_code(0);
            local.run(&["models", "--json"]).await.expect_code(0);
        }
    };
    let promote = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        local
            .run(&["promote", "parity-model", "@staging", "--yes"])
            .await
    };
    let ((), (), promoted) = tokio::join!(writer, reads, promote);
    promoted.expect_code(0);
    assert!(
        promoted.stdout.contains("done: production: v1 → v2"),
        "{}",
        promoted.stdout
    );
    // Both sides agree on the result, and the server saw every metric.
    let (a, b) = (
        rest.run(&["models", "--json"]).await,
        local.run(&["models", "--json"]).await,
    );
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stdout.contains("\"production\""));
    let model = a.json();
    let v2 = &model["models"][0]["versions"][0];
    assert_eq!(
        (v2["version"].as_str(), v2["aliases"][0].as_str()),
        (Some("2"), Some("challenger"))
    );
    assert!(
        v2["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "production")
    );
    let history = rest
        .run(&["history", "parity-model", "--json"])
        .await
        .json();
    assert_eq!(
        history["events"][0]["by"], "Ann",
        "the server sees the record the file wrote"
    );
    let runs = rest
        .run(&["runs", "--experiment", "parity-busy", "--json"])
        .await
        .json();
    assert_eq!(runs["runs"][0]["metrics"]["loss"], 1.0 / 60.0);
}

fn with_revision(db: &Path, revision: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(db, dir.path().join("mlflow.db")).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("mlflow.db")).unwrap();
    conn.execute("UPDATE alembic_version SET version_num = ?1", [revision])
        .unwrap();
    dir
}

#[tokio::test]
async fn an_unknown_schema_opens_read_only_and_says_why() {
    let (_store, server) = fresh_seeded().await;
    let db = server.db_path();
    let server = tokio::task::spawn_blocking(move || {
        server.stop();
        server
    })
    .await
    .unwrap();
    let copy = with_revision(&db, "ffffffffffff");
    let cli = Clearance::new(&sqlite_uri(&copy.path().join("mlflow.db")));
    let runs = cli.run(&["runs", "--json"]).await;
    runs.expect_code(0);
    assert_eq!(
        runs.json()["runs"].as_array().unwrap().len(),
        5,
        "reads still work"
    );
    let promote = cli
        .run(&["promote", "parity-model", "@staging", "--yes"])
        .await;
    promote.expect_code(1);
    assert!(
        promote.stderr.contains("read-only here"),
        "{}",
        promote.stderr
    );
    assert!(
        promote.stderr.contains("ffffffffffff"),
        "the reason names the revision: {}",
        promote.stderr
    );
    drop(server);
}

#[tokio::test]
async fn missing_and_foreign_files_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let out = Clearance::new(missing.to_str().unwrap())
        .run(&["runs"])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains("nope.db") && out.stderr.to_lowercase().contains("no such file"),
        "{}",
        out.stderr
    );

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are not the runs you are looking for").unwrap();
    let out = Clearance::new(text.to_str().unwrap()).run(&["runs"]).await;
    out.expect_code(2);
    assert!(out.stderr.contains("notes.db"), "{}", out.stderr);

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let out = Clearance::new(other.to_str().unwrap())
        .run(&["models"])
        .await;
    out.expect_code(2);
    assert!(
        out.stderr.contains("other.db") && out.stderr.contains("MLflow"),
        "{}",
        out.stderr
    );
}

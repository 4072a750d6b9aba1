//! No lost update over MLflow's REST API, which has no conditional alias write: real
//! `clearance` processes racing each other on one real server (the lease excludes them), and
//! another client's move forced into clearance's write window by the fault proxy (detected,
//! never reported as done), for `promote` and for CI's `apply`; an expired lease of a crashed
//! holder is taken over and nothing is left behind.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clearance::domain::promotion::{AuditEntry, EVENT_TAG_PREFIX};
use clearance::store::ModelRegistry;
use pretty_assertions::assert_eq;
use serde_json::json;

use crate::support::proxy::Proxy;
use crate::support::{self, Clearance, SeededRun, Seeder};

/// The alias write, as the proxy matches it.
const ALIAS_WRITE: &str = "/api/2.0/mlflow/registered-models/alias";

/// Four runs, one per version to come.
async fn runs(seed: &Seeder, name: &str) -> Vec<SeededRun> {
    let exp = seed.experiment(&format!("{name}-exp")).await;
    let mut out = Vec::new();
    for i in 1..=4 {
        let run = seed
            .run(&exp)
            .name(&format!("{name}-run{i}"))
            .metric("val_auc", 0.9 + f64::from(i) / 100.0)
            .finished()
            .await;
        out.push(run);
    }
    out
}

/// `name` with v1..v4 from `runs` and `@production` on `production`.
async fn model_of(seed: &Seeder, runs: &[SeededRun], name: &str, production: &str) {
    let m = seed.model(name).await;
    for run in runs {
        let v = seed.version(&m, run).await;
        if v.version == production {
            seed.set_alias(&v, "production").await;
        }
    }
}

/// `name` with v1..v4 from runs of its own and `@production` on `production`.
async fn model(seed: &Seeder, name: &str, production: &str) {
    model_of(seed, &runs(seed, name).await, name, production).await;
}

async fn production(name: &str) -> Option<String> {
    let m = support::shared().client().model(name).await.unwrap();
    m.aliases.get("production").map(|v| v.as_str().to_owned())
}

/// The audit records on the model's versions, as (from, to).
async fn recorded(name: &str) -> Vec<(Option<String>, String)> {
    let m = support::shared().client().model(name).await.unwrap();
    let mut out: Vec<(Option<String>, String)> = m
        .versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with(EVENT_TAG_PREFIX))
        .map(|(_, json)| serde_json::from_str::<AuditEntry>(json).unwrap())
        .map(|e| (e.from, e.to))
        .collect();
    out.sort();
    out
}

/// Registered models whose name starts with `clearance.lease.` (leases and their graves).
async fn leases(seed: &Seeder, of: &str) -> Vec<String> {
    let filter = format!("name LIKE 'clearance.lease.{of}%'");
    let found = seed
        .get(
            "registered-models/search",
            &[("filter", filter.as_str()), ("max_results", "1000")],
        )
        .await;
    found["registered_models"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .map(|m| m["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// `done: production: v3 → v4 (...)` → ("3", "4").
fn done_move(stdout: &str) -> Option<(String, String)> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("done: production: "))?;
    let rest = line.strip_prefix("done: production: v")?;
    let (from, rest) = rest.split_once(" → v")?;
    let to = rest.split_whitespace().next()?;
    Some((from.to_owned(), to.to_owned()))
}

/// 100 pairs of `promote M 4` and `promote M 2` started together against one server, each pair
/// on its own model with production on v3. Whatever the interleaving, the moves that say
/// `done` must be exactly the moves that happened: one move from v3, or two moves chained
/// (the second from where the first left it); the alias ends where the last one put it; the
/// records say the same; the other process refused, naming the moved alias. On main, both
/// said `done ... v3 → vX` in 10-40 % of pairs, one move silently lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_racing_promotion_pairs_lose_no_move_and_claim_nothing_false() {
    const PAIRS: usize = 100;
    const AT_ONCE: usize = 6;
    let server = support::shared();
    let seed = server.seed();
    let names: Vec<String> = (0..PAIRS).map(|i| format!("race-pair-{i:03}")).collect();
    let shared_runs = runs(&seed, "race-pairs").await;
    for name in &names {
        model_of(&seed, &shared_runs, name, "3").await;
    }
    let gate = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut pairs = Vec::new();
    for name in names.clone() {
        let gate = Arc::clone(&gate);
        let url = server.url().to_owned();
        pairs.push(tokio::spawn(async move {
            let _slot = gate.acquire().await.unwrap();
            let (a, b) = (Clearance::new(&url), Clearance::new(&url));
            let (args4, args2) = (
                ["promote", name.as_str(), "4", "--yes"],
                ["promote", name.as_str(), "2", "--yes"],
            );
            let (out4, out2) = tokio::join!(a.run(&args4), b.run(&args2));
            (name, out4, out2)
        }));
    }
    let mut both_done = 0;
    for pair in pairs {
        let (name, out4, out2) = pair.await.unwrap();
        let mut dones = Vec::new();
        for out in [&out4, &out2] {
            let mv = done_move(&out.stdout);
            match out.code {
                0 => {
                    dones
                        .push(mv.unwrap_or_else(|| panic!("{name}: exit 0 without done: {out:?}")));
                }
                1 => {
                    assert!(mv.is_none(), "{name}: done and exit 1: {out:?}");
                    assert!(
                        out.stderr
                            .starts_with("refused, nothing changed: @production of")
                            || out.stderr.starts_with("refused: @production of"),
                        "{name}: a loser is refused for the moved alias: {out:?}"
                    );
                }
                _ => panic!("{name}: {out:?}"),
            }
        }
        // The moves that said done, in the order they chain from v3.
        dones.sort_by_key(|(from, _)| from != "3");
        assert!(!dones.is_empty(), "{name}: nobody moved: {out4:?} {out2:?}");
        assert_eq!(dones[0].0, "3", "{name}: {dones:?}");
        if let [first, second] = dones.as_slice() {
            both_done += 1;
            assert_eq!(
                second.0, first.1,
                "{name}: two moves from v3 means one was lost: {dones:?}"
            );
        }
        let last = &dones[dones.len() - 1].1;
        assert_eq!(production(&name).await.as_ref(), Some(last), "{name}");
        let mut expected: Vec<(Option<String>, String)> = dones
            .iter()
            .map(|(f, t)| (Some(f.clone()), t.clone()))
            .collect();
        expected.sort();
        assert_eq!(recorded(&name).await, expected, "{name}: the records");
    }
    assert_eq!(leases(&seed, "race-pair-").await, Vec::<String>::new());
    eprintln!("{both_done} of {PAIRS} pairs moved twice, in order");
}

/// Waits until the proxy holds a request, up to 30 s.
async fn until_held(proxy: &Proxy) {
    let start = Instant::now();
    while proxy.held() == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "nothing was held"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Another client moves production while clearance's own alias write is held in the proxy:
/// clearance's move lands after it and overwrites it. The store cannot tell afterwards, but
/// clearance watched the alias while its write was in flight: a conflict, exit 1, never done,
/// nothing recorded.
#[tokio::test]
async fn a_move_by_another_client_while_the_write_is_in_flight_is_a_conflict() {
    let server = support::shared();
    let seed = server.seed();
    model(&seed, "race-held", "1").await;
    let proxy = Proxy::start(server.url());
    proxy.hold("POST", ALIAS_WRITE, Duration::from_millis(1500));
    let cli = Clearance::new(&proxy.url());
    let promote = cli.run(&["promote", "race-held", "2", "--yes"]);
    let other = async {
        until_held(&proxy).await;
        seed.post(
            "registered-models/alias",
            &json!({"name": "race-held", "alias": "production", "version": "3"}),
        )
        .await;
    };
    let (out, ()) = tokio::join!(promote, other);
    out.expect_code(1);
    assert!(!out.stdout.contains("done"), "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "conflict: @production of 'race-held': another writer moved it to v3 while clearance's \
         move v1 → v2 was in flight, and clearance's move landed after it: it now points at v2, \
         and the other move is lost; nothing was recorded as done: check which version belongs \
         there\n"
    );
    assert_eq!(production("race-held").await.as_deref(), Some("2"));
    assert_eq!(recorded("race-held").await, vec![]);
    let log = std::fs::read_to_string(cli.home().join("data/audit.jsonl")).unwrap_or_default();
    assert_eq!(log, "", "nothing in the local log");
    assert_eq!(leases(&seed, "race-held").await, Vec::<String>::new());
}

/// CI's `apply` holds the same guarantee: another client moves production right after
/// clearance's write landed, before clearance reads it back (the read-back is held in the
/// proxy): a conflict naming where production points now, exit 1.
#[tokio::test]
async fn apply_reports_a_move_made_right_after_its_write_as_a_conflict() {
    let server = support::shared();
    let seed = server.seed();
    model(&seed, "race-apply", "1").await;
    let proxy = Proxy::start(server.url());
    proxy.hold("POST", ALIAS_WRITE, Duration::from_millis(500));
    let cli = Clearance::new(&proxy.url());
    let file = cli.write_config(
        "models.toml",
        "[models.race-apply]\nversion = \"2\"\nprevious = \"1\"\napproved_by = \"Ann\"\n",
    );
    let args = ["apply", file.to_str().unwrap()];
    let apply = cli.run(&args);
    let other = async {
        until_held(&proxy).await;
        // Every read of the model from now on waits: the read-back comes after our move.
        proxy.hold(
            "GET",
            "/api/2.0/mlflow/registered-models/get",
            Duration::from_secs(2),
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        seed.post(
            "registered-models/alias",
            &json!({"name": "race-apply", "alias": "production", "version": "3"}),
        )
        .await;
        proxy.release();
    };
    let (out, ()) = tokio::join!(apply, other);
    out.expect_code(1);
    assert!(!out.stdout.contains("done"), "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "race-apply: conflict: @production of 'race-apply': clearance moved it v1 → v2, and \
         another writer moved it right after: it now points at v3; nothing was recorded as \
         done: check which version belongs there\n"
    );
    assert_eq!(production("race-apply").await.as_deref(), Some("3"));
    assert_eq!(recorded("race-apply").await, vec![]);
}

/// A holder that crashed leaves its lease; listings never show it, and once it expired the
/// next promotion takes it over, moves, and deletes both the lease and its grave.
#[tokio::test]
async fn an_expired_lease_is_taken_over_and_no_lease_is_left_or_listed() {
    let server = support::shared();
    let seed = server.seed();
    model(&seed, "race-crashed", "1").await;
    // What a clearance process that died holding the lease leaves (a 1 s lifetime, so the
    // test need not wait out the real one).
    seed.post(
        "registered-models/create",
        &json!({
            "name": "clearance.lease.race-crashed.production",
            "tags": [
                {"key": "clearance.lease.holder", "value": "4242-dead-0"},
                {"key": "clearance.lease.ttl_ms", "value": "1000"},
            ],
        }),
    )
    .await;
    let cli = Clearance::new(server.url());
    let models = cli.run(&["models", "--json"]).await;
    models.expect_code(0);
    assert!(
        !models.stdout.contains("clearance.lease."),
        "the lease is not a model: {}",
        models.stdout
    );
    // The server's clock says seconds: wait until it shows the lease as expired.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let out = cli.run(&["promote", "race-crashed", "2", "--yes"]).await;
    out.expect_code(0);
    assert!(
        out.stdout.contains("done: production: v1 → v2"),
        "{}",
        out.stdout
    );
    assert_eq!(production("race-crashed").await.as_deref(), Some("2"));
    assert_eq!(leases(&seed, "race-crashed").await, Vec::<String>::new());
}

//! The network breaking between clearance and a real `mlflow server`: each fault of
//! [`Proxy`] through the CLI (exit code and message) and through the TUI in tmux (keys still
//! answer, the message says what broke, `r` recovers once the network heals).

use std::path::Path;
use std::time::{Duration, Instant};

use futures::StreamExt as _;

use crate::support::proxy::{Fault, Proxy};
use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// Three runs in an experiment of the test's own.
async fn seed(seed: &Seeder, experiment: &str) -> support::SeededExperiment {
    let exp = seed.experiment(experiment).await;
    for (i, name) in ["first-run", "second-run", "third-run"].iter().enumerate() {
        seed.run(&exp)
            .name(name)
            .start_time(T0 + i as i64 * 1000)
            .metric("val_auc", 0.9 + i as f64 / 100.0)
            .finished()
            .await;
    }
    exp
}

/// (fault, exit code, words stderr must hold)
fn cli_cases() -> Vec<(Fault, i32, Vec<&'static str>)> {
    vec![
        (Fault::Refuse, 2, vec!["error: cannot reach MLflow at"]),
        (
            Fault::Drop,
            2,
            vec!["was reached but its answer was cut short"],
        ),
        (
            Fault::ServerError,
            2,
            vec!["answered HTTP 500 INTERNAL_ERROR: injected fault"],
        ),
        (
            Fault::BareServerError,
            2,
            vec!["answered HTTP 503: Service Unavailable"],
        ),
        (
            Fault::GatewayHtml,
            2,
            vec![
                "answered HTTP 502",
                "a proxy or gateway in front of MLflow answered",
                "'502 Bad Gateway'",
            ],
        ),
        (
            Fault::MalformedJson,
            2,
            vec!["error: could not read MLflow at"],
        ),
        (
            Fault::Truncated,
            2,
            vec!["was reached but its answer was cut short"],
        ),
        (
            Fault::ResetAfter(1),
            2,
            vec!["was reached but its answer was cut short"],
        ),
        (
            Fault::EndlessPageToken,
            2,
            vec![
                "kept paging runs",
                "3 pages in a row, each with a next-page token, held only items already listed",
            ],
        ),
    ]
}

#[tokio::test]
async fn each_network_fault_has_its_exit_code_and_message_and_healing_mends() {
    let server = support::shared();
    seed(&server.seed(), "faults-cli").await;
    let proxy = Proxy::start(server.url());
    let cli = Clearance::new(&proxy.url());
    let args = ["runs", "--json", "--experiment", "faults-cli"];
    let healthy = cli.run(&args).await;
    healthy.expect_code(0);
    assert_eq!(healthy.json()["runs"].as_array().unwrap().len(), 3);

    for (fault, code, words) in cli_cases() {
        proxy.set(fault.clone());
        let searches_before = proxy.requests_to("runs/search");
        let out = cli.run(&args).await;
        out.expect_code(code);
        if fault == Fault::EndlessPageToken {
            // The front range streams page by page: its first page may be out before the
            // token repeats. What was written is never a whole document, so no reader takes
            // it for the listing (see `runs_json_failing_half_way_leaves_an_unclosed_array`).
            assert!(
                out.stdout.is_empty()
                    || serde_json::from_str::<serde_json::Value>(&out.stdout).is_err(),
                "{fault:?}: {}",
                out.stdout
            );
        } else {
            assert_eq!(out.stdout, "", "{fault:?}");
        }
        for w in &words {
            assert!(
                out.stderr.contains(w),
                "{fault:?}: '{w}' missing from:\n{}",
                out.stderr
            );
        }
        assert!(
            !out.stderr.contains("is this an MLflow tracking server"),
            "{fault:?}: {}",
            out.stderr
        );
        assert!(
            out.elapsed < Duration::from_secs(10),
            "{fault:?} took {:?}",
            out.elapsed
        );
        if fault == Fault::EndlessPageToken {
            // Stopped after a few pages, not after hundreds: the listing reads 16 start_time
            // ranges, at most 4 in flight, and a range ends at its token's third replay. At
            // most, however the ranges interleave on a loaded machine: two probes, a first
            // page of each range, 3 replays for each of the 4 ranges in flight, and the
            // baseline's own search: 31.
            let searches = proxy.requests_to("runs/search") - searches_before;
            assert!(searches <= 31, "{searches}: {:?}", proxy.log());
        }
        proxy.heal();
        cli.run(&args).await.expect_code(0);
    }

    // Slow is not broken: the answer comes, and with stderr not a terminal nothing is drawn.
    for fault in [
        Fault::Latency(Duration::from_millis(200)),
        Fault::Trickle {
            chunk: 512,
            pause: Duration::from_millis(2),
        },
    ] {
        proxy.set(fault.clone());
        let out = cli.run(&args).await;
        out.expect_code(0);
        assert_eq!(out.json()["runs"].as_array().unwrap().len(), 3, "{fault:?}");
        assert_eq!(out.stderr, "", "{fault:?}");
    }
}

#[tokio::test]
async fn the_tui_says_what_broke_keeps_answering_and_r_recovers() {
    if !tmux::available("faults tui") {
        return;
    }
    let server = support::shared();
    seed(&server.seed(), "faults-tui").await;
    let proxy = Proxy::start(server.url());
    let cli = Clearance::new(&proxy.url());
    std::fs::write(
        cli.home().join("config.toml"),
        "[runs]\nexperiments = [\"faults-tui\"]\n",
    )
    .unwrap();
    let env: Vec<(&str, std::path::PathBuf)> = cli.sealed_env().into_iter().collect();
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", &proxy.url()],
        &env,
        cli.home(),
        (180, 30),
    );
    t.wait_for(&["faults-tui", "third-run"]);

    // (fault, what the screen must say)
    let cases: [(Fault, &[&str]); 8] = [
        (Fault::Refuse, &["cannot reach MLflow"]),
        (Fault::ResetAfter(1), &["cut short"]),
        (
            Fault::GatewayHtml,
            &["a proxy or gateway in front of MLflow"],
        ),
        (Fault::ServerError, &["HTTP 500"]),
        (Fault::BareServerError, &["HTTP 503"]),
        (Fault::MalformedJson, &["could not read MLflow"]),
        (Fault::Truncated, &["cut short"]),
        (Fault::Drop, &["cut short"]),
    ];
    for (fault, words) in cases {
        proxy.set(fault.clone());
        t.keys(&["r"]);
        t.wait_for(words);
        // Keys still answer while the network is down: the help opens and closes.
        t.keys(&["?"]);
        t.wait_for(&["Help"]);
        t.keys(&["Escape"]);
        t.wait_gone("Help");
        proxy.heal();
        t.keys(&["r"]);
        // The list's warning line goes once a reload succeeds.
        t.wait_gone(" ⚠ ");
        t.wait_for(&["faults-tui", "third-run"]);
    }

    // Slow answers: keys answer at once while the reload is under way, and it completes.
    for fault in [
        Fault::Latency(Duration::from_millis(2500)),
        Fault::Trickle {
            chunk: 16,
            pause: Duration::from_millis(40),
        },
    ] {
        proxy.set(fault.clone());
        let before = proxy.requests();
        t.keys(&["r"]);
        assert!(proxy.wait_for_requests(before + 1, Duration::from_secs(5)));
        let asked = Instant::now();
        t.keys(&["?"]);
        t.wait_for(&["Help"]);
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "{fault:?}: the help took {:?}",
            asked.elapsed()
        );
        t.keys(&["Escape"]);
        t.wait_gone("Help");
        t.wait_for(&["faults-tui", "third-run"]);
        assert!(!t.screen().contains(" ⚠ "), "{fault:?}:\n{}", t.screen());
        proxy.heal();
    }

    // A server whose paging never ends: the list shows what came and says why it stops.
    proxy.set(Fault::EndlessPageToken);
    let before = proxy.requests_to("runs/search");
    t.keys(&["r"]);
    t.wait_for(&["kept paging runs"]);
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        proxy.requests_to("runs/search") - before < 10,
        "{:?}",
        proxy.log()
    );
    proxy.heal();
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[tokio::test]
async fn slow_cli_work_shows_a_spinner_with_counts_on_a_terminal() {
    if !tmux::available("faults spinner") {
        return;
    }
    let server = support::shared();
    let seeder = server.seed();
    let exp = seed(&seeder, "faults-spinner").await;
    // More runs than a first page of 100, newer than the three: the listing takes two pages,
    // and the oldest run ends the table.
    futures::stream::iter(0..110_i64)
        .map(|i| {
            let (seeder, exp) = (seeder.clone(), exp.clone());
            async move {
                seeder
                    .run(&exp)
                    .name(&format!("more-{i:03}"))
                    .start_time(T0 + 10_000 + i * 1000)
                    .create()
                    .await
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    let proxy = Proxy::start(server.url());
    // Slow enough for the spinner to show its count between the first page and the ranges
    // after it, and no slower: the listing and what the table needs come to about a dozen
    // requests, 1.5 s each came to more than the 20 s wait.
    proxy.set(Fault::Latency(Duration::from_millis(700)));
    let cli = Clearance::new(&proxy.url());
    let env: Vec<(&str, std::path::PathBuf)> = cli.sealed_env().into_iter().collect();
    let t = Tmux::start(
        Path::new(BIN),
        &[
            "--tracking-uri",
            &proxy.url(),
            "runs",
            "--experiment",
            "faults-spinner",
        ],
        &env,
        cli.home(),
        (120, 20),
    );
    // While the slow requests are under way, stderr (the terminal) says what is going on...
    t.wait_for(&["listing runs…"]);
    t.wait_for(&["listing runs… 100 so far"]);
    // ... and the spinner is gone once the table is printed.
    let screen = t.wait_for(&["first-run", "[exited "]);
    assert!(!screen.contains("listing runs…"), "{screen}");
    assert_eq!(t.wait_exit(), 0);
}

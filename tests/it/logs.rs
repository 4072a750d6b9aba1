//! The log: `--log-level` and `RUST_LOG` reach it, it lands in the state dir as a daily file
//! behind the `clearance.log` link, and no secret reaches it even when every crate logs at
//! trace level.

use crate::support::{self, Clearance};

const MLFLOW_TOKEN: &str = "mlflow-token-f00dfeed-never-logged";
const GITHUB_TOKEN: &str = "ghp_github-token-deadbeef-never-logged";

/// Every log file in the command's state dir (not the link), one after another.
fn log_text(cli: &Clearance) -> String {
    let state = cli.home().join("state");
    let mut files: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("clearance.")
                && p.extension().is_some_and(|e| e == "log")
                && !p.symlink_metadata().unwrap().is_symlink()
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no log file in {}", state.display());
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

async fn runs_of_a_fresh_experiment(cli: &Clearance, name: &str, extra: &[(&str, &str)]) {
    let mut env = vec![("MLFLOW_TRACKING_TOKEN", MLFLOW_TOKEN)];
    env.extend_from_slice(extra);
    let out = cli
        .run_with_env(&["runs", "--json", "--experiment", name], &env)
        .await;
    out.expect_code(0);
}

#[tokio::test]
async fn log_level_debug_records_the_requests_in_the_state_dir() {
    let server = support::shared();
    let seed = server.seed();
    seed.experiment("logs-debug").await;
    let cli = Clearance::with_target(&["--tracking-uri", server.url(), "--log-level", "debug"]);
    // A RUST_LOG asking for less does not win over the flag.
    runs_of_a_fresh_experiment(&cli, "logs-debug", &[("RUST_LOG", "off")]).await;

    let link = cli.home().join("state/clearance.log");
    assert!(link.symlink_metadata().unwrap().is_symlink());
    let log = std::fs::read_to_string(&link).unwrap();
    assert!(
        log.lines()
            .any(|l| l.contains(" DEBUG ") && l.contains("mlflow request")),
        "no debug line for the requests:\n{log}"
    );
    assert!(!log.contains(MLFLOW_TOKEN), "{log}");

    // Without the flag the default (info) leaves the requests out.
    let quiet = Clearance::new(server.url());
    runs_of_a_fresh_experiment(&quiet, "logs-debug", &[]).await;
    let log = log_text(&quiet);
    assert!(!log.contains(" DEBUG "), "{log}");
}

#[tokio::test]
async fn rust_log_is_honoured_and_trace_everywhere_logs_no_secret() {
    let server = support::shared();
    let seed = server.seed();
    seed.experiment("logs-trace").await;
    let cli = Clearance::new(server.url());
    // Every crate at trace: the HTTP and TLS stacks log too, and must not log the headers.
    runs_of_a_fresh_experiment(&cli, "logs-trace", &[("RUST_LOG", "trace")]).await;
    // GitHub with a token, at an address where nothing listens: the request is built (and
    // its headers set) before it fails.
    let port = support::closed_port().to_string();
    let api = format!("http://127.0.0.1:{port}/api/v3");
    let prs = cli
        .run_with_env(
            &["prs", "--repo", "acme/models", "--github-api-url", &api],
            &[("RUST_LOG", "trace"), ("GH_ENTERPRISE_TOKEN", GITHUB_TOKEN)],
        )
        .await;
    assert_ne!(prs.code, 0, "{prs:?}");
    assert!(!prs.stderr.contains(GITHUB_TOKEN), "{}", prs.stderr);

    let log = log_text(&cli);
    assert!(
        log.lines().any(|l| l.contains(" TRACE ")),
        "RUST_LOG=trace recorded no trace line:\n{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains(" DEBUG ") && l.contains("mlflow request")),
        "{log}"
    );
    for secret in [MLFLOW_TOKEN, GITHUB_TOKEN] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}

#[tokio::test]
async fn clearance_log_wins_over_rust_log_and_a_bad_filter_is_named() {
    let server = support::shared();
    let seed = server.seed();
    seed.experiment("logs-precedence").await;
    let cli = Clearance::new(server.url());
    runs_of_a_fresh_experiment(
        &cli,
        "logs-precedence",
        &[("CLEARANCE_LOG", "clearance=warn"), ("RUST_LOG", "trace")],
    )
    .await;
    let log = log_text(&cli);
    assert!(
        !log.contains(" DEBUG ") && !log.contains(" TRACE "),
        "{log}"
    );

    let out = cli
        .run_with_env(
            &["runs", "--json", "--experiment", "logs-precedence"],
            &[("CLEARANCE_LOG", "clearance=[loud")],
        )
        .await;
    out.expect_code(0);
    assert!(
        out.stderr
            .starts_with("warning: ignoring $CLEARANCE_LOG=\"clearance=[loud\""),
        "{}",
        out.stderr
    );
}

//! End to end: the real binary in tmux against a real server, driven from the keyboard.

use std::path::Path;

use clearance::domain::VersionId;

use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance, Seeder};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// A baseline and two candidates in `name`, with learning curves.
async fn seed_experiment(seed: &Seeder, name: &str) {
    let exp = seed.experiment(name).await;
    // Rising to `end` at the last step.
    let curve = |end: f64| -> Vec<f64> {
        (0..30)
            .map(|s| end - 0.1 * f64::from(29 - s) / 29.0)
            .collect()
    };
    seed.run(&exp)
        .name("prod-baseline")
        .start_time(T0)
        .tag("baseline", "true")
        .param("max_depth", "6")
        .metric_history("val_auc", &curve(0.951))
        .metric("latency_p95_ms", 38.0)
        .finished()
        .await;
    seed.run(&exp)
        .name("deeper-trees")
        .start_time(T0 + 3_600_000)
        .param("max_depth", "8")
        .metric_history("val_auc", &curve(0.957))
        .metric("latency_p95_ms", 47.0)
        .finished()
        .await;
}

fn start_tui(cli: &Clearance, uri: &str, experiment: &str, size: (u16, u16)) -> Tmux {
    std::fs::write(
        cli.home().join("config.toml"),
        format!("[runs]\nexperiments = [\"{experiment}\"]\n"),
    )
    .unwrap();
    let env = cli.sealed_env();
    let env: Vec<(&str, std::path::PathBuf)> = env.into_iter().collect();
    Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", uri],
        &env,
        cli.home(),
        size,
    )
}

#[tokio::test]
async fn a_reviewer_opens_a_run_and_reads_its_diff_against_the_baseline() {
    if !tmux::available("tui e2e") {
        return;
    }
    let server = support::shared();
    seed_experiment(&server.seed(), "tui-compare").await;
    let cli = Clearance::new(server.url());
    let t = start_tui(&cli, server.url(), "tui-compare", (120, 40));
    let screen = t.wait_for(&["tui-compare", "deeper-trees", "◆ baseline prod-baseline"]);
    assert!(
        screen.contains("0.957 ▲+0.63%"),
        "the delta is on the list:\n{screen}"
    );
    // The newest run is selected first; compare it with the baseline.
    t.keys(&["Enter"]);
    let screen = t.wait_for(&[
        "deeper-trees vs baseline prod-baseline",
        "▲ improved",
        "latency_p95_ms",
    ]);
    for expected in [
        "0.951",
        "0.957",
        "+0.006",
        "+0.63%",
        "max_depth 6 → 8",
        "━ candidate",
    ] {
        assert!(
            screen.contains(expected),
            "'{expected}' is not on screen:\n{screen}"
        );
    }
    // Both histories come in one sampled request and are drawn: braille dots inside the
    // chart, below its title (the header's busy spinner is braille too).
    t.wait_gone("Loading history");
    let screen = t.screen();
    let chart = screen
        .split_once("━ candidate")
        .map_or("", |(_, below)| below);
    let spinner = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
    assert!(
        chart
            .chars()
            .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c) && !spinner.contains(c)),
        "the chart draws no curve:\n{screen}"
    );
    // Move to latency: lower is better, so +9 ms is a regression.
    t.keys(&["j"]);
    let screen = t.wait_for(&["latency_p95_ms ↓ lower is better"]);
    assert!(screen.contains("▼ regressed"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for(&["◆ baseline prod-baseline"]);
    // A name filter runs on the server: only the matching run stays.
    t.keys(&["/"]);
    t.type_text("deeper");
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["filter deeper", "1 run "]);
    assert!(!screen.contains("│◆ prod-baseline"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for(&["2 runs"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[tokio::test]
async fn pulling_the_plug_shows_a_message_and_r_recovers() {
    if !tmux::available("tui e2e") {
        return;
    }
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    seed_experiment(&server.seed(), "tui-plug").await;
    let cli = Clearance::new(server.url());
    let t = start_tui(&cli, server.url(), "tui-plug", (60, 15));
    t.wait_for(&["deeper-trees", "prod-baseline"]);

    let server = tokio::task::spawn_blocking(move || {
        server.stop();
        server
    })
    .await
    .unwrap();
    t.keys(&["r"]);
    let screen = t.wait_for(&["cannot reach"]);
    assert!(
        screen.contains("deeper-trees"),
        "the rows stay on screen:\n{screen}"
    );
    // Still answering keys while the server is down.
    t.keys(&["?"]);
    t.wait_for(&["Keys"]);
    t.keys(&["Escape"]);
    t.wait_gone("Keys");

    let restarted = tokio::task::spawn_blocking(move || server.restart())
        .await
        .unwrap();
    t.keys(&["r"]);
    t.wait_gone("⚠");
    t.wait_for(&["◆ baseline prod-baseline"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    drop(restarted);
}

#[tokio::test]
async fn resizing_to_60_by_15_keeps_everything_usable() {
    if !tmux::available("tui e2e") {
        return;
    }
    let server = support::shared();
    let seed = server.seed();
    seed_experiment(&seed, "tui-resize").await;
    // The Models tab is checked at the end: a model of its own, whatever else the shared
    // server holds by then.
    let exp = seed.experiment("tui-resize-models").await;
    let prod = seed
        .run(&exp)
        .name("resize-prod")
        .start_time(T0)
        .metric("val_auc", 0.95)
        .finished()
        .await;
    let m = seed.model("tui-resize-model").await;
    seed.version(&m, &prod).alias("production").await;
    let cli = Clearance::new(server.url());
    let t = start_tui(&cli, server.url(), "tui-resize", (120, 40));
    t.wait_for(&["deeper-trees", "latency_p95_ms ↓"]);
    t.resize(60, 15);
    let screen = t.wait_for(&["deeper-trees", "val_auc ↑", "? help"]);
    assert!(
        !screen.contains("latency_p95_ms ↓"),
        "narrow: fewer metric columns\n{screen}"
    );
    t.resize(30, 6);
    t.wait_for(&["needs 40×8"]);
    t.resize(100, 30);
    t.keys(&["2"]);
    t.wait_for(&["Models (", "Δ vs @production"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[tokio::test]
async fn a_reviewer_approves_the_staged_model_from_the_keyboard() {
    if !tmux::available("tui e2e") {
        return;
    }
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    let seed = server.seed();
    let exp = seed.experiment("tui-approve").await;
    let base = seed
        .run(&exp)
        .name("v1-run")
        .start_time(T0)
        .metric("val_auc", 0.95)
        .finished()
        .await;
    let cand = seed
        .run(&exp)
        .name("v2-run")
        .start_time(T0 + 60_000)
        .metric("val_auc", 0.957)
        .finished()
        .await;
    let m = seed.model("tui-fraud").await;
    seed.version(&m, &base).alias("production").await;
    seed.version(&m, &cand).alias("staging").await;

    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        "user = \"Ann Lee <ann@example.com>\"\n[runs]\nexperiments = [\"tui-approve\"]\n",
    )
    .unwrap();
    let env = cli.sealed_env();
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (110, 32),
    );
    t.wait_for(&["v2-run"]);
    t.keys(&["2"]);
    t.wait_for(&["tui-fraud", "@staging"]);
    // The staging version is selected; approve it.
    t.keys(&["a"]);
    t.wait_for(&[
        "Approve tui-fraud v2 for @production",
        "production: v1 → v2",
        "recorded as Ann Lee",
    ]);
    t.keys(&["Enter"]);
    t.wait_for(&["Not confirmed"]);
    t.type_text("tui-fraud");
    t.keys(&["Enter"]);
    t.wait_for(&["Done: production: v1 → v2 (recorded as Ann Lee <ann@example.com>)"]);
    t.keys(&["Enter"]);
    // The promotion is recorded; @staging was set by the seed, outside clearance: flagged.
    let screen = t.wait_for(&["@production @staging⚠", "⚠ @staging moved to v2 outside"]);
    assert!(
        screen.contains("@production v2"),
        "the title shows the new production version:\n{screen}"
    );
    let aliases = clearance::store::ModelRegistry::model(&server.client(), "tui-fraud")
        .await
        .unwrap()
        .aliases;
    assert_eq!(aliases.get("production").map(VersionId::as_str), Some("2"));
    // The history shows who did it.
    t.keys(&["H"]);
    t.wait_for(&[
        "History of tui-fraud",
        "promote",
        "production: v1 → v2",
        "Ann Lee",
    ]);
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    drop(server);
}

#[tokio::test]
async fn the_demo_runs_with_one_command_and_reset_restores_it() {
    if !tmux::available("tui e2e") {
        return;
    }
    // No server, no tracking URI: just --demo, with the data dir in a temp home.
    let cli = Clearance::new("unused");
    let env = cli.sealed_env();
    let t = Tmux::start(Path::new(BIN), &["--demo"], &env, cli.home(), (120, 40));
    t.wait_for(&[
        "fraud-detection 24 runs",
        "◆ baseline xgb-v3-d8-lr0.05",
        "logreg-sgd-lr5",
        "NaN !",
    ]);
    t.keys(&["2"]);
    t.wait_for(&["fraud-classifier", "@production"]);
    t.keys(&["h", "j", "l", "Enter"]);
    let screen = t.wait_for(&["fraud-classifier v4", "1 of 3 gates fail", "latency_p95_ms"]);
    assert!(screen.contains("✗ FAIL"), "{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);

    // A change in the demo lands in the user's copy; --reset brings back the shipped store.
    let demo = |args: &[&str]| {
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(args)
            .envs(cli.sealed_env())
            .env_remove("MLFLOW_TRACKING_URI");
        cmd.output().unwrap()
    };
    let promoted = demo(&["--demo", "promote", "churn-model", "@staging", "--yes"]);
    assert!(
        promoted.status.success(),
        "{}",
        String::from_utf8_lossy(&promoted.stderr)
    );
    let models = |reset: bool| {
        let mut args = vec!["--demo"];
        if reset {
            args.push("--reset");
        }
        args.extend(["models", "--json"]);
        serde_json::from_slice::<serde_json::Value>(&demo(&args).stdout).unwrap()
    };
    let production = |m: &serde_json::Value| {
        m["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "churn-model")
            .unwrap()["versions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| {
                v["aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a == "production")
            })
            .unwrap()["version"]
            .clone()
    };
    assert_eq!(production(&models(false)), "3", "the copy keeps the change");
    assert_eq!(
        production(&models(true)),
        "2",
        "--reset restores the shipped store"
    );
}

#[tokio::test]
async fn on_call_sees_the_demos_drift_within_a_second_of_start() {
    if !tmux::available("tui e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let env = cli.sealed_env();
    let t = Tmux::start(Path::new(BIN), &["--demo"], &env, cli.home(), (120, 32));
    // The badge is on the first tab already.
    // The demo's windows end on 2026-11-19: every feed is stale by now, and that is an alert
    // of its own (3 firing, 4 more series whose feed stopped).
    t.wait_for(&["⚠ 7 alerts", "fraud-detection"]);
    t.keys(&["3"]);
    let screen = t.wait_for(&[
        "Alerts 3 firing · 7 stale · 1 resolved",
        "STALE",
        "psi_amount",
        "FIRING",
        "0.2817 > 0.2",
    ]);
    assert!(
        screen.contains("live_recall") && screen.contains("0.7277 < 0.741"),
        "{screen}"
    );
    t.keys(&["c"]);
    t.wait_for(&[
        "psi_amount of fraud-classifier@production · firing since 2026-11-15",
        "rule feature drift · fires after 3 windows > 0.2 · critical",
    ]);
    // Enter goes to the drifting version in the Models tab and offers the rollback.
    t.keys(&["Enter"]);
    t.wait_for(&["fraud-classifier@production is the drifting version: R rolls it back"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Production confirmed with `y`; gates on `val_auc` (±0.002) and latency (±5 %).
const GATED_CONFIG: &str = "user = \"Ann Lee <ann@example.com>\"\n[runs]\nexperiments = [\"tui-gated\"]\n\
     [promotion]\nconfirm_alias = { production = \"yes\" }\n\
     [[metrics]]\nname = \"val_auc\"\ntolerance = 0.002\ngate = true\n\
     [[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n";

/// `tui-gated`: v1 @production (auc 0.956, 38 ms), v2 @staging (0.957, 47 ms: fails latency).
async fn seed_gated(seed: &Seeder) {
    let exp = seed.experiment("tui-gated").await;
    let mut runs = Vec::new();
    for (i, (auc, latency)) in [(0.956, 38.0), (0.957, 47.0)].into_iter().enumerate() {
        runs.push(
            seed.run(&exp)
                .name(&format!("gated-v{}-run", i + 1))
                .start_time(T0 + i as i64 * 60_000)
                .metric("val_auc", auc)
                .metric("latency_p95_ms", latency)
                .finished()
                .await,
        );
    }
    let m = seed.model("tui-gated").await;
    seed.version(&m, &runs[0]).alias("production").await;
    seed.version(&m, &runs[1]).alias("staging").await;
}

/// Where the team confirms production with `y`, Enter confirms nothing; the reason typed in
/// the dialog (Tab reaches it in every dialog) lands in the record on the version; and every
/// move is gated the same way, so the second `R` (forward again) cannot skip a failing gate.
#[tokio::test]
async fn only_y_confirms_the_reason_is_recorded_and_no_key_skips_the_gates() {
    if !tmux::available("tui e2e") {
        return;
    }
    // A server of its own: the Models tab then opens on this model alone.
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    seed_gated(&server.seed()).await;
    let production = || async {
        clearance::store::ModelRegistry::model(&server.client(), "tui-gated")
            .await
            .unwrap()
    };

    let cli = Clearance::new(server.url());
    std::fs::write(cli.home().join("config.toml"), GATED_CONFIG).unwrap();
    let env = cli.sealed_env();
    let t = Tmux::start(
        Path::new(BIN),
        &["--tracking-uri", server.url()],
        &env,
        cli.home(),
        (110, 34),
    );
    t.wait_for(&["gated-v2-run"]);
    t.keys(&["2"]);
    t.wait_for(&["tui-gated", "@staging"]);
    t.keys(&["a"]);
    t.wait_for(&["Approve tui-gated v2 for @production", "1 of 2 gates fail"]);
    t.keys(&["Enter"]);
    t.wait_for(&["Press y to confirm (enter does not)"]);
    // Tab reaches the reason, and Tab again the confirmation.
    t.keys(&["Tab"]);
    t.type_text("latency budget raised to 50 ms");
    t.keys(&["Tab", "y"]);
    t.wait_for(&["Gates fail: ctrl-o overrides them"]);
    assert_eq!(
        production().await.aliases["production"].as_str(),
        "1",
        "neither enter nor a failing gate moved it"
    );
    t.keys(&["C-o", "Tab", "y"]);
    t.wait_for(&["Done: production: v1 → v2 (recorded as Ann Lee <ann@example.com>)"]);
    let m = production().await;
    assert_eq!(m.aliases["production"].as_str(), "2");
    let v2 = m.version(&VersionId::from("2")).unwrap();
    assert_eq!(
        v2.tags["clearance.reason"], "latency budget raised to 50 ms",
        "the reason typed in the dialog is on the version"
    );
    let event: clearance::domain::promotion::AuditEntry = serde_json::from_str(
        v2.tags
            .iter()
            .find(|(k, _)| k.starts_with(clearance::domain::promotion::EVENT_TAG_PREFIX))
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(event.overridden);
    assert_eq!(
        event.reason.as_deref(),
        Some("latency budget raised to 50 ms")
    );
    t.keys(&["Enter"]);
    t.wait_gone("Done: production");

    // Back to v1: its gates pass against v2.
    t.keys(&["R"]);
    t.wait_for(&[
        "Roll back tui-gated",
        "production: v2 → v1",
        "2/2 gates pass",
    ]);
    t.keys(&["y"]);
    t.wait_for(&["Done: production: v2 → v1"]);
    assert_eq!(production().await.aliases["production"].as_str(), "1");
    t.keys(&["Enter"]);
    t.wait_gone("Done: production");
    // R again plans v1 → v2, which fails its latency gate like the promotion did.
    t.keys(&["R"]);
    let screen = t.wait_for(&[
        "Roll back tui-gated",
        "production: v1 → v2",
        "1 of 2 gates fail",
    ]);
    assert!(!screen.contains("not gated"), "{screen}");
    t.keys(&["y"]);
    t.wait_for(&["Gates fail: ctrl-o overrides them"]);
    assert_eq!(production().await.aliases["production"].as_str(), "1");
    t.keys(&["Escape", "q"]);
    assert_eq!(t.wait_exit(), 0);
    drop(server);
}

/// `:` finds an experiment, a model and an action by name and runs each as its key would.
#[tokio::test]
async fn the_command_palette_goes_to_an_experiment_and_a_model_and_runs_an_action() {
    if !tmux::available("tui e2e") {
        return;
    }
    // A server of its own: on the shared one, the models other tests add may crowd this one
    // out of the list the palette is built from.
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let server = tokio::task::spawn_blocking(move || support::start_on(&dir))
        .await
        .unwrap();
    let seed = server.seed();
    seed_experiment(&seed, "tui-palette").await;
    let other = seed.experiment("tui-palette-other").await;
    let run = seed
        .run(&other)
        .name("palette-found-run")
        .start_time(T0)
        .metric("val_auc", 0.9)
        .finished()
        .await;
    let m = seed.model("tui-palette-model").await;
    seed.version(&m, &run).alias("production").await;
    let cli = Clearance::new(server.url());
    let t = start_tui(&cli, server.url(), "tui-palette", (120, 40));
    t.wait_for(&["deeper-trees"]);
    t.keys(&[":"]);
    t.wait_for(&["Commands", "Go to experiment tui-palette-other"]);
    t.type_text("experiment tui-palette-other");
    t.keys(&["Enter"]);
    t.wait_for(&["palette-found-run"]);
    t.keys(&[":"]);
    t.type_text("model tui-palette-model");
    t.wait_for(&["Go to model tui-palette-model"]);
    t.keys(&["Enter"]);
    t.wait_for(&["tui-palette-model 1 version", "@production"]);
    // Actions too, with their keys: Quit is `q`.
    t.keys(&[":"]);
    t.type_text("quit");
    t.wait_for(&["Quit", "q ctrl-c"]);
    t.keys(&["Enter"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Where `text` is on the screen, as the 1-based column and row a terminal reports a click at.
fn cell_of(screen: &str, text: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let at = line.find(text)?;
            Some((line[..at].chars().count() + 1, y + 1))
        })
        .unwrap_or_else(|| panic!("'{text}' is not on the screen:\n{screen}"))
}

/// A mouse event as the terminal sends it with SGR reporting (`button` 0 is the left button
/// pressed, 64 and 65 the wheel up and down).
fn sgr(button: u8, (column, row): (usize, usize)) -> String {
    format!("\x1b[<{button};{column};{row}M")
}

/// The rows in the order the screen lists them.
fn order_of(screen: &str, names: &[&str]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = names
        .iter()
        .filter_map(|n| {
            screen
                .find(&format!(" {n} "))
                .map(|at| (at, (*n).to_owned()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// Waits until nothing is being fetched (no spinner in the header): a click must not race the
/// first screen's remaining fetches, which may reload the list under it.
fn wait_idle(t: &Tmux) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let screen = t.screen();
        let header = screen.lines().next().unwrap_or_default();
        if !header.contains(['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'])
        {
            return screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still busy:\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Waits until the screen lists `want` in this order (a new order's title shows before its
/// rows arrive).
fn wait_order(t: &Tmux, names: &[&str], want: &[&str]) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let screen = t.screen();
        if order_of(&screen, names) == want {
            return screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never listed {want:?}:\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[tokio::test]
async fn the_mouse_selects_rows_scrolls_sorts_and_switches_tabs() {
    if !tmux::available("tui mouse e2e") {
        return;
    }
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("tui-mouse").await;
    for (i, (name, auc)) in [
        ("base-run", 0.951),
        ("good-run", 0.962),
        ("weak-run", 0.948),
    ]
    .into_iter()
    .enumerate()
    {
        let run = seed
            .run(&exp)
            .name(name)
            .start_time(T0 + 3_600_000 * i as i64)
            .metric("val_auc", auc);
        let run = if i == 0 {
            run.tag("baseline", "true")
        } else {
            run
        };
        run.finished().await;
    }
    let cli = Clearance::new(server.url());
    let t = start_tui(&cli, server.url(), "tui-mouse", (120, 30));
    t.wait_for(&["tui-mouse 3 runs", "weak-run", "good-run", "base-run"]);
    let screen = wait_idle(&t);
    assert_eq!(
        order_of(&screen, &["base-run", "good-run", "weak-run"]),
        ["weak-run", "good-run", "base-run"],
        "newest first:\n{screen}"
    );

    // A click selects the row under it: Enter compares that run.
    t.type_text(&sgr(0, cell_of(&screen, "good-run")));
    t.keys(&["Enter"]);
    t.wait_for(&["good-run vs baseline base-run"]);
    t.keys(&["Escape"]);
    let screen = t.wait_for(&["tui-mouse 3 runs"]);

    // The wheel over the list moves the selection: up from good-run is weak-run.
    t.type_text(&sgr(64, cell_of(&screen, "good-run")));
    t.keys(&["Enter"]);
    t.wait_for(&["weak-run vs baseline base-run"]);
    t.keys(&["Escape"]);
    let screen = t.wait_for(&["tui-mouse 3 runs"]);

    // A click on a metric's header sorts by it, best first; a second click, worst first.
    let header = cell_of(&screen, "val_auc ↑");
    let names = ["base-run", "good-run", "weak-run"];
    t.type_text(&sgr(0, header));
    t.wait_for(&["val_auc best first"]);
    wait_order(&t, &names, &["good-run", "base-run", "weak-run"]);
    t.type_text(&sgr(0, header));
    t.wait_for(&["val_auc worst first"]);
    let screen = wait_order(&t, &names, &["weak-run", "base-run", "good-run"]);

    // A click on a tab opens it.
    t.type_text(&sgr(0, cell_of(&screen, "2 Models")));
    t.wait_for(&["Models"]);
    t.wait_gone("tui-mouse 3 runs");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

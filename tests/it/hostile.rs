//! Hostile surroundings: signals while the screens are up, a reader that closes the pipe,
//! no terminal at all, a full disk, and stored names that carry terminal escape sequences.
//!
//! The signal tests run the real binary in tmux on the demo store, then read the pane's tty
//! modes (`stty -a -F`), its alternate-screen flag and its cursor flag from outside.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::support::tmux::{self, Tmux};
use crate::support::{self, Clearance};

const BIN: &str = env!("CARGO_BIN_EXE_clearance");

/// An OSC title change, a clear screen with cursor home, a bell and a carriage return that
/// would overprint the start of the line: what a hostile run name or audit reason carries.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[Hevil\rrun\u{9b}31m";

/// What the terminal must never receive from a text output.
fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} let control characters through ({bad:?}):\n{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Signals

/// The demo TUI in tmux, started through `sh` so that a SIGQUIT leaves no core file.
fn start_demo(cli: &Clearance) -> Tmux {
    start_demo_with(cli, "")
}

/// The demo with more flags (`--no-mouse`).
fn start_demo_with(cli: &Clearance, flags: &str) -> Tmux {
    let env = cli.sealed_env();
    let script = format!("ulimit -c 0; exec \"$0\" --demo {flags}");
    let t = Tmux::start(
        Path::new("/bin/sh"),
        &["-c", &script, BIN],
        &env,
        cli.home(),
        (120, 32),
    );
    t.wait_for(&["fraud-detection 24 runs"]);
    t
}

/// The pid of clearance: the one child of the pane's shell.
fn clearance_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pids = String::from_utf8(out.stdout).unwrap();
    let pids: Vec<&str> = pids.split_whitespace().collect();
    assert_eq!(pids.len(), 1, "children of the pane's shell: {pids:?}");
    pids[0].to_owned()
}

fn kill(signal: &str, pid: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// The pane's tty settings, as `stty -a` prints them.
fn stty(t: &Tmux) -> String {
    let tty = t.display("#{pane_tty}");
    let out = Command::new("stty")
        .args(["-a", "-F", &tty])
        .output()
        .unwrap();
    assert!(out.status.success(), "stty -F {tty}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Whether `flag` is on in `stty -a` output (`icanon` on, `-icanon` off).
fn flag_on(stty: &str, flag: &str) -> bool {
    stty.split_whitespace().any(|w| w == flag)
}

/// The terminal as a shell needs it: line mode with echo and signals, output processing, the
/// main screen, a visible cursor.
#[track_caller]
fn assert_given_back(t: &Tmux, after: &str) {
    let modes = stty(t);
    for flag in ["icanon", "echo", "isig", "opost", "icrnl"] {
        assert!(
            flag_on(&modes, flag),
            "after {after}, '{flag}' is off:\n{modes}"
        );
    }
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "after {after}: alternate screen"
    );
    assert_eq!(
        t.display("#{cursor_flag}"),
        "1",
        "after {after}: cursor hidden"
    );
    assert!(
        !mouse_captured(t),
        "after {after}: the mouse is still captured"
    );
}

/// Whether the program in the pane asked the terminal for mouse events (any of the
/// X10/normal, button-event and any-event modes tmux tracks).
fn mouse_captured(t: &Tmux) -> bool {
    t.display("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}")
        .contains('1')
}

/// The screens hold the terminal: raw, on the alternate screen.
#[track_caller]
fn assert_taken(t: &Tmux, when: &str) {
    let modes = stty(t);
    assert!(
        !flag_on(&modes, "icanon") && !flag_on(&modes, "echo"),
        "{when}: not raw:\n{modes}"
    );
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "{when}: alternate screen"
    );
    assert!(mouse_captured(t), "{when}: the mouse is not captured");
}

/// The state letter of `/proc/PID/stat` (`T` when stopped).
fn proc_state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.trim().chars().next()
}

#[track_caller]
fn wait_state(pid: &str, want: char) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while proc_state(pid) != Some(want) {
        assert!(
            Instant::now() < deadline,
            "process {pid} never reached state {want} (is {:?})",
            proc_state(pid)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[rstest::rstest]
#[case::term("TERM", 143)]
#[case::int("INT", 130)]
#[case::hup("HUP", 129)]
#[case::quit("QUIT", 131)]
fn a_signal_that_ends_the_tui_gives_the_terminal_back(#[case] signal: &str, #[case] code: i32) {
    if !tmux::available("signals e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let t = start_demo(&cli);
    assert_taken(&t, "while running");
    kill(signal, &clearance_pid(&t));
    // The shell reports a death by signal N as 128 + N.
    assert_eq!(t.wait_exit(), code, "SIG{signal}:\n{}", t.screen());
    assert_given_back(&t, &format!("SIG{signal}"));
}

#[test]
fn sigtstp_suspends_with_the_terminal_given_back_and_sigcont_redraws() {
    if !tmux::available("signals e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let t = start_demo(&cli);
    let pid = clearance_pid(&t);
    kill("TSTP", &pid);
    wait_state(&pid, 'T');
    assert_given_back(&t, "SIGTSTP");
    kill("CONT", &pid);
    t.wait_for(&["fraud-detection 24 runs", "logreg-sgd-lr5"]);
    assert_taken(&t, "after SIGCONT");
    // Keys work again, and quitting still gives the terminal back.
    t.keys(&["2"]);
    t.wait_for(&["fraud-classifier", "@production"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_given_back(&t, "quitting after a suspension");
}

#[test]
fn sigcont_after_an_outside_sigstop_takes_the_terminal_again() {
    if !tmux::available("signals e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let t = start_demo(&cli);
    let pid = clearance_pid(&t);
    kill("STOP", &pid);
    wait_state(&pid, 'T');
    // What a shell does to the terminal while a job is stopped.
    let tty = t.display("#{pane_tty}");
    assert!(
        Command::new("stty")
            .args(["-F", &tty, "sane"])
            .status()
            .unwrap()
            .success()
    );
    kill("CONT", &pid);
    let deadline = Instant::now() + Duration::from_secs(10);
    while flag_on(&stty(&t), "icanon") {
        assert!(Instant::now() < deadline, "raw mode never came back");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["2"]);
    t.wait_for(&["fraud-classifier", "@production"]);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

// ---------------------------------------------------------------------------------------------
// No terminal, a full disk

/// `clearance` run directly (no tmux), with the sealed environment of `cli`.
fn command(cli: &Clearance, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .envs(cli.sealed_env())
        .env_remove("MLFLOW_TRACKING_URI");
    cmd
}

/// Runs to the end within a minute; returns (exit code, stderr). `-1` for a death by signal.
fn finish(mut cmd: Command) -> (i32, String) {
    cmd.stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{cmd:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap())
}

#[rstest::rstest]
#[case::output_piped(Stdio::piped(), "its output is not a terminal")]
#[case::output_on_dev_full(
    Stdio::from(std::fs::File::options().write(true).open("/dev/full").unwrap()),
    "its output is not a terminal"
)]
fn the_tui_without_a_terminal_says_what_to_use_instead(#[case] stdout: Stdio, #[case] why: &str) {
    let cli = Clearance::new("unused");
    let mut cmd = command(&cli, &["--demo"]);
    cmd.stdin(Stdio::null()).stdout(stdout);
    let (code, stderr) = finish(cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(why) && stderr.contains("clearance runs"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A terminal window closed under the TUI: the terminal is gone for good (reads and writes
/// fail with EIO). Started in a session of its own, clearance gets no SIGHUP but finds the
/// terminal unreadable; giving back a terminal that no longer exists must end it plainly,
/// never abort it (exit 134) through a failed write while restoring.
#[test]
fn a_terminal_that_goes_away_ends_the_tui_without_an_abort() {
    if !tmux::available("hang-up e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let code_file = cli.home().join("exit-code");
    let t = Tmux::start(
        Path::new("/bin/sh"),
        &[
            "-c",
            "ulimit -c 0; setsid -w sh -c '\"$0\" --demo; echo $? > \"$1\"' \"$0\" \"$1\"",
            BIN,
            &code_file.to_string_lossy(),
        ],
        &cli.sealed_env(),
        cli.home(),
        (120, 32),
    );
    t.wait_for(&["fraud-detection 24 runs"]);
    // Closing the window: the tmux server goes, and the pane's terminal with it.
    drop(t);
    let started = Instant::now();
    let code = loop {
        if let Ok(text) = std::fs::read_to_string(&code_file)
            && !text.trim().is_empty()
        {
            break text.trim().to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "clearance did not end after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    // Ended as by a hang-up (129), or by the error of an unreadable terminal (2); never an
    // abort (134).
    assert!(
        code == "129" || code == "2",
        "clearance ended with {code} after its terminal went away"
    );
    let log = std::fs::read_to_string(cli.home().join("state/clearance.log")).unwrap_or_default();
    assert!(!log.contains("panic"), "a panic on the way out:\n{log}");
}

#[test]
fn the_tui_in_a_new_session_without_stdin_says_it_needs_a_terminal() {
    if !tmux::available("no-terminal e2e") {
        return;
    }
    // stdout is the pane's terminal, but there is no controlling terminal to read keys from.
    let cli = Clearance::new("unused");
    let t = Tmux::start(
        Path::new("/bin/sh"),
        &["-c", "exec setsid -w \"$0\" --demo </dev/null", BIN],
        &cli.sealed_env(),
        cli.home(),
        (160, 20),
    );
    assert_eq!(t.wait_exit(), 2, "{}", t.screen());
    let screen = t.screen();
    assert!(
        screen.contains("no terminal to read keys from") && !screen.contains("panicked"),
        "{screen}"
    );
    assert_given_back(&t, "refusing to start");
}

#[test]
fn a_command_writing_to_a_full_disk_says_so() {
    let cli = Clearance::new("unused");
    let mut cmd = command(&cli, &["--demo", "runs"]);
    cmd.stdout(
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    );
    let (code, stderr) = finish(cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write the output") && stderr.contains("No space left"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// A closed pipe

/// A pipe whose reading end is already closed: every write into it fails with EPIPE, as
/// `clearance ... | head -c 20` does once `head` has its 20 bytes.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

/// The demo's data dir holds a copy per home; in it, a recorded promotion (for `history`
/// and `rollback`), a run id and a deployment file for the commands that need them.
fn demo_fixture(cli: &Clearance) -> (String, PathBuf) {
    let promoted = command(
        cli,
        &["--demo", "promote", "churn-model", "@staging", "--yes"],
    )
    .output()
    .unwrap();
    assert!(promoted.status.success(), "{promoted:?}");
    let out = command(cli, &["--demo", "runs", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let runs: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = runs["runs"][0]["run_id"].as_str().unwrap().to_owned();
    let file = cli.home().join("models.toml");
    std::fs::write(
        &file,
        "[models.churn-model]\nalias = \"production\"\nversion = \"3\"\n",
    )
    .unwrap();
    (run, file)
}

#[test]
fn every_text_command_ends_quietly_when_its_reader_has_gone() {
    let cli = Clearance::new("unused");
    let (run, deploy) = demo_fixture(&cli);
    let deploy = deploy.to_str().unwrap();
    // (args, the exit code the command settled before its output was cut)
    let cases: &[(&[&str], i32)] = &[
        (&["runs"], 0),
        (&["runs", "--json"], 0),
        (&["models"], 0),
        (&["models", "--json"], 0),
        (&["diff", "fraud-classifier"], 1),
        (&["diff", "fraud-classifier", "--format", "md"], 1),
        (&["diff", "fraud-classifier", "--format", "json"], 1),
        (
            &["diff", "churn-model", "--candidate", "3", "--baseline", "2"],
            0,
        ),
        (&["history", "churn-model"], 0),
        (&["history", "churn-model", "--json"], 0),
        (&["alerts"], 2),
        (&["alerts", "--json"], 2),
        (&["promote", "fraud-classifier", "@staging", "--dry-run"], 1),
        (&["promote", "churn-model", "@staging", "--dry-run"], 0),
        // Back to v1, whose gates fail against v2: a dry run says it would be refused.
        (&["rollback", "churn-model", "--dry-run"], 1),
        (&["baseline", &run, "--dry-run"], 0),
        (&["apply", deploy, "--dry-run"], 0),
        (&["completions", "bash"], 0),
        (&["man"], 0),
    ];
    for (args, code) in cases {
        let mut full = vec!["--demo"];
        full.extend_from_slice(args);
        let mut cmd = command(&cli, &full);
        cmd.stdout(closed_pipe());
        let (got, stderr) = finish(cmd);
        assert_eq!(
            got, *code,
            "clearance {full:?} into a closed pipe:\n{stderr}"
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "clearance {full:?}:\n{stderr}"
        );
    }
}

#[test]
fn stderr_closed_too_is_no_crash() {
    // `clearance models 2>&1 | head -c 1` with nothing to list: the message goes to stderr.
    let cli = Clearance::new("unused");
    let mut cmd = command(&cli, &["--demo", "runs", "--filter", "params.none = 'x'"]);
    let pipe = closed_pipe();
    cmd.stdout(pipe.try_clone().unwrap()).stderr(pipe);
    let status = cmd.status().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn a_promotion_whose_output_is_cut_short_does_not_happen() {
    let cli = Clearance::new("unused");
    let mut cmd = command(
        &cli,
        &["--demo", "promote", "churn-model", "@staging", "--yes"],
    );
    cmd.stdout(closed_pipe());
    let (code, stderr) = finish(cmd);
    // Not done: the comparison could not be shown, so nothing moved.
    assert_eq!(code, 1, "{stderr}");
    let out = command(&cli, &["--demo", "models", "--json"])
        .output()
        .unwrap();
    let models: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        support::holders(&models, "churn-model", "production"),
        ["2"],
        "production moved"
    );
}

// ---------------------------------------------------------------------------------------------
// Escape sequences in stored strings

#[tokio::test]
async fn stored_escape_sequences_never_reach_the_terminal() {
    let server = support::shared();
    let seed = server.seed();
    let exp = seed.experiment("hostile-names").await;
    let mut runs = Vec::new();
    for (i, auc) in [0.95, 0.957].into_iter().enumerate() {
        let run = seed
            .run(&exp)
            .name(&format!("{HOSTILE}-{i}"))
            .param("note", HOSTILE)
            .param("depth", &format!("{}", 6 + i))
            .metric("val_auc", auc)
            .finished()
            .await;
        runs.push(run);
    }
    let model = seed.model("hostile-model").await;
    seed.version(&model, &runs[0]).alias("production").await;
    seed.version(&model, &runs[1]).alias("staging").await;

    let cli = Clearance::new(server.url());
    std::fs::write(
        cli.home().join("config.toml"),
        format!("user = {}\n", toml_string(&format!("Eve {HOSTILE}"))),
    )
    .unwrap();
    let promoted = cli
        .run(&[
            "promote",
            "hostile-model",
            "@staging",
            "--yes",
            "--reason",
            HOSTILE,
        ])
        .await;
    promoted.expect_code(0);
    assert_no_controls("promote", &promoted.stdout);
    assert_no_controls("promote (stderr)", &promoted.stderr);

    // (args, whether a hostile string is part of what it prints)
    for (args, shown) in [
        (&["runs", "--experiment", "hostile-names"][..], true),
        (&["models"], false),
        (
            &[
                "diff",
                "hostile-model",
                "--candidate",
                "1",
                "--baseline",
                "2",
            ],
            false,
        ),
        (
            &[
                "diff",
                "hostile-model",
                "--candidate",
                "1",
                "--baseline",
                "2",
                "--format",
                "md",
            ],
            false,
        ),
        (&["history", "hostile-model"], true),
        (&["rollback", "hostile-model", "--dry-run"], true),
        (&["baseline", &runs[0].id, "--dry-run"], true),
    ] {
        let out = cli.run(args).await;
        assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
        assert_no_controls(&format!("{args:?}"), &out.stdout);
        assert_no_controls(&format!("{args:?} (stderr)"), &out.stderr);
        assert!(
            !shown || out.stdout.contains('␛'),
            "{args:?} shows where the escapes were:\n{}",
            out.stdout
        );
    }
    // An error that quotes what was typed.
    let err = cli.run(&["history", HOSTILE]).await;
    err.expect_code(2);
    assert_no_controls("an error message", &err.stderr);

    // JSON keeps the exact bytes.
    let json = cli
        .run(&["runs", "--experiment", "hostile-names", "--json"])
        .await
        .json();
    let names: Vec<&str> = json["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&format!("{HOSTILE}-0").as_str()),
        "{names:?}"
    );
    let history = cli
        .run(&["history", "hostile-model", "--json"])
        .await
        .json();
    assert_eq!(history["events"][0]["reason"], HOSTILE);
}

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// `--no-mouse` leaves the mouse to the terminal (text selection works as without
/// clearance): no mouse mode is ever asked for.
#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    if !tmux::available("signals e2e") {
        return;
    }
    let cli = Clearance::new("unused");
    let t = start_demo_with(&cli, "--no-mouse");
    assert!(!mouse_captured(&t), "--no-mouse: the mouse is captured");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

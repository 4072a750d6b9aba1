//! The real binary in a real terminal: tmux on a private socket, keys sent one at a time, the
//! screen read back with `capture-pane`.
//!
//! tmux is not installable with pip, so a machine without it skips these tests with a warning;
//! CI sets `CLEARANCE_REQUIRE_TMUX=1` and then a missing tmux fails them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for.
const WAIT: Duration = Duration::from_secs(20);

/// A tmux server of one test, running one command in a window of a fixed size.
pub struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the e2e tests can run here; prints why not when they cannot.
pub fn available(test: &str) -> bool {
    if tmux_available() {
        return true;
    }
    assert!(
        std::env::var_os("CLEARANCE_REQUIRE_TMUX").is_none(),
        "{test}: tmux is required (CLEARANCE_REQUIRE_TMUX is set) but not installed"
    );
    eprintln!("warning: {test} skipped: tmux is not installed (apt install tmux)");
    false
}

impl Tmux {
    /// Starts `program args` in a `width`×`height` window with `env`, from `cwd`.
    pub fn start(
        program: &Path,
        args: &[&str],
        env: &[(&str, PathBuf)],
        cwd: &Path,
        (width, height): (u16, u16),
    ) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("clearance-tmux-")
            .tempdir()
            .unwrap();
        let socket = dir.path().join("sock");
        let mut command = String::from("env");
        for var in [
            "MLFLOW_TRACKING_URI",
            "MLFLOW_TRACKING_TOKEN",
            "MLFLOW_TRACKING_USERNAME",
            "MLFLOW_TRACKING_PASSWORD",
            "CLEARANCE_CONFIG",
            "GH_TOKEN",
            "GITHUB_TOKEN",
            "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN",
            "GITHUB_API_URL",
            "GITHUB_REPOSITORY",
            "BROWSER",
        ] {
            let _ = write!(command, " -u {var}");
        }
        for (k, v) in env {
            let _ = write!(command, " {k}={}", shell_quote(&v.display().to_string()));
        }
        command.push_str(" TERM=xterm-256color");
        let _ = write!(command, " {}", shell_quote(&program.display().to_string()));
        for a in args {
            let _ = write!(command, " {}", shell_quote(a));
        }
        // The exit code, where a test can read it (tmux's own pane status is not reliable).
        command.push_str("; echo \"[exited $?]\"; exec sleep 3600");
        let t = Self { socket, _dir: dir };
        t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-c",
            &cwd.display().to_string(),
            &command,
        ]);
        // Without this tmux holds Esc for 500 ms to see whether a key sequence follows.
        t.tmux(&["set", "-sg", "escape-time", "0"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys one by one (tmux key names: `Enter`, `Escape`, `j`, `C-c`), pausing between
    /// them as a person would, so that Esc is never read as the start of an Alt sequence.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "e2e", k]);
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// A tmux format of the pane, such as `#{alternate_on}`, `#{cursor_flag}`, `#{pane_tty}`
    /// or `#{pane_pid}`.
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "e2e", format])
            .trim()
            .to_owned()
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Waits for the program to end and returns its exit code.
    #[track_caller]
    pub fn wait_exit(&self) -> i32 {
        let screen = self.wait_for(&["[exited "]);
        let code = screen
            .split("[exited ")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .and_then(|c| c.trim().parse().ok());
        code.unwrap_or_else(|| panic!("no exit code on screen:\n{screen}"))
    }

    /// Waits until every needle is on screen; returns the screen. Panics with the last screen.
    #[track_caller]
    pub fn wait_for(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited {} s for {needles:?}; the screen:\n{screen}",
                WAIT.as_secs()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the needle is gone.
    #[track_caller]
    pub fn wait_gone(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if !screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "'{needle}' stayed on screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

//! Runs the real `clearance` binary against a server, sealed off from the developer's own
//! config, logs and MLflow environment.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest a command may take; a hang is a failure, not a stuck test run.
const CLI_TIMEOUT: Duration = Duration::from_secs(60);

/// Variables that would point clearance somewhere else, or change how it talks.
const SCRUBBED: &[&str] = &[
    "MLFLOW_TRACKING_URI",
    "MLFLOW_TRACKING_TOKEN",
    "MLFLOW_TRACKING_USERNAME",
    "MLFLOW_TRACKING_PASSWORD",
    "MLFLOW_TRACKING_INSECURE_TLS",
    "CLEARANCE_LOG",
    "CLEARANCE_PROFILE",
    "RUST_LOG",
    "GH_TOKEN",
    "GITHUB_TOKEN",
    "GH_ENTERPRISE_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_API_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_ACTIONS",
    "GITHUB_SHA",
    "GITLAB_CI",
    "CI_COMMIT_SHA",
    "WANDB_API_KEY",
    "WANDB_BASE_URL",
];

/// `clearance --tracking-uri URI ...` (or other flags naming the store) with config, state
/// and data dirs in a temp dir.
#[derive(Debug)]
pub struct Clearance {
    /// The flags that name the store.
    target: Vec<String>,
    home: tempfile::TempDir,
}

/// What a command did.
#[derive(Debug)]
pub struct CliOutput {
    pub args: Vec<String>,
    /// The exit code (`-1` when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Clearance {
    /// For the server at `uri`, with the built-in defaults (an empty config file).
    pub fn new(uri: &str) -> Self {
        Self::with_target(&["--tracking-uri", uri])
    }

    /// For the DVC repository at `repo`, with the built-in defaults.
    pub fn dvc(repo: &std::path::Path) -> Self {
        Self::with_target(&["--dvc-repo", &repo.to_string_lossy()])
    }

    /// With other flags naming the store (`--wandb lab/churn`, say).
    pub fn with_target(args: &[&str]) -> Self {
        let home = tempfile::Builder::new()
            .prefix("clearance-cli-")
            .tempdir()
            .unwrap();
        std::fs::write(home.path().join("config.toml"), "").unwrap();
        Self {
            target: args.iter().map(|a| (*a).to_owned()).collect(),
            home,
        }
    }

    /// Writes a config file into this command's home, for `--config`.
    pub fn write_config(&self, name: &str, toml: &str) -> PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, toml).unwrap();
        path
    }

    /// The temp dir standing in for the person's config, state and data dirs.
    pub fn home(&self) -> &std::path::Path {
        self.home.path()
    }

    /// The environment that seals a run off from the person's own config, logs and data.
    pub fn sealed_env(&self) -> Vec<(&'static str, PathBuf)> {
        let home = self.home.path();
        vec![
            ("CLEARANCE_CONFIG", home.join("config.toml")),
            ("CLEARANCE_CONFIG_HOME", home.join("config")),
            ("XDG_CONFIG_HOME", home.join("xdg-config")),
            ("CLEARANCE_STATE_HOME", home.join("state")),
            ("XDG_STATE_HOME", home.join("xdg-state")),
            ("CLEARANCE_DATA_HOME", home.join("data")),
            ("XDG_DATA_HOME", home.join("xdg-data")),
            // Never the developer's own W&B key.
            ("NETRC", home.join("netrc")),
        ]
    }

    /// Runs `clearance <target flags> <args>`.
    pub async fn run(&self, args: &[&str]) -> CliOutput {
        self.run_with_env(args, &[]).await
    }

    /// Runs `clearance <target flags> <args>` with extra variables for the child only
    /// (GitHub tokens, a `PATH` with a fake `gh`, a `PATH` with or without `dvc`).
    pub async fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> CliOutput {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_clearance"));
        cmd.args(&self.target)
            .args(args)
            .envs(self.sealed_env())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().copied());
        let started = Instant::now();
        let out = tokio::time::timeout(CLI_TIMEOUT, cmd.output())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "clearance {args:?} did not finish within {} s",
                    CLI_TIMEOUT.as_secs()
                )
            })
            .unwrap();
        CliOutput {
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
            elapsed: started.elapsed(),
        }
    }
}

impl CliOutput {
    /// Asserts the exit code, showing everything the command printed when it differs.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "clearance {:?} exited {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        );
        self
    }

    /// stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "clearance {:?} printed no JSON ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.args, self.stdout, self.stderr
            )
        })
    }
}

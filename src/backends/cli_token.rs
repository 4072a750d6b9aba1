//! A forge's own command-line tool as a credential helper: `gh auth token --hostname HOST`,
//! `glab config get token --host HOST`. The tool runs with no stdin, a timeout (it may prompt
//! or hang on a broken keyring) and the child's own extra environment; its trimmed stdout is
//! the token. A missing tool, a failure, a hang or empty output is no token, never an error:
//! the caller then says how to provide one.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use crate::host::Token;

/// How to run a forge's CLI.
#[derive(Debug, Clone)]
pub struct CliTool {
    /// The program, looked up on `PATH` (`gh`, `glab`).
    pub program: PathBuf,
    /// Extra environment for the child only (tests set `PATH` here).
    pub env: Vec<(String, String)>,
    /// Give up after this long.
    pub timeout: Duration,
}

impl CliTool {
    /// `program` on `PATH`, with a 5 s timeout.
    pub fn named(program: &str) -> Self {
        Self {
            program: PathBuf::from(program),
            env: Vec::new(),
            timeout: Duration::from_secs(5),
        }
    }

    /// The token the tool prints for `args`; `None` when it is missing, fails, hangs or
    /// prints nothing.
    pub async fn token(&self, args: &[&str]) -> Option<Token> {
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = tokio::time::timeout(self.timeout, cmd.output())
            .await
            .ok()?
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let token = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (!token.is_empty()).then(|| Token::new(token))
    }
}

/// Test doubles: a fake tool made of a shell script, and one that is not there.
#[cfg(test)]
#[cfg(unix)]
pub mod fake {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// `name` as a shell script running `script`, on a `PATH` of its own (set for the child
    /// only). Keep the directory alive while the tool is used.
    pub fn tool(name: &str, script: &str) -> (tempfile::TempDir, CliTool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        let tool = CliTool {
            env: vec![(
                "PATH".into(),
                format!("{}:/usr/bin:/bin", dir.path().display()),
            )],
            ..CliTool::named(name)
        };
        (dir, tool)
    }

    /// An environment of these variables only, read as discovery reads the process's.
    pub fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Sync + use<> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    /// A tool that does not exist.
    pub fn missing(name: &str) -> CliTool {
        CliTool::named(&format!("/nonexistent/{name}"))
    }
}

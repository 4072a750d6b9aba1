//! Finding `dvc` and asking its version, once, when the repository is opened: the label says
//! which reader is in use, so it has to know whether `dvc` works, not just whether a file is
//! there. `dvc --version` starts Python and imports little (about 0.2 s); this is the only
//! blocking call, made before any screen is drawn.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `dvc --version` may take (a cold Python start on a slow disk).
const TIMEOUT: Duration = Duration::from_secs(30);

/// Whether `dvc` can be run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tool {
    Found {
        program: PathBuf,
        version: String,
    },
    /// Why not: the git-only reader is used, and the label says so.
    Missing(String),
}

/// Looks `program` up (a path, or a name on `PATH`) and runs `program --version`.
pub fn find(program: &str) -> Tool {
    let program = program.trim();
    if program.is_empty() {
        return Tool::Missing("dvc is turned off (dvc.program is empty)".into());
    }
    let path = if program.contains('/') {
        let p = PathBuf::from(program);
        if !p.is_file() {
            return Tool::Missing(format!("'{program}' (dvc.program) does not exist"));
        }
        p
    } else {
        match on_path(program) {
            Some(p) => p,
            None => return Tool::Missing(format!("{program} not found on PATH")),
        }
    };
    match version(&path) {
        Ok(version) => Tool::Found {
            program: path,
            version,
        },
        Err(e) => Tool::Missing(e),
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

fn version(program: &Path) -> Result<String, String> {
    let shown = format!("'{} --version'", program.display());
    let mut child = Command::new(program)
        .arg("--version")
        .env("DVC_NO_ANALYTICS", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown} could not start: {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{shown} did not answer within {} s",
                    TIMEOUT.as_secs()
                ));
            }
            Err(e) => return Err(format!("{shown}: {e}")),
        }
    };
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    let version = out.lines().next().unwrap_or_default().trim().to_owned();
    if status.success() && !version.is_empty() {
        Ok(version)
    } else {
        let why = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        Err(format!("{shown} failed ({status}): {}", why.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_programs_say_why() {
        assert_eq!(
            find("clearance-no-such-dvc"),
            Tool::Missing("clearance-no-such-dvc not found on PATH".into())
        );
        assert_eq!(
            find("/nonexistent/dvc"),
            Tool::Missing("'/nonexistent/dvc' (dvc.program) does not exist".into())
        );
        assert!(matches!(find(" "), Tool::Missing(m) if m.contains("turned off")));
    }

    #[cfg(unix)]
    #[test]
    fn a_program_that_fails_is_missing_with_its_message() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("dvc");
        std::fs::write(
            &fake,
            "#!/bin/sh\necho 'ERROR: broken install' >&2\nexit 3\n",
        )
        .unwrap();
        std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        match find(fake.to_str().unwrap()) {
            Tool::Missing(m) => assert!(m.contains("ERROR: broken install"), "{m}"),
            other @ Tool::Found { .. } => panic!("{other:?}"),
        }
    }
}

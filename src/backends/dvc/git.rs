//! Running `git` in the repository: on tokio's process support, so no runtime thread ever
//! waits for it, never prompting, never paging, and taking no optional locks (a `git status`
//! of ours must not get in the way of the person's own git).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use crate::store::BackendError;

/// Longest a git command may take before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `git` in one directory.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.args(["-c", "core.quotepath=off", "--no-pager"])
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        cmd
    }

    fn failed(&self, args: &[&str], detail: &str) -> BackendError {
        BackendError::Store(format!(
            "'git {}' failed in '{}': {}",
            args.join(" "),
            self.dir.display(),
            detail.trim()
        ))
    }

    async fn output(&self, args: &[&str]) -> Result<std::process::Output, BackendError> {
        let run = self.command(args).output();
        tokio::time::timeout(TIMEOUT, run)
            .await
            .map_err(|_| self.failed(args, &format!("no answer within {} s", TIMEOUT.as_secs())))?
            .map_err(|e| {
                self.failed(
                    args,
                    &format!("cannot run git ({e}); clearance reads DVC repositories with git"),
                )
            })
    }

    /// Runs git; `Ok(None)` when it exits non-zero (a `--verify` that found nothing).
    pub async fn try_run(&self, args: &[&str]) -> Result<Option<String>, BackendError> {
        let out = self.output(args).await?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
    }

    /// Runs git; a non-zero exit is an error carrying git's own message.
    pub async fn run(&self, args: &[&str]) -> Result<String, BackendError> {
        let out = self.output(args).await?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(self.failed(args, &String::from_utf8_lossy(&out.stderr)))
        }
    }

    /// The contents of many `<rev>:<path>` objects in one `git cat-file --batch`, in the order
    /// asked; `None` for what does not exist (a file missing at that revision).
    pub async fn read_blobs(&self, specs: &[String]) -> Result<Vec<Option<Vec<u8>>>, BackendError> {
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        let args = ["cat-file", "--batch"];
        let mut child = self
            .command(&args)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| self.failed(&args, &format!("cannot run git ({e})")))?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| self.failed(&args, "no stdin"))?;
        let mut input = String::new();
        for s in specs {
            // A newline would split one request in two; such a path cannot be asked for.
            input.push_str(&s.replace('\n', " "));
            input.push('\n');
        }
        // Written while the answer is read, so neither side waits on a full pipe.
        let writer = tokio::spawn(async move {
            let _ = stdin.write_all(input.as_bytes()).await;
            drop(stdin);
        });
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| self.failed(&args, "no stdout"))?;
        let mut out = Vec::new();
        let read = stdout.read_to_end(&mut out);
        tokio::time::timeout(TIMEOUT, read)
            .await
            .map_err(|_| self.failed(&args, "no answer within the time limit"))?
            .map_err(|e| self.failed(&args, &e.to_string()))?;
        let _ = writer.await;
        let status = child
            .wait()
            .await
            .map_err(|e| self.failed(&args, &e.to_string()))?;
        if !status.success() {
            return Err(self.failed(&args, &format!("exited with {status}")));
        }
        parse_batch(&out, specs.len()).ok_or_else(|| self.failed(&args, "unreadable answer"))
    }
}

/// Splits `git cat-file --batch` output: per request `<sha> <type> <size>\n<bytes>\n`, or
/// `<name> missing\n` (also `ambiguous`).
fn parse_batch(mut out: &[u8], count: usize) -> Option<Vec<Option<Vec<u8>>>> {
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let nl = out.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&out[..nl]).ok()?;
        out = &out[nl + 1..];
        let mut parts = header.rsplitn(3, ' ');
        let last = parts.next()?;
        match last.parse::<usize>() {
            Ok(size) if parts.next().is_some() => {
                let body = out.get(..size)?;
                blobs.push(Some(body.to_vec()));
                out = out.get(size + 1..)?;
            }
            _ => blobs.push(None),
        }
    }
    Some(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_answers_split_into_blobs_and_missing() {
        let out = b"abc blob 3\nxyz\nHEAD:nope missing\ndef blob 0\n\n";
        assert_eq!(
            parse_batch(out, 3),
            Some(vec![Some(b"xyz".to_vec()), None, Some(Vec::new())])
        );
        assert_eq!(parse_batch(b"abc blob 9\nxyz\n", 1), None);
    }
}

//! The git CLI, run with explicit arguments (never a shell: GTO's tag names hold `#`, `!` and
//! `@`), `-C <repo>`, no terminal prompts, the C locale (so failures can be recognised), and
//! a time limit. Reads come from one `git for-each-ref` call.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use crate::store::BackendError;

/// How long a local git command may take.
pub const LOCAL_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a push or fetch may take.
pub const REMOTE_TIMEOUT: Duration = Duration::from_secs(120);

/// The environment every git invocation gets: never prompt (a credential prompt would hang
/// the TUI), messages in English (the writer recognises a rejected push by its text), and no
/// optional locks (a read never blocks a concurrent `git` of the user's).
const ENV: [(&str, &str); 4] = [
    ("GIT_TERMINAL_PROMPT", "0"),
    ("LC_ALL", "C"),
    ("LANGUAGE", "C"),
    ("GIT_OPTIONAL_LOCKS", "0"),
];

/// One tag as `git for-each-ref` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag {
    /// The name after `refs/tags/`.
    pub name: String,
    /// Whether the ref points at a tag object (an annotated tag); GTO ignores the others.
    pub annotated: bool,
    /// The tag object (annotated) or the object the ref points at (lightweight).
    pub object: String,
    /// The name recorded inside the tag object (GTO uses it; it is the ref's name unless
    /// someone pointed one ref at another tag's object).
    pub object_name: String,
    /// The type of what an annotated tag points at (`commit` for every tag GTO writes).
    pub target_type: String,
    /// The commit an annotated tag points at.
    pub target: String,
    pub tagger_name: String,
    pub tagger_email: String,
    /// Tagger time, unix seconds; `None` when the tag object has no tagger line.
    pub time: Option<i64>,
    /// Committer time of the target commit, unix seconds.
    pub commit_time: Option<i64>,
    /// The whole tag message (without a signature).
    pub message: String,
}

/// The fields, each ended by a NUL; `for-each-ref` ends each ref with a newline.
const FORMAT: &str = "%(refname)%00%(objecttype)%00%(objectname)%00%(tag)%00\
     %(*objecttype)%00%(*objectname)%00%(taggername)%00%(taggeremail)%00%(taggerdate:unix)%00\
     %(*committerdate:unix)%00%(contents)%00%(contents:signature)%00";
const FIELDS: usize = 12;

/// The git CLI on one repository.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

/// A git command that did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// No `git` on `PATH`.
    Missing,
    /// It could not be started, or did not finish within its time.
    Run(String),
    /// It ran and failed.
    Exit { stdout: String, stderr: String },
}

impl Failure {
    /// What git said, for a message.
    pub fn said(&self) -> String {
        match self {
            Self::Missing => "git is not installed or not on PATH".to_owned(),
            Self::Run(e) => e.clone(),
            Self::Exit { stdout, stderr } => {
                let text = if stderr.trim().is_empty() {
                    stdout
                } else {
                    stderr
                };
                // One line: messages end up in a dialog or a status line.
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
    }

    /// As a backend error naming what was being done.
    pub fn into_error(self, doing: &str) -> BackendError {
        match self {
            Self::Missing => BackendError::Store(missing_git()),
            other => BackendError::Store(format!("{doing}: {}", other.said())),
        }
    }
}

/// The message for a machine without git.
pub fn missing_git() -> String {
    "git is not installed or not on PATH: a GTO registry is kept in git tags, so clearance \
     runs git to read and write it"
        .to_owned()
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs git on a blocking thread's terms: for [`super::Gto::open`], which is synchronous.
    pub fn run_sync<I, S>(&self, args: I) -> Result<String, Failure>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .envs(ENV)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| spawn_failure(&e))?;
        finish(&out)
    }

    /// Runs git without blocking the runtime; `env` adds to the fixed environment.
    pub async fn run<I, S>(
        &self,
        args: I,
        env: &[(&str, String)],
        timeout: Duration,
    ) -> Result<String, Failure>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = tokio::process::Command::new("git");
        cmd.arg("-C")
            .arg(&self.dir)
            .args(args)
            .envs(ENV)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .kill_on_drop(true);
        let out = tokio::time::timeout(timeout, cmd.output())
            .await
            .map_err(|_| {
                Failure::Run(format!(
                    "git did not finish within {} s in '{}'",
                    timeout.as_secs(),
                    self.dir.display()
                ))
            })?
            .map_err(|e| spawn_failure(&e))?;
        finish(&out)
    }

    /// Every tag of the repository, in one call.
    pub async fn tags(&self) -> Result<Vec<RawTag>, BackendError> {
        let out = self
            .run(
                [
                    "for-each-ref",
                    "--format",
                    FORMAT,
                    "--sort=refname",
                    "refs/tags",
                ],
                &[],
                LOCAL_TIMEOUT,
            )
            .await
            .map_err(|f| f.into_error(&format!("reading the tags of '{}'", self.dir.display())))?;
        parse_tags(&out)
    }
}

fn spawn_failure(e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::NotFound {
        Failure::Missing
    } else {
        Failure::Run(format!("cannot run git: {e}"))
    }
}

fn finish(out: &Output) -> Result<String, Failure> {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(Failure::Exit {
            stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }
}

/// Reads [`FORMAT`]'s output.
pub fn parse_tags(out: &str) -> Result<Vec<RawTag>, BackendError> {
    let fields: Vec<&str> = out.split('\0').collect();
    // n records of FIELDS fields, then what follows the last NUL (the final newline).
    let records = fields.len().saturating_sub(1) / FIELDS;
    if fields.len() != records * FIELDS + 1 {
        return Err(BackendError::Decode {
            what: "git for-each-ref's list of tags".into(),
            detail: format!("{} fields is not a whole number of tags", fields.len()),
        });
    }
    let mut tags = Vec::with_capacity(records);
    for (i, f) in fields.chunks_exact(FIELDS).enumerate() {
        // Every record after the first starts with the newline that ended the one before.
        let refname = if i == 0 {
            f[0]
        } else {
            f[0].strip_prefix('\n').unwrap_or(f[0])
        };
        let name = refname.strip_prefix("refs/tags/").unwrap_or(refname);
        let annotated = f[1] == "tag";
        let (contents, signature) = (f[10], f[11]);
        let message = contents.strip_suffix(signature).unwrap_or(contents);
        tags.push(RawTag {
            name: name.to_owned(),
            annotated,
            object: f[2].to_owned(),
            object_name: f[3].to_owned(),
            target_type: f[4].to_owned(),
            target: if annotated { f[5] } else { f[2] }.to_owned(),
            tagger_name: f[6].to_owned(),
            tagger_email: f[7]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned(),
            time: f[8].trim().parse().ok(),
            commit_time: f[9].trim().parse().ok(),
            message: message.to_owned(),
        });
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn reads_annotated_and_lightweight_tags_with_multiline_messages() {
        let out = "refs/tags/m#prod#1\0tag\0aaa\0m#prod#1\0commit\0ccc\0Ann Lee\0<ann@x.org>\x001700000000\0\
                   1690000000\0Line one\n\nclearance-record: {}\n\0\0\n\
                   refs/tags/m#prod#2\0commit\0ddd\0\0\0\0\0\0\0\0\0\0\n";
        let tags = parse_tags(out).unwrap();
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].name, "m#prod#1");
        assert!(tags[0].annotated);
        assert_eq!(tags[0].target, "ccc");
        assert_eq!(tags[0].tagger_email, "ann@x.org");
        assert_eq!(tags[0].time, Some(1_700_000_000));
        assert_eq!(tags[0].commit_time, Some(1_690_000_000));
        assert_eq!(tags[0].message, "Line one\n\nclearance-record: {}\n");
        assert_eq!(tags[1].name, "m#prod#2");
        assert!(!tags[1].annotated);
        assert_eq!(tags[1].target, "ddd");
        assert_eq!(tags[1].time, None);
        assert_eq!(parse_tags("").unwrap(), vec![]);
        assert!(parse_tags("refs/tags/x\0tag\0").is_err());
    }
}

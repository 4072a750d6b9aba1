//! A scratch git repository for the GTO tests: its own identity, commits to tag, tags made
//! with the git CLI as gto makes them. One file serves the unit tests
//! (`backends::gto::tests`) and the integration tests against the real gto (`tests/it/gto`,
//! which include it by path), so both build repositories the same way.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

/// Seconds since the epoch, `secs` ago: tags a test makes by hand are dated before the
/// writes it then asks for.
pub fn ago(secs: i64) -> i64 {
    chrono::Utc::now().timestamp() - secs
}

/// A git repository in a temporary directory, with an identity of its own and some commits.
pub struct Repo {
    pub dir: TempDir,
    pub commits: Vec<String>,
}

impl Repo {
    /// `n` commits, dated an hour ago.
    pub fn new(n: usize) -> Self {
        let repo = Self::empty("clearance-gto-");
        repo.git(&["init", "-q", "-b", "main"]);
        repo.configure();
        let mut repo = repo;
        for i in 0..n {
            std::fs::write(repo.path().join("model.txt"), format!("weights {i}\n")).unwrap();
            repo.git(&["add", "model.txt"]);
            repo.git_at(ago(3600), &["commit", "-q", "-m", &format!("train {i}")]);
            let sha = repo.git(&["rev-parse", "HEAD"]);
            repo.commits.push(sha);
        }
        repo
    }

    /// A bare repository, to be a remote.
    pub fn bare() -> Self {
        let repo = Self::empty("clearance-gto-origin-");
        repo.git(&["init", "-q", "--bare"]);
        repo.configure();
        repo
    }

    /// A temporary directory and no commits yet.
    pub fn empty(prefix: &str) -> Self {
        Self {
            dir: tempfile::Builder::new().prefix(prefix).tempdir().unwrap(),
            commits: Vec::new(),
        }
    }

    pub fn configure(&self) {
        for (k, v) in [
            ("user.name", "Lab Bot"),
            ("user.email", "lab@example.invalid"),
            ("tag.gpgSign", "false"),
            ("commit.gpgSign", "false"),
        ] {
            self.git(&["config", k, v]);
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git here and answers its trimmed output; panics with git's words on failure.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_env(args, &[])
    }

    /// Git with committer and author dates at `time` (an annotated tag's tagger date).
    pub fn git_at(&self, time: i64, args: &[&str]) -> String {
        let date = format!("{time} +0000");
        self.git_env(
            args,
            &[("GIT_COMMITTER_DATE", &date), ("GIT_AUTHOR_DATE", &date)],
        )
    }

    fn git_env(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args(args)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// An annotated tag on commit `i` at `time`, as gto writes one.
    pub fn tag(&self, name: &str, i: usize, time: i64, message: &str) {
        self.git_at(time, &["tag", "-a", name, "-m", message, &self.commits[i]]);
    }

    pub fn lightweight(&self, name: &str, i: usize) {
        self.git(&["tag", name, &self.commits[i]]);
    }

    pub fn tags(&self) -> BTreeSet<String> {
        self.git(&["tag", "--list"])
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The tag's tagger time.
    pub fn tag_time(&self, tag: &str) -> i64 {
        self.git(&[
            "for-each-ref",
            "--format=%(taggerdate:unix)",
            &format!("refs/tags/{tag}"),
        ])
        .parse()
        .unwrap()
    }
}

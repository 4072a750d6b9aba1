//! The GTO backend on real git repositories in temporary directories, tags made with the git
//! CLI as gto makes them. (`tests/it/gto` checks the same against the real `gto`.)

mod reads;
mod writes;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::{Gto, GtoSettings};

/// A scratch repository with a git identity of its own and commits to tag.
pub struct Repo {
    pub dir: TempDir,
    pub commits: Vec<String>,
}

/// Seconds since the epoch, a while ago: every tag a test makes by hand is dated before the
/// writes it then asks for.
pub fn ago(secs: i64) -> i64 {
    chrono::Utc::now().timestamp() - secs
}

impl Repo {
    /// A repository with `n` commits (dated an hour ago).
    pub fn new(n: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Self {
            dir,
            commits: Vec::new(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.configure();
        let mut repo = repo;
        for i in 0..n {
            std::fs::write(repo.path().join("model.txt"), format!("model {i}\n")).unwrap();
            repo.git(&["add", "model.txt"]);
            repo.git_at(ago(3600), &["commit", "-q", "-m", &format!("train {i}")]);
            let sha = repo.git(&["rev-parse", "HEAD"]);
            repo.commits.push(sha);
        }
        repo
    }

    /// A bare repository (a remote to push to).
    pub fn bare() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Self {
            dir,
            commits: Vec::new(),
        };
        repo.git(&["init", "-q", "--bare"]);
        repo.configure();
        repo
    }

    fn configure(&self) {
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

    pub fn open(&self) -> Gto {
        Gto::open(self.path()).unwrap()
    }

    pub fn open_with(&self, settings: GtoSettings) -> Gto {
        Gto::open_with(self.path(), settings).unwrap()
    }

    /// `git cat-file -p refs/tags/<tag>`.
    pub fn cat(&self, tag: &str) -> String {
        self.git(&["cat-file", "-p", &format!("refs/tags/{tag}")])
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

    pub fn tags(&self) -> Vec<String> {
        let out = self.git(&["tag", "--list"]);
        out.lines().map(str::to_owned).collect()
    }

    pub fn root(&self) -> PathBuf {
        self.path().canonicalize().unwrap()
    }
}

//! The sample DVC + GTO repository, built with the real `dvc`, `dvclive` and `gto` of the
//! cached venv ([`venv::dvc_venv`]) by `tests/support/make_dvc_repo.sh` (what it holds is
//! written at the top of the script), and handed to each test as a fresh copy.
//!
//! The build (about 30 s) happens once per version of the script and of the venv, into the
//! test cache next to the venvs, under a lock like theirs; every test gets its own copy
//! ([`sample_repo`]), so tests may commit, tag and run tools in it freely. Never run
//! `dvc queue start` in a copy: DVC's queue messages name the template's absolute path, and
//! the worker would run the template's queued experiment.
//!
//! Real tools run sealed: `HOME`, DVC's global, system and site-cache dirs inside the copy,
//! analytics off (`DVC_NO_ANALYTICS`; `ITERATIVE_DO_NOT_TRACK` for DVCLive's telemetry
//! library; gto 1.10.1 sends nothing, `GTO_NO_ANALYTICS` is set for later versions), no
//! network.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use super::venv::{self, cache_root, say, short_hash, tail};

/// The script that builds the repository.
const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/make_dvc_repo.sh"
);
/// Written inside a template once the script succeeded.
const STAMP: &str = ".clearance-ready";

/// The commits the script makes (the experiment commits differ between builds; these do not:
/// their dates are fixed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleCommits {
    /// "baseline: lr=0.01 epochs=10 hidden=64": exp-lr-high, exp-lr-low, exp-deep;
    /// `churn-model@v1.0.0`, `#prod`.
    pub baseline_a: String,
    /// "adopt exp-deep" (HEAD of `main`): exp-dropout-ß, exp-diverge, exp-queued (queued);
    /// `churn-model@v1.1.0`, `#staging`.
    pub baseline_b: String,
}

/// The built template: never handed out, only copied.
struct Template {
    dir: PathBuf,
    commits: SampleCommits,
    venv: &'static Path,
}

/// A private copy of the sample repository.
pub struct SampleRepo {
    dir: tempfile::TempDir,
    /// The repository (git and DVC root).
    pub root: PathBuf,
    pub commits: SampleCommits,
    venv: &'static Path,
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Result<Template, String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(build_template)
        .as_ref()
        .unwrap_or_else(|e| panic!("cannot build the sample DVC repository: {e}"))
}

fn build_template() -> Result<Template, String> {
    let venv = venv::dvc_venv()?;
    let script = fs::read(SCRIPT).map_err(|e| format!("cannot read '{SCRIPT}': {e}"))?;
    let stamp_text = fs::read_to_string(venv.join(".clearance-ready")).unwrap_or_default();
    let hash = short_hash(&[script.as_slice(), stamp_text.as_bytes()].concat());
    let root = cache_root()?;
    let dir = root.join(format!("dvc-sample-{hash}"));
    let commits = || read_commits(&dir.join("commits.txt"));
    if dir.join(STAMP).is_file() {
        return Ok(Template {
            commits: commits()?,
            dir,
            venv,
        });
    }
    fs::create_dir_all(&root).map_err(|e| format!("cannot create '{}': {e}", root.display()))?;
    let lock_path = root.join(format!("dvc-sample-{hash}.lock"));
    let lock = File::create(&lock_path)
        .map_err(|e| format!("cannot create '{}': {e}", lock_path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            say("another process is building the sample DVC repository; waiting for it");
            lock.lock()
                .map_err(|e| format!("cannot lock '{}': {e}", lock_path.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("cannot lock '{}': {e}", lock_path.display()));
        }
    }
    if !dir.join(STAMP).is_file() {
        say(&format!(
            "building the sample DVC repository in {} (once; about 30 s)",
            dir.display()
        ));
        let out = Command::new("bash")
            .arg(SCRIPT)
            .arg(&dir)
            .env("PATH", path_with(venv))
            .output()
            .map_err(|e| format!("cannot run bash: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{SCRIPT} failed ({}):\n{}",
                out.status,
                tail(&out, 30)
            ));
        }
        fs::write(dir.join(STAMP), "").map_err(|e| format!("cannot write the stamp: {e}"))?;
    }
    Ok(Template {
        commits: commits()?,
        dir,
        venv,
    })
}

fn read_commits(path: &Path) -> Result<SampleCommits, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
            .ok_or_else(|| format!("'{}' names no {key}", path.display()))
    };
    Ok(SampleCommits {
        baseline_a: get("baseline_a")?,
        baseline_b: get("baseline_b")?,
    })
}

/// `PATH` with the venv's `bin/` first.
fn path_with(venv: &Path) -> OsString {
    let mut dirs = vec![venv.join("bin")];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// `PATH` without any directory that holds a `dvc`: for the git-only reader.
pub fn path_without_dvc() -> OsString {
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .filter(|d| !d.join("dvc").exists())
        .collect();
    std::env::join_paths(dirs).unwrap()
}

/// A fresh copy of the sample repository (built on first use).
pub fn sample_repo() -> SampleRepo {
    let t = template();
    let dir = tempfile::Builder::new()
        .prefix("clearance-dvc-")
        .tempdir()
        .unwrap();
    let out = Command::new("cp")
        .arg("-a")
        .arg(t.dir.join("repo"))
        .arg(t.dir.join(".home"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "cp -a failed: {}", tail(&out, 5));
    let repo = SampleRepo {
        root: dir.path().join("repo"),
        commits: t.commits.clone(),
        venv: t.venv,
        dir,
    };
    // A sealed dvc for the library's own tests (see `dvc_program`).
    let wrapper = repo.dir.path().join("bin/dvc");
    fs::create_dir_all(wrapper.parent().unwrap()).unwrap();
    let mut script = String::from("#!/bin/sh\n");
    for (k, v) in repo.tool_env() {
        if k != "PATH" {
            writeln!(script, "export {k}='{}'", v.to_string_lossy()).unwrap();
        }
    }
    writeln!(
        script,
        "exec '{}' \"$@\"",
        venv::bin(t.venv, "dvc").display()
    )
    .unwrap();
    fs::write(&wrapper, script).unwrap();
    fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    repo
}

impl SampleRepo {
    /// The copy's home: tools' config and caches go here.
    pub fn home(&self) -> PathBuf {
        self.dir.path().join(".home")
    }

    /// The environment the real tools run in: the venv first on `PATH`, sealed dirs, no
    /// analytics.
    pub fn tool_env(&self) -> Vec<(&'static str, OsString)> {
        let home = self.home();
        let sub = |p: &str| home.join(p).into_os_string();
        vec![
            ("PATH", path_with(self.venv)),
            ("HOME", home.clone().into_os_string()),
            ("XDG_CONFIG_HOME", sub(".config")),
            ("XDG_CACHE_HOME", sub(".cache")),
            ("DVC_NO_ANALYTICS", "1".into()),
            ("DVC_GLOBAL_CONFIG_DIR", sub("dvc-global")),
            ("DVC_SYSTEM_CONFIG_DIR", sub("dvc-system")),
            ("DVC_SITE_CACHE_DIR", sub("dvc-site-cache")),
            ("DVC_STUDIO_OFFLINE", "1".into()),
            ("ITERATIVE_DO_NOT_TRACK", "1".into()),
            ("GTO_NO_ANALYTICS", "1".into()),
            ("GIT_CONFIG_GLOBAL", sub(".gitconfig")),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ]
    }

    /// A `dvc` for `DvcOptions::program` / `dvc.program`: a script that runs the venv's
    /// `dvc` in [`SampleRepo::tool_env`] (the library cannot change its own environment).
    pub fn dvc_program(&self) -> PathBuf {
        self.dir.path().join("bin/dvc")
    }

    fn tool(&self, program: &str, args: &[&str]) -> String {
        let out = Command::new(venv::bin(self.venv, program))
            .args(args)
            .current_dir(&self.root)
            .envs(self.tool_env())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?} failed ({}):\n{}",
            out.status,
            tail(&out, 30)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs the real `dvc` in the copy; its stdout.
    pub fn dvc(&self, args: &[&str]) -> String {
        self.tool("dvc", args)
    }

    /// `dvc exp show --json --rev <each baseline>`: what clearance must agree with.
    pub fn dvc_exp_show(&self) -> Value {
        let c = &self.commits;
        let json = self.dvc(&[
            "exp",
            "show",
            "--json",
            "--rev",
            &c.baseline_b,
            "--rev",
            &c.baseline_a,
        ]);
        // Python's json writes bare NaN, which serde refuses: quote it as clearance does.
        let json = json
            .replace(": NaN", ": \"NaN\"")
            .replace(": Infinity", ": \"Infinity\"")
            .replace(": -Infinity", ": \"-Infinity\"");
        serde_json::from_str(&json).unwrap()
    }

    /// Runs the real `gto` in the copy; its stdout.
    pub fn gto(&self, args: &[&str]) -> String {
        self.tool("gto", args)
    }

    /// Runs `git` in the copy; its stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .envs(self.tool_env())
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", tail(&out, 10));
        String::from_utf8(out.stdout).unwrap()
    }
}

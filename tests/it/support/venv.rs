//! Cached virtualenvs with the real tools the tests run (MLflow; DVC, DVCLive and GTO; the
//! W&B SDK; python-gitlab), each built once per constraints file and shared by every test process on the
//! machine.
//!
//! Where: `$CLEARANCE_TEST_CACHE`, else `~/.cache/clearance-tests`, in
//! `<kit>-venv-<hash of tests/support/<kit>-constraints.txt>`. Concurrent builders (two
//! `cargo test` runs, say) are serialized with a lock file, and a stamp file is written only
//! after a successful install, so a half-built venv (an interrupted run) is rebuilt.

use std::fs::{self, File, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Instant;

/// One set of pinned tools in a venv of its own.
pub struct Kit {
    /// Names the venv directory and the messages (`mlflow`, `dvc`, `wandb`).
    pub name: &'static str,
    /// The constraints file: a `pip freeze` of exactly the install of `requirements`.
    pub constraints: &'static str,
    pub requirements: &'static [&'static str],
    /// A program the install must leave in `bin/`.
    pub program: &'static str,
    /// Roughly how long the first install takes, for the progress line.
    pub secs: u32,
}

/// What the MLflow server needs: the skinny client plus the server's own imports (see
/// `shared/reference/mlflow-rest.md` §1); `huey` is not needed with the job runner off.
pub const MLFLOW: Kit = Kit {
    name: "mlflow",
    constraints: concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/mlflow-constraints.txt"
    ),
    requirements: &[
        "mlflow-skinny==3.17.2",
        "flask",
        "flask-cors",
        "sqlalchemy",
        "alembic",
        "aiohttp",
        "pandas",
    ],
    program: "mlflow",
    secs: 35,
};

/// DVC, DVCLive and GTO, the versions `shared/reference/wandb-dvc-gto.md` was measured with.
pub const DVC: Kit = Kit {
    name: "dvc",
    constraints: concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/dvc-constraints.txt"
    ),
    requirements: &["dvc==3.67.1", "dvclive==3.49.1", "gto==1.10.1"],
    program: "gto",
    secs: 60,
};

/// The official W&B SDK, whose public API checks the stand-in GraphQL server.
pub const WANDB: Kit = Kit {
    name: "wandb",
    constraints: concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/wandb-constraints.txt"
    ),
    requirements: &["wandb==0.31.0"],
    program: "wandb",
    secs: 40,
};

/// The official GitLab client, which checks the GitLab stand-in's answers.
pub const GITLAB: Kit = Kit {
    name: "gitlab",
    constraints: concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/gitlab-constraints.txt"
    ),
    requirements: &["python-gitlab==8.6.0"],
    program: "gitlab",
    secs: 10,
};

/// The release tooling: `check-jsonschema` (GitHub's workflow and action schemas, vendored)
/// and cargo-dist's `dist` (a build of upstream's tag packaged on the Python index, for
/// `x86_64` Linux only).
pub const RELEASE: Kit = Kit {
    name: "release",
    constraints: concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/release-constraints.txt"
    ),
    requirements: &[
        "check-jsonschema==0.39.0",
        "astral-dev-toolchain-cargo-dist==0.33.0",
    ],
    program: "dist",
    secs: 15,
};

/// Written inside the venv once pip succeeded.
const STAMP: &str = ".clearance-ready";

/// The MLflow venv's directory; built on first use, then reused. The error is the whole
/// explanation.
pub fn mlflow_venv() -> Result<&'static Path, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    cached(&VENV, &MLFLOW)
}

/// The venv with `dvc`, `dvclive` and `gto`.
pub fn dvc_venv() -> Result<&'static Path, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    cached(&VENV, &DVC)
}

/// The venv with the `wandb` SDK.
pub fn wandb_venv() -> Result<&'static Path, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    cached(&VENV, &WANDB)
}

/// The venv with `python-gitlab`.
pub fn gitlab_venv() -> Result<&'static Path, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    cached(&VENV, &GITLAB)
}

/// The venv with `check-jsonschema` and `dist`.
pub fn release_venv() -> Result<&'static Path, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    cached(&VENV, &RELEASE)
}

fn cached(
    cell: &'static OnceLock<Result<PathBuf, String>>,
    kit: &'static Kit,
) -> Result<&'static Path, String> {
    cell.get_or_init(|| ensure(kit))
        .as_ref()
        .map(PathBuf::as_path)
        .map_err(Clone::clone)
}

/// `<venv>/bin/<name>`.
pub fn bin(venv: &Path, name: &str) -> PathBuf {
    venv.join("bin").join(name)
}

/// Where cached venvs (and other built test material) live.
pub fn cache_root() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("CLEARANCE_TEST_CACHE").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|home| PathBuf::from(home).join(".cache/clearance-tests"))
        .ok_or_else(|| {
            "neither CLEARANCE_TEST_CACHE nor HOME is set: set CLEARANCE_TEST_CACHE to a \
             directory for the test venvs"
                .to_owned()
        })
}

/// FNV-1a, 64 bits: stable across Rust versions (unlike `DefaultHasher`), enough to name a
/// directory after a file's contents.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")[..12].to_owned()
}

/// The Python that builds venvs and runs helper scripts: `$CLEARANCE_TEST_PYTHON`, else
/// `python3`.
pub fn python() -> String {
    std::env::var("CLEARANCE_TEST_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_owned())
}

/// Progress goes straight to stderr, past the test harness's output capture: a first run
/// that sits silent for half a minute looks hung.
pub fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "[clearance tests] {msg}");
}

pub fn tail(out: &Output, lines: usize) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn ensure(kit: &Kit) -> Result<PathBuf, String> {
    let name = kit.name;
    let constraints = fs::read(kit.constraints).map_err(|e| {
        format!(
            "cannot read the {name} constraints file '{}': {e}",
            kit.constraints
        )
    })?;
    let hash = short_hash(&constraints);
    let root = cache_root()?;
    let venv = root.join(format!("{name}-venv-{hash}"));
    let python = python();
    let version = Command::new(&python)
        .arg("--version")
        .output()
        .map_err(|e| {
            format!(
                "cannot run '{python}' ({e}). The integration tests run the real {name} tools \
                 and need Python 3 with the venv module and pip: install them (Debian/Ubuntu: \
                 `apt-get install python3 python3-venv python3-pip`), or point \
                 CLEARANCE_TEST_PYTHON at a Python 3 interpreter"
            )
        })?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    let stamp = format!(
        "constraints {hash}\n{version}\npip install -c {name}-constraints.txt {}\n",
        kit.requirements.join(" ")
    );
    let is_ready = || fs::read_to_string(venv.join(STAMP)).is_ok_and(|s| s == stamp);
    if is_ready() {
        return Ok(venv);
    }

    fs::create_dir_all(&root)
        .map_err(|e| format!("cannot create the test cache '{}': {e}", root.display()))?;
    let lock_path = root.join(format!("{name}-venv-{hash}.lock"));
    let lock = File::create(&lock_path)
        .map_err(|e| format!("cannot create the lock file '{}': {e}", lock_path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            say(&format!(
                "another process is building the {name} venv in {}; waiting for it",
                venv.display()
            ));
            lock.lock()
                .map_err(|e| format!("cannot lock '{}': {e}", lock_path.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("cannot lock '{}': {e}", lock_path.display()));
        }
    }
    // Whoever held the lock may have finished the job.
    if is_ready() {
        return Ok(venv);
    }
    build(kit, &python, &venv)?;
    let tmp = venv.join(format!("{STAMP}.tmp"));
    fs::write(&tmp, &stamp)
        .and_then(|()| fs::rename(&tmp, venv.join(STAMP)))
        .map_err(|e| format!("cannot write the stamp in '{}': {e}", venv.display()))?;
    // The lock is released when `lock` is dropped.
    Ok(venv)
}

fn build(kit: &Kit, python: &str, venv: &Path) -> Result<(), String> {
    let name = kit.name;
    let started = Instant::now();
    say(&format!(
        "building the {name} venv in {} (once per constraints file; about {} s)",
        venv.display(),
        kit.secs
    ));
    if venv.exists() {
        fs::remove_dir_all(venv).map_err(|e| {
            format!(
                "cannot remove the unfinished venv '{}': {e}",
                venv.display()
            )
        })?;
    }
    let out = Command::new(python)
        .args(["-m", "venv"])
        .arg(venv)
        .output()
        .map_err(|e| format!("cannot run '{python} -m venv': {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "'{python} -m venv {}' failed ({}): install Python's venv module and pip \
             (Debian/Ubuntu: `apt-get install python3-venv python3-pip`).\n{}",
            venv.display(),
            out.status,
            tail(&out, 20)
        ));
    }
    let out = Command::new(bin(venv, "python"))
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-c",
            kit.constraints,
        ])
        .args(kit.requirements)
        .output()
        .map_err(|e| format!("cannot run pip in '{}': {e}", venv.display()))?;
    if !out.status.success() {
        return Err(format!(
            "pip could not install {name} into '{}' ({}). It needs pip in that venv \
             (Debian/Ubuntu: `apt-get install python3-pip python3-venv`) and access to PyPI \
             or a configured package index. pip said:\n{}",
            venv.display(),
            out.status,
            tail(&out, 30)
        ));
    }
    if !bin(venv, kit.program).exists() {
        return Err(format!(
            "pip finished but '{}' is missing",
            bin(venv, kit.program).display()
        ));
    }
    say(&format!(
        "{name} venv ready in {:.0} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

#[test]
fn hashes_are_stable_and_short() {
    // Pinned: a change here would silently rebuild every developer's venv.
    assert_eq!(short_hash(b""), "cbf29ce48422");
    assert_eq!(short_hash(b"a"), "af63dc4c8601");
    assert_eq!(short_hash(b"mlflow-skinny==3.17.2\n").len(), 12);
}

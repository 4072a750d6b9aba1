//! `tracing` to a file in the state dir; never to the terminal, which belongs to the UI or
//! to a script's output. The filter comes from `$CLEARANCE_LOG` (default `clearance=info`).

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging; returns the log file's path, or `None` when it cannot be written
/// (clearance then runs without a log rather than failing).
pub fn init() -> Option<PathBuf> {
    let dir = crate::config::state_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("clearance.log");
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter = EnvFilter::try_from_env("CLEARANCE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("clearance=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(path)
}

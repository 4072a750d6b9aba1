//! `tracing` to files in the state dir; never to the terminal, which belongs to the UI or
//! to a script's output.
//!
//! Files: `clearance.YYYY-MM-DD.log` (the UTC date), a new one each day; starting clearance
//! deletes all but the newest [`KEEP_FILES`]. `clearance.log` is a symlink to the current one.
//!
//! The filter, the first one set: `--log-level LEVEL` (clearance's own events at LEVEL),
//! `$CLEARANCE_LOG`, `$RUST_LOG` (both `tracing` filter directives, e.g.
//! `clearance=debug,h2=info`), else `clearance=info`. `CLEARANCE_LOG` comes before `RUST_LOG`
//! so that a `RUST_LOG` exported for other programs does not change clearance's log.

use std::path::Path;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// Log files kept, today's included (one a day at most).
pub const KEEP_FILES: usize = 7;
/// The symlink to the current log file.
pub const LATEST: &str = "clearance.log";
const DEFAULT: &str = "clearance=info";

/// `--log-level`: how much of clearance's own events the log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Error => "error",
            Self::Warn => "warn",
            Self::Info => "info",
            Self::Debug => "debug",
            Self::Trace => "trace",
        }
    }
}

/// Starts logging. Returns a warning for the person when a filter variable could not be
/// read (the default filter is used then). When the log cannot be written, clearance runs
/// without one rather than failing.
pub fn init(level: Option<Level>) -> Option<String> {
    let (directives, source) = directives(level, |k| std::env::var(k).ok());
    let (filter, warning) = match EnvFilter::try_new(&directives) {
        Ok(f) => (f, None),
        Err(e) => (
            EnvFilter::new(DEFAULT),
            Some(format!(
                "ignoring ${source}={directives:?} ({e}); the log records {DEFAULT}"
            )),
        ),
    };
    let Some(dir) = crate::config::state_dir() else {
        return warning;
    };
    let Ok(writer) = appender(&dir) else {
        return warning;
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    warning
}

/// The filter directives and where they came from, by the precedence in the module doc.
fn directives(
    level: Option<Level>,
    env: impl Fn(&str) -> Option<String>,
) -> (String, &'static str) {
    if let Some(level) = level {
        return (format!("clearance={}", level.name()), "--log-level");
    }
    for var in ["CLEARANCE_LOG", "RUST_LOG"] {
        if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
            return (v, var);
        }
    }
    (DEFAULT.to_owned(), "default")
}

/// The daily files in `dir`, old ones pruned, `clearance.log` pointing at today's.
fn appender(dir: &Path) -> Result<RollingFileAppender, String> {
    // Before the appender, which would complain on stderr about a missing directory.
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // Before rotation the log was one growing `clearance.log`: keep it, under a name the
    // pruning counts, instead of letting the symlink replace it.
    let latest = dir.join(LATEST);
    if latest.symlink_metadata().is_ok_and(|m| m.is_file()) {
        let _ = std::fs::rename(&latest, dir.join("clearance.unrotated.log"));
    }
    let builder = || {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("clearance")
            .filename_suffix("log")
            .max_log_files(KEEP_FILES)
    };
    // Two clearances starting at once may race for the symlink: the loser logs without it.
    builder()
        .latest_symlink(LATEST)
        .build(dir)
        .or_else(|_| builder().build(dir))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;
    use std::time::Duration;

    use pretty_assertions::assert_eq;

    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_flag_comes_first_then_clearance_log_then_rust_log() {
        let both = [("CLEARANCE_LOG", "clearance=warn"), ("RUST_LOG", "debug")];
        assert_eq!(
            directives(Some(Level::Trace), env(&both)),
            ("clearance=trace".to_owned(), "--log-level")
        );
        assert_eq!(
            directives(None, env(&both)),
            ("clearance=warn".to_owned(), "CLEARANCE_LOG")
        );
        assert_eq!(
            directives(None, env(&[("CLEARANCE_LOG", " "), ("RUST_LOG", "debug")])),
            ("debug".to_owned(), "RUST_LOG")
        );
        assert_eq!(
            directives(None, env(&[])),
            ("clearance=info".to_owned(), "default")
        );
    }

    #[test]
    fn starting_keeps_the_newest_files_and_links_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        let old: Vec<String> = (1..=9)
            .map(|d| format!("clearance.2020-01-0{d}.log"))
            .collect();
        for name in &old {
            std::fs::write(dir.path().join(name), "old\n").unwrap();
            // Pruning orders by creation time, which must differ.
            std::thread::sleep(Duration::from_millis(15));
        }
        std::fs::write(dir.path().join("notes.txt"), "not a log\n").unwrap();

        let mut log = appender(dir.path()).unwrap();
        writeln!(log, "today").unwrap();
        drop(log);

        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let today = std::fs::read_link(dir.path().join(LATEST)).unwrap();
        let today = today.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!old.contains(&today), "{today}");
        let mut expected: Vec<String> = old[old.len() - (KEEP_FILES - 1)..].to_vec();
        expected.extend([LATEST.to_owned(), today.clone(), "notes.txt".to_owned()]);
        expected.sort();
        assert_eq!(left, expected);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(LATEST)).unwrap(),
            "today\n"
        );
    }

    #[test]
    fn a_log_from_before_rotation_is_kept_beside_the_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LATEST), "from an older clearance\n").unwrap();
        let mut log = appender(dir.path()).unwrap();
        writeln!(log, "now").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("clearance.unrotated.log")).unwrap(),
            "from an older clearance\n"
        );
        assert!(
            dir.path()
                .join(LATEST)
                .symlink_metadata()
                .unwrap()
                .is_symlink()
        );
    }
}

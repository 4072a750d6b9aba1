//! Everything the commands print goes through here.
//!
//! - Text is made [`printable`](crate::domain::text::printable_lines): a stored name can
//!   neither retitle the terminal nor overprint a line. JSON is written exactly.
//! - A closed stdout (`clearance runs | head`) is a normal end, not a crash: the first write
//!   that finds the pipe closed fails with [`closed_error`], the command stops there, and
//!   `main` exits quietly with [`closed`]'s code.
//! - Any other failed write (a full disk) is an error with a message.
//! - stderr is best effort: a message that cannot be written is dropped.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use super::CliError;
use crate::domain::text::printable_lines;

/// Set by the first write that found stdout closed.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// The exit code for a closed stdout: what the command has settled when the reader leaves.
static CODE_IF_CLOSED: AtomicU8 = AtomicU8::new(0);

/// Says which exit code the command has settled so far, for when stdout closes before it
/// ends. By default 0: a listing cut short by its reader is still a success. `diff` settles
/// its verdict before it prints; a change settles "not done" (1) until it is done, so that
/// `promote ... | head -1` never claims a promotion that did not happen.
pub fn settle(code: u8) {
    CODE_IF_CLOSED.store(code, Ordering::Relaxed);
}

/// The quiet exit code, when stdout was found closed.
pub fn closed() -> Option<ExitCode> {
    CLOSED
        .load(Ordering::Relaxed)
        .then(|| ExitCode::from(CODE_IF_CLOSED.load(Ordering::Relaxed)))
}

/// The error a write returns once stdout is closed; `main` prints nothing for it.
fn closed_error() -> CliError {
    CliError("stdout is closed".into())
}

fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    if CLOSED.load(Ordering::Relaxed) {
        return Err(closed_error());
    }
    let mut out = std::io::stdout().lock();
    // Flushed at once: an error left in the buffer would be dropped silently at exit.
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Err(closed_error())
        }
        Err(e) => Err(CliError(format!("cannot write the output: {e}"))),
    }
}

/// Prints text as it is (it carries its own line breaks), made printable.
pub fn text(s: &str) -> Result<(), CliError> {
    write_stdout(printable_lines(s).as_bytes())
}

/// Prints one line of text, made printable.
pub fn line(s: &str) -> Result<(), CliError> {
    let mut s = printable_lines(s).into_owned();
    s.push('\n');
    write_stdout(s.as_bytes())
}

/// Prints JSON, pretty, with a trailing newline: exact, with nothing replaced (control
/// characters are escaped by JSON itself).
pub fn json(v: &serde_json::Value) -> Result<(), CliError> {
    let mut text = serde_json::to_string_pretty(v)?;
    text.push('\n');
    write_stdout(text.as_bytes())
}

/// Writes a message to stderr, made printable, with no line break (a prompt).
pub fn prompt(s: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(printable_lines(s).as_bytes())
        .and_then(|()| err.flush());
}

/// Writes one line to stderr, made printable.
pub fn err(s: &str) {
    let mut s = printable_lines(s).into_owned();
    s.push('\n');
    prompt(&s);
}

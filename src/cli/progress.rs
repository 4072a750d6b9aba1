//! Progress of long CLI work on stderr: a spinner with counts and the time so far, drawn only
//! when stderr is a terminal, so pipes, files and CI logs get nothing.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// How often the spinner turns (it moves during a slow request too, so a wait shows as one).
const TICK: Duration = Duration::from_millis(120);

/// A spinner; finished (cleared) when dropped, so an early `?` leaves no line behind.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    what: &'static str,
}

impl Progress {
    /// Starts `listing runs…` on stderr, if stderr is a terminal.
    pub fn start(what: &'static str) -> Self {
        Self::with_terminal(what, std::io::stderr().is_terminal())
    }

    fn with_terminal(what: &'static str, terminal: bool) -> Self {
        let bar = if terminal {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(TICK);
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(format!("{what}…"));
        Self { bar, what }
    }

    /// `listing runs… 1200 so far`.
    pub fn count(&self, n: usize) {
        self.bar.set_message(format!("{}… {n} so far", self.what));
    }

    /// What the spinner says now (for tests).
    #[cfg(test)]
    fn message(&self) -> String {
        self.bar.message()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_in_the_message_and_nothing_is_drawn_off_a_terminal() {
        let p = Progress::with_terminal("listing runs", false);
        assert!(p.bar.is_hidden());
        assert_eq!(p.message(), "listing runs…");
        p.count(1200);
        assert_eq!(p.message(), "listing runs… 1200 so far");
    }
}

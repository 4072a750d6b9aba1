//! Why the TUI could not start, or had to stop.

use std::io;

use crate::connect::ConnectError;

/// A failure of the TUI, with the message to print.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// There is no terminal to draw on or read keys from (the reason); the message says which
    /// commands work without one.
    #[error(
        "clearance's screens need a terminal, and {0}; in a script or a pipe use a command \
         instead: clearance runs, models, diff, history, alerts or prs (clearance --help lists \
         them)"
    )]
    NoTerminal(&'static str),
    /// The flags or the config name a store that cannot be opened.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// The flags, the config or the environment name both a GitHub repository and a GitLab
    /// project.
    #[error(transparent)]
    CodeHost(#[from] crate::host::HostError),
    /// The config does not fit the store, or its keys or theme cannot be used.
    #[error(transparent)]
    Config(#[from] crate::config::Invalid),
    /// The terminal or the signals failed: `cannot {doing}: {source}`.
    #[error("cannot {doing}: {source}")]
    Io {
        doing: &'static str,
        #[source]
        source: io::Error,
    },
}

impl RuntimeError {
    /// An I/O failure while doing something (`take over the terminal`, `draw`).
    pub fn io(doing: &'static str) -> impl FnOnce(io::Error) -> Self {
        move |source| Self::Io { doing, source }
    }
}

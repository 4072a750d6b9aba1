//! Why a command did not do its job, by kind. The kind decides the exit code
//! ([`CliError::exit_code`], where every code is listed) and the word the message starts
//! with; the message itself is for people, and `main` prints it once.

use std::fmt::Display;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::connect::ConnectError;
use crate::domain::change::ChangeError;
use crate::host::HostError;
use crate::ops::compare::CompareError;
use crate::runtime::RuntimeError;
use crate::store::BackendError;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line or the config asks for something that cannot be done as asked
    /// (`--override-gates` without `--reason`, a bad config file, no store named).
    #[error("{0}")]
    Usage(String),
    /// The command ran and said no: gates, a moved alias, not confirmed, read-only.
    #[error("{0}")]
    Refused(String),
    /// Another writer changed the same alias around this change.
    #[error("{0}")]
    Conflict(String),
    /// Something named is not there: a model, a run, a version.
    #[error("{0}")]
    NotFound(String),
    /// The work failed: a store, the code host, a file, the terminal.
    #[error("{0}")]
    Failed(String),
    /// The reader of stdout went away (`clearance runs | head`): nothing is printed, and
    /// `main` exits with the code the command settled (`out::closed`).
    #[error("stdout is closed")]
    Closed,
}

impl CliError {
    /// The command line or config cannot be followed as written.
    pub fn usage(message: impl Display) -> Self {
        Self::Usage(message.to_string())
    }

    /// The command said no.
    pub fn refused(message: impl Display) -> Self {
        Self::Refused(message.to_string())
    }

    /// Something named is not there.
    pub fn not_found(message: impl Display) -> Self {
        Self::NotFound(message.to_string())
    }

    /// The work failed.
    pub fn failed(message: impl Display) -> Self {
        Self::Failed(message.to_string())
    }

    /// How a change that did not happen ends the command: refused and conflicts exit 1,
    /// failures 2 (a partial change is a failure whose message says what state things are in).
    pub fn from_change(e: ChangeError) -> Self {
        match e {
            ChangeError::Refused(m) | ChangeError::Policy { message: m, .. } => Self::Refused(m),
            ChangeError::Conflict(m) => Self::Conflict(m),
            ChangeError::Failed(m) | ChangeError::Partial(m) => Self::Failed(m),
        }
    }

    /// The message for a terminal: `refused: ...`, `conflict: ...` or `error: ...`, without
    /// saying the word twice when the message starts with it.
    pub fn headline(&self) -> String {
        let word = match self {
            Self::Refused(_) => "refused",
            Self::Conflict(_) => "conflict",
            Self::Usage(_) | Self::NotFound(_) | Self::Failed(_) | Self::Closed => "error",
        };
        let text = self.to_string();
        if text.starts_with(word) {
            text
        } else {
            format!("{word}: {text}")
        }
    }

    /// The exit code of a command that ended with this error. Every exit code of clearance,
    /// in one place (`clearance --help` and the README say the same):
    ///
    /// | code  | most commands                                    | `alerts`                  |
    /// |-------|--------------------------------------------------|---------------------------|
    /// | 0     | done; `diff`: the gates pass                     | nothing firing            |
    /// | 1     | refused ([`Refused`], [`Conflict`]); `diff`: a gate failed | a warning       |
    /// | 2     | error (every other kind)                         | a critical alert          |
    /// | 3     | —                                                | any error, or no rule matched any monitored series |
    /// | 128+N | the TUI ended by signal N                        | —                         |
    ///
    /// The codes of a command that ran to its end (0, 1 for a failed gate, an alert's
    /// severity) are the command's own answer, returned as `Ok`; this decides the code of an
    /// `Err`. `alerts` keeps 1 and 2 for its severities, so every error of it is 3.
    /// A closed stdout exits with the code the command had settled instead
    /// ([`out::settle`](super::out::settle)).
    ///
    /// [`Refused`]: Self::Refused
    /// [`Conflict`]: Self::Conflict
    pub fn exit_code(&self, alerts: bool) -> ExitCode {
        ExitCode::from(self.code(alerts))
    }

    /// [`exit_code`](Self::exit_code) as a number, for taking the worst of several outcomes.
    pub fn code(&self, alerts: bool) -> u8 {
        match self {
            _ if alerts => 3,
            Self::Refused(_) | Self::Conflict(_) => 1,
            Self::Usage(_) | Self::NotFound(_) | Self::Failed(_) | Self::Closed => 2,
        }
    }
}

impl From<BackendError> for CliError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::NotFound(m) => Self::NotFound(m),
            other => Self::Failed(other.to_string()),
        }
    }
}

impl From<CompareError> for CliError {
    fn from(e: CompareError) -> Self {
        match e {
            CompareError::Backend(e) => e.into(),
            CompareError::Reference(m) => Self::NotFound(m),
        }
    }
}

impl From<HostError> for CliError {
    fn from(e: HostError) -> Self {
        Self::failed(e)
    }
}

impl From<ConnectError> for CliError {
    fn from(e: ConnectError) -> Self {
        match e {
            ConnectError::Open(m) => Self::Failed(m),
            other => Self::Usage(other.to_string()),
        }
    }
}

impl From<crate::config::Invalid> for CliError {
    fn from(e: crate::config::Invalid) -> Self {
        Self::usage(e)
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        Self::usage(e)
    }
}

impl From<RuntimeError> for CliError {
    fn from(e: RuntimeError) -> Self {
        match e {
            RuntimeError::Connect(e) => e.into(),
            RuntimeError::NoTerminal(_) | RuntimeError::Config(_) | RuntimeError::CodeHost(_) => {
                Self::usage(e)
            }
            RuntimeError::Io { .. } => Self::failed(e),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::failed(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        Self::failed(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_decides_the_exit_code_and_the_word() {
        let cases = [
            (CliError::refused("gates fail"), 1, "refused: gates fail"),
            (
                CliError::refused("refused, nothing changed: @prod moved"),
                1,
                "refused, nothing changed: @prod moved",
            ),
            (
                CliError::Conflict("@prod moved meanwhile".into()),
                1,
                "conflict: @prod moved meanwhile",
            ),
            (
                CliError::usage("--override-gates needs --reason TEXT"),
                2,
                "error: --override-gates needs --reason TEXT",
            ),
            (
                CliError::not_found("no registered model named 'x'"),
                2,
                "error: no registered model named 'x'",
            ),
            (CliError::failed("disk full"), 2, "error: disk full"),
            (CliError::failed("error: disk full"), 2, "error: disk full"),
        ];
        for (e, code, headline) in cases {
            assert_eq!(e.exit_code(false), ExitCode::from(code), "{e:?}");
            assert_eq!(e.exit_code(true), ExitCode::from(3), "{e:?}");
            assert_eq!(e.headline(), headline);
        }
    }

    #[test]
    fn changes_keep_their_kind() {
        let refused = CliError::from_change(ChangeError::Refused("read-only: demo".into()));
        assert!(matches!(refused, CliError::Refused(_)));
        let partial = CliError::from_change(ChangeError::Partial("moved, not recorded".into()));
        assert_eq!(partial.headline(), "error: moved, not recorded");
        assert_eq!(partial.exit_code(false), ExitCode::from(2));
        let conflict = CliError::from_change(ChangeError::Conflict("x".into()));
        assert_eq!(conflict.exit_code(false), ExitCode::from(1));
    }

    #[test]
    fn a_missing_thing_in_the_store_is_not_found() {
        let e = CliError::from(BackendError::NotFound("run 'r1' not found".into()));
        assert!(matches!(e, CliError::NotFound(_)));
        assert_eq!(e.headline(), "error: run 'r1' not found");
    }
}

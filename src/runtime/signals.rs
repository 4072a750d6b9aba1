//! Signals while the screens are up. Their default actions would end or stop the process with
//! the terminal raw, on the alternate screen and with the cursor hidden, so the loop catches
//! them, gives the terminal back (see [`super::terminal`]), and only then lets them act.
//!
//! - SIGTERM, SIGINT, SIGHUP, SIGQUIT: the program then ends by the same signal, so the
//!   parent sees what it expects (a shell reports `$?` as 128 + the signal's number, and a
//!   loop in a script stops on SIGINT).
//! - SIGTSTP: the program stops as it would have, and on SIGCONT takes the terminal again and
//!   repaints. In raw mode ctrl-z is a key, so this comes from `kill -TSTP` (or a job control
//!   shell stopping a whole process group).
//! - SIGCONT alone (after an external SIGSTOP): the shell may have reset the terminal while
//!   clearance was stopped, so it takes the terminal again too.
//!
//! Processes clearance starts (`git`, `dvc`, a browser) are unaffected: a handled signal is
//! reset to its default action in a child when it runs a new program.

/// What a caught signal asks of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    /// Give the terminal back, then end by this signal.
    End(i32),
    /// Give the terminal back and stop until SIGCONT.
    Suspend,
    /// Continued: take the terminal again and repaint.
    Resumed,
}

#[cfg(unix)]
mod imp {
    use std::io;

    use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use tokio::signal::unix::{Signal, SignalKind, signal};

    use super::Caught;

    /// The signals the loop answers, each with its stream.
    pub struct Signals(Vec<(i32, Signal)>);

    impl Signals {
        pub fn new() -> io::Result<Self> {
            [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT]
                .into_iter()
                .map(|n| Ok((n, signal(SignalKind::from_raw(n))?)))
                .collect::<io::Result<_>>()
                .map(Self)
        }

        /// The next signal; never resolves once the streams have ended.
        pub async fn recv(&mut self) -> Caught {
            let next = futures::future::select_all(
                self.0
                    .iter_mut()
                    .map(|(n, s)| Box::pin(async move { s.recv().await.map(|()| *n) })),
            );
            match next.await.0 {
                Some(SIGTSTP) => Caught::Suspend,
                Some(SIGCONT) => Caught::Resumed,
                Some(n) => Caught::End(n),
                None => std::future::pending().await,
            }
        }
    }

    /// Stops the process as SIGTSTP's default action would; returns once it is continued.
    pub fn stop() -> io::Result<()> {
        signal_hook::low_level::emulate_default_handler(SIGTSTP)
    }

    /// Ends the process by `signal`, as its default action would have. Returns only when
    /// that failed.
    pub fn die_by(signal: i32) -> io::Result<()> {
        signal_hook::low_level::emulate_default_handler(signal)
    }
}

#[cfg(not(unix))]
mod imp {
    use std::io;

    use super::Caught;

    /// No POSIX signals here: the streams never yield.
    pub struct Signals;

    impl Signals {
        pub fn new() -> io::Result<Self> {
            Ok(Self)
        }

        pub async fn recv(&mut self) -> Caught {
            std::future::pending().await
        }
    }

    pub fn stop() -> io::Result<()> {
        Ok(())
    }

    pub fn die_by(_signal: i32) -> io::Result<()> {
        Ok(())
    }
}

pub use imp::{Signals, die_by, stop};

/// SIGHUP's number on every POSIX system: the program ends as by a hang-up when its terminal
/// goes away without one (a closed window, seen by the terminal no longer answering).
pub const HANGUP: i32 = 1;

/// The exit code a shell shows for a process ended by `signal`, for when it could not be
/// ended by the signal itself.
pub fn exit_code(signal: i32) -> std::process::ExitCode {
    std::process::ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
}

//! The reviewer's side of a change on a terminal: who approves, the gates with any override
//! and reason, and the confirmation (typed, or `--yes`). Shared by promote, rollback, baseline
//! and promote --via pr.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use chrono::Utc;

use super::sink::Sink;
use super::{CliError, OK, out, refused};
use crate::config::{Config, Confirm};
use crate::domain::change::Approval;
use crate::domain::promotion::GateRecord;
use crate::ops::promote;
use crate::report::json::change::ResultKind;

/// Now, to the millisecond (audit tags are keyed by milliseconds).
pub(super) fn now() -> chrono::DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(3)
}

/// Asks on the terminal; `Ok(false)` when the answer is not the expected one.
pub(super) fn ask(prompt: &str, expected: &str) -> Result<bool, CliError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::usage(
            "cannot ask for confirmation: stdin is not a terminal; pass --yes to confirm",
        ));
    }
    out::prompt(prompt);
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(line.trim() == expected)
}

pub(super) fn confirm(
    config: &Config,
    alias: &str,
    subject: &str,
    yes: bool,
) -> Result<bool, CliError> {
    if yes {
        return Ok(true);
    }
    match config.promotion.confirm_for(alias) {
        Confirm::Name => ask(&format!("Type '{subject}' to confirm: "), subject),
        Confirm::Yes => ask("Confirm? [y/N] ", "y"),
    }
}

/// Where a command stands after the reviewer's side of a change is known.
pub(super) enum Approved {
    /// Go on to the confirmation with this approval.
    Go(Approval),
    /// The command ends here with this code: the gates refuse.
    Stop(ExitCode),
    /// A dry run: nothing is confirmed or changed; the caller may judge more (the policy)
    /// and ends with [`dry_run_done`].
    DryRun(Approval),
}

/// The end of a dry run that nothing refused.
pub(super) fn dry_run_done(sink: &mut Sink) -> Result<ExitCode, CliError> {
    sink.record(|d| d.result = ResultKind::DryRun);
    sink.line("dry run: nothing changed")?;
    Ok(OK)
}

/// The reviewer's side of a planned move: who approves (printed), and the gates with any
/// override and reason; refuses when the gates fail without a reasoned override, and stops a
/// dry run here (answering [`Approved::DryRun`]), telling `sink` (the `--json` document) what it decided. Shared by promote,
/// rollback and promote --via pr.
pub(super) async fn approve(
    sink: &mut Sink,
    config: &Config,
    gates: Option<GateRecord>,
    override_gates: bool,
    reason: Option<&String>,
    dry_run: bool,
) -> Result<Approved, CliError> {
    let by = crate::ops::identity::who(&config.user).await;
    sink.record(|d| d.gates.clone_from(&gates));
    let approval = Approval {
        by: by.clone(),
        at: now(),
        gates,
        override_gates,
        reason: reason.cloned(),
    };
    if let Err(e) = promote::check_gates(&approval) {
        out::err(&format!("refused: {e}"));
        sink.record(|d| d.refused(&e.to_string()));
        return Ok(Approved::Stop(refused()));
    }
    sink.record(|d| d.approved_by = Some(by.clone()));
    sink.line(&format!("recorded as: {by}"))?;
    if dry_run {
        return Ok(Approved::DryRun(approval));
    }
    Ok(Approved::Go(approval))
}

//! `promote`, `rollback`, `baseline` and `apply` with `--json`: what was planned, how it
//! ended, and the record written.

use schemars::JsonSchema;
use serde::Serialize;

use super::{EventJson, SchemaVersion};
use crate::domain::change::{ChangeError, Outcome};
use crate::domain::promotion::{AliasPlan, BaselinePlan, ChangeKind, GateRecord};

/// How a change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// The change was made and recorded (exit 0).
    Done,
    /// Nothing needed to change: the alias already points there (exit 0).
    NothingToDo,
    /// A dry run whose checks passed: the plan and the gates; nothing changed (exit 0).
    DryRun,
    /// Refused before anything was written: gates, read-only, not confirmed (exit 1).
    Refused,
    /// Another writer moved the same alias around this move (exit 1).
    Conflict,
    /// The store failed; nothing was changed (exit 2).
    Failed,
    /// Something was written and could not be undone; the message says what (exit 2).
    Partial,
}

impl ResultKind {
    pub fn of_error(e: &ChangeError) -> Self {
        match e {
            ChangeError::Refused(_) | ChangeError::Policy { .. } => Self::Refused,
            ChangeError::Conflict(_) => Self::Conflict,
            ChangeError::Failed(_) => Self::Failed,
            ChangeError::Partial(_) => Self::Partial,
        }
    }
}

/// What a change would move.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PlanJson {
    pub kind: ChangeKind,
    /// The registered model, or for a baseline the experiment's name.
    pub subject: String,
    /// The alias moved; for a baseline, the baseline tag.
    pub alias: String,
    /// The version (a run id for a baseline) it points at now; `null` when unset.
    pub from: Option<String>,
    pub to: String,
    /// As the text output says it: `production: v3 → v4`.
    pub description: String,
}

impl From<&AliasPlan> for PlanJson {
    fn from(p: &AliasPlan) -> Self {
        Self {
            kind: p.kind,
            subject: p.model.clone(),
            alias: p.alias.clone(),
            from: p.from.as_ref().map(|v| v.as_str().to_owned()),
            to: p.to.as_str().to_owned(),
            description: p.describe(),
        }
    }
}

impl From<&BaselinePlan> for PlanJson {
    fn from(p: &BaselinePlan) -> Self {
        Self {
            kind: ChangeKind::Baseline,
            subject: p.experiment_name.clone(),
            alias: String::new(),
            from: p.current.as_ref().map(ToString::to_string),
            to: p.run.to_string(),
            description: p.describe(),
        }
    }
}

/// `promote`, `rollback` or `baseline` with `--json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ChangeDoc {
    pub schema_version: SchemaVersion,
    /// `promote`, `rollback` or `baseline`.
    pub command: &'static str,
    pub dry_run: bool,
    /// What was planned; `null` when the command stopped before it had a plan.
    pub plan: Option<PlanJson>,
    /// The gates as judged; `null` when none applied (or they were not judged).
    pub gates: Option<GateRecord>,
    /// Who the change is recorded as; `null` when the command stopped before asking.
    pub approved_by: Option<String>,
    pub result: ResultKind,
    /// Why it was refused or failed, or why nothing needed to change; `null` when done or a
    /// dry run.
    pub message: Option<String>,
    /// The audit record written; `null` unless the change was done.
    pub record: Option<EventJson>,
    /// What was done but not recorded everywhere.
    pub warnings: Vec<String>,
}

impl ChangeDoc {
    /// A document that has only begun: the command ran into nothing yet.
    pub fn new(command: &'static str, dry_run: bool) -> Self {
        Self {
            schema_version: SchemaVersion,
            command,
            dry_run,
            plan: None,
            gates: None,
            approved_by: None,
            result: ResultKind::Refused,
            message: None,
            record: None,
            warnings: Vec::new(),
        }
    }

    /// Sets how the change ended.
    pub fn end(&mut self, result: &Result<Outcome, ChangeError>) {
        match result {
            Ok(Outcome::Done { entry, warnings }) => {
                self.result = ResultKind::Done;
                self.record = Some(EventJson::from(entry.as_ref()));
                self.warnings.clone_from(warnings);
            }
            Ok(Outcome::NothingToDo(m)) => self.nothing_to_do(m),
            Err(e) => {
                self.result = ResultKind::of_error(e);
                self.message = Some(e.to_string());
            }
        }
    }

    pub fn nothing_to_do(&mut self, message: &str) {
        self.result = ResultKind::NothingToDo;
        self.message = Some(message.to_owned());
    }

    pub fn refused(&mut self, message: &str) {
        self.result = ResultKind::Refused;
        self.message = Some(message.to_owned());
    }
}

/// One model of a deployment file, as `apply --json` reports it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PinJson {
    pub model: String,
    pub result: ResultKind,
    /// What would move (a dry run), why nothing needed to, or why it was refused or failed;
    /// `null` when done.
    pub message: Option<String>,
    /// The audit record written; `null` unless the alias moved.
    pub record: Option<EventJson>,
    pub warnings: Vec<String>,
}

/// `apply FILE --json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ApplyDoc {
    pub schema_version: SchemaVersion,
    /// The deployment file, as given.
    pub file: String,
    pub dry_run: bool,
    /// Who applies, recorded after the approver.
    pub applied_by: String,
    /// One entry per pinned model, in file order.
    pub models: Vec<PinJson>,
}

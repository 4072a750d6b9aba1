//! A change approved by a person, and how it ended: the reviewer's side of a move
//! ([`Approval`]), what it did ([`Outcome`]) and why it did not ([`ChangeError`]).

use chrono::{DateTime, Utc};

use super::promotion::{AuditEntry, ChangeKind, GateRecord};
use super::store::StoreIdentity;

/// The reviewer's side of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub by: String,
    pub at: DateTime<Utc>,
    /// The gates the reviewer saw (`None`: none apply, or nothing holds the alias to compare
    /// with).
    pub gates: Option<GateRecord>,
    pub override_gates: bool,
    pub reason: Option<String>,
}

impl Approval {
    /// The record of this approval for a change made in `store`: `to` is a version, or for
    /// baselines a run id; `from` is what held it before (`None`: nothing).
    pub fn record(
        &self,
        store: &StoreIdentity,
        action: ChangeKind,
        subject: &str,
        alias: &str,
        from: Option<String>,
        to: String,
    ) -> AuditEntry {
        AuditEntry {
            at: self.at,
            by: self.by.clone(),
            action,
            subject: subject.to_owned(),
            alias: alias.to_owned(),
            from,
            to,
            gates: self.gates.clone(),
            overridden: self.override_gates,
            reason: self.reason.clone().filter(|r| !r.trim().is_empty()),
            store: store.label().to_owned(),
            store_id: Some(store.key().to_owned()),
        }
    }
}

/// How a change ended, when nothing went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The alias moved and the change is recorded; warnings say what was not recorded.
    Done {
        entry: Box<AuditEntry>,
        warnings: Vec<String>,
    },
    /// The alias already pointed there: nothing was changed or recorded.
    NothingToDo(String),
}

/// Why a change did not happen (or did not fully happen).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// Refused before anything was written: gates, a moved alias, read-only.
    #[error("{0}")]
    Refused(String),
    /// Talking to the store failed; nothing was changed.
    #[error("{0}")]
    Failed(String),
    /// Something was written and could not be undone; the message says what state things are in.
    #[error("{0}")]
    Partial(String),
    /// The move was written, but another writer moved the same alias around it: the store
    /// does not hold exactly this move on the state that was checked. The message says what
    /// is there now; nothing was recorded as done.
    #[error("{0}")]
    Conflict(String),
    /// Refused before anything was written because the promotion policy does not allow the
    /// move: `unmet` names each rule not met, `message` says what each still needs.
    #[error("{message}")]
    Policy {
        unmet: Vec<super::policy::CheckKind>,
        message: String,
    },
}

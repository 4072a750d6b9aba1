//! What clearance records about the policy: refusals, requests, approvals, withdrawals,
//! overrides and the freeze switch, each as one [`PolicyEvent`] beside the moves' own records.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::check::{Check, CheckKind, CheckState, PolicyVerdict};
use crate::domain::promotion::GateRecord;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A move the policy did not allow; nothing was written to the store.
    Refused,
    /// A move made under a policy, with its checklist (overrides show as `overridden`).
    Allowed,
    /// A promotion request was recorded.
    Requested,
    /// Someone approved a request.
    Approved,
    /// The requester withdrew a request.
    Withdrawn,
    /// The freeze switch was set.
    FreezeOn,
    /// The freeze switch was cleared.
    FreezeOff,
}

/// One point of the checklist as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckRecord {
    pub kind: CheckKind,
    pub state: StateRecord,
    pub detail: String,
}

/// How a check came out, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateRecord {
    Met,
    Unmet,
    Overridden,
}

impl From<&Check> for CheckRecord {
    fn from(c: &Check) -> Self {
        Self {
            kind: c.kind,
            state: match c.state {
                CheckState::Met => StateRecord::Met,
                CheckState::Unmet { .. } => StateRecord::Unmet,
                CheckState::Overridden => StateRecord::Overridden,
            },
            detail: c.detail.clone(),
        }
    }
}

/// One recorded policy event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEvent {
    pub event: EventKind,
    pub at: DateTime<Utc>,
    /// Who did it: the mover, requester, approver or on-call.
    pub by: String,
    /// The registered model; for a freeze, the glob of models it holds.
    pub subject: String,
    /// The alias the move is to; empty for a freeze.
    pub alias: String,
    /// What the alias held at the time.
    #[serde(default)]
    pub from: Option<String>,
    /// The version the move is to; `None` for a freeze.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub gates: Option<GateRecord>,
    #[serde(default)]
    pub reason: Option<String>,
    /// The rule that governed the move (`* @production`), if any.
    #[serde(default)]
    pub rule: Option<String>,
    /// The checklist at the time.
    #[serde(default)]
    pub checks: Vec<CheckRecord>,
    pub store: String,
    pub store_id: Option<String>,
}

impl PolicyEvent {
    /// The checklist of `verdict`, recorded.
    pub fn checks_of(verdict: &PolicyVerdict) -> Vec<CheckRecord> {
        verdict.checks.iter().map(CheckRecord::from).collect()
    }

    /// Whether a check was passed by an override.
    pub fn overridden(&self) -> bool {
        self.checks
            .iter()
            .any(|c| c.state == StateRecord::Overridden)
    }
}

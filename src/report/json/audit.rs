//! `clearance audit --format jsonl`: one line per recorded move, request, approval, override,
//! refusal, freeze and outside move, each a document of its own (`clearance schema audit`).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::SchemaVersion;
use crate::domain::policy::CheckRecord;
use crate::domain::promotion::GateRecord;

/// What an audit row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    Promote,
    Rollback,
    /// A stage taken off a version (GTO's unassignment).
    Unassign,
    /// A move the policy refused; nothing was written.
    Refused,
    Requested,
    Approved,
    Withdrawn,
    FreezeOn,
    FreezeOff,
    /// An alias whose version has no matching record: moved outside clearance, at an unknown
    /// time, by an unknown person.
    OutsideMove,
}

/// The policy in force for a row: the rule that governed it and the checklist then.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PolicyInForce {
    /// `models @alias` of the rule; `null` when only a freeze governed it.
    pub rule: Option<String>,
    pub checks: Vec<CheckRecord>,
}

/// One audit row.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AuditRow {
    pub schema_version: SchemaVersion,
    pub kind: AuditKind,
    /// When; `null` for an outside move (its time is unknown).
    pub at: Option<DateTime<Utc>>,
    /// Who; `null` for an outside move.
    pub by: Option<String>,
    /// The registered model; for a freeze, the glob of models it held.
    pub model: String,
    /// The alias; `null` for a freeze.
    pub alias: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub gates: Option<GateRecord>,
    /// Whether failing gates, or a freeze of the policy, were overridden.
    pub overridden: bool,
    pub reason: Option<String>,
    /// The policy in force, where one governed the row; `null` otherwise.
    pub policy: Option<PolicyInForce>,
    /// Where, for people (never with credentials).
    pub store: String,
    /// The store's identity; `null` in records written before clearance kept it.
    pub store_id: Option<String>,
}

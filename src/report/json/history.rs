//! `history --json`, and the record a change writes (also part of the change documents).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::SchemaVersion;
use crate::domain::promotion::{AuditEntry, ChangeKind, GateRecord};
use crate::domain::{RegisteredModel, VersionId};

/// One recorded change: the audit entry, with every key present.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EventJson {
    pub at: DateTime<Utc>,
    /// Who approved it: `Name <email>`.
    pub by: String,
    pub action: ChangeKind,
    /// The registered model (promotions, rollbacks) or experiment (baselines).
    pub subject: String,
    /// The alias moved, or the baseline tag.
    pub alias: String,
    /// A version, or for baselines a run id; `null` when nothing held it before.
    pub from: Option<String>,
    pub to: String,
    /// The gates the change was approved with; `null` when none applied.
    pub gates: Option<GateRecord>,
    /// Whether failing gates were overridden.
    pub overridden: bool,
    pub reason: Option<String>,
    /// Where, for people: `MLflow at http://...` (never with credentials).
    pub store: String,
    /// The store's identity; `null` in records written before clearance kept it.
    pub store_id: Option<String>,
}

impl From<&AuditEntry> for EventJson {
    fn from(e: &AuditEntry) -> Self {
        Self {
            at: e.at,
            by: e.by.clone(),
            action: e.action,
            subject: e.subject.clone(),
            alias: e.alias.clone(),
            from: e.from.clone(),
            to: e.to.clone(),
            gates: e.gates.clone(),
            overridden: e.overridden,
            reason: e.reason.clone(),
            store: e.store.clone(),
            store_id: e.store_id.clone(),
        }
    }
}

/// `history MODEL --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct HistoryDoc {
    pub schema_version: SchemaVersion,
    pub model: String,
    /// Alias → the version it points at now.
    pub aliases: BTreeMap<String, VersionId>,
    /// The recorded changes, newest first.
    pub events: Vec<EventJson>,
    /// Alias → version, for each alias whose version no record explains: it was moved
    /// outside clearance, by someone, at an unknown time.
    pub moved_outside: BTreeMap<String, VersionId>,
}

impl HistoryDoc {
    pub fn new(model: &RegisteredModel, entries: &[AuditEntry]) -> Self {
        Self {
            schema_version: SchemaVersion,
            model: model.name.clone(),
            aliases: model.aliases.clone(),
            events: entries.iter().map(EventJson::from).collect(),
            moved_outside: crate::domain::promotion::moved_outside(model, entries)
                .into_iter()
                .collect(),
        }
    }
}

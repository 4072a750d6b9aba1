//! `policy check --json`: the policy's checklist for one move.

use schemars::JsonSchema;
use serde::Serialize;

use super::SchemaVersion;
use crate::domain::policy::{Check, CheckKind, CheckState, PolicyVerdict};

/// One point of the checklist.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckJson {
    pub kind: KindJson,
    pub state: StateJson,
    /// Whether an override with a reason may pass it (freezes); true for an overridden one.
    pub overridable: bool,
    /// What holds, or what is still needed, in words.
    pub detail: String,
}

/// Which rule a check is about.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindJson {
    Mover,
    Approvals,
    StageOrder,
    CriticalAlert,
    FreezeWindow,
    FreezeSwitch,
}

/// How it came out.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateJson {
    Met,
    Unmet,
    Overridden,
}

/// `policy check MODEL VERSION --to ALIAS --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PolicyDoc {
    pub schema_version: SchemaVersion,
    pub model: String,
    /// The version's id (`4`).
    pub version: String,
    pub alias: String,
    /// Who the move is judged as made by.
    pub mover: String,
    pub rollback: bool,
    /// `models @alias` globs of the rule that governs the move; `null` when none does.
    pub rule: Option<String>,
    /// Whether every point is met (or overridden).
    pub allowed: bool,
    pub checks: Vec<CheckJson>,
}

impl PolicyDoc {
    pub fn new(
        model: &str,
        version: &str,
        alias: &str,
        mover: &str,
        rollback: bool,
        verdict: &PolicyVerdict,
    ) -> Self {
        Self {
            schema_version: SchemaVersion,
            model: model.to_owned(),
            version: version.to_owned(),
            alias: alias.to_owned(),
            mover: mover.to_owned(),
            rollback,
            rule: verdict.rule.clone(),
            allowed: verdict.allowed(),
            checks: verdict.checks.iter().map(check).collect(),
        }
    }
}

fn check(c: &Check) -> CheckJson {
    let (state, overridable) = match c.state {
        CheckState::Met => (StateJson::Met, false),
        CheckState::Unmet { overridable } => (StateJson::Unmet, overridable),
        CheckState::Overridden => (StateJson::Overridden, true),
    };
    CheckJson {
        kind: match c.kind {
            CheckKind::Mover => KindJson::Mover,
            CheckKind::Approvals => KindJson::Approvals,
            CheckKind::StageOrder => KindJson::StageOrder,
            CheckKind::CriticalAlert => KindJson::CriticalAlert,
            CheckKind::FreezeWindow => KindJson::FreezeWindow,
            CheckKind::FreezeSwitch => KindJson::FreezeSwitch,
        },
        state,
        overridable,
        detail: c.detail.clone(),
    }
}

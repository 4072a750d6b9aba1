//! Promotion policy: who may move which alias, how many must agree, and what must hold first.
//!
//! A policy is data (`[policy]` in the config, or a policy file in the repository that CI
//! reads) and [`check`] is a pure function of the policy and a [`MoveContext`]: the move asked
//! for, who asks, who approved, what the version went through and what fires now. It answers
//! point by point ([`Check`]), so the approve dialog shows a checklist and `clearance policy
//! check` explains what is still needed.
//!
//! The rules, after what teams ask of every registry (promotion-anchors.md):
//! - **movers**: identities or `group:NAME`s allowed to move an alias; anyone else may
//!   request, never move (Unity Catalog's owner-only alias changes, W&B's protected aliases,
//!   mlflow#24742);
//! - **approvals**: N distinct approvers, where neither the requester nor the author of the
//!   candidate's run counts (Comet's request-then-approve, `SageMaker`'s manual approval);
//! - **stage order**: a version takes the alias only after holding another one (`staging`)
//!   for a while, with every gate passing as recorded then (gto#321, mlflow#7762);
//! - **freeze**: no move while a critical alert fires for the model unless it is a rollback,
//!   weekly freeze windows in a named time zone, and a switch on-call sets with a reason.
//!   Freezes can be overridden with a reason and, when configured, a second person.
//!
//! Rules bind what clearance does. Someone who writes to the store directly is not stopped by
//! a client: the README's "Policy" section says what each backend can enforce itself.

mod check;
mod duration;
mod freeze;
mod record;
mod request;

use std::collections::BTreeMap;

pub use self::check::{
    Check, CheckKind, CheckState, Held, MoveContext, Override, PolicyVerdict, check,
};
pub use self::duration::{format_duration, parse_duration};
pub use self::freeze::{FREEZE_TAG, FreezeSwitch, FreezeWindow, WeeklyTime};
pub use self::record::{CheckRecord, EventKind, PolicyEvent, StateRecord};
pub use self::request::{
    APPROVAL_TAG_PREFIX, OpenRequest, PromotionRequest, REQUEST_TAG_PREFIX, RequestApproval,
    RequestState, approval_key, request_key,
};
use super::name_pattern::wildcard;

/// The whole policy. The default has no rules: anyone may move anything, as before policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Policy {
    /// Rules per model and alias; the first rule whose globs match a move governs it.
    pub rules: Vec<AliasRule>,
    /// `group:NAME` in `movers` means any identity listed here under NAME.
    pub groups: BTreeMap<String, Vec<String>>,
    pub freeze: FreezePolicy,
    /// How long a promotion request stays open (`None`: [`DEFAULT_REQUEST_TTL_DAYS`]).
    pub request_ttl: Option<chrono::Duration>,
}

/// How long a promotion request stays open unless `[policy] request_ttl` says otherwise.
pub const DEFAULT_REQUEST_TTL_DAYS: i64 = 7;

/// What governs moves of aliases matching `alias` on models matching `models`.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasRule {
    /// A glob over model names (`*` any run of characters, `?` one), matched ignoring case.
    pub models: String,
    /// A glob over alias names.
    pub alias: String,
    /// Who may move it: identities, or `group:NAME`. Empty: anyone.
    pub movers: Vec<String>,
    /// Distinct approvers needed besides the mover's own confirmation; the requester and the
    /// author of the candidate's run never count.
    pub approvals: u32,
    /// The alias a version must hold first, and for how long.
    pub after: Option<StageOrder>,
}

/// "Only after holding `alias` for at least `min_hold`, with its gates passing then."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageOrder {
    pub alias: String,
    pub min_hold: chrono::Duration,
}

/// When no move may happen.
#[derive(Debug, Clone, PartialEq)]
pub struct FreezePolicy {
    /// Globs over the aliases freezes hold back (default `production` and `champion`): moving
    /// `@staging` on a Friday evening harms no one.
    pub aliases: Vec<String>,
    /// No move to a governed alias while a critical alert fires for the model, unless the
    /// move is a rollback.
    pub on_critical_alert: bool,
    pub windows: Vec<FreezeWindow>,
    /// An override of a freeze needs a second person besides the mover.
    pub override_needs_second: bool,
}

impl Default for FreezePolicy {
    fn default() -> Self {
        Self {
            aliases: vec!["production".to_owned(), "champion".to_owned()],
            on_critical_alert: false,
            windows: Vec::new(),
            override_needs_second: false,
        }
    }
}

impl FreezePolicy {
    /// Whether freezes hold back moves of `alias`.
    pub fn holds_back(&self, alias: &str) -> bool {
        self.aliases.iter().any(|a| glob(a, alias))
    }
}

impl AliasRule {
    /// Whether this rule governs moves of `alias` on `model`.
    pub fn governs(&self, model: &str, alias: &str) -> bool {
        glob(&self.models, model) && glob(&self.alias, alias)
    }
}

impl Policy {
    /// How long a promotion request stays open.
    pub fn request_ttl(&self) -> chrono::Duration {
        self.request_ttl
            .unwrap_or_else(|| chrono::Duration::days(DEFAULT_REQUEST_TTL_DAYS))
    }

    /// The rule that governs a move, if any.
    pub fn rule_for(&self, model: &str, alias: &str) -> Option<&AliasRule> {
        self.rules.iter().find(|r| r.governs(model, alias))
    }

    /// Whether `who` is named by `entry` (an identity or `group:NAME`), ignoring case.
    pub fn names(&self, entry: &str, who: &str) -> bool {
        match entry.strip_prefix("group:") {
            Some(group) => self
                .groups
                .get(group)
                .is_some_and(|members| members.iter().any(|m| same_identity(m, who))),
            None => same_identity(entry, who),
        }
    }

    /// Whether `who` may move aliases under `rule`.
    pub fn may_move(&self, rule: &AliasRule, who: &str) -> bool {
        rule.movers.is_empty() || rule.movers.iter().any(|e| self.names(e, who))
    }

    /// Problems a person should fix in the policy: groups named but not defined, rules that
    /// can never be met. Empty when the policy is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            for entry in &rule.movers {
                if let Some(group) = entry.strip_prefix("group:")
                    && !self.groups.contains_key(group)
                {
                    out.push(format!(
                        "rule {} ({} @{}): the group '{group}' is not defined in [policy.groups]",
                        i + 1,
                        rule.models,
                        rule.alias
                    ));
                }
            }
            if let Some(after) = &rule.after
                && glob(&rule.alias, &after.alias)
            {
                out.push(format!(
                    "rule {} ({} @{}): a version must hold @{} first, which this rule itself \
                     governs, so no version could ever take it",
                    i + 1,
                    rule.models,
                    rule.alias,
                    after.alias
                ));
            }
        }
        out
    }
}

/// Identities compare ignoring case and surrounding blanks (`Alice` is `alice`).
pub fn same_identity(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Whether `text` (a model or alias name) matches `pattern` (`*` any run of characters, `?`
/// one), ignoring case: how the policy's globs, and `--model GLOB`, match.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    wildcard(&p, &t, '*', '?')
}

#[cfg(test)]
mod tests;

//! The policy applied to one move, point by point.

use chrono::{DateTime, Utc};

use super::duration::format_duration;
use super::freeze::FreezeSwitch;
use super::{AliasRule, Policy, same_identity};

/// Everything the policy looks at for one move.
#[derive(Debug, Clone)]
pub struct MoveContext<'a> {
    pub model: &'a str,
    /// The version's label (`v4`).
    pub version: &'a str,
    pub alias: &'a str,
    /// Who confirms the move.
    pub mover: &'a str,
    /// Who asked for it; without a request, the mover asks.
    pub requester: Option<&'a str>,
    /// Who created the candidate's run (`mlflow.user`), when known.
    pub run_author: Option<&'a str>,
    /// Everyone who recorded an approval of this move (the mover too, if they did).
    pub approvers: &'a [String],
    /// What the version went through before: the stage it held, since when (and until, if it
    /// no longer holds it), and whether its gates passed as recorded when it took it.
    pub held: Option<Held<'a>>,
    /// Names of the critical alerts firing now for the model.
    pub firing_critical: &'a [String],
    /// Whether the team's metric rules gate anything: without gates, the stage order asks
    /// for the hold alone.
    pub gates_configured: bool,
    /// A rollback returns a version that held the alias before.
    pub rollback: bool,
    /// The freeze switch set on the model, given only where it holds this alias back (the
    /// freeze's aliases and the production alias, whatever the store names it): it freezes
    /// the move even when the freeze's aliases do not list the alias.
    pub switch: Option<&'a FreezeSwitch>,
    pub now: DateTime<Utc>,
    pub override_: Option<&'a Override>,
}

/// A stage a version held.
#[derive(Debug, Clone, Copy)]
pub struct Held<'a> {
    pub alias: &'a str,
    /// `None`: it holds the stage, but no record says since when (it was moved outside
    /// clearance), so its hold cannot be counted.
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// `None`: no gate record was written when it took the stage.
    pub gates_passed: Option<bool>,
}

/// An override of a freeze: a reason, and a second person where the policy asks for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub reason: String,
    pub second: Option<String>,
}

/// Which rule a check is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Mover,
    Approvals,
    StageOrder,
    CriticalAlert,
    FreezeWindow,
    FreezeSwitch,
}

impl CheckKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Mover => "who may move",
            Self::Approvals => "approvals",
            Self::StageOrder => "stage order",
            Self::CriticalAlert => "critical alerts",
            Self::FreezeWindow => "freeze window",
            Self::FreezeSwitch => "freeze switch",
        }
    }
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckState {
    Met,
    /// Not met; `overridable` says whether an override with a reason may pass it.
    Unmet {
        overridable: bool,
    },
    /// Not met, passed by an override.
    Overridden,
}

/// One point of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub kind: CheckKind,
    pub state: CheckState,
    /// What holds, or what is still needed, in words.
    pub detail: String,
}

/// The checklist for a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVerdict {
    /// `fraud-* @production`: the rule that governs the move, if any.
    pub rule: Option<String>,
    pub checks: Vec<Check>,
}

impl PolicyVerdict {
    /// Whether the move may go ahead.
    pub fn allowed(&self) -> bool {
        !self
            .checks
            .iter()
            .any(|c| matches!(c.state, CheckState::Unmet { .. }))
    }

    /// The checks still unmet.
    pub fn unmet(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| matches!(c.state, CheckState::Unmet { .. }))
    }

    /// "refused by policy: approvals: 1 of 2 ..." for a refusal message.
    pub fn refusal(&self) -> Option<String> {
        let unmet: Vec<String> = self
            .unmet()
            .map(|c| format!("{}: {}", c.kind.label(), c.detail))
            .collect();
        (!unmet.is_empty()).then(|| format!("refused by policy: {}", unmet.join("; ")))
    }
}

fn met(kind: CheckKind, detail: String) -> Check {
    Check {
        kind,
        state: CheckState::Met,
        detail,
    }
}

fn unmet(kind: CheckKind, overridable: bool, detail: String) -> Check {
    Check {
        kind,
        state: CheckState::Unmet { overridable },
        detail,
    }
}

/// The policy applied to `ctx`, point by point.
pub fn check(policy: &Policy, ctx: &MoveContext<'_>) -> PolicyVerdict {
    let rule = policy.rule_for(ctx.model, ctx.alias);
    let mut checks = Vec::new();
    if let Some(rule) = rule {
        checks.push(mover(policy, rule, ctx));
        if rule.approvals > 0 {
            checks.push(approvals(rule, ctx));
        }
        if let Some(order) = &rule.after {
            checks.push(stage_order(order, ctx));
        }
    }
    // The switch is in the facts only where it holds the alias back (the freeze's aliases and
    // the production alias, whatever it is named); windows and alerts hold the freeze's.
    if policy.freeze.holds_back(ctx.alias) || ctx.switch.is_some() {
        freezes(policy, ctx, &mut checks);
    }
    PolicyVerdict {
        rule: rule.map(|r| format!("{} @{}", r.models, r.alias)),
        checks,
    }
}

fn mover(policy: &Policy, rule: &AliasRule, ctx: &MoveContext<'_>) -> Check {
    if policy.may_move(rule, ctx.mover) {
        let who = if rule.movers.is_empty() {
            "anyone may move it".to_owned()
        } else {
            format!("{} is one of {}", ctx.mover, rule.movers.join(", "))
        };
        return met(CheckKind::Mover, who);
    }
    unmet(
        CheckKind::Mover,
        false,
        format!(
            "{} may request this move but not make it: @{} of {} is moved by {}",
            ctx.mover,
            ctx.alias,
            ctx.model,
            rule.movers.join(", ")
        ),
    )
}

fn approvals(rule: &AliasRule, ctx: &MoveContext<'_>) -> Check {
    let requester = ctx.requester.unwrap_or(ctx.mover);
    let mut counted: Vec<&str> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for a in ctx.approvers {
        if seen.iter().any(|c| same_identity(c, a)) {
            continue;
        }
        seen.push(a);
        if same_identity(a, requester) {
            refused.push(format!("{a} asked for the move"));
        } else if ctx
            .run_author
            .is_some_and(|author| same_identity(a, author))
        {
            refused.push(format!("{a} authored the candidate's run"));
        } else {
            counted.push(a);
        }
    }
    let need = rule.approvals as usize;
    let have = counted.len();
    let mut detail = if counted.is_empty() {
        format!("0 of {need} approvals")
    } else {
        format!("{have} of {need} approvals ({})", counted.join(", "))
    };
    if !refused.is_empty() {
        detail = format!("{detail}; not counted: {}", refused.join(", "));
    }
    if have >= need {
        met(CheckKind::Approvals, detail)
    } else {
        detail = format!(
            "{detail}; {} more from someone other than the requester and the run's author",
            need - have
        );
        unmet(CheckKind::Approvals, false, detail)
    }
}

fn stage_order(order: &super::StageOrder, ctx: &MoveContext<'_>) -> Check {
    let kind = CheckKind::StageOrder;
    if ctx.rollback {
        return met(
            kind,
            "a rollback returns a version that held the alias before".to_owned(),
        );
    }
    let Some(held) = ctx
        .held
        .filter(|h| h.alias.eq_ignore_ascii_case(&order.alias))
    else {
        return unmet(
            kind,
            false,
            format!(
                "{} must hold @{} for {} before taking @{}; it never held it",
                ctx.version,
                order.alias,
                format_duration(order.min_hold),
                ctx.alias
            ),
        );
    };
    let Some(since) = held.since else {
        return unmet(
            kind,
            false,
            format!(
                "{} holds @{}, but no record says since when (it was moved outside \
                 clearance), so its {} hold cannot be counted",
                ctx.version,
                order.alias,
                format_duration(order.min_hold)
            ),
        );
    };
    let end = held.until.unwrap_or(ctx.now);
    let held_for = end - since;
    if held_for < order.min_hold {
        let left = order.min_hold - held_for;
        let more = if held.until.is_none() {
            format!("; {} to go", format_duration(left))
        } else {
            " and no longer holds it".to_owned()
        };
        return unmet(
            kind,
            false,
            format!(
                "{} held @{} for {} of the {} required{more}",
                ctx.version,
                order.alias,
                format_duration(held_for),
                format_duration(order.min_hold)
            ),
        );
    }
    if !ctx.gates_configured {
        return met(
            kind,
            format!(
                "held @{} for {} (no metric is gated, so there are no gates to pass)",
                order.alias,
                format_duration(held_for)
            ),
        );
    }
    match held.gates_passed {
        Some(true) => met(
            kind,
            format!(
                "held @{} for {}, with every gate passing when it took it",
                order.alias,
                format_duration(held_for)
            ),
        ),
        Some(false) => unmet(
            kind,
            false,
            format!("its gates failed when it took @{}", order.alias),
        ),
        None => unmet(
            kind,
            false,
            format!(
                "no gate record was written when it took @{}, so it is unknown whether its \
                 gates passed",
                order.alias
            ),
        ),
    }
}

fn freezes(policy: &Policy, ctx: &MoveContext<'_>, checks: &mut Vec<Check>) {
    let f = &policy.freeze;
    let mut frozen = Vec::new();
    let held_back = f.holds_back(ctx.alias);
    if held_back && f.on_critical_alert && !ctx.firing_critical.is_empty() {
        if ctx.rollback {
            checks.push(met(
                CheckKind::CriticalAlert,
                format!(
                    "{} firing, but a rollback is allowed",
                    ctx.firing_critical.join(", ")
                ),
            ));
        } else {
            frozen.push((
                CheckKind::CriticalAlert,
                format!(
                    "critical alert firing for {}: {}",
                    ctx.model,
                    ctx.firing_critical.join(", ")
                ),
            ));
        }
    }
    for w in f
        .windows
        .iter()
        .filter(|w| held_back && w.contains(ctx.now))
    {
        frozen.push((
            CheckKind::FreezeWindow,
            format!("inside the freeze window {}", w.describe()),
        ));
    }
    if let Some(s) = ctx.switch.filter(|s| s.holds(ctx.now)) {
        let detail = format!(
            "frozen by {} since {}: {}",
            s.by,
            s.at.format("%Y-%m-%d %H:%M UTC"),
            s.reason
        );
        // On-call freezes to stop new versions going out, not to keep a bad one in: as
        // during a critical alert, going back is allowed.
        if ctx.rollback {
            checks.push(met(
                CheckKind::FreezeSwitch,
                format!("{detail}, but a rollback is allowed"),
            ));
        } else {
            frozen.push((CheckKind::FreezeSwitch, detail));
        }
    }
    for (kind, detail) in frozen {
        checks.push(overridden(f.override_needs_second, ctx, kind, detail));
    }
}

/// A freeze check, passed by an override that has what the policy asks of one.
fn overridden(needs_second: bool, ctx: &MoveContext<'_>, kind: CheckKind, detail: String) -> Check {
    let Some(o) = ctx.override_ else {
        return unmet(kind, true, detail);
    };
    if o.reason.trim().is_empty() {
        return unmet(kind, true, format!("{detail}; an override needs a reason"));
    }
    if needs_second {
        match o.second.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                return unmet(
                    kind,
                    true,
                    format!("{detail}; an override needs a second person"),
                );
            }
            Some(second) if same_identity(second, ctx.mover) => {
                return unmet(
                    kind,
                    true,
                    format!("{detail}; the second person must be someone other than the mover"),
                );
            }
            Some(_) => {}
        }
    }
    Check {
        kind,
        state: CheckState::Overridden,
        detail: format!("{detail}; overridden: {}", o.reason.trim()),
    }
}

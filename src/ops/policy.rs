//! The facts a promotion policy looks at, read from the store: who authored the candidate's
//! run, which stage the version held and since when (from the recorded history), and which
//! critical alerts fire for the model. [`crate::domain::policy::check`] judges them.

use chrono::{DateTime, SubsecRound, Utc};

use super::audit::AuditLog;
use super::monitoring::evaluate_all;
use crate::config::Config;
use crate::domain::alert::Severity;
use crate::domain::change::{Approval, ChangeError};
use crate::domain::policy::{
    EventKind, FreezeSwitch, Held, MoveContext, OpenRequest, Override, Policy, PolicyEvent,
    PolicyVerdict, check,
};
use crate::domain::promotion::{AliasPlan, AuditEntry, ChangeKind};
use crate::domain::{RegisteredModel, VersionId};
use crate::store::{Backend, BackendError};

pub use crate::domain::policy::FREEZE_TAG;

/// The freeze switch set on `model`, if any. A tag that does not parse is a switch set by
/// someone, with an unknown reason: a freeze must not vanish because its record is garbled.
pub fn freeze_switch(model: &RegisteredModel) -> Option<FreezeSwitch> {
    let raw = model.tags.get(FREEZE_TAG)?;
    Some(
        serde_json::from_str::<FreezeSwitch>(raw).unwrap_or_else(|_| FreezeSwitch {
            by: "unknown".to_owned(),
            at: DateTime::<Utc>::UNIX_EPOCH,
            reason: format!("the tag {FREEZE_TAG} holds no readable record: {raw}"),
            until: None,
        }),
    )
}

/// Sets (`on`) or clears the freeze switch on every registered model whose name matches
/// `models`, as the model tag [`FREEZE_TAG`], and records it with `reason` in `log`. Answers
/// the models it changed, and warnings. A store that keeps no tags on models refuses.
pub async fn set_freeze(
    backend: &Backend,
    by: &str,
    models: &str,
    on: bool,
    reason: Option<&str>,
    log: Option<&AuditLog>,
) -> Result<(Vec<String>, Vec<String>), ChangeError> {
    let writer = super::promote::writer(backend)?;
    let all = backend
        .registry
        .models()
        .await
        .map_err(|e| ChangeError::Failed(e.to_string()))?;
    let names: Vec<String> = all
        .iter()
        .filter(|m| crate::domain::policy::glob(models, &m.name))
        .map(|m| m.name.clone())
        .collect();
    if names.is_empty() {
        return Err(ChangeError::Refused(format!(
            "no registered model matches '{models}': nothing changed"
        )));
    }
    let at = Utc::now().trunc_subsecs(3);
    let switch = on.then(|| FreezeSwitch {
        by: by.to_owned(),
        at,
        reason: reason.unwrap_or_default().trim().to_owned(),
        until: None,
    });
    let json = switch
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| ChangeError::Failed(e.to_string()))?;
    let mut done = Vec::new();
    for name in &names {
        let result = match &json {
            Some(j) => writer.set_model_tag(name, FREEZE_TAG, j).await,
            None => writer.delete_model_tag(name, FREEZE_TAG).await,
        };
        if let Err(e) = result {
            let what = if switch.is_some() { "set" } else { "cleared" };
            let message = if done.is_empty() {
                format!("could not change the freeze switch of '{name}': {e}")
            } else {
                format!(
                    "the freeze switch was {what} on {} but not on '{name}' ({e}); the other \
                     models were not changed",
                    done.join(", ")
                )
            };
            return Err(if done.is_empty() {
                ChangeError::Failed(message)
            } else {
                ChangeError::Partial(message)
            });
        }
        done.push(name.clone());
    }
    let mut warnings = Vec::new();
    if let Some(log) = log {
        let event = PolicyEvent {
            event: if switch.is_some() {
                EventKind::FreezeOn
            } else {
                EventKind::FreezeOff
            },
            at,
            by: by.to_owned(),
            subject: models.to_owned(),
            alias: String::new(),
            from: None,
            to: None,
            gates: None,
            reason: reason.map(|r| r.trim().to_owned()),
            rule: None,
            checks: Vec::new(),
            store: backend.store.label().to_owned(),
            store_id: Some(backend.store.key().to_owned()),
        };
        if let Err(e) = log.append_event(&event) {
            warnings.push(format!("{e} (the switch is set in the store)"));
        }
    }
    Ok((done, warnings))
}

/// What enforcing the policy on a move needs besides the move and its approval: the config
/// (the policy, and the alert and metric rules it reads), and who asked and agreed.
#[derive(Debug, Clone, Copy)]
pub struct Enforcement<'a> {
    pub config: &'a Config,
    /// Who the policy judges as the mover; `None`: the approval's `by`.
    pub mover: Option<&'a str>,
    /// Who asked for the move, when it comes from a request.
    pub requester: Option<&'a str>,
    /// Who approved it (a request's approvals, or a pull request's reviews).
    pub approvers: &'a [String],
    /// An override of a freeze: its reason and, where asked for, a second person.
    pub override_: Option<&'a Override>,
}

impl<'a> Enforcement<'a> {
    /// A move confirmed by one person, with no request, approvals or override.
    pub fn direct(config: &'a Config) -> Self {
        Self {
            config,
            mover: None,
            requester: None,
            approvers: &[],
            override_: None,
        }
    }
}

/// The policy, or an error naming the bad key.
pub fn load(config: &Config) -> Result<Policy, ChangeError> {
    config
        .policy
        .policy()
        .map_err(|(key, e)| ChangeError::Failed(format!("the policy is not valid: {key}: {e}")))
}

/// Whether anything of `policy` (or a freeze switch) governs moving `alias` of `model`. A
/// switch set on the model holds back the freeze's aliases and, whatever they are named,
/// the production alias: `freeze on` never says "frozen" and lets production move.
fn governs(policy: &Policy, model: &RegisteredModel, alias: &str, production: &str) -> bool {
    let f = &policy.freeze;
    let switched =
        model.tags.contains_key(FREEZE_TAG) && (f.holds_back(alias) || alias == production);
    policy.rule_for(&model.name, alias).is_some()
        || switched
        || f.holds_back(alias) && (f.on_critical_alert || !f.windows.is_empty())
}

/// The open request for the move, recorded on the version, counted for `people`; or a note
/// saying why a request found does not count (expired, stale).
fn request_for(
    model: &RegisteredModel,
    plan: &AliasPlan,
    approval: &Approval,
    people: &mut People,
) -> (Option<OpenRequest>, Option<String>) {
    let Some(open) = model
        .version(&plan.to)
        .and_then(|v| OpenRequest::read(&v.tags, &plan.alias))
    else {
        return (None, None);
    };
    match open.counts(
        model.aliases.get(&plan.alias),
        approval.gates.as_ref(),
        Utc::now(),
    ) {
        Ok(()) => {
            people.requester = Some(open.request.requester.clone());
            people.approvers = open.approvers();
            (Some(open), None)
        }
        Err(note) => (None, Some(note)),
    }
}

/// An allowed move under a policy: the event to record once it is done, and the request it
/// fulfils (its tags are removed after the move).
#[derive(Debug, Clone)]
pub struct Governed {
    pub event: PolicyEvent,
    pub request: Option<OpenRequest>,
}

/// The policy's judgement of a move: the checklist, who it counted, and the request the
/// move would fulfil (or why a request found does not count).
struct Judged {
    verdict: PolicyVerdict,
    people: People,
    request: Option<OpenRequest>,
    request_note: Option<String>,
}

/// Judges `plan` under the policy, as [`enforce`] does, without recording anything; `None`
/// when nothing governs the move.
async fn judge_move(
    backend: &Backend,
    enforcement: &Enforcement<'_>,
    plan: &AliasPlan,
    approval: &Approval,
    model: &RegisteredModel,
    log: Option<&AuditLog>,
) -> Result<Option<Judged>, ChangeError> {
    let policy = load(enforcement.config)?;
    let production = &enforcement.config.aliases.production;
    if !governs(&policy, model, &plan.alias, production) {
        return Ok(None);
    }
    let history = crate::ops::audit::history(log, &backend.store, model)?;
    let facts = facts(
        backend,
        enforcement.config,
        &policy,
        model,
        &history,
        &plan.to,
        &plan.alias,
    )
    .await?;
    let mut people = People {
        mover: enforcement.mover.unwrap_or(&approval.by).to_owned(),
        requester: enforcement.requester.map(str::to_owned),
        approvers: enforcement.approvers.to_vec(),
        rollback: plan.kind == ChangeKind::Rollback,
        override_: enforcement.override_.cloned(),
    };
    // A request for this move, recorded in the store, brings its requester and approvals.
    let (request, request_note) = if people.requester.is_none() && people.approvers.is_empty() {
        request_for(model, plan, approval, &mut people)
    } else {
        (None, None)
    };
    let verdict = judge(&policy, &facts, &people, Utc::now());
    Ok(Some(Judged {
        verdict,
        people,
        request,
        request_note,
    }))
}

/// What the policy would say of a move now, for a dry run: the checklist and, when it would
/// refuse, the refusal's message. `None`: nothing governs the move. Nothing is recorded.
pub async fn preview(
    backend: &Backend,
    enforcement: &Enforcement<'_>,
    plan: &AliasPlan,
    approval: &Approval,
    model: &RegisteredModel,
    log: Option<&AuditLog>,
) -> Result<Option<(PolicyVerdict, Option<String>)>, ChangeError> {
    let Some(j) = judge_move(backend, enforcement, plan, approval, model, log).await? else {
        return Ok(None);
    };
    let refusal = j.verdict.refusal().map(|m| match &j.request_note {
        Some(note) => format!("{m} ({note})"),
        None => m,
    });
    Ok(Some((j.verdict, refusal)))
}

/// The policy applied to a move about to be written: every write path goes through here
/// (`ops::promote::execute`). `model` is the model as read just before writing. A move the
/// policy does not allow is [`ChangeError::Policy`], naming each unmet rule, and the refusal
/// is recorded in `log`; an allowed move under a policy answers the event to record once the
/// move is done (`None`: nothing governs the move, as before policy).
pub async fn enforce(
    backend: &Backend,
    enforcement: &Enforcement<'_>,
    plan: &AliasPlan,
    approval: &Approval,
    model: &RegisteredModel,
    log: Option<&AuditLog>,
) -> Result<Option<Governed>, ChangeError> {
    let Some(Judged {
        verdict,
        people,
        request,
        request_note,
    }) = judge_move(backend, enforcement, plan, approval, model, log).await?
    else {
        return Ok(None);
    };
    let allowed = verdict.allowed();
    let event = PolicyEvent {
        event: if allowed {
            EventKind::Allowed
        } else {
            EventKind::Refused
        },
        at: approval.at,
        by: people.mover.clone(),
        subject: plan.model.clone(),
        alias: plan.alias.clone(),
        from: plan.from.as_ref().map(|v| v.as_str().to_owned()),
        to: Some(plan.to.as_str().to_owned()),
        gates: approval.gates.clone(),
        reason: enforcement
            .override_
            .map(|o| o.reason.clone())
            .or_else(|| approval.reason.clone())
            .filter(|r| !r.trim().is_empty()),
        rule: verdict.rule.clone(),
        checks: PolicyEvent::checks_of(&verdict),
        store: backend.store.label().to_owned(),
        store_id: Some(backend.store.key().to_owned()),
    };
    if allowed {
        return Ok(Some(Governed { event, request }));
    }
    let mut message = verdict.refusal().unwrap_or_default();
    if let Some(note) = request_note {
        message = format!("{message} ({note})");
    }
    if let Some(log) = log
        && let Err(e) = log.append_event(&event)
    {
        message = format!("{message} (and the refusal could not be recorded: {e})");
    }
    Err(ChangeError::Policy {
        unmet: verdict.unmet().map(|c| c.kind).collect(),
        message: format!("{message}; nothing changed"),
    })
}

/// The checklist the policy gives the move `plan` confirmed now by `mover`, judged as
/// [`enforce`] will judge it (on the model as the store holds it now, counting an open
/// request's approvals when its gates still hold); `None` when nothing governs the move. For
/// the approve dialog, which shows it before the reviewer confirms.
pub async fn checklist(
    backend: &Backend,
    config: &Config,
    settings: &crate::domain::ReviewSettings,
    plan: &AliasPlan,
    mover: &str,
    log: Option<&AuditLog>,
) -> Result<Option<PolicyVerdict>, ChangeError> {
    let model = super::promote::registered(backend, &plan.model).await?;
    // The gates as the move would record them: a request counts only with the same ones.
    let holder = model.aliases.get(&plan.alias);
    let cmp = super::gates::compare_move(backend, &model, holder, &plan.to, settings).await?;
    let approval = Approval {
        by: mover.to_owned(),
        at: Utc::now(),
        gates: super::gates::record(cmp.as_ref()),
        override_gates: false,
        reason: None,
    };
    let enforcement = Enforcement {
        mover: Some(mover),
        ..Enforcement::direct(config)
    };
    Ok(preview(backend, &enforcement, plan, &approval, &model, log)
        .await?
        .map(|(verdict, _)| verdict))
}

/// What the store says about a move, owned, so a [`MoveContext`] can borrow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub model: String,
    pub version: VersionId,
    pub alias: String,
    pub run_author: Option<String>,
    pub held: Option<HeldFacts>,
    pub firing_critical: Vec<String>,
    /// Whether the team's metric rules gate anything.
    pub gates_configured: bool,
    /// The freeze switch set on the model, if any.
    pub switch: Option<FreezeSwitch>,
}

/// A stage the version held, as the history records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldFacts {
    pub alias: String,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub gates_passed: Option<bool>,
}

/// Who asks and who agreed, beside the facts.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub mover: String,
    pub requester: Option<String>,
    pub approvers: Vec<String>,
    pub rollback: bool,
    pub override_: Option<Override>,
}

/// Reads the facts of moving `alias` of `model` to `version` under `policy`: only what the
/// policy's rules look at is read (no alert evaluation without a critical-alert freeze).
/// `history` is the model's recorded moves, newest first, as [`super::promote::history`]
/// reads them with the model.
pub async fn facts(
    backend: &Backend,
    config: &Config,
    policy: &Policy,
    model: &RegisteredModel,
    history: &[AuditEntry],
    version: &VersionId,
    alias: &str,
) -> Result<Facts, ChangeError> {
    let failed = |e: BackendError| ChangeError::Failed(e.to_string());
    let v = model.version(version).ok_or_else(|| {
        ChangeError::Refused(format!(
            "model '{}' has no version {}",
            model.name,
            version.label()
        ))
    })?;
    let rule = policy.rule_for(&model.name, alias);
    let run_author = match (&v.run_id, rule.is_some_and(|r| r.approvals > 0)) {
        (Some(id), true) => match backend.runs.run(id).await {
            Ok(run) => Some(run.user).filter(|u| !u.trim().is_empty()).or_else(|| {
                run.tags
                    .get("mlflow.user")
                    .filter(|u| !u.trim().is_empty())
                    .map(ToString::to_string)
            }),
            Err(BackendError::NotFound(_)) => None,
            Err(e) => return Err(failed(e)),
        },
        _ => None,
    };
    let held = rule
        .and_then(|r| r.after.as_ref())
        .and_then(|order| held_from(history, model, version, &order.alias));
    let firing_critical = if policy.freeze.holds_back(alias) && policy.freeze.on_critical_alert {
        firing_critical(backend, config, &model.name).await?
    } else {
        Vec::new()
    };
    let gates_configured = config
        .metric_rules()
        .map_err(|e| ChangeError::Failed(e.to_string()))?
        .has_gates();
    Ok(Facts {
        gates_configured,
        // The switch holds back the freeze's aliases and the production alias, whatever the
        // store calls it (`prod` on GTO).
        switch: freeze_switch(model)
            .filter(|_| policy.freeze.holds_back(alias) || alias == config.aliases.production),
        model: model.name.clone(),
        version: version.clone(),
        alias: alias.to_owned(),
        run_author,
        held,
        firing_critical,
    })
}

/// The names of the critical alerts firing now for `model`. An evaluation that fails is an
/// error: a freeze that cannot be judged must not pass silently.
async fn firing_critical(
    backend: &Backend,
    config: &Config,
    model: &str,
) -> Result<Vec<String>, ChangeError> {
    let failed = |e: crate::config::Invalid| ChangeError::Failed(e.to_string());
    let rules = config.alert_rules().map_err(failed)?;
    let settings = config.review().map_err(failed)?;
    let report = evaluate_all(
        backend,
        &config.monitoring,
        &settings,
        &rules,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| {
        ChangeError::Failed(format!(
            "the policy freezes moves while a critical alert fires, and the alerts could \
                 not be evaluated: {e}"
        ))
    })?;
    let mut names: Vec<String> = report
        .firing()
        .filter(|a| a.rule.severity == Severity::Critical && a.series.model == model)
        .map(|a| a.rule.name.clone())
        .collect();
    names.dedup();
    Ok(names)
}

/// When `version` took `stage` and left it, from `history` (newest first): the latest record
/// of it taking the stage, and the first record after that of another version taking it.
/// A version holding the stage with no record of taking it holds it since an unknown time.
pub fn held_from(
    history: &[AuditEntry],
    model: &RegisteredModel,
    version: &VersionId,
    stage: &str,
) -> Option<HeldFacts> {
    let holds = model.aliases.get(stage) == Some(version);
    let moves: Vec<&AuditEntry> = history
        .iter()
        .rev()
        .filter(|e| e.alias == stage && e.subject == model.name)
        .collect();
    let took = moves.iter().rposition(|e| e.to == version.as_str());
    let left = took.and_then(|i| moves[i + 1..].iter().find(|e| e.to != version.as_str()));
    match (took, holds) {
        (Some(i), true) if left.is_none() => Some(HeldFacts {
            alias: stage.to_owned(),
            since: Some(moves[i].at),
            until: None,
            gates_passed: moves[i].gates.as_ref().map(|g| g.passed),
        }),
        (Some(i), false) => Some(HeldFacts {
            alias: stage.to_owned(),
            since: Some(moves[i].at),
            // Left without a record: count no hold at all rather than guess.
            until: Some(left.map_or(moves[i].at, |e| e.at)),
            gates_passed: moves[i].gates.as_ref().map(|g| g.passed),
        }),
        (_, true) => Some(HeldFacts {
            alias: stage.to_owned(),
            since: None,
            until: None,
            gates_passed: None,
        }),
        (None, false) => None,
    }
}

/// The policy's checklist for the move the facts describe.
pub fn judge(policy: &Policy, facts: &Facts, people: &People, now: DateTime<Utc>) -> PolicyVerdict {
    let label = facts.version.label();
    let ctx = MoveContext {
        model: &facts.model,
        version: &label,
        alias: &facts.alias,
        mover: &people.mover,
        requester: people.requester.as_deref(),
        run_author: facts.run_author.as_deref(),
        approvers: &people.approvers,
        held: facts.held.as_ref().map(|h| Held {
            alias: &h.alias,
            since: h.since,
            until: h.until,
            gates_passed: h.gates_passed,
        }),
        firing_critical: &facts.firing_critical,
        gates_configured: facts.gates_configured,
        rollback: people.rollback,
        switch: facts.switch.as_ref(),
        now,
        override_: people.override_.as_ref(),
    };
    check(policy, &ctx)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::TimeZone;

    use super::*;
    use crate::domain::promotion::{ChangeKind, GateRecord};

    fn entry(day: u32, alias: &str, to: &str, passed: Option<bool>) -> AuditEntry {
        AuditEntry {
            at: Utc.with_ymd_and_hms(2026, 12, day, 9, 0, 0).unwrap(),
            by: "alice".into(),
            action: ChangeKind::Promote,
            subject: "fraud".into(),
            alias: alias.into(),
            from: None,
            to: to.into(),
            gates: passed.map(|p| GateRecord {
                passed: p,
                summary: String::new(),
                failed: vec![],
            }),
            overridden: false,
            reason: None,
            store: "s".into(),
            store_id: None,
        }
    }

    fn model(staging: Option<&str>) -> RegisteredModel {
        RegisteredModel {
            name: "fraud".into(),
            description: String::new(),
            tags: BTreeMap::new(),
            aliases: staging
                .map(|v| ("staging".to_owned(), VersionId::from(v)))
                .into_iter()
                .collect(),
            versions: vec![],
            updated: None,
        }
    }

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, 9, 0, 0).unwrap()
    }

    #[test]
    fn the_hold_comes_from_the_latest_record_of_taking_the_stage() {
        let v4 = VersionId::from("4");
        // Newest first, as history returns it.
        let h = vec![
            entry(5, "staging", "4", Some(true)),
            entry(3, "staging", "3", Some(true)),
            entry(1, "staging", "4", Some(false)),
            entry(2, "production", "4", None),
        ];
        let held = held_from(&h, &model(Some("4")), &v4, "staging").unwrap();
        assert_eq!(
            (held.since, held.until, held.gates_passed),
            (Some(day(5)), None, Some(true))
        );
        // It left for v5 on the 6th.
        let mut later = h.clone();
        later.insert(0, entry(6, "staging", "5", None));
        let held = held_from(&later, &model(Some("5")), &v4, "staging").unwrap();
        assert_eq!((held.since, held.until), (Some(day(5)), Some(day(6))));
    }

    #[test]
    fn a_stage_taken_outside_clearance_has_no_known_start() {
        let v4 = VersionId::from("4");
        let held = held_from(&[], &model(Some("4")), &v4, "staging").unwrap();
        assert_eq!(held.since, None);
        assert_eq!(held_from(&[], &model(None), &v4, "staging"), None);
        // Taken with a record, then moved away outside clearance, then back: unknown again.
        let h = vec![entry(1, "staging", "4", Some(true))];
        let held = held_from(&h, &model(None), &v4, "staging").unwrap();
        assert_eq!((held.since, held.until), (Some(day(1)), Some(day(1))));
    }
}

//! The facts a promotion policy looks at, read from the store: who authored the candidate's
//! run, which stage the version held and since when (from the recorded history), and which
//! critical alerts fire for the model. [`crate::domain::policy::check`] judges them.

use chrono::{DateTime, Utc};

use super::monitoring::evaluate_all;
use crate::config::Config;
use crate::domain::alert::Severity;
use crate::domain::change::ChangeError;
use crate::domain::policy::{Held, MoveContext, Override, Policy, PolicyVerdict, check};
use crate::domain::promotion::AuditEntry;
use crate::domain::{RegisteredModel, VersionId};
use crate::store::{Backend, BackendError};

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
                    .cloned()
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
        switch: None,
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

//! `clearance audit`: every recorded move, request, approval, override, refusal and freeze
//! of a store, across models, with the aliases moved outside clearance flagged. Moves come
//! from the store's records (version tags, GTO's tags) and the local log; policy events from
//! the local log; open requests and their approvals from the store.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::audit::AuditLog;
use crate::domain::RegisteredModel;
use crate::domain::change::ChangeError;
use crate::domain::policy::{
    EventKind, OpenRequest, PolicyEvent, REQUEST_TAG_PREFIX, StateRecord, glob,
};
use crate::domain::promotion::{AuditEntry, ChangeKind, history, moved_outside};
use crate::report::json::SchemaVersion;
use crate::report::json::audit::{AuditKind, AuditRow, PolicyInForce};
use crate::store::Backend;

/// Whether `--model models` asks for event `e`. A freeze's subject is the glob of models it
/// held (`fraud-*`): it concerns every model of the store that glob covers, so
/// `--model fraud-classifier` lists it too.
fn concerns(e: &PolicyEvent, models: &str, all: &[RegisteredModel]) -> bool {
    if glob(models, &e.subject) || e.subject == models {
        return true;
    }
    matches!(e.event, EventKind::FreezeOn | EventKind::FreezeOff)
        && all
            .iter()
            .any(|m| glob(&e.subject, &m.name) && glob(models, &m.name))
}

/// The rows of the store's audit trail since `since`, for models matching `models`, oldest
/// first; the outside moves (whose time is unknown) last.
pub async fn trail(
    backend: &Backend,
    log: Option<&AuditLog>,
    since: DateTime<Utc>,
    models: &str,
) -> Result<Vec<AuditRow>, ChangeError> {
    let failed = |e: String| ChangeError::Failed(e);
    let all = backend
        .registry
        .models()
        .await
        .map_err(|e| failed(e.to_string()))?;
    let (local, events) = match log {
        Some(l) => (l.read_all(&backend.store)?, l.events(&backend.store)?),
        None => (Vec::new(), Vec::new()),
    };
    let events: Vec<PolicyEvent> = events
        .into_iter()
        .filter(|e| concerns(e, models, &all))
        .collect();
    let mut rows = Vec::new();
    let mut outside = Vec::new();
    for m in all.iter().filter(|m| glob(models, &m.name)) {
        // `history` takes this model's entries of the log.
        let h = history(m, &local);
        for e in h.iter().filter(|e| e.action != ChangeKind::Baseline) {
            rows.push(move_row(e, &events));
        }
        for (alias, version) in moved_outside(m, &h) {
            outside.push(AuditRow {
                schema_version: SchemaVersion,
                kind: AuditKind::OutsideMove,
                at: None,
                by: None,
                model: m.name.clone(),
                alias: Some(alias),
                from: None,
                to: Some(version.as_str().to_owned()),
                gates: None,
                overridden: false,
                reason: Some("moved outside clearance, time unknown".to_owned()),
                policy: None,
                store: backend.store.label().to_owned(),
                store_id: Some(backend.store.key().to_owned()),
            });
        }
        rows.extend(open_requests(backend, m, &events));
    }
    rows.extend(
        events
            .iter()
            .filter(|e| e.event != EventKind::Allowed)
            .map(event_row),
    );
    rows.retain(|r| r.at.is_some_and(|at| at >= since));
    rows.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.model.cmp(&b.model)));
    rows.extend(outside);
    Ok(rows)
}

/// For each of `models`, the aliases whose current version no record explains (moved
/// outside clearance), as `trail` flags them: the store's records and the local log.
pub fn outside_moves(
    log: Option<&AuditLog>,
    store: &crate::domain::StoreIdentity,
    models: &[RegisteredModel],
) -> Result<BTreeMap<String, Vec<String>>, ChangeError> {
    let local = match log {
        Some(l) => l.read_all(store)?,
        None => Vec::new(),
    };
    let mut out = BTreeMap::new();
    for m in models {
        let aliases: Vec<String> = moved_outside(m, &history(m, &local))
            .into_iter()
            .map(|(alias, _)| alias)
            .collect();
        if !aliases.is_empty() {
            out.insert(m.name.clone(), aliases);
        }
    }
    Ok(out)
}

fn policy_of(e: &PolicyEvent) -> Option<PolicyInForce> {
    (e.rule.is_some() || !e.checks.is_empty()).then(|| PolicyInForce {
        rule: e.rule.clone(),
        checks: e.checks.clone(),
    })
}

/// A move, with the policy in force when it was made (its `allowed` event), if any.
fn move_row(e: &AuditEntry, events: &[PolicyEvent]) -> AuditRow {
    let allowed = events.iter().find(|p| {
        p.event == EventKind::Allowed
            && p.at == e.at
            && p.subject == e.subject
            && p.alias == e.alias
            && p.to.as_deref() == Some(e.to.as_str())
    });
    AuditRow {
        schema_version: SchemaVersion,
        kind: match e.action {
            ChangeKind::Rollback => AuditKind::Rollback,
            ChangeKind::Unassign => AuditKind::Unassign,
            ChangeKind::Promote | ChangeKind::Baseline => AuditKind::Promote,
        },
        at: Some(e.at),
        by: Some(e.by.clone()),
        model: e.subject.clone(),
        alias: Some(e.alias.clone()),
        from: e.from.clone(),
        to: Some(e.to.clone()),
        gates: e.gates.clone(),
        overridden: e.overridden || allowed.is_some_and(PolicyEvent::overridden),
        reason: e
            .reason
            .clone()
            .or_else(|| allowed.and_then(|a| a.reason.clone())),
        policy: allowed.and_then(policy_of),
        store: e.store.clone(),
        store_id: e.store_id.clone(),
    }
}

fn event_row(e: &PolicyEvent) -> AuditRow {
    AuditRow {
        schema_version: SchemaVersion,
        kind: match e.event {
            EventKind::Refused | EventKind::Allowed => AuditKind::Refused,
            EventKind::Requested => AuditKind::Requested,
            EventKind::Approved => AuditKind::Approved,
            EventKind::Withdrawn => AuditKind::Withdrawn,
            EventKind::FreezeOn => AuditKind::FreezeOn,
            EventKind::FreezeOff => AuditKind::FreezeOff,
        },
        at: Some(e.at),
        by: Some(e.by.clone()),
        model: e.subject.clone(),
        alias: (!e.alias.is_empty()).then(|| e.alias.clone()),
        from: e.from.clone(),
        to: e.to.clone(),
        gates: e.gates.clone(),
        overridden: e.checks.iter().any(|c| c.state == StateRecord::Overridden),
        reason: e.reason.clone(),
        policy: policy_of(e),
        store: e.store.clone(),
        store_id: e.store_id.clone(),
    }
}

/// Open requests and their approvals kept in the store that the local log does not hold
/// (another person's).
fn open_requests(backend: &Backend, m: &RegisteredModel, events: &[PolicyEvent]) -> Vec<AuditRow> {
    let logged = |kind: EventKind, by: &str, at: DateTime<Utc>| {
        events.iter().any(|e| {
            e.event == kind
                && e.subject == m.name
                && e.by == by
                && (e.at - at).num_seconds().abs() < 5
        })
    };
    let mut rows = Vec::new();
    for v in &m.versions {
        let aliases: BTreeSet<&str> = v
            .tags
            .keys()
            .filter_map(|k| k.strip_prefix(REQUEST_TAG_PREFIX))
            .collect();
        for alias in &aliases {
            let Some(open) = OpenRequest::read(&v.tags, alias) else {
                continue;
            };
            let r = &open.request;
            let row = |kind, by: &str, at| AuditRow {
                schema_version: SchemaVersion,
                kind,
                at: Some(at),
                by: Some(by.to_owned()),
                model: m.name.clone(),
                alias: Some((*alias).to_owned()),
                from: r.from.clone(),
                to: Some(v.version.as_str().to_owned()),
                gates: r.gates.clone(),
                overridden: false,
                reason: Some(r.reason.clone()),
                policy: None,
                store: backend.store.label().to_owned(),
                store_id: Some(backend.store.key().to_owned()),
            };
            if !logged(EventKind::Requested, &r.requester, r.at) {
                rows.push(row(AuditKind::Requested, &r.requester, r.at));
            }
            for a in &open.approvals {
                if !logged(EventKind::Approved, &a.by, a.at) {
                    rows.push(row(AuditKind::Approved, &a.by, a.at));
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn model(name: &str) -> RegisteredModel {
        RegisteredModel {
            name: name.to_owned(),
            description: String::new(),
            tags: BTreeMap::new(),
            aliases: BTreeMap::new(),
            versions: Vec::new(),
            updated: None,
        }
    }

    fn event(event: EventKind, subject: &str) -> PolicyEvent {
        PolicyEvent {
            event,
            at: DateTime::<Utc>::UNIX_EPOCH,
            by: "oncall".to_owned(),
            subject: subject.to_owned(),
            alias: String::new(),
            from: None,
            to: None,
            gates: None,
            reason: None,
            rule: None,
            checks: Vec::new(),
            store: "s".to_owned(),
            store_id: None,
        }
    }

    #[test]
    fn a_freeze_concerns_every_model_its_glob_covers() {
        let all = [
            model("fraud-classifier"),
            model("fraud-ranker"),
            model("churn"),
        ];
        let on = event(EventKind::FreezeOn, "fraud-*");
        for asked in ["fraud-classifier", "fraud-c*", "fraud-*", "*"] {
            assert!(concerns(&on, asked, &all), "{asked}");
        }
        assert!(concerns(&event(EventKind::FreezeOff, "*"), "churn", &all));
        assert!(!concerns(&on, "churn", &all));
        assert!(!concerns(&on, "fraud-gone", &all), "no such model");
        // Any other event is about one model.
        let refused = event(EventKind::Refused, "fraud-classifier");
        assert!(concerns(&refused, "fraud-*", &all));
        assert!(!concerns(&refused, "fraud-ranker", &all));
        let odd = event(EventKind::Refused, "fraud-*");
        assert!(!concerns(&odd, "fraud-ranker", &all));
    }
}

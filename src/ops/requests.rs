//! Promotion requests in the store: `request` records who asks for a move and the gates then,
//! `approve` adds an approver's record, `withdraw` takes a request back. The move itself is
//! made by `ops::promote::execute`, whose policy check counts the request's approvals.

use chrono::{SubsecRound, Utc};

use super::audit::AuditLog;
use super::policy::{People, facts, judge, load};
use super::promote::writer;
use crate::config::Config;
use crate::domain::change::ChangeError;
use crate::domain::policy::{
    CheckKind, EventKind, OpenRequest, PolicyEvent, PolicyVerdict, PromotionRequest,
    RequestApproval, approval_key, request_key, same_identity,
};
use crate::domain::promotion::GateRecord;
use crate::domain::{RegisteredModel, VersionId};
use crate::store::Backend;

/// The move a request is about.
#[derive(Debug, Clone, Copy)]
pub struct Move<'a> {
    pub model: &'a RegisteredModel,
    pub version: &'a VersionId,
    pub alias: &'a str,
    /// The gates of the move, judged now against what holds the alias.
    pub gates: Option<&'a GateRecord>,
}

fn failed(e: impl std::fmt::Display) -> ChangeError {
    ChangeError::Failed(e.to_string())
}

fn record(
    backend: &Backend,
    log: Option<&AuditLog>,
    event: EventKind,
    by: &str,
    m: &Move<'_>,
    reason: Option<&str>,
    verdict: Option<&PolicyVerdict>,
) -> Vec<String> {
    let Some(log) = log else {
        return Vec::new();
    };
    let e = PolicyEvent {
        event,
        at: Utc::now().trunc_subsecs(3),
        by: by.to_owned(),
        subject: m.model.name.clone(),
        alias: m.alias.to_owned(),
        from: m.model.aliases.get(m.alias).map(|v| v.as_str().to_owned()),
        to: Some(m.version.as_str().to_owned()),
        gates: m.gates.cloned(),
        reason: reason.map(str::to_owned),
        rule: verdict.and_then(|v| v.rule.clone()),
        checks: verdict.map(PolicyEvent::checks_of).unwrap_or_default(),
        store: backend.store.label().to_owned(),
        store_id: Some(backend.store.key().to_owned()),
    };
    log.append_event(&e)
        .err()
        .map(|e| format!("{e} (the store holds the record)"))
        .into_iter()
        .collect()
}

/// The policy's checklist for the move as `mover` would make it, counting `open`'s approvals.
async fn verdict(
    backend: &Backend,
    config: &Config,
    m: &Move<'_>,
    mover: &str,
    open: Option<&OpenRequest>,
    log: Option<&AuditLog>,
) -> Result<PolicyVerdict, ChangeError> {
    let policy = load(config)?;
    let h = crate::ops::audit::history(log, &backend.store, m.model)?;
    let f = facts(backend, config, &policy, m.model, &h, m.version, m.alias).await?;
    let people = People {
        mover: mover.to_owned(),
        requester: open.map(|o| o.request.requester.clone()),
        approvers: open.map(OpenRequest::approvers).unwrap_or_default(),
        ..People::default()
    };
    Ok(judge(&policy, &f, &people, Utc::now()))
}

/// Records a request to make the move, replacing an earlier request for it (whose approvals
/// then no longer count). Answers the request, the checklist as the requester would move it,
/// and warnings.
pub async fn request(
    backend: &Backend,
    config: &Config,
    m: &Move<'_>,
    requester: &str,
    reason: &str,
    log: Option<&AuditLog>,
) -> Result<(PromotionRequest, PolicyVerdict, Vec<String>), ChangeError> {
    let w = writer(backend)?;
    let policy = load(config)?;
    if m.model.aliases.get(m.alias) == Some(m.version) {
        return Err(ChangeError::Refused(format!(
            "nothing to ask: @{} of '{}' already points at {}",
            m.alias,
            m.model.name,
            m.version.label()
        )));
    }
    let at = Utc::now().trunc_subsecs(3);
    let req = PromotionRequest {
        requester: requester.to_owned(),
        at,
        reason: reason.trim().to_owned(),
        alias: m.alias.to_owned(),
        from: m.model.aliases.get(m.alias).map(|v| v.as_str().to_owned()),
        gates: m.gates.cloned(),
        expires: at + policy.request_ttl(),
    };
    let json = serde_json::to_string(&req).map_err(failed)?;
    w.set_version_tag(&m.model.name, m.version, &request_key(m.alias), &json)
        .await
        .map_err(failed)?;
    let open = OpenRequest {
        request: req.clone(),
        approvals: Vec::new(),
        keys: Vec::new(),
    };
    let v = verdict(backend, config, m, requester, Some(&open), log).await?;
    let warnings = record(
        backend,
        log,
        EventKind::Requested,
        requester,
        m,
        Some(reason),
        Some(&v),
    );
    Ok((req, v, warnings))
}

/// The open request for the move, or why there is none to act on.
fn open_request(m: &Move<'_>) -> Result<OpenRequest, ChangeError> {
    let open = m
        .model
        .version(m.version)
        .and_then(|v| OpenRequest::read(&v.tags, m.alias))
        .ok_or_else(|| {
            ChangeError::Refused(format!(
                "no open request to move @{} of '{}' to {}: ask with `clearance request`",
                m.alias,
                m.model.name,
                m.version.label()
            ))
        })?;
    open.counts(m.model.aliases.get(m.alias), m.gates, Utc::now())
        .map_err(|why| {
            ChangeError::Refused(format!("{why}: ask again with `clearance request`"))
        })?;
    Ok(open)
}

/// Withdraws the open request for the move: only its requester may.
pub async fn withdraw(
    backend: &Backend,
    m: &Move<'_>,
    who: &str,
    log: Option<&AuditLog>,
) -> Result<Vec<String>, ChangeError> {
    let w = writer(backend)?;
    let open = m
        .model
        .version(m.version)
        .and_then(|v| OpenRequest::read(&v.tags, m.alias))
        .ok_or_else(|| {
            ChangeError::Refused(format!(
                "no request to move @{} of '{}' to {} to withdraw",
                m.alias,
                m.model.name,
                m.version.label()
            ))
        })?;
    if !same_identity(&open.request.requester, who) {
        return Err(ChangeError::Refused(format!(
            "only {} who asked for it may withdraw this request",
            open.request.requester
        )));
    }
    for key in &open.keys {
        w.delete_version_tag(&m.model.name, m.version, key)
            .await
            .map_err(failed)?;
    }
    Ok(record(
        backend,
        log,
        EventKind::Withdrawn,
        who,
        m,
        None,
        None,
    ))
}

/// Adds `approver`'s approval to the open request for the move. The requester and the
/// author of the candidate's run never count, and are refused (the refusal is recorded).
/// Answers the checklist as the approver would move it now, the request, and warnings.
pub async fn approve(
    backend: &Backend,
    config: &Config,
    m: &Move<'_>,
    approver: &str,
    log: Option<&AuditLog>,
) -> Result<(PolicyVerdict, OpenRequest, Vec<String>), ChangeError> {
    let store = writer(backend)?;
    let mut open = open_request(m)?;
    let policy = load(config)?;
    let recorded = crate::ops::audit::history(log, &backend.store, m.model)?;
    let known = facts(
        backend, config, &policy, m.model, &recorded, m.version, m.alias,
    )
    .await?;
    let own = if same_identity(&open.request.requester, approver) {
        Some(format!("{approver} asked for this move"))
    } else if known
        .run_author
        .as_deref()
        .is_some_and(|a| same_identity(a, approver))
    {
        Some(format!("{approver} authored the candidate's run"))
    } else {
        None
    };
    if let Some(why) = own {
        let message = format!(
            "refused by policy: approvals: {why}, and a self-approval never counts: an \
             approval must come from someone else; nothing changed"
        );
        record(
            backend,
            log,
            EventKind::Refused,
            approver,
            m,
            Some(&message),
            None,
        );
        return Err(ChangeError::Policy {
            unmet: vec![CheckKind::Approvals],
            message,
        });
    }
    let mut warnings = Vec::new();
    if !open.approved_by(approver) {
        let at = Utc::now().trunc_subsecs(3);
        let approval = RequestApproval {
            by: approver.to_owned(),
            at,
            request_at: open.request.at,
        };
        let json = serde_json::to_string(&approval).map_err(failed)?;
        store
            .set_version_tag(&m.model.name, m.version, &approval_key(m.alias, at), &json)
            .await
            .map_err(failed)?;
        open.approvals.push(approval);
        warnings = record(backend, log, EventKind::Approved, approver, m, None, None);
    }
    let checklist = verdict(backend, config, m, approver, Some(&open), log).await?;
    Ok((checklist, open, warnings))
}

/// What a [`Move`] borrows: the model as the store holds it now, the version, the alias and
/// the gates of moving it there now.
#[derive(Debug, Clone)]
pub struct Current {
    pub model: RegisteredModel,
    pub version: VersionId,
    pub alias: String,
    pub gates: Option<GateRecord>,
}

impl Current {
    /// Judges the gates of moving `alias` of `model` (as loaded now) to `version`.
    pub async fn judge(
        backend: &Backend,
        settings: &crate::domain::ReviewSettings,
        model: RegisteredModel,
        version: VersionId,
        alias: String,
    ) -> Result<Self, ChangeError> {
        let cmp = super::gates::compare_move(
            backend,
            &model,
            model.aliases.get(&alias),
            &version,
            settings,
        )
        .await?;
        Ok(Self {
            gates: super::gates::record(cmp.as_ref()),
            model,
            version,
            alias,
        })
    }

    pub fn as_move(&self) -> Move<'_> {
        Move {
            model: &self.model,
            version: &self.version,
            alias: &self.alias,
            gates: self.gates.as_ref(),
        }
    }
}

/// The move of `alias` of `model` to `version` as the store holds them now (the TUI's
/// approve and withdraw name the move, not its data).
pub async fn current(
    backend: &Backend,
    settings: &crate::domain::ReviewSettings,
    model: &str,
    version: &VersionId,
    alias: &str,
) -> Result<Current, ChangeError> {
    let m = super::promote::registered(backend, model).await?;
    Current::judge(backend, settings, m, version.clone(), alias.to_owned()).await
}

//! Moving an alias with a human's approval: check the world is as the reviewer saw it, move
//! the alias only if it still points where they saw it, record who did it, and undo the move
//! when the record cannot be written.

use super::audit::AuditLog;
use super::policy::{Enforcement, enforce};
use crate::domain::VersionId;
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::promotion::{AliasPlan, AuditEntry, ChangeKind};
use crate::store::{Backend, BackendError, Writer};

fn failed(e: &BackendError) -> ChangeError {
    ChangeError::Failed(e.to_string())
}

/// The writer, or why there is none.
pub fn writer(backend: &Backend) -> Result<&dyn Writer, ChangeError> {
    backend.writer.as_deref().ok_or_else(|| {
        ChangeError::Refused(format!(
            "read-only: {}",
            backend
                .read_only_reason
                .as_deref()
                .unwrap_or("changes are switched off")
        ))
    })
}

/// Checks the reviewer's approval against the gates.
pub fn check_gates(approval: &Approval) -> Result<(), ChangeError> {
    let reason = approval
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if approval.override_gates && reason.is_none() {
        return Err(ChangeError::Refused(
            "overriding the gates needs a reason".into(),
        ));
    }
    match &approval.gates {
        Some(g) if !g.passed && !approval.override_gates => Err(ChangeError::Refused(format!(
            "gates fail ({}): {}; override them with a reason to move it anyway",
            g.summary,
            g.failed.join("; ")
        ))),
        _ => Ok(()),
    }
}

/// Carries out an alias move, if the gates and the promotion policy allow it. Every move of
/// an alias clearance makes (promote, rollback, `apply`, the TUI, an approved request) goes
/// through here, so the policy is enforced in one place.
pub async fn execute(
    backend: &Backend,
    plan: &AliasPlan,
    approval: &Approval,
    enforcement: &Enforcement<'_>,
    log: Option<&AuditLog>,
) -> Result<Outcome, ChangeError> {
    let writer = writer(backend)?;
    // Every move of an alias to a version is gated alike, a rollback as much as a promotion.
    check_gates(approval)?;
    let now = backend
        .registry
        .model(&plan.model)
        .await
        .map_err(|e| failed(&e))?;
    if now.aliases.get(&plan.alias) == Some(&plan.to) {
        return Ok(Outcome::NothingToDo(format!(
            "nothing to do: @{} of '{}' already points at {}",
            plan.alias,
            plan.model,
            plan.to.label()
        )));
    }
    if let Some(why) = plan.precondition_failure(&now) {
        return Err(ChangeError::Refused(format!(
            "refused, nothing changed: {why}"
        )));
    }
    let governed = enforce(backend, enforcement, plan, approval, &now, log).await?;
    let entry = approval.record(
        &backend.store,
        plan.kind,
        &plan.model,
        &plan.alias,
        plan.from.as_ref().map(|v| v.as_str().to_owned()),
        plan.to.as_str().to_owned(),
    );
    let mut warnings = write(writer, backend, plan, &entry).await?;
    if !writer.records_moves() {
        if let Err(e) = record(writer, &entry, &plan.to).await {
            return Err(undo(writer, plan, &e).await);
        }
        warnings.extend(readable_tags(writer, &entry, &plan.to).await);
    }
    if let Some(log) = log
        && let Err(e) = log.append(&entry)
    {
        warnings.push(format!(
            "{e} (the change is recorded on the version's tags)"
        ));
    }
    if let Some(governed) = governed {
        if let Some(log) = log
            && let Err(e) = log.append_event(&governed.event)
        {
            warnings.push(format!("the policy's checklist was not recorded: {e}"));
        }
        // The request is fulfilled: its tags would only read as an open request.
        for key in governed.request.iter().flat_map(|r| &r.keys) {
            if let Err(e) = writer.delete_version_tag(&plan.model, &plan.to, key).await {
                warnings.push(format!("the fulfilled request's tag '{key}' stays: {e}"));
            }
        }
    }
    Ok(Outcome::Done {
        entry: Box::new(entry),
        warnings,
    })
}

/// The move itself, verified: warnings when it landed despite an error answer.
async fn write(
    writer: &dyn Writer,
    backend: &Backend,
    plan: &AliasPlan,
    entry: &AuditEntry,
) -> Result<Vec<String>, ChangeError> {
    let mut warnings = Vec::new();
    let not_recorded = not_recorded(writer);
    match writer
        .move_alias_noted(
            &plan.model,
            &plan.alias,
            plan.from.as_ref(),
            &plan.to,
            &entry.message(),
        )
        .await
    {
        Ok(()) if writer.verifies_moves() => {}
        Ok(()) => verify(backend, plan, not_recorded).await?,
        Err(BackendError::Conflict { actual, .. }) => {
            return Err(ChangeError::Refused(format!(
                "refused, nothing changed: @{} of '{}' changed since you looked: it is now {actual}",
                plan.alias, plan.model
            )));
        }
        Err(BackendError::Busy(why)) => {
            return Err(ChangeError::Refused(format!(
                "refused, nothing changed: {why}"
            )));
        }
        Err(BackendError::Interleaved { what, detail }) => {
            return Err(ChangeError::Conflict(format!(
                "{what}: {detail}; {not_recorded}"
            )));
        }
        Err(e) => {
            // The write may have landed before the error (a timeout on the answer, a move the
            // server accepted but did not show at once): look, and record what happened.
            let landed = backend
                .registry
                .model(&plan.model)
                .await
                .is_ok_and(|m| m.aliases.get(&plan.alias) == Some(&plan.to));
            if !landed {
                return Err(failed(&e));
            }
            warnings.push(format!(
                "the store answered with an error ({e}), but @{} of '{}' now points at {}; the \
                 change is recorded",
                plan.alias,
                plan.model,
                plan.to.label()
            ));
        }
    }
    Ok(warnings)
}

/// What a conflict leaves of the record: nothing, or only the store's own record of the move
/// (a GTO tag carries it).
fn not_recorded(writer: &dyn Writer) -> &'static str {
    if writer.records_moves() {
        "the store's history keeps the move's own record, nothing else was recorded: check \
         which version belongs there"
    } else {
        "nothing was recorded as done: check which version belongs there"
    }
}

/// Reads the alias back after a write the store reported done: `done` is said only when the
/// store shows exactly the planned version now. Every store gets this check, whatever its
/// writer verified itself; a store that moved on already is a conflict, not a success.
async fn verify(
    backend: &Backend,
    plan: &AliasPlan,
    not_recorded: &str,
) -> Result<(), ChangeError> {
    let now = backend.registry.model(&plan.model).await.map_err(|e| {
        ChangeError::Partial(format!(
            "@{} of '{}' was written to point at {}, but reading it back failed ({e}); \
             {not_recorded}",
            plan.alias,
            plan.model,
            plan.to.label()
        ))
    })?;
    let holds = now.aliases.get(&plan.alias);
    if holds == Some(&plan.to) {
        return Ok(());
    }
    let from = plan
        .from
        .as_ref()
        .map_or_else(|| "unset".to_owned(), VersionId::label);
    Err(ChangeError::Conflict(format!(
        "@{} of '{}': clearance moved it {from} → {}, and another writer moved it right after: \
         it now points at {}; {not_recorded}",
        plan.alias,
        plan.model,
        plan.to.label(),
        holds.map_or_else(|| "unset".to_owned(), VersionId::label)
    )))
}

/// The authoritative record: the whole entry as a JSON tag on the version that moved.
async fn record(
    writer: &dyn Writer,
    entry: &AuditEntry,
    version: &VersionId,
) -> Result<(), BackendError> {
    let json = serde_json::to_string(entry).map_err(|e| BackendError::Decode {
        what: "the audit entry".into(),
        detail: e.to_string(),
    })?;
    writer
        .set_version_tag(&entry.subject, version, &entry.tag_key(), &json)
        .await
}

/// Tags a person reads in MLflow's UI; failures here are warnings (the event tag holds it all).
async fn readable_tags(
    writer: &dyn Writer,
    entry: &AuditEntry,
    version: &VersionId,
) -> Vec<String> {
    let verb = match entry.action {
        ChangeKind::Promote => "promoted",
        ChangeKind::Rollback => "rolled_back",
        ChangeKind::Baseline => "baseline",
        ChangeKind::Unassign => "unassigned",
    };
    let mut tags = vec![
        (format!("clearance.{verb}_by"), entry.by.clone()),
        (
            format!("clearance.{verb}_at"),
            entry.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ),
        (
            format!("clearance.{verb}_from"),
            entry
                .from
                .as_deref()
                .map_or_else(|| "(unset)".to_owned(), |v| VersionId::new(v).label()),
        ),
    ];
    if let Some(g) = &entry.gates {
        tags.push(("clearance.gates".into(), g.summary.clone()));
    }
    if let Some(r) = &entry.reason {
        tags.push(("clearance.reason".into(), r.clone()));
    }
    let mut warnings = Vec::new();
    for (k, v) in tags {
        if let Err(e) = writer
            .set_version_tag(&entry.subject, version, &k, &v)
            .await
        {
            warnings.push(format!("could not set the tag '{k}': {e}"));
        }
    }
    warnings
}

/// Moves the alias back after the record failed; says exactly where things stand.
async fn undo(writer: &dyn Writer, plan: &AliasPlan, cause: &BackendError) -> ChangeError {
    let note = format!("clearance: undoing a change whose record could not be written ({cause})");
    let back = match &plan.from {
        Some(from) => {
            writer
                .move_alias_noted(&plan.model, &plan.alias, Some(&plan.to), from, &note)
                .await
        }
        None => {
            writer
                .delete_alias_noted(&plan.model, &plan.alias, &note)
                .await
        }
    };
    let was = plan
        .from
        .as_ref()
        .map_or_else(|| "unset".to_owned(), VersionId::label);
    match back {
        Ok(()) => ChangeError::Failed(format!(
            "could not record the change ({cause}), so it was undone: @{} of '{}' is {was} again",
            plan.alias, plan.model
        )),
        Err(e) => ChangeError::Partial(format!(
            "@{} of '{}' now points at {} but the audit record could not be written ({cause}) and \
             moving it back to {was} failed ({e}); move it back by hand or record the change",
            plan.alias,
            plan.model,
            plan.to.label()
        )),
    }
}

/// The model as the store holds it now; an unknown name is a refusal naming it.
pub async fn registered(
    backend: &Backend,
    model: &str,
) -> Result<crate::domain::RegisteredModel, ChangeError> {
    backend.registry.model(model).await.map_err(|e| match e {
        BackendError::NotFound(_) => {
            ChangeError::Refused(format!("no registered model named '{model}'"))
        }
        other => failed(&other),
    })
}

/// The model and its history (version tags merged with the local log), newest first.
pub async fn history(
    backend: &Backend,
    model: &str,
    log: Option<&AuditLog>,
) -> Result<(crate::domain::RegisteredModel, Vec<AuditEntry>), ChangeError> {
    let m = registered(backend, model).await?;
    let h = crate::ops::audit::history(log, &backend.store, &m)?;
    Ok((m, h))
}

/// A plan to move `alias` back to the version it held before its last recorded move.
pub async fn rollback_plan(
    backend: &Backend,
    model: &str,
    alias: &str,
    log: Option<&AuditLog>,
) -> Result<AliasPlan, ChangeError> {
    let (m, h) = history(backend, model, log).await?;
    let current =
        m.aliases.get(alias).cloned().ok_or_else(|| {
            ChangeError::Refused(format!("'{model}' has no @{alias} to roll back"))
        })?;
    let previous = crate::domain::promotion::previous_version(&h, alias, &current).ok_or_else(|| {
        ChangeError::Refused(format!(
            "no record of what @{alias} of '{model}' held before {}: clearance records the moves it \
             makes; promote the version you want explicitly",
            current.label()
        ))
    })?;
    if m.version(&previous).is_none() {
        return Err(ChangeError::Refused(format!(
            "{}, which @{alias} held before, no longer exists",
            previous.label()
        )));
    }
    Ok(AliasPlan {
        kind: ChangeKind::Rollback,
        model: model.to_owned(),
        alias: alias.to_owned(),
        from: Some(current),
        to: previous,
        candidate_alias: None,
    })
}

#[cfg(test)]
mod tests;

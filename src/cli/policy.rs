//! `clearance policy check MODEL VERSION --to ALIAS`: what the promotion policy asks of a
//! move, point by point, and what is still missing.

use std::process::ExitCode;

use chrono::Utc;

use super::{CliError, OK, PolicyCheckArgs, out, print_json, refused};
use crate::config::Config;
use crate::domain::VersionRef;
use crate::domain::comparison::find_version;
use crate::domain::policy::{CheckState, PolicyVerdict};
use crate::ops::audit::AuditLog;
use crate::ops::policy::{People, facts, judge};
use crate::ops::{identity, promote};
use crate::store::Backend;

pub async fn check(
    backend: &Backend,
    config: &Config,
    args: &PolicyCheckArgs,
) -> Result<ExitCode, CliError> {
    let policy = config
        .policy
        .policy()
        .map_err(|(key, e)| CliError::usage(format!("the policy is not valid: {key}: {e}")))?;
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    // An unknown model is not a move the policy refuses: it is a mistake (exit 2).
    let (model, history) = promote::history(backend, &args.model, log.as_ref())
        .await
        .map_err(|e| match e {
            crate::domain::change::ChangeError::Refused(m) => CliError::NotFound(m),
            other => CliError::from_change(other),
        })?;
    let reference: VersionRef = args.version.parse().map_err(CliError::Usage)?;
    let version = find_version(&model, &reference)
        .map_err(CliError::not_found)?
        .ok_or_else(|| CliError::usage(format!("'{}' names no version of a model", args.version)))?
        .version
        .clone();
    let mover = match &args.as_ {
        Some(who) => who.trim().to_owned(),
        None => identity::who(&config.user).await,
    };
    let alias = args
        .to
        .clone()
        .unwrap_or_else(|| config.aliases.production.clone());
    let facts = facts(backend, config, &policy, &model, &history, &version, &alias)
        .await
        .map_err(CliError::from_change)?;
    let people = People {
        mover: mover.clone(),
        rollback: args.rollback,
        ..People::default()
    };
    let verdict = judge(&policy, &facts, &people, Utc::now());
    if args.json {
        print_json(&crate::report::json::PolicyDoc::new(
            &model.name,
            version.as_str(),
            &alias,
            &mover,
            args.rollback,
            &verdict,
        ))?;
    } else {
        print_checklist(&verdict, &model.name, &version.label(), &alias, &mover)?;
    }
    Ok(if verdict.allowed() { OK } else { refused() })
}

pub(super) fn print_checklist(
    verdict: &PolicyVerdict,
    model: &str,
    version: &str,
    alias: &str,
    mover: &str,
) -> Result<(), CliError> {
    for l in checklist(verdict, model, version, alias, mover) {
        out::line(&l)?;
    }
    Ok(())
}

/// The checklist's lines, as `policy check` prints them.
pub(super) fn checklist(
    verdict: &PolicyVerdict,
    model: &str,
    version: &str,
    alias: &str,
    mover: &str,
) -> Vec<String> {
    let mut lines = vec![format!("{model} {version} → @{alias}, moved by {mover}")];
    if verdict.checks.is_empty() {
        lines.push(format!(
            "no policy rule or freeze governs @{alias} of {model}: anyone who can write the \
             store may move it, after confirming"
        ));
        return lines;
    }
    if let Some(rule) = &verdict.rule {
        lines.push(format!("rule: {rule}"));
    }
    let width = verdict
        .checks
        .iter()
        .map(|c| c.kind.label().len())
        .max()
        .unwrap_or(0);
    for c in &verdict.checks {
        let (mark, note) = match c.state {
            CheckState::Met => ("✓", ""),
            CheckState::Overridden => ("~", ""),
            CheckState::Unmet { overridable: true } => {
                ("✗", " (an override with a reason may pass it)")
            }
            CheckState::Unmet { overridable: false } => ("✗", ""),
        };
        lines.push(format!(
            "  {mark} {:<width$}  {}{note}",
            c.kind.label(),
            c.detail
        ));
    }
    let missing = verdict.unmet().count();
    lines.push(if missing == 0 {
        "allowed: every point of the policy is met".to_owned()
    } else {
        format!(
            "not allowed: {missing} point{} of the policy unmet",
            if missing == 1 { "" } else { "s" }
        )
    });
    lines
}

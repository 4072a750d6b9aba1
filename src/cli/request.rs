//! `clearance request` and `clearance approve`: ask for a move, agree to it, and, once the
//! policy is met, make it through the same path as `promote` (gates, confirmation, the
//! policy check that counts the request's approvals, the record).

use std::process::ExitCode;

use super::{ApproveArgs, CliError, OK, PromoteArgs, RequestArgs, Via, out};
use crate::config::Config;
use crate::domain::comparison::find_version;
use crate::domain::{ReviewSettings, VersionRef};
use crate::ops::audit::AuditLog;
use crate::ops::identity;
use crate::ops::requests::{self, Current};
use crate::store::{Backend, BackendError};

async fn resolve(
    backend: &Backend,
    settings: &ReviewSettings,
    model: &str,
    version: &VersionRef,
    to: Option<&String>,
) -> Result<Current, CliError> {
    let m = backend.registry.model(model).await.map_err(|e| match e {
        BackendError::NotFound(_) => {
            CliError::not_found(format_args!("no registered model named '{model}'"))
        }
        other => other.into(),
    })?;
    if matches!(version, VersionRef::Run(_)) {
        return Err(CliError::usage(
            "name a registered version (N or @ALIAS), not a run",
        ));
    }
    let v = find_version(&m, version)
        .map_err(CliError::NotFound)?
        .ok_or_else(|| CliError::not_found(format_args!("'{version}' names no version")))?
        .version
        .clone();
    let alias = to
        .cloned()
        .unwrap_or_else(|| settings.production_alias.clone());
    Current::judge(backend, settings, m, v, alias)
        .await
        .map_err(CliError::failed)
}

pub async fn request(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &RequestArgs,
) -> Result<ExitCode, CliError> {
    if let Some(code) =
        super::change::refuse_read_only(&mut super::sink::Sink::text(), config, backend, "request")
    {
        return Ok(code);
    }
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if !args.withdraw && reason.is_none() {
        return Err(CliError::usage(
            "request needs --reason TEXT: say why the move is wanted",
        ));
    }
    let r = resolve(
        backend,
        settings,
        &args.model,
        &args.version,
        args.to.as_ref(),
    )
    .await?;
    let who = identity::who(&config.user).await;
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let m = r.as_move();
    let (model, version, alias) = (&r.model, &r.version, &r.alias);
    let warnings = if args.withdraw {
        let w = requests::withdraw(backend, &m, &who, log.as_ref())
            .await
            .map_err(CliError::from_change)?;
        out::line(&format!(
            "withdrawn: the request to move @{alias} of '{}' to {}",
            model.name,
            version.label()
        ))?;
        w
    } else {
        let (req, verdict, w) = requests::request(
            backend,
            config,
            &m,
            &who,
            reason.unwrap_or_default(),
            log.as_ref(),
        )
        .await
        .map_err(CliError::from_change)?;
        out::line(&format!(
            "requested: {} {} → @{alias} by {who}, open until {}",
            model.name,
            version.label(),
            req.expires.format("%Y-%m-%d %H:%M UTC")
        ))?;
        super::policy::print_checklist(&verdict, &model.name, &version.label(), alias, &who)?;
        w
    };
    for w in warnings {
        out::err(&format!("warning: {w}"));
    }
    Ok(OK)
}

pub async fn approve(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &ApproveArgs,
    github: crate::ops::gitops::HostFlags<'_>,
) -> Result<ExitCode, CliError> {
    if let Some(code) =
        super::change::refuse_read_only(&mut super::sink::Sink::text(), config, backend, "approve")
    {
        return Ok(code);
    }
    let r = resolve(
        backend,
        settings,
        &args.model,
        &args.version,
        args.to.as_ref(),
    )
    .await?;
    let who = identity::who(&config.user).await;
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let m = r.as_move();
    let (model, version, alias) = (&r.model, &r.version, &r.alias);
    let (verdict, open, warnings) = requests::approve(backend, config, &m, &who, log.as_ref())
        .await
        .map_err(CliError::from_change)?;
    for w in warnings {
        out::err(&format!("warning: {w}"));
    }
    out::line(&format!(
        "approved: {} {} → @{alias} by {who}",
        model.name,
        version.label()
    ))?;
    super::policy::print_checklist(&verdict, &model.name, &version.label(), alias, &who)?;
    if !verdict.allowed() {
        out::line("the move waits until the points above are met")?;
        return Ok(OK);
    }
    // The last approval met the policy: the approver's confirmation makes the move, through
    // promote's path (gates, confirmation, the policy counting the request's approvals).
    let promote = PromoteArgs {
        model: model.name.clone(),
        version: VersionRef::Version(version.clone()),
        to: Some(alias.clone()),
        yes: args.yes,
        dry_run: false,
        reason: Some(open.request.reason.clone()).filter(|r| !r.is_empty()),
        override_gates: false,
        override_reason: None,
        override_second: None,
        via: Some(Via::Direct),
        json: false,
    };
    super::change::promote(backend, config, settings, &promote, github).await
}

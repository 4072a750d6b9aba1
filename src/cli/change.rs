//! `clearance promote`, `rollback` and `baseline`: the same plans, checks and records as the
//! TUI, confirmed on the terminal (or with `--yes`).

use std::process::ExitCode;

use super::approve::{Approved, approve, ask, confirm, now};
use super::{BaselineArgs, CliError, OK, PromoteArgs, RollbackArgs, out, refused};
use crate::config::{Config, PromoteVia};
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::comparison::find_version;
use crate::domain::promotion::{AliasPlan, BaselinePlan, ChangeKind, GateRecord};
use crate::domain::{RegisteredModel, ReviewSettings, RunId, VersionRef};
use crate::ops::audit::AuditLog;
use crate::ops::gates;
use crate::ops::promote;
use crate::report;
use crate::store::Backend;

fn audit_log(config: &Config, backend: &Backend) -> Option<AuditLog> {
    AuditLog::for_store(&config.promotion.audit_log, &backend.store)
}

/// Prints the outcome and returns the exit code.
fn finish(result: Result<Outcome, ChangeError>) -> Result<ExitCode, CliError> {
    Ok(match result {
        Ok(Outcome::Done { entry, warnings }) => {
            out::settle(0);
            out::line(&format!(
                "done: {} (recorded as {})",
                entry.describe(),
                entry.by
            ))?;
            for w in warnings {
                out::err(&format!("warning: {w}"));
            }
            OK
        }
        Ok(Outcome::NothingToDo(m)) => {
            out::settle(0);
            out::line(&m)?;
            OK
        }
        Err(e) => return Err(CliError::from_change(e)),
    })
}

fn refuse_read_only(config: &Config, backend: &Backend, what: &str) -> Option<ExitCode> {
    let reason = if config.read_only {
        Some("--read-only or read_only = true")
    } else {
        backend.read_only_reason.as_deref()
    };
    reason.map(|r| {
        out::err(&format!(
            "refused: {what} changes the store, and clearance is read-only here ({r})"
        ));
        refused()
    })
}

pub async fn promote(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &PromoteArgs,
    github: crate::ops::gitops::GitHubFlags<'_>,
) -> Result<ExitCode, CliError> {
    // Until it is done, a promotion whose output was cut short is not one.
    out::settle(u8::from(!args.dry_run));
    let via = args
        .via
        .map_or_else(|| config.github.promote_via_for(&args.model), Into::into);
    if via == PromoteVia::Pr {
        // A pull request changes GitHub, not the store: only --read-only stops it.
        if config.read_only {
            out::err("refused: promote --via pr opens a pull request, and clearance is read-only");
            return Ok(refused());
        }
    } else if let Some(code) = refuse_read_only(config, backend, "promote") {
        return Ok(code);
    }
    if args.override_gates && args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(CliError::usage("--override-gates needs --reason TEXT"));
    }
    let alias = args
        .to
        .clone()
        .unwrap_or_else(|| settings.production_alias.clone());
    let model = backend
        .registry
        .model(&args.model)
        .await
        .map_err(|e| match e {
            crate::store::BackendError::NotFound(_) => {
                CliError::not_found(format_args!("no registered model named '{}'", args.model))
            }
            other => other.into(),
        })?;
    if matches!(args.version, VersionRef::Run(_)) {
        return Err(CliError::usage(
            "promote a registered version (N or @ALIAS), not a run",
        ));
    }
    let to = find_version(&model, &args.version)
        .map_err(CliError::NotFound)?
        .cloned()
        .ok_or_else(|| CliError::not_found(format_args!("'{}' names no version", args.version)))?;
    let from = model.aliases.get(&alias).cloned();
    let staging = &settings.staging_alias;
    let plan = AliasPlan {
        kind: ChangeKind::Promote,
        model: model.name.clone(),
        alias: alias.clone(),
        from: from.clone(),
        to: to.version.clone(),
        candidate_alias: (model.aliases.get(staging) == Some(&to.version) && alias != *staging)
            .then(|| staging.clone()),
    };
    if plan.is_noop() {
        out::settle(0);
        out::line(&format!(
            "nothing to do: @{alias} of '{}' already points at {}",
            plan.model,
            plan.to.label()
        ))?;
        return Ok(OK);
    }
    if via == PromoteVia::Pr {
        return super::promote_pr::promote(backend, config, settings, args, github, plan, &to)
            .await;
    }
    let gates = judge_gates(
        backend,
        &model,
        &plan,
        settings,
        args.dry_run,
        args.override_gates,
    )
    .await?;
    out::line(&format!("plan: {} of '{}'", plan.describe(), plan.model))?;
    let approval = match approve(
        config,
        gates,
        args.override_gates,
        args.reason.as_ref(),
        args.dry_run,
    )
    .await?
    {
        Approved::Go(a) => a,
        Approved::Stop(code) => return Ok(code),
    };
    if !confirm(config, &alias, &plan.model, args.yes)? {
        out::err("refused: not confirmed, nothing changed");
        return Ok(refused());
    }
    let log = audit_log(config, backend);
    finish(promote::execute(backend, &plan, &approval, log.as_ref()).await)
}

/// The gates of a move, judged as everywhere: the target against what the alias holds now;
/// prints the comparison.
async fn judge_gates(
    backend: &Backend,
    model: &RegisteredModel,
    plan: &AliasPlan,
    settings: &ReviewSettings,
    dry_run: bool,
    override_gates: bool,
) -> Result<Option<GateRecord>, CliError> {
    let cmp = gates::compare_move(backend, model, plan.from.as_ref(), &plan.to, settings)
        .await
        .map_err(CliError::failed)?;
    if let Some(cmp) = &cmp {
        if dry_run && !cmp.report.passed() && !override_gates {
            // A dry run cut short still says that the gates refuse.
            out::settle(1);
        }
        out::text(&report::text::comparison(cmp))?;
        out::line("")?;
    }
    Ok(gates::record(cmp.as_ref()))
}

pub async fn rollback(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &RollbackArgs,
) -> Result<ExitCode, CliError> {
    out::settle(u8::from(!args.dry_run));
    if let Some(code) = refuse_read_only(config, backend, "rollback") {
        return Ok(code);
    }
    if args.override_gates && args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(CliError::usage("--override-gates needs --reason TEXT"));
    }
    let alias = args
        .alias
        .clone()
        .unwrap_or_else(|| settings.production_alias.clone());
    let log = audit_log(config, backend);
    let plan = match promote::rollback_plan(backend, &args.model, &alias, log.as_ref()).await {
        Ok(p) => p,
        Err(e) => return finish(Err(e)),
    };
    // A rollback moves the alias to a version like any promotion, so it is gated alike.
    let model = backend.registry.model(&plan.model).await?;
    let gates = judge_gates(
        backend,
        &model,
        &plan,
        settings,
        args.dry_run,
        args.override_gates,
    )
    .await?;
    out::line(&format!(
        "plan: {} of '{}' (back to the version it held before)",
        plan.describe(),
        plan.model
    ))?;
    let approval = match approve(
        config,
        gates,
        args.override_gates,
        args.reason.as_ref(),
        args.dry_run,
    )
    .await?
    {
        Approved::Go(a) => a,
        Approved::Stop(code) => return Ok(code),
    };
    if !confirm(config, &alias, &plan.model, args.yes)? {
        out::err("refused: not confirmed, nothing changed");
        return Ok(refused());
    }
    finish(promote::execute(backend, &plan, &approval, log.as_ref()).await)
}

pub async fn baseline(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &BaselineArgs,
) -> Result<ExitCode, CliError> {
    out::settle(u8::from(!args.dry_run));
    if let Some(code) = refuse_read_only(config, backend, "baseline") {
        return Ok(code);
    }
    let run = backend.runs.run(&RunId::new(args.run.as_str())).await?;
    let experiments = backend.runs.experiments().await?;
    let experiment_name = experiments
        .iter()
        .find(|e| e.id == run.experiment_id)
        .map_or_else(|| run.experiment_id.to_string(), |e| e.name.clone());
    let current = crate::ops::baseline::tagged(backend, &run.experiment_id, settings).await?;
    let plan = BaselinePlan {
        experiment: run.experiment_id.clone(),
        experiment_name,
        run: run.id.clone(),
        run_name: run.display_name().to_owned(),
        current: current.as_ref().map(|b| b.run.id.clone()),
        current_name: current.as_ref().map(|b| b.run.display_name().to_owned()),
    };
    out::line(&format!("plan: {}", plan.describe()))?;
    let by = crate::ops::identity::who(&config.user).await;
    out::line(&format!("recorded as: {by}"))?;
    if args.dry_run {
        out::line("dry run: nothing changed")?;
        return Ok(OK);
    }
    if !args.yes && !ask("Confirm? [y/N] ", "y")? {
        out::err("refused: not confirmed, nothing changed");
        return Ok(refused());
    }
    let approval = Approval {
        by,
        at: now(),
        gates: None,
        override_gates: false,
        reason: args.reason.clone(),
    };
    let log = audit_log(config, backend);
    finish(crate::ops::baseline::move_to(backend, &plan, &approval, settings, log.as_ref()).await)
}

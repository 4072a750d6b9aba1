//! `clearance promote`, `rollback` and `baseline`: the same plans, checks and records as the
//! TUI, confirmed on the terminal (or with `--yes`).

use std::process::ExitCode;

use super::approve::{Approved, approve, confirm, dry_run_done, now};
use super::sink::Sink;
use super::{BaselineArgs, CliError, OK, PromoteArgs, RollbackArgs, out, refused};
use crate::config::{Config, PromoteVia};
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::comparison::find_version;
use crate::domain::policy::Override;
use crate::domain::promotion::{AliasPlan, BaselinePlan, ChangeKind, GateRecord};
use crate::domain::{RegisteredModel, ReviewSettings, RunId, VersionRef};
use crate::ops::audit::AuditLog;
use crate::ops::gates;
use crate::ops::policy::Enforcement;
use crate::ops::promote;
use crate::report;
use crate::report::json::change::{PlanJson, ResultKind};
use crate::store::Backend;

fn audit_log(config: &Config, backend: &Backend) -> Option<AuditLog> {
    AuditLog::for_store(&config.promotion.audit_log, &backend.store)
}

/// Prints the outcome and returns the exit code.
fn finish(sink: &mut Sink, result: Result<Outcome, ChangeError>) -> Result<ExitCode, CliError> {
    sink.record(|d| d.end(&result));
    Ok(match result {
        Ok(Outcome::Done { entry, warnings }) => {
            out::settle(0);
            sink.line(&format!(
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
            sink.line(&m)?;
            OK
        }
        Err(e) => {
            let e = CliError::from_change(e);
            out::err(&e.headline());
            e.exit_code(false)
        }
    })
}

/// Refuses a command that writes to the store when clearance is read-only here (the flag or
/// config, or a store that is read-only by nature, such as the demo's), saying so on stderr
/// and in `sink`'s document.
pub(super) fn refuse_read_only(
    sink: &mut Sink,
    config: &Config,
    backend: &Backend,
    what: &str,
) -> Option<ExitCode> {
    let reason = if config.read_only {
        Some("--read-only or read_only = true")
    } else {
        backend.read_only_reason.as_deref()
    };
    reason.map(|r| {
        let message = format!("{what} changes the store, and clearance is read-only here ({r})");
        out::err(&format!("refused: {message}"));
        sink.record(|d| d.refused(&message));
        refused()
    })
}

/// Not confirmed: nothing changed.
fn not_confirmed(sink: &mut Sink) -> ExitCode {
    out::err("refused: not confirmed, nothing changed");
    sink.record(|d| d.refused("not confirmed, nothing changed"));
    refused()
}

/// Runs a change command's body, then prints its document (with `--json`).
async fn with_sink(
    mut sink: Sink,
    body: impl AsyncFnOnce(&mut Sink) -> Result<ExitCode, CliError>,
) -> Result<ExitCode, CliError> {
    let code = body(&mut sink).await?;
    sink.finish()?;
    Ok(code)
}

pub async fn promote(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &PromoteArgs,
    github: crate::ops::gitops::HostFlags<'_>,
) -> Result<ExitCode, CliError> {
    let via = args
        .via
        .map_or_else(|| config.promotion.via_for(&args.model), Into::into);
    if via == PromoteVia::Pr && args.json {
        return Err(CliError::usage(
            "promote --via pr has no --json output; leave out --json (or use --via direct)",
        ));
    }
    let sink = Sink::new(args.json, "promote", args.dry_run);
    with_sink(sink, async |sink| {
        promote_to(sink, backend, config, settings, args, github, via).await
    })
    .await
}

async fn promote_to(
    sink: &mut Sink,
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &PromoteArgs,
    github: crate::ops::gitops::HostFlags<'_>,
    via: PromoteVia,
) -> Result<ExitCode, CliError> {
    // Until it is done, a promotion whose output was cut short is not one.
    out::settle(u8::from(!args.dry_run));
    if via == PromoteVia::Pr {
        // A pull request changes GitHub, not the store: only --read-only stops it.
        if config.read_only {
            out::err("refused: promote --via pr opens a pull request, and clearance is read-only");
            return Ok(refused());
        }
    } else if let Some(code) = refuse_read_only(sink, config, backend, "promote") {
        return Ok(code);
    }
    if args.override_gates && args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(CliError::usage("--override-gates needs --reason TEXT"));
    }
    let override_ = policy_override(args.override_reason.as_ref(), args.override_second.as_ref())?;
    let alias = args
        .to
        .clone()
        .unwrap_or_else(|| settings.production_alias.clone());
    let (model, to) = promotion_target(backend, args).await?;
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
    sink.record(|d| d.plan = Some(PlanJson::from(&plan)));
    if plan.is_noop() {
        out::settle(0);
        let message = format!(
            "nothing to do: @{alias} of '{}' already points at {}",
            plan.model,
            plan.to.label()
        );
        sink.record(|d| d.nothing_to_do(&message));
        sink.line(&message)?;
        return Ok(OK);
    }
    if via == PromoteVia::Pr {
        return super::promote_pr::promote(backend, config, settings, args, github, plan, &to)
            .await;
    }
    let gates = judge_gates(
        sink,
        backend,
        &model,
        &plan,
        settings,
        args.dry_run,
        args.override_gates,
    )
    .await?;
    sink.line(&format!("plan: {} of '{}'", plan.describe(), plan.model))?;
    let approval = match approve(
        sink,
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
        Approved::DryRun(a) => {
            let log = audit_log(config, backend);
            return dry_run(
                sink,
                backend,
                config,
                &plan,
                &a,
                override_.as_ref(),
                log.as_ref(),
            )
            .await;
        }
    };
    if !confirm(config, &alias, &plan.model, args.yes)? {
        return Ok(not_confirmed(sink));
    }
    let log = audit_log(config, backend);
    let enforcement = enforcement(config, override_.as_ref());
    finish(
        sink,
        promote::execute(backend, &plan, &approval, &enforcement, log.as_ref()).await,
    )
}

/// The model and the registered version `promote` names.
async fn promotion_target(
    backend: &Backend,
    args: &PromoteArgs,
) -> Result<(RegisteredModel, crate::domain::ModelVersion), CliError> {
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
    Ok((model, to))
}

/// The end of a dry run of a move: the policy's checklist when a policy governs it (read
/// now, as the move would be judged), and exit 1 when the policy would refuse the move.
/// Nothing is recorded.
async fn dry_run(
    sink: &mut Sink,
    backend: &Backend,
    config: &Config,
    plan: &AliasPlan,
    approval: &Approval,
    override_: Option<&Override>,
    log: Option<&AuditLog>,
) -> Result<ExitCode, CliError> {
    let model = backend
        .registry
        .model(&plan.model)
        .await
        .map_err(CliError::from)?;
    let enforcement = enforcement(config, override_);
    let judged = crate::ops::policy::preview(backend, &enforcement, plan, approval, &model, log)
        .await
        .map_err(CliError::from_change)?;
    if let Some((verdict, refusal)) = judged {
        let to = plan.to.label();
        for l in super::policy::checklist(&verdict, &plan.model, &to, &plan.alias, &approval.by) {
            sink.line(&l)?;
        }
        if let Some(message) = refusal {
            out::settle(1);
            let message = format!("{message}; a move would be refused (dry run: nothing changed)");
            out::err(&message);
            sink.record(|d| d.refused(&message));
            return Ok(refused());
        }
    }
    dry_run_done(sink)
}

/// The policy's enforcement of a move confirmed here, with the override given, if any.
fn enforcement<'a>(config: &'a Config, override_: Option<&'a Override>) -> Enforcement<'a> {
    Enforcement {
        override_,
        ..Enforcement::direct(config)
    }
}

/// `--override-reason` (and `--override-second`): an override of the policy's freezes.
fn policy_override(
    reason: Option<&String>,
    second: Option<&String>,
) -> Result<Option<Override>, CliError> {
    match reason {
        None => Ok(None),
        Some(r) if r.trim().is_empty() => Err(CliError::usage(
            "--override-reason needs a reason: say why the freeze does not apply",
        )),
        Some(r) => Ok(Some(Override {
            reason: r.trim().to_owned(),
            second: second.map(|s| s.trim().to_owned()),
        })),
    }
}

/// The gates of a move, judged as everywhere: the target against what the alias holds now;
/// prints the comparison.
async fn judge_gates(
    sink: &Sink,
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
        sink.text_block(&report::text::comparison(cmp))?;
        sink.line("")?;
    }
    Ok(gates::record(cmp.as_ref()))
}

pub async fn rollback(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &RollbackArgs,
) -> Result<ExitCode, CliError> {
    let sink = Sink::new(args.json, "rollback", args.dry_run);
    with_sink(sink, async |sink| {
        rollback_to(sink, backend, config, settings, args).await
    })
    .await
}

async fn rollback_to(
    sink: &mut Sink,
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &RollbackArgs,
) -> Result<ExitCode, CliError> {
    out::settle(u8::from(!args.dry_run));
    if let Some(code) = refuse_read_only(sink, config, backend, "rollback") {
        return Ok(code);
    }
    if args.override_gates && args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(CliError::usage("--override-gates needs --reason TEXT"));
    }
    let override_ = policy_override(args.override_reason.as_ref(), args.override_second.as_ref())?;
    let alias = args
        .alias
        .clone()
        .unwrap_or_else(|| settings.production_alias.clone());
    let log = audit_log(config, backend);
    let plan = match promote::rollback_plan(backend, &args.model, &alias, log.as_ref()).await {
        Ok(p) => p,
        Err(e) => return finish(sink, Err(e)),
    };
    sink.record(|d| d.plan = Some(PlanJson::from(&plan)));
    // A rollback moves the alias to a version like any promotion, so it is gated alike.
    let model = backend
        .registry
        .model(&plan.model)
        .await
        .map_err(CliError::from)?;
    let gates = judge_gates(
        sink,
        backend,
        &model,
        &plan,
        settings,
        args.dry_run,
        args.override_gates,
    )
    .await?;
    sink.line(&format!(
        "plan: {} of '{}' (back to the version it held before)",
        plan.describe(),
        plan.model
    ))?;
    let approval = match approve(
        sink,
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
        Approved::DryRun(a) => {
            return dry_run(
                sink,
                backend,
                config,
                &plan,
                &a,
                override_.as_ref(),
                log.as_ref(),
            )
            .await;
        }
    };
    if !confirm(config, &alias, &plan.model, args.yes)? {
        return Ok(not_confirmed(sink));
    }
    let enforcement = enforcement(config, override_.as_ref());
    finish(
        sink,
        promote::execute(backend, &plan, &approval, &enforcement, log.as_ref()).await,
    )
}

pub async fn baseline(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &BaselineArgs,
) -> Result<ExitCode, CliError> {
    let sink = Sink::new(args.json, "baseline", args.dry_run);
    with_sink(sink, async |sink| {
        baseline_to(sink, backend, config, settings, args).await
    })
    .await
}

async fn baseline_to(
    sink: &mut Sink,
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &BaselineArgs,
) -> Result<ExitCode, CliError> {
    out::settle(u8::from(!args.dry_run));
    if let Some(code) = refuse_read_only(sink, config, backend, "baseline") {
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
    sink.record(|d| {
        d.plan = Some(PlanJson {
            alias: settings.baseline_tag.clone(),
            ..PlanJson::from(&plan)
        });
    });
    sink.line(&format!("plan: {}", plan.describe()))?;
    let by = crate::ops::identity::who(&config.user).await;
    sink.record(|d| d.approved_by = Some(by.clone()));
    sink.line(&format!("recorded as: {by}"))?;
    if args.dry_run {
        sink.record(|d| d.result = ResultKind::DryRun);
        sink.line("dry run: nothing changed")?;
        return Ok(OK);
    }
    if !args.yes && !super::approve::ask("Confirm? [y/N] ", "y")? {
        return Ok(not_confirmed(sink));
    }
    let approval = Approval {
        by,
        at: now(),
        gates: None,
        override_gates: false,
        reason: args.reason.clone(),
    };
    let log = audit_log(config, backend);
    finish(
        sink,
        crate::ops::baseline::move_to(backend, &plan, &approval, settings, log.as_ref()).await,
    )
}

//! `clearance apply FILE`: make the registry match the deployment file (CI, after a promotion
//! PR merges). Exit codes as for `promote`: 0 done or nothing to do, 1 refused, 2 error.

use std::process::ExitCode;

use super::{ApplyArgs, CliError, OK, out};
use crate::config::Config;
use crate::domain::ReviewSettings;
use crate::ops::audit::AuditLog;
use crate::ops::gitops::apply::{ApplyReport, PinOutcome};
use crate::ops::gitops::{DeploymentFile, apply};
use crate::report::json::change::{ApplyDoc, PinJson, ResultKind};
use crate::report::json::{EventJson, SchemaVersion};
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &ApplyArgs,
) -> Result<ExitCode, CliError> {
    let path = args.file.display();
    let text = std::fs::read_to_string(&args.file).map_err(|e| {
        CliError::failed(format_args!(
            "cannot read the deployment file '{path}': {e}"
        ))
    })?;
    let file = DeploymentFile::parse(&text)
        .map_err(|e| CliError::usage(format_args!("deployment file '{path}': {e}")))?;
    if !args.dry_run
        && let Some(code) = super::change::refuse_read_only(
            &mut super::sink::Sink::text(),
            config,
            backend,
            "apply",
        )
    {
        return Ok(code);
    }
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let env = |k: &str| std::env::var(k).ok();
    let applied_by = crate::ops::gitops::apply::applied_by(&args.applied_by, &env);
    let report = apply(
        backend,
        &file,
        settings,
        &applied_by,
        args.dry_run,
        &crate::ops::policy::Enforcement::direct(config),
        log.as_ref(),
    )
    .await
    .map_err(|e| CliError::failed(format_args!("deployment file '{path}': {e}")))?;
    let code = exit_code(&report);
    out::settle(code);
    if args.json {
        out::json(&apply_doc(args, &report))?;
        return Ok(ExitCode::from(code));
    }
    if report.results.is_empty() {
        out::line(&format!("no models pinned in '{path}'"))?;
        return Ok(OK);
    }
    for (model, result) in &report.results {
        match result {
            Ok(PinOutcome::Moved { entry, warnings }) => {
                out::line(&format!(
                    "{model}: done: {} (recorded as {})",
                    entry.describe(),
                    entry.by
                ))?;
                for w in warnings {
                    out::err(&format!("{model}: warning: {w}"));
                }
            }
            Ok(PinOutcome::AlreadyThere(m) | PinOutcome::WouldMove(m)) => {
                out::line(&format!("{model}: {m}"))?;
            }
            Err(e) => out::err(&format!(
                "{model}: {}",
                CliError::from_change(e.clone()).headline()
            )),
        }
    }
    if args.dry_run {
        out::line("dry run: nothing changed")?;
    }
    Ok(ExitCode::from(code))
}

/// The `--json` document: each model's outcome and the record written.
fn apply_doc(args: &ApplyArgs, report: &crate::ops::gitops::apply::ApplyReport) -> ApplyDoc {
    let models = report
        .results
        .iter()
        .map(|(model, result)| {
            let (result, message, record, warnings) = match result {
                Ok(PinOutcome::Moved { entry, warnings }) => (
                    ResultKind::Done,
                    None,
                    Some(EventJson::from(entry.as_ref())),
                    warnings.clone(),
                ),
                Ok(PinOutcome::AlreadyThere(m)) => {
                    (ResultKind::NothingToDo, Some(m.clone()), None, Vec::new())
                }
                Ok(PinOutcome::WouldMove(m)) => {
                    (ResultKind::DryRun, Some(m.clone()), None, Vec::new())
                }
                Err(e) => (
                    ResultKind::of_error(e),
                    Some(e.to_string()),
                    None,
                    Vec::new(),
                ),
            };
            PinJson {
                model: model.clone(),
                result,
                message,
                record,
                warnings,
            }
        })
        .collect();
    ApplyDoc {
        schema_version: SchemaVersion,
        file: args.file.display().to_string(),
        dry_run: args.dry_run,
        applied_by: args.applied_by.clone(),
        models,
    }
}

/// The worst pin's code: 0 when every pin is applied, 1 when one was refused, 2 when one
/// failed.
fn exit_code(report: &ApplyReport) -> u8 {
    report
        .results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err())
        .map(|e| CliError::from_change(e.clone()).code(false))
        .max()
        .unwrap_or(0)
}

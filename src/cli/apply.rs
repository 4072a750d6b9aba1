//! `clearance apply FILE`: make the registry match the deployment file (CI, after a promotion
//! PR merges). Exit codes as for `promote`: 0 done or nothing to do, 1 refused, 2 error.

use std::process::ExitCode;

use super::{ApplyArgs, CliError, OK, out};
use crate::config::Config;
use crate::domain::ReviewSettings;
use crate::ops::audit::AuditLog;
use crate::ops::gitops::apply::{ApplyReport, Merged, PinOutcome, Provenance, find_merged};
use crate::ops::gitops::{self as gitops, DeploymentFile, HostFlags, apply};
use crate::report::json::change::{ApplyDoc, PinJson, ResultKind};
use crate::report::json::{EventJson, SchemaVersion};
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &ApplyArgs,
    flags: HostFlags<'_>,
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
    let merged = merged_change(config, args, flags, &env).await?;
    if let Merged::Found(m) = &merged {
        out::err(&format!(
            "the policy is judged on {}: by {}, merged by {}, approved by {}{}",
            m.name,
            m.author,
            m.merged_by.as_deref().unwrap_or("(not reported)"),
            if m.approvers.is_empty() {
                "nobody".to_owned()
            } else {
                m.approvers.join(", ")
            },
            if m.stale_approvers.is_empty() {
                String::new()
            } else {
                format!(
                    " (not counted: {} approved an earlier commit, not the one merged)",
                    m.stale_approvers.join(", ")
                )
            }
        ));
    }
    let report = apply(
        backend,
        &file,
        settings,
        Provenance {
            applied_by: &applied_by,
            merged: &merged,
        },
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

/// The merged change request behind the file, when the policy has rules to judge on it:
/// `--pr N`, else the one that merged CI's commit (`$GITHUB_SHA` in GitHub Actions,
/// `$CI_COMMIT_SHA` in GitLab CI), merged into `promotion.base_branch` where one is set. No
/// policy rule, or no number and no commit, look nothing up (a dry run looks, as it judges
/// the policy too). `--pr N` that cannot be read is an error; a lookup from CI that fails is
/// said in the refusal it causes, if any.
async fn merged_change(
    config: &Config,
    args: &ApplyArgs,
    flags: HostFlags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Merged, CliError> {
    // A policy that does not load is refused where it is judged; look up as if it had rules.
    let rules = !matches!(crate::ops::policy::load(config), Ok(p) if p.rules.is_empty());
    if !rules && args.pr.is_none() {
        return Ok(Merged::Unknown("none was looked up".into()));
    }
    let ci = |flag: &str, var: &str| {
        (env(flag).as_deref() == Some("true"))
            .then(|| env(var))
            .flatten()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let sha = ci("GITHUB_ACTIONS", "GITHUB_SHA").or_else(|| ci("GITLAB_CI", "CI_COMMIT_SHA"));
    if args.pr.is_none() && sha.is_none() {
        return Ok(Merged::Unknown(
            "no number given and no commit from CI ($GITHUB_SHA, $CI_COMMIT_SHA)".into(),
        ));
    }
    let found = match gitops::connect(config, flags).await {
        Ok(host) => {
            let base = Some(config.promotion.base_branch.trim()).filter(|b| !b.is_empty());
            find_merged(host.as_ref(), args.pr, sha.as_deref(), base).await
        }
        Err(e) => Err(e),
    };
    match found {
        Ok(m) => Ok(m),
        Err(e) if args.pr.is_some() => Err(e.into()),
        Err(e) => Ok(Merged::Unknown(format!(
            "the code host could not tell: {e}"
        ))),
    }
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

//! `clearance promote --via pr`: the same plan, comparison, gates and confirmation as a direct
//! promotion, but the change is a pull request pinning the version in the deployment file.
//! No alias moves until CI runs `clearance apply` after the merge.

use std::process::ExitCode;

use super::approve::{Approved, approve, confirm, dry_run_done};
use super::{CliError, OK, PromoteArgs, out, refused};
use crate::config::Config;
use crate::domain::promotion::{AliasPlan, GateRecord};
use crate::domain::{ModelVersion, ReviewSettings, VersionRef};
use crate::ops::compare::model_diff;
use crate::ops::gitops::promote_pr::PrPromotion;
use crate::ops::gitops::{self, PrSettings, open_promotion_pr};
use crate::report;
use crate::store::Backend;

pub async fn promote(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    args: &PromoteArgs,
    flags: gitops::HostFlags<'_>,
    plan: AliasPlan,
    to: &ModelVersion,
) -> Result<ExitCode, CliError> {
    let host = gitops::connect(config, flags).await?;
    let pr_settings = PrSettings::from_config(&config.promotion);
    // The report and the gates: the candidate against what the alias holds now.
    let (report, gates) = match &plan.from {
        Some(from) => {
            let cmp = model_diff(
                backend,
                &plan.model,
                &VersionRef::Version(plan.to.clone()),
                &VersionRef::Version(from.clone()),
                settings,
                true,
            )
            .await?;
            out::text(&report::text::comparison(&cmp))?;
            out::line("")?;
            (
                report::markdown::comparison(&cmp),
                GateRecord::any_gate(&cmp.report).then(|| GateRecord::from_report(&cmp.report)),
            )
        }
        None => (String::new(), None),
    };
    let branch = pr_settings.rule.branch(&plan.model, &plan.to);
    out::line(&format!(
        "plan: {} of '{}', by {} to {} ('{}' on branch '{branch}')",
        plan.describe(),
        plan.model,
        host.info().vocab.noun(),
        host.info().project,
        pr_settings.deployment_file
    ))?;
    let approval = match approve(
        &mut super::sink::Sink::text(),
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
        // `apply` judges the policy when the merged pin is applied.
        Approved::DryRun(_) => return dry_run_done(&mut super::sink::Sink::text()),
    };
    if !confirm(config, &plan.alias, &plan.model, args.yes)? {
        out::err("refused: not confirmed, nothing changed");
        return Ok(refused());
    }
    let promotion = PrPromotion {
        run_id: to.run_id.as_ref().map(|r| r.as_str().to_owned()),
        report,
        approval,
        plan,
    };
    match open_promotion_pr(host.as_ref(), &promotion, &pr_settings).await {
        Ok(pr) => {
            out::settle(0);
            for step in &pr.steps {
                out::line(&format!("  {step}"))?;
            }
            out::line(&format!(
                "done: {} {} ({}); the alias moves when CI applies '{}' after the merge",
                host.info().vocab.named(pr.number),
                if pr.pr_created { "opened" } else { "updated" },
                pr.url,
                pr_settings.deployment_file
            ))?;
            Ok(OK)
        }
        Err(e) => Err(CliError::from_change(e)),
    }
}

//! `clearance comment PR`: the diff report as a pull request comment, posted once and then
//! updated in place (found by its hidden marker on any page of the PR's comments).

use std::process::ExitCode;

use super::{CliError, CommentArgs, OK, out};
use crate::config::Config;
use crate::domain::{ReviewSettings, VersionRef};
use crate::ops::compare::model_diff;
use crate::ops::gitops::{self, HostFlags, PrSettings, report_comment_body, upsert_report_comment};
use crate::report;
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    settings: &ReviewSettings,
    flags: HostFlags<'_>,
    args: &CommentArgs,
) -> Result<ExitCode, CliError> {
    if config.read_only {
        out::err("refused: comment posts on the code host, and clearance is read-only");
        return Ok(super::refused());
    }
    let ci_mr = std::env::var("CI_MERGE_REQUEST_IID").ok();
    let Some(number) = pr_number(args.pr, ci_mr.as_deref()) else {
        return Err(CliError::usage(
            "which pull or merge request? pass its number (GitLab CI sets \
             $CI_MERGE_REQUEST_IID in merge request pipelines)",
        ));
    };
    let host = gitops::connect(config, flags).await?;
    // What the PR pins decides the defaults: its model, and its version as the candidate.
    let pinned = if args.model.is_none() || args.candidate.is_none() {
        let pr_settings = PrSettings::from_config(&config.promotion);
        let pull = host.change_request(number).await?;
        gitops::prs::promotion(host.as_ref(), &pull, &pr_settings).await?
    } else {
        None
    };
    let Some(model) = args
        .model
        .clone()
        .or_else(|| pinned.as_ref().map(|p| p.model.clone()))
    else {
        out::line(&format!(
            "nothing to report: {} is not a promotion {} (pass --model to report on a model \
             anyway)",
            host.info().vocab.number(number),
            host.info().vocab.noun()
        ))?;
        return Ok(OK);
    };
    let candidate = args.candidate.clone().unwrap_or_else(|| match &pinned {
        Some(p) if p.model == model => VersionRef::Version(p.version.clone()),
        _ => VersionRef::Alias(settings.staging_alias.clone()),
    });
    let baseline = args
        .baseline
        .clone()
        .unwrap_or_else(|| VersionRef::Alias(settings.production_alias.clone()));
    let cmp = model_diff(backend, &model, &candidate, &baseline, settings, true).await?;
    let body = report_comment_body(&model, &report::markdown::comparison(&cmp));
    let outcome = upsert_report_comment(host.as_ref(), number, &model, &body).await?;
    out::line(&format!(
        "{} the report comment on {} ({} vs {}; {}): {}",
        outcome.verb(),
        host.info().vocab.number(number),
        cmp.candidate.label(),
        cmp.baseline.label(),
        if cmp.report.passed() {
            "gates pass"
        } else {
            "gates fail"
        },
        outcome.comment().url
    ))?;
    Ok(OK)
}

/// The number given, else GitLab CI's `$CI_MERGE_REQUEST_IID`.
fn pr_number(given: Option<u64>, ci_mr: Option<&str>) -> Option<u64> {
    given.or_else(|| ci_mr.and_then(|s| s.trim().parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_given_wins_over_gitlab_ci() {
        assert_eq!(pr_number(Some(3), Some("7")), Some(3));
        assert_eq!(pr_number(None, Some(" 7 ")), Some(7));
        assert_eq!(pr_number(None, Some("x")), None);
        assert_eq!(pr_number(None, None), None);
    }
}

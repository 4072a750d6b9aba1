//! Opening a promotion pull request from the TUI: re-check the alias, build the report the
//! CLI would, and hand over to [`ops::gitops::open_promotion_pr`].

use super::github::GitHubLink;
use crate::domain::change::{Approval, ChangeError};
use crate::domain::promotion::AliasPlan;
use crate::domain::pull_request::PromotionPr;
use crate::domain::{ReviewSettings, VersionRef};
use crate::ops;
use crate::ops::gitops::promote_pr::PrPromotion;
use crate::report;
use crate::store::Backend;

/// Opens (or updates) the pull request pinning `plan.to`. Refused, as a direct promotion
/// would be, when the registry is no longer as the reviewer saw it, so the PR never
/// describes a move that is not the one reviewed.
pub async fn open(
    b: &Backend,
    settings: &ReviewSettings,
    github: Option<&GitHubLink>,
    plan: AliasPlan,
    approval: Approval,
) -> Result<PromotionPr, ChangeError> {
    let github = github.ok_or_else(|| {
        ChangeError::Refused(
            "no GitHub repository configured: set github.repo (or pass --repo); nothing changed"
                .into(),
        )
    })?;
    let model = b
        .registry
        .model(&plan.model)
        .await
        .map_err(|e| ChangeError::Failed(format!("{e}; nothing changed")))?;
    if let Some(why) = plan.precondition_failure(&model) {
        return Err(ChangeError::Refused(format!(
            "refused, nothing changed: {why}"
        )));
    }
    let run_id = model
        .version(&plan.to)
        .and_then(|v| v.run_id.as_ref())
        .map(|r| r.as_str().to_owned());
    let report = match &plan.from {
        Some(from) => {
            let cmp = ops::compare::diff_in(
                b,
                &model,
                &VersionRef::Version(plan.to.clone()),
                &VersionRef::Version(from.clone()),
                settings,
                true,
            )
            .await
            .map_err(|e| {
                ChangeError::Failed(format!("comparing for the report: {e}; nothing changed"))
            })?;
            report::markdown::comparison(&cmp)
        }
        None => String::new(),
    };
    let client = github
        .client()
        .await
        .map_err(|e| ChangeError::Failed(format!("{e}; nothing changed")))?;
    let promotion = PrPromotion {
        plan,
        run_id,
        report,
        approval,
    };
    ops::gitops::open_promotion_pr(client.as_ref(), &promotion, &github.settings).await
}

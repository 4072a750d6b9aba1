//! Opening a promotion pull request from the TUI: re-check the alias, build the report the
//! CLI would, and hand over to [`ops::gitops::open_promotion_pr`].

use super::tasks::Context;
use crate::domain::VersionRef;
use crate::domain::promotion::AliasPlan;
use crate::ops;
use crate::ops::gitops::PromotionPr;
use crate::ops::gitops::promote_pr::PrPromotion;
use crate::ops::promote::{Approval, ChangeError};
use crate::report;

/// Opens (or updates) the pull request pinning `plan.to`. Refused when the alias no longer
/// points where the reviewer saw it, so the PR never describes a move that is not the one
/// reviewed.
pub async fn open(
    ctx: &Context,
    plan: AliasPlan,
    approval: Approval,
) -> Result<PromotionPr, ChangeError> {
    let github = ctx.github.as_deref().ok_or_else(|| {
        ChangeError::Refused(
            "no GitHub repository configured: set github.repo (or pass --repo); nothing changed"
                .into(),
        )
    })?;
    let b = &ctx.backend;
    let model = b
        .registry
        .model(&plan.model)
        .await
        .map_err(|e| ChangeError::Failed(format!("{e}; nothing changed")))?;
    let now = model.aliases.get(&plan.alias);
    if now != plan.from.as_ref() {
        let label = |v: Option<&crate::domain::VersionId>| {
            v.map_or_else(|| "unset".to_owned(), crate::domain::VersionId::label)
        };
        return Err(ChangeError::Refused(format!(
            "@{} of '{}' is {} now, not {} as reviewed; nothing changed. Refresh and review again",
            plan.alias,
            plan.model,
            label(now),
            label(plan.from.as_ref())
        )));
    }
    let run_id = model
        .version(&plan.to)
        .ok_or_else(|| {
            ChangeError::Refused(format!(
                "'{}' has no version {} any more; nothing changed",
                plan.model,
                plan.to.label()
            ))
        })?
        .run_id
        .as_ref()
        .map(|r| r.as_str().to_owned());
    let report = match &plan.from {
        Some(from) => {
            let cmp = ops::compare::model_diff(
                b,
                &plan.model,
                &VersionRef::Version(plan.to.clone()),
                &VersionRef::Version(from.clone()),
                &ctx.settings,
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
    ops::gitops::open_promotion_pr(&client, &promotion, &github.settings).await
}

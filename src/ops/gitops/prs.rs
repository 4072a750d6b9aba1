//! Open change requests with their checks and review state, and the model version each
//! promotion pins: what `clearance prs` prints and the TUI's PRs tab shows.

use futures::StreamExt as _;

use super::PrSettings;
use super::deployment::DeploymentFile;
use crate::domain::pull_request::{
    CheckSummary, PromotionRef, PullRequest, ReviewState, approvals_on,
};
use crate::host::{ChangeRequest, CodeHost, HostError};

/// Change requests whose details are fetched at once.
const CONCURRENCY: usize = 4;

/// Every open change request, newest first, with reviews, checks and the pinned version.
/// Costs 1 request per page, then the host's requests for reviews and checks per change
/// request (on GitHub 3; 2 more for a labelled promotion PR whose branch does not name the
/// version).
pub async fn open_prs(
    host: &dyn CodeHost,
    settings: &PrSettings,
) -> Result<Vec<PullRequest>, HostError> {
    let pulls = host.change_requests(None).await?;
    let details: Vec<Result<PullRequest, HostError>> = futures::stream::iter(pulls)
        .map(|p| details(host, p, settings))
        .buffered(CONCURRENCY)
        .collect()
        .await;
    details.into_iter().collect()
}

async fn details(
    host: &dyn CodeHost,
    p: ChangeRequest,
    settings: &PrSettings,
) -> Result<PullRequest, HostError> {
    let (reviews, checks, approvals) = futures::future::try_join3(
        host.reviews(p.number),
        host.checks(&p.head_sha),
        host.approvals_required(p.number),
    )
    .await?;
    let promotion = promotion(host, &p, settings).await?;
    Ok(PullRequest {
        review: ReviewState::from_reviews(&reviews, p.pending_reviewers, &p.head_sha),
        approved_by: approvals_on(&reviews, &p.head_sha).0,
        approvals,
        checks: CheckSummary::from_checks(&checks.checks),
        pipeline: checks.pipeline,
        jobs: checks.checks.into_iter().map(|c| c.job).collect(),
        promotion,
        number: p.number,
        title: p.title,
        author: p.author,
        created: p.created,
        updated: p.updated,
        draft: p.draft,
        labels: p.labels,
        head_branch: p.head_branch,
        head_sha: p.head_sha,
        base_branch: p.base_branch,
        url: p.url,
    })
}

/// The version a promotion change request pins: from its branch name, else (a labelled PR on a branch
/// of another name) from the pin that differs between the deployment file at its head and
/// on its base branch.
pub async fn promotion(
    host: &dyn CodeHost,
    p: &ChangeRequest,
    settings: &PrSettings,
) -> Result<Option<PromotionRef>, HostError> {
    if !settings.rule.matches(&p.head_branch, &p.labels) {
        return Ok(None);
    }
    if let Some(r) = settings.rule.parse_branch(&p.head_branch) {
        return Ok(Some(r));
    }
    let path = &settings.deployment_file;
    let Some(head) = host.file(path, &p.head_sha).await? else {
        return Ok(None);
    };
    let base = host.file(path, &p.base_branch).await?;
    Ok(changed_pin(
        &head.text,
        base.as_ref().map(|b| b.text.as_str()),
    ))
}

/// The first pin of `head` that `base` does not have (a file that does not parse: none).
pub fn changed_pin(head: &str, base: Option<&str>) -> Option<PromotionRef> {
    let head = DeploymentFile::parse(head).ok()?.pins().ok()?;
    let base = base
        .and_then(|b| DeploymentFile::parse(b).ok())
        .and_then(|f| f.pins().ok())
        .unwrap_or_default();
    head.into_iter()
        .find(|h| {
            !base
                .iter()
                .any(|b| b.model == h.model && b.version == h.version && b.alias == h.alias)
        })
        .map(|h| PromotionRef {
            model: h.model,
            version: h.version,
        })
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn the_changed_pin_is_the_promotion() {
        let base = "[models.churn]\nversion = \"7\"\n[models.fraud]\nversion = \"3\"\n";
        let head = "[models.churn]\nversion = \"7\"\n[models.fraud]\nversion = \"4\"\n";
        assert_eq!(
            changed_pin(head, Some(base)),
            Some(PromotionRef {
                model: "fraud".into(),
                version: "4".into()
            })
        );
        assert_eq!(changed_pin(base, Some(base)), None);
        assert_eq!(
            changed_pin(head, None).map(|r| r.model),
            Some("churn".into()),
            "a new file: its first pin"
        );
        assert_eq!(changed_pin("not toml [", Some(base)), None);
    }
}

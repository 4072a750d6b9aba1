//! Promotion by change request (GitOps) and the code host side of review: the deployment
//! file, promotion pull requests, `apply` after the merge, the sticky report note, and open
//! change requests with their checks and reviews.
//!
//! Everything here talks to the code host through [`CodeHost`] only, so any forge (and any
//! test double) will do; [`connect`] builds the configured one (GitHub from `[github]`, or
//! GitLab from `[gitlab]`, the flags and the environment).

pub mod apply;
pub mod comment;
mod connect;
pub mod deployment;
pub mod promote_pr;
pub mod prs;

pub use self::apply::{ApplyReport, apply};
pub use self::comment::{CommentOutcome, report_comment_body, upsert_report_comment};
pub use self::connect::{
    DEMO_NO_GITHUB, Forge, HostFlags, chosen_forge, connect, connect_with, named_gitlab_project,
    named_project, named_repo, resolve_gitlab, resolve_target,
};
pub use self::deployment::{DeploymentFile, Pin};
pub use self::promote_pr::open_promotion_pr;
pub use self::prs::open_prs;
use crate::config::PromotionConfig;
use crate::domain::pull_request::PromotionRule;
#[cfg(doc)]
use crate::host::CodeHost;

/// How promotion pull/merge requests look, from `[promotion]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrSettings {
    pub rule: PromotionRule,
    pub deployment_file: String,
    /// `None`: the repository's default branch.
    pub base_branch: Option<String>,
    pub draft: bool,
}

impl PrSettings {
    pub fn from_config(g: &PromotionConfig) -> Self {
        Self {
            rule: g.promotion_rule(),
            deployment_file: g.deployment_file.trim().to_owned(),
            base_branch: Some(g.base_branch.trim())
                .filter(|b| !b.is_empty())
                .map(str::to_owned),
            draft: g.draft,
        }
    }
}

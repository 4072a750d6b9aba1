//! GitHub: one implementation of the code host contract ([`crate::host::CodeHost`]) over
//! GitHub's REST API with octocrab. A change request is a pull request, its checks are the
//! check runs and commit statuses of its head commit together, its notes are issue comments.
//! Nothing is retried automatically: a rate limit is reported with the time it resets, so a
//! person or CI decides when to try again.

pub mod auth;
mod client;
mod dto;
pub mod error;

use std::time::Duration;

pub use self::auth::{GhCli, TokenOrigin, discover_token, gh};
pub use self::client::GitHubClient;
use crate::host::ProjectId;
pub use crate::host::Token;

/// The forge's name in messages.
pub const GITHUB: &str = "GitHub";
pub use crate::domain::host::ApiBase;
use crate::domain::host::RepoId;

/// The public GitHub API.
pub const GITHUB_API: &str = "https://api.github.com";

/// A GitHub repository, `OWNER/NAME`, as a project path.
pub fn repo_id(s: &str) -> Result<ProjectId, String> {
    let repo: RepoId = s.parse()?;
    ProjectId::parse(&repo.to_string()).ok_or_else(|| {
        format!(
            "'{}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models",
            s.trim()
        )
    })
}

/// Everything a [`GitHubClient`] needs.
#[derive(Debug, Clone)]
pub struct GitHubSettings {
    pub api: ApiBase,
    /// `OWNER/NAME` (from [`repo_id`]).
    pub repo: ProjectId,
    pub token: Token,
    pub connect_timeout: Duration,
    /// Longest one request may take, its answer included.
    pub timeout: Duration,
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn repos_parse_and_refuse_nonsense() {
        assert_eq!(
            repo_id(" acme/fraud-models").map(|r| r.to_string()),
            Ok("acme/fraud-models".to_owned())
        );
        for bad in ["acme", "acme/", "/x", "a/b/c", "a b/c"] {
            assert_eq!(
                repo_id(bad),
                Err(format!(
                    "'{bad}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models"
                )),
                "{bad}"
            );
        }
    }
}

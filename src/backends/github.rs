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

use url::Url;

pub use self::auth::{GhCli, TokenOrigin, discover_token};
pub use self::client::GitHubClient;
use crate::host::ProjectId;
pub use crate::host::Token;

/// The forge's name in messages.
pub const GITHUB: &str = "GitHub";

/// The public GitHub API.
pub const GITHUB_API: &str = "https://api.github.com";

/// A GitHub repository, `OWNER/NAME`, as a project path.
pub fn repo_id(s: &str) -> Result<ProjectId, String> {
    let s = s.trim();
    ProjectId::parse(s)
        .filter(|p| p.depth() == 2)
        .ok_or_else(|| {
            format!("'{s}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models")
        })
}

/// Where the API is and which host's credentials it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    /// `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server.
    pub url: Url,
}

impl ApiBase {
    /// Parses an API URL; a trailing slash is dropped.
    pub fn parse(s: &str) -> Result<Self, String> {
        let trimmed = s.trim().trim_end_matches('/');
        let url = Url::parse(trimmed);
        // What was typed may carry a password: messages quote it without.
        let trimmed = crate::domain::store::redact_credentials(trimmed);
        let url = url.map_err(|e| {
            format!("GitHub API URL '{trimmed}' is not a URL ({e}); write https://api.github.com or https://HOST/api/v3")
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "GitHub API URL '{trimmed}' is not an http(s) URL; write https://api.github.com or https://HOST/api/v3"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "GitHub API URL '{trimmed}' holds credentials: give the address alone and the \
                 token in GH_TOKEN (or let `gh auth login` store it)"
            ));
        }
        Ok(Self { url })
    }

    /// The host people log in to: `github.com` for `api.github.com`, else the API's host
    /// (with its port, if any).
    pub fn host(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        if host == "api.github.com" {
            return "github.com".to_owned();
        }
        match self.url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_owned(),
        }
    }

    /// Whether this is a GitHub Enterprise Server (anything but github.com), whose tokens
    /// come from `GH_ENTERPRISE_TOKEN`, as for the `gh` CLI.
    pub fn is_enterprise(&self) -> bool {
        self.host() != "github.com"
    }

    /// The URL without a trailing slash, as octocrab joins routes onto it.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }
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

    #[test]
    fn api_hosts() {
        let gh = ApiBase::parse("https://api.github.com/").unwrap();
        assert_eq!(
            (gh.host().as_str(), gh.is_enterprise()),
            ("github.com", false)
        );
        assert_eq!(gh.as_str(), "https://api.github.com");
        let ghe = ApiBase::parse("https://ghe.acme.io/api/v3").unwrap();
        assert_eq!(
            (ghe.host().as_str(), ghe.is_enterprise()),
            ("ghe.acme.io", true)
        );
        assert_eq!(ghe.as_str(), "https://ghe.acme.io/api/v3");
        assert_eq!(
            ApiBase::parse("http://127.0.0.1:8080").unwrap().host(),
            "127.0.0.1:8080"
        );
        assert!(ApiBase::parse("api.github.com").is_err());
        assert!(ApiBase::parse("ftp://x").is_err());
    }

    #[test]
    fn an_api_url_with_credentials_is_refused_without_echoing_them() {
        for typed in [
            "https://bob:Hunter2pw@ghe.acme.io/api/v3",
            "ftp://bob:Hunter2pw@x",
        ] {
            let err = ApiBase::parse(typed).unwrap_err();
            assert!(!err.contains("Hunter2pw"), "{err}");
        }
        let err = ApiBase::parse("https://bob:Hunter2pw@ghe.acme.io/api/v3").unwrap_err();
        assert!(err.contains("holds credentials"), "{err}");
    }
}

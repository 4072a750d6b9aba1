//! GitHub: pull requests with their CI and reviews, branches, files, comments.
//!
//! [`CodeHost`] is what the rest of clearance uses (the CLI, the GitOps use cases in
//! `ops::gitops`, the TUI's PRs tab); [`GitHubClient`] implements it over GitHub's REST API
//! with octocrab. Nothing is retried automatically: a rate limit is reported with the time it
//! resets, so a person or CI decides when to try again.

pub mod auth;
mod client;
mod dto;
pub mod error;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use url::Url;

pub use self::auth::{GhCli, Token, TokenOrigin, discover_token};
pub use self::client::GitHubClient;
pub use self::error::{HostError, HostErrorKind};
use crate::domain::pull_request::{CheckRun, CommitStatus, Review};

/// The public GitHub API.
pub const GITHUB_API: &str = "https://api.github.com";

/// A repository, `owner/name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoId {
    pub owner: String,
    pub name: String,
}

impl fmt::Display for RepoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

impl FromStr for RepoId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let ok = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        match s.split_once('/') {
            Some((owner, name)) if ok(owner) && ok(name) => Ok(Self {
                owner: owner.to_owned(),
                name: name.to_owned(),
            }),
            _ => Err(format!(
                "'{s}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models"
            )),
        }
    }
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
    pub repo: RepoId,
    pub token: Token,
    pub connect_timeout: Duration,
    /// Longest one request may take, its answer included.
    pub timeout: Duration,
}

/// The repository's facts a promotion needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoInfo {
    pub default_branch: String,
    pub url: String,
}

/// A pull request as listed, before its reviews and checks are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullInfo {
    pub number: u64,
    pub title: String,
    pub body: String,
    pub author: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub draft: bool,
    pub labels: Vec<String>,
    pub head_branch: String,
    pub head_sha: String,
    pub base_branch: String,
    pub url: String,
    /// Reviewers and teams asked to review who have not answered yet.
    pub requested_reviewers: usize,
}

/// A file on a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoFile {
    pub path: String,
    /// The blob's SHA, needed to update the file.
    pub sha: String,
    pub text: String,
}

/// A file to create (`sha: None`) or update on a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutFile {
    pub path: String,
    pub branch: String,
    pub message: String,
    pub text: String,
    /// The blob being replaced (from [`CodeHost::file`]); `None` creates the file.
    pub sha: Option<String>,
}

/// A pull request to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPull {
    pub title: String,
    pub head: String,
    pub base: String,
    pub body: String,
    pub draft: bool,
}

/// A comment on a pull request (an issue comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: u64,
    pub author: String,
    pub body: String,
    pub url: String,
    pub updated: Option<DateTime<Utc>>,
}

/// Whether a branch was made or was already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchOutcome {
    /// The branch is new, at the SHA asked for.
    Created,
    /// A branch of that name was there already (GitHub's 422 "Reference already exists");
    /// it was left as it is.
    AlreadyExists,
}

/// A code host: the operations clearance needs from GitHub (or, later, another forge).
///
/// Every method is one request, or one request per page for lists (all pages are read).
#[async_trait]
pub trait CodeHost: Send + Sync {
    /// The repository this client works on.
    fn repo(&self) -> &RepoId;

    /// `GitHub acme/models at https://api.github.com`, for messages.
    fn label(&self) -> String;

    /// The repository's default branch.
    async fn repository(&self) -> Result<RepoInfo, HostError>;

    /// The SHA a branch points at; `None` when there is no such branch.
    async fn branch_head(&self, branch: &str) -> Result<Option<String>, HostError>;

    /// Creates `branch` at `sha`; an existing branch is left as it is.
    async fn create_branch(&self, branch: &str, sha: &str) -> Result<BranchOutcome, HostError>;

    /// A file on a branch (or at a SHA); `None` when it does not exist there.
    async fn file(&self, path: &str, git_ref: &str) -> Result<Option<RepoFile>, HostError>;

    /// Creates or updates a file with one commit; returns the commit's SHA.
    async fn put_file(&self, file: &PutFile) -> Result<String, HostError>;

    /// Every open pull request, all pages, newest first.
    async fn open_pulls(&self) -> Result<Vec<PullInfo>, HostError>;

    /// One pull request.
    async fn pull(&self, number: u64) -> Result<PullInfo, HostError>;

    /// The open pull request whose head is `branch` of this repository, if any.
    async fn pull_for_branch(&self, branch: &str) -> Result<Option<PullInfo>, HostError>;

    /// Opens a pull request. When one is already open for the branch, the error's kind is
    /// [`HostErrorKind::AlreadyExists`].
    async fn create_pull(&self, pull: &NewPull) -> Result<PullInfo, HostError>;

    /// Sets a pull request's title and body.
    async fn update_pull(
        &self,
        number: u64,
        title: &str,
        body: &str,
    ) -> Result<PullInfo, HostError>;

    /// Adds labels (labels already there stay; missing ones are created by GitHub).
    async fn add_labels(&self, number: u64, labels: &[String]) -> Result<(), HostError>;

    /// Every review of a pull request.
    async fn reviews(&self, number: u64) -> Result<Vec<Review>, HostError>;

    /// The latest check run per check on a commit.
    async fn check_runs(&self, sha: &str) -> Result<Vec<CheckRun>, HostError>;

    /// The commit statuses on a commit (latest per context).
    async fn statuses(&self, sha: &str) -> Result<Vec<CommitStatus>, HostError>;

    /// Every comment on a pull request, all pages, oldest first.
    async fn comments(&self, number: u64) -> Result<Vec<Comment>, HostError>;

    async fn create_comment(&self, number: u64, body: &str) -> Result<Comment, HostError>;

    async fn update_comment(&self, id: u64, body: &str) -> Result<Comment, HostError>;
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn repos_parse_and_refuse_nonsense() {
        assert_eq!(
            "acme/fraud-models".parse::<RepoId>(),
            Ok(RepoId {
                owner: "acme".into(),
                name: "fraud-models".into()
            })
        );
        for bad in ["acme", "acme/", "/x", "a/b/c", "a b/c"] {
            assert!(bad.parse::<RepoId>().is_err(), "{bad}");
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

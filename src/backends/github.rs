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

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use self::auth::{GhCli, Token, TokenOrigin, discover_token};
pub use self::client::GitHubClient;
pub use self::error::{HostError, HostErrorKind};
pub use crate::domain::host::{ApiBase, RepoId};
use crate::domain::pull_request::{CheckRun, CommitStatus, Review};

/// The public GitHub API.
pub const GITHUB_API: &str = "https://api.github.com";

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

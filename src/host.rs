//! The code host contract: what clearance needs from a forge, in words every forge has.
//! A *change request* (GitHub's pull request, GitLab's merge request) with its *checks* (CI
//! on its head commit) and *reviews*, *notes* on it (comments), and *files on a branch*.
//!
//! The use cases in `ops::gitops`, the CLI and the TUI speak to a [`CodeHost`] only; each forge
//! is one implementation under `backends/` (GitHub: `backends::github`). This module depends
//! on `domain` only, so no implementation's wire format or credentials reach its users.

mod error;

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use self::error::{HostError, HostErrorKind};
pub use crate::domain::pull_request::{
    ApprovalsRequired, Check, CheckStatus, Checks, Job, JobStatus, Pipeline, Review, ReviewVerdict,
    Vocabulary,
};

/// A project on a code host, by its path: `owner/name` on GitHub, `group/subgroup/name` on
/// GitLab. Each forge says how many segments it takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProjectId(String);

impl ProjectId {
    /// Segments of letters, digits, `-`, `_` and `.`, joined by single `/`s (spaces around
    /// the whole are dropped); `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let ok = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        (!s.is_empty() && s.split('/').all(ok)).then(|| Self(s.to_owned()))
    }

    /// `acme/models`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many `/`-separated segments the path has.
    pub fn depth(&self) -> usize {
        self.0.split('/').count()
    }

    /// Everything before the last segment: the owner on GitHub, the group path on GitLab.
    pub fn namespace(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(ns, _)| ns)
    }
}

impl fmt::Display for ProjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A secret: a code host's access token. It is never printed: `Debug` shows `Token(***)` and
/// there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the authentication header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// Which host and project a client works on, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostInfo {
    /// The forge's name: `GitHub`.
    pub name: &'static str,
    pub project: ProjectId,
    /// The API's address (never with credentials).
    pub api: String,
    /// How the forge names its change requests (`pull request #12`, `merge request !12`).
    pub vocab: Vocabulary,
}

impl HostInfo {
    /// `GitHub acme/models at https://api.github.com`.
    pub fn label(&self) -> String {
        format!("{} {} at {}", self.name, self.project, self.api)
    }
}

/// A change request as listed, before its reviews and checks are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRequest {
    /// The number people use: `#12` on GitHub, `!12` (the iid) on GitLab.
    pub number: u64,
    pub title: String,
    pub body: String,
    /// The author's login (username).
    pub author: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub draft: bool,
    pub labels: Vec<String>,
    /// The branch whose changes are proposed (GitHub's head, GitLab's source branch).
    pub head_branch: String,
    /// The commit the checks run on.
    pub head_sha: String,
    /// The branch the changes would go into (GitHub's base, GitLab's target branch).
    pub base_branch: String,
    /// The page a person opens.
    pub url: String,
    /// Reviewers asked to review who have not answered yet.
    pub pending_reviewers: usize,
    /// Whether it was merged.
    pub merged: bool,
    /// Who merged it, where the host says (GitHub reports it on a single pull request only).
    pub merged_by: Option<String>,
    /// The commits its merge made on the base branch (a merge or squash commit), where the
    /// host says; a fast-forward merge puts `head_sha` itself there.
    pub merge_commits: Vec<String>,
}

/// A change request to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChangeRequest {
    pub title: String,
    pub head: String,
    pub base: String,
    pub body: String,
    pub draft: bool,
}

/// A file on a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchFile {
    pub path: String,
    /// The version read, which an update must name (GitHub's blob SHA, GitLab's commit of
    /// the file's last change): a concurrent edit then fails instead of being overwritten.
    pub sha: String,
    pub text: String,
}

/// A file to create (`sha: None`) or update on a branch, in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutFile {
    pub path: String,
    pub branch: String,
    pub message: String,
    pub text: String,
    /// The version being replaced (from [`CodeHost::file`]); `None` creates the file.
    pub sha: Option<String>,
}

/// A note (comment) on a change request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: u64,
    pub author: String,
    pub body: String,
    pub url: String,
    pub updated: Option<DateTime<Utc>>,
}

/// Whether a branch was made or was already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchOutcome {
    /// The branch is new, at the commit asked for.
    Created,
    /// A branch of that name was there already; it was left as it is.
    AlreadyExists,
}

/// A code host: the operations clearance needs from a forge.
///
/// Every method is one request, or one request per page for lists (all pages are read);
/// [`Self::checks`] may combine the forge's own kinds of CI result.
#[async_trait]
pub trait CodeHost: Send + Sync + fmt::Debug {
    /// The forge, project and API this client works on.
    fn info(&self) -> &HostInfo;

    /// The project's default branch.
    async fn default_branch(&self) -> Result<String, HostError>;

    /// The commit a branch points at; `None` when there is no such branch.
    async fn branch_head(&self, branch: &str) -> Result<Option<String>, HostError>;

    /// Creates `branch` at commit `sha`; an existing branch is left as it is.
    async fn create_branch(&self, branch: &str, sha: &str) -> Result<BranchOutcome, HostError>;

    /// A file on a branch (or at a commit); `None` when it does not exist there.
    async fn file(&self, path: &str, git_ref: &str) -> Result<Option<BranchFile>, HostError>;

    /// Creates or updates a file with one commit; returns the commit's SHA.
    async fn put_file(&self, file: &PutFile) -> Result<String, HostError>;

    /// Every open change request, all pages, newest first; only those from `head_branch` of
    /// this project when it is given.
    async fn change_requests(
        &self,
        head_branch: Option<&str>,
    ) -> Result<Vec<ChangeRequest>, HostError>;

    /// One change request.
    async fn change_request(&self, number: u64) -> Result<ChangeRequest, HostError>;

    /// The change requests a commit belongs to, in any state, all pages (a merge commit on
    /// the default branch: the request it merged).
    async fn change_requests_for_commit(&self, sha: &str) -> Result<Vec<ChangeRequest>, HostError>;

    /// Opens a change request. When one is already open for the branch, the error's kind
    /// is [`HostErrorKind::AlreadyExists`].
    async fn create_change_request(
        &self,
        new: &NewChangeRequest,
    ) -> Result<ChangeRequest, HostError>;

    /// Sets a change request's title and body.
    async fn update_change_request(
        &self,
        number: u64,
        title: &str,
        body: &str,
    ) -> Result<ChangeRequest, HostError>;

    /// Adds labels (labels already there stay; missing ones are created by the host).
    async fn add_labels(&self, number: u64, labels: &[String]) -> Result<(), HostError>;

    /// Every review (approval, request for changes, comment) of a change request.
    async fn reviews(&self, number: u64) -> Result<Vec<Review>, HostError>;

    /// The approvals the host's rules require for a change request and how many are left;
    /// `None` where it has no such rules or does not say (GitHub's required reviews live in
    /// branch protection, which needs admin rights to read).
    async fn approvals_required(
        &self,
        number: u64,
    ) -> Result<Option<ApprovalsRequired>, HostError> {
        let _ = number;
        Ok(None)
    }

    /// The CI results on a commit, the latest per check, in pipeline order, with the
    /// pipeline they belong to where the host has one.
    async fn checks(&self, sha: &str) -> Result<Checks, HostError>;

    /// Every note on a change request, all pages, oldest first.
    async fn notes(&self, number: u64) -> Result<Vec<Note>, HostError>;

    /// Posts a note on change request `number` (`id: None`), or replaces the text of note
    /// `id` on it.
    async fn put_note(&self, number: u64, id: Option<u64>, body: &str) -> Result<Note, HostError>;
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn project_paths_of_any_depth_and_nothing_else() {
        let p = ProjectId::parse(" acme/ml/fraud-models ").unwrap();
        assert_eq!(
            (p.as_str(), p.depth(), p.namespace()),
            ("acme/ml/fraud-models", 3, "acme/ml")
        );
        assert_eq!(ProjectId::parse("acme/models").unwrap().namespace(), "acme");
        assert_eq!(ProjectId::parse("solo").unwrap().namespace(), "");
        for bad in ["", "acme/", "/x", "a//b", "a b/c", "a/b?c"] {
            assert_eq!(ProjectId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn tokens_never_show() {
        let t = Token::new("ghp_secret");
        assert_eq!(format!("{t:?}"), "Token(***)");
        assert_eq!(t.expose(), "ghp_secret");
    }

    #[test]
    fn labels_name_the_host_the_project_and_the_api() {
        let info = HostInfo {
            name: "GitHub",
            project: ProjectId::parse("acme/models").unwrap(),
            api: "https://api.github.com".into(),
            vocab: Vocabulary::PullRequest,
        };
        assert_eq!(info.label(), "GitHub acme/models at https://api.github.com");
    }
}

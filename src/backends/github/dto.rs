//! The parts of GitHub's JSON clearance reads. Lenient on purpose: fields clearance does not
//! use are ignored, and optional ones default, so a new GitHub field or a GHES difference
//! cannot break a listing.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{Comment, PullInfo, RepoInfo};
use crate::domain::pull_request::{CheckRun, CommitStatus, Review, ReviewVerdict};

#[derive(Debug, Deserialize)]
pub struct RepoDto {
    pub default_branch: Option<String>,
    #[serde(default)]
    pub html_url: String,
}

impl From<RepoDto> for RepoInfo {
    fn from(r: RepoDto) -> Self {
        Self {
            default_branch: r.default_branch.unwrap_or_else(|| "main".to_owned()),
            url: r.html_url,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RefDto {
    pub object: RefObject,
}

#[derive(Debug, Deserialize)]
pub struct RefObject {
    pub sha: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct UserDto {
    #[serde(default)]
    pub login: String,
}

#[derive(Debug, Deserialize)]
pub struct LabelDto {
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct BranchDto {
    #[serde(rename = "ref")]
    pub branch: String,
    pub sha: String,
}

#[derive(Debug, Deserialize)]
pub struct PullDto {
    pub number: u64,
    #[serde(default)]
    pub title: String,
    pub body: Option<String>,
    pub user: Option<UserDto>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub draft: Option<bool>,
    #[serde(default)]
    pub labels: Vec<LabelDto>,
    pub head: BranchDto,
    pub base: BranchDto,
    #[serde(default)]
    pub html_url: String,
    #[serde(default)]
    pub requested_reviewers: Vec<serde_json::Value>,
    #[serde(default)]
    pub requested_teams: Vec<serde_json::Value>,
}

impl From<PullDto> for PullInfo {
    fn from(p: PullDto) -> Self {
        Self {
            number: p.number,
            title: p.title,
            body: p.body.unwrap_or_default(),
            author: p.user.unwrap_or_default().login,
            created: p.created_at,
            updated: p.updated_at,
            draft: p.draft.unwrap_or(false),
            labels: p.labels.into_iter().map(|l| l.name).collect(),
            head_branch: p.head.branch,
            head_sha: p.head.sha,
            base_branch: p.base.branch,
            url: p.html_url,
            requested_reviewers: p.requested_reviewers.len() + p.requested_teams.len(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ReviewDto {
    pub user: Option<UserDto>,
    #[serde(default)]
    pub state: String,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl ReviewDto {
    /// `None` for a state clearance does not know (it is then not counted).
    pub fn into_review(self) -> Option<Review> {
        Some(Review {
            verdict: ReviewVerdict::parse(&self.state)?,
            reviewer: self.user.unwrap_or_default().login,
            submitted: self.submitted_at,
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct CheckRunsDto {
    #[serde(default)]
    pub total_count: u64,
    #[serde(default)]
    pub check_runs: Vec<CheckRunDto>,
}

#[derive(Debug, Deserialize)]
pub struct CheckRunDto {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: String,
    pub conclusion: Option<String>,
}

impl From<CheckRunDto> for CheckRun {
    fn from(c: CheckRunDto) -> Self {
        Self {
            name: c.name,
            status: c.status,
            conclusion: c.conclusion,
        }
    }
}

/// The combined status. Its own `state` is not used: it says `pending` for a commit with no
/// statuses at all; the statuses are counted instead.
#[derive(Debug, Deserialize)]
pub struct CombinedStatusDto {
    #[serde(default)]
    pub total_count: u64,
    #[serde(default)]
    pub statuses: Vec<StatusDto>,
}

#[derive(Debug, Deserialize)]
pub struct StatusDto {
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub state: String,
}

impl From<StatusDto> for CommitStatus {
    fn from(s: StatusDto) -> Self {
        Self {
            context: s.context,
            state: s.state,
        }
    }
}

/// `GET /contents/{path}`: an object for a file, an array for a directory.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ContentDto {
    File(FileDto),
    Directory(
        #[expect(dead_code, reason = "only the shape matters: a directory is refused")]
        Vec<serde::de::IgnoredAny>,
    ),
}

#[derive(Debug, Deserialize)]
pub struct FileDto {
    #[serde(rename = "type")]
    pub kind: String,
    pub sha: String,
    #[serde(default)]
    pub path: String,
    pub content: Option<String>,
    pub encoding: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FileCommitDto {
    pub commit: CommitDto,
}

#[derive(Debug, Deserialize)]
pub struct CommitDto {
    pub sha: String,
}

#[derive(Debug, Deserialize)]
pub struct CommentDto {
    pub id: u64,
    pub body: Option<String>,
    #[serde(default)]
    pub html_url: String,
    pub user: Option<UserDto>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<CommentDto> for Comment {
    fn from(c: CommentDto) -> Self {
        Self {
            id: c.id,
            author: c.user.unwrap_or_default().login,
            body: c.body.unwrap_or_default(),
            url: c.html_url,
            updated: c.updated_at,
        }
    }
}

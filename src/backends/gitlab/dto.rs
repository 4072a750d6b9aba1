//! The parts of GitLab's JSON clearance reads, from the example responses in GitLab's API
//! documentation (`tests/fixtures/gitlab/README.md` names each). Lenient on purpose: fields
//! clearance does not use are ignored and optional ones default, so a newer GitLab or a
//! self-managed instance of another version cannot break a listing.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::host::{ChangeRequest, Check, CheckStatus, Note, Review, ReviewVerdict};

/// `GET /projects/:id`.
#[derive(Debug, Deserialize)]
pub struct ProjectDto {
    pub default_branch: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct UserDto {
    #[serde(default)]
    pub username: String,
}

/// `GET /projects/:id/repository/branches/:branch`, and the answer to creating one.
#[derive(Debug, Deserialize)]
pub struct BranchDto {
    pub commit: CommitDto,
}

/// A commit as branches and the commits API return it.
#[derive(Debug, Deserialize)]
pub struct CommitDto {
    pub id: String,
}

/// `GET /projects/:id/repository/files/:file_path?ref=R`.
#[derive(Debug, Deserialize)]
pub struct FileDto {
    #[serde(default)]
    pub file_path: String,
    #[serde(default)]
    pub encoding: String,
    #[serde(default)]
    pub content: String,
    /// The commit that last changed the file: what a later commit's action names, so a
    /// concurrent change fails instead of being overwritten.
    pub last_commit_id: String,
}

/// A merge request (`GET /projects/:id/merge_requests`, `.../merge_requests/:iid`).
#[derive(Debug, Deserialize)]
pub struct MergeRequestDto {
    pub iid: u64,
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    pub author: Option<UserDto>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Since GitLab 14.0; older instances say `work_in_progress` only.
    pub draft: Option<bool>,
    #[serde(default)]
    pub work_in_progress: bool,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub source_branch: String,
    #[serde(default)]
    pub target_branch: String,
    /// The diff's head; `null` while a new merge request is being prepared.
    pub sha: Option<String>,
    #[serde(default)]
    pub web_url: String,
    #[serde(default)]
    pub reviewers: Vec<UserDto>,
    /// `opened`, `closed`, `locked`, `merged`.
    #[serde(default)]
    pub state: String,
    /// Who merged it (since GitLab 14.7); `merged_by` before, deprecated since.
    pub merge_user: Option<UserDto>,
    pub merged_by: Option<UserDto>,
    /// The merge commit, and the squash commit where the merge squashed (both `null` for a
    /// fast-forward merge, which puts `sha` itself on the target branch).
    pub merge_commit_sha: Option<String>,
    pub squash_commit_sha: Option<String>,
}

impl From<MergeRequestDto> for ChangeRequest {
    fn from(m: MergeRequestDto) -> Self {
        Self {
            number: m.iid,
            title: m.title,
            body: m.description.unwrap_or_default(),
            author: m.author.unwrap_or_default().username,
            created: m.created_at,
            updated: m.updated_at,
            draft: m.draft.unwrap_or(m.work_in_progress),
            labels: m.labels,
            head_branch: m.source_branch,
            head_sha: m.sha.unwrap_or_default(),
            base_branch: m.target_branch,
            url: m.web_url,
            pending_reviewers: m.reviewers.len(),
            merged: m.state == "merged",
            merged_by: m
                .merge_user
                .or(m.merged_by)
                .map(|u| u.username)
                .filter(|u| !u.trim().is_empty()),
            merge_commits: [m.merge_commit_sha, m.squash_commit_sha]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }
}

/// `GET /projects/:id/merge_requests/:iid/approvals`.
#[derive(Debug, Deserialize)]
pub struct ApprovalsDto {
    #[serde(default)]
    pub approved_by: Vec<ApproverDto>,
    /// Approval rules (Premium); absent on instances without them.
    pub approvals_required: Option<u32>,
    pub approvals_left: Option<u32>,
}

#[derive(Debug, Deserialize)]
pub struct ApproverDto {
    #[serde(default)]
    pub user: UserDto,
}

impl ApprovalsDto {
    /// Each approver as an approving review (GitLab records no time for an approval here).
    pub fn into_reviews(self) -> Vec<Review> {
        self.approved_by
            .into_iter()
            .map(|a| Review {
                reviewer: a.user.username,
                verdict: ReviewVerdict::Approved,
                submitted: None,
                commit: None,
            })
            .collect()
    }
}

/// `GET /projects/:id/pipelines`.
#[derive(Debug, Deserialize)]
pub struct PipelineDto {
    pub id: u64,
}

/// `GET /projects/:id/pipelines/:pipeline_id/jobs`.
#[derive(Debug, Deserialize)]
pub struct JobDto {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub allow_failure: bool,
}

impl JobDto {
    /// The job as a check; `None` for jobs that do not decide anything yet: manual jobs
    /// waiting for a person (a deployment gate) and skipped ones.
    pub fn into_check(self) -> Option<Check> {
        let status = match self.status.as_str() {
            "success" => CheckStatus::Passed,
            // A job allowed to fail does not fail its pipeline.
            "failed" if self.allow_failure => CheckStatus::Passed,
            "failed" | "canceled" | "canceling" => CheckStatus::Failed,
            "manual" | "skipped" => return None,
            // created, pending, running, preparing, waiting_for_resource, scheduled
            _ => CheckStatus::Pending,
        };
        Some(Check {
            name: self.name,
            status,
        })
    }
}

/// A note on a merge request.
#[derive(Debug, Deserialize)]
pub struct NoteDto {
    pub id: u64,
    #[serde(default)]
    pub body: String,
    pub author: Option<UserDto>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Notes GitLab writes itself ("added 1 commit"); never clearance's.
    #[serde(default)]
    pub system: bool,
}

impl NoteDto {
    /// The note, at `mr_url#note_ID` (GitLab's notes carry no address of their own).
    pub fn into_note(self, mr_url: &str) -> Note {
        Note {
            url: if mr_url.is_empty() {
                String::new()
            } else {
                format!("{mr_url}#note_{}", self.id)
            },
            id: self.id,
            author: self.author.unwrap_or_default().username,
            body: self.body,
            updated: self.updated_at,
        }
    }
}

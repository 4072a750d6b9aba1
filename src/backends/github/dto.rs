//! The parts of GitHub's JSON clearance reads. Lenient on purpose: fields clearance does not
//! use are ignored, and optional ones default, so a new GitHub field or a GHES difference
//! cannot break a listing.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::host::{ChangeRequest, Check, CheckStatus, Note, Review, ReviewVerdict};

#[derive(Debug, Deserialize)]
pub struct RepoDto {
    pub default_branch: Option<String>,
}

impl RepoDto {
    pub fn default_branch(self) -> String {
        self.default_branch.unwrap_or_else(|| "main".to_owned())
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
    pub merged_at: Option<DateTime<Utc>>,
    /// On a single pull request only; lists say `merged_at`.
    pub merged: Option<bool>,
    pub merged_by: Option<UserDto>,
    /// The commit the merge made on the base branch (the test merge while open).
    pub merge_commit_sha: Option<String>,
}

impl From<PullDto> for ChangeRequest {
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
            pending_reviewers: p.requested_reviewers.len() + p.requested_teams.len(),
            merged: p.merged.unwrap_or(false) || p.merged_at.is_some(),
            merged_by: p
                .merged_by
                .map(|u| u.login)
                .filter(|l| !l.trim().is_empty()),
            merge_commits: p
                .merge_commit_sha
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ReviewDto {
    pub user: Option<UserDto>,
    #[serde(default)]
    pub state: String,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The pull request's head when the review was submitted.
    pub commit_id: Option<String>,
}

impl ReviewDto {
    /// `None` for a state clearance does not know (it is then not counted).
    pub fn into_review(self) -> Option<Review> {
        Some(Review {
            verdict: verdict(&self.state)?,
            reviewer: self.user.unwrap_or_default().login,
            submitted: self.submitted_at,
            commit: self.commit_id.filter(|c| !c.is_empty()),
        })
    }
}

/// GitHub's review `state`: `APPROVED`, `CHANGES_REQUESTED`, ...; `None` for anything else.
fn verdict(state: &str) -> Option<ReviewVerdict> {
    Some(match state {
        "APPROVED" => ReviewVerdict::Approved,
        "CHANGES_REQUESTED" => ReviewVerdict::ChangesRequested,
        "COMMENTED" => ReviewVerdict::Commented,
        "DISMISSED" => ReviewVerdict::Dismissed,
        "PENDING" => ReviewVerdict::Pending,
        _ => return None,
    })
}

#[derive(Debug, Deserialize)]
pub struct CheckRunsDto {
    #[serde(default)]
    pub total_count: u64,
    #[serde(default)]
    pub check_runs: Vec<CheckRunDto>,
}

/// One check run (GitHub Actions and other apps).
#[derive(Debug, Deserialize)]
pub struct CheckRunDto {
    #[serde(default)]
    pub name: String,
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    #[serde(default)]
    pub status: String,
    /// Set once completed: `success`, `failure`, `neutral`, `skipped`, `cancelled`,
    /// `timed_out`, `action_required`, `stale`, `startup_failure`.
    pub conclusion: Option<String>,
}

impl From<CheckRunDto> for Check {
    fn from(c: CheckRunDto) -> Self {
        let status = if c.status == "completed" {
            match c.conclusion.as_deref() {
                Some("success" | "neutral" | "skipped") => CheckStatus::Passed,
                // Completed without a conclusion should not happen; waiting is the safe reading.
                None => CheckStatus::Pending,
                Some(_) => CheckStatus::Failed,
            }
        } else {
            CheckStatus::Pending
        };
        Self {
            name: c.name,
            status,
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

/// One commit status context (the older statuses API, used by some CI services).
#[derive(Debug, Deserialize)]
pub struct StatusDto {
    #[serde(default)]
    pub context: String,
    /// `success`, `failure`, `error`, `pending`.
    #[serde(default)]
    pub state: String,
}

impl From<StatusDto> for Check {
    fn from(s: StatusDto) -> Self {
        let status = match s.state.as_str() {
            "success" => CheckStatus::Passed,
            "pending" => CheckStatus::Pending,
            _ => CheckStatus::Failed,
        };
        Self {
            name: s.context,
            status,
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

impl From<CommentDto> for Note {
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

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    fn run(status: &str, conclusion: Option<&str>) -> CheckStatus {
        Check::from(CheckRunDto {
            name: "ci".into(),
            status: status.into(),
            conclusion: conclusion.map(str::to_owned),
        })
        .status
    }

    #[rstest]
    #[case::success("completed", Some("success"), CheckStatus::Passed)]
    #[case::skipped("completed", Some("skipped"), CheckStatus::Passed)]
    #[case::neutral_passes("completed", Some("neutral"), CheckStatus::Passed)]
    #[case::running("in_progress", None, CheckStatus::Pending)]
    #[case::queued("queued", None, CheckStatus::Pending)]
    #[case::completed_without_conclusion("completed", None, CheckStatus::Pending)]
    #[case::timed_out("completed", Some("timed_out"), CheckStatus::Failed)]
    #[case::cancelled_fails("completed", Some("cancelled"), CheckStatus::Failed)]
    fn check_runs_pass_fail_or_wait(
        #[case] status: &str,
        #[case] conclusion: Option<&str>,
        #[case] want: CheckStatus,
    ) {
        assert_eq!(run(status, conclusion), want);
    }

    #[rstest]
    #[case("success", CheckStatus::Passed)]
    #[case("pending", CheckStatus::Pending)]
    #[case("failure", CheckStatus::Failed)]
    #[case::error_fails("error", CheckStatus::Failed)]
    fn commit_statuses_pass_fail_or_wait(#[case] state: &str, #[case] want: CheckStatus) {
        let check = Check::from(StatusDto {
            context: "ci/legacy".into(),
            state: state.into(),
        });
        assert_eq!((check.name.as_str(), check.status), ("ci/legacy", want));
    }

    #[test]
    fn review_states_known_and_unknown() {
        assert_eq!(verdict("APPROVED"), Some(ReviewVerdict::Approved));
        assert_eq!(verdict("DISMISSED"), Some(ReviewVerdict::Dismissed));
        assert_eq!(verdict("approved"), None);
    }
}

//! The parts of GitHub's JSON clearance reads. Lenient on purpose: fields clearance does not
//! use are ignored, and optional ones default, so a new GitHub field or a GHES difference
//! cannot break a listing.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::host::{ChangeRequest, Check, CheckStatus, Job, JobStatus, Note, Review, ReviewVerdict};

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
#[derive(Debug, Clone, Deserialize)]
pub struct CheckRunDto {
    #[serde(default)]
    pub name: String,
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    #[serde(default)]
    pub status: String,
    /// Set once completed: `success`, `failure`, `neutral`, `skipped`, `cancelled`,
    /// `timed_out`, `action_required`, `stale`, `startup_failure`.
    pub conclusion: Option<String>,
    pub html_url: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<CheckRunDto> for Check {
    /// A check run counts as before the jobs were kept: skipped and neutral pass, any other
    /// conclusion fails, anything not completed waits. Shown, an unknown status or
    /// conclusion is kept as GitHub says it.
    fn from(c: CheckRunDto) -> Self {
        let (status, counts) = if c.status == "completed" {
            match c.conclusion.as_deref() {
                Some("success" | "neutral") => (JobStatus::Passed, CheckStatus::Passed),
                Some("skipped") => (JobStatus::Skipped, CheckStatus::Passed),
                Some("failure" | "timed_out" | "startup_failure") => {
                    (JobStatus::Failed, CheckStatus::Failed)
                }
                Some("cancelled") => (JobStatus::Canceled, CheckStatus::Failed),
                Some(other) => (JobStatus::Other(other.to_owned()), CheckStatus::Failed),
                // Completed without a conclusion should not happen; waiting is the safe reading.
                None => (JobStatus::Pending, CheckStatus::Pending),
            }
        } else {
            let status = match c.status.as_str() {
                "in_progress" => JobStatus::Running,
                "queued" | "waiting" | "requested" | "pending" => JobStatus::Pending,
                other => JobStatus::Other(other.to_owned()),
            };
            (status, CheckStatus::Pending)
        };
        let duration_ms = match (c.started_at, c.completed_at) {
            (Some(start), Some(end)) => u64::try_from((end - start).num_milliseconds()).ok(),
            _ => None,
        };
        Self {
            job: Job {
                name: c.name,
                status,
                stage: None,
                duration_ms,
                url: c.html_url.filter(|u| !u.is_empty()),
                allow_failure: false,
            },
            counts: Some(counts),
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
    pub target_url: Option<String>,
}

impl From<StatusDto> for Check {
    fn from(s: StatusDto) -> Self {
        let (status, counts) = match s.state.as_str() {
            "success" => (JobStatus::Passed, CheckStatus::Passed),
            "pending" => (JobStatus::Pending, CheckStatus::Pending),
            "failure" => (JobStatus::Failed, CheckStatus::Failed),
            other => (JobStatus::Other(other.to_owned()), CheckStatus::Failed),
        };
        Self {
            job: Job {
                name: s.context,
                status,
                stage: None,
                duration_ms: None,
                url: s.target_url.filter(|u| !u.is_empty()),
                allow_failure: false,
            },
            counts: Some(counts),
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

    fn run(status: &str, conclusion: Option<&str>) -> (JobStatus, Option<CheckStatus>) {
        let c = Check::from(CheckRunDto {
            name: "ci".into(),
            status: status.into(),
            conclusion: conclusion.map(str::to_owned),
            html_url: None,
            started_at: None,
            completed_at: None,
        });
        (c.job.status, c.counts)
    }

    use JobStatus as J;

    #[rstest]
    #[case::success("completed", Some("success"), J::Passed, CheckStatus::Passed)]
    #[case::skipped("completed", Some("skipped"), J::Skipped, CheckStatus::Passed)]
    #[case::neutral_passes("completed", Some("neutral"), J::Passed, CheckStatus::Passed)]
    #[case::running("in_progress", None, J::Running, CheckStatus::Pending)]
    #[case::queued("queued", None, J::Pending, CheckStatus::Pending)]
    #[case::completed_without_conclusion("completed", None, J::Pending, CheckStatus::Pending)]
    #[case::timed_out("completed", Some("timed_out"), J::Failed, CheckStatus::Failed)]
    #[case::cancelled_fails("completed", Some("cancelled"), J::Canceled, CheckStatus::Failed)]
    #[case::unknown_conclusion_kept(
        "completed", Some("action_required"), J::Other("action_required".into()), CheckStatus::Failed)]
    #[case::unknown_status_kept("brand_new", None, J::Other("brand_new".into()), CheckStatus::Pending)]
    fn check_runs_pass_fail_or_wait(
        #[case] status: &str,
        #[case] conclusion: Option<&str>,
        #[case] shown: JobStatus,
        #[case] counts: CheckStatus,
    ) {
        assert_eq!(run(status, conclusion), (shown, Some(counts)));
    }

    #[test]
    fn the_documented_check_run_keeps_its_page_and_duration() {
        let doc: CheckRunsDto = serde_json::from_str(include_str!(
            "../../../tests/fixtures/github/check-runs.json"
        ))
        .unwrap();
        let mut run = doc.check_runs.into_iter().next().unwrap();
        let job = Check::from(run.clone()).job;
        assert_eq!(
            (
                job.name.as_str(),
                job.url.as_deref(),
                job.duration_ms,
                job.stage
            ),
            (
                "mighty_readme",
                Some("https://github.com/github/hello-world/runs/4"),
                Some(0),
                None
            ),
            "the example starts and completes in the same second"
        );
        run.completed_at = run
            .started_at
            .map(|t| t + chrono::Duration::milliseconds(83_500));
        assert_eq!(Check::from(run).job.duration_ms, Some(83_500));
    }

    #[rstest]
    #[case("success", J::Passed, CheckStatus::Passed)]
    #[case("pending", J::Pending, CheckStatus::Pending)]
    #[case("failure", J::Failed, CheckStatus::Failed)]
    #[case::error_fails_shown_as_said("error", J::Other("error".into()), CheckStatus::Failed)]
    fn commit_statuses_pass_fail_or_wait(
        #[case] state: &str,
        #[case] shown: JobStatus,
        #[case] counts: CheckStatus,
    ) {
        let check = Check::from(StatusDto {
            context: "ci/legacy".into(),
            state: state.into(),
            target_url: Some("https://ci.example.com/1".into()),
        });
        assert_eq!(
            (check.job.name.as_str(), check.job.status, check.counts),
            ("ci/legacy", shown, Some(counts))
        );
        assert_eq!(check.job.url.as_deref(), Some("https://ci.example.com/1"));
    }

    #[test]
    fn review_states_known_and_unknown() {
        assert_eq!(verdict("APPROVED"), Some(ReviewVerdict::Approved));
        assert_eq!(verdict("DISMISSED"), Some(ReviewVerdict::Dismissed));
        assert_eq!(verdict("approved"), None);
    }
}

//! The parts of GitLab's JSON clearance reads, from the example responses in GitLab's API
//! documentation (`tests/fixtures/gitlab/README.md` names each). Lenient on purpose: fields
//! clearance does not use are ignored and optional ones default, so a newer GitLab or a
//! self-managed instance of another version cannot break a listing.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::ci_job::secs_to_millis;
use crate::host::{
    ChangeRequest, Check, CheckStatus, Job, JobStatus, Note, Pipeline, Review, ReviewVerdict,
};

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
    pub web_url: Option<String>,
}

impl From<PipelineDto> for Pipeline {
    fn from(p: PipelineDto) -> Self {
        Self {
            id: p.id,
            url: p.web_url.filter(|u| !u.is_empty()),
        }
    }
}

/// `GET /projects/:id/pipelines/:pipeline_id/jobs` ("List pipeline jobs" in `jobs.md`).
#[derive(Debug, Deserialize)]
pub struct JobDto {
    /// Jobs are created in pipeline order, so their ids give it (GitLab lists the newest
    /// first since 13.5, the oldest first before).
    #[serde(default)]
    pub id: u64,
    #[serde(default)]
    pub name: String,
    /// `created`, `pending`, `running`, `failed`, `success`, `canceled`, `skipped`,
    /// `waiting_for_resource`, `manual`, and more in newer versions.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub allow_failure: bool,
    pub stage: Option<String>,
    /// Seconds, with fractions; `null` before it ran.
    pub duration: Option<f64>,
    pub web_url: Option<String>,
}

impl JobDto {
    /// The job as shown, and how it counts: manual jobs waiting for a person (a deployment
    /// gate) and skipped ones do not decide anything yet and are not counted; a failed job
    /// allowed to fail counts as passed, as it does not fail its pipeline.
    pub fn into_check(self) -> Check {
        let (status, counts) = match self.status.as_str() {
            "success" => (JobStatus::Passed, Some(CheckStatus::Passed)),
            "failed" if self.allow_failure => (JobStatus::Failed, Some(CheckStatus::Passed)),
            "failed" => (JobStatus::Failed, Some(CheckStatus::Failed)),
            "canceled" | "canceling" => (JobStatus::Canceled, Some(CheckStatus::Failed)),
            "manual" => (JobStatus::Manual, None),
            "skipped" => (JobStatus::Skipped, None),
            "running" => (JobStatus::Running, Some(CheckStatus::Pending)),
            "created" | "pending" | "preparing" | "waiting_for_resource" | "scheduled" => {
                (JobStatus::Pending, Some(CheckStatus::Pending))
            }
            // A status of a newer GitLab: shown as it says, counted as waiting.
            other => (
                JobStatus::Other(other.to_owned()),
                Some(CheckStatus::Pending),
            ),
        };
        Check {
            job: Job {
                name: self.name,
                status,
                stage: self.stage.filter(|s| !s.is_empty()),
                duration_ms: self.duration.and_then(secs_to_millis),
                url: self.web_url.filter(|u| !u.is_empty()),
                allow_failure: self.allow_failure,
            },
            counts,
        }
    }
}

/// The jobs in pipeline order: by id, oldest first, whatever order the version listed them in.
pub fn in_pipeline_order(mut jobs: Vec<JobDto>) -> Vec<Check> {
    jobs.sort_by_key(|j| j.id);
    jobs.into_iter().map(JobDto::into_check).collect()
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

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    fn documented() -> Vec<JobDto> {
        serde_json::from_str(include_str!(
            "../../../tests/fixtures/gitlab/pipeline-jobs.json"
        ))
        .unwrap()
    }

    /// The documented "List pipeline jobs" example: each job with its stage, duration and
    /// page, put in pipeline order (the example lists job 6 before job 7, as GitLab 13.5+
    /// would list them the other way: the ids decide).
    #[test]
    fn the_documented_pipeline_jobs_keep_stage_duration_and_page() {
        let mut dtos = documented();
        dtos.reverse();
        let checks = in_pipeline_order(dtos);
        let jobs: Vec<&Job> = checks.iter().map(|c| &c.job).collect();
        assert_eq!(
            jobs,
            [
                &Job {
                    name: "rspec:other".into(),
                    status: JobStatus::Failed,
                    stage: Some("test".into()),
                    duration_ms: Some(192),
                    url: Some("https://example.com/foo/bar/-/jobs/6".into()),
                    allow_failure: false,
                },
                &Job {
                    name: "teaspoon".into(),
                    status: JobStatus::Failed,
                    stage: Some("test".into()),
                    duration_ms: Some(173),
                    url: Some("https://example.com/foo/bar/-/jobs/7".into()),
                    allow_failure: false,
                },
            ]
        );
        assert!(checks.iter().all(|c| c.counts == Some(CheckStatus::Failed)));
    }

    use JobStatus as J;

    #[rstest]
    #[case::success("success", false, J::Passed, Some(CheckStatus::Passed))]
    #[case::failed("failed", false, J::Failed, Some(CheckStatus::Failed))]
    #[case::allowed_failure_passes("failed", true, J::Failed, Some(CheckStatus::Passed))]
    #[case::canceled("canceled", false, J::Canceled, Some(CheckStatus::Failed))]
    #[case::manual_not_counted("manual", false, J::Manual, None)]
    #[case::skipped_not_counted("skipped", false, J::Skipped, None)]
    #[case::running("running", false, J::Running, Some(CheckStatus::Pending))]
    #[case::waiting("waiting_for_resource", false, J::Pending, Some(CheckStatus::Pending))]
    #[case::unknown_kept("waiting_for_callback", false,
        J::Other("waiting_for_callback".into()), Some(CheckStatus::Pending))]
    fn job_statuses_shown_and_counted(
        #[case] status: &str,
        #[case] allow_failure: bool,
        #[case] shown: JobStatus,
        #[case] counts: Option<CheckStatus>,
    ) {
        let mut dto = documented().remove(0);
        dto.status = status.into();
        dto.allow_failure = allow_failure;
        let c = dto.into_check();
        assert_eq!((c.job.status, c.counts), (shown, counts));
        assert_eq!(c.job.allow_failure, allow_failure);
    }

    #[test]
    fn a_job_that_has_not_run_has_no_duration_and_blank_fields_are_none() {
        let mut dto = documented().remove(0);
        dto.duration = None;
        dto.stage = Some(String::new());
        dto.web_url = Some(String::new());
        let j = dto.into_check().job;
        assert_eq!((j.duration_ms, j.stage, j.url), (None, None, None));
    }
}

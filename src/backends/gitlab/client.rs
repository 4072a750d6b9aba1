//! [`CodeHost`] over GitLab's REST API (v4). GitLab's words map to the contract's: merge
//! requests (by iid) are change requests, their approvals are the reviews, the jobs of the
//! newest pipeline on a commit are its checks, and MR notes are notes. A file is changed with
//! one commit of the commits API (`actions`), naming the commit it replaces.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use reqwest::Method;
use serde_json::json;
use url::Url;

use super::auth::TokenOrigin;
use super::dto::{
    ApprovalsDto, BranchDto, CommitDto, FileDto, JobDto, MergeRequestDto, NoteDto, PipelineDto,
    ProjectDto, in_pipeline_order,
};
use super::transport::{PER_PAGE, Transport};
use super::{GITLAB, encode, project_param};
use crate::host::{
    ApprovalsRequired, BranchFile, BranchOutcome, ChangeRequest, Checks, CodeHost, HostError,
    HostErrorKind, HostInfo, NewChangeRequest, Note, Pipeline, ProjectId, PutFile, Review, Token,
    Vocabulary,
};

/// Everything a [`GitLabClient`] needs.
#[derive(Debug, Clone)]
pub struct GitLabSettings {
    /// The API root, `https://HOST/api/v4`.
    pub api: Url,
    /// `HOST[:PORT]`, for messages about the token.
    pub host: String,
    /// `group/subgroup/name`, or a numeric id.
    pub project: ProjectId,
    pub token: Token,
    pub origin: TokenOrigin,
    pub connect_timeout: Duration,
    /// Longest one request may take, its answer included.
    pub timeout: Duration,
}

/// A GitLab project, reached with a token.
#[derive(Clone)]
pub struct GitLabClient {
    t: Transport,
    info: HostInfo,
    /// The project as the API's `:id` (`group%2Fname` or `42`).
    id: String,
}

impl fmt::Debug for GitLabClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitLabClient")
            .field("api", &self.info.api)
            .field("project", &self.info.project.as_str())
            .finish_non_exhaustive()
    }
}

impl GitLabClient {
    /// A client; nothing is sent until the first call.
    pub fn new(s: GitLabSettings) -> Result<Self, HostError> {
        let api = s.api.as_str().trim_end_matches('/').to_owned();
        let t = Transport::new(
            s.api,
            &s.host,
            s.token,
            s.origin,
            s.connect_timeout,
            s.timeout,
        )?;
        Ok(Self {
            t,
            id: project_param(&s.project),
            info: HostInfo {
                name: GITLAB,
                project: s.project,
                api,
                vocab: Vocabulary::MergeRequest,
            },
        })
    }

    fn project(&self) -> &ProjectId {
        &self.info.project
    }

    /// `API/projects/:id/tail` with `query`.
    fn url(&self, tail: &str, query: &[(&str, &str)]) -> Result<Url, HostError> {
        let tail = if tail.is_empty() {
            format!("projects/{}", self.id)
        } else {
            format!("projects/{}/{tail}", self.id)
        };
        let mut url = self.t.url(&tail)?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        op: &str,
        url: Url,
    ) -> Result<T, HostError> {
        self.t.json(op, Method::GET, url, None).await
    }

    fn not_found_is_none<T>(r: Result<T, HostError>) -> Result<Option<T>, HostError> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A merge request's page, for note addresses.
    async fn mr_url(&self, iid: u64) -> Result<String, HostError> {
        Ok(self.change_request(iid).await?.url)
    }

    /// The approvals of a merge request; `None` where the instance or the token has none
    /// (403, 404).
    async fn approvals(&self, number: u64) -> Result<Option<ApprovalsDto>, HostError> {
        let op = format!(
            "reading the approvals of merge request !{number} of {}",
            self.project()
        );
        let url = self.url(&format!("merge_requests/{number}/approvals"), &[])?;
        match self.get::<ApprovalsDto>(&op, url).await {
            Ok(a) => Ok(Some(a)),
            Err(e)
                if matches!(
                    e.kind,
                    HostErrorKind::Forbidden { .. } | HostErrorKind::NotFound { .. }
                ) =>
            {
                tracing::info!(error = %e, "GitLab approvals unavailable; shown as none");
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The newest pipeline on a commit, if any.
    async fn latest_pipeline(&self, sha: &str) -> Result<Option<PipelineDto>, HostError> {
        let op = format!("reading the pipelines of {sha} in {}", self.project());
        let url = self.url(
            "pipelines",
            &[
                ("sha", sha),
                ("order_by", "id"),
                ("sort", "desc"),
                ("per_page", "1"),
            ],
        )?;
        let pipelines: Vec<PipelineDto> = self.get(&op, url).await?;
        Ok(pipelines.into_iter().next())
    }
}

fn decode_content(path: &str, file: &FileDto) -> Result<String, HostErrorKind> {
    let bad = |detail: String| HostErrorKind::Decode {
        detail: format!("the content of '{path}': {detail}"),
    };
    if file.encoding != "base64" {
        return Err(bad(format!("encoding '{}', not base64", file.encoding)));
    }
    let b64: String = file
        .content
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| bad(format!("not base64: {e}")))?;
    String::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8: {e}")))
}

#[async_trait]
impl CodeHost for GitLabClient {
    fn info(&self) -> &HostInfo {
        &self.info
    }

    async fn default_branch(&self) -> Result<String, HostError> {
        let op = format!("reading the project {}", self.project());
        let dto: ProjectDto = self.get(&op, self.url("", &[])?).await?;
        Ok(dto.default_branch.unwrap_or_else(|| "main".to_owned()))
    }

    async fn branch_head(&self, branch: &str) -> Result<Option<String>, HostError> {
        let op = format!("reading the branch '{branch}' of {}", self.project());
        let url = self.url(&format!("repository/branches/{}", encode(branch)), &[])?;
        let r: Result<BranchDto, _> = self.get(&op, url).await;
        Ok(Self::not_found_is_none(r)?.map(|b| b.commit.id))
    }

    async fn create_branch(&self, branch: &str, sha: &str) -> Result<BranchOutcome, HostError> {
        let op = format!("creating the branch '{branch}' in {}", self.project());
        let body = json!({ "branch": branch, "ref": sha });
        let url = self.url("repository/branches", &[])?;
        // GitLab answers 400 "Branch already exists" (409 on some versions).
        match self
            .t
            .json::<BranchDto>(&op, Method::POST, url, Some(&body))
            .await
        {
            Ok(_) => Ok(BranchOutcome::Created),
            Err(e) if e.already_exists() => Ok(BranchOutcome::AlreadyExists),
            Err(e) => Err(e),
        }
    }

    async fn file(&self, path: &str, git_ref: &str) -> Result<Option<BranchFile>, HostError> {
        let op = format!("reading '{path}' on '{git_ref}' of {}", self.project());
        let url = self.url(
            &format!("repository/files/{}", encode(path)),
            &[("ref", git_ref)],
        )?;
        let r: Result<FileDto, _> = self.get(&op, url).await;
        let Some(f) = Self::not_found_is_none(r)? else {
            return Ok(None);
        };
        let text = decode_content(path, &f).map_err(|k| HostError::new(GITLAB, &op, k))?;
        Ok(Some(BranchFile {
            path: if f.file_path.is_empty() {
                path.to_owned()
            } else {
                f.file_path
            },
            sha: f.last_commit_id,
            text,
        }))
    }

    /// One commit with one action: `create`, or `update` naming the commit that last
    /// changed the file (GitLab refuses the commit if the file changed since).
    async fn put_file(&self, file: &PutFile) -> Result<String, HostError> {
        let op = format!(
            "committing '{}' on '{}' of {}",
            file.path,
            file.branch,
            self.project()
        );
        let mut action = json!({
            "action": if file.sha.is_some() { "update" } else { "create" },
            "file_path": file.path,
            "content": file.text,
        });
        if let Some(sha) = &file.sha {
            action["last_commit_id"] = json!(sha);
        }
        let body = json!({
            "branch": file.branch,
            "commit_message": file.message,
            "actions": [action],
        });
        let url = self.url("repository/commits", &[])?;
        let done: CommitDto = self.t.json(&op, Method::POST, url, Some(&body)).await?;
        Ok(done.id)
    }

    async fn change_requests(
        &self,
        head_branch: Option<&str>,
    ) -> Result<Vec<ChangeRequest>, HostError> {
        let mut query = vec![("state", "opened"), ("per_page", PER_PAGE)];
        let op = match head_branch {
            None => format!("listing open merge requests of {}", self.project()),
            Some(b) => {
                query.push(("source_branch", b));
                format!(
                    "looking for an open merge request from '{b}' in {}",
                    self.project()
                )
            }
        };
        let all: Vec<MergeRequestDto> = self
            .t
            .all_pages(&op, self.url("merge_requests", &query)?)
            .await?;
        Ok(all
            .into_iter()
            .map(ChangeRequest::from)
            .filter(|m| head_branch.is_none_or(|b| m.head_branch == b))
            .collect())
    }

    async fn change_request(&self, number: u64) -> Result<ChangeRequest, HostError> {
        let op = format!("reading merge request !{number} of {}", self.project());
        let dto: MergeRequestDto = self
            .get(&op, self.url(&format!("merge_requests/{number}"), &[])?)
            .await?;
        Ok(dto.into())
    }

    async fn change_requests_for_commit(&self, sha: &str) -> Result<Vec<ChangeRequest>, HostError> {
        let op = format!(
            "looking for the merge requests of commit {sha} in {}",
            self.project()
        );
        let url = self.url(
            &format!("repository/commits/{}/merge_requests", encode(sha)),
            &[("per_page", PER_PAGE)],
        )?;
        let all: Vec<MergeRequestDto> = self.t.all_pages(&op, url).await?;
        Ok(all.into_iter().map(ChangeRequest::from).collect())
    }

    /// A draft is a title starting `Draft: `. A merge request already open from the branch
    /// is a 409 "Another open merge request already exists for this source branch".
    async fn create_change_request(
        &self,
        new: &NewChangeRequest,
    ) -> Result<ChangeRequest, HostError> {
        let op = format!(
            "opening a merge request from '{}' into '{}' of {}",
            new.head,
            new.base,
            self.project()
        );
        let title = if new.draft {
            format!("Draft: {}", new.title)
        } else {
            new.title.clone()
        };
        let body = json!({
            "source_branch": new.head,
            "target_branch": new.base,
            "title": title,
            "description": new.body,
        });
        let url = self.url("merge_requests", &[])?;
        let dto: MergeRequestDto = self.t.json(&op, Method::POST, url, Some(&body)).await?;
        Ok(dto.into())
    }

    async fn update_change_request(
        &self,
        number: u64,
        title: &str,
        body: &str,
    ) -> Result<ChangeRequest, HostError> {
        let op = format!("updating merge request !{number} of {}", self.project());
        // GitLab's draft state is the title's `Draft: `: a new title keeps it.
        let title = if self.change_request(number).await?.draft && !is_draft_title(title) {
            format!("Draft: {title}")
        } else {
            title.to_owned()
        };
        let put = json!({ "title": title, "description": body });
        let url = self.url(&format!("merge_requests/{number}"), &[])?;
        let dto: MergeRequestDto = self.t.json(&op, Method::PUT, url, Some(&put)).await?;
        Ok(dto.into())
    }

    async fn add_labels(&self, number: u64, labels: &[String]) -> Result<(), HostError> {
        let op = format!("labelling merge request !{number} of {}", self.project());
        let put = json!({ "add_labels": labels.join(",") });
        let url = self.url(&format!("merge_requests/{number}"), &[])?;
        let _: MergeRequestDto = self.t.json(&op, Method::PUT, url, Some(&put)).await?;
        Ok(())
    }

    /// Who approved. Approvals are reported on every tier, but an instance or token without
    /// them answers 403 or 404: then there are no approvals to show, not an error.
    async fn reviews(&self, number: u64) -> Result<Vec<Review>, HostError> {
        Ok(self
            .approvals(number)
            .await?
            .map(ApprovalsDto::into_reviews)
            .unwrap_or_default())
    }

    /// `approvals_required` and `approvals_left`, where the instance has approval rules.
    async fn approvals_required(
        &self,
        number: u64,
    ) -> Result<Option<ApprovalsRequired>, HostError> {
        Ok(self.approvals(number).await?.and_then(|a| {
            Some(ApprovalsRequired {
                required: a.approvals_required?,
                left: a.approvals_left?,
            })
        }))
    }

    /// The jobs of the newest pipeline on the commit, in pipeline order (none: no checks).
    async fn checks(&self, sha: &str) -> Result<Checks, HostError> {
        let Some(pipeline) = self.latest_pipeline(sha).await? else {
            return Ok(Checks::default());
        };
        let pipeline = Pipeline::from(pipeline);
        let op = format!(
            "reading the jobs of pipeline {} in {}",
            pipeline.id,
            self.project()
        );
        let url = self.url(
            &format!("pipelines/{}/jobs", pipeline.id),
            &[("per_page", PER_PAGE)],
        )?;
        let jobs: Vec<JobDto> = self.t.all_pages(&op, url).await?;
        Ok(Checks {
            pipeline: Some(pipeline),
            checks: in_pipeline_order(jobs),
        })
    }

    /// Every note but GitLab's own system notes, oldest first.
    async fn notes(&self, number: u64) -> Result<Vec<Note>, HostError> {
        let op = format!(
            "reading the notes of merge request !{number} of {}",
            self.project()
        );
        let url = self.url(
            &format!("merge_requests/{number}/notes"),
            &[
                ("sort", "asc"),
                ("order_by", "created_at"),
                ("per_page", PER_PAGE),
            ],
        )?;
        let all: Vec<NoteDto> = self.t.all_pages(&op, url).await?;
        let mr_url = self.mr_url(number).await?;
        Ok(all
            .into_iter()
            .filter(|n| !n.system)
            .map(|n| n.into_note(&mr_url))
            .collect())
    }

    /// The merge request's address is read first (notes carry none): a failure then leaves
    /// nothing posted.
    async fn put_note(&self, number: u64, id: Option<u64>, body: &str) -> Result<Note, HostError> {
        let mr_url = self.mr_url(number).await?;
        let body = json!({ "body": body });
        let dto: NoteDto = match id {
            None => {
                let op = format!(
                    "commenting on merge request !{number} of {}",
                    self.project()
                );
                let url = self.url(&format!("merge_requests/{number}/notes"), &[])?;
                self.t.json(&op, Method::POST, url, Some(&body)).await?
            }
            Some(id) => {
                let op = format!(
                    "updating note {id} on merge request !{number} of {}",
                    self.project()
                );
                let url = self.url(&format!("merge_requests/{number}/notes/{id}"), &[])?;
                self.t.json(&op, Method::PUT, url, Some(&body)).await?
            }
        };
        Ok(dto.into_note(&mr_url))
    }
}

/// Whether a title marks a draft, as GitLab reads it (`Draft:`, `[Draft]`, `(Draft)`, any
/// case).
fn is_draft_title(title: &str) -> bool {
    let t = title.trim_start().to_lowercase();
    ["draft:", "[draft]", "(draft)"]
        .iter()
        .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_titles() {
        assert!(is_draft_title("Draft: Promote fraud v4"));
        assert!(is_draft_title("[draft] x") && is_draft_title("(Draft) x"));
        assert!(!is_draft_title("Promote fraud v4 (draft)"));
    }
}

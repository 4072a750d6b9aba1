//! [`CodeHost`] over GitHub's REST API, with octocrab for transport, auth and `Link`
//! pagination, and clearance's own lenient DTOs for the answers. GitHub's words map to the
//! contract's: pull requests are change requests, issue comments are notes, and the checks
//! of a commit are its check runs and its commit statuses together.

use std::fmt;
use std::fmt::Write as _;
use std::future::Future;
use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use http::header::ACCEPT;
use octocrab::service::middleware::retry::RetryConfig;
use octocrab::{Octocrab, Page};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::auth::token_hint;
use super::dto::{
    CheckRunsDto, CombinedStatusDto, CommentDto, ContentDto, FileCommitDto, PullDto, RefDto,
    RepoDto, ReviewDto,
};
use super::error::classify;
use super::{GITHUB, GitHubSettings};
use crate::host::{
    BranchFile, BranchOutcome, ChangeRequest, Check, Checks, CodeHost, HostError, HostErrorKind,
    HostInfo, NewChangeRequest, Note, ProjectId, PutFile, Review, Vocabulary,
};

/// Items per page (GitHub's maximum).
const PER_PAGE: &str = "100";
/// A bound on pages, so a server that always says "next" cannot loop forever
/// (100 pages of 100 is far beyond any pull request's comments or a repo's open PRs).
const MAX_PAGES: u32 = 100;

/// A GitHub repository, reached with a token.
#[derive(Clone)]
pub struct GitHubClient {
    gh: Octocrab,
    info: HostInfo,
    timeout: Duration,
    /// How to provide a token, for the message of a 401.
    hint: String,
}

impl fmt::Debug for GitHubClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitHubClient")
            .field("api", &self.info.api)
            .field("repo", &self.info.project.as_str())
            .finish_non_exhaustive()
    }
}

impl GitHubClient {
    /// A client; nothing is sent until the first call.
    pub fn new(settings: GitHubSettings) -> Result<Self, HostError> {
        let op = || format!("connecting to GitHub at {}", settings.api.as_str());
        let config = |e: &dyn fmt::Display| {
            HostError::new(
                GITHUB,
                op(),
                HostErrorKind::Config {
                    message: e.to_string(),
                },
            )
        };
        // No automatic retries: octocrab's default retries 429 and 5xx at once, three times,
        // which makes a rate limit worse. Rate limits are reported with their reset time.
        let gh = Octocrab::builder()
            .base_uri(settings.api.as_str())
            .map_err(|e| config(&e))?
            .add_header(ACCEPT, "application/vnd.github+json".to_owned())
            .add_retry_config(RetryConfig::None)
            .set_connect_timeout(Some(settings.connect_timeout))
            .personal_token(settings.token.expose().to_owned())
            .build()
            .map_err(|e| {
                // rustls loads the system's CA certificates here, even for http:// URLs.
                config(&format!(
                    "{e}; clearance uses the system's CA certificates (install ca-certificates)"
                ))
            })?;
        if settings.repo.depth() != 2 {
            return Err(config(&format!(
                "'{}' is not a GitHub repository: write OWNER/NAME, e.g. acme/models",
                settings.repo
            )));
        }
        Ok(Self {
            gh,
            hint: token_hint(&settings.api.host(), settings.api.is_enterprise()),
            info: HostInfo {
                name: GITHUB,
                api: settings.api.as_str().to_owned(),
                project: settings.repo,
                vocab: Vocabulary::PullRequest,
            },
            timeout: settings.timeout,
        })
    }

    fn repo(&self) -> &ProjectId {
        &self.info.project
    }

    fn error(op: impl Into<String>, kind: HostErrorKind) -> HostError {
        HostError::new(GITHUB, op, kind)
    }

    /// `/repos/OWNER/NAME`, then `/tail` unless it is empty.
    fn route(&self, tail: &str) -> String {
        let repo = format!("/repos/{}", self.repo());
        if tail.is_empty() {
            repo
        } else {
            format!("{repo}/{tail}")
        }
    }

    /// Runs one request under the timeout and names its failure.
    async fn send<T>(
        &self,
        op: &str,
        request: impl Future<Output = octocrab::Result<T>>,
    ) -> Result<T, HostError> {
        match tokio::time::timeout(self.timeout, request).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => {
                let e = Self::error(op, classify(&e, &self.hint));
                tracing::debug!(error = %e, "GitHub request failed");
                Err(e)
            }
            Err(_) => Err(Self::error(
                op,
                HostErrorKind::Timeout {
                    after: self.timeout,
                },
            )),
        }
    }

    /// Every item of a list, following `Link: <...>; rel="next"` (absolute URLs).
    async fn all_pages<T: DeserializeOwned>(
        &self,
        op: &str,
        route: String,
        query: &[(&str, &str)],
    ) -> Result<Vec<T>, HostError> {
        let mut page: Page<T> = self.send(op, self.gh.get(route, Some(query))).await?;
        let mut items = page.take_items();
        let mut seen = std::collections::HashSet::new();
        for _ in 1..MAX_PAGES {
            let Some(next) = page.next.clone() else {
                return Ok(items);
            };
            if !seen.insert(next.to_string()) {
                return Err(Self::error(
                    op,
                    HostErrorKind::EndlessPaging {
                        detail: format!("the page {next} was named twice as the next one"),
                    },
                ));
            }
            match self.send(op, self.gh.get_page::<T>(&page.next)).await? {
                Some(mut next) => {
                    items.append(&mut next.take_items());
                    page = next;
                }
                None => return Ok(items),
            }
        }
        if page.next.is_none() {
            return Ok(items);
        }
        // Silently keeping the first pages would hide the rest: say so instead.
        Err(Self::error(
            op,
            HostErrorKind::EndlessPaging {
                detail: format!("more than {MAX_PAGES} pages"),
            },
        ))
    }

    /// The latest check run per check on a commit.
    async fn check_runs(&self, sha: &str) -> Result<Vec<Check>, HostError> {
        let op = format!("reading the check runs of {sha} in {}", self.repo());
        let route = self.route(&format!("commits/{}/check-runs", path_escape(sha)));
        self.counted_pages(&op, &route, |d: CheckRunsDto| {
            (
                d.total_count,
                d.check_runs.into_iter().map(Check::from).collect(),
            )
        })
        .await
    }

    /// The commit statuses on a commit (latest per context).
    async fn statuses(&self, sha: &str) -> Result<Vec<Check>, HostError> {
        let op = format!("reading the commit statuses of {sha} in {}", self.repo());
        let route = self.route(&format!("commits/{}/status", path_escape(sha)));
        self.counted_pages(&op, &route, |d: CombinedStatusDto| {
            (
                d.total_count,
                d.statuses.into_iter().map(Check::from).collect(),
            )
        })
        .await
    }

    /// Lists that are objects with a `total_count` (check runs, statuses), read by `page=N`.
    async fn counted_pages<D: DeserializeOwned, T>(
        &self,
        op: &str,
        route: &str,
        split: impl Fn(D) -> (u64, Vec<T>),
    ) -> Result<Vec<T>, HostError> {
        let mut out = Vec::new();
        for n in 1..=MAX_PAGES {
            let page = n.to_string();
            let query = [("per_page", PER_PAGE), ("page", page.as_str())];
            let (total, mut items) = split(self.send(op, self.gh.get(route, Some(&query))).await?);
            let empty = items.is_empty();
            out.append(&mut items);
            if empty || out.len() as u64 >= total {
                break;
            }
        }
        Ok(out)
    }

    fn not_found_is_none<T>(r: Result<T, HostError>) -> Result<Option<T>, HostError> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Percent-encodes a branch name or file path for a URL path, keeping its `/`s.
fn path_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn decode_content(path: &str, file: &super::dto::FileDto) -> Result<String, HostErrorKind> {
    let bad = |detail: String| HostErrorKind::Decode {
        detail: format!("the content of '{path}': {detail}"),
    };
    if file.kind != "file" {
        return Err(bad(format!("it is a {}, not a file", file.kind)));
    }
    match file.encoding.as_deref() {
        Some("base64") => {}
        // Files over 1 MB come without content ("none").
        other => {
            return Err(bad(format!(
                "encoding '{}' (files over 1 MB cannot be read through the contents API)",
                other.unwrap_or("missing")
            )));
        }
    }
    let b64: String = file
        .content
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| bad(format!("not base64: {e}")))?;
    String::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8: {e}")))
}

#[async_trait]
impl CodeHost for GitHubClient {
    fn info(&self) -> &HostInfo {
        &self.info
    }

    async fn default_branch(&self) -> Result<String, HostError> {
        let op = format!("reading the repository {}", self.repo());
        let dto: RepoDto = self
            .send(&op, self.gh.get(self.route(""), None::<&()>))
            .await?;
        Ok(dto.default_branch())
    }

    async fn branch_head(&self, branch: &str) -> Result<Option<String>, HostError> {
        let op = format!("reading the branch '{branch}' of {}", self.repo());
        let route = self.route(&format!("git/ref/heads/{}", path_escape(branch)));
        let r: Result<RefDto, _> = self.send(&op, self.gh.get(route, None::<&()>)).await;
        Ok(Self::not_found_is_none(r)?.map(|r| r.object.sha))
    }

    async fn create_branch(&self, branch: &str, sha: &str) -> Result<BranchOutcome, HostError> {
        let op = format!("creating the branch '{branch}' in {}", self.repo());
        let body = json!({ "ref": format!("refs/heads/{branch}"), "sha": sha });
        let r: Result<serde_json::Value, _> = self
            .send(&op, self.gh.post(self.route("git/refs"), Some(&body)))
            .await;
        match r {
            Ok(_) => Ok(BranchOutcome::Created),
            Err(e) if e.already_exists() => Ok(BranchOutcome::AlreadyExists),
            Err(e) => Err(e),
        }
    }

    async fn file(&self, path: &str, git_ref: &str) -> Result<Option<BranchFile>, HostError> {
        let op = format!("reading '{path}' on '{git_ref}' of {}", self.repo());
        let route = self.route(&format!("contents/{}", path_escape(path)));
        let r: Result<ContentDto, _> = self
            .send(&op, self.gh.get(route, Some(&[("ref", git_ref)])))
            .await;
        match Self::not_found_is_none(r)? {
            None => Ok(None),
            Some(ContentDto::Directory(_)) => Err(Self::error(
                op,
                HostErrorKind::Decode {
                    detail: format!("'{path}' is a directory, not a file"),
                },
            )),
            Some(ContentDto::File(f)) => {
                let text = decode_content(path, &f).map_err(|k| Self::error(&op, k))?;
                Ok(Some(BranchFile {
                    path: if f.path.is_empty() {
                        path.to_owned()
                    } else {
                        f.path.clone()
                    },
                    sha: f.sha,
                    text,
                }))
            }
        }
    }

    async fn put_file(&self, file: &PutFile) -> Result<String, HostError> {
        let op = format!(
            "committing '{}' on '{}' of {}",
            file.path,
            file.branch,
            self.repo()
        );
        let mut body = json!({
            "message": file.message,
            "content": base64::engine::general_purpose::STANDARD.encode(&file.text),
            "branch": file.branch,
        });
        if let Some(sha) = &file.sha {
            body["sha"] = json!(sha);
        }
        let route = self.route(&format!("contents/{}", path_escape(&file.path)));
        let done: FileCommitDto = self.send(&op, self.gh.put(route, Some(&body))).await?;
        Ok(done.commit.sha)
    }

    async fn change_requests(
        &self,
        head_branch: Option<&str>,
    ) -> Result<Vec<ChangeRequest>, HostError> {
        let Some(branch) = head_branch else {
            let op = format!("listing open pull requests of {}", self.repo());
            let all: Vec<PullDto> = self
                .all_pages(
                    &op,
                    self.route("pulls"),
                    &[("state", "open"), ("per_page", PER_PAGE)],
                )
                .await?;
            return Ok(all.into_iter().map(ChangeRequest::from).collect());
        };
        let op = format!(
            "looking for an open pull request from '{branch}' in {}",
            self.repo()
        );
        let head = format!("{}:{branch}", self.repo().namespace());
        let all: Vec<PullDto> = self
            .all_pages(
                &op,
                self.route("pulls"),
                &[
                    ("state", "open"),
                    ("head", head.as_str()),
                    ("per_page", PER_PAGE),
                ],
            )
            .await?;
        Ok(all
            .into_iter()
            .map(ChangeRequest::from)
            .filter(|p| p.head_branch == branch)
            .collect())
    }

    async fn change_request(&self, number: u64) -> Result<ChangeRequest, HostError> {
        let op = format!("reading pull request #{number} of {}", self.repo());
        let dto: PullDto = self
            .send(
                &op,
                self.gh
                    .get(self.route(&format!("pulls/{number}")), None::<&()>),
            )
            .await?;
        Ok(dto.into())
    }

    async fn change_requests_for_commit(&self, sha: &str) -> Result<Vec<ChangeRequest>, HostError> {
        let op = format!(
            "looking for the pull requests of commit {sha} in {}",
            self.repo()
        );
        let all: Vec<PullDto> = self
            .all_pages(
                &op,
                self.route(&format!("commits/{}/pulls", path_escape(sha))),
                &[("per_page", PER_PAGE)],
            )
            .await?;
        Ok(all.into_iter().map(ChangeRequest::from).collect())
    }

    async fn create_change_request(
        &self,
        pull: &NewChangeRequest,
    ) -> Result<ChangeRequest, HostError> {
        let op = format!(
            "opening a pull request from '{}' into '{}' of {}",
            pull.head,
            pull.base,
            self.repo()
        );
        let body = json!({
            "title": pull.title,
            "head": pull.head,
            "base": pull.base,
            "body": pull.body,
            "draft": pull.draft,
        });
        let dto: PullDto = self
            .send(&op, self.gh.post(self.route("pulls"), Some(&body)))
            .await?;
        Ok(dto.into())
    }

    async fn update_change_request(
        &self,
        number: u64,
        title: &str,
        body: &str,
    ) -> Result<ChangeRequest, HostError> {
        let op = format!("updating pull request #{number} of {}", self.repo());
        let patch = json!({ "title": title, "body": body });
        let dto: PullDto = self
            .send(
                &op,
                self.gh
                    .patch(self.route(&format!("pulls/{number}")), Some(&patch)),
            )
            .await?;
        Ok(dto.into())
    }

    async fn add_labels(&self, number: u64, labels: &[String]) -> Result<(), HostError> {
        let op = format!("labelling pull request #{number} of {}", self.repo());
        let body = json!({ "labels": labels });
        let _: serde_json::Value = self
            .send(
                &op,
                self.gh
                    .post(self.route(&format!("issues/{number}/labels")), Some(&body)),
            )
            .await?;
        Ok(())
    }

    async fn reviews(&self, number: u64) -> Result<Vec<Review>, HostError> {
        let op = format!(
            "reading the reviews of pull request #{number} of {}",
            self.repo()
        );
        let all: Vec<ReviewDto> = self
            .all_pages(
                &op,
                self.route(&format!("pulls/{number}/reviews")),
                &[("per_page", PER_PAGE)],
            )
            .await?;
        Ok(all.into_iter().filter_map(ReviewDto::into_review).collect())
    }

    /// Check runs (GitHub Actions and other apps) and commit statuses (older CI services)
    /// together, read at once.
    async fn checks(&self, sha: &str) -> Result<Checks, HostError> {
        let (mut runs, mut statuses) =
            futures::future::try_join(self.check_runs(sha), self.statuses(sha)).await?;
        runs.append(&mut statuses);
        Ok(Checks {
            pipeline: None,
            checks: runs,
        })
    }

    async fn notes(&self, number: u64) -> Result<Vec<Note>, HostError> {
        let op = format!(
            "reading the comments of pull request #{number} of {}",
            self.repo()
        );
        let all: Vec<CommentDto> = self
            .all_pages(
                &op,
                self.route(&format!("issues/{number}/comments")),
                &[("per_page", PER_PAGE)],
            )
            .await?;
        Ok(all.into_iter().map(Note::from).collect())
    }

    async fn put_note(&self, number: u64, id: Option<u64>, body: &str) -> Result<Note, HostError> {
        let body = json!({ "body": body });
        let dto: CommentDto = match id {
            None => {
                let op = format!("commenting on pull request #{number} of {}", self.repo());
                let route = self.route(&format!("issues/{number}/comments"));
                self.send(&op, self.gh.post(route, Some(&body))).await?
            }
            // A comment's address is its id alone on GitHub.
            Some(id) => {
                let op = format!("updating comment {id} in {}", self.repo());
                let route = self.route(&format!("issues/comments/{id}"));
                self.send(&op, self.gh.patch(route, Some(&body))).await?
            }
        };
        Ok(dto.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_slashes_and_escape_the_rest() {
        assert_eq!(
            path_escape("clearance/promote/fraud v2#1/v4"),
            "clearance/promote/fraud%20v2%231/v4"
        );
        assert_eq!(path_escape("deploy/models.toml"), "deploy/models.toml");
    }
}

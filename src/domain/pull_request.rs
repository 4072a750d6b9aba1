//! Pull requests as a reviewer sees them: who wrote it, whether CI passed, what reviewers said,
//! and which model version it would put into production.
//!
//! Pure: each code host maps its JSON into the small input types here ([`Review`],
//! [`Check`]) and these functions summarise them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::ci_job::{Job, JobStatus, Pipeline};
use super::ids::VersionId;

/// An open pull request with its CI and review state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PullRequest {
    pub number: u64,
    pub title: String,
    /// The author's login.
    pub author: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub draft: bool,
    pub labels: Vec<String>,
    pub head_branch: String,
    pub head_sha: String,
    pub base_branch: String,
    /// The page a person opens (`html_url`).
    pub url: String,
    pub review: ReviewState,
    /// Who approved: each login whose latest decisive review approves (GitLab: the merge
    /// request's `approved_by`).
    pub approved_by: Vec<String>,
    /// The approvals the code host's rules require and how many are still missing, where
    /// it reports them (GitLab's approval rules, a Premium feature); `null` elsewhere.
    pub approvals: Option<ApprovalsRequired>,
    pub checks: CheckSummary,
    /// The pipeline of the head commit's jobs (GitLab's newest pipeline on it); `null` where
    /// there is none, and on GitHub.
    pub pipeline: Option<Pipeline>,
    /// Every CI job on the head commit, one by one, in pipeline order: GitLab's jobs of its
    /// newest pipeline, GitHub's check runs and commit statuses. Those `checks` counts.
    pub jobs: Vec<Job>,
    /// The model version this PR pins, when it is a promotion PR.
    pub promotion: Option<PromotionRef>,
}

/// Approvals a code host's rules ask for on a change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApprovalsRequired {
    pub required: u32,
    /// Still missing (0: the rules are met).
    pub left: u32,
}

impl ApprovalsRequired {
    /// `2 required, 1 left`, `1 required, met`.
    pub fn describe(&self) -> String {
        if self.left == 0 {
            format!("{} required, met", self.required)
        } else {
            format!("{} required, {} left", self.required, self.left)
        }
    }
}

/// What the reviewers said, from each reviewer's latest decisive review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// At least one reviewer approved and nobody asks for changes.
    Approved,
    /// At least one reviewer's latest decisive review asks for changes.
    ChangesRequested,
    /// Reviewers only commented.
    Commented,
    /// Reviews were requested and nobody has answered yet.
    PendingReview,
    /// No reviews and none requested.
    None,
}

impl ReviewState {
    /// `approved`, `changes requested`, ...
    pub fn label(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::ChangesRequested => "changes requested",
            Self::Commented => "commented",
            Self::PendingReview => "review requested",
            Self::None => "no review",
        }
    }

    /// Summarises reviews (in any order). Per reviewer only the latest approval, request for
    /// changes or dismissal counts: a later comment does not undo an approval (GitHub's rule),
    /// a dismissal does. `requested` is how many reviewers or teams are still asked to review.
    /// An approval counts only on commit `head` (see [`approvals_on`]): one of an earlier
    /// commit is not what `apply` will count.
    pub fn from_reviews(reviews: &[Review], requested: usize, head: &str) -> Self {
        let decisive = decisive(reviews);
        let commented = reviews
            .iter()
            .any(|r| r.verdict == ReviewVerdict::Commented);
        let any = |v: ReviewVerdict| decisive.values().any(|d| d.verdict == v);
        if any(ReviewVerdict::ChangesRequested) {
            Self::ChangesRequested
        } else if !approvals_on(reviews, head).0.is_empty() {
            Self::Approved
        } else if requested > 0 {
            Self::PendingReview
        } else if commented {
            Self::Commented
        } else {
            Self::None
        }
    }
}

/// Each reviewer's latest decisive review (approval, request for changes, dismissal), by
/// time: a later comment does not undo an approval, a dismissal does; a draft review only
/// its author can see does not count.
fn decisive(reviews: &[Review]) -> BTreeMap<&str, &Review> {
    let mut sorted: Vec<&Review> = reviews.iter().collect();
    sorted.sort_by_key(|r| r.submitted);
    let mut decisive: BTreeMap<&str, &Review> = BTreeMap::new();
    for r in sorted {
        if matches!(
            r.verdict,
            ReviewVerdict::Approved | ReviewVerdict::ChangesRequested | ReviewVerdict::Dismissed
        ) {
            decisive.insert(r.reviewer.as_str(), r);
        }
    }
    decisive
}

/// Who approved commit `head`, and who approved only an earlier commit of the change (each
/// login once, by their latest decisive review). An approval counts for the change merged
/// only when it was given on the commit merged: a review on an earlier commit approved
/// other contents (GitHub keeps such approvals unless the branch rule dismisses them). A
/// review whose commit the host does not report (GitLab's approvals), or an empty `head`,
/// counts as on `head`.
pub fn approvals_on(reviews: &[Review], head: &str) -> (Vec<String>, Vec<String>) {
    let (mut fresh, mut stale) = (Vec::new(), Vec::new());
    for (who, r) in decisive(reviews) {
        if r.verdict != ReviewVerdict::Approved || who.trim().is_empty() {
            continue;
        }
        match r.commit.as_deref() {
            Some(c) if !head.is_empty() && c != head => stale.push(who.to_owned()),
            _ => fresh.push(who.to_owned()),
        }
    }
    (fresh, stale)
}

/// One submitted review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub reviewer: String,
    pub verdict: ReviewVerdict,
    pub submitted: Option<DateTime<Utc>>,
    /// The commit reviewed, where the host says (GitHub's `commit_id`).
    pub commit: Option<String>,
}

/// What one review said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewVerdict {
    Approved,
    ChangesRequested,
    Commented,
    Dismissed,
    /// Started but not submitted.
    Pending,
}

/// CI on the head commit: every check together.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct CheckSummary {
    pub state: CheckState,
    pub passed: u32,
    pub failed: u32,
    pub pending: u32,
    pub total: u32,
}

/// The overall CI state.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    Success,
    Failure,
    Pending,
    /// No checks at all.
    #[default]
    None,
}

impl CheckState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Success => "passing",
            Self::Failure => "failing",
            Self::Pending => "pending",
            Self::None => "no checks",
        }
    }
}

/// One CI result on a commit (a GitHub check run or commit status, a GitLab job): the job
/// as shown, and how it counts in the [`CheckSummary`], which each host decides (GitLab's
/// failed job that is allowed to fail counts as passed, its manual and skipped jobs not at
/// all; GitHub's skipped check run passes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub job: Job,
    /// `None`: the job does not count (it decides nothing yet).
    pub counts: Option<CheckStatus>,
}

/// The CI results on a commit, with the pipeline they belong to where the host has one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checks {
    pub pipeline: Option<Pipeline>,
    /// In pipeline order (a stage's jobs together, stages in the order they run).
    pub checks: Vec<Check>,
}

/// How one check counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Passed,
    Failed,
    /// Queued, running or waiting.
    Pending,
}

impl CheckSummary {
    /// Counts the checks. A commit without any is "no checks", not "pending" (which
    /// GitHub's combined status says when a commit has no statuses at all).
    pub fn from_checks(checks: &[Check]) -> Self {
        let mut s = Self::default();
        for c in checks {
            let Some(counts) = c.counts else {
                continue;
            };
            match counts {
                CheckStatus::Passed => s.passed += 1,
                CheckStatus::Failed => s.failed += 1,
                CheckStatus::Pending => s.pending += 1,
            }
            s.total += 1;
        }
        s.state = if s.failed > 0 {
            CheckState::Failure
        } else if s.pending > 0 {
            CheckState::Pending
        } else if s.passed > 0 {
            CheckState::Success
        } else {
            CheckState::None
        };
        s
    }

    /// `3/4 passing, 1 failing`, `no checks`.
    pub fn describe(&self) -> String {
        if self.total == 0 {
            return CheckState::None.label().to_owned();
        }
        let mut parts = vec![format!("{}/{} passed", self.passed, self.total)];
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.pending > 0 {
            parts.push(format!("{} pending", self.pending));
        }
        parts.join(", ")
    }
}

/// How a code host names its change requests, in every message that mentions one: GitHub's
/// pull requests `#12`, GitLab's merge requests `!12`. The one place that knows the noun and
/// the sigil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Vocabulary {
    /// GitHub: `pull request #12`, `PR #12`.
    #[default]
    PullRequest,
    /// GitLab: `merge request !12`, `MR !12`.
    MergeRequest,
}

impl Vocabulary {
    /// `pull request`, `merge request`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::PullRequest => "pull request",
            Self::MergeRequest => "merge request",
        }
    }

    /// `Pull request`, `Merge request`: the noun starting a sentence.
    pub fn noun_capitalized(self) -> &'static str {
        match self {
            Self::PullRequest => "Pull request",
            Self::MergeRequest => "Merge request",
        }
    }

    /// `PR`, `MR`.
    pub fn short(self) -> &'static str {
        match self {
            Self::PullRequest => "PR",
            Self::MergeRequest => "MR",
        }
    }

    /// `#`, `!`.
    pub fn sigil(self) -> char {
        match self {
            Self::PullRequest => '#',
            Self::MergeRequest => '!',
        }
    }

    /// `#12`, `!12`.
    pub fn number(self, n: u64) -> String {
        format!("{}{n}", self.sigil())
    }

    /// `pull request #12`, `merge request !12`.
    pub fn named(self, n: u64) -> String {
        format!("{} {}", self.noun(), self.number(n))
    }

    /// `PR #12`, `MR !12`: a badge where space is short.
    pub fn badge(self, n: u64) -> String {
        format!("{} {}", self.short(), self.number(n))
    }
}

/// The model version a promotion PR pins.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PromotionRef {
    pub model: String,
    pub version: VersionId,
}

/// What is on the code host after a promotion pull request was opened or updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionPr {
    pub number: u64,
    pub url: String,
    pub branch: String,
    pub base: String,
    pub branch_created: bool,
    /// Whether the deployment file changed on the branch (false: it already said this).
    pub file_committed: bool,
    pub pr_created: bool,
    /// One line per step, for the CLI and the TUI: `branch '...' created`, ...
    pub steps: Vec<String>,
}

/// How clearance recognises its promotion pull requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionRule {
    /// Branches `<prefix><model>/v<version>` (e.g. `clearance/promote/`).
    pub branch_prefix: String,
    /// The label promotion PRs carry (e.g. `model-promotion`); empty: none.
    pub label: String,
}

impl PromotionRule {
    /// Whether a PR with this branch and these labels is a promotion PR.
    pub fn matches(&self, head_branch: &str, labels: &[String]) -> bool {
        (!self.branch_prefix.is_empty() && head_branch.starts_with(&self.branch_prefix))
            || (!self.label.is_empty() && labels.iter().any(|l| l == &self.label))
    }

    /// The branch a promotion of `model` to `version` lives on:
    /// `clearance/promote/fraud-classifier/v4`. Characters git refuses in branch names
    /// become `-`.
    pub fn branch(&self, model: &str, version: &VersionId) -> String {
        format!(
            "{}{}/v{}",
            self.branch_prefix,
            ref_safe(model),
            ref_safe(
                version
                    .as_str()
                    .strip_prefix('v')
                    .unwrap_or(version.as_str())
            )
        )
    }

    /// The model and version a branch names, when it is a promotion branch.
    pub fn parse_branch(&self, branch: &str) -> Option<PromotionRef> {
        if self.branch_prefix.is_empty() {
            return None;
        }
        let rest = branch.strip_prefix(&self.branch_prefix)?;
        let (model, version) = rest.rsplit_once('/')?;
        let version = version.strip_prefix('v')?;
        (!model.is_empty() && !version.is_empty()).then(|| PromotionRef {
            model: model.to_owned(),
            version: VersionId::new(version),
        })
    }
}

/// A string git accepts as part of a branch name (`git check-ref-format`): no spaces, no
/// `~^:?*[\`, no `..`, no leading `.` or `-`, no trailing `.lock`.
pub fn ref_safe(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_control() || " ~^:?*[\\".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    out = out.replace("@{", "-{");
    let trimmed = out.trim_matches(|c| c == '.' || c == '/' || c == '-');
    let mut out = trimmed.replace("//", "/");
    if let Some(stem) = out.strip_suffix(".lock") {
        out = format!("{stem}-lock");
    }
    if out.is_empty() { "-".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    fn review(who: &str, verdict: ReviewVerdict, at: i64) -> Review {
        Review {
            reviewer: who.into(),
            verdict,
            submitted: DateTime::from_timestamp(at, 0),
            commit: None,
        }
    }

    use ReviewVerdict::{Approved, ChangesRequested, Commented, Dismissed, Pending};

    #[rstest]
    #[case::nothing(vec![], 0, ReviewState::None)]
    #[case::requested(vec![], 2, ReviewState::PendingReview)]
    #[case::comment_only(vec![review("a", Commented, 1)], 0, ReviewState::Commented)]
    #[case::requested_beats_comment(vec![review("a", Commented, 1)], 1, ReviewState::PendingReview)]
    #[case::approved(vec![review("a", Approved, 1)], 1, ReviewState::Approved)]
    #[case::comment_after_approval_keeps_it(
        vec![review("a", Commented, 3), review("a", Approved, 1)], 0, ReviewState::Approved)]
    #[case::latest_per_reviewer(
        vec![review("a", ChangesRequested, 1), review("a", Approved, 2)], 0, ReviewState::Approved)]
    #[case::one_blocker_wins(
        vec![review("a", Approved, 1), review("b", ChangesRequested, 2)], 0, ReviewState::ChangesRequested)]
    #[case::dismissed_approval(
        vec![review("a", Approved, 1), review("a", Dismissed, 2)], 0, ReviewState::None)]
    #[case::drafts_do_not_count(vec![review("a", Pending, 1)], 0, ReviewState::None)]
    fn review_state_from_the_latest_review_per_reviewer(
        #[case] reviews: Vec<Review>,
        #[case] requested: usize,
        #[case] want: ReviewState,
    ) {
        assert_eq!(ReviewState::from_reviews(&reviews, requested, ""), want);
    }

    fn check(status: CheckStatus) -> Check {
        Check {
            job: Job {
                name: "ci".into(),
                status: JobStatus::Pending,
                stage: None,
                duration_ms: None,
                url: None,
                allow_failure: false,
            },
            counts: Some(status),
        }
    }

    #[test]
    fn jobs_that_do_not_count_are_not_counted() {
        let mut manual = check(Passed);
        manual.counts = None;
        let s = CheckSummary::from_checks(&[manual.clone(), check(Failed)]);
        assert_eq!((s.total, s.failed, s.state), (1, 1, CheckState::Failure));
        assert_eq!(
            CheckSummary::from_checks(&[manual]).state,
            CheckState::None,
            "a pipeline of one manual job decides nothing yet"
        );
    }

    use CheckStatus::{Failed, Passed, Pending as Waiting};

    #[rstest]
    #[case::nothing_is_none_not_pending(vec![], CheckState::None, (0, 0, 0))]
    #[case::all_green(vec![Passed, Passed, Passed], CheckState::Success, (3, 0, 0))]
    #[case::running(vec![Waiting, Passed], CheckState::Pending, (1, 0, 1))]
    #[case::failure_beats_pending(vec![Failed, Waiting, Passed], CheckState::Failure, (1, 1, 1))]
    #[case::one_failure_fails(vec![Failed], CheckState::Failure, (0, 1, 0))]
    fn check_summary_counts_checks(
        #[case] checks: Vec<CheckStatus>,
        #[case] state: CheckState,
        #[case] (passed, failed, pending): (u32, u32, u32),
    ) {
        let checks: Vec<Check> = checks.into_iter().map(check).collect();
        let s = CheckSummary::from_checks(&checks);
        assert_eq!(
            s,
            CheckSummary {
                state,
                passed,
                failed,
                pending,
                total: passed + failed + pending
            }
        );
    }

    #[test]
    fn approvers_are_the_latest_approving_review_per_login() {
        let reviews = vec![
            review("bob", ChangesRequested, 1),
            review("bob", Approved, 2),
            review("bob", Commented, 3),
            review("alice", Approved, 1),
            review("alice", Dismissed, 4),
            review("dan", Approved, 5),
            review("dan", Approved, 6),
            review("erin", Pending, 7),
            review("carol", Commented, 1),
        ];
        assert_eq!(approvals_on(&reviews, "").0, ["bob", "dan"]);
        assert!(approvals_on(&[], "").0.is_empty());
    }

    #[test]
    fn an_approval_counts_on_the_commit_merged_only() {
        let on = |who: &str, verdict, at, commit: Option<&str>| Review {
            commit: commit.map(str::to_owned),
            ..review(who, verdict, at)
        };
        let reviews = vec![
            on("bob", Approved, 1, Some("old")),
            on("alice", Approved, 2, Some("head")),
            // Dan approved the old commit, then again the new one: counted.
            on("dan", Approved, 3, Some("old")),
            on("dan", Approved, 4, Some("head")),
            // The host does not say which commit (GitLab): counted.
            on("erin", Approved, 5, None),
        ];
        assert_eq!(
            approvals_on(&reviews, "head"),
            (
                vec!["alice".to_owned(), "dan".into(), "erin".into()],
                vec!["bob".to_owned()]
            )
        );
        // No head to judge by: every approval counts.
        assert_eq!(approvals_on(&reviews, "").1, Vec::<String>::new());
        // Bob's approval of the old commit alone does not make the request approved.
        let only_stale = &reviews[..1];
        assert_eq!(
            ReviewState::from_reviews(only_stale, 0, "head"),
            ReviewState::None
        );
        assert_eq!(
            ReviewState::from_reviews(&reviews, 0, "head"),
            ReviewState::Approved
        );
    }

    #[test]
    fn each_host_names_its_change_requests() {
        let (gh, gl) = (Vocabulary::PullRequest, Vocabulary::MergeRequest);
        assert_eq!(
            (gh.named(1), gh.number(1), gh.badge(1)),
            ("pull request #1".into(), "#1".into(), "PR #1".into())
        );
        assert_eq!(
            (gl.named(1), gl.number(1), gl.badge(1)),
            ("merge request !1".into(), "!1".into(), "MR !1".into())
        );
        assert_eq!(gl.noun_capitalized(), "Merge request");
    }

    #[test]
    fn check_summaries_describe_themselves() {
        let s = CheckSummary::from_checks(&[check(Failed), check(Waiting), check(Passed)]);
        assert_eq!(s.describe(), "1/3 passed, 1 failed, 1 pending");
        assert_eq!(CheckSummary::default().describe(), "no checks");
    }

    fn rule() -> PromotionRule {
        PromotionRule {
            branch_prefix: "clearance/promote/".into(),
            label: "model-promotion".into(),
        }
    }

    #[test]
    fn promotion_branches_round_trip() {
        let b = rule().branch("fraud-classifier", &"4".into());
        assert_eq!(b, "clearance/promote/fraud-classifier/v4");
        assert_eq!(
            rule().parse_branch(&b),
            Some(PromotionRef {
                model: "fraud-classifier".into(),
                version: "4".into()
            })
        );
        assert_eq!(
            rule().parse_branch("clearance/promote/team/churn/v12"),
            Some(PromotionRef {
                model: "team/churn".into(),
                version: "12".into()
            }),
            "a model name with a slash keeps it"
        );
        assert_eq!(rule().parse_branch("clearance/promote/fraud"), None);
        assert_eq!(rule().parse_branch("feature/x/v1"), None);
        assert_eq!(
            rule().branch("my model: v2?", &"v3".into()),
            "clearance/promote/my-model--v2/v3"
        );
    }

    #[rstest]
    #[case("fraud", "fraud")]
    #[case("..hidden..", "hidden")]
    #[case("a..b", "a.b")]
    #[case("x.lock", "x-lock")]
    #[case("-", "-")]
    #[case("a@{b", "a-{b")]
    fn ref_safe_names(#[case] input: &str, #[case] want: &str) {
        assert_eq!(ref_safe(input), want);
    }

    #[test]
    fn promotion_prs_by_label_or_branch() {
        let r = rule();
        assert!(r.matches("clearance/promote/fraud/v4", &[]));
        assert!(r.matches("feature", &["model-promotion".into()]));
        assert!(!r.matches("feature", &["bug".into()]));
        let no_label = PromotionRule {
            label: String::new(),
            ..rule()
        };
        assert!(!no_label.matches("feature", &[String::new()]));
    }
}

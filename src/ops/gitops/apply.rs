//! `clearance apply`: make the registry match the deployment file, as CI does after a
//! promotion PR merges. Each pinned model's alias moves to its version with the checks and
//! the record of a direct promotion (`ops::promote::execute`); a model already there is left
//! alone.
//!
//! The gates are apply's own to judge: the configured rules, the pinned version against the
//! version holding the alias now, as for every move. What the file says about gates is the
//! approver's account, not a pass: failing gates are let through only when the file records
//! an override with a reason (as a promotion PR writes it), and the override is recorded.
//!
//! The policy is judged on the merged change request that brought the file ([`Merged`]):
//! its merger is the mover, its author the requester, and its approving reviews the
//! approvals. Without one, a rule that asks for approvals refuses.

use chrono::{SubsecRound, Utc};

use super::deployment::{DeploymentFile, InvalidFile, Pin};
use crate::domain::ReviewSettings;
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::policy::CheckKind;
use crate::domain::promotion::{AliasPlan, AuditEntry, ChangeKind};
use crate::domain::pull_request::approvals_on;
use crate::host::{ChangeRequest, CodeHost, HostError};
use crate::ops::audit::AuditLog;
use crate::ops::gates;
use crate::ops::policy::Enforcement;
use crate::ops::promote;
use crate::store::Backend;

/// How one pin ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinOutcome {
    /// The alias moved and the change is recorded.
    Moved {
        entry: Box<AuditEntry>,
        warnings: Vec<String>,
    },
    /// The alias already pointed at the pinned version.
    AlreadyThere(String),
    /// Dry run: the alias would move (the checks passed).
    WouldMove(String),
}

/// What `apply` did, per model in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyReport {
    pub results: Vec<(String, Result<PinOutcome, ChangeError>)>,
}

/// The merged change request that brought the deployment file, as the code host reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedChange {
    /// `pull request #12`, `merge request !12`.
    pub name: String,
    /// Its author's login: the requester, whose own approval does not count.
    pub author: String,
    /// Who merged it: the mover the policy judges.
    pub merged_by: Option<String>,
    /// Logins whose latest decisive review approves the commit merged (GitLab: who approved).
    pub approvers: Vec<String>,
    /// Logins whose approval was of an earlier commit of the request: not counted.
    pub stale_approvers: Vec<String>,
}

/// What `apply` knows of the change request behind the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    Found(MergedChange),
    /// None was found, or none was looked for: why, for the refusal.
    Unknown(String),
}

/// The merged change request that brought the file: `number` when given (`--pr N`), else
/// the one merged by commit `sha` (CI's `GITHUB_SHA`, `CI_COMMIT_SHA`), with its approving
/// reviews. A request that is not merged, or a commit no merged request brought, is
/// [`Merged::Unknown`] with the reason; a host that cannot be read is an error.
pub async fn find_merged(
    host: &dyn CodeHost,
    number: Option<u64>,
    sha: Option<&str>,
    base: Option<&str>,
) -> Result<Merged, HostError> {
    let vocab = host.info().vocab;
    let request: ChangeRequest = match (number, sha) {
        (Some(n), sha) => {
            let r = host.change_request(n).await?;
            if !r.merged {
                return Ok(Merged::Unknown(format!("{} is not merged", vocab.named(n))));
            }
            // In CI, the number given must be the request whose merge is being applied.
            if let Some(sha) = sha
                && !brought(&r, sha)
            {
                return Ok(Merged::Unknown(format!(
                    "{} did not bring commit {sha} (it was merged as {})",
                    vocab.named(n),
                    r.merge_commits.first().unwrap_or(&r.head_sha)
                )));
            }
            r
        }
        (None, Some(sha)) => {
            let found = host.change_requests_for_commit(sha).await?;
            // Merged into the branch deployments come from, where one is configured.
            let into_base = |r: &ChangeRequest| base.is_none_or(|b| r.base_branch == b);
            // Any request holding the commit is listed (GitLab: one of its commits); the one
            // whose merge put it on the branch is wanted.
            let Some(merged) = found
                .into_iter()
                .find(|r| r.merged && into_base(r) && brought(r, sha))
            else {
                return Ok(Merged::Unknown(format!(
                    "no merged {} brought commit {sha} in {}",
                    vocab.noun(),
                    host.info().project
                )));
            };
            // Lists do not say who merged (GitHub): the request itself does.
            if merged.merged_by.is_some() {
                merged
            } else {
                host.change_request(merged.number).await?
            }
        }
        (None, None) => {
            return Ok(Merged::Unknown(format!(
                "no {} given (--pr N) and no commit from CI ($GITHUB_SHA, $CI_COMMIT_SHA)",
                vocab.noun()
            )));
        }
    };
    let reviews = host.reviews(request.number).await?;
    let (approvers, stale_approvers) = approvals_on(&reviews, &request.head_sha);
    Ok(Merged::Found(MergedChange {
        name: vocab.named(request.number),
        author: request.author,
        merged_by: request.merged_by,
        approvers,
        stale_approvers,
    }))
}

/// Whether merging `r` put commit `sha` on its base branch: its merge or squash commit, or
/// its head (a fast-forward or rebase merge). A host that reports none of them is believed.
fn brought(r: &ChangeRequest, sha: &str) -> bool {
    let known: Vec<&str> = r
        .merge_commits
        .iter()
        .map(String::as_str)
        .chain((!r.head_sha.is_empty()).then_some(r.head_sha.as_str()))
        .collect();
    known.is_empty() || known.contains(&sha)
}

/// Who applies the file, and the merged change request that brought it.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// Recorded after the approver: `Ann <ann@…> (applied by CI)`.
    pub applied_by: &'a str,
    pub merged: &'a Merged,
}

/// Who applies, as recorded: `applied_by` as given, except the default `CI` inside a GitLab
/// CI job, which names the pipeline (`GitLab CI pipeline https://…/-/pipelines/N`) so the
/// audit record leads back to the run that moved the alias.
pub fn applied_by(given: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
    let pipeline = super::connect::in_gitlab_ci(env)
        .then(|| env("CI_PIPELINE_URL"))
        .flatten()
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());
    match pipeline {
        Some(url) if given == "CI" => {
            crate::domain::text::printable(&format!("GitLab CI pipeline {url}")).into_owned()
        }
        _ => given.to_owned(),
    }
}

/// Applies every pin. The production alias of `settings` is used for pins without `alias`,
/// and its metric rules judge the gates; `from.applied_by` (e.g. `CI`) is recorded with the
/// approver: `Ann <ann@…> (applied by CI)`, and `from.merged` gives the policy its people.
pub async fn apply(
    backend: &Backend,
    file: &DeploymentFile,
    settings: &ReviewSettings,
    from: Provenance<'_>,
    dry_run: bool,
    enforcement: &Enforcement<'_>,
    log: Option<&AuditLog>,
) -> Result<ApplyReport, InvalidFile> {
    let pins = file.pins()?;
    let mut report = ApplyReport::default();
    for pin in pins {
        let result = apply_pin(backend, &pin, settings, from, dry_run, enforcement, log).await;
        report.results.push((pin.model.clone(), result));
    }
    Ok(report)
}

async fn apply_pin(
    backend: &Backend,
    pin: &Pin,
    settings: &ReviewSettings,
    from: Provenance<'_>,
    dry_run: bool,
    enforcement: &Enforcement<'_>,
    log: Option<&AuditLog>,
) -> Result<PinOutcome, ChangeError> {
    let applied_by = from.applied_by;
    let alias = pin.alias.as_deref().unwrap_or(&settings.production_alias);
    let model = promote::registered(backend, &pin.model).await?;
    let Some(version) = model.version(&pin.version) else {
        return Err(ChangeError::Refused(format!(
            "refused, nothing changed: {} of '{}' does not exist",
            pin.version.label(),
            pin.model
        )));
    };
    if let Some(want) = &pin.run_id {
        let have = version.run_id.as_ref().map(crate::domain::RunId::as_str);
        if have != Some(want.as_str()) {
            return Err(ChangeError::Refused(format!(
                "refused, nothing changed: {} of '{}' comes from run '{}', but the approved \
                 version came from run '{want}'",
                pin.version.label(),
                pin.model,
                have.unwrap_or("none")
            )));
        }
    }
    let current = model.aliases.get(alias).cloned();
    if current.as_ref() == Some(&pin.version) {
        return Ok(PinOutcome::AlreadyThere(format!(
            "nothing to do: @{alias} of '{}' already points at {}",
            pin.model,
            pin.version.label()
        )));
    }
    let plan = AliasPlan {
        kind: ChangeKind::Promote,
        model: pin.model.clone(),
        alias: alias.to_owned(),
        // A pin written by clearance says where the alias pointed when it was approved; if
        // it moved since, the approval no longer describes this change.
        from: pin.previous.clone().unwrap_or_else(|| current.clone()),
        to: pin.version.clone(),
        // The version is pinned explicitly; the staging alias may have moved on since.
        candidate_alias: None,
    };
    let by = format!(
        "{} (applied by {applied_by})",
        pin.approved_by
            .as_deref()
            .unwrap_or("approver not recorded")
    );
    // The file's account first: failing gates it records need its override.
    promote::check_gates(&Approval {
        by: by.clone(),
        at: Utc::now(),
        gates: pin.gates.clone(),
        override_gates: pin.overridden,
        reason: pin.reason.clone(),
    })?;
    // Then the gates as configured, judged now against what holds the alias.
    let cmp =
        gates::compare_move(backend, &model, current.as_ref(), &pin.version, settings).await?;
    let judged = gates::record(cmp.as_ref());
    let approval = Approval {
        by,
        at: Utc::now().trunc_subsecs(3),
        // Where no configured gate applies, the record keeps what the approver saw.
        gates: judged.or_else(|| pin.gates.clone()),
        override_gates: pin.overridden,
        reason: pin.reason.clone(),
    };
    promote::check_gates(&approval).map_err(|e| {
        ChangeError::Refused(format!(
            "refused, nothing changed: {e} (the configured gates, judged against @{alias} now; \
             a pin that overrides them says overridden = true with a reason)"
        ))
    })?;
    if dry_run {
        if let Some(why) = plan.precondition_failure(&model) {
            return Err(ChangeError::Refused(format!("refused: {why}")));
        }
        promote::writer(backend)?;
        // A dry run says what the move would meet: the policy too, judged on the same people.
        let enforcement = people(enforcement, pin, alias, from)?;
        if let Some((_, Some(refusal))) =
            crate::ops::policy::preview(backend, &enforcement, &plan, &approval, &model, log)
                .await?
        {
            return Err(ChangeError::Refused(format!(
                "{refusal} (a dry run: nothing would change)"
            )));
        }
        return Ok(PinOutcome::WouldMove(format!(
            "would move {} of '{}' (recorded as {})",
            plan.describe(),
            plan.model,
            approval.by
        )));
    }
    let enforcement = people(enforcement, pin, alias, from)?;
    match promote::execute(backend, &plan, &approval, &enforcement, log).await? {
        Outcome::Done { entry, warnings } => Ok(PinOutcome::Moved { entry, warnings }),
        Outcome::NothingToDo(m) => Ok(PinOutcome::AlreadyThere(m)),
    }
}

/// The policy judges the people of the merged change request: its merger moves, its author
/// asked, its approving reviewers agreed. Without one, the person who approved the pin
/// moves, and a rule asking for approvals cannot be met.
fn people<'a>(
    base: &Enforcement<'a>,
    pin: &'a Pin,
    alias: &str,
    from: Provenance<'a>,
) -> Result<Enforcement<'a>, ChangeError> {
    let approver = pin.approved_by.as_deref();
    Ok(match from.merged {
        // Who merged is the host's word; where it does not say, the job that applies moves,
        // never the name the file itself carries (its author wrote it).
        Merged::Found(m) => Enforcement {
            mover: Some(m.merged_by.as_deref().unwrap_or(from.applied_by)),
            requester: Some(&m.author),
            approvers: &m.approvers,
            ..*base
        },
        Merged::Unknown(why) => {
            needs_no_approvals(base, &pin.model, alias, why)?;
            Enforcement {
                mover: Some(approver.unwrap_or(from.applied_by)),
                ..*base
            }
        }
    })
}

/// Without a merged change request, a rule that asks for approvals refuses: the approvals
/// it counts on this path are the request's reviews.
fn needs_no_approvals(
    enforcement: &Enforcement<'_>,
    model: &str,
    alias: &str,
    why: &str,
) -> Result<(), ChangeError> {
    let policy = crate::ops::policy::load(enforcement.config)?;
    match policy.rule_for(model, alias) {
        Some(rule) if rule.approvals > 0 => Err(ChangeError::Policy {
            unmet: vec![CheckKind::Approvals],
            message: format!(
                "refused by policy: approvals: @{alias} of '{model}' needs {} approvals, counted \
                 from the reviews of the merged pull or merge request that brought the pin, and \
                 there is none: {why} (pass --pr N); nothing changed",
                rule.approvals
            ),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    #[test]
    fn gitlab_ci_names_its_pipeline_and_a_given_name_stays() {
        let ci = |k: &str| match k {
            "GITLAB_CI" => Some("true".to_owned()),
            "CI_PIPELINE_URL" => Some("https://gitlab.com/acme/ml/-/pipelines/42".to_owned()),
            _ => None,
        };
        assert_eq!(
            applied_by("CI", &ci),
            "GitLab CI pipeline https://gitlab.com/acme/ml/-/pipelines/42"
        );
        assert_eq!(applied_by("release bot", &ci), "release bot");
        assert_eq!(applied_by("CI", &|_| None), "CI");
    }
}

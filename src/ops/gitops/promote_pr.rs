//! Promotion by change request: pin the version in the deployment file on a branch, and open
//! (or update) a change request whose body is the diff report with the approval record.
//! No MLflow alias moves here; `clearance apply` does that in CI after the merge.
//!
//! Idempotent: the branch, the file and the change request for the same model and version
//! are reused and updated, never duplicated. When a step fails, the error says exactly what
//! exists on the code host by then.

use std::fmt::Write as _;

use super::PrSettings;
use super::deployment::{DeploymentFile, Pin};
use crate::domain::VersionId;
use crate::domain::change::{Approval, ChangeError};
use crate::domain::promotion::AliasPlan;
use crate::domain::pull_request::{PromotionPr, Vocabulary};
use crate::domain::text::{printable, printable_lines};
use crate::host::{BranchOutcome, ChangeRequest, CodeHost, HostError, NewChangeRequest, PutFile};
use crate::ops::promote::check_gates;

/// A promotion to propose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrPromotion {
    /// The alias move, as for a direct promotion (`from` is where the alias points now).
    pub plan: AliasPlan,
    /// The run behind the version (pinned too, so `apply` can check it).
    pub run_id: Option<String>,
    /// The `clearance diff` Markdown report (candidate vs the alias's current version);
    /// empty when there is nothing to compare with.
    pub report: String,
    pub approval: Approval,
}

/// `Promote fraud-classifier v4 to production (v3 → v4)`.
pub fn title(plan: &AliasPlan) -> String {
    let from = plan
        .from
        .as_ref()
        .map_or_else(|| "unset".to_owned(), VersionId::label);
    let title = format!(
        "Promote {} {} to {} ({from} → {})",
        plan.model,
        plan.to.label(),
        plan.alias,
        plan.to.label()
    );
    printable(&title).into_owned()
}

/// The hidden marker that identifies a promotion PR's body.
pub fn body_marker(plan: &AliasPlan) -> String {
    let marker = format!(
        "<!-- clearance:promotion model={} version={} -->",
        plan.model, plan.to
    );
    printable(&marker).into_owned()
}

/// The change request's body: what merging does, the report, and the approval record, in
/// the host's words (`pull request`, `merge request`).
pub fn body(p: &PrPromotion, deployment_file: &str, vocab: Vocabulary) -> String {
    let plan = &p.plan;
    let mut md = String::new();
    let now = plan
        .from
        .as_ref()
        .map_or_else(|| "unset now".to_owned(), |v| format!("{} now", v.label()));
    let _ = writeln!(
        md,
        "Pins **{}** of `{}` as `@{}` in `{deployment_file}` (it is {now}). After this {} \
         merges, CI runs `clearance apply {deployment_file}`, which moves the alias in \
         MLflow, provided it has not moved meanwhile, and records the change.\n",
        plan.to.label(),
        plan.model,
        plan.alias,
        vocab.noun(),
    );
    if p.report.trim().is_empty() {
        md.push_str("_No comparison: nothing holds the alias yet._\n");
    } else {
        md.push_str(p.report.trim_end());
        md.push('\n');
    }
    let a = &p.approval;
    let _ = writeln!(md, "\n### Approval\n");
    let _ = writeln!(md, "- Approved by: {}", a.by);
    let _ = writeln!(
        md,
        "- At: {}",
        a.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    match &a.gates {
        None => {
            let _ = writeln!(md, "- Gates: none apply");
        }
        Some(g) if g.passed => {
            let _ = writeln!(md, "- Gates: ✅ {}", g.summary);
        }
        Some(g) => {
            let _ = writeln!(
                md,
                "- Gates: ❌ {}{}",
                g.summary,
                if a.override_gates {
                    ", **overridden**"
                } else {
                    ""
                }
            );
            for f in &g.failed {
                let _ = writeln!(md, "  - {f}");
            }
        }
    }
    if let Some(r) = a.reason.as_deref().filter(|r| !r.trim().is_empty()) {
        let _ = writeln!(md, "- Reason: {}", r.trim());
    }
    let _ = writeln!(md, "\n{}", body_marker(plan));
    // Approver and reason come from people, the report from the store: a control character
    // in them must not reach a terminal that shows the PR (`gh pr view`).
    printable_lines(&md).into_owned()
}

fn commit_message(p: &PrPromotion) -> String {
    let mut m = format!(
        "Promote {} {} to {}\n\nApproved by {} at {}.",
        p.plan.model,
        p.plan.to.label(),
        p.plan.alias,
        p.approval.by,
        p.approval
            .at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    if let Some(g) = &p.approval.gates {
        let _ = write!(m, "\nGates: {}.", g.summary);
    }
    printable_lines(&m).into_owned()
}

fn pin(p: &PrPromotion) -> Pin {
    Pin {
        model: p.plan.model.clone(),
        alias: Some(p.plan.alias.clone()),
        version: p.plan.to.clone(),
        previous: Some(p.plan.from.clone()),
        run_id: p.run_id.clone(),
        approved_by: Some(p.approval.by.clone()),
        approved_at: Some(p.approval.at),
        gates: p.approval.gates.clone(),
        overridden: p.approval.override_gates,
        reason: p.approval.reason.clone().filter(|r| !r.trim().is_empty()),
    }
}

/// What exists on the code host so far, for the message of a later failure.
struct Progress {
    host: &'static str,
    vocab: Vocabulary,
    done: Vec<String>,
}

impl Progress {
    /// The error for a failed step: nothing changed (`Failed`), or what exists (`Partial`).
    fn fail(&self, not_done: &str, e: &dyn std::fmt::Display) -> ChangeError {
        if self.done.is_empty() {
            ChangeError::Failed(format!("nothing was changed on {}: {e}", self.host))
        } else {
            ChangeError::Partial(format!(
                "{}; {not_done}: {e}. Run the same promotion again to finish: the branch and the \
                 {} are reused",
                self.done.join(", "),
                self.vocab.noun()
            ))
        }
    }
}

/// Opens or updates the promotion PR. Gates apply as for a direct promotion (refused unless
/// overridden with a reason).
pub async fn open_promotion_pr(
    host: &dyn CodeHost,
    p: &PrPromotion,
    settings: &PrSettings,
) -> Result<PromotionPr, ChangeError> {
    check_gates(&p.approval)?;
    let path = settings.deployment_file.as_str();
    let plan = &p.plan;
    let mut progress = Progress {
        host: host.info().name,
        vocab: host.info().vocab,
        done: Vec::new(),
    };

    let (base, base_sha, text) = pinned_on_base(host, p, settings).await?;
    let branch = settings.rule.branch(&plan.model, &plan.to);
    let created = host
        .create_branch(&branch, &base_sha)
        .await
        .map_err(|e| progress.fail("branch not created", &e))?;
    progress.done.push(match created {
        BranchOutcome::Created => format!("branch '{branch}' created from '{base}'"),
        BranchOutcome::AlreadyExists => format!("branch '{branch}' already there, reused"),
    });

    let on_branch = host
        .file(path, &branch)
        .await
        .map_err(|e| progress.fail("deployment file not committed", &e))?;
    let file_committed = on_branch.as_ref().is_none_or(|f| f.text != text);
    if file_committed {
        host.put_file(&PutFile {
            path: path.to_owned(),
            branch: branch.clone(),
            message: commit_message(p),
            text,
            sha: on_branch.map(|f| f.sha),
        })
        .await
        .map_err(|e| progress.fail("deployment file not committed", &e))?;
        progress.done.push(format!(
            "'{path}' committed on it, pinning {}",
            plan.to.label()
        ));
    } else {
        progress
            .done
            .push(format!("'{path}' on it already pins {}", plan.to.label()));
    }

    let title = title(plan);
    let vocab = host.info().vocab;
    let body = body(p, path, vocab);
    let (pull, pr_created) = open_or_update(host, &branch, &base, &title, &body, settings.draft)
        .await
        .map_err(|e| progress.fail(&format!("{} not opened", vocab.noun()), &e))?;
    progress.done.push(format!(
        "{} {}: {}",
        vocab.named(pull.number),
        if pr_created { "opened" } else { "updated" },
        pull.url
    ));

    if !settings.rule.label.is_empty() {
        host.add_labels(pull.number, std::slice::from_ref(&settings.rule.label))
            .await
            .map_err(|e| progress.fail("label not added", &e))?;
        progress
            .done
            .push(format!("labelled '{}'", settings.rule.label));
    }
    Ok(PromotionPr {
        number: pull.number,
        url: pull.url,
        branch,
        base,
        branch_created: created == BranchOutcome::Created,
        file_committed,
        pr_created,
        steps: progress.done,
    })
}

/// The base branch, its head SHA, and the deployment file as it is there with the new pin.
/// Refuses when the base branch already pins the version.
async fn pinned_on_base(
    host: &dyn CodeHost,
    p: &PrPromotion,
    settings: &PrSettings,
) -> Result<(String, String, String), ChangeError> {
    let info = host.info();
    let failed =
        |e: HostError| ChangeError::Failed(format!("nothing was changed on {}: {e}", info.name));
    let path = settings.deployment_file.as_str();
    let plan = &p.plan;
    let base = match &settings.base_branch {
        Some(b) => b.clone(),
        None => host.default_branch().await.map_err(failed)?,
    };
    let base_sha = host
        .branch_head(&base)
        .await
        .map_err(failed)?
        .ok_or_else(|| {
            ChangeError::Failed(format!(
                "the base branch '{base}' does not exist in {}; set {}.base_branch",
                info.project,
                info.name.to_lowercase()
            ))
        })?;
    // Based on the base branch's file, not the branch's: a reused branch may predate other
    // models' pins, and its copy would undo them.
    let mut file = match host.file(path, &base).await.map_err(failed)? {
        Some(f) => DeploymentFile::parse(&f.text).map_err(|e| {
            ChangeError::Failed(format!("'{path}' on '{base}' of {}: {e}", info.project))
        })?,
        None => DeploymentFile::new(),
    };
    if let Ok(Some(current)) = file.pin(&plan.model)
        && current.version == plan.to
        && current.alias.as_deref().unwrap_or(&plan.alias) == plan.alias
    {
        return Err(ChangeError::Refused(format!(
            "'{path}' on '{base}' already pins {} of '{}' to @{}: nothing to propose (CI's \
             `clearance apply {path}` moves the alias)",
            plan.to.label(),
            plan.model,
            plan.alias
        )));
    }
    file.set(&pin(p));
    Ok((base, base_sha, file.render()))
}

/// The open change request from `branch` updated, or a new one; `true` when it was created.
async fn open_or_update(
    host: &dyn CodeHost,
    branch: &str,
    base: &str,
    title: &str,
    body: &str,
    draft: bool,
) -> Result<(ChangeRequest, bool), HostError> {
    if let Some(existing) = from_branch(host, branch).await? {
        let updated = host
            .update_change_request(existing.number, title, body)
            .await?;
        return Ok((updated, false));
    }
    let new = NewChangeRequest {
        title: title.to_owned(),
        head: branch.to_owned(),
        base: base.to_owned(),
        body: body.to_owned(),
        draft,
    };
    match host.create_change_request(&new).await {
        Ok(created) => Ok((created, true)),
        // Opened meanwhile (or not listed yet): find it and update it instead.
        Err(e) if e.already_exists() => match from_branch(host, branch).await? {
            Some(existing) => Ok((
                host.update_change_request(existing.number, title, body)
                    .await?,
                false,
            )),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// The open change request from `branch`, if any.
async fn from_branch(
    host: &dyn CodeHost,
    branch: &str,
) -> Result<Option<ChangeRequest>, HostError> {
    Ok(host.change_requests(Some(branch)).await?.into_iter().next())
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::domain::promotion::{ChangeKind, GateRecord};

    fn promotion(from: Option<&str>) -> PrPromotion {
        PrPromotion {
            plan: AliasPlan {
                kind: ChangeKind::Promote,
                model: "fraud-classifier".into(),
                alias: "production".into(),
                from: from.map(VersionId::from),
                to: "4".into(),
                candidate_alias: Some("staging".into()),
            },
            run_id: Some("abc".into()),
            report: "### report\n".into(),
            approval: Approval {
                by: "Ann Lee <ann@example.com>".into(),
                at: DateTime::from_timestamp(1_772_460_300, 0).unwrap(),
                gates: Some(GateRecord {
                    passed: false,
                    summary: "1 of 2 gates fail".into(),
                    failed: vec!["latency_p95_ms: regressed".into()],
                }),
                override_gates: true,
                reason: Some("budget raised".into()),
            },
        }
    }

    #[test]
    fn titles_name_the_change() {
        assert_eq!(
            title(&promotion(Some("3")).plan),
            "Promote fraud-classifier v4 to production (v3 → v4)"
        );
        assert_eq!(
            title(&promotion(None).plan),
            "Promote fraud-classifier v4 to production (unset → v4)"
        );
    }

    #[test]
    fn the_body_holds_the_report_and_the_approval() {
        assert_eq!(
            body(
                &promotion(Some("3")),
                "deploy/models.toml",
                Vocabulary::PullRequest
            ),
            "Pins **v4** of `fraud-classifier` as `@production` in `deploy/models.toml` (it is v3 \
             now). After this pull request merges, CI runs `clearance apply deploy/models.toml`, \
             which moves the alias in MLflow, provided it has not moved meanwhile, and records \
             the change.\n\n### report\n\n### Approval\n\n- Approved by: Ann Lee <ann@example.com>\n\
             - At: 2026-03-02T14:05:00Z\n- Gates: ❌ 1 of 2 gates fail, **overridden**\n  - \
             latency_p95_ms: regressed\n- Reason: budget raised\n\n\
             <!-- clearance:promotion model=fraud-classifier version=4 -->\n"
        );
    }
}

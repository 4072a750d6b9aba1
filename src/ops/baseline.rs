//! Finding each experiment's baseline.

use std::collections::BTreeMap;

use super::audit::AuditLog;
use super::promote::writer;
use crate::domain::baseline::pick_tagged;
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::promotion::{BaselinePlan, ChangeKind};
use crate::domain::{Baseline, BaselineSource, ExperimentId, ReviewSettings, RunId, VersionId};
use crate::store::{Backend, BackendError, RunQuery};

/// `tags.<key>` for a filter, back-quoting keys with dots or other characters.
pub fn tag_key(key: &str) -> String {
    crate::domain::filter::entity_key("tags", key)
}

/// The newest run tagged as baseline in one experiment.
pub async fn tagged(
    backend: &Backend,
    experiment: &ExperimentId,
    settings: &ReviewSettings,
) -> Result<Option<Baseline>, BackendError> {
    let query = RunQuery {
        experiment_ids: vec![experiment.clone()],
        // IS NOT NULL, then the exact check in the domain, so `True` and `1` count too.
        filter: Some(format!("{} IS NOT NULL", tag_key(&settings.baseline_tag))),
        order_by: vec!["attributes.start_time DESC".into()],
        page_size: 100,
    };
    let page = backend.runs.search_runs(&query, None).await?;
    Ok(pick_tagged(
        page.runs,
        &settings.baseline_tag,
        &settings.baseline_value,
    ))
}

/// Source runs of the versions holding the production alias: run → (model, version).
pub async fn production_runs(
    backend: &Backend,
    settings: &ReviewSettings,
) -> Result<BTreeMap<RunId, (String, VersionId)>, BackendError> {
    let models = backend.registry.models().await?;
    Ok(models
        .iter()
        .filter_map(|m| {
            let v = m.version_for_alias(&settings.production_alias)?;
            Some((v.run_id.clone()?, (m.name.clone(), v.version.clone())))
        })
        .collect())
}

/// Baselines for several experiments: tagged runs first, then production source runs.
pub async fn for_experiments(
    backend: &Backend,
    experiments: &[ExperimentId],
    settings: &ReviewSettings,
) -> Result<BTreeMap<ExperimentId, Baseline>, BackendError> {
    let mut out = BTreeMap::new();
    let mut missing = Vec::new();
    for e in experiments {
        match tagged(backend, e, settings).await? {
            Some(b) => {
                out.insert(e.clone(), b);
            }
            None => missing.push(e.clone()),
        }
    }
    if missing.is_empty() {
        return Ok(out);
    }
    for (run_id, (model, version)) in production_runs(backend, settings).await? {
        let run = match backend.runs.run(&run_id).await {
            Ok(r) => r,
            // A version whose run was deleted cannot be anyone's baseline.
            Err(BackendError::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        if missing.contains(&run.experiment_id) && !out.contains_key(&run.experiment_id) {
            out.insert(
                run.experiment_id.clone(),
                Baseline {
                    run,
                    source: BaselineSource::ProductionAlias { model, version },
                    warning: None,
                },
            );
        }
    }
    Ok(out)
}

/// Makes `plan.run` the experiment's tagged baseline, if the tagged baseline is still the one
/// the reviewer saw; untags every other run carrying the tag; records the change on the new
/// baseline's tags and in the local log.
pub async fn move_to(
    backend: &Backend,
    plan: &BaselinePlan,
    approval: &Approval,
    settings: &ReviewSettings,
    log: Option<&AuditLog>,
) -> Result<Outcome, ChangeError> {
    let writer = writer(backend)?;
    let fail = |e: BackendError| ChangeError::Failed(e.to_string());
    let now = tagged(backend, &plan.experiment, settings)
        .await
        .map_err(fail)?;
    let now_id = now.as_ref().map(|b| b.run.id.clone());
    if now_id.as_ref() == Some(&plan.run) {
        return Ok(Outcome::NothingToDo(format!(
            "nothing to do: '{}' is already the baseline of {}",
            plan.run_name, plan.experiment_name
        )));
    }
    if now_id != plan.current {
        let name = now.as_ref().map_or("no run", |b| b.run.display_name());
        return Err(ChangeError::Refused(format!(
            "refused, nothing changed: the baseline of {} changed since you looked: it is now {name}",
            plan.experiment_name
        )));
    }
    // Every run carrying the tag loses it, so the new one is the only (not just the newest).
    let query = RunQuery {
        experiment_ids: vec![plan.experiment.clone()],
        filter: Some(format!("{} IS NOT NULL", tag_key(&settings.baseline_tag))),
        order_by: Vec::new(),
        page_size: crate::store::LISTING_PAGE,
    };
    let holders: Vec<RunId> = backend
        .runs
        .search_runs(&query, None)
        .await
        .map_err(fail)?
        .runs
        .into_iter()
        .filter(|r| r.has_tag(&settings.baseline_tag, &settings.baseline_value) && r.id != plan.run)
        .map(|r| r.id)
        .collect();
    let tag = &settings.baseline_tag;
    writer
        .set_run_tag(&plan.run, tag, &settings.baseline_value)
        .await
        .map_err(fail)?;
    for (i, old) in holders.iter().enumerate() {
        if let Err(e) = writer.delete_run_tag(old, tag).await {
            // Put back what was taken, so the old baseline stays the only one.
            let mut undo = writer.delete_run_tag(&plan.run, tag).await.err();
            for done in &holders[..i] {
                if let Err(u) = writer
                    .set_run_tag(done, tag, &settings.baseline_value)
                    .await
                {
                    undo.get_or_insert(u);
                }
            }
            return Err(match undo {
                None => ChangeError::Failed(format!(
                    "could not untag the old baseline ({e}), so the change was undone"
                )),
                Some(u) => ChangeError::Partial(format!(
                    "could not untag the old baseline ({e}) and undoing failed too ({u}): check                      which runs of {} carry {tag}={}",
                    plan.experiment_name, settings.baseline_value
                )),
            });
        }
    }
    let entry = Approval {
        gates: None,
        override_gates: false,
        ..approval.clone()
    }
    .record(
        &backend.store,
        ChangeKind::Baseline,
        &plan.experiment_name,
        &format!("{tag}={}", settings.baseline_value),
        plan.current.as_ref().map(|r| r.as_str().to_owned()),
        plan.run.as_str().to_owned(),
    );
    let mut warnings = Vec::new();
    let json = serde_json::to_string(&entry).unwrap_or_default();
    for (k, v) in [
        (entry.tag_key(), json),
        ("clearance.baseline_by".to_owned(), entry.by.clone()),
        (
            "clearance.baseline_at".to_owned(),
            entry.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ),
    ] {
        if let Err(e) = writer.set_run_tag(&plan.run, &k, &v).await {
            warnings.push(format!("could not set the tag '{k}': {e}"));
        }
    }
    if let Some(log) = log
        && let Err(e) = log.append(&entry)
    {
        warnings.push(e.to_string());
    }
    Ok(Outcome::Done {
        entry: Box::new(entry),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keys_are_quoted_when_needed() {
        assert_eq!(tag_key("baseline"), "tags.baseline");
        assert_eq!(tag_key("team.baseline"), "tags.`team.baseline`");
    }
}

//! The gates of an alias move, judged the same way whatever started it (`promote`,
//! `rollback`, `apply`, the TUI's `a` and `R`): the target version's run against the run of
//! the version holding the alias now, under the team's metric rules.

use super::compare::resolve_side;
use crate::domain::change::ChangeError;
use crate::domain::comparison::{Comparison, compare_sides};
use crate::domain::promotion::GateRecord;
use crate::domain::{RegisteredModel, ReviewSettings, VersionId, VersionRef};
use crate::store::Backend;

/// The comparison the gates are judged on: `to` against `from` (what holds the alias now).
/// `None` when the alias holds nothing, so there is nothing to compare with.
pub async fn compare_move(
    backend: &Backend,
    model: &RegisteredModel,
    from: Option<&VersionId>,
    to: &VersionId,
    settings: &ReviewSettings,
) -> Result<Option<Comparison>, ChangeError> {
    let Some(from) = from else {
        return Ok(None);
    };
    let judge = |e: super::compare::CompareError| {
        ChangeError::Failed(format!(
            "cannot judge the gates of {} against {}: {e}",
            to.label(),
            from.label()
        ))
    };
    let candidate = resolve_side(backend, model, &VersionRef::Version(to.clone()))
        .await
        .map_err(judge)?;
    let current = resolve_side(backend, model, &VersionRef::Version(from.clone()))
        .await
        .map_err(judge)?;
    Ok(Some(compare_sides(candidate, current, settings)))
}

/// The gate record of a comparison, when any gate applies.
pub fn record(cmp: Option<&Comparison>) -> Option<GateRecord> {
    cmp.map(|c| &c.report)
        .filter(|r| GateRecord::any_gate(r))
        .map(GateRecord::from_report)
}

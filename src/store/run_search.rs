//! Run search over runs held in memory, for stores that have no query engine of their own
//! (a DVC repository is a handful of files per commit): the same MLflow filter grammar,
//! `order_by` and page tokens as the sqlite store, evaluated over a slice of [`Run`]s.
//!
//! The grammar, its messages and the page tokens are `store::query`'s (the ones the sqlite store speaks), so a filter means the
//! same thing and fails with the same words whichever store is open. Semantics follow the SQL
//! the sqlite store runs (checked against it over the demo store in the tests): a comparison
//! on a missing metric, param or tag is false (`!=` included); a NaN metric satisfies only
//! `!=`; `LIKE` is case-sensitive with `%` and `_`. Two differences, both about data these
//! runs do not carry: `datasets.*` filters are refused (no dataset inputs are recorded) and
//! `attributes.artifact_uri` is the empty string. `ILIKE` folds case with Unicode rules
//! (sqlite's `lower()` folds ASCII only), which is what a person filtering `ß` or `É` expects.

mod eval;
mod like;
mod order;

pub use self::order::compare;

#[cfg(test)]
mod tests;

use super::query::{filter, order as order_parser, token};
use super::{BackendError, RunPage, RunQuery};
use crate::domain::Run;

/// The largest page served, as MLflow's `SEARCH_MAX_RESULTS_THRESHOLD`.
const MAX_PAGE: u32 = 50_000;

/// One page of the runs of `query.experiment_ids` that match `query.filter`, in
/// `query.order_by` order (then newest start first, then by id, as MLflow orders).
/// An empty experiment list matches nothing, as in the other stores.
pub fn search(
    runs: &[Run],
    query: &RunQuery,
    page_token: Option<&str>,
) -> Result<RunPage, BackendError> {
    if query.experiment_ids.is_empty() {
        return Ok(RunPage::default());
    }
    page(runs, query, query.filter_text(), page_token).map_err(|e| query.explain(e))
}

fn page(
    runs: &[Run],
    query: &RunQuery,
    filter: Option<&str>,
    page_token: Option<&str>,
) -> Result<RunPage, BackendError> {
    let invalid = BackendError::InvalidRequest;
    // The order of the checks is MLflow's, so the first complaint is the same.
    let comparisons = filter::parse(filter.unwrap_or_default()).map_err(invalid)?;
    let order = order_parser::parse(&query.order_by).map_err(invalid)?;
    let checks = comparisons
        .iter()
        .map(eval::Check::new)
        .collect::<Result<Vec<_>, String>>()
        .map_err(invalid)?;
    let offset = token::decode(page_token)?;
    let mut matching: Vec<&Run> = runs
        .iter()
        .filter(|r| query.experiment_ids.contains(&r.experiment_id))
        .filter(|r| checks.iter().all(|c| c.matches(r)))
        .collect();
    matching.sort_by(|a, b| order::compare(&order, a, b));
    let page_size = query.page_size.clamp(1, MAX_PAGE) as usize;
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let rest = matching.get(start..).unwrap_or_default();
    let next_page_token =
        (rest.len() > page_size).then(|| token::encode(offset + page_size as u64));
    Ok(RunPage {
        runs: rest.iter().take(page_size).map(|r| (*r).clone()).collect(),
        next_page_token,
    })
}

//! Run listings for scripts: every page, with baselines marked.
//!
//! A listing over a store that pays for every run it serves (MLflow over REST) is split into
//! disjoint `start_time` ranges fetched at once ([`partition`]); a store that reads a listing
//! in one pass (a sqlite file) streams it; other stores are paged one page after the other.
//! Every way, the runs come in the query's order, each once.

mod partition;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use crate::domain::Run;
pub use crate::store::LISTING_PAGE;
use crate::store::{Backend, BackendError, Pages, RunQuery, RunStore};

/// Every run matching the query, following page tokens to the end (a run listed twice, as
/// offset paging can do while runs arrive, is kept once). A server whose paging never ends is
/// stopped with [`BackendError::EndlessPaging`].
pub async fn all(backend: &Backend, query: &RunQuery) -> Result<Vec<Run>, BackendError> {
    all_with(backend, query, |_| {}).await
}

/// [`all`], telling `progress` how many runs are listed after each batch.
pub async fn all_with(
    backend: &Backend,
    query: &RunQuery,
    mut progress: impl FnMut(usize),
) -> Result<Vec<Run>, BackendError> {
    let mut out = Vec::new();
    each_batch(backend, query, |batch| {
        out.extend(batch);
        progress(out.len());
        Ok::<(), BackendError>(())
    })
    .await?;
    Ok(out)
}

/// Every run matching the query, handed to `sink` a batch at a time, in the query's order,
/// as soon as the batch is known to come next: what a streaming writer needs to hold only a
/// few batches at once. A `sink` error stops the listing and is returned.
///
/// What a listing holds when runs are created or deleted while it is read: see
/// [`partition`] (a partitioned listing is a snapshot of the runs that had started when it
/// began) and [`Pages`] (a sequential one is MLflow's offset paging, deduplicated).
pub async fn each_batch<E: From<BackendError>>(
    backend: &Backend,
    query: &RunQuery,
    mut sink: impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    listing(backend.runs.as_ref(), backend.label(), query, &mut sink).await
}

async fn listing<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    if let Some(mut batches) = store.stream_runs(query) {
        while let Some(batch) = batches.recv().await {
            sink(batch?)?;
        }
        return Ok(());
    }
    if store.lists_concurrently() {
        match partition::start(store, query).await? {
            partition::Start::Sequential => {}
            partition::Start::Continue { first, token } => {
                return partition::continued(store, label, query, (first, token), sink).await;
            }
            partition::Start::Split { first, plan } => {
                return partition::fetch(store, label, query, first, plan, sink).await;
            }
        }
    }
    sequential(store, label, query, sink).await
}

/// Page after page, each handed to `sink` as it arrives.
async fn sequential<E: From<BackendError>>(
    store: &dyn RunStore,
    label: &str,
    query: &RunQuery,
    sink: &mut impl FnMut(Vec<Run>) -> Result<(), E>,
) -> Result<(), E> {
    let mut seen = HashSet::new();
    let mut pages = Pages::new(label, "runs");
    let mut token: Option<String> = None;
    loop {
        let page = store.search_runs(query, token.as_deref()).await?;
        let items = page.runs.len();
        let fresh: Vec<Run> = page
            .runs
            .into_iter()
            .filter(|r| seen.insert(r.id.clone()))
            .collect();
        let next = pages.next(page.next_page_token, items, fresh.len())?;
        sink(fresh)?;
        match next {
            Some(t) => token = Some(t),
            None => return Ok(()),
        }
    }
}

/// Run ids asked for in one `IN (…)` clause.
const IDS_PER_CLAUSE: usize = 100;

/// What changed in a listing since the last look, for a refresh that merges rather than
/// lists again: the runs that started at or after `started_from` (ms), those that ended at or
/// after `ended_from` (ms), and the runs `running` by id (one that does not come back was
/// deleted or no longer matches). Each is the query's filter joined by `AND` to one clause
/// (MLflow's grammar has `AND` only), all asked at once; each run comes once.
pub async fn changes(
    backend: &Backend,
    query: &RunQuery,
    started_from: Option<i64>,
    ended_from: i64,
    running: &[crate::domain::RunId],
) -> Result<Vec<Run>, BackendError> {
    let mut clauses = Vec::new();
    if let Some(t) = started_from {
        clauses.push(format!("attributes.start_time >= {t}"));
    }
    clauses.push(format!("attributes.end_time >= {ended_from}"));
    // Run ids are hex; one that could break out of its quotes is not asked for.
    let ids: Vec<&str> = running
        .iter()
        .map(crate::domain::RunId::as_str)
        .filter(|id| !id.contains('\''))
        .collect();
    for chunk in ids.chunks(IDS_PER_CLAUSE) {
        let list: Vec<String> = chunk.iter().map(|id| format!("'{id}'")).collect();
        clauses.push(format!("attributes.run_id IN ({})", list.join(", ")));
    }
    let store = backend.runs.as_ref();
    let label = backend.label();
    let lists = futures::future::try_join_all(clauses.into_iter().map(|clause| async move {
        let query = RunQuery {
            filter: Some(match query.filter_text() {
                Some(f) => format!("{f} AND {clause}"),
                None => clause,
            }),
            ..query.clone()
        };
        let mut out = Vec::new();
        sequential(store, label, &query, &mut |batch: Vec<Run>| {
            out.extend(batch);
            Ok::<(), BackendError>(())
        })
        .await
        .map_err(|e| query.explain(e))?;
        Ok::<Vec<Run>, BackendError>(out)
    }))
    .await?;
    let mut seen = HashSet::new();
    Ok(lists
        .into_iter()
        .flatten()
        .filter(|r| seen.insert(r.id.clone()))
        .collect())
}

//! Run listings for scripts: every page, with baselines marked.
//!
//! A listing over a store that pays for every run it serves (MLflow over REST) is split into
//! disjoint `start_time` ranges fetched at once ([`partition`]); other stores are paged one
//! page after the other. Either way the runs come in the query's order, each once.

mod partition;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use crate::domain::Run;
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
    if store.lists_concurrently()
        && let Some(plan) = partition::plan(store, query).await?
    {
        return partition::fetch(store, label, query, plan, sink).await;
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

//! Run listings for scripts: every page, with baselines marked.

use crate::domain::Run;
use crate::store::{Backend, BackendError, Pages, RunQuery};

/// Every run matching the query, following page tokens to the end (a run listed twice, as
/// offset paging can do while runs arrive, is kept once). A server whose paging never ends is
/// stopped with [`BackendError::EndlessPaging`].
pub async fn all(backend: &Backend, query: &RunQuery) -> Result<Vec<Run>, BackendError> {
    all_with(backend, query, |_| {}).await
}

/// [`all`], telling `progress` how many runs are listed after each page.
pub async fn all_with(
    backend: &Backend,
    query: &RunQuery,
    mut progress: impl FnMut(usize),
) -> Result<Vec<Run>, BackendError> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut pages = Pages::new(backend.label(), "runs");
    let mut token: Option<String> = None;
    loop {
        let page = backend.runs.search_runs(query, token.as_deref()).await?;
        let items = page.runs.len();
        let before = out.len();
        out.extend(page.runs.into_iter().filter(|r| seen.insert(r.id.clone())));
        progress(out.len());
        match pages.next(page.next_page_token, items, out.len() - before)? {
            Some(t) => token = Some(t),
            None => return Ok(out),
        }
    }
}

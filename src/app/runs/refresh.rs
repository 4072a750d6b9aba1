//! Refreshing the run list by what changed, not by listing it again.
//!
//! `r` and auto-refresh ask for three kinds of runs at once (the runtime ANDs each with the
//! person's filter): runs that started at or after the newest loaded start time (new runs),
//! runs that ended since the last look (minus [`CLOCK_SLACK`], for loggers whose clocks run
//! behind), and the loaded runs that were still running, by id. The answer is merged into the
//! loaded rows ([`merge`]): every loaded row stays, the selection stays on its run, and new
//! runs are marked for [`FRESH_FOR`]. A list that is still loading, empty or failed is
//! reloaded from its first page instead.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::super::{App, Effect, Task, Ticket};
use super::{Fetch, RunList};
use crate::domain::{Run, RunId, RunStatus};
use crate::store::BackendError;
use crate::store::query::order::{self, OrderKey};
use crate::store::run_search::compare;

/// How long a new run stays marked.
pub const FRESH_FOR: Duration = Duration::seconds(5);
/// How far before the last look "ended since" reaches back.
const CLOCK_SLACK: Duration = Duration::seconds(60);

/// What a change fetch asks for, beside the list's query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since {
    /// New runs: started at or after this (ms), the newest loaded start time.
    pub started_from: Option<i64>,
    /// Runs that ended at or after this (ms).
    pub ended_from: i64,
    /// Loaded runs that were running: asked for by id (one that does not come back is gone).
    pub running: Vec<RunId>,
}

impl RunList {
    /// Whether a newly marked run is still marked at `now`.
    pub fn is_fresh(&self, id: &RunId, now: DateTime<Utc>) -> bool {
        self.fresh.get(id).is_some_and(|at| now - *at < FRESH_FOR)
    }
}

/// Merges `changed` into `runs`, which are in the order `keys` gives: a loaded run is replaced
/// where it is; a run of `asked` that did not come back is removed (deleted, or it no longer
/// matches the filter); any other run is new and goes where the order puts it, unless it
/// sorts after the last row of an incomplete list (its page brings it). Returns the new
/// runs' ids.
pub fn merge(
    runs: &mut Vec<Run>,
    changed: Vec<Run>,
    asked: &[RunId],
    keys: &[OrderKey],
    complete: bool,
) -> Vec<RunId> {
    let back: HashSet<&RunId> = changed.iter().map(|r| &r.id).collect();
    let gone: HashSet<RunId> = asked
        .iter()
        .filter(|id| !back.contains(id))
        .cloned()
        .collect();
    runs.retain(|r| !gone.contains(&r.id));
    let mut index: HashMap<RunId, usize> = runs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut new = Vec::new();
    for run in changed {
        if let Some(&i) = index.get(&run.id) {
            runs[i] = run;
            continue;
        }
        let at = runs.partition_point(|r| compare(keys, r, &run).is_lt());
        if at == runs.len() && !complete {
            continue;
        }
        new.push(run.id.clone());
        runs.insert(at, run);
        index = runs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }
    new
}

impl App {
    /// Refreshes the run list by what changed when it holds rows, else from its first page.
    pub(in crate::app) fn refresh_runs(&mut self) -> Vec<Effect> {
        let list = &self.runs.list;
        let Some(looked_at) = list.looked_at else {
            return self.reload_runs();
        };
        if list.runs.is_empty()
            || list.fetching.is_some()
            || list.error.is_some()
            || list.stale_since.is_some()
        {
            return self.reload_runs();
        }
        let since = Since {
            started_from: list
                .runs
                .iter()
                .filter_map(|r| r.start_time)
                .max()
                .map(|t| t.timestamp_millis()),
            ended_from: (looked_at - CLOCK_SLACK).timestamp_millis(),
            running: list
                .runs
                .iter()
                .filter(|r| r.status == RunStatus::Running)
                .map(|r| r.id.clone())
                .collect(),
        };
        let ticket = self.ticket();
        let list = &mut self.runs.list;
        list.ticket = ticket;
        list.fetching = Some(Fetch::Changes);
        list.looked_at = Some(self.now);
        list.asked_running.clone_from(&since.running);
        let mut fx = vec![Effect::Task(Task::LoadRunChanges {
            ticket,
            query: self.query(),
            since,
        })];
        fx.extend(self.load_baselines());
        fx
    }

    pub(in crate::app) fn on_run_changes(
        &mut self,
        ticket: Ticket,
        result: Result<Vec<Run>, BackendError>,
    ) -> Vec<Effect> {
        if ticket != self.runs.list.ticket || self.runs.list.fetching != Some(Fetch::Changes) {
            return Vec::new();
        }
        self.runs.list.fetching = None;
        let changed = match result {
            Ok(runs) => {
                self.runs_answered();
                runs
            }
            Err(e) if e.is_transient() => {
                // The rows stay; the next refresh lists again from the first page.
                self.runs.list.error = Some(e.to_string());
                self.report("Loading runs failed", &e, false);
                return Vec::new();
            }
            Err(e) => {
                // A store whose search cannot say what changed: list again from the first
                // page; what is shown stays until it answers.
                tracing::warn!(error = %e, "refreshing what changed; listing again");
                return self.reload_runs();
            }
        };
        let selected_id = self.runs.selected_run().map(|r| r.id.clone());
        let keys = order::parse(&self.query().order_by).unwrap_or_default();
        let asked = std::mem::take(&mut self.runs.list.asked_running);
        let list = &mut self.runs.list;
        let complete = list.next_page.is_none();
        let updated: Vec<RunId> = changed.iter().map(|r| r.id.clone()).collect();
        let new = merge(&mut list.runs, changed, &asked, &keys, complete);
        for id in &new {
            list.fresh.insert(id.clone(), self.now);
        }
        list.arrange();
        // What `benches/scale.sh` waits for after pressing r.
        tracing::info!(
            rows = list.runs.len(),
            new = new.len(),
            "run changes merged"
        );
        self.runs.cursor.selected = self.row_of(selected_id.as_ref()).unwrap_or(0);
        self.runs.cursor.clamp(self.runs.list.rows.len());
        // Runs that changed show their new values in comparisons and sparklines too.
        for run in &self.runs.list.runs {
            if updated.contains(&run.id) {
                self.cache.runs.insert(
                    run.id.clone(),
                    super::super::loadable::Loadable::Loaded(run.clone()),
                );
            }
        }
        let loaded: HashSet<&RunId> = self.runs.list.runs.iter().map(|r| &r.id).collect();
        let updated: Vec<RunId> = updated
            .into_iter()
            .filter(|id| loaded.contains(id))
            .collect();
        for id in &updated {
            self.runs.sparks.requested.remove(id);
        }
        let mut fx = self.save_cache();
        fx.extend(
            if self.runs.list.everything || self.runs.list.rows.len() > super::SPARK_WINDOW * 4 {
                self.request_visible_sparks()
            } else {
                self.request_sparks(&updated)
            },
        );
        fx
    }

    /// Forgets new-run marks that have run their time.
    pub(in crate::app) fn expire_fresh(&mut self) {
        let now = self.now;
        self.runs.list.fresh.retain(|_, at| now - *at < FRESH_FOR);
    }
}

#[cfg(test)]
mod tests;

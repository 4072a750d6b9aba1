//! The Runs tab: experiments, a paged run list, baselines and sparklines.

mod refresh;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::compare::CompareScreen;
use super::cursor::Cursor;
use super::loadable::{Loadable, Slot};
use super::notify::Level;
use super::popup::{ExperimentPicker, Popup, SortMenu};
use super::{Action, App, Effect, LoopEffect, Task, Ticket};
use crate::domain::filter::{RunFilter, entity_key};
use crate::domain::run::nest;
use crate::domain::{Baseline, Direction, Experiment, ExperimentId, Run, RunId};
use crate::store::{BackendError, Pages, RunPage, RunQuery, SampledHistories};

pub use self::refresh::{FRESH_FOR, Since, merge};

/// How many rows before the end of the loaded list the next page is requested.
const PREFETCH_ROWS: usize = 40;
/// How many metrics `m` cycles through for the sparkline column.
const SPARK_CHOICES: usize = 12;
/// Metric columns considered for the table (the view shows as many as fit).
const KEY_METRIC_COLUMNS: usize = 4;
/// Metric columns the table can scroll through (`<` `>`).
const METRIC_COLUMNS: usize = 64;
/// Runs per sparkline request. MLflow's bulk history endpoint costs ~20 ms per run, so small
/// batches, in display order, fill the visible rows first instead of all at the end.
const SPARK_BATCH: usize = 25;
/// Rows above and twice that below the selection whose sparklines are asked for after a whole
/// listing (at least; a taller view asks for its own height).
const SPARK_WINDOW: usize = 50;
/// Rows of a listing kept in the local cache.
pub const CACHE_ROWS: usize = 500;
/// The start's first page at most: more rows than a tall terminal shows. A server's time to
/// answer grows with the page (an MLflow server on a busy 2-core machine took about 0.3 s for
/// 100 runs and 0.8 s for 200), and the first rows wait for all of it; the next page
/// (of `[runs] page_size`) follows as the selection nears the end, as every page does.
pub const FIRST_PAGE: u32 = 100;

/// What the run list is sorted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    StartTime,
    Name,
    Metric(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortOrder {
    pub key: SortKey,
    pub descending: bool,
}

impl SortOrder {
    /// The MLflow `order_by` clause.
    pub fn to_mlflow(&self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        match &self.key {
            SortKey::StartTime => format!("attributes.start_time {dir}"),
            SortKey::Name => format!("attributes.run_name {dir}"),
            SortKey::Metric(m) => format!("{} {dir}", entity_key("metrics", m)),
        }
    }

    /// `newest first`, `val_auc best first`.
    pub fn label(&self, direction: Direction) -> String {
        match (&self.key, self.descending) {
            (SortKey::StartTime, true) => "newest first".into(),
            (SortKey::StartTime, false) => "oldest first".into(),
            (SortKey::Name, false) => "name A→Z".into(),
            (SortKey::Name, true) => "name Z→A".into(),
            (SortKey::Metric(m), desc) => {
                let best = match direction {
                    Direction::Lower => !desc,
                    Direction::Higher | Direction::Neutral => desc,
                };
                if direction == Direction::Neutral {
                    format!("{m} {}", if desc { "high→low" } else { "low→high" })
                } else {
                    format!("{m} {}", if best { "best first" } else { "worst first" })
                }
            }
        }
    }
}

/// Why the list is being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetch {
    /// From the first page: the rows shown are replaced when it arrives.
    Reload,
    /// The next page, appended.
    More,
    /// Every run (`G`), in batches: `listed` so far; with `replace` the rows shown are
    /// replaced by the first batch (a sort or filter over the whole list), else batches are
    /// appended to what is loaded.
    All { listed: usize, replace: bool },
    /// What changed since the last look (`r`, auto-refresh), merged into the rows.
    Changes,
}

/// The loaded runs and where paging stands.
#[derive(Debug, Clone, Default)]
pub struct RunList {
    pub runs: Vec<Run>,
    /// Display order with nesting depth: indices into `runs`.
    pub rows: Vec<(usize, u8)>,
    /// Each run's parent in `runs`, when it is loaded.
    pub parents: Vec<Option<usize>>,
    pub next_page: Option<String>,
    pub ticket: Ticket,
    pub fetching: Option<Fetch>,
    /// The last failure, shown until a fetch succeeds.
    pub error: Option<String>,
    /// Whether any answer arrived (an empty list then means "no runs", not "not yet").
    pub loaded: bool,
    /// The page tokens followed since the first page, to stop paging that never ends.
    pub pages: Pages,
    /// Every run at depth 0 in the order fetched: sorting by a metric ranks all runs, nested
    /// or not, so nesting is dropped.
    pub flat: bool,
    /// The query the rows answer, once a first page arrived: the title and the rows must
    /// describe the same query.
    pub query: Option<RunQuery>,
    /// Whether the rows are the whole listing (`G`): a new sort or filter lists everything
    /// again rather than a first page.
    pub everything: bool,
    /// When the list was last asked for (the app clock), for "ended since".
    pub looked_at: Option<DateTime<Utc>>,
    /// New runs a refresh brought, and when: marked for [`FRESH_FOR`].
    pub fresh: HashMap<RunId, DateTime<Utc>>,
    /// The running runs a change fetch in flight asked for by id.
    asked_running: Vec<RunId>,
    /// When the rows shown were current, while they come from the local cache (until the
    /// first page replaces them).
    pub stale_since: Option<DateTime<Utc>>,
    /// During a whole listing: every run listed so far, so that a batch is checked against
    /// them in its own length, not the list's.
    listed_ids: HashSet<RunId>,
    /// During a whole listing: when the rows were last arranged (the app clock).
    arranged_at: Option<DateTime<Utc>>,
}

impl RunList {
    /// The rows from now on answer `query`, in this arrangement (`flat`): the old ones go.
    fn answering(&mut self, query: RunQuery, flat: bool) {
        self.runs.clear();
        self.query = Some(query);
        self.flat = flat;
    }

    pub fn row(&self, i: usize) -> Option<(&Run, u8)> {
        let (idx, depth) = *self.rows.get(i)?;
        Some((self.runs.get(idx)?, depth))
    }

    /// The name to show for row `i`: nested runs without their parent's name in front.
    pub fn row_name(&self, i: usize) -> Option<&str> {
        let (idx, _) = *self.rows.get(i)?;
        if self.flat {
            return Some(self.runs.get(idx)?.display_name());
        }
        let parent = self
            .parents
            .get(idx)
            .copied()
            .flatten()
            .and_then(|p| self.runs.get(p));
        Some(crate::domain::run::name_under(self.runs.get(idx)?, parent))
    }

    /// Recomputes the display order and the parent links after the runs changed.
    fn arrange(&mut self) {
        self.rows = if self.flat {
            (0..self.runs.len()).map(|i| (i, 0)).collect()
        } else {
            nest(&self.runs)
        };
        let index: HashMap<&RunId, usize> = self
            .runs
            .iter()
            .enumerate()
            .map(|(i, r)| (&r.id, i))
            .collect();
        self.parents = self
            .runs
            .iter()
            .map(|r| r.parent_id().and_then(|p| index.get(&p).copied()))
            .collect();
    }
}

/// How often a whole listing arranges its rows while batches arrive.
const ARRANGE_EVERY: chrono::Duration = chrono::Duration::milliseconds(250);

/// Sampled histories for the sparkline column, for one metric.
#[derive(Debug, Clone, Default)]
pub struct Sparks {
    pub metric: Option<String>,
    /// Whether the person picked the metric (`m`); otherwise it follows the key metrics.
    pub chosen: bool,
    pub ticket: Ticket,
    pub data: HashMap<RunId, Vec<f64>>,
    pub requested: HashSet<RunId>,
}

/// State of the Runs tab.
#[derive(Debug, Clone, Default)]
pub struct RunsScreen {
    pub experiments: Slot<Vec<Experiment>>,
    pub selected_experiments: Vec<ExperimentId>,
    pub list: RunList,
    pub filter: Option<RunFilter>,
    pub order: Option<SortOrder>,
    /// Marked runs in the order they were marked.
    pub marked: Vec<RunId>,
    pub cursor: Cursor,
    pub baselines: Slot<BTreeMap<ExperimentId, Baseline>>,
    pub sparks: Sparks,
    /// Metrics with a column, best first.
    pub key_metrics: Vec<String>,
    /// Metrics `m` cycles through.
    pub metric_choices: Vec<String>,
    /// Every metric that can have a column, key metrics first; the table shows those that fit
    /// from `column_offset` on.
    pub metric_columns: Vec<String>,
    /// How many metric columns are scrolled off to the left (`<` `>`).
    pub column_offset: usize,
    /// Where up/down stands in the filter history while the filter line is open.
    pub history_pos: Option<usize>,
    /// The experiments remembered for this store (shown last time, or since).
    pub remembered: Vec<ExperimentId>,
    /// Whether the experiments fetch in flight also finds the newest run's experiment.
    asked_newest: bool,
    /// The config's experiment names were not all found (and were warned about).
    names_refused: bool,
}

impl RunsScreen {
    /// Whether the rows are ranked by a metric, with nesting dropped.
    pub fn is_flat(&self) -> bool {
        matches!(
            self.order,
            Some(SortOrder {
                key: SortKey::Metric(_),
                ..
            })
        )
    }

    pub fn is_busy(&self) -> bool {
        self.experiments.is_loading() || self.list.fetching.is_some() || self.baselines.is_loading()
    }

    pub fn selected_run(&self) -> Option<&Run> {
        self.list.row(self.cursor.selected).map(|(r, _)| r)
    }

    pub fn baseline_for(&self, experiment: &ExperimentId) -> Option<&Baseline> {
        self.baselines.loaded()?.get(experiment)
    }

    pub fn is_baseline(&self, run: &Run) -> bool {
        self.baseline_for(&run.experiment_id)
            .is_some_and(|b| b.run.id == run.id)
    }

    pub fn experiment_name(&self, id: &ExperimentId) -> Option<&str> {
        self.experiments
            .loaded()?
            .iter()
            .find(|e| &e.id == id)
            .map(|e| e.name.as_str())
    }

    /// `fraud-detection`, `2 experiments`, or `all experiments`.
    pub fn scope_label(&self) -> String {
        let total = self.experiments.loaded().map_or(0, Vec::len);
        match self.selected_experiments.as_slice() {
            [] => "Runs".into(),
            [one] => self.experiment_name(one).unwrap_or(one.as_str()).to_owned(),
            many if many.len() == total && total > 1 => "all experiments".into(),
            many => format!("{} experiments", many.len()),
        }
    }
}

impl App {
    pub(super) fn load_experiments(&mut self) -> Vec<Effect> {
        self.load_experiments_with(true)
    }

    /// Fetches experiments, and with `newest` which one holds the newest run.
    pub(super) fn load_experiments_with(&mut self, newest: bool) -> Vec<Effect> {
        let ticket = self.runs.experiments.request(&mut self.tickets);
        self.runs.asked_newest = newest;
        vec![Effect::Task(Task::LoadExperiments { ticket, newest })]
    }

    pub(super) fn on_experiments(
        &mut self,
        ticket: Ticket,
        result: super::msg::ExperimentsResult,
    ) -> Vec<Effect> {
        if !self.runs.experiments.expects(ticket) {
            return Vec::new();
        }
        match result {
            Ok((experiments, newest)) => {
                self.runs.experiments.set(experiments);
                let shown = &self.runs.selected_experiments;
                let valid = !shown.is_empty()
                    && shown
                        .iter()
                        .all(|id| self.runs.experiment_name(id).is_some());
                if valid {
                    self.restore_column_offset();
                    // The list started with the experiment list (remembered) or is already
                    // here: nothing to fetch again.
                    if self.runs.list.fetching.is_some() || self.runs.list.loaded {
                        return Vec::new();
                    }
                    return self.reload_runs();
                }
                if self.runs.asked_newest || !self.options.start_experiments.is_empty() {
                    let all = self.runs.experiments.loaded().cloned().unwrap_or_default();
                    let Some(ids) = self.initial_experiments(&all, newest) else {
                        // A named experiment is not there: which one holds the newest run?
                        return self.load_experiments_with(true);
                    };
                    self.runs.selected_experiments = ids;
                    self.restore_column_offset();
                    self.runs.list = RunList::default();
                    return self.reload_runs();
                }
                // What was remembered is gone (deleted, or another store at the same
                // address): ask again which experiment holds the newest run.
                self.runs.selected_experiments.clear();
                self.runs.list = RunList::default();
                self.load_experiments_with(true)
            }
            Err(e) => {
                let inline = self.runs.experiments.fail(e.to_string());
                self.report("Loading experiments failed", &e, inline);
                if self.runs.list.fetching.is_some() {
                    // The remembered experiments' rows are on their way.
                    return Vec::new();
                }
                self.after_first_rows()
            }
        }
    }

    /// The experiments to open with: those the config names, else the one holding the newest
    /// run. `None` when the names are not all there and the newest was not asked for (the
    /// names are warned about once, and not tried again).
    fn initial_experiments(
        &mut self,
        all: &[Experiment],
        newest: Option<ExperimentId>,
    ) -> Option<Vec<ExperimentId>> {
        if !self.options.start_experiments.is_empty() && !self.runs.names_refused {
            match crate::domain::experiment::resolve_names(all, &self.options.start_experiments) {
                Ok(ids) => return Some(ids),
                Err(e) => {
                    self.toasts.push(Level::Warning, e, self.now);
                    self.runs.names_refused = true;
                }
            }
        }
        self.runs.asked_newest.then(|| newest.into_iter().collect())
    }

    fn query(&self) -> RunQuery {
        RunQuery {
            experiment_ids: self.runs.selected_experiments.clone(),
            filter: self.runs.filter.as_ref().map(RunFilter::to_mlflow),
            order_by: self.runs.order.iter().map(SortOrder::to_mlflow).collect(),
            page_size: self.options.page_size,
        }
    }

    /// [`Self::query`] for a listing of every run: in pages as large as the CLI's, where the
    /// list's own page size is for pages that come as the selection nears the end.
    fn whole_query(&self) -> RunQuery {
        RunQuery {
            page_size: self.options.page_size.max(crate::store::LISTING_PAGE),
            ..self.query()
        }
    }

    /// Fetches the list from its first page, and the baselines (after the first rows, at
    /// start).
    pub(super) fn reload_runs(&mut self) -> Vec<Effect> {
        if self.runs.selected_experiments.is_empty() {
            self.runs.list = RunList {
                loaded: true,
                ..RunList::default()
            };
            return self.after_first_rows();
        }
        let ticket = self.ticket();
        self.runs.list.ticket = ticket;
        self.runs.list.looked_at = Some(self.now);
        let mut fx = if self.runs.list.everything {
            self.runs.list.fetching = Some(Fetch::All {
                listed: 0,
                replace: true,
            });
            vec![Effect::Task(Task::ListAllRuns {
                ticket,
                query: self.whole_query(),
            })]
        } else {
            self.runs.list.fetching = Some(Fetch::Reload);
            let mut query = self.query();
            if self.first_rows_pending {
                query.page_size = query.page_size.min(FIRST_PAGE);
            }
            vec![Effect::Task(Task::LoadRuns {
                ticket,
                query,
                page_token: None,
            })]
        };
        if !self.first_rows_pending {
            fx.extend(self.load_baselines());
        }
        fx
    }

    /// A runs fetch succeeded: it answers whatever failed before, so that failure's toast goes.
    pub(super) fn runs_answered(&mut self) {
        self.toasts
            .items
            .retain(|t| !t.text.starts_with("Loading runs failed"));
    }

    /// Whether a cached listing would be painted now: the cache is on and the experiments
    /// to show are known but none of their rows is here yet (a start that remembered them).
    /// The runtime reads the cache only then, after the first requests went out.
    pub fn wants_cached_rows(&self) -> bool {
        self.options.cache && !self.runs.selected_experiments.is_empty() && !self.runs.list.loaded
    }

    /// Paints the cached listing of the experiments being fetched, marked stale, when no rows
    /// are here yet.
    pub(super) fn paint_cached(&mut self, cached: super::CachedRuns) {
        if !self.wants_cached_rows()
            || cached.experiments != self.runs.selected_experiments
            || cached.runs.is_empty()
        {
            return;
        }
        // The cache holds the plain listing of these experiments, which a start asks for.
        let query = self.query();
        let flat = self.runs.is_flat();
        let list = &mut self.runs.list;
        list.runs = cached.runs;
        list.loaded = true;
        list.query = Some(query);
        list.flat = flat;
        list.stale_since = Some(cached.saved_at);
        list.arrange();
        self.choose_metrics();
    }

    /// Keeps the first rows in the local cache, when they are the plain listing a start shows
    /// (no filter, no sort) and the cache is on.
    pub(super) fn save_cache(&self) -> Vec<Effect> {
        if !self.options.cache
            || self.runs.filter.is_some()
            || self.runs.order.is_some()
            || self.runs.list.stale_since.is_some()
            || self.runs.list.runs.is_empty()
        {
            return Vec::new();
        }
        vec![Effect::Task(Task::SaveRunsCache(super::CachedRuns {
            saved_at: self.now,
            experiments: self.runs.selected_experiments.clone(),
            runs: self
                .runs
                .list
                .runs
                .iter()
                .take(CACHE_ROWS)
                .cloned()
                .collect(),
        }))]
    }

    /// Finds the baselines of the experiments shown.
    pub(super) fn load_baselines(&mut self) -> Vec<Effect> {
        if self.runs.selected_experiments.is_empty() {
            return Vec::new();
        }
        vec![Effect::Task(Task::LoadBaselines {
            ticket: self.runs.baselines.request(&mut self.tickets),
            experiments: self.runs.selected_experiments.clone(),
        })]
    }

    /// Lists every run that is not loaded yet (`G`), appending them in batches.
    fn list_all(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        self.runs.list.ticket = ticket;
        self.runs.list.looked_at = Some(self.now);
        self.runs.list.fetching = Some(Fetch::All {
            listed: 0,
            replace: false,
        });
        vec![Effect::Task(Task::ListAllRuns {
            ticket,
            query: self.whole_query(),
        })]
    }

    /// Stops the whole listing (`esc`): what it listed stays. A listing that was to replace
    /// the rows (a new sort or filter) falls back to a first page: what it listed so far has
    /// no page token to go on from, and would look like the whole answer.
    fn stop_listing(&mut self) -> Vec<Effect> {
        let Some(Fetch::All { replace, .. }) = self.runs.list.fetching.take() else {
            return Vec::new();
        };
        let mut fx = vec![Effect::Task(Task::StopRuns)];
        self.runs.list.ticket = self.ticket();
        self.runs.list.everything = false;
        // The rows catch up with the batches listed before the stop.
        self.runs.list.listed_ids = HashSet::new();
        self.runs.list.arranged_at = None;
        self.runs.list.arrange();
        if replace {
            fx.extend(self.reload_runs());
            return fx;
        }
        self.toasts.push(
            Level::Info,
            format!("Stopped listing: {} runs loaded", self.runs.list.runs.len()),
            self.now,
        );
        fx.extend(self.request_visible_sparks());
        fx
    }

    /// A batch of the whole listing: appended (each run once), the selection kept on its run,
    /// or at the bottom when it was there.
    pub(super) fn on_runs_listed(&mut self, ticket: Ticket, runs: Vec<Run>) -> Vec<Effect> {
        let Some(Fetch::All { listed, replace }) = self.runs.list.fetching else {
            return Vec::new();
        };
        if ticket != self.runs.list.ticket {
            return Vec::new();
        }
        let rows = self.runs.list.rows.len();
        let at_bottom = rows > 0 && self.runs.cursor.selected + 1 >= rows;
        let selected_id = self.runs.selected_run().map(|r| r.id.clone());
        let first = listed == 0;
        let query = self.query();
        let flat = self.runs.is_flat();
        let now = self.now;
        let list = &mut self.runs.list;
        if replace && first {
            // As for a first page.
            list.answering(query, flat);
        }
        let count = runs.len();
        if first {
            list.listed_ids = list.runs.iter().map(|r| r.id.clone()).collect();
            list.arranged_at = None;
        }
        let seen = &mut list.listed_ids;
        list.runs
            .extend(runs.into_iter().filter(|r| seen.insert(r.id.clone())));
        list.fetching = Some(Fetch::All {
            listed: listed + count,
            replace,
        });
        list.loaded = true;
        list.error = None;
        // Arranging (nesting) is the whole list's work: during a long listing it is done a
        // few times a second, not for each batch, so a listing stays linear in its length.
        // The rows arranged earlier stay valid meanwhile (runs are only appended).
        if list.arranged_at.is_none_or(|at| now - at >= ARRANGE_EVERY) || list.rows.is_empty() {
            list.arrange();
            list.arranged_at = Some(now);
        }
        if replace && first {
            self.runs.sparks.requested.clear();
            self.runs.sparks.data.clear();
            self.choose_metrics();
        }
        let len = self.runs.list.rows.len();
        self.runs.cursor.selected = if at_bottom && !(replace && first) {
            len.saturating_sub(1)
        } else {
            self.row_of(selected_id.as_ref()).unwrap_or(0)
        };
        self.runs.cursor.clamp(len);
        Vec::new()
    }

    /// The whole listing ended: the list is complete, or says why it is not.
    pub(super) fn on_runs_listing_done(
        &mut self,
        ticket: Ticket,
        result: Result<(), BackendError>,
    ) -> Vec<Effect> {
        if ticket != self.runs.list.ticket
            || !matches!(self.runs.list.fetching, Some(Fetch::All { .. }))
        {
            return Vec::new();
        }
        let fetched = self.runs.list.fetching.take();
        if result.is_ok()
            && fetched
                == Some(Fetch::All {
                    listed: 0,
                    replace: true,
                })
        {
            // The new query's listing ended without a run (a store need not hand on an empty
            // batch): its answer is no rows, not the old query's.
            let (query, flat) = (self.query(), self.runs.is_flat());
            self.runs.list.answering(query, flat);
            self.runs.cursor.selected = 0;
        }
        // The rows catch up with every batch listed.
        let list = &mut self.runs.list;
        list.listed_ids = HashSet::new();
        list.arranged_at = None;
        list.arrange();
        match result {
            Ok(()) => {
                self.runs.list.next_page = None;
                self.runs.list.everything = true;
                self.runs.list.loaded = true;
                // What `benches/scale.sh` waits for after pressing G.
                tracing::info!(runs = self.runs.list.runs.len(), "every run listed");
            }
            Err(e) => {
                self.runs.list.error = Some(e.to_string());
                self.drop_rows_of_another_query();
                let inline = self.runs.list.rows.is_empty();
                self.report("Listing every run failed", &e, inline);
            }
        }
        self.runs.cursor.clamp(self.runs.list.rows.len());
        let mut fx = self.after_first_rows();
        fx.extend(self.request_visible_sparks());
        fx
    }

    /// After a failed fetch: rows that answer another query (a filter or order the store
    /// rejected) must not stay under the new title, so the failure is shown in their place.
    fn drop_rows_of_another_query(&mut self) {
        if self.runs.list.query.as_ref() == Some(&self.query()) {
            return;
        }
        let list = &mut self.runs.list;
        list.runs.clear();
        list.next_page = None;
        list.query = None;
        list.arrange();
        self.runs.cursor.selected = 0;
    }

    /// The row showing run `id`.
    fn row_of(&self, id: Option<&RunId>) -> Option<usize> {
        let id = id?;
        (0..self.runs.list.rows.len())
            .find(|&i| self.runs.list.row(i).is_some_and(|(r, _)| &r.id == id))
    }

    /// Sparklines for the rows around the selection that have none yet: after a whole
    /// listing, sparklines follow the eye rather than fetching thousands of histories. None
    /// while the listing runs, so they never compete with it.
    fn request_visible_sparks(&mut self) -> Vec<Effect> {
        if matches!(self.runs.list.fetching, Some(Fetch::All { .. })) {
            return Vec::new();
        }
        let view = self.runs.cursor.viewport.get().max(SPARK_WINDOW);
        let from = self.runs.cursor.selected.saturating_sub(view);
        let to = (self.runs.cursor.selected + 2 * view).min(self.runs.list.rows.len());
        let ids: Vec<RunId> = (from..to)
            .filter_map(|i| self.runs.list.row(i).map(|(r, _)| r.id.clone()))
            .collect();
        self.request_sparks(&ids)
    }

    /// Requests the next page unless one is on its way or there is none.
    fn load_more(&mut self) -> Vec<Effect> {
        let Some(token) = self.runs.list.next_page.clone() else {
            return Vec::new();
        };
        if self.runs.list.fetching.is_some() {
            return Vec::new();
        }
        let ticket = self.ticket();
        self.runs.list.ticket = ticket;
        self.runs.list.fetching = Some(Fetch::More);
        vec![Effect::Task(Task::LoadRuns {
            ticket,
            query: self.query(),
            page_token: Some(token),
        })]
    }

    /// Loads more when the selection nears the end of what is loaded (or the view is not full).
    fn maybe_load_more(&mut self) -> Vec<Effect> {
        let margin = PREFETCH_ROWS.max(self.runs.cursor.viewport.get());
        if self.runs.cursor.selected + margin >= self.runs.list.rows.len() {
            self.load_more()
        } else {
            Vec::new()
        }
    }

    pub(super) fn on_runs_page(
        &mut self,
        ticket: Ticket,
        result: Result<RunPage, BackendError>,
    ) -> Vec<Effect> {
        if ticket != self.runs.list.ticket {
            return Vec::new();
        }
        let fetch = self.runs.list.fetching.take();
        let page = match result {
            Ok(page) => page,
            Err(e) => {
                self.runs.list.error = Some(e.to_string());
                if fetch == Some(Fetch::Reload) {
                    self.drop_rows_of_another_query();
                }
                let inline = self.runs.list.rows.is_empty();
                self.report("Loading runs failed", &e, inline);
                return self.after_first_rows();
            }
        };
        self.runs_answered();
        let selected_id = self.runs.selected_run().map(|r| r.id.clone());
        let label = self.backend_label.clone();
        let query = self.query();
        let flat = self.runs.is_flat();
        let list = &mut self.runs.list;
        if fetch == Some(Fetch::Reload) {
            list.answering(query, flat);
            list.pages = Pages::new(&label, "runs");
            list.stale_since = None;
        }
        let new_ids: Vec<RunId> = page.runs.iter().map(|r| r.id.clone()).collect();
        // Offset paging can repeat a run when new runs arrive meanwhile: keep the first copy.
        let known: HashSet<RunId> = list.runs.iter().map(|r| r.id.clone()).collect();
        let (items, before) = (page.runs.len(), list.runs.len());
        list.runs
            .extend(page.runs.into_iter().filter(|r| !known.contains(&r.id)));
        let (next_page, endless) =
            match list
                .pages
                .next(page.next_page_token, items, list.runs.len() - before)
            {
                Ok(next) => (next, None),
                Err(e) => (None, Some(e)),
            };
        list.next_page = next_page;
        list.error = None;
        list.loaded = true;
        list.arrange();
        if fetch == Some(Fetch::Reload) {
            // Keep the selection on the same run across a refresh when it is still there.
            self.runs.cursor.selected = self.row_of(selected_id.as_ref()).unwrap_or(0);
            self.runs.sparks.requested.clear();
            self.runs.sparks.data.clear();
            self.choose_metrics();
        }
        self.runs.cursor.clamp(self.runs.list.rows.len());
        for run in &self.runs.list.runs {
            if new_ids.contains(&run.id) {
                self.cache
                    .runs
                    .insert(run.id.clone(), Loadable::Loaded(run.clone()));
            }
        }
        if let Some(e) = endless {
            // What is listed stays; the toast says why the list ends here.
            self.report("Paging the runs stopped", &e, false);
        }
        // The first rows are painted with this answer: now the rest of the first screen.
        let mut fx = self.after_first_rows();
        if fetch == Some(Fetch::Reload) && self.runs.remembered != self.runs.selected_experiments {
            self.runs
                .remembered
                .clone_from(&self.runs.selected_experiments);
            fx.push(Effect::Task(Task::RememberExperiments(
                self.runs.remembered.clone(),
            )));
        }
        if fetch == Some(Fetch::Reload) {
            fx.extend(self.save_cache());
        }
        fx.extend(self.request_sparks(&new_ids));
        fx.extend(self.maybe_load_more());
        fx
    }

    /// Picks the metric columns and the sparkline metric from config or the loaded runs.
    fn choose_metrics(&mut self) {
        let runs = &self.runs.list.runs;
        let mut with_baselines: Vec<Run> = runs.iter().take(500).cloned().collect();
        if let Some(bs) = self.runs.baselines.loaded() {
            with_baselines.extend(bs.values().map(|b| b.run.clone()));
        }
        self.runs.key_metrics = crate::domain::key_metrics::key_metrics(
            &with_baselines,
            &self.settings,
            KEY_METRIC_COLUMNS,
        );
        let mut no_config = self.settings.clone();
        no_config.key_metrics.clear();
        let mut choices = self.runs.key_metrics.clone();
        for m in crate::domain::key_metrics::key_metrics(&with_baselines, &no_config, SPARK_CHOICES)
        {
            if !choices.contains(&m) {
                choices.push(m);
            }
        }
        self.runs.metric_choices = choices;
        let mut columns = self.runs.key_metrics.clone();
        for m in
            crate::domain::key_metrics::key_metrics(&with_baselines, &no_config, METRIC_COLUMNS)
        {
            if !columns.contains(&m) {
                columns.push(m);
            }
        }
        self.runs.metric_columns = columns;
        self.runs.column_offset = self
            .runs
            .column_offset
            .min(self.runs.metric_columns.len().saturating_sub(1));
        let keep = self.runs.sparks.chosen
            && self
                .runs
                .sparks
                .metric
                .as_ref()
                .is_some_and(|m| self.runs.metric_choices.contains(m));
        if !keep {
            self.runs.sparks.metric = self.runs.metric_choices.first().cloned();
        }
    }

    /// Chooses the metric columns again (the baselines arrived); when the sparkline metric
    /// changes with them, the sparklines are asked for again.
    fn rechoose_metrics(&mut self) -> Vec<Effect> {
        let before = self.runs.sparks.metric.clone();
        self.choose_metrics();
        if self.runs.sparks.metric == before {
            return Vec::new();
        }
        let metric = self.runs.sparks.metric.take();
        self.runs.sparks = Sparks {
            metric,
            chosen: false,
            ticket: self.ticket(),
            ..Sparks::default()
        };
        let ids: Vec<RunId> = self.runs.list.runs.iter().map(|r| r.id.clone()).collect();
        self.request_sparks(&ids)
    }

    fn request_sparks(&mut self, ids: &[RunId]) -> Vec<Effect> {
        let Some(metric) = self.runs.sparks.metric.clone() else {
            return Vec::new();
        };
        let wanted: Vec<RunId> = ids
            .iter()
            .filter(|id| !self.runs.sparks.requested.contains(*id))
            .cloned()
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        self.runs.sparks.requested.extend(wanted.iter().cloned());
        wanted
            .chunks(SPARK_BATCH)
            .map(|runs| {
                Effect::Task(Task::LoadSparklines {
                    ticket: self.runs.sparks.ticket,
                    metric: metric.clone(),
                    runs: runs.to_vec(),
                    points: self.options.sparkline_points,
                })
            })
            .collect()
    }

    pub(super) fn on_sparklines(
        &mut self,
        ticket: Ticket,
        metric: &str,
        result: Result<SampledHistories, BackendError>,
    ) -> Vec<Effect> {
        if ticket != self.runs.sparks.ticket || self.runs.sparks.metric.as_deref() != Some(metric) {
            return Vec::new();
        }
        match result {
            Ok(h) => {
                for (id, points) in h {
                    self.runs
                        .sparks
                        .data
                        .insert(id, crate::domain::metric::values(&points));
                }
            }
            // A missing sparkline is not worth a toast per page; the log has it.
            Err(e) => tracing::warn!(error = %e, "sparklines"),
        }
        Vec::new()
    }

    pub(super) fn on_baselines(
        &mut self,
        ticket: Ticket,
        result: Result<BTreeMap<ExperimentId, Baseline>, BackendError>,
    ) -> Vec<Effect> {
        if !self.runs.baselines.expects(ticket) {
            return Vec::new();
        }
        match result {
            Ok(map) => {
                for b in map.values() {
                    if let Some(w) = &b.warning {
                        self.toasts.push(Level::Warning, w.clone(), self.now);
                    }
                    self.cache
                        .runs
                        .insert(b.run.id.clone(), Loadable::Loaded(b.run.clone()));
                }
                self.runs.baselines.set(map);
                // Baselines arrive after the first rows: their metrics count for the columns.
                return self.rechoose_metrics();
            }
            Err(e) => {
                self.runs.baselines.fail(e.to_string());
                self.report("Finding baselines failed", &e, false);
            }
        }
        Vec::new()
    }

    pub(super) fn runs_action(&mut self, action: Action) -> Vec<Effect> {
        let len = self.runs.list.rows.len();
        let page = self.runs.cursor.page();
        match action {
            Action::Down => self.runs.cursor.step(1, len),
            Action::Up => self.runs.cursor.step(-1, len),
            Action::PageDown => self.runs.cursor.step(page, len),
            Action::PageUp => self.runs.cursor.step(-page, len),
            Action::Top => self.runs.cursor.selected = 0,
            Action::Bottom => {
                self.runs.cursor.step(isize::MAX, len);
                if self.runs.list.next_page.is_some()
                    && !matches!(self.runs.list.fetching, Some(Fetch::All { .. }))
                {
                    return self.list_all();
                }
            }
            Action::Mark => {
                if let Some(id) = self.runs.selected_run().map(|r| r.id.clone()) {
                    if let Some(pos) = self.runs.marked.iter().position(|m| *m == id) {
                        self.runs.marked.remove(pos);
                    } else {
                        self.runs.marked.push(id);
                    }
                    self.runs.cursor.step(1, len);
                }
            }
            Action::Open => return self.open_compare_selected(),
            Action::Compare => return self.open_compare_marked(),
            Action::ColumnsRight | Action::ColumnsLeft => {
                let last = self.runs.metric_columns.len().saturating_sub(1);
                let offset = self.runs.column_offset;
                self.runs.column_offset = if action == Action::ColumnsRight {
                    (offset + 1).min(last)
                } else {
                    offset.saturating_sub(1)
                };
                if self.runs.column_offset == offset {
                    return Vec::new();
                }
                let key = self.columns_key();
                self.memory.set_column_offset(&key, self.runs.column_offset);
                return vec![LoopEffect::Remember(self.memory.clone()).into()];
            }
            Action::Filter => return self.open_filter(),
            Action::Sort => {
                self.screen.open_popup(Popup::Sort(SortMenu::new(
                    &self.runs.metric_choices,
                    &self.settings,
                    self.runs.order.as_ref(),
                )));
            }
            Action::Experiments => {
                if let Some(all) = self.runs.experiments.loaded() {
                    self.screen
                        .open_popup(Popup::Experiments(ExperimentPicker::new(
                            all,
                            &self.runs.selected_experiments,
                        )));
                } else {
                    return self.load_experiments();
                }
            }
            Action::NextMetric => return self.next_spark_metric(),
            Action::Clear if matches!(self.runs.list.fetching, Some(Fetch::All { .. })) => {
                return self.stop_listing();
            }
            Action::Clear => {
                let had_filter = self.runs.filter.take().is_some();
                self.runs.marked.clear();
                if had_filter {
                    return self.reload_runs();
                }
            }
            _ => {}
        }
        let mut fx = self.maybe_load_more();
        fx.extend(self.request_visible_sparks());
        fx
    }

    /// Whose metric columns' position is remembered: the store and the experiments listed.
    fn columns_key(&self) -> String {
        let mut names: Vec<&str> = self
            .runs
            .selected_experiments
            .iter()
            .map(|id| self.runs.experiment_name(id).unwrap_or(id.as_str()))
            .collect();
        names.sort_unstable();
        format!("{} · {}", self.backend_label, names.join(", "))
    }

    /// Scrolls the metric columns to where they were left for these experiments.
    pub(super) fn restore_column_offset(&mut self) {
        self.runs.column_offset = self.memory.column_offset(&self.columns_key());
    }

    /// Up/down in the filter line: the previous or next filter applied this session.
    /// Returns the text to show, `None` past the newest (the line is then left as typed).
    pub(super) fn filter_history_step(&mut self, back: bool) -> Option<String> {
        let h = &self.memory.filter_history;
        if h.is_empty() {
            return None;
        }
        let pos = match (self.runs.history_pos, back) {
            (None, true) => Some(h.len() - 1),
            (Some(p), true) => Some(p.saturating_sub(1)),
            (Some(p), false) if p + 1 < h.len() => Some(p + 1),
            (None | Some(_), false) => None,
        };
        self.runs.history_pos = pos;
        Some(pos.map_or_else(String::new, |p| h[p].clone()))
    }

    fn next_spark_metric(&mut self) -> Vec<Effect> {
        let choices = &self.runs.metric_choices;
        if choices.is_empty() {
            return Vec::new();
        }
        let next = match self
            .runs
            .sparks
            .metric
            .as_ref()
            .and_then(|m| choices.iter().position(|c| c == m))
        {
            Some(i) => choices[(i + 1) % choices.len()].clone(),
            None => choices[0].clone(),
        };
        let ticket = self.ticket();
        self.runs.sparks = Sparks {
            metric: Some(next),
            chosen: true,
            ticket,
            ..Sparks::default()
        };
        if self.runs.list.everything {
            return self.request_visible_sparks();
        }
        let ids: Vec<RunId> = self.runs.list.runs.iter().map(|r| r.id.clone()).collect();
        self.request_sparks(&ids)
    }

    /// Applies a filter typed in the popup (empty clears it).
    pub(super) fn apply_filter(&mut self, text: &str) -> Vec<Effect> {
        let text = text.trim();
        let mut remember = Vec::new();
        if !text.is_empty() && self.memory.filter_history.last().map(String::as_str) != Some(text) {
            self.memory.push_filter(text);
            remember.push(LoopEffect::Remember(self.memory.clone()).into());
        }
        let filter = RunFilter::parse(text);
        if filter == self.runs.filter {
            return remember;
        }
        self.runs.filter = filter;
        self.runs.cursor.selected = 0;
        // The fetch first: it is what the person waits for.
        let mut fx = self.reload_runs();
        fx.extend(remember);
        fx
    }

    pub(super) fn apply_sort(&mut self, order: Option<SortOrder>) -> Vec<Effect> {
        if order == self.runs.order {
            return Vec::new();
        }
        self.runs.order = order;
        self.runs.cursor.selected = 0;
        self.reload_runs()
    }

    pub(super) fn apply_experiments(&mut self, ids: Vec<ExperimentId>) -> Vec<Effect> {
        if ids.is_empty() || ids == self.runs.selected_experiments {
            return Vec::new();
        }
        self.runs.selected_experiments = ids;
        self.runs.marked.clear();
        self.runs.cursor.selected = 0;
        self.runs.key_metrics.clear();
        self.restore_column_offset();
        self.runs.baselines = Slot::default();
        self.runs.list = RunList::default();
        self.reload_runs()
    }

    fn open_compare_selected(&mut self) -> Vec<Effect> {
        let Some(run) = self.runs.selected_run().cloned() else {
            return Vec::new();
        };
        let Some(baseline) = self.runs.baseline_for(&run.experiment_id).cloned() else {
            let what = self
                .runs
                .experiment_name(&run.experiment_id)
                .unwrap_or("this experiment");
            let hint = format!(
                "'{what}' has no baseline: tag a run {}={} (or mark two runs with space and press c)",
                self.settings.baseline_tag, self.settings.baseline_value
            );
            self.toasts.push(Level::Warning, hint, self.now);
            return Vec::new();
        };
        if baseline.run.id == run.id {
            self.toasts.push(
                Level::Info,
                "This is the baseline: select another run to compare with it",
                self.now,
            );
            return Vec::new();
        }
        let screen = CompareScreen::new(
            baseline.run.id.clone(),
            format!("baseline {}", baseline.run.display_name()),
            vec![(run.id.clone(), run.display_name().to_owned())],
            self.runs.scope_label(),
            self.runs.key_metrics.clone(),
        );
        self.open_compare(super::Tab::Runs, screen)
    }

    fn open_compare_marked(&mut self) -> Vec<Effect> {
        let marked = self.runs.marked.clone();
        if marked.len() < 2 {
            if marked.len() == 1 {
                self.toasts.push(
                    Level::Info,
                    "Mark one more run (space), or press enter to compare with the baseline",
                    self.now,
                );
                return Vec::new();
            }
            return self.open_compare_selected();
        }
        let name = |id: &RunId| {
            self.cache
                .run(id)
                .map_or_else(|| id.short().to_owned(), |r| r.display_name().to_owned())
        };
        // The experiment's baseline anchors the comparison when marked; else the first mark.
        let reference = marked
            .iter()
            .find(|id| self.cache.run(id).is_some_and(|r| self.runs.is_baseline(r)))
            .unwrap_or(&marked[0])
            .clone();
        let candidates: Vec<(RunId, String)> = marked
            .iter()
            .filter(|id| **id != reference)
            .map(|id| (id.clone(), name(id)))
            .collect();
        let label = if self
            .cache
            .run(&reference)
            .is_some_and(|r| self.runs.is_baseline(r))
        {
            format!("baseline {}", name(&reference))
        } else {
            format!("reference {}", name(&reference))
        };
        let screen = CompareScreen::new(
            reference,
            label,
            candidates,
            self.runs.scope_label(),
            self.runs.key_metrics.clone(),
        );
        self.open_compare(super::Tab::Runs, screen)
    }
}

//! The comparison view: a candidate against a baseline (or reference) run, metric by metric,
//! with the selected metric's histories charted.

use super::loadable::Loadable;
use super::view::{ModelsView, RunsView};
use super::{Action, App, Effect, Tab};
use crate::domain::params::{ParamRow, param_rows};
use crate::domain::{DiffReport, ReviewSettings, Run, RunId};
use crate::store::{BackendError, SampledHistories};

/// One run being compared, with how to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub run: RunId,
    pub label: String,
}

/// State of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareScreen {
    pub baseline: Side,
    pub candidates: Vec<Side>,
    /// Which candidate is shown.
    pub current: usize,
    /// Selected row of the metric table (chooses the chart's metric).
    pub metric_cursor: super::cursor::Cursor,
    pub show_all_params: bool,
    /// Only the metrics and params that differ between the two runs (mlflow#10477).
    pub diff_only: bool,
    /// Scroll of the params/tags pane.
    pub detail_scroll: u16,
    /// What is being compared within (`fraud-detection`, `fraud-classifier`).
    pub context: String,
    /// Metrics listed first (the columns of the screen it was opened from).
    pub key_metrics: Vec<String>,
}

impl CompareScreen {
    pub fn new(
        baseline: RunId,
        label: String,
        candidates: Vec<(RunId, String)>,
        context: String,
        key_metrics: Vec<String>,
    ) -> Self {
        Self {
            baseline: Side {
                run: baseline,
                label,
            },
            candidates: candidates
                .into_iter()
                .map(|(run, label)| Side { run, label })
                .collect(),
            current: 0,
            metric_cursor: super::cursor::Cursor::default(),
            show_all_params: false,
            diff_only: false,
            detail_scroll: 0,
            context,
            key_metrics,
        }
    }

    pub fn candidate(&self) -> Option<&Side> {
        self.candidates.get(self.current)
    }

    /// Every run this view needs.
    pub fn run_ids(&self) -> Vec<RunId> {
        std::iter::once(self.baseline.run.clone())
            .chain(self.candidates.iter().map(|s| s.run.clone()))
            .collect()
    }

    /// Both runs of the current pair, once loaded.
    pub fn pair<'a>(&self, cache: &'a super::Cache) -> Option<(&'a Run, &'a Run)> {
        Some((
            cache.run(&self.baseline.run)?,
            cache.run(&self.candidate()?.run)?,
        ))
    }

    pub fn report(&self, cache: &super::Cache, settings: &ReviewSettings) -> Option<DiffReport> {
        let (b, c) = self.pair(cache)?;
        Some(crate::domain::comparison::report(
            b,
            c,
            settings,
            &self.key_metrics,
        ))
    }

    /// The metrics listed: all of [`Self::report`], or with `diff_only` those whose values
    /// differ. Gates and summaries are judged on the whole report, never on this.
    pub fn shown_report(
        &self,
        cache: &super::Cache,
        settings: &ReviewSettings,
    ) -> Option<DiffReport> {
        let mut r = self.report(cache, settings)?;
        if self.diff_only {
            // Bitwise, so a NaN on both sides (a diverged run) still counts as differing.
            let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => a.to_bits() == b.to_bits() && !a.is_nan(),
                (None, None) => true,
                _ => false,
            };
            r.metrics.retain(|m| !same(m.baseline, m.candidate));
        }
        Some(r)
    }

    pub fn params(&self, cache: &super::Cache) -> Option<Vec<ParamRow>> {
        let (b, c) = self.pair(cache)?;
        Some(param_rows(
            &b.params,
            &c.params,
            self.diff_only || !self.show_all_params,
        ))
    }

    /// The metric under the cursor.
    pub fn selected_metric(
        &self,
        cache: &super::Cache,
        settings: &ReviewSettings,
    ) -> Option<String> {
        let report = self.shown_report(cache, settings)?;
        report
            .metrics
            .get(self.metric_cursor.selected)
            .map(|m| m.name.clone())
    }
}

impl App {
    pub(super) fn open_compare(&mut self, tab: Tab, screen: CompareScreen) -> Vec<Effect> {
        let mut fx = Vec::new();
        for id in screen.run_ids() {
            self.cache.want_run(&id, &mut fx);
        }
        self.show(|v| match tab {
            Tab::Runs => v.runs = RunsView::Compare(screen),
            Tab::Models => v.models = ModelsView::Compare(screen),
            Tab::Alerts | Tab::Prs => {}
        });
        fx.extend(self.ensure_histories(tab));
        fx
    }

    /// The runs the chart of `tab` draws (baseline, then candidate) and its metric.
    fn charted(&self, tab: Tab) -> Option<(Vec<RunId>, String)> {
        let screen = self.compare_of(tab)?;
        let metric = screen.selected_metric(&self.cache, &self.settings)?;
        let mut ids = vec![screen.baseline.run.clone()];
        if let Some(c) = screen.candidate() {
            ids.push(c.run.clone());
        }
        ids.retain(|id| !id.as_str().is_empty());
        Some((ids, metric))
    }

    /// Requests the chart's histories for the selected metric, both runs in one request, if
    /// they are not here at the chart's resolution.
    pub(super) fn ensure_histories(&mut self, tab: Tab) -> Vec<Effect> {
        let mut fx = Vec::new();
        if let Some((ids, metric)) = self.charted(tab) {
            let asked = (self.ticket(), chart_points(self.width));
            self.cache.want_histories(&ids, &metric, asked, &mut fx);
        }
        fx
    }

    /// The terminal is `width` wide now: the charts of both tabs ask again for histories
    /// sampled for a narrower one (drawn coarser until the answer comes).
    pub(super) fn on_resize(&mut self, width: u16) -> Vec<Effect> {
        self.width = width;
        let mut fx = self.ensure_histories(Tab::Runs);
        fx.extend(self.ensure_histories(Tab::Models));
        fx
    }

    /// A sampled answer for the chart, unless a newer request for the same history was made
    /// since: a run asked for and absent from it has no point of the metric. A failure keeps
    /// what is drawn (a coarser history asked again for a wider chart) and says so.
    pub(super) fn on_histories(
        &mut self,
        ticket: super::Ticket,
        runs: Vec<RunId>,
        metric: &str,
        result: Result<SampledHistories, BackendError>,
    ) {
        let current = |app: &Self, run: &RunId| {
            app.cache
                .history_ticket(run, metric)
                .is_none_or(|t| t == ticket)
        };
        let runs: Vec<RunId> = runs.into_iter().filter(|r| current(self, r)).collect();
        if runs.is_empty() {
            // An answer to a request made before a newer one: nothing of it is kept.
            return;
        }
        match result {
            Ok(mut found) => {
                let mut points = 0;
                for run in runs {
                    let history = found.remove(&run).unwrap_or_default();
                    points += history.len();
                    self.cache
                        .histories
                        .insert((run, metric.to_owned()), Loadable::Loaded(history));
                }
                // What `benches/scale.sh` waits for after enter on a run.
                tracing::info!(metric, points, "chart histories loaded");
            }
            Err(e) => {
                let mut kept = false;
                for run in runs {
                    let key = (run, metric.to_owned());
                    if matches!(self.cache.histories.get(&key), Some(Loadable::Loaded(_))) {
                        kept = true;
                    } else {
                        self.cache
                            .histories
                            .insert(key, Loadable::Failed(e.to_string()));
                    }
                }
                if kept {
                    self.report("Loading the chart for the new width failed", &e, false);
                }
            }
        }
    }

    pub(super) fn compare_action(&mut self, tab: Tab, action: Action) -> Vec<Effect> {
        let metrics = self
            .compare_of(tab)
            .and_then(|s| s.shown_report(&self.cache, &self.settings))
            .map_or(0, |r| r.metrics.len());
        let Some(screen) = self.screen.compare_mut(tab) else {
            return Vec::new();
        };
        let page = screen.metric_cursor.page();
        match action {
            Action::Back => {
                self.show(|v| match tab {
                    Tab::Runs => v.runs = RunsView::List,
                    Tab::Models => v.models = ModelsView::List,
                    Tab::Alerts | Tab::Prs => {}
                });
                return Vec::new();
            }
            Action::Down => screen.metric_cursor.step(1, metrics),
            Action::Up => screen.metric_cursor.step(-1, metrics),
            Action::PageDown => screen.metric_cursor.step(page, metrics),
            Action::PageUp => screen.metric_cursor.step(-page, metrics),
            Action::Top => screen.metric_cursor.selected = 0,
            Action::Bottom => screen.metric_cursor.step(isize::MAX, metrics),
            Action::ToggleParams => {
                screen.show_all_params = !screen.show_all_params;
                screen.diff_only = false;
                screen.detail_scroll = 0;
            }
            Action::ToggleDiffOnly => {
                screen.diff_only = !screen.diff_only;
                screen.metric_cursor.selected = 0;
                screen.detail_scroll = 0;
            }
            Action::NextCandidate | Action::PrevCandidate if screen.candidates.len() > 1 => {
                let n = screen.candidates.len();
                screen.current = if action == Action::NextCandidate {
                    (screen.current + 1) % n
                } else {
                    (screen.current + n - 1) % n
                };
                screen.detail_scroll = 0;
            }
            Action::ScrollDown => screen.detail_scroll = screen.detail_scroll.saturating_add(3),
            Action::ScrollUp => screen.detail_scroll = screen.detail_scroll.saturating_sub(3),
            _ => return Vec::new(),
        }
        self.ensure_histories(tab)
    }
}

/// Points a run the chart's histories are sampled to, for a terminal `width` columns wide
/// (0: not known yet): the chart takes about three fifths of the width and draws two braille
/// dots a column, so two points a terminal column give every dot a point of its own. Rounded
/// up to hundreds, so that small resizes ask nothing again, and kept within what MLflow's
/// `get-history-bulk-interval` samples to (2,500 a run).
pub fn chart_points(width: u16) -> u32 {
    if width == 0 {
        return 1_000;
    }
    (u32::from(width) * 2)
        .div_ceil(100)
        .saturating_mul(100)
        .clamp(200, 2_500)
}

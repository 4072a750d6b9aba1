//! Application state and the pure `update(msg) -> effects`.
//!
//! Nothing here performs I/O or touches a terminal: `update` changes state and returns
//! [`Effect`]s, which the runtime executes and answers with more [`Msg`]s. Every transition is
//! therefore testable with plain values.

mod action;
pub mod alerts;
pub mod answer;
pub mod change;
pub mod compare;
pub mod cursor;
#[cfg(test)]
pub mod fixtures;
pub mod history;
pub mod input;
pub mod keymap;
pub mod list_filter;
pub mod loadable;
pub mod memory;
pub mod models;
pub mod mouse;
pub mod msg;
pub mod notify;
pub mod palette;
pub mod popup;
pub mod pr_detail;
pub mod prs;
pub mod requests;
pub mod runs;
pub mod view;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

pub use self::action::Action;
use self::keymap::{Keymap, Resolution};
use self::loadable::Loadable;
use self::models::ModelsScreen;
pub use self::msg::{CachedRuns, Effect, LoopEffect, Msg, StoreOpened, Task, Ticket};
use self::notify::{Level, Toasts};
use self::popup::Popup;
use self::runs::RunsScreen;
use self::view::{Screen, Top};
use crate::config::keymap::{KeySpec, Layer};
use crate::config::{Config, PromotionConfig};
use crate::domain::{MetricPoint, ReviewSettings, Run, RunId};
use crate::store::BackendError;

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Runs,
    Models,
    Alerts,
    Prs,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Runs, Tab::Models, Tab::Alerts, Tab::Prs];

    pub fn title(self) -> &'static str {
        match self {
            Self::Runs => "Runs",
            Self::Models => "Models",
            Self::Alerts => "Alerts",
            Self::Prs => "Changes",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Settings the screens need, from the config and the command line.
#[derive(Debug, Clone)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the config and command line, not states of one thing"
)]
pub struct Options {
    pub page_size: u32,
    pub sparkline_points: u32,
    pub refresh_secs: u64,
    /// Experiments to open at start, by name.
    pub start_experiments: Vec<String>,
    pub read_only: bool,
    /// Whether alert rules and monitoring experiments are configured.
    pub alerts_configured: bool,
    /// Whether `[policy]` has rules or freezes: the approve dialog then shows its checklist
    /// (so does a model whose freeze switch is set).
    pub policy: bool,
    /// An override of a freeze needs a second person (`[policy.freeze]
    /// override_needs_second`), whom the dialog has no field for.
    pub override_needs_second: bool,
    /// Seconds between alert evaluations (0: at start and on refresh only).
    pub alerts_refresh_secs: u64,
    /// The code host's repository (`OWNER/NAME`; GitLab: `GROUP/NAME` or an id) when one is
    /// configured, for the Changes tab.
    pub github_repo: Option<String>,
    /// The code host is GitLab: the Changes tab says merge requests and `!12`.
    pub merge_requests: bool,
    /// Seconds between refreshes of the PRs tab (0: at start and on refresh only).
    pub prs_refresh_secs: u64,
    /// Why GitHub is off although a repository is named (the demo), for the PRs tab.
    pub github_note: Option<String>,
    /// The config profile in use (`--profile`), shown in the header.
    pub profile: Option<String>,
    /// Whether the last listing is kept in the local cache (`[ui] cache`, off with
    /// `--no-cache`).
    pub cache: bool,
}

impl Options {
    /// How the code host names a change request and its number: `pull request` and `#`
    /// on GitHub, `merge request` and `!` on GitLab.
    pub fn change_request(&self) -> (&'static str, char) {
        let v = self.vocab();
        (v.noun(), v.sigil())
    }

    /// The code host's words for its change requests.
    pub fn vocab(&self) -> crate::domain::pull_request::Vocabulary {
        use crate::domain::pull_request::Vocabulary;
        if self.merge_requests {
            Vocabulary::MergeRequest
        } else {
            Vocabulary::PullRequest
        }
    }

    fn from_config(config: &Config) -> Self {
        Self {
            page_size: config.runs.page_size,
            sparkline_points: config.runs.sparkline_points,
            refresh_secs: config.ui.refresh_secs,
            start_experiments: config.runs.experiments.clone(),
            read_only: config.read_only,
            alerts_configured: !config.alerts.is_empty()
                && !config.monitoring.experiments.is_empty(),
            alerts_refresh_secs: config.monitoring.refresh_secs,
            policy: !config.policy.rules.is_empty()
                || config.policy.freeze.on_critical_alert
                || !config.policy.freeze.windows.is_empty(),
            override_needs_second: config.policy.freeze.override_needs_second,
            github_repo: [&config.github.repo, &config.gitlab.project]
                .into_iter()
                .map(|r| r.trim().to_owned())
                .find(|r| !r.is_empty()),
            merge_requests: config.github.repo.trim().is_empty()
                && !config.gitlab.project.trim().is_empty(),
            prs_refresh_secs: config.ui.changes_refresh_secs,
            github_note: None,
            profile: config.profile.clone(),
            cache: config.ui.cache,
        }
    }
}

/// Runs and histories fetched by id, shared by the screens.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    pub runs: HashMap<RunId, Loadable<Run>>,
    /// Sampled histories of one metric of one run, for the comparison chart.
    pub histories: HashMap<(RunId, String), Loadable<Vec<MetricPoint>>>,
    /// The newest request for each history: its ticket (an answer to an older one is
    /// dropped) and the points a run it asked for (a wider chart asks again).
    history_asked: HashMap<(RunId, String), (Ticket, u32)>,
}

impl Cache {
    pub fn run(&self, id: &RunId) -> Option<&Run> {
        self.runs.get(id).and_then(Loadable::loaded)
    }

    /// Asks for a run unless it is here or on its way.
    pub fn want_run(&mut self, id: &RunId, effects: &mut Vec<Effect>) {
        if matches!(self.runs.get(id), None | Some(Loadable::Failed(_))) {
            self.runs.insert(id.clone(), Loadable::Loading);
            effects.push(Effect::Task(Task::LoadRun { id: id.clone() }));
        }
    }

    /// Asks, in one request under `ticket`, for the histories of `runs` that are neither here
    /// nor on their way at `points` a run or more. A history drawn coarser stays drawn until
    /// the finer one comes.
    pub fn want_histories(
        &mut self,
        runs: &[RunId],
        metric: &str,
        (ticket, points): (Ticket, u32),
        effects: &mut Vec<Effect>,
    ) {
        let mut wanted = Vec::new();
        for run in runs {
            let key = (run.clone(), metric.to_owned());
            let fine = self.history_asked.get(&key).is_some_and(|a| a.1 >= points);
            let here = match self.histories.get(&key) {
                None | Some(Loadable::Failed(_) | Loadable::Idle) => false,
                Some(Loadable::Loading | Loadable::Loaded(_)) => fine,
            };
            if here || wanted.contains(run) {
                continue;
            }
            if !matches!(self.histories.get(&key), Some(Loadable::Loaded(_))) {
                self.histories.insert(key.clone(), Loadable::Loading);
            }
            self.history_asked.insert(key, (ticket, points));
            wanted.push(run.clone());
        }
        if !wanted.is_empty() {
            effects.push(Effect::Task(Task::LoadHistories {
                ticket,
                runs: wanted,
                metric: metric.to_owned(),
                points,
            }));
        }
    }

    /// The ticket of the newest request for a history, if it was asked for.
    pub fn history_ticket(&self, run: &RunId, metric: &str) -> Option<Ticket> {
        self.history_asked
            .get(&(run.clone(), metric.to_owned()))
            .map(|a| a.0)
    }

    /// Forgets the histories of `runs`, so that the next chart asks for them again.
    pub fn forget_histories(&mut self, runs: &[RunId]) {
        self.histories.retain(|(run, _), _| !runs.contains(run));
        self.history_asked.retain(|(run, _), _| !runs.contains(run));
    }
}

/// The whole state of the program.
#[derive(Debug)]
pub struct App {
    pub settings: ReviewSettings,
    pub options: Options,
    /// How changes are confirmed, per alias.
    pub promotion: PromotionConfig,
    /// Who approvals are recorded as.
    pub identity: String,
    /// Whether `identity` is the config's `user` (else the runtime finds it, after the first
    /// rows).
    identity_configured: bool,
    /// Set by [`App::start`] until the first rows arrive (or cannot): what the first rows do
    /// not need waits for them, see [`App::after_first_rows`].
    first_rows_pending: bool,
    pub keymap: Keymap,
    /// `MLflow at http://...`, shown in the header.
    pub backend_label: String,
    pub tab: Tab,
    pub runs: RunsScreen,
    pub models: ModelsScreen,
    pub alerts: alerts::AlertsScreen,
    pub prs: prs::PrsScreen,
    /// What is on screen: the start screen, or each tab's view and the dialog on top.
    pub screen: Screen,
    pub toasts: Toasts,
    pub cache: Cache,
    /// The clock, set by the runtime (fixed in tests) so that ages render deterministically.
    pub now: DateTime<Utc>,
    /// The terminal's width in columns, from the runtime (0 until it says): what the chart's
    /// histories are sampled to.
    pub width: u16,
    pub pending_keys: Vec<KeySpec>,
    pub should_quit: bool,
    /// Why the store is read-only, when the store (not the user) decided it.
    pub read_only_reason: Option<String>,
    /// What the Runs tab remembers between sessions (filters, scrolled columns).
    pub memory: memory::Memory,
    tickets: msg::Tickets,
    last_refresh: DateTime<Utc>,
}

impl App {
    pub fn new(
        config: &Config,
        backend_label: String,
        now: DateTime<Utc>,
    ) -> Result<Self, crate::config::Invalid> {
        let mut app = Self {
            settings: ReviewSettings::default(),
            options: Options::from_config(config),
            promotion: config.promotion.clone(),
            identity: "unknown".to_owned(),
            identity_configured: false,
            first_rows_pending: false,
            keymap: Keymap::default(),
            backend_label,
            tab: Tab::Runs,
            runs: RunsScreen::default(),
            models: ModelsScreen::default(),
            alerts: alerts::AlertsScreen::default(),
            prs: prs::PrsScreen::default(),
            screen: Screen::default(),
            toasts: Toasts::default(),
            cache: Cache::default(),
            now,
            width: 0,
            pending_keys: Vec::new(),
            should_quit: false,
            memory: memory::Memory::default(),
            read_only_reason: None,
            tickets: msg::Tickets::default(),
            last_refresh: now,
        };
        app.reconfigure(config)?;
        Ok(app)
    }

    /// Takes the settings, keys and options of `config` (at start, and when the demo is opened
    /// from the start screen, which brings its own rules).
    pub fn reconfigure(&mut self, config: &Config) -> Result<(), crate::config::Invalid> {
        let mut keymap = Keymap::from_config(&config.keymap)
            .map_err(|(k, e)| crate::config::Invalid::new(format!("keymap.{k}"), e))?;
        if config.read_only || self.read_only_reason.is_some() {
            keymap.remove_actions(Action::MUTATING);
        }
        self.keymap = keymap;
        self.settings = config.review()?;
        self.options = Options::from_config(config);
        self.options.read_only |= self.read_only_reason.is_some();
        self.promotion = config.promotion.clone();
        if !config.user.trim().is_empty() {
            config.user.trim().clone_into(&mut self.identity);
            self.identity_configured = true;
        }
        Ok(())
    }

    /// The first effects: the experiment list and, when the experiments shown last time are
    /// remembered, their first page at the same time, so the first rows are one round trip
    /// away. Everything else (baselines, models, alerts, PRs, who the user is) waits for the
    /// first rows: on a server with few workers it would queue in front of them.
    pub fn start(&mut self) -> Vec<Effect> {
        self.first_rows_pending = true;
        let remembered = std::mem::take(&mut self.runs.remembered);
        if self.options.start_experiments.is_empty() && !remembered.is_empty() {
            self.runs.selected_experiments.clone_from(&remembered);
            self.runs.remembered = remembered;
            let mut fx = self.load_experiments_with(false);
            fx.extend(self.reload_runs());
            return fx;
        }
        self.runs.remembered = remembered;
        // Experiments named in the config need only the list (which one holds the newest run
        // is asked for only when none of them is there).
        let newest = self.options.start_experiments.is_empty();
        self.load_experiments_with(newest)
    }

    /// What the first screen needs besides its first rows; asked once, when they arrive or
    /// cannot (see [`App::start`]).
    fn after_first_rows(&mut self) -> Vec<Effect> {
        if !std::mem::take(&mut self.first_rows_pending) {
            return Vec::new();
        }
        let mut fx = Vec::new();
        if !self.identity_configured {
            fx.push(Effect::Task(Task::LoadIdentity));
        }
        fx.extend(self.load_baselines());
        fx.extend(self.load_models());
        fx.extend(self.load_alerts());
        fx.extend(self.load_prs());
        fx
    }

    fn ticket(&mut self) -> Ticket {
        self.tickets.issue()
    }

    /// Where keys go now, most specific layer first.
    pub fn route(&self) -> Vec<Layer> {
        if self.screen.is_start() {
            return vec![Layer::Start];
        }
        match self.screen.popup() {
            Some(Popup::Help(_)) => vec![Layer::Help, Layer::Navigation],
            Some(Popup::Change(_) | Popup::Answer(_)) => vec![Layer::Dialog],
            Some(Popup::Filter(_) | Popup::Request(_)) => vec![Layer::Input],
            Some(Popup::Experiments(_) | Popup::Sort(_) | Popup::Palette(_)) => {
                vec![Layer::Menu, Layer::Navigation]
            }
            None => {
                let screen = self.screen_layer();
                vec![screen, Layer::Navigation, Layer::Global]
            }
        }
    }

    /// The layer of the screen under any popup.
    pub fn screen_layer(&self) -> Layer {
        match self.top() {
            Top::Start(_) => Layer::Start,
            Top::Runs => Layer::Runs,
            Top::Models => Layer::Models,
            Top::Alerts => Layer::Alerts,
            Top::AlertChart => Layer::AlertChart,
            Top::Prs => Layer::Prs,
            Top::PrDetail(_) => Layer::PrDetail,
            Top::Compare(..) => Layer::Compare,
            Top::History(_) => Layer::History,
            Top::Requests(_) => Layer::Requests,
        }
    }

    /// Whether something moves on screen (a spinner, a toast to expire, auto-refresh), so the
    /// runtime knows to tick.
    pub fn wants_ticks(&self) -> bool {
        self.is_busy()
            || !self.toasts.is_empty()
            || !self.runs.list.fresh.is_empty()
            || self.options.refresh_secs > 0
            || (self.options.alerts_configured && self.options.alerts_refresh_secs > 0)
            || (self.options.github_repo.is_some() && self.options.prs_refresh_secs > 0)
    }

    /// Whether an action is worth a hint in the footer: it does something here
    /// ([`App::available`]), and `c` only once two runs are marked.
    pub fn applies(&self, action: Action) -> bool {
        self.available(action)
            && match action {
                Action::Compare => self.runs.marked.len() >= 2,
                _ => true,
            }
    }

    /// Whether an action does anything where the user is. One table for `update` (which
    /// refuses what is not available), the footer and the help (which lists only these).
    pub fn available(&self, action: Action) -> bool {
        self.available_under(action, self.screen.popup())
    }

    /// Whether an action does anything on the screen under any dialog: what the help lists
    /// (it is itself a dialog, and must describe the screen it covers).
    pub fn available_on_screen(&self, action: Action) -> bool {
        self.available_under(action, None)
    }

    fn available_under(&self, action: Action, popup: Option<&Popup>) -> bool {
        match action {
            Action::NextCandidate | Action::PrevCandidate => {
                matches!(self.top(), Top::Compare(_, c) if c.candidates.len() > 1)
            }
            Action::Approve => matches!(
                self.top(),
                Top::Models | Top::Compare(Tab::Models, _) | Top::Requests(_)
            ),
            // Esc clears a list's filter where it does nothing else.
            Action::Clear => match self.top() {
                Top::Models => !self.models.filter.is_empty(),
                Top::Prs => !self.prs.filter.is_empty(),
                Top::Alerts => !self.alerts.filter.is_empty(),
                _ => true,
            },
            Action::Request => matches!(self.top(), Top::Models),
            // The request form's field has no earlier text to recall.
            Action::Up | Action::Down if matches!(self.screen.popup(), Some(Popup::Request(_))) => {
                false
            }
            Action::Withdraw if self.screen.popup().is_none() => {
                matches!(self.top(), Top::Requests(_))
            }
            // In the Requests view, only the question after `a` or `w` has a yes.
            Action::Confirm if self.screen.popup().is_none() => {
                matches!(self.top(), Top::Requests(r) if r.confirm.is_some())
            }
            // The menus' tab marks experiments; the palette has nothing to mark.
            Action::Mark => !matches!(popup, Some(Popup::Palette(_))),
            Action::Open if matches!(self.top(), Top::Prs) => self.prs.selected().is_some(),
            Action::Browse | Action::Copy => match self.top() {
                Top::PrDetail(_) => self.pr_detail().is_some_and(|(_, pr)| pr.is_some()),
                _ => self.tab == Tab::Prs && self.prs.selected().is_some(),
            },
            Action::Acknowledge | Action::Silence | Action::Unacknowledge => {
                !self.options.read_only
                    && matches!(self.top(), Top::Alerts | Top::AlertChart)
                    && self.alerts.selected().is_some_and(|a| {
                        action != Action::Unacknowledge || a.answered(self.now).is_some()
                    })
            }
            Action::ToggleVia | Action::Override | Action::NextField | Action::PrevField => {
                match popup {
                    Some(Popup::Change(d)) => {
                        d.phase == change::Phase::Editing && d.applies(action, self)
                    }
                    Some(Popup::Answer(d)) => {
                        d.phase == change::Phase::Editing
                            && d.has_fields()
                            && matches!(action, Action::NextField | Action::PrevField)
                    }
                    Some(_) => true,
                    None => !matches!(action, Action::ToggleVia | Action::Override),
                }
            }
            _ => true,
        }
    }

    /// What an action does here, for the help: `desc` from the keymap, except where the same
    /// key means more (in a comparison, moving the selection changes the charted metric).
    pub fn describe(&self, action: Action, desc: &str) -> String {
        let charted = match action {
            Action::Down => "Next charted metric",
            Action::Up => "Previous charted metric",
            Action::Top => "First charted metric",
            Action::Bottom => "Last charted metric",
            Action::PageDown => "Charted metric, a page down",
            Action::PageUp => "Charted metric, a page up",
            _ => return desc.to_owned(),
        };
        match self.top() {
            Top::Compare(..) => charted.to_owned(),
            _ => desc.to_owned(),
        }
    }

    /// Records why the store cannot be written (or `None`); read-only removes every action
    /// that changes anything.
    pub fn set_read_only_reason(&mut self, reason: Option<String>) {
        if reason.is_some() {
            self.options.read_only = true;
            self.keymap.remove_actions(Action::MUTATING);
        }
        self.read_only_reason = reason;
    }

    /// Whether any fetch is in flight.
    pub fn is_busy(&self) -> bool {
        self.runs.is_busy()
            || self.models.models.is_loading()
            || self.alerts.report.is_loading()
            || self.prs.prs.is_loading()
            || self.cache.runs.values().any(Loadable::is_loading)
            || self.cache.histories.values().any(Loadable::is_loading)
    }

    /// [`update`](Self::update) at a time: the app's clock (`now`, for toasts, ages and
    /// refresh intervals) moves only through here, so the runtime never writes a field.
    pub fn update_at(&mut self, now: DateTime<Utc>, msg: Msg) -> Vec<Effect> {
        self.now = now;
        self.update(msg)
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(&key),
            Msg::Mouse(m) => self.on_mouse(&m),
            Msg::Resize { width, .. } => self.on_resize(width),
            Msg::Tick => self.on_tick(),
            Msg::Action(action) => self.on_action(action),
            Msg::ExperimentsLoaded { ticket, result } => self.on_experiments(ticket, result),
            Msg::RunsLoaded { ticket, result } => self.on_runs_page(ticket, result),
            Msg::RunsListed { ticket, runs } => self.on_runs_listed(ticket, runs),
            Msg::RunsListingDone { ticket, result } => self.on_runs_listing_done(ticket, result),
            Msg::RunChangesLoaded { ticket, result } => self.on_run_changes(ticket, result),
            Msg::BaselinesLoaded { ticket, result } => self.on_baselines(ticket, result),
            Msg::SparklinesLoaded {
                ticket,
                metric,
                result,
            } => self.on_sparklines(ticket, &metric, result),
            Msg::ModelsLoaded { ticket, result } => self.on_models(ticket, result),
            Msg::RunLoaded { id, result } => self.on_run(id, result),
            Msg::ChangeApplied { result } => self.on_change_applied(result),
            Msg::PolicyChecked { plan, result } => {
                self.on_request_checked(&plan, &result);
                self.on_policy_checked(&plan, result)
            }
            Msg::RequestApproved { key, result } => self.on_request_approved(&key, result),
            Msg::RequestWithdrawn { key, result } => self.on_request_withdrawn(&key, result),
            Msg::RequestMade { key, result } => self.on_request_made(&key, result),
            Msg::OutsideMoves { ticket, result } => self.on_outside_moves(ticket, result),
            Msg::RollbackPlanned { result } => self.on_rollback_planned(result),
            Msg::AuditLoaded { model, result } => self.on_audit(&model, result),
            Msg::AlertsLoaded { ticket, result } => self.on_alerts(ticket, result),
            Msg::AlertAnswered {
                ack,
                taken_back,
                result,
            } => self.on_alert_answered(&ack, taken_back, result),
            Msg::PrsLoaded { ticket, result } => self.on_prs(ticket, result),
            Msg::PrOpened { result } => self.on_pr_opened(result),
            Msg::Notify { level, text } => {
                self.toasts.push(level, text, self.now);
                Vec::new()
            }
            Msg::Identity(who) => {
                self.identity = who;
                Vec::new()
            }
            Msg::Remembered(memory) => {
                self.memory = memory;
                self.restore_column_offset();
                Vec::new()
            }
            Msg::RepoLinked(repo) => {
                self.options.github_repo = repo;
                Vec::new()
            }
            Msg::MergeRequests(gitlab) => {
                self.options.merge_requests = gitlab;
                Vec::new()
            }
            Msg::NoStore { reason } => {
                self.screen = Screen::Start { reason };
                Vec::new()
            }
            Msg::StoreOpened(opened) => self.on_store_opened(*opened),
            Msg::CachedRuns(cached) => {
                self.paint_cached(cached);
                Vec::new()
            }
            Msg::BackendFailed(e) => {
                self.toasts.push(Level::Error, e, self.now);
                Vec::new()
            }
            Msg::HistoriesLoaded {
                ticket,
                runs,
                metric,
                result,
            } => {
                self.on_histories(ticket, runs, &metric, result);
                Vec::new()
            }
        }
    }

    /// A store is open: take what it brings, leave the start screen, and fetch what the first
    /// screen needs.
    fn on_store_opened(&mut self, opened: StoreOpened) -> Vec<Effect> {
        if let Some(config) = &opened.config {
            // The repository stays the one the runtime linked, whatever the config names.
            let repo = self.options.github_repo.clone();
            if let Err(e) = self.reconfigure(config) {
                let what = if opened.demo { "the demo" } else { "the store" };
                self.toasts.push(
                    Level::Error,
                    format!("Could not open {what}: {e}"),
                    self.now,
                );
                return Vec::new();
            }
            self.options.github_repo = repo;
        }
        if opened.demo {
            self.github_off_for_demo();
        }
        self.set_read_only_reason(opened.read_only_reason);
        self.backend_label = opened.label;
        self.runs.remembered = opened.remembered;
        if self.screen.is_start() {
            self.screen = Screen::default();
        }
        self.start()
    }

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if let Some(fx) = self.popup_typing(key) {
            self.pending_keys.clear();
            return fx;
        }
        let spec = KeySpec::from_event(key);
        let route = self.route();
        match self.keymap.resolve(&route, &self.pending_keys, spec) {
            Resolution::Action(a) => {
                self.pending_keys.clear();
                self.on_action(a)
            }
            Resolution::Pending => {
                self.pending_keys.push(spec);
                Vec::new()
            }
            Resolution::Unbound => {
                self.pending_keys.clear();
                Vec::new()
            }
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        self.toasts.expire(self.now);
        self.expire_fresh();
        if self.alerts_due() {
            return self.load_alerts();
        }
        if self.prs_due() {
            return self.load_prs();
        }
        let every = self.options.refresh_secs;
        // The PRs tab keeps to ui.changes_refresh_secs: GitHub's hourly quota is shared with the
        // user's other tools.
        if every > 0
            && self.tab != Tab::Prs
            && self.screen.popup().is_none()
            && !self.is_busy()
            && (self.now - self.last_refresh).num_seconds() >= every as i64
        {
            return self.refresh();
        }
        Vec::new()
    }

    fn on_action(&mut self, action: Action) -> Vec<Effect> {
        if self.screen.is_start() {
            return match action {
                Action::Demo => vec![Effect::Loop(LoopEffect::OpenDemo)],
                Action::Quit => {
                    self.should_quit = true;
                    vec![Effect::Loop(LoopEffect::Quit)]
                }
                _ => Vec::new(),
            };
        }
        if self.screen.popup().is_some() {
            return self.popup_action(action);
        }
        match action {
            Action::Quit => {
                self.should_quit = true;
                vec![Effect::Loop(LoopEffect::Quit)]
            }
            Action::Help => {
                self.screen
                    .open_popup(Popup::Help(popup::HelpPopup::default()));
                Vec::new()
            }
            Action::Palette => self.open_palette(),
            Action::NextTab => self.goto_tab((self.tab.index() + 1) % Tab::ALL.len()),
            Action::PrevTab => {
                self.goto_tab((self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len())
            }
            Action::Tab1 => self.goto_tab(0),
            Action::Tab2 => self.goto_tab(1),
            Action::Tab3 => self.goto_tab(2),
            Action::Tab4 => self.goto_tab(3),
            Action::Demo => Vec::new(),
            Action::Refresh => self.refresh(),
            Action::Approve if matches!(self.top(), Top::Requests(_)) => {
                self.requests_action(action)
            }
            Action::Approve if self.available(Action::Approve) => self.approve(),
            Action::Approve => {
                self.toasts.push(
                    notify::Level::Info,
                    "Approve a registered version from the Models tab (2)",
                    self.now,
                );
                Vec::new()
            }
            Action::SetBaseline if matches!(self.top(), Top::Runs) => self.set_baseline(),
            other => match self.top() {
                Top::Start(_) => Vec::new(),
                Top::Compare(tab, _) => self.compare_action(tab, other),
                Top::History(_) => self.history_action(other),
                Top::Requests(_) => self.requests_action(other),
                Top::Runs => self.runs_action(other),
                Top::Models => self.models_action(other),
                Top::Alerts | Top::AlertChart => self.alerts_action(other),
                Top::Prs => self.prs_action(other),
                Top::PrDetail(_) => self.pr_detail_action(other),
            },
        }
    }

    fn goto_tab(&mut self, index: usize) -> Vec<Effect> {
        if let Some(tab) = Tab::ALL.get(index) {
            self.tab = *tab;
        }
        // Nothing asked GitHub yet (a repository named after the start): ask now.
        if self.tab == Tab::Prs && matches!(*self.prs.prs, Loadable::Idle) {
            return self.load_prs();
        }
        Vec::new()
    }

    /// Fetches what the current view shows again; data already shown stays until the new
    /// answer replaces it, so a failed refresh loses nothing.
    pub fn refresh(&mut self) -> Vec<Effect> {
        self.last_refresh = self.now;
        let mut fx = Vec::new();
        let compare = self.compare_of(self.tab);
        if let Some(c) = compare {
            let ids = c.run_ids();
            for id in &ids {
                self.cache.runs.remove(id);
                self.cache.want_run(id, &mut fx);
            }
            self.cache.forget_histories(&ids);
            let tab = self.tab;
            fx.extend(self.ensure_histories(tab));
            return fx;
        }
        match self.tab {
            Tab::Runs => {
                if self.runs.experiments.loaded().is_none() {
                    fx.extend(self.load_experiments());
                }
                if !self.runs.selected_experiments.is_empty() {
                    fx.extend(self.refresh_runs());
                }
            }
            Tab::Models => {
                fx.extend(self.load_models());
            }
            Tab::Alerts => fx.extend(self.load_alerts()),
            Tab::Prs => fx.extend(self.load_prs()),
        }
        fx
    }

    fn on_run(&mut self, id: RunId, result: Result<Run, BackendError>) -> Vec<Effect> {
        match result {
            Ok(run) => {
                self.cache.runs.insert(id, Loadable::Loaded(run));
            }
            Err(e) => {
                self.cache
                    .runs
                    .insert(id.clone(), Loadable::Failed(e.to_string()));
            }
        }
        let mut fx = Vec::new();
        for tab in Tab::ALL {
            fx.extend(self.ensure_histories(tab));
        }
        fx
    }

    /// Logs a failure and, when the screen still shows older data (so the failure is not
    /// visible where it happened), raises a toast too.
    fn report(&mut self, what: &str, e: &BackendError, shown_inline: bool) {
        tracing::warn!(error = %e, "{what}");
        if shown_inline {
            return;
        }
        let hint = if e.is_transient() {
            self.keymap
                .keys_for(&[Layer::Global], Action::Refresh)
                .map(|k| format!(" (press {k} to retry)"))
                .unwrap_or_default()
        } else {
            String::new()
        };
        self.toasts
            .push(Level::Error, format!("{what}: {e}{hint}"), self.now);
    }

    /// The comparison `tab` shows, even while another tab is on screen.
    pub fn compare_of(&self, tab: Tab) -> Option<&compare::CompareScreen> {
        self.screen.compare(tab)
    }

    /// Sets what a tab shows (nothing changes on the start screen, which has no tabs).
    fn show(&mut self, view: impl FnOnce(&mut view::Views)) {
        if let Some(v) = self.screen.views_mut() {
            view(v);
        }
    }
}

#[cfg(test)]
mod tests;

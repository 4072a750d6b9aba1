//! The three enums of the loop: what happened (`Msg`), what to do (`Effect`), and which
//! request an answer belongs to (`Ticket`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::Action;
use super::notify::Level;
use super::requests::RequestKey;
use crate::config::Config;
use crate::domain::alert::{Ack, AlertReport};
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::policy::{Override, PolicyVerdict};
use crate::domain::promotion::{AliasPlan, AuditEntry, Change};
use crate::domain::pull_request::{PromotionPr, PullRequest};
use crate::domain::{Baseline, Experiment, ExperimentId, RegisteredModel, Run, RunId};
use crate::store::{BackendError, RunPage, RunQuery, SampledHistories};

/// Identifies one request. A screen keeps the ticket of its newest request and drops answers
/// carrying any other, so a slow old answer never overwrites a newer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Ticket(pub u64);

/// Hands out tickets, each newer one larger than the last.
#[derive(Debug, Default)]
pub struct Tickets(u64);

impl Tickets {
    pub fn issue(&mut self) -> Ticket {
        self.0 += 1;
        Ticket(self.0)
    }
}

/// Experiments and the one to open first.
pub type ExperimentsResult = Result<(Vec<Experiment>, Option<ExperimentId>), BackendError>;

/// Everything the app reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press (releases and repeats are filtered out before this).
    Key(KeyEvent),
    /// A click or a turn of the wheel, with where the last frame drew what it can land on
    /// (see `app/mouse.rs`).
    Mouse(super::mouse::Mouse),
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Time passed: animations, toast expiry and auto-refresh look at the clock.
    Tick,
    /// A user intent, resolved from the keymap (or sent by a test).
    Action(Action),
    /// Experiments arrived.
    ExperimentsLoaded {
        ticket: Ticket,
        result: ExperimentsResult,
    },
    /// A page of runs arrived.
    RunsLoaded {
        ticket: Ticket,
        result: Result<RunPage, BackendError>,
    },
    /// A batch of the whole listing (`G`) arrived, in the listing's order.
    RunsListed { ticket: Ticket, runs: Vec<Run> },
    /// The whole listing ended: every run is listed, or it failed part-way.
    RunsListingDone {
        ticket: Ticket,
        result: Result<(), BackendError>,
    },
    /// What changed in the run list since the last look arrived (see `Task::LoadRunChanges`).
    RunChangesLoaded {
        ticket: Ticket,
        result: Result<Vec<Run>, BackendError>,
    },
    /// Baselines of the shown experiments arrived.
    BaselinesLoaded {
        ticket: Ticket,
        result: Result<BTreeMap<ExperimentId, Baseline>, BackendError>,
    },
    /// Sampled histories for the sparkline column arrived.
    SparklinesLoaded {
        ticket: Ticket,
        metric: String,
        result: Result<SampledHistories, BackendError>,
    },
    /// Registered models arrived.
    ModelsLoaded {
        ticket: Ticket,
        result: Result<Vec<RegisteredModel>, BackendError>,
    },
    /// One run arrived (a version's source run, a comparison side).
    RunLoaded {
        id: RunId,
        result: Result<Run, BackendError>,
    },
    /// A change (promotion, rollback, baseline move) finished, or was refused.
    ChangeApplied {
        result: Result<Outcome, ChangeError>,
    },
    /// The policy's checklist for a move in the approve dialog (`None`: nothing governs it).
    PolicyChecked {
        plan: AliasPlan,
        result: Result<Option<PolicyVerdict>, ChangeError>,
    },
    /// The aliases moved outside clearance, per model, for the models loaded under `ticket`.
    OutsideMoves {
        ticket: Ticket,
        result: Result<BTreeMap<String, Vec<String>>, ChangeError>,
    },
    /// A rollback was planned from the model's history (or could not be).
    RollbackPlanned {
        result: Result<AliasPlan, ChangeError>,
    },
    /// An approval of a promotion request was recorded (with the checklist as the approver
    /// would move it now), or refused.
    RequestApproved {
        key: RequestKey,
        result: Result<PolicyVerdict, ChangeError>,
    },
    /// A promotion request was recorded (with the checklist as the requester would move it),
    /// or refused.
    RequestMade {
        key: RequestKey,
        result: Result<PolicyVerdict, ChangeError>,
    },
    /// A promotion request was withdrawn (with warnings about the local log), or not.
    RequestWithdrawn {
        key: RequestKey,
        result: Result<Vec<String>, ChangeError>,
    },
    /// A model's history (version tags and the local log) arrived.
    AuditLoaded {
        model: String,
        result: Result<Vec<AuditEntry>, ChangeError>,
    },
    /// The alert rules were evaluated over the monitoring series.
    AlertsLoaded {
        ticket: Ticket,
        result: Result<AlertReport, BackendError>,
    },
    /// An alert's acknowledgement or silence was recorded (`Ok`: where it is kept), or taken
    /// back (`taken_back`), or could not be.
    AlertAnswered {
        ack: Ack,
        taken_back: bool,
        result: Result<String, ChangeError>,
    },
    /// Open pull requests arrived (or GitHub could not be asked).
    PrsLoaded {
        ticket: Ticket,
        result: Result<Vec<PullRequest>, String>,
    },
    /// A promotion pull request was opened or updated (or refused, or failed part-way).
    PrOpened {
        result: Result<PromotionPr, ChangeError>,
    },
    /// Something the runtime did needs saying (a browser that would not open, a copy).
    Notify { level: Level, text: String },
    /// Who approvals are recorded as (the config's `user`, else git's), found by the runtime.
    Identity(String),
    /// What the Runs tab remembered from an earlier session, read by the runtime at start.
    Remembered(super::memory::Memory),
    /// The code host repository the runtime linked (`None`: none is named anywhere), for the
    /// PRs tab and promotion pull requests.
    RepoLinked(Option<String>),
    /// Whether the linked code host is GitLab (merge requests, `!12`) rather than GitHub.
    MergeRequests(bool),
    /// No tracking store is configured: the start screen shows instead of the tabs.
    NoStore { reason: String },
    /// A tracking store is open: at start, or the demo chosen on the start screen.
    StoreOpened(Box<StoreOpened>),
    /// The store's last listing, from the local cache, read by the runtime once the first
    /// requests are on their way (only when [`App::wants_cached_rows`](super::App)): painted
    /// at once, marked stale, until the first page replaces it.
    CachedRuns(CachedRuns),
    /// Opening the backend chosen on the start screen failed.
    BackendFailed(String),
    /// The comparison chart's histories arrived, sampled: `runs` are those asked for (a run
    /// absent from the answer has no point of `metric`).
    HistoriesLoaded {
        ticket: Ticket,
        runs: Vec<RunId>,
        metric: String,
        result: Result<SampledHistories, BackendError>,
    },
}

/// What the runtime knows about a store it opened.
#[derive(Debug, Clone)]
pub struct StoreOpened {
    /// `MLflow at http://...`, for the header.
    pub label: String,
    /// Why the store cannot be written, when the store (not the user) decided it.
    pub read_only_reason: Option<String>,
    /// The bundled demo, which never talks to the code host.
    pub demo: bool,
    /// The config the store brings when it is not the one the app was made with (the demo
    /// opened from the start screen brings its own rules).
    pub config: Option<Config>,
    /// The experiments shown last time on this store (from the state dir): their first page
    /// is asked for together with the experiment list, one round trip to the first rows.
    pub remembered: Vec<ExperimentId>,
}

/// A listing kept in the local cache: the first rows of the experiments shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedRuns {
    /// When the listing was current (the app clock when it was saved).
    pub saved_at: chrono::DateTime<chrono::Utc>,
    pub experiments: Vec<ExperimentId>,
    pub runs: Vec<Run>,
}

/// What `update` asks the runtime to do; `update` never does it itself.
///
/// Two kinds, because the runtime performs them in two places: [`Task`]s are fetches and
/// changes that a tokio task performs and answers with a `Msg` (scheduled in slots or behind
/// a limit, see `runtime/tasks.rs`); [`LoopEffect`]s belong to the event loop itself, which
/// owns what they touch (leaving the loop, replacing the task executor when the demo opens,
/// writing to the terminal). One enum with a variant per kind rather than two return values:
/// `update` keeps one ordered list (a quit after a fetch stays after it), and each side
/// matches only its own kind, with no arm that says "not mine".
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "an effect lives from `update` to the loop; boxing every task to shrink the rare \
              loop effect would cost an allocation per fetch"
)]
pub enum Effect {
    /// Work for a task, answered by a `Msg`.
    Task(Task),
    /// Work for the event loop.
    Loop(LoopEffect),
}

impl From<Task> for Effect {
    fn from(task: Task) -> Self {
        Self::Task(task)
    }
}

impl From<LoopEffect> for Effect {
    fn from(effect: LoopEffect) -> Self {
        Self::Loop(effect)
    }
}

/// A fetch or a change, performed by a task that answers with a `Msg`.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// Fetch experiments (replaces any experiments fetch in flight), and with `newest` also
    /// which experiment holds the newest run (one more request, for when nothing is
    /// remembered).
    LoadExperiments { ticket: Ticket, newest: bool },
    /// Fetch a page of runs (replaces any runs fetch in flight).
    LoadRuns {
        ticket: Ticket,
        query: RunQuery,
        page_token: Option<String>,
    },
    /// List every run of the query (partitioned and concurrent over REST), answered by
    /// `Msg::RunsListed` batches and a `Msg::RunsListingDone` (replaces any runs fetch in
    /// flight).
    ListAllRuns { ticket: Ticket, query: RunQuery },
    /// Fetch what changed in the run list since the last look: new runs, runs ended since,
    /// and the loaded running runs by id (replaces any runs fetch in flight).
    LoadRunChanges {
        ticket: Ticket,
        query: RunQuery,
        since: super::runs::Since,
    },
    /// Stop the runs fetch in flight (the whole listing, cancelled).
    StopRuns,
    /// Find the baselines of these experiments (replaces any baseline fetch in flight).
    LoadBaselines {
        ticket: Ticket,
        experiments: Vec<ExperimentId>,
    },
    /// Fetch sampled histories of one metric for these runs.
    LoadSparklines {
        ticket: Ticket,
        metric: String,
        runs: Vec<RunId>,
        points: u32,
    },
    /// Fetch registered models (replaces any models fetch in flight).
    LoadModels { ticket: Ticket },
    /// Find the aliases of these models that no record explains (moved outside clearance),
    /// answered by `Msg::OutsideMoves` under the models' ticket.
    LoadOutsideMoves {
        ticket: Ticket,
        models: Vec<RegisteredModel>,
    },
    /// Fetch one run.
    LoadRun { id: RunId },
    /// Fetch one metric's history for these runs, in one request, sampled to at most `points`
    /// a run (the chart's resolution; see [`crate::app::chart_points`]).
    LoadHistories {
        ticket: Ticket,
        runs: Vec<RunId>,
        metric: String,
        points: u32,
    },
    /// Carry out an approved change; `policy_override` passes a freeze of the policy.
    ApplyChange {
        change: Change,
        approval: Approval,
        policy_override: Option<Override>,
    },
    /// Judge the policy on a move the approve dialog shows, as `mover` would confirm it.
    CheckPolicy { plan: AliasPlan, mover: String },
    /// Approve the promotion request as `approver` (the configured user).
    ApproveRequest { key: RequestKey, approver: String },
    /// Record a promotion request as `requester`, with `reason`.
    MakeRequest {
        key: RequestKey,
        requester: String,
        reason: String,
    },
    /// Withdraw the promotion request as `who`.
    WithdrawRequest { key: RequestKey, who: String },
    /// Plan a rollback of `alias` of `model` from its history.
    PlanRollback { model: String, alias: String },
    /// Read a model's history.
    LoadAudit { model: String },
    /// Evaluate the alert rules over the monitoring series (replaces any evaluation in flight).
    /// `now` is the app's clock, against which a feed is judged stale.
    LoadAlerts { ticket: Ticket, now: DateTime<Utc> },
    /// Record an alert's acknowledgement or silence (in the store's tags, else locally).
    RecordAck { ack: Ack },
    /// Remove an alert's acknowledgement or silence.
    WithdrawAck { ack: Ack },
    /// Fetch the open pull requests with their CI and reviews (replaces any fetch in flight).
    LoadPrs { ticket: Ticket },
    /// Open (or update) a promotion pull request for an approved change.
    OpenPromotionPr { plan: AliasPlan, approval: Approval },
    /// Find who approvals are recorded as (git's `user.name`/`user.email`, else `$USER`),
    /// answered by `Msg::Identity`. Asked after the first rows: it starts `git` twice.
    LoadIdentity,
    /// Keep this listing in the local cache (see `runtime/cache.rs`).
    SaveRunsCache(CachedRuns),
    /// Remember the experiments shown, for the next start on this store.
    RememberExperiments(Vec<ExperimentId>),
    /// Open an address in the browser (started, and reported on, by a task: it may take
    /// seconds).
    OpenUrl(String),
}

/// Work only the event loop can do.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopEffect {
    /// Put text on the clipboard (through the terminal, so it works over SSH).
    CopyText(String),
    /// Write what the Runs tab remembers to the state dir, for the next session.
    Remember(super::memory::Memory),
    /// Open the bundled demo store (from the start screen).
    OpenDemo,
    /// Leave the program.
    Quit,
}

//! The confirmation dialog for changes: approve (promote), roll back, set a baseline.
//!
//! Nothing changes until the reviewer confirms deliberately, in the one way the dialog names:
//! by typing the model's name, or by pressing `y` where the team configured that (Enter then
//! does not confirm). Every move of an alias to a version is gated the same way, whether it
//! was started as a promotion or a rollback: the target's gates against the version holding
//! the alias now. Failing gates block it until the reviewer overrides them and gives a reason,
//! which is recorded.
//!
//! The three dialogs have the same fields in the same order, top to bottom: the reason, then
//! the confirmation. Tab and shift-Tab move the focus down and up in that order.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::input::TextInput;
use super::loadable::Loadable;
use super::notify::Level;
use super::popup::Popup;
use super::{App, Effect, Tab, Task};
use crate::config::keymap::Layer;
use crate::config::{Confirm, PromoteVia};
use crate::domain::change::{Approval, ChangeError, Outcome};
use crate::domain::policy::{CheckKind, CheckState, FREEZE_TAG, Override, PolicyVerdict};
use crate::domain::promotion::{AliasPlan, BaselinePlan, Change, ChangeKind, GateRecord};
use crate::domain::{DiffReport, RunId};

/// Which field has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Confirm,
    Reason,
}

impl Field {
    /// The fields as drawn, top to bottom.
    pub const ORDER: [Field; 2] = [Field::Reason, Field::Confirm];

    /// The field `by` steps further down the dialog (negative: up), wrapping around.
    fn step(self, by: isize) -> Self {
        let n = Self::ORDER.len().cast_signed();
        let at = Self::ORDER
            .iter()
            .position(|f| *f == self)
            .unwrap_or_default()
            .cast_signed();
        Self::ORDER[(at + by).rem_euclid(n).cast_unsigned()]
    }
}

/// A key and what it does now, as the dialog's border and the footer show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key as bound (`enter`), or empty for a state that takes no key (`working…`).
    pub key: String,
    pub desc: String,
}

/// Where the dialog stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Editing,
    /// Sent; waiting for the store.
    Working,
    /// Finished: the message says what happened (`Level` says how it went).
    Finished(Level, String),
}

/// A change waiting for the reviewer's confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeDialog {
    pub change: Change,
    /// Runs to compare: (current, candidate), for the diff and gates.
    pub runs: Option<(RunId, RunId)>,
    /// Metrics listed first in the diff.
    pub key_metrics: Vec<String>,
    pub confirm: Confirm,
    /// What must be typed to confirm (the model's name), in `Confirm::Name` mode.
    pub expected: String,
    pub input: TextInput,
    pub reason: TextInput,
    pub override_gates: bool,
    pub focus: Field,
    pub phase: Phase,
    /// Why the last Enter did not go through.
    pub hint: Option<String>,
    /// For promotions: move the alias now, or open a pull request pinning the version.
    pub via: PromoteVia,
    /// The repository, file and branch a promotion PR would use, when GitHub is configured.
    pub pr_target: Option<PrTarget>,
    /// The policy's checklist for this move by this user: `Idle` when no policy is configured
    /// (the dialog is as without one), `Loaded(None)` when none governs this move.
    pub policy: Loadable<Option<PolicyVerdict>>,
    /// An override of a freeze needs a second person, whom this dialog has no field for.
    pub override_needs_second: bool,
}

/// What the policy says of confirming the dialog now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyGate {
    /// Nothing governs the move, or every point is met.
    Open,
    /// Only freezes hold it: a reason overrides them (recorded).
    Frozen,
    /// It cannot be confirmed here: why, in words.
    Refused(String),
}

/// Where a promotion PR would go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrTarget {
    pub repo: String,
    pub file: String,
    pub branch: String,
}

impl ChangeDialog {
    pub fn new(
        change: Change,
        runs: Option<(RunId, RunId)>,
        key_metrics: Vec<String>,
        confirm: Confirm,
    ) -> Self {
        let expected = match &change {
            Change::Alias(p) => p.model.clone(),
            Change::Baseline(p) => p.experiment_name.clone(),
        };
        Self {
            change,
            runs,
            key_metrics,
            confirm,
            expected,
            input: TextInput::default(),
            reason: TextInput::default(),
            override_gates: false,
            focus: Field::Confirm,
            phase: Phase::Editing,
            hint: None,
            via: PromoteVia::Direct,
            pr_target: None,
            policy: Loadable::Idle,
            override_needs_second: false,
        }
    }

    /// Whether the policy lets the dialog be confirmed now with `reason`: `Some(frozen)`
    /// when it does (`frozen`: the reason overrides a freeze), `None` (with the hint set)
    /// when not. A pull request moves nothing now: `apply` judges the policy when CI moves
    /// the alias.
    fn policy_hold(&mut self, reason: &str) -> Option<bool> {
        if self.by_pr() {
            return Some(false);
        }
        match self.policy_gate() {
            PolicyGate::Open => Some(false),
            // The dialog says why in place of the confirmation field.
            PolicyGate::Refused(_) => {
                self.hint = None;
                None
            }
            PolicyGate::Frozen if reason.is_empty() => {
                self.focus = Field::Reason;
                self.hint = Some(
                    "A freeze holds this move: type why it must go ahead anyway (recorded as \
                     an override), then confirm; esc cancels"
                        .into(),
                );
                None
            }
            PolicyGate::Frozen => Some(true),
        }
    }

    /// Whether the policy lets this move be confirmed, and how.
    pub fn policy_gate(&self) -> PolicyGate {
        match &self.policy {
            Loadable::Idle | Loadable::Loaded(None) => PolicyGate::Open,
            Loadable::Loading => PolicyGate::Refused("Checking the policy…".into()),
            Loadable::Failed(e) => PolicyGate::Refused(format!("The policy cannot be judged: {e}")),
            Loadable::Loaded(Some(v)) if v.allowed() => PolicyGate::Open,
            Loadable::Loaded(Some(v)) => {
                let hard: Vec<CheckKind> = v
                    .unmet()
                    .filter(|c| c.state == CheckState::Unmet { overridable: false })
                    .map(|c| c.kind)
                    .collect();
                let labels: Vec<&str> = hard.iter().map(|k| k.label()).collect();
                // Someone else may make it, or approve it, once it is asked for.
                let ask = if hard
                    .iter()
                    .any(|k| matches!(k, CheckKind::Mover | CheckKind::Approvals))
                {
                    "; ask for it with `clearance request`"
                } else {
                    ""
                };
                match (hard.is_empty(), self.override_needs_second) {
                    (true, false) => PolicyGate::Frozen,
                    (true, true) => PolicyGate::Refused(
                        "A freeze holds this move, and overriding it needs a second person, \
                         whom this dialog cannot name: `clearance promote --override-reason \
                         TEXT --override-second NAME`"
                            .into(),
                    ),
                    (false, _) => PolicyGate::Refused(format!(
                        "Refused by policy ({}): this move cannot be confirmed here{ask}",
                        labels.join(", ")
                    )),
                }
            }
        }
    }

    /// Whether a dialog key means something now (for the footer's hints).
    pub fn applies(&self, action: super::Action, app: &App) -> bool {
        use super::Action;
        match action {
            Action::ToggleVia => {
                self.promotes() && (self.pr_target.is_some() || self.via == PromoteVia::Pr)
            }
            Action::Override => self.gated() && self.report(app).is_some_and(|r| !r.passed()),
            _ => true,
        }
    }

    /// Whether confirming opens a pull request rather than changing the registry.
    pub fn by_pr(&self) -> bool {
        self.via == PromoteVia::Pr && self.promotes()
    }

    /// Whether this is a promotion (which may go by pull request), not a rollback or baseline.
    pub fn promotes(&self) -> bool {
        matches!(&self.change, Change::Alias(p) if p.kind == ChangeKind::Promote)
    }

    /// The keys that mean something now, with what they do: one list for the dialog's border
    /// and the footer, so the two never disagree.
    pub fn hints(&self, app: &App) -> Vec<Hint> {
        use super::Action;
        let key = |a| app.keymap.keys_for(&[Layer::Dialog], a);
        let mut hints = Vec::new();
        let mut add = |key: Option<String>, desc: &str| {
            if let Some(key) = key {
                hints.push(Hint {
                    key,
                    desc: desc.to_owned(),
                });
            }
        };
        match self.phase {
            Phase::Editing => {
                let short = app.options.vocab().short();
                let confirms = if self.by_pr() {
                    format!("opens the {short}")
                } else {
                    "confirms".to_owned()
                };
                let refused = !self.by_pr() && matches!(self.policy_gate(), PolicyGate::Refused(_));
                match self.confirm {
                    _ if refused => {}
                    Confirm::Name => add(key(Action::Confirm), &confirms),
                    Confirm::Yes => add(Some("y".into()), &confirms),
                }
                if self.applies(Action::Override, app) {
                    let what = if self.override_gates {
                        "cancels the override"
                    } else {
                        "overrides gates"
                    };
                    add(key(Action::Override), what);
                }
                if self.applies(Action::ToggleVia, app) {
                    add(
                        key(Action::ToggleVia),
                        &if self.by_pr() {
                            "direct".to_owned()
                        } else {
                            format!("by {short}")
                        },
                    );
                }
                // A refused move shows no fields to move between.
                if !refused {
                    add(key(Action::NextField), "next field");
                }
                add(key(Action::Back), "cancels");
            }
            Phase::Working => add(Some(String::new()), "working…"),
            Phase::Finished(..) => {
                add(key(Action::Confirm).or_else(|| key(Action::Back)), "closes");
            }
        }
        hints
    }

    /// The diff the gates are judged on, once both runs are loaded.
    pub fn report(&self, app: &App) -> Option<DiffReport> {
        let (current, candidate) = self.runs.as_ref()?;
        let (b, c) = (app.cache.run(current)?, app.cache.run(candidate)?);
        Some(crate::domain::comparison::report(
            b,
            c,
            &app.settings,
            &self.key_metrics,
        ))
    }

    /// Whether the gates decide: every move of an alias to a version is gated the same way,
    /// a rollback (or a second rollback, which moves it forward again) as much as a
    /// promotion. Baselines are not gated.
    pub fn gated(&self) -> bool {
        matches!(&self.change, Change::Alias(_))
    }

    fn confirmed(&self) -> bool {
        match self.confirm {
            Confirm::Name => self.input.text.trim() == self.expected,
            Confirm::Yes => true,
        }
    }
}

impl App {
    /// `a`: approve the selected version (on the Models tab or from its comparison).
    pub(super) fn approve(&mut self) -> Vec<Effect> {
        let (Some(model), Some(version)) = (
            self.models.selected_model().cloned(),
            self.models.selected_version().cloned(),
        ) else {
            return Vec::new();
        };
        let prod = self.settings.production_alias.clone();
        self.approve_move(&model, &version, &prod)
    }

    /// Opens the approve dialog on moving `alias` of `model` to `version` (production from
    /// the Models tab; a request's alias once its policy is met).
    pub(super) fn approve_move(
        &mut self,
        model: &crate::domain::RegisteredModel,
        version: &crate::domain::ModelVersion,
        alias: &str,
    ) -> Vec<Effect> {
        let prod = alias.to_owned();
        let staging = self.settings.staging_alias.clone();
        let from = model.aliases.get(&prod).cloned();
        if from.as_ref() == Some(&version.version) {
            self.toasts.push(
                Level::Info,
                format!("{} already holds @{prod}", version.version.label()),
                self.now,
            );
            return Vec::new();
        }
        let plan = AliasPlan {
            kind: ChangeKind::Promote,
            model: model.name.clone(),
            alias: prod.clone(),
            from: from.clone(),
            to: version.version.clone(),
            candidate_alias: (model.aliases.get(&staging) == Some(&version.version))
                .then_some(staging),
        };
        let current_run = from
            .as_ref()
            .and_then(|v| model.version(v))
            .and_then(|v| v.run_id.clone());
        let runs = current_run.zip(version.run_id.clone());
        let mut fx = Vec::new();
        if let Some((a, b)) = &runs {
            self.cache.want_run(a, &mut fx);
            self.cache.want_run(b, &mut fx);
        }
        let confirm = self.promotion.confirm_for(&prod);
        let key = self.model_key_metrics(model, 8);
        let mut dialog = ChangeDialog::new(Change::Alias(plan), runs, key, confirm);
        // The team's choice holds even without a repository: the dialog then says so and
        // moves nothing until the reviewer switches to a direct move on purpose.
        dialog.via = self.promotion.via_for(&model.name);
        if let Some(repo) = &self.options.github_repo {
            let rule = self.promotion.promotion_rule();
            dialog.pr_target = Some(PrTarget {
                repo: repo.clone(),
                file: self.promotion.deployment_file.trim().to_owned(),
                branch: rule.branch(&model.name, &version.version),
            });
        }
        fx.extend(self.ask_policy(&mut dialog, model));
        self.screen.open_popup(Popup::Change(Box::new(dialog)));
        fx
    }

    /// Asks for the policy's checklist of the dialog's move when a policy may govern it (one
    /// is configured, or the model's freeze switch is set); otherwise the dialog stays as it
    /// is without a policy.
    fn ask_policy(
        &self,
        dialog: &mut ChangeDialog,
        model: &crate::domain::RegisteredModel,
    ) -> Vec<Effect> {
        let Change::Alias(plan) = &dialog.change else {
            return Vec::new();
        };
        if !self.options.policy && !model.tags.contains_key(FREEZE_TAG) {
            return Vec::new();
        }
        dialog.policy = Loadable::Loading;
        dialog.override_needs_second = self.options.override_needs_second;
        vec![Effect::Task(Task::CheckPolicy {
            plan: plan.clone(),
            mover: self.identity.clone(),
        })]
    }

    pub(super) fn on_policy_checked(
        &mut self,
        plan: &AliasPlan,
        result: Result<Option<PolicyVerdict>, ChangeError>,
    ) -> Vec<Effect> {
        // An answer for a dialog closed meanwhile (or another move) is dropped.
        if let Some(Popup::Change(d)) = self.screen.popup_mut()
            && matches!(&d.change, Change::Alias(p) if p == plan)
        {
            d.policy = match result {
                Ok(v) => Loadable::Loaded(v),
                Err(e) => Loadable::Failed(e.to_string()),
            };
        }
        Vec::new()
    }

    /// `R`: ask the runtime to plan a rollback from the model's history.
    pub(super) fn rollback(&mut self) -> Vec<Effect> {
        let Some(model) = self.models.selected_model() else {
            return Vec::new();
        };
        vec![Effect::Task(Task::PlanRollback {
            model: model.name.clone(),
            alias: self.settings.production_alias.clone(),
        })]
    }

    pub(super) fn on_rollback_planned(
        &mut self,
        result: Result<AliasPlan, ChangeError>,
    ) -> Vec<Effect> {
        let plan = match result {
            Ok(plan) => plan,
            Err(e) => {
                self.toasts.push(Level::Warning, e.to_string(), self.now);
                return Vec::new();
            }
        };
        let model = self
            .models
            .models
            .loaded()
            .and_then(|ms| ms.iter().find(|m| m.name == plan.model))
            .cloned();
        let run_of = |v: &crate::domain::VersionId| {
            model
                .as_ref()
                .and_then(|m| m.version(v))
                .and_then(|mv| mv.run_id.clone())
        };
        let runs = plan.from.as_ref().and_then(run_of).zip(run_of(&plan.to));
        let mut fx = Vec::new();
        if let Some((a, b)) = &runs {
            self.cache.want_run(a, &mut fx);
            self.cache.want_run(b, &mut fx);
        }
        let confirm = self.promotion.confirm_for(&plan.alias);
        let key = model
            .as_ref()
            .map(|m| self.model_key_metrics(m, 8))
            .unwrap_or_default();
        let mut dialog = ChangeDialog::new(Change::Alias(plan), runs, key, confirm);
        if let Some(m) = &model {
            fx.extend(self.ask_policy(&mut dialog, m));
        }
        self.screen.open_popup(Popup::Change(Box::new(dialog)));
        fx
    }

    /// `B`: make the selected run its experiment's baseline.
    pub(super) fn set_baseline(&mut self) -> Vec<Effect> {
        let Some(run) = self.runs.selected_run().cloned() else {
            return Vec::new();
        };
        let current = self
            .runs
            .baseline_for(&run.experiment_id)
            .filter(|b| b.source == crate::domain::BaselineSource::Tagged);
        if current.is_some_and(|b| b.run.id == run.id) {
            self.toasts.push(
                Level::Info,
                format!("'{}' is already the baseline", run.display_name()),
                self.now,
            );
            return Vec::new();
        }
        let plan = BaselinePlan {
            experiment: run.experiment_id.clone(),
            experiment_name: self
                .runs
                .experiment_name(&run.experiment_id)
                .unwrap_or("")
                .to_owned(),
            run: run.id.clone(),
            run_name: run.display_name().to_owned(),
            current: current.map(|b| b.run.id.clone()),
            current_name: current.map(|b| b.run.display_name().to_owned()),
        };
        let runs = current.map(|b| (b.run.id.clone(), run.id.clone()));
        // Moving a baseline is undone as easily as it is done: a simple y confirms it.
        let dialog = ChangeDialog::new(
            Change::Baseline(plan),
            runs,
            self.runs.key_metrics.clone(),
            Confirm::Yes,
        );
        self.screen.open_popup(Popup::Change(Box::new(dialog)));
        Vec::new()
    }

    /// Typing in the dialog's fields, and `y` where a simple yes confirms.
    pub(super) fn change_typing(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let Some(Popup::Change(d)) = self.screen.popup_mut() else {
            return None;
        };
        if d.phase != Phase::Editing {
            return None;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match d.focus {
            Field::Reason => {
                let typed = d.reason.handle(key);
                if typed {
                    d.hint = None;
                }
                typed.then(Vec::new)
            }
            Field::Confirm if d.confirm == Confirm::Yes => (plain
                && matches!(key.code, KeyCode::Char('y' | 'Y')))
            .then(|| self.submit_change()),
            Field::Confirm => {
                let typed = d.input.handle(key);
                if typed {
                    d.hint = None;
                }
                typed.then(Vec::new)
            }
        }
    }

    pub(super) fn change_action(&mut self, action: super::Action) -> Vec<Effect> {
        use super::Action;
        let Some(Popup::Change(d)) = self.screen.popup_mut() else {
            return Vec::new();
        };
        match (action, &d.phase) {
            (Action::Back, Phase::Working) => {
                self.toasts.push(
                    Level::Info,
                    "The change was sent; its result will show here",
                    self.now,
                );
                Vec::new()
            }
            (Action::Back | Action::Confirm, Phase::Finished(..))
            | (Action::Back, Phase::Editing) => {
                self.screen.close_popup();
                Vec::new()
            }
            (Action::Override, Phase::Editing) if d.gated() => {
                d.override_gates = !d.override_gates;
                d.focus = if d.override_gates {
                    Field::Reason
                } else {
                    Field::Confirm
                };
                d.hint = None;
                Vec::new()
            }
            (Action::ToggleVia, Phase::Editing) if d.promotes() => {
                // Without a repository the only way is back to a direct move.
                if d.pr_target.is_some() || d.via == PromoteVia::Pr {
                    d.via = match d.via {
                        PromoteVia::Direct => PromoteVia::Pr,
                        PromoteVia::Pr => PromoteVia::Direct,
                    };
                    d.hint = None;
                } else {
                    d.hint = Some(
                        "No code host configured: set github.repo or gitlab.project (or pass \
                         --repo or --gitlab-project) to promote by pull or merge request"
                            .into(),
                    );
                }
                Vec::new()
            }
            (Action::NextField, Phase::Editing) => {
                d.focus = d.focus.step(1);
                Vec::new()
            }
            (Action::PrevField, Phase::Editing) => {
                d.focus = d.focus.step(-1);
                Vec::new()
            }
            (Action::Confirm, Phase::Editing) => match d.confirm {
                Confirm::Name => self.submit_change(),
                // Only the confirmation the dialog names confirms: here that is `y`.
                Confirm::Yes => {
                    d.focus = Field::Confirm;
                    d.hint = Some("Press y to confirm (enter does not)".into());
                    Vec::new()
                }
            },
            _ => Vec::new(),
        }
    }

    /// Checks the dialog and sends the change.
    fn submit_change(&mut self) -> Vec<Effect> {
        let report = match self.screen.popup() {
            Some(Popup::Change(d)) => d.report(self),
            _ => return Vec::new(),
        };
        let (by, now) = (
            self.identity.clone(),
            chrono::SubsecRound::trunc_subsecs(self.now, 3),
        );
        let toggle = self
            .keymap
            .keys_for(
                &[crate::config::keymap::Layer::Dialog],
                super::Action::ToggleVia,
            )
            .unwrap_or_else(|| "toggle-via".into());
        let gates_configured = self.settings.rules.has_gates();
        let Some(Popup::Change(d)) = self.screen.popup_mut() else {
            return Vec::new();
        };
        let gates = report
            .as_ref()
            .filter(|r| GateRecord::any_gate(r))
            .map(GateRecord::from_report);
        // Gates that cannot be judged (a version without a run, or one this screen does not
        // know) hold a move like failing ones, as in the CLI: never a way around them.
        let unjudged = d.gated()
            && gates_configured
            && d.runs.is_none()
            && matches!(&d.change, Change::Alias(p) if p.from.is_some());
        let failing = unjudged || (d.gated() && gates.as_ref().is_some_and(|g| !g.passed));
        let reason = d.reason.text.trim().to_owned();
        // The policy first: what it refuses no override of gates or typed name can pass.
        let Some(frozen) = d.policy_hold(&reason) else {
            return Vec::new();
        };
        if d.gated() && d.runs.is_some() && report.is_none() {
            d.hint = Some("Waiting for the runs to load, to check the gates".into());
            return Vec::new();
        }
        if unjudged && !d.override_gates {
            d.hint = Some(
                "The gates cannot be judged (a version has no run to compare): ctrl-o overrides \
                 them (with a reason), esc cancels"
                    .into(),
            );
            return Vec::new();
        }
        if failing && !d.override_gates {
            d.hint = Some("Gates fail: ctrl-o overrides them (with a reason), esc cancels".into());
            return Vec::new();
        }
        if d.override_gates && reason.is_empty() {
            d.focus = Field::Reason;
            d.hint = Some("Overriding gates needs a reason: type it, then enter".into());
            return Vec::new();
        }
        if d.by_pr() && d.pr_target.is_none() {
            d.hint = Some(format!(
                "No code host to open the pull or merge request in: set github.repo or \
                 gitlab.project (or pass --repo or --gitlab-project), or press {toggle} to move \
                 the alias directly"
            ));
            return Vec::new();
        }
        if !d.confirmed() {
            d.focus = Field::Confirm;
            d.hint = Some(format!(
                "Not confirmed: the name must be exactly '{}'",
                d.expected
            ));
            return Vec::new();
        }
        d.phase = Phase::Working;
        d.hint = None;
        let approval = Approval {
            by,
            at: now,
            gates: if d.gated() { gates } else { None },
            override_gates: d.override_gates && failing,
            reason: (!reason.is_empty()).then_some(reason.clone()),
        };
        let policy_override = frozen.then_some(Override {
            reason,
            second: None,
        });
        match (&d.change, d.by_pr()) {
            (Change::Alias(plan), true) => vec![Effect::Task(Task::OpenPromotionPr {
                plan: plan.clone(),
                approval,
            })],
            _ => vec![Effect::Task(Task::ApplyChange {
                change: d.change.clone(),
                approval,
                policy_override,
            })],
        }
    }

    pub(super) fn on_pr_opened(
        &mut self,
        result: Result<crate::domain::pull_request::PromotionPr, ChangeError>,
    ) -> Vec<Effect> {
        let (level, text) = match result {
            Ok(pr) => (
                Level::Info,
                format!(
                    "{} {} {}: {} · the alias moves when CI applies it after the merge",
                    self.options.vocab().noun_capitalized(),
                    self.options.vocab().number(pr.number),
                    if pr.pr_created { "opened" } else { "updated" },
                    pr.url
                ),
            ),
            Err(e @ (ChangeError::Refused(_) | ChangeError::Policy { .. })) => {
                (Level::Warning, e.to_string())
            }
            Err(e) => (Level::Error, e.to_string()),
        };
        match self.screen.popup_mut() {
            Some(Popup::Change(d)) => d.phase = Phase::Finished(level, text),
            _ => self.toasts.push(level, text, self.now),
        }
        self.load_prs()
    }

    pub(super) fn on_change_applied(
        &mut self,
        result: Result<Outcome, ChangeError>,
    ) -> Vec<Effect> {
        let (level, text) = match result {
            Ok(Outcome::Done { entry, warnings }) => {
                let mut text = format!("Done: {} (recorded as {})", entry.describe(), entry.by);
                for w in &warnings {
                    text.push_str("; warning: ");
                    text.push_str(w);
                }
                let level = if warnings.is_empty() {
                    Level::Info
                } else {
                    Level::Warning
                };
                (level, text)
            }
            Ok(Outcome::NothingToDo(m)) => (Level::Info, m),
            Err(e @ (ChangeError::Refused(_) | ChangeError::Policy { .. })) => {
                (Level::Warning, e.to_string())
            }
            Err(e) => (Level::Error, e.to_string()),
        };
        let baseline = matches!(self.screen.popup(), Some(Popup::Change(d)) if matches!(d.change, Change::Baseline(_)));
        // The open dialog shows the outcome; a toast would only cover it.
        match self.screen.popup_mut() {
            Some(Popup::Change(d)) => d.phase = Phase::Finished(level, text),
            _ => self.toasts.push(level, text, self.now),
        }
        // Show the world as it is now, whatever happened (a refusal means it moved).
        let mut fx = self.load_models();
        if baseline || self.tab == Tab::Runs {
            fx.extend(self.reload_runs());
        }
        if let Some(h) = self.screen.history() {
            fx.push(Effect::Task(Task::LoadAudit {
                model: h.model.clone(),
            }));
        }
        fx
    }
}

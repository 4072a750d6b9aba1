//! The Requests view, a sub-view of Models like History: every promotion request recorded on
//! the loaded models' versions, with its approvals, what it still misses (the policy's
//! checklist of the move as the user would make it) and whether it still counts. `a` approves
//! the selected request as the configured user, `w` withdraws the user's own; `ctrl-r` on a
//! version in Models asks for production, with a reason.
//!
//! The rows are read from the loaded models' version tags each time they are drawn, so a
//! refresh of the models (`r`) refreshes the view; only the checklists are fetched.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::cursor::Cursor;
use super::input::TextInput;
use super::list_filter::narrow;
use super::loadable::Loadable;
use super::notify::Level;
use super::popup::Popup;
use super::view::ModelsView;
use super::{Action, App, Effect, Task};
use crate::domain::change::ChangeError;
use crate::domain::policy::{
    OpenRequest, PolicyVerdict, REQUEST_TAG_PREFIX, RequestState, same_identity,
};
use crate::domain::promotion::{AliasPlan, ChangeKind};
use crate::domain::{RegisteredModel, VersionId};

/// Which request: the move it asks for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestKey {
    pub model: String,
    pub version: VersionId,
    pub alias: String,
}

impl RequestKey {
    /// `fraud v4 → @production`.
    pub fn describe(&self) -> String {
        format!("{} {} → @{}", self.model, self.version.label(), self.alias)
    }
}

/// What the user is asked to confirm on the selected request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Approve,
    Withdraw,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestsScreen {
    pub cursor: Cursor,
    /// The policy's checklist of each request's move as the user would make it (`None`: no
    /// policy governs it).
    pub checks: BTreeMap<RequestKey, Loadable<Option<PolicyVerdict>>>,
    /// The request waiting for the user's yes, and to what.
    pub confirm: Option<(RequestKey, Pending)>,
    /// The request an approval or a withdrawal is on its way for, and which.
    pub busy: Option<(RequestKey, Pending)>,
    /// `/`: only the requests whose move, requester, approvers or reason match.
    pub filter: String,
}

/// One request as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    pub key: RequestKey,
    pub open: OpenRequest,
    pub state: RequestState,
    /// What holds the alias now.
    pub holder: Option<VersionId>,
}

/// Every request recorded on `models`' versions, by model, version and alias. The state
/// judges expiry and whether the alias moved; whether the gates changed is the checklist's
/// to say (it judges them now).
pub fn request_rows(models: &[RegisteredModel], now: DateTime<Utc>) -> Vec<RequestRow> {
    let mut rows = Vec::new();
    for m in models {
        for v in &m.versions {
            for key in v.tags.keys() {
                let Some(alias) = key.strip_prefix(REQUEST_TAG_PREFIX) else {
                    continue;
                };
                let Some(open) = OpenRequest::read(&v.tags, alias) else {
                    continue;
                };
                let state = open.state(m.aliases.get(alias), open.request.gates.as_ref(), now);
                rows.push(RequestRow {
                    key: RequestKey {
                        model: m.name.clone(),
                        version: v.version.clone(),
                        alias: alias.to_owned(),
                    },
                    open,
                    state,
                    holder: m.aliases.get(alias).cloned(),
                });
            }
        }
    }
    rows
}

impl App {
    /// The requests of the loaded models.
    pub fn requests(&self) -> Vec<RequestRow> {
        self.models
            .models
            .loaded()
            .map(|ms| request_rows(ms, self.now))
            .unwrap_or_default()
    }

    /// The requests the view's filter lets through; the cursor indexes these.
    pub fn shown_requests(&self) -> Vec<RequestRow> {
        self.narrow_requests(&self.requests())
    }

    /// Those of `rows` the view's filter lets through (all of them without one).
    pub fn narrow_requests(&self, rows: &[RequestRow]) -> Vec<RequestRow> {
        let filter = self.screen.requests().map_or("", |s| s.filter.as_str());
        narrow(rows, filter, |r| {
            format!(
                "{} {} {} {}",
                r.key.describe(),
                r.open.request.requester,
                r.open.approvers().join(" "),
                r.open.request.reason
            )
        })
        .into_iter()
        .cloned()
        .collect()
    }

    fn selected_request(&self) -> Option<RequestRow> {
        let s = self.screen.requests()?;
        self.shown_requests().into_iter().nth(s.cursor.selected)
    }

    /// `Q` on Models: open the Requests view and ask for each request's checklist.
    pub(super) fn open_requests(&mut self) -> Vec<Effect> {
        self.show(|v| v.models = ModelsView::Requests(RequestsScreen::default()));
        self.check_requests()
    }

    /// Asks again for the checklist of every request shown (the models were just loaded),
    /// when a policy is configured; keeps the selection on a row.
    pub(super) fn check_requests(&mut self) -> Vec<Effect> {
        if self.screen.requests().is_none() {
            return Vec::new();
        }
        let rows = self.requests();
        let shown = self.narrow_requests(&rows).len();
        let mover = self.identity.clone();
        let policy = self.options.policy;
        let Some(s) = self.screen.requests_mut() else {
            return Vec::new();
        };
        s.cursor.selected = s.cursor.selected.min(shown.saturating_sub(1));
        s.checks.clear();
        if !policy {
            return Vec::new();
        }
        let mut fx = Vec::new();
        for r in rows {
            s.checks.insert(r.key.clone(), Loadable::Loading);
            fx.push(Effect::Task(Task::CheckPolicy {
                plan: plan_of(&r),
                mover: mover.clone(),
            }));
        }
        fx
    }

    /// A checklist arrived: the Requests view keeps it for the request it is about.
    pub(super) fn on_request_checked(
        &mut self,
        plan: &AliasPlan,
        result: &Result<Option<PolicyVerdict>, ChangeError>,
    ) {
        let key = RequestKey {
            model: plan.model.clone(),
            version: plan.to.clone(),
            alias: plan.alias.clone(),
        };
        if let Some(s) = self.screen.requests_mut()
            && let Some(slot) = s.checks.get_mut(&key)
        {
            *slot = match result {
                Ok(v) => Loadable::Loaded(v.clone()),
                Err(e) => Loadable::Failed(e.to_string()),
            };
        }
    }

    pub(super) fn requests_action(&mut self, action: Action) -> Vec<Effect> {
        let len = self.shown_requests().len();
        let Some(s) = self.screen.requests_mut() else {
            return Vec::new();
        };
        if let Some((key, pending)) = s.confirm.clone() {
            s.confirm = None;
            return match action {
                Action::Confirm => self.send_request_change(key, pending),
                Action::Approve if pending == Pending::Approve => {
                    self.send_request_change(key, pending)
                }
                Action::Withdraw if pending == Pending::Withdraw => {
                    self.send_request_change(key, pending)
                }
                _ => Vec::new(),
            };
        }
        if s.cursor.navigate(action, len) {
            return Vec::new();
        }
        match action {
            // Esc clears a filter first, then goes back.
            Action::Back if !s.filter.is_empty() => {
                s.filter.clear();
                s.cursor.selected = 0;
            }
            Action::Back => self.show(|v| v.models = ModelsView::List),
            Action::Approve => self.ask_request_change(Pending::Approve),
            Action::Withdraw => self.ask_request_change(Pending::Withdraw),
            Action::Filter => return self.open_filter(),
            _ => {}
        }
        Vec::new()
    }

    /// `a`/`w` on a request: says at once why the user cannot (their own request, a request
    /// that no longer counts, someone else's to withdraw), else asks for a yes.
    fn ask_request_change(&mut self, pending: Pending) {
        if self.options.read_only {
            return;
        }
        let Some(row) = self.selected_request() else {
            return;
        };
        let who = self.identity.clone();
        let requester = &row.open.request.requester;
        let refusal = match pending {
            Pending::Approve if same_identity(requester, &who) => Some(format!(
                "{who} asked for this move, and a self-approval never counts: an approval must \
                 come from someone else"
            )),
            Pending::Approve if row.open.approved_by(&who) => {
                Some(format!("{who} already approved this request"))
            }
            Pending::Approve => match &row.state {
                RequestState::Open => None,
                RequestState::Expired => {
                    Some("this request expired: ask again with `clearance request`".to_owned())
                }
                RequestState::Stale(why) => Some(format!(
                    "this request is stale ({why}): ask again with `clearance request`"
                )),
            },
            Pending::Withdraw if !same_identity(requester, &who) => Some(format!(
                "only {requester} who asked for it may withdraw this request"
            )),
            Pending::Withdraw => None,
        };
        if let Some(why) = refusal {
            self.toasts.push(Level::Warning, why, self.now);
            return;
        }
        if let Some(s) = self.screen.requests_mut() {
            s.confirm = Some((row.key, pending));
        }
    }

    fn send_request_change(&mut self, key: RequestKey, pending: Pending) -> Vec<Effect> {
        let who = self.identity.clone();
        if let Some(s) = self.screen.requests_mut() {
            s.busy = Some((key.clone(), pending));
        }
        vec![Effect::Task(match pending {
            Pending::Approve => Task::ApproveRequest { key, approver: who },
            Pending::Withdraw => Task::WithdrawRequest { key, who },
        })]
    }

    /// An approval was recorded (or refused). When the policy is now met, the approve dialog
    /// opens on the move: its checklist counts the approvals, and it moves by the safe path.
    pub(super) fn on_request_approved(
        &mut self,
        key: &RequestKey,
        result: Result<PolicyVerdict, ChangeError>,
    ) -> Vec<Effect> {
        if let Some(s) = self.screen.requests_mut() {
            s.busy = None;
        }
        let verdict = match result {
            Ok(v) => v,
            Err(e) => {
                self.toasts.push(Level::Warning, e.to_string(), self.now);
                return Vec::new();
            }
        };
        let mut fx = self.load_models();
        if verdict.allowed() {
            self.toasts.push(
                Level::Info,
                format!(
                    "Approved {}: the policy is met, confirm to move",
                    key.describe()
                ),
                self.now,
            );
            fx.extend(self.approve_request_move(key));
        } else {
            let missing: Vec<String> = verdict.unmet().map(|c| c.detail.clone()).collect();
            self.toasts.push(
                Level::Info,
                format!(
                    "Approved {}; still missing: {}",
                    key.describe(),
                    missing.join("; ")
                ),
                self.now,
            );
        }
        fx
    }

    pub(super) fn on_request_withdrawn(
        &mut self,
        key: &RequestKey,
        result: Result<Vec<String>, ChangeError>,
    ) -> Vec<Effect> {
        if let Some(s) = self.screen.requests_mut() {
            s.busy = None;
        }
        match result {
            Ok(warnings) => {
                self.toasts.push(
                    Level::Info,
                    format!("Withdrawn: {}", key.describe()),
                    self.now,
                );
                for w in warnings {
                    self.toasts.push(Level::Warning, w, self.now);
                }
                self.load_models()
            }
            Err(e) => {
                self.toasts.push(Level::Warning, e.to_string(), self.now);
                Vec::new()
            }
        }
    }

    /// Opens the approve dialog on the request's move, from the loaded model.
    fn approve_request_move(&mut self, key: &RequestKey) -> Vec<Effect> {
        let model = self
            .models
            .models
            .loaded()
            .and_then(|ms| ms.iter().find(|m| m.name == key.model))
            .cloned();
        let Some(model) = model else {
            return Vec::new();
        };
        let Some(version) = model.version(&key.version).cloned() else {
            return Vec::new();
        };
        self.approve_move(&model, &version, &key.alias)
    }
}

/// The move a request asks for, as the policy check takes it.
fn plan_of(r: &RequestRow) -> AliasPlan {
    AliasPlan {
        kind: ChangeKind::Promote,
        model: r.key.model.clone(),
        alias: r.key.alias.clone(),
        from: r.holder.clone(),
        to: r.key.version.clone(),
        candidate_alias: None,
    }
}

/// `ctrl-r` on a version: the reason of a request to move production to it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestForm {
    pub key: RequestKey,
    pub reason: TextInput,
    /// Why the form cannot be sent yet (an empty reason).
    pub error: Option<String>,
}

impl App {
    /// `ctrl-r` on Models: asks the reason of a request to move production to the selected
    /// version (not one that already holds it).
    pub(super) fn open_request_form(&mut self) {
        if self.options.read_only {
            return;
        }
        let (Some(model), Some(version)) =
            (self.models.selected_model(), self.models.selected_version())
        else {
            return;
        };
        let alias = self.settings.production_alias.clone();
        if model.aliases.get(&alias) == Some(&version.version) {
            let text = format!("{} already holds @{alias}", version.version.label());
            self.toasts.push(Level::Info, text, self.now);
            return;
        }
        let key = RequestKey {
            model: model.name.clone(),
            version: version.version.clone(),
            alias,
        };
        self.screen.open_popup(Popup::Request(RequestForm {
            key,
            reason: TextInput::default(),
            error: None,
        }));
    }

    /// `enter` in the form sends the request; a reason is required.
    pub(super) fn request_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(Popup::Request(form)) = self.screen.popup_mut() else {
            return Vec::new();
        };
        if action != Action::Confirm {
            return Vec::new();
        }
        let reason = form.reason.text.trim().to_owned();
        if reason.is_empty() {
            form.error = Some("say why the move is wanted".to_owned());
            return Vec::new();
        }
        let key = form.key.clone();
        self.screen.close_popup();
        vec![Effect::Task(Task::MakeRequest {
            key,
            requester: self.identity.clone(),
            reason,
        })]
    }

    pub(super) fn on_request_made(
        &mut self,
        key: &RequestKey,
        result: Result<PolicyVerdict, ChangeError>,
    ) -> Vec<Effect> {
        match result {
            Ok(v) => {
                let missing: Vec<String> = v.unmet().map(|c| c.detail.clone()).collect();
                let text = if missing.is_empty() {
                    format!("Requested {}", key.describe())
                } else {
                    format!(
                        "Requested {}; missing: {}",
                        key.describe(),
                        missing.join("; ")
                    )
                };
                self.toasts.push(Level::Info, text, self.now);
                self.load_models()
            }
            Err(e) => {
                self.toasts.push(Level::Warning, e.to_string(), self.now);
                Vec::new()
            }
        }
    }
}

//! The Alerts tab: what is firing for production models, since when, against which threshold;
//! recently resolved ones below. Evaluated at start (so every tab's header can show the count)
//! and again on an interval; an alert that starts firing is announced.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::cursor::Cursor;
use super::list_filter::narrow;
use super::loadable::Slot;
use super::notify::Level;
use super::view::AlertsView;
use super::{Action, App, Effect, Task, Ticket};
use crate::config::keymap::Layer;
use crate::domain::alert::Severity;
use crate::domain::alert::{Alert, AlertReport};
use crate::store::BackendError;

#[derive(Debug, Clone, Default)]
pub struct AlertsScreen {
    pub report: Slot<AlertReport>,
    pub cursor: Cursor,
    /// Keys of the alerts firing at the last evaluation (`None` before the first).
    known_firing: Option<HashSet<String>>,
    pub last_loaded: Option<DateTime<Utc>>,
    /// `/`: what narrows the list (metric, model, alias, value), empty for none.
    pub filter: String,
}

impl AlertsScreen {
    /// The alerts the filter lets through, in order; the cursor indexes these.
    pub fn shown(&self) -> Vec<&Alert> {
        self.report
            .loaded()
            .map_or_else(Vec::new, |r| narrow(&r.alerts, &self.filter, headline))
    }

    pub fn selected(&self) -> Option<&Alert> {
        self.shown().get(self.cursor.selected).copied()
    }

    /// Firing alerts and stale feeds not silenced at `now`, and the worst severity, for the
    /// header badge.
    pub fn badge(&self, now: DateTime<Utc>) -> Option<(usize, Severity)> {
        let r = self.report.loaded()?;
        Some((r.counting(now).count(), r.worst(now)?))
    }
}

/// `psi_amount of fraud-classifier@production 0.28 > 0.2`.
pub fn headline(a: &Alert) -> String {
    format!(
        "{} of {} {}",
        a.series.metric,
        a.series.subject(),
        a.rule.describe_value(a.eval.latest, a.eval.threshold)
    )
}

impl App {
    pub(super) fn load_alerts(&mut self) -> Vec<Effect> {
        if !self.options.alerts_configured {
            return Vec::new();
        }
        self.alerts.last_loaded = Some(self.now);
        let ticket = self.alerts.report.request(&mut self.tickets);
        vec![Effect::Task(Task::LoadAlerts {
            ticket,
            now: self.now,
        })]
    }

    pub(super) fn on_alerts(
        &mut self,
        ticket: Ticket,
        result: Result<AlertReport, BackendError>,
    ) -> Vec<Effect> {
        if !self.alerts.report.expects(ticket) {
            return Vec::new();
        }
        match result {
            Ok(report) => {
                let firing: HashSet<String> = report.firing().map(Alert::key).collect();
                if let Some(known) = &self.alerts.known_firing {
                    for a in report.firing().filter(|a| !known.contains(&a.key())) {
                        let level = match a.rule.severity {
                            Severity::Critical => Level::Error,
                            Severity::Warning => Level::Warning,
                        };
                        self.toasts
                            .push(level, format!("New alert: {}", headline(a)), self.now);
                    }
                }
                self.alerts.known_firing = Some(firing);
                self.alerts.report.set(report);
                let shown = self.alerts.shown().len();
                self.alerts.cursor.clamp(shown);
            }
            Err(e) => {
                let inline = self.alerts.report.fail(e.to_string());
                self.report(
                    "Evaluating alerts failed",
                    &e,
                    inline && self.tab == super::Tab::Alerts,
                );
            }
        }
        Vec::new()
    }

    /// Whether the alerts are due for their periodic evaluation.
    pub(super) fn alerts_due(&self) -> bool {
        let every = self.options.alerts_refresh_secs;
        every > 0
            && !self.alerts.report.is_loading()
            && self
                .alerts
                .last_loaded
                .is_some_and(|t| (self.now - t).num_seconds() >= every as i64)
    }

    /// Enter on an alert: the Models tab on the alert's model and version. When the version
    /// is the one production holds and the alert needs on-call, a toast offers the rollback
    /// (the Models tab's own `R` and its confirmation; nothing is offered in read-only mode).
    fn goto_alert_model(&mut self) -> Vec<Effect> {
        let Some(a) = self.alerts.selected() else {
            return Vec::new();
        };
        let (name, version, alerting) =
            (a.series.model.clone(), a.version.clone(), a.is_alerting());
        let Some(models) = self.models.models.loaded() else {
            self.toasts.push(
                Level::Warning,
                "The models are not loaded yet: try again in a moment",
                self.now,
            );
            return Vec::new();
        };
        let Some(index) = models.iter().position(|m| m.name == name) else {
            self.toasts.push(
                Level::Warning,
                format!("'{name}' is not a registered model"),
                self.now,
            );
            return Vec::new();
        };
        let model = &models[index];
        let production = model
            .version_for_alias(&self.settings.production_alias)
            .map(|v| v.version.clone());
        let version_index = version
            .as_ref()
            .and_then(|v| model.versions.iter().position(|mv| &mv.version == v));
        let offer = alerting && version.is_some() && version == production;
        self.show(|v| v.alerts = AlertsView::List);
        let fx = self.show_model(index, version_index);
        if offer && let Some(key) = self.keymap.keys_for(&[Layer::Models], Action::Rollback) {
            self.toasts.push(
                Level::Warning,
                format!(
                    "{name}@{} is the drifting version: {key} rolls it back (with confirmation)",
                    self.settings.production_alias
                ),
                self.now,
            );
        }
        fx
    }

    pub(super) fn alerts_action(&mut self, action: Action) -> Vec<Effect> {
        let len = self.alerts.shown().len();
        if self.alerts.cursor.navigate(action, len) {
            return Vec::new();
        }
        match action {
            Action::Open if len > 0 => self.show(|v| v.alerts = AlertsView::Chart),
            Action::Back => self.show(|v| v.alerts = AlertsView::List),
            Action::GotoModel => return self.goto_alert_model(),
            Action::Filter => return self.open_filter(),
            Action::Clear => {
                self.alerts.filter.clear();
                self.alerts.cursor.selected = 0;
            }
            Action::Acknowledge | Action::Silence | Action::Unacknowledge => {
                return self.answer_alert(action);
            }
            _ => {}
        }
        Vec::new()
    }
}

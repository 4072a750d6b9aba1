//! On-call's answers in the Alerts tab: `a` acknowledges the selected alert, `s` silences it
//! for a while, `u` (or the same key again) takes either back. Each opens a dialog (the
//! duration, a reason) confirmed with Enter; nothing is recorded before that. The record
//! names who (the identity approvals are recorded as), when, why and until when; the runtime
//! keeps it in the store's tags or the local file (`ops::acks`).

use crossterm::event::{KeyCode, KeyEvent};

use super::change::Phase;
use super::input::TextInput;
use super::notify::Level;
use super::popup::Popup;
use super::{Action, App, Effect, Task};
use crate::domain::alert::{Ack, AckKind, Alert};
use crate::domain::policy::{format_duration, parse_duration};

/// The silences offered with `↑` `↓`; any other duration can be typed.
pub const PRESETS: [&str; 3] = ["1h", "4h", "1d"];

/// Which field has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerField {
    Duration,
    Reason,
}

/// An answer to one alert, waiting for Enter.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerDialog {
    /// Acknowledge or silence; `None`: take back the alert's record.
    pub kind: Option<AckKind>,
    /// The alert as it was selected.
    pub alert: Alert,
    /// How long a silence lasts (`4h`, `90m`, `1d12h`).
    pub duration: TextInput,
    pub reason: TextInput,
    pub focus: AnswerField,
    pub phase: Phase,
    /// Why the last Enter did not go through.
    pub hint: Option<String>,
}

impl AnswerDialog {
    fn new(alert: Alert, kind: Option<AckKind>) -> Self {
        let silence = kind == Some(AckKind::Silenced);
        Self {
            kind,
            alert,
            duration: TextInput::with_text(if silence { PRESETS[1] } else { "" }),
            reason: TextInput::default(),
            focus: if silence {
                AnswerField::Duration
            } else {
                AnswerField::Reason
            },
            phase: Phase::Editing,
            hint: None,
        }
    }

    /// `Acknowledge`, `Silence`, `Take back`.
    pub fn title(&self) -> &'static str {
        match self.kind {
            Some(AckKind::Acknowledged) => "Acknowledge",
            Some(AckKind::Silenced) => "Silence",
            None => "Take back",
        }
    }

    /// Whether Tab moves between fields (a silence has two).
    pub fn has_fields(&self) -> bool {
        self.kind == Some(AckKind::Silenced)
    }

    fn cycle_preset(&mut self, by: isize) {
        let n = PRESETS.len().cast_signed();
        let at = PRESETS
            .iter()
            .position(|p| *p == self.duration.text.trim())
            .map_or(if by > 0 { -1 } else { n }, usize::cast_signed);
        let next = (at + by).rem_euclid(n).cast_unsigned();
        self.duration = TextInput::with_text(PRESETS[next]);
    }

    /// The record Enter would make, or why not.
    fn record(&self, by: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Ack, String> {
        let kind = self.kind.ok_or_else(|| "nothing to record".to_owned())?;
        let reason = self.reason.text.trim();
        if reason.is_empty() {
            return Err("Give a reason: it is recorded with your name".to_owned());
        }
        let until = match kind {
            AckKind::Acknowledged => None,
            AckKind::Silenced => {
                let d = parse_duration(&self.duration.text)?;
                if d.num_seconds() <= 0 {
                    return Err("A silence must last longer than 0s".to_owned());
                }
                Some(now + d)
            }
        };
        Ok(Ack::for_alert(&self.alert, kind, by, now, reason, until))
    }
}

impl App {
    /// `a`, `s`, `u` on the selected alert: the dialog for it, or taking back what stands
    /// when the same key is pressed again. Nothing in read-only mode.
    pub(super) fn answer_alert(&mut self, action: Action) -> Vec<Effect> {
        if self.options.read_only {
            return Vec::new();
        }
        let Some(alert) = self.alerts.selected().cloned() else {
            return Vec::new();
        };
        let standing = alert.answered(self.now).map(|a| a.kind);
        let kind = match (action, standing) {
            (Action::Acknowledge, Some(AckKind::Acknowledged))
            | (Action::Silence, Some(AckKind::Silenced))
            | (Action::Unacknowledge, Some(_)) => None,
            (Action::Acknowledge, _) => Some(AckKind::Acknowledged),
            (Action::Silence, _) => Some(AckKind::Silenced),
            _ => {
                self.toasts.push(
                    Level::Info,
                    "This alert is neither acknowledged nor silenced",
                    self.now,
                );
                return Vec::new();
            }
        };
        self.screen
            .open_popup(Popup::Answer(Box::new(AnswerDialog::new(alert, kind))));
        Vec::new()
    }

    /// Typing in the dialog's fields; `↑` `↓` in the duration pick a preset.
    pub(super) fn answer_typing(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let Some(Popup::Answer(d)) = self.screen.popup_mut() else {
            return None;
        };
        if d.phase != Phase::Editing || d.kind.is_none() {
            return None;
        }
        let typed = match (d.focus, key.code) {
            (AnswerField::Duration, KeyCode::Up) => {
                d.cycle_preset(-1);
                true
            }
            (AnswerField::Duration, KeyCode::Down) => {
                d.cycle_preset(1);
                true
            }
            (AnswerField::Duration, _) => d.duration.handle(key),
            (AnswerField::Reason, _) => d.reason.handle(key),
        };
        if typed {
            d.hint = None;
        }
        typed.then(Vec::new)
    }

    pub(super) fn answer_action(&mut self, action: Action) -> Vec<Effect> {
        let (now, by) = (self.now, self.identity.clone());
        let Some(Popup::Answer(d)) = self.screen.popup_mut() else {
            return Vec::new();
        };
        match (action, &d.phase) {
            (_, Phase::Working) => Vec::new(),
            (Action::Back | Action::Confirm, Phase::Finished(..)) | (Action::Back, _) => {
                self.screen.close_popup();
                Vec::new()
            }
            (Action::NextField | Action::PrevField, _) if d.has_fields() => {
                d.focus = match d.focus {
                    AnswerField::Duration => AnswerField::Reason,
                    AnswerField::Reason => AnswerField::Duration,
                };
                Vec::new()
            }
            (Action::Confirm, Phase::Editing) => {
                let task = match (&d.kind, &d.alert.ack) {
                    (None, Some(ack)) => Task::WithdrawAck { ack: ack.clone() },
                    (None, None) => {
                        self.screen.close_popup();
                        return Vec::new();
                    }
                    (Some(_), _) => match d.record(&by, now) {
                        Ok(ack) => Task::RecordAck { ack },
                        Err(hint) => {
                            d.hint = Some(hint);
                            return Vec::new();
                        }
                    },
                };
                d.phase = Phase::Working;
                vec![Effect::Task(task)]
            }
            _ => Vec::new(),
        }
    }

    /// The store answered: the tab shows the answer at once (and re-reads the alerts to be
    /// sure); a failure stays in the dialog.
    pub(super) fn on_alert_answered(
        &mut self,
        ack: &Ack,
        taken_back: bool,
        result: Result<String, crate::domain::change::ChangeError>,
    ) -> Vec<Effect> {
        let kept = match result {
            Ok(kept) => kept,
            Err(e) => {
                if let Some(Popup::Answer(d)) = self.screen.popup_mut() {
                    d.phase = Phase::Finished(Level::Error, e.to_string());
                } else {
                    self.toasts.push(Level::Error, e.to_string(), self.now);
                }
                return Vec::new();
            }
        };
        if matches!(self.screen.popup(), Some(Popup::Answer(_))) {
            self.screen.close_popup();
        }
        let selected = self.alerts.selected().map(Alert::key);
        let now = self.now;
        if let Some(report) = self.alerts.report.loaded_mut() {
            for a in report.alerts.iter_mut().filter(|a| ack.names(a)) {
                a.ack = (!taken_back).then(|| ack.clone());
            }
            report.sort(now);
        }
        // The selection stays on the same alert, where the filter shows it now.
        if let Some(i) =
            selected.and_then(|k| self.alerts.shown().iter().position(|a| a.key() == k))
        {
            self.alerts.cursor.selected = i;
        }
        let what = format!("{} of {}", ack.metric, ack.model);
        let text = match (taken_back, ack.kind, ack.until) {
            (true, _, _) => format!("Taken back: {what} is no longer {}", past(ack.kind)),
            (false, AckKind::Silenced, Some(u)) => format!(
                "Silenced {what} for {} (kept in {kept})",
                format_duration(u - ack.at)
            ),
            (false, ..) => format!("Acknowledged {what} (kept in {kept})"),
        };
        self.toasts.push(Level::Info, text, self.now);
        self.load_alerts()
    }
}

fn past(kind: AckKind) -> &'static str {
    match kind {
        AckKind::Acknowledged => "acknowledged",
        AckKind::Silenced => "silenced",
    }
}

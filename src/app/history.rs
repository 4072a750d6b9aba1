//! A model's history: who moved which alias when, from which version to which, with the gate
//! results and reasons; newest first.

use super::cursor::Cursor;
use super::list_filter::narrow;
use super::loadable::Loadable;
use super::view::ModelsView;
use super::{Action, App, Effect, Task};
use crate::domain::change::ChangeError;
use crate::domain::promotion::AuditEntry;

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryScreen {
    pub model: String,
    pub entries: Loadable<Vec<AuditEntry>>,
    pub cursor: Cursor,
    /// `/`: what narrows the records (who, why, which alias and versions), empty for none.
    pub filter: String,
}

impl HistoryScreen {
    /// The records the filter lets through, newest first; the cursor indexes these.
    pub fn shown(&self) -> Vec<&AuditEntry> {
        self.entries.loaded().map_or_else(Vec::new, |entries| {
            narrow(entries, &self.filter, |e| {
                format!(
                    "{} @{} {} {} {}",
                    e.by,
                    e.alias,
                    e.from.as_deref().unwrap_or(""),
                    e.to,
                    e.reason.as_deref().unwrap_or("")
                )
            })
        })
    }
}

impl App {
    pub(super) fn open_history(&mut self) -> Vec<Effect> {
        let Some(model) = self.models.selected_model().map(|m| m.name.clone()) else {
            return Vec::new();
        };
        let history = HistoryScreen {
            model: model.clone(),
            entries: Loadable::Loading,
            cursor: Cursor::default(),
            filter: String::new(),
        };
        self.show(|v| v.models = ModelsView::History(history));
        vec![Effect::Task(Task::LoadAudit { model })]
    }

    pub(super) fn on_audit(
        &mut self,
        model: &str,
        result: Result<Vec<AuditEntry>, ChangeError>,
    ) -> Vec<Effect> {
        if let Some(h) = self.screen.history_mut().filter(|h| h.model == model) {
            h.entries = match result {
                Ok(entries) => Loadable::Loaded(entries),
                Err(e) => Loadable::Failed(e.to_string()),
            };
        }
        Vec::new()
    }

    pub(super) fn history_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(h) = self.screen.history_mut() else {
            return Vec::new();
        };
        let len = h.shown().len();
        if h.cursor.navigate(action, len) {
            return Vec::new();
        }
        match action {
            // Esc clears a filter first, then goes back.
            Action::Back if !h.filter.is_empty() => {
                h.filter.clear();
                h.cursor.selected = 0;
            }
            Action::Back => self.show(|v| v.models = ModelsView::List),
            Action::Filter => return self.open_filter(),
            Action::Rollback => return self.rollback(),
            _ => {}
        }
        Vec::new()
    }
}

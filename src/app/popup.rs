//! Dialogs over the screens: help, the filter field, the experiment picker, the sort menu.

use crossterm::event::KeyEvent;

use super::cursor::Cursor;
use super::input::TextInput;
use super::runs::{SortKey, SortOrder};
use super::{Action, App, Effect};
use crate::domain::{Direction, Experiment, ExperimentId, ReviewSettings};

/// The dialog on top, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help(HelpPopup),
    /// Typing a runs filter.
    Filter(TextInput),
    Experiments(ExperimentPicker),
    Sort(SortMenu),
    /// Confirming a change (promote, roll back, set a baseline).
    Change(Box<super::change::ChangeDialog>),
    /// `:`: the command palette.
    Palette(super::palette::PalettePopup),
    /// Acknowledging or silencing an alert, or taking either back.
    Answer(Box<super::answer::AnswerDialog>),
    /// Asking for a move: the reason of a promotion request.
    Request(super::requests::RequestForm),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpPopup {
    pub cursor: Cursor,
}

/// Choose one or more experiments; typing narrows the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentPicker {
    pub query: TextInput,
    /// (id, name), in the order given.
    pub all: Vec<(ExperimentId, String)>,
    pub marked: Vec<ExperimentId>,
    pub cursor: Cursor,
}

impl ExperimentPicker {
    pub fn new(all: &[Experiment], current: &[ExperimentId]) -> Self {
        let all: Vec<(ExperimentId, String)> =
            all.iter().map(|e| (e.id.clone(), e.name.clone())).collect();
        let selected = all
            .iter()
            .position(|(id, _)| current.first() == Some(id))
            .unwrap_or(0);
        Self {
            query: TextInput::default(),
            all,
            marked: if current.len() > 1 {
                current.to_vec()
            } else {
                Vec::new()
            },
            cursor: Cursor {
                selected,
                ..Cursor::default()
            },
        }
    }

    /// Experiments matching the query (case-insensitive substring of name or id).
    pub fn visible(&self) -> Vec<&(ExperimentId, String)> {
        let q = self.query.text.to_lowercase();
        self.all
            .iter()
            .filter(|(id, name)| {
                q.is_empty() || name.to_lowercase().contains(&q) || id.as_str() == q
            })
            .collect()
    }
}

/// One choice of the sort menu.
#[derive(Debug, Clone, PartialEq)]
pub struct SortChoice {
    pub order: Option<SortOrder>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SortMenu {
    pub choices: Vec<SortChoice>,
    pub cursor: Cursor,
}

impl SortMenu {
    /// Newest/oldest, name, then each metric best-first and worst-first (direction-aware).
    pub fn new(metrics: &[String], settings: &ReviewSettings, current: Option<&SortOrder>) -> Self {
        let mut choices = vec![
            SortChoice {
                order: None,
                label: "newest first (default)".into(),
            },
            order(SortKey::StartTime, false, Direction::Neutral),
            order(SortKey::Name, false, Direction::Neutral),
            order(SortKey::Name, true, Direction::Neutral),
        ];
        for m in metrics {
            let dir = settings.rules.direction(m);
            // Best first: descending for higher-is-better (and neutral), ascending for lower.
            let best_desc = dir != Direction::Lower;
            choices.push(order(SortKey::Metric(m.clone()), best_desc, dir));
            choices.push(order(SortKey::Metric(m.clone()), !best_desc, dir));
        }
        let selected = choices
            .iter()
            .position(|c| c.order.as_ref() == current)
            .unwrap_or(0);
        Self {
            choices,
            cursor: Cursor {
                selected,
                ..Cursor::default()
            },
        }
    }
}

fn order(key: SortKey, descending: bool, dir: Direction) -> SortChoice {
    let o = SortOrder { key, descending };
    SortChoice {
        label: o.label(dir),
        order: Some(o),
    }
}

fn step(cursor: &mut Cursor, action: Action, len: usize) {
    cursor.navigate(action, len);
}

impl App {
    /// Text fields see keys before the keymap. `Some` when the key was typed.
    pub(super) fn popup_typing(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        if matches!(self.screen.popup(), Some(Popup::Change(_))) {
            return self.change_typing(key);
        }
        if matches!(self.screen.popup(), Some(Popup::Answer(_))) {
            return self.answer_typing(key);
        }
        match self.screen.popup_mut() {
            Some(Popup::Filter(input)) => input.handle(key).then(Vec::new),
            Some(Popup::Request(form)) => {
                let typed = form.reason.handle(key);
                if typed {
                    form.error = None;
                }
                typed.then(Vec::new)
            }
            Some(Popup::Experiments(picker)) => {
                // Arrows move in the list; everything else edits the query.
                if matches!(
                    key.code,
                    crossterm::event::KeyCode::Left | crossterm::event::KeyCode::Right
                ) {
                    return None;
                }
                let typed = picker.query.handle(key);
                if typed {
                    picker.cursor.selected = 0;
                }
                typed.then(Vec::new)
            }
            Some(Popup::Palette(palette)) => {
                let typed = palette.query.handle(key);
                if typed {
                    palette.cursor.selected = 0;
                }
                typed.then(Vec::new)
            }
            _ => None,
        }
    }

    pub(super) fn popup_action(&mut self, action: Action) -> Vec<Effect> {
        if let Some(fx) = self.dialog_action(action) {
            return fx;
        }
        let Some(popup) = self.screen.popup_mut() else {
            return Vec::new();
        };
        if action == Action::Back {
            self.screen.close_popup();
            return Vec::new();
        }
        match popup {
            Popup::Change(_) | Popup::Answer(_) => Vec::new(),
            Popup::Request(_) => self.request_action(action),
            Popup::Palette(palette) => {
                let visible = palette.visible().len();
                if action == Action::Confirm {
                    let target = palette
                        .visible()
                        .get(palette.cursor.selected)
                        .map(|e| e.target.clone());
                    self.screen.close_popup();
                    return target.map_or_else(Vec::new, |t| self.run_palette_entry(t));
                }
                step(&mut palette.cursor, action, visible);
                Vec::new()
            }
            Popup::Help(h) => {
                step(&mut h.cursor, action, usize::MAX);
                Vec::new()
            }
            Popup::Filter(input) => {
                if action == Action::Confirm {
                    let text = input.text.clone();
                    self.screen.close_popup();
                    return self.apply_list_filter(&text);
                }
                // The filters applied before are the run list's.
                if matches!(action, Action::Up | Action::Down)
                    && matches!(self.top(), super::view::Top::Runs)
                    && let Some(text) = self.filter_history_step(action == Action::Up)
                    && let Some(Popup::Filter(input)) = self.screen.popup_mut()
                {
                    *input = super::input::TextInput::with_text(&text);
                }
                Vec::new()
            }
            Popup::Sort(menu) => {
                if action == Action::Confirm {
                    let order = menu
                        .choices
                        .get(menu.cursor.selected)
                        .and_then(|c| c.order.clone());
                    self.screen.close_popup();
                    return self.apply_sort(order);
                }
                step(&mut menu.cursor, action, menu.choices.len());
                Vec::new()
            }
            Popup::Experiments(picker) => {
                let visible: Vec<ExperimentId> = picker
                    .visible()
                    .into_iter()
                    .map(|(id, _)| id.clone())
                    .collect();
                match action {
                    Action::Mark => {
                        if let Some(id) = visible.get(picker.cursor.selected) {
                            if let Some(p) = picker.marked.iter().position(|m| m == id) {
                                picker.marked.remove(p);
                            } else {
                                picker.marked.push(id.clone());
                            }
                        }
                        picker.cursor.step(1, visible.len());
                        Vec::new()
                    }
                    Action::Confirm => {
                        let chosen = if picker.marked.is_empty() {
                            visible
                                .get(picker.cursor.selected)
                                .cloned()
                                .into_iter()
                                .collect()
                        } else {
                            // Keep the list's order, not the marking order.
                            picker
                                .all
                                .iter()
                                .filter(|(id, _)| picker.marked.contains(id))
                                .map(|(id, _)| id.clone())
                                .collect()
                        };
                        self.screen.close_popup();
                        self.apply_experiments(chosen)
                    }
                    other => {
                        step(&mut picker.cursor, other, visible.len());
                        Vec::new()
                    }
                }
            }
        }
    }

    /// The dialogs that handle their own keys: a change's confirmation, an alert's answer.
    fn dialog_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        match self.screen.popup() {
            Some(Popup::Change(_)) => Some(self.change_action(action)),
            Some(Popup::Answer(_)) => Some(self.answer_action(action)),
            _ => None,
        }
    }
}

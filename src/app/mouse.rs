//! The mouse: a click selects a row, switches tabs or sorts by a column; the wheel moves
//! through the list under the pointer.
//!
//! `update` stays pure and never sees the screen, so what lies under the pointer comes with
//! the event: the ui records where it drew the tabs, the lists and the sortable column
//! headers in a [`Hits`] while drawing a frame (a value it returns, not state it writes), the
//! runtime keeps the last one and hands it in with each mouse event ([`Mouse`]). A click
//! therefore lands on what the person saw. Moving to a row goes through the same actions as
//! the keys (down and up until it is selected), so a click loads and fetches what a key
//! press would.

use super::models::Focus;
use super::runs::{SortKey, SortOrder};
use super::{Action, App, Effect, Tab};
use crate::domain::Direction;

/// A rectangle of the screen, in cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(self, column: u16, row: u16) -> bool {
        column >= self.x
            && row >= self.y
            && u32::from(column) < u32::from(self.x) + u32::from(self.width)
            && u32::from(row) < u32::from(self.y) + u32::from(self.height)
    }
}

/// A list whose rows a click selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Runs,
    /// The Models tab's list of models.
    Models,
    /// The Models tab's versions of the selected model.
    Versions,
    Alerts,
    Prs,
    /// A model's history of alias moves.
    History,
    /// The Models tab's promotion requests.
    Requests,
}

/// Where a list's rows were drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListArea {
    pub pane: Pane,
    /// The rows, without the header.
    pub rows: Area,
    /// The index of the first row drawn.
    pub first: usize,
    /// How many rows the list has.
    pub len: usize,
}

/// Where the last frame drew what a click can land on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    pub tabs: Vec<(Area, Tab)>,
    pub lists: Vec<ListArea>,
    /// Column headers a click sorts by (the Runs table).
    pub headers: Vec<(Area, SortKey)>,
}

impl Hits {
    fn tab(&self, column: u16, row: u16) -> Option<Tab> {
        self.tabs
            .iter()
            .find(|(a, _)| a.contains(column, row))
            .map(|(_, t)| *t)
    }

    fn header(&self, column: u16, row: u16) -> Option<&SortKey> {
        self.headers
            .iter()
            .find(|(a, _)| a.contains(column, row))
            .map(|(_, k)| k)
    }

    fn list(&self, column: u16, row: u16) -> Option<&ListArea> {
        self.lists.iter().find(|l| l.rows.contains(column, row))
    }
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    WheelUp,
    WheelDown,
}

/// A mouse event, with where the frame it landed on drew things.
#[derive(Debug, Clone, PartialEq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
    pub hits: Hits,
}

impl App {
    pub(super) fn on_mouse(&mut self, m: &Mouse) -> Vec<Effect> {
        if self.screen.is_start() {
            return Vec::new();
        }
        let wheel = match m.kind {
            MouseKind::Click => None,
            MouseKind::WheelUp => Some(Action::Up),
            MouseKind::WheelDown => Some(Action::Down),
        };
        // A dialog has the input: the wheel moves in it, a click outside it does nothing.
        if self.screen.popup().is_some() {
            return wheel.map_or_else(Vec::new, |a| self.on_action(a));
        }
        if let Some(action) = wheel {
            if let Some(list) = m.hits.list(m.column, m.row) {
                self.focus(list.pane);
            }
            return self.on_action(action);
        }
        if let Some(tab) = m.hits.tab(m.column, m.row) {
            return self.goto_tab(tab.index());
        }
        if let Some(key) = m.hits.header(m.column, m.row) {
            let key = key.clone();
            return self.sort_by_column(key);
        }
        if let Some(list) = m.hits.list(m.column, m.row).copied() {
            let index = list.first + usize::from(m.row - list.rows.y);
            if index < list.len {
                return self.select_row(list.pane, index);
            }
        }
        Vec::new()
    }

    /// The Models tab's pane under the pointer takes the focus.
    fn focus(&mut self, pane: Pane) {
        match pane {
            Pane::Models => self.models.focus = Focus::Models,
            Pane::Versions => self.models.focus = Focus::Versions,
            Pane::Runs | Pane::Alerts | Pane::Prs | Pane::History | Pane::Requests => {}
        }
    }

    /// Selects row `index` of `pane` as the keys would: down or up until it is selected.
    fn select_row(&mut self, pane: Pane, index: usize) -> Vec<Effect> {
        self.focus(pane);
        // A click elsewhere says no to the question on the selected request, as a key
        // would, but moves all the way to the row clicked.
        if pane == Pane::Requests
            && let Some(r) = self.screen.requests_mut()
        {
            r.confirm = None;
        }
        let selected = match pane {
            Pane::Runs => self.runs.cursor.selected,
            Pane::Models => self.models.model_cursor.selected,
            Pane::Versions => self.models.version_cursor.selected,
            Pane::Alerts => self.alerts.cursor.selected,
            Pane::Prs => self.prs.cursor.selected,
            Pane::History => self.screen.history().map_or(0, |h| h.cursor.selected),
            Pane::Requests => self.screen.requests().map_or(0, |r| r.cursor.selected),
        };
        let (action, steps) = if index >= selected {
            (Action::Down, index - selected)
        } else {
            (Action::Up, selected - index)
        };
        let mut fx = Vec::new();
        for _ in 0..steps {
            fx.extend(self.on_action(action));
        }
        fx
    }

    /// A click on a column header sorts by it; a second click on the column sorted by turns
    /// the order around. A metric sorts best first, then worst first; the name A→Z, then Z→A;
    /// the age oldest first, then back to the default (newest first).
    fn sort_by_column(&mut self, key: SortKey) -> Vec<Effect> {
        let current = self.runs.order.clone();
        let order = match &key {
            SortKey::StartTime => match current {
                Some(SortOrder {
                    key: SortKey::StartTime,
                    descending: false,
                }) => None,
                _ => Some(SortOrder {
                    key,
                    descending: false,
                }),
            },
            SortKey::Name | SortKey::Metric(_) => {
                let best_desc = match &key {
                    SortKey::Metric(m) => self.settings.rules.direction(m) != Direction::Lower,
                    SortKey::Name | SortKey::StartTime => false,
                };
                let descending = match current {
                    Some(o) if o.key == key => !o.descending,
                    _ => best_desc,
                };
                Some(SortOrder { key, descending })
            }
        };
        self.apply_sort(order)
    }
}

//! `/` on the lists other than Runs (models, alerts, changes, a model's history, requests): narrows the loaded rows as the palette
//! narrows its entries, by the same fuzzy match ([`super::palette::fuzzy_score`]): every
//! typed character in order, case-insensitive. The run list's filter runs on the server
//! instead (it covers runs not loaded yet); these lists are loaded whole.

use super::input::TextInput;
use super::palette::fuzzy_score;
use super::popup::Popup;
use super::view::Top;
use super::{App, Effect};

/// The rows of `items` whose text matches `query` (all of them for an empty query), in order.
pub fn narrow<'a, T>(items: &'a [T], query: &str, text: impl Fn(&T) -> String) -> Vec<&'a T> {
    items
        .iter()
        .filter(|i| query.trim().is_empty() || fuzzy_score(query.trim(), &text(i)).is_some())
        .collect()
}

impl App {
    /// Whether `/` filters the list on top, and the filter it has now.
    fn list_filter(&self) -> Option<&str> {
        match self.top() {
            Top::Runs => Some(
                self.runs
                    .filter
                    .as_ref()
                    .map_or("", crate::domain::filter::RunFilter::text),
            ),
            Top::Models => Some(&self.models.filter),
            Top::Prs => Some(&self.prs.filter),
            Top::History(h) => Some(&h.filter),
            Top::Alerts => Some(&self.alerts.filter),
            Top::Requests(r) => Some(&r.filter),
            Top::Start(_) | Top::AlertChart | Top::PrDetail(_) | Top::Compare(..) => None,
        }
    }

    /// `/`: the filter line, with the list's filter in it.
    pub(super) fn open_filter(&mut self) -> Vec<Effect> {
        if let Some(text) = self.list_filter() {
            let input = TextInput::with_text(text);
            self.runs.history_pos = None;
            self.screen.open_popup(Popup::Filter(input));
        }
        Vec::new()
    }

    /// The filter line was confirmed: the list on top takes `text` (empty clears it).
    pub(super) fn apply_list_filter(&mut self, text: &str) -> Vec<Effect> {
        let text = text.trim().to_owned();
        match self.top() {
            Top::Runs => self.apply_filter(&text),
            Top::Models => self.filter_models(text),
            Top::Prs => {
                self.prs.filter = text;
                self.prs.cursor.selected = 0;
                self.prs.cursor.offset.set(0);
                Vec::new()
            }
            Top::History(_) => {
                if let Some(h) = self.screen.history_mut() {
                    h.filter = text;
                    h.cursor.selected = 0;
                    h.cursor.offset.set(0);
                }
                Vec::new()
            }
            Top::Alerts => {
                self.alerts.filter = text;
                self.alerts.cursor.selected = 0;
                self.alerts.cursor.offset.set(0);
                Vec::new()
            }
            Top::Requests(_) => {
                if let Some(r) = self.screen.requests_mut() {
                    r.filter = text;
                    r.cursor.selected = 0;
                    r.cursor.offset.set(0);
                }
                Vec::new()
            }
            Top::Start(_) | Top::AlertChart | Top::PrDetail(_) | Top::Compare(..) => Vec::new(),
        }
    }
}

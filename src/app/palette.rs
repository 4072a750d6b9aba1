//! `:`: the command palette. Every action that does something where the user is, with its
//! keys and description taken from the keymap (so it cannot drift from the keys), and "go to"
//! entries for the models and experiments loaded. Typing narrows the list by a fuzzy match;
//! Enter runs the entry through the same path as its key.

use super::cursor::Cursor;
use super::input::TextInput;
use super::{Action, App, Effect, Msg};
use crate::domain::ExperimentId;

/// What an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Action(Action),
    /// The Models tab on this model (its index in the loaded list).
    Model(usize),
    Experiment(ExperimentId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    /// The keys that do the same (`ctrl-r`, `g g`), empty for "go to" entries.
    pub keys: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PalettePopup {
    pub query: TextInput,
    pub entries: Vec<Entry>,
    pub cursor: Cursor,
}

impl PalettePopup {
    /// The entries matching the query, best first (all of them, in order, for no query).
    pub fn visible(&self) -> Vec<&Entry> {
        let q = self.query.text.trim();
        let mut scored: Vec<(i64, usize, &Entry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| fuzzy_score(q, &e.label).map(|s| (s, i, e)))
            .collect();
        scored.sort_by_key(|(s, i, _)| (std::cmp::Reverse(*s), *i));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }
}

/// How well `query` matches `text`: every character of the query must appear in order
/// (case-insensitive); a contiguous match, an early one and one at word starts score higher.
/// `None` when it does not match.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i64> {
    let q: Vec<char> = query.to_lowercase().chars().filter(|c| *c != ' ').collect();
    if q.is_empty() {
        return Some(0);
    }
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0_i64;
    let mut qi = 0;
    let mut last: Option<usize> = None;
    for (i, c) in t.iter().enumerate() {
        if qi < q.len() && *c == q[qi] {
            score += 1;
            if last.is_some_and(|l| l + 1 == i) {
                score += 5;
            }
            if i == 0 || !t[i - 1].is_alphanumeric() {
                score += 3;
            }
            last = Some(i);
            qi += 1;
        }
    }
    if qi < q.len() {
        return None;
    }
    if let Some(at) = text.to_lowercase().find(&query.to_lowercase()) {
        score += 20 - i64::try_from(at.min(20)).unwrap_or(20);
    }
    Some(score)
}

impl App {
    /// The palette's entries where the user is: the actions of the current route that do
    /// something here (from the keymap, with their descriptions), then one "go to" entry per
    /// loaded model and experiment.
    fn palette_entries(&self) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        for layer in self.route() {
            for h in self.keymap.summary(layer) {
                if h.action == Action::Palette
                    || !self.available(h.action)
                    || out.iter().any(|e| e.target == Target::Action(h.action))
                {
                    continue;
                }
                out.push(Entry {
                    label: self.describe(h.action, &h.desc),
                    keys: h.keys.join(" "),
                    target: Target::Action(h.action),
                });
            }
        }
        if let Some(models) = self.models.models.loaded() {
            out.extend(models.iter().enumerate().map(|(i, m)| Entry {
                label: format!("Go to model {}", m.name),
                keys: String::new(),
                target: Target::Model(i),
            }));
        }
        if let Some(experiments) = self.runs.experiments.loaded() {
            out.extend(experiments.iter().map(|e| Entry {
                label: format!("Go to experiment {}", e.name),
                keys: String::new(),
                target: Target::Experiment(e.id.clone()),
            }));
        }
        out
    }

    pub(super) fn open_palette(&mut self) -> Vec<Effect> {
        let entries = self.palette_entries();
        self.screen
            .open_popup(super::popup::Popup::Palette(PalettePopup {
                query: TextInput::default(),
                entries,
                cursor: Cursor::default(),
            }));
        Vec::new()
    }

    /// Runs the chosen entry (the palette is closed already): an action goes through
    /// `update` as if its key had been pressed.
    pub(super) fn run_palette_entry(&mut self, target: Target) -> Vec<Effect> {
        match target {
            Target::Action(a) => self.update(Msg::Action(a)),
            Target::Model(i) => self.show_model(i, None),
            Target::Experiment(id) => {
                let mut fx = self.update(Msg::Action(Action::Tab1));
                fx.extend(self.apply_experiments(vec![id]));
                fx
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::empty("", "Roll back production", Some(0))]
    #[case::no_match("zz", "Roll back production", None)]
    #[case::out_of_order("kcab", "Roll back production", None)]
    fn matches_in_order(#[case] q: &str, #[case] text: &str, #[case] some: Option<i64>) {
        assert_eq!(fuzzy_score(q, text).is_some(), some.is_some());
    }

    #[test]
    fn contiguous_and_word_start_matches_rank_first() {
        let s = |q, t| fuzzy_score(q, t).unwrap();
        assert!(s("roll", "Roll back production") > s("roll", "Go to model fraud-roller"));
        assert!(s("rb", "Roll back production") > s("rb", "Refresh tab bar"));
        assert!(s("fraud", "Go to model fraud-classifier") > s("fraud", "Go to model f-r-a-u-d"));
    }
}

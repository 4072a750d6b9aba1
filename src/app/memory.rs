//! What the Runs tab remembers between sessions: the filters typed (for up/down in the filter
//! line) and how far the metric columns were scrolled, per store and experiments. The app
//! only asks for it to be written ([`super::LoopEffect::Remember`]); the runtime reads and
//! writes the file (`<state dir>/tui-memory.json`).

use serde::{Deserialize, Serialize};

/// Filters kept for up/down in the filter line.
pub const FILTER_HISTORY: usize = 50;
/// Column positions kept (the most recently changed stay).
const COLUMN_OFFSETS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    /// Filters applied, oldest first, without repeats.
    pub filter_history: Vec<String>,
    /// Metric columns scrolled off to the left, by store and experiments
    /// (`MLflow at http://host · fraud-detection`), in the order they were last changed.
    pub column_offsets: Vec<(String, usize)>,
}

impl Memory {
    /// Adds a filter as the newest, dropping an earlier copy and the oldest past the bound.
    pub fn push_filter(&mut self, text: &str) {
        let h = &mut self.filter_history;
        h.retain(|t| t != text);
        h.push(text.to_owned());
        if h.len() > FILTER_HISTORY {
            h.remove(0);
        }
    }

    pub fn column_offset(&self, key: &str) -> usize {
        self.column_offsets
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, n)| *n)
    }

    pub fn set_column_offset(&mut self, key: &str, offset: usize) {
        self.column_offsets.retain(|(k, _)| k != key);
        if offset > 0 {
            self.column_offsets.push((key.to_owned(), offset));
        }
        if self.column_offsets.len() > COLUMN_OFFSETS {
            self.column_offsets.remove(0);
        }
    }

    /// Reads what a previous session wrote; anything unreadable is forgotten (it is only a
    /// convenience), with the reason for the log.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let mut m: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        m.filter_history.truncate(FILTER_HISTORY);
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_bounded_and_unique_and_offsets_round_trip() {
        let mut m = Memory::default();
        for i in 0..60 {
            m.push_filter(&format!("f{i}"));
        }
        m.push_filter("f10");
        assert_eq!(m.filter_history.len(), FILTER_HISTORY);
        assert_eq!(m.filter_history.last().unwrap(), "f10");
        m.set_column_offset("s · a", 3);
        m.set_column_offset("s · b", 1);
        m.set_column_offset("s · b", 0);
        assert_eq!((m.column_offset("s · a"), m.column_offset("s · b")), (3, 0));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(Memory::from_json(&json).unwrap(), m);
        assert!(Memory::from_json("{not json").is_err());
        assert_eq!(Memory::from_json("{}").unwrap(), Memory::default());
    }
}

//! A one-line text field (the filter, the picker's query).
//!
//! Text fields see raw keys before the keymap, as typing must win over bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Editable text with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    pub cursor: usize,
}

impl TextInput {
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing key; returns false for keys a text field does not use (Enter,
    /// Esc, arrows up/down...), which then go to the keymap.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(c) if !ctrl && !alt => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            // At either end of the text there is nothing to delete; the key is still used.
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }

    fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut TextInput, code: KeyCode, mods: KeyModifiers) -> bool {
        input.handle(&KeyEvent::new(code, mods))
    }

    #[test]
    fn edits_unicode_text() {
        let mut t = TextInput::default();
        for c in "模型 v2".chars() {
            press(&mut t, KeyCode::Char(c), KeyModifiers::NONE);
        }
        assert_eq!(t.text, "模型 v2");
        press(&mut t, KeyCode::Left, KeyModifiers::NONE);
        press(&mut t, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!((t.text.as_str(), t.cursor), ("模型 2", 3));
        press(&mut t, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            (t.text.as_str(), t.cursor),
            ("2", 0),
            "ctrl-w takes the word and its space"
        );
        press(&mut t, KeyCode::End, KeyModifiers::NONE);
        press(&mut t, KeyCode::Char('β'), KeyModifiers::NONE);
        press(&mut t, KeyCode::Home, KeyModifiers::NONE);
        press(&mut t, KeyCode::Delete, KeyModifiers::NONE);
        assert_eq!(t.text, "β");
        press(&mut t, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(t, TextInput::default());
        assert!(!press(&mut t, KeyCode::Enter, KeyModifiers::NONE));
        assert!(!press(&mut t, KeyCode::Up, KeyModifiers::NONE));
    }
}

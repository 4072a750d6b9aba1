//! Stored text on its way to a terminal or a pull request.
//!
//! Run and experiment names, audit records, pull request titles and params come from stores
//! and code hosts that anyone with write access fills. A control character in them (ESC
//! starting an OSC title or a clear-screen sequence, a carriage return overprinting a line)
//! must never reach a terminal as one. Every text output of the commands and every Markdown
//! report goes through [`printable`] or [`printable_lines`]; JSON keeps the exact bytes.
//!
//! The TUI keeps the same rule through ratatui, whose buffer drops any grapheme holding a
//! control character; a command line has no such buffer, so here each control character is
//! replaced by a visible stand-in of one column, which keeps tables aligned and shows that
//! something was there.

use std::borrow::Cow;

/// The stand-in for a control character, or `None` for any other character.
///
/// C0 controls and DEL become their Unicode control pictures (`␛` for ESC, `␇` for BEL, `␍`
/// for CR, `␊` for LF, `␉` for TAB); C1 controls, which have none (and of which U+009B is a
/// one-byte CSI), become `�`.
pub fn stand_in(c: char) -> Option<char> {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `s` with every control character replaced by its [`stand_in`]: one line, for a table cell
/// or a message.
pub fn printable(s: &str) -> Cow<'_, str> {
    neutralise(s, false)
}

/// As [`printable`], but line feeds stay line breaks: for text of several lines (a report, a
/// pull request body).
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    neutralise(s, true)
}

fn neutralise(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| stand_in(c).is_some() && !(keep_newlines && c == '\n');
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match stand_in(c) {
                Some(_) if keep_newlines && c == '\n' => c,
                Some(picture) => picture,
                None => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use unicode_width::UnicodeWidthStr;

    use super::*;

    #[rstest]
    #[case::plain("xgb-depth8 模型", "xgb-depth8 模型")]
    #[case::osc_title("\u{1b}]0;pwned\u{7}run", "␛]0;pwned␇run")]
    #[case::clear_screen("\u{1b}[2J\u{1b}[Hrun", "␛[2J␛[Hrun")]
    #[case::overprint("ok\rFAIL", "ok␍FAIL")]
    #[case::newline_and_tab("a\nb\tc", "a␊b␉c")]
    #[case::nul_and_del("\0\u{7f}", "␀␡")]
    #[case::c1_csi("\u{9b}31mred", "\u{fffd}31mred")]
    fn control_characters_become_visible_stand_ins(#[case] raw: &str, #[case] shown: &str) {
        assert_eq!(printable(raw), shown);
    }

    #[test]
    fn lines_keep_their_breaks_and_nothing_else() {
        assert_eq!(printable_lines("one\u{1b}[2K\ntwo\r\n"), "one␛[2K\ntwo␍\n");
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(printable("clean"), Cow::Borrowed("clean")));
        assert!(matches!(printable_lines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_control_character_is_replaced_by_one_printable_column() {
        for c in (0..=0x0010_ffff_u32).filter_map(char::from_u32) {
            let s = c.to_string();
            let shown = printable(&s);
            assert!(
                !shown.chars().any(char::is_control),
                "{c:?} reached the output"
            );
            if c.is_control() {
                assert_eq!(shown.width(), 1, "{c:?} -> {shown:?}");
            }
        }
    }
}

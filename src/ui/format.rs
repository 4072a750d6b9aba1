//! Small formatting helpers shared by the views.

use chrono::{DateTime, Utc};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::config::theme::Theme;
use crate::domain::RunStatus;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// A spinner frame for the clock (10 frames a second).
pub fn spinner(now: DateTime<Utc>) -> &'static str {
    SPINNER[(now.timestamp_millis() / 100).rem_euclid(10) as usize]
}

/// `45s`, `12m`, `3h`, `5d`, `3w`, `4mo`, `2y`.
pub fn age(now: DateTime<Utc>, then: Option<DateTime<Utc>>) -> String {
    let Some(then) = then else {
        return "—".into();
    };
    let s = (now - then).num_seconds();
    if s < 0 {
        return "now".into();
    }
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        86_400..1_209_600 => format!("{}d", s / 86_400),
        1_209_600..5_184_000 => format!("{}w", s / 604_800),
        5_184_000..31_536_000 => format!("{}mo", s / 2_592_000),
        _ => format!("{}y", s / 31_536_000),
    }
}

/// A run status as an icon and a word, styled.
pub fn status<'a>(s: &RunStatus, theme: &Theme, short: bool) -> Span<'a> {
    let (icon, word, style) = match s {
        RunStatus::Finished => ("✓", "done", theme.muted),
        RunStatus::Failed => ("✗", "failed", theme.error),
        RunStatus::Running => ("▶", "running", theme.accent),
        RunStatus::Scheduled => ("◷", "queued", theme.muted),
        RunStatus::Killed => ("■", "killed", theme.warning),
        RunStatus::Other(_) => ("?", "other", theme.muted),
    };
    if short {
        Span::styled(icon.to_owned(), style)
    } else {
        Span::styled(format!("{icon} {word}"), style)
    }
}

/// Cuts `s` to `width` display columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Splits `text` into lines of at most `width` display columns, at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than the line is cut into pieces.
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps a styled line to `width` columns at spaces where it can (a longer word is cut);
/// continuation lines keep the line's leading indent, so a wrapped detail still reads as part
/// of its item, which ratatui's own wrapping loses.
pub fn wrap_line<'a>(line: &Line<'a>, width: usize) -> Vec<Line<'a>> {
    let width = width.max(1);
    if line.width() <= width {
        return vec![line.clone()];
    }
    // Runs of spaces and of other characters, each with its span's style.
    let mut tokens: Vec<(String, Style, bool)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let space = c == ' ';
            match tokens.last_mut() {
                Some((t, s, sp)) if *sp == space && *s == style => t.push(c),
                _ => tokens.push((c.to_string(), style, space)),
            }
        }
    }
    let lead: usize = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .take_while(|c| *c == ' ')
        .count();
    let indent = " ".repeat(lead.min(width / 2));
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut cur: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    let mut has_word = false;
    let mut space: Option<(String, Style)> = None;
    // Ends the current line and starts the next at the indent.
    let new_line = |lines: &mut Vec<Line<'a>>, cur: &mut Vec<Span<'a>>| {
        lines.push(Line::from(std::mem::take(cur)));
        cur.push(Span::raw(indent.clone()));
        indent.width()
    };
    for (tok, style, is_space) in tokens {
        if is_space {
            if has_word {
                space = Some((tok, style));
            } else if lines.is_empty() {
                used += tok.width();
                cur.push(Span::styled(tok, style));
            }
            continue;
        }
        let gap = space.as_ref().map_or(0, |(s, _)| s.width());
        if used + gap + tok.width() > width && has_word {
            space = None;
            used = new_line(&mut lines, &mut cur);
            has_word = false;
        }
        if let Some((s, st)) = space.take() {
            used += s.width();
            cur.push(Span::styled(s, st));
        }
        let mut piece = String::new();
        for c in tok.chars() {
            let cw = c.width().unwrap_or(0);
            if used + piece.width() + cw > width && (has_word || !piece.is_empty()) {
                cur.push(Span::styled(std::mem::take(&mut piece), style));
                used = new_line(&mut lines, &mut cur);
                has_word = false;
            }
            piece.push(c);
        }
        used += piece.width();
        cur.push(Span::styled(piece, style));
        has_word = true;
    }
    if has_word || lines.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

/// A box of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A key hint: the key in the key style, the words muted.
pub fn hint<'a>(key: &str, desc: &str, theme: &Theme) -> [Span<'a>; 2] {
    [
        Span::styled(key.to_owned(), theme.key),
        Span::styled(format!(" {desc}"), theme.muted),
    ]
}

/// The style for a plain value cell.
pub fn plain(theme: &Theme) -> Style {
    theme.text
}

/// What a list's title says of its `/` filter: `3 of 12 /fraud `.
pub fn filtered(shown: usize, all: usize, filter: &str) -> String {
    format!("{shown} of {all} /{filter} ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_truncation() {
        let now = DateTime::from_timestamp(10_000_000, 0).unwrap();
        let ago = |s: i64| age(now, DateTime::from_timestamp(10_000_000 - s, 0));
        assert_eq!(
            [
                ago(5),
                ago(300),
                ago(7200),
                ago(3 * 86_400),
                ago(21 * 86_400),
                ago(90 * 86_400)
            ],
            ["5s", "5m", "2h", "3d", "3w", "3mo"]
        );
        assert_eq!(age(now, None), "—");
        assert_eq!(truncate("xgboost-depth8", 8), "xgboost…");
        assert_eq!(truncate("模型模型", 5), "模型…");
        assert_eq!(truncate("ab", 5), "ab");
        assert_eq!(
            wrap("promote fraud v4 now", 9),
            ["promote", "fraud v4", "now"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        let l = Line::from(vec![
            Span::raw("  tolerance "),
            Span::styled("exact · not gated", Style::default().dim()),
        ]);
        let text = |ls: Vec<Line>| ls.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            text(wrap_line(&l, 18)),
            ["  tolerance exact", "  · not gated"],
            "continuations keep the indent"
        );
        assert_eq!(wrap_line(&l, 18)[1].spans[1].style, Style::default().dim());
        assert_eq!(
            text(wrap_line(&Line::from("  abcdefghij"), 6)),
            ["  abcd", "  efgh", "  ij"]
        );
        assert_eq!(text(wrap_line(&Line::from("short"), 6)), ["short"]);
    }
}

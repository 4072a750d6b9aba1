//! A rendered buffer as text plus its style runs, for snapshots where colour carries meaning.
//!
//! `TestBackend`'s own text records symbols only. codex-rs pins colours by rendering through a
//! VT100 backend and asserting on ANSI output; here the buffer is read directly and written
//! compactly: the rows, then per row the runs of cells that share one style other than the
//! default, as `[start..end style] text` (cell columns, end exclusive). Adjacent cells of equal
//! style merge into one run, so a cell painted differently splits or recolours a run.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Longest run text written out; the column range is exact either way.
const RUN_TEXT: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Look {
    fn is_default(self) -> bool {
        self.fg == Color::Reset && self.bg == Color::Reset && self.modifier.is_empty()
    }

    fn describe(self) -> String {
        let mut words = Vec::new();
        if self.fg != Color::Reset {
            words.push(format!("fg={}", self.fg));
        }
        if self.bg != Color::Reset {
            words.push(format!("bg={}", self.bg));
        }
        for (name, _) in self.modifier.iter_names() {
            words.push(name.to_lowercase());
        }
        words.join(" ")
    }
}

struct Run {
    start: usize,
    end: usize,
    look: Look,
    text: String,
}

/// One row's runs. The cells a wide symbol covers beyond its first continue its run.
fn runs(buf: &Buffer, y: u16) -> (String, Vec<Run>) {
    let area = buf.area;
    let mut row = String::new();
    let mut out: Vec<Run> = Vec::new();
    let mut covered = 0;
    let mut look = None;
    for (col, x) in (area.left()..area.right()).enumerate() {
        let cell = &buf[(x, y)];
        let text = if covered > 0 {
            covered -= 1;
            ""
        } else {
            let symbol = cell.symbol();
            covered = symbol.width().saturating_sub(1);
            look = Some(Look {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            });
            symbol
        };
        row.push_str(text);
        let Some(look) = look else { continue };
        match out.last_mut() {
            Some(r) if r.end == col && r.look == look => {
                r.end = col + 1;
                r.text.push_str(text);
            }
            _ => out.push(Run {
                start: col,
                end: col + 1,
                look,
                text: text.to_owned(),
            }),
        }
    }
    out.retain(|r| !r.look.is_default());
    (row, out)
}

/// The buffer's rows, then a `styles` section listing each row's non-default style runs.
pub fn render(buf: &Buffer) -> String {
    let area = buf.area;
    let mut text = String::new();
    let mut styles = String::new();
    for (n, y) in (area.top()..area.bottom()).enumerate() {
        let (row, runs) = runs(buf, y);
        let _ = writeln!(text, "{row}");
        if runs.is_empty() {
            continue;
        }
        let _ = write!(styles, "{n:>3}");
        for r in runs {
            let shown: String = if r.text.chars().count() > RUN_TEXT {
                let mut s: String = r.text.chars().take(RUN_TEXT - 1).collect();
                s.push('…');
                s
            } else {
                r.text
            };
            let _ = write!(
                styles,
                "  [{}..{} {}] {:?}",
                r.start,
                r.end,
                r.look.describe(),
                shown
            );
        }
        styles.push('\n');
    }
    format!("{text}--- styles: [columns style] text, default style left out ---\n{styles}")
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::render;

    fn buffer(width: u16, paint: impl Fn(&mut Buffer)) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        paint(&mut buf);
        buf
    }

    #[test]
    fn equal_neighbours_merge_and_the_default_style_is_left_out() {
        let buf = buffer(12, |b| {
            b.set_string(0, 0, "ok", Style::new());
            b.set_string(3, 0, "bad", Style::new().red().bold());
            b.set_string(6, 0, "!", Style::new().red().bold());
            b.set_string(8, 0, "sel", Style::new().on_blue().reversed());
        });
        assert_eq!(
            render(&buf),
            "ok bad! sel \n--- styles: [columns style] text, default style left out ---\n  \
             0  [3..7 fg=Red bold] \"bad!\"  [8..11 bg=Blue reversed] \"sel\"\n"
        );
    }

    /// The point of the helper: the same symbols in another colour are another snapshot.
    #[test]
    fn a_recoloured_verdict_changes_the_output() {
        let paint = |c: Color| {
            buffer(8, move |b| {
                b.set_string(0, 0, "▼ worse", Style::new().fg(c));
            })
        };
        assert_ne!(render(&paint(Color::Red)), render(&paint(Color::Green)));
        assert!(render(&paint(Color::Red)).contains("[0..7 fg=Red] \"▼ worse\""));
    }

    /// A wide symbol covers two cells: columns stay cell columns, the text is written once.
    #[test]
    fn wide_symbols_keep_columns_and_runs_whole() {
        let buf = buffer(6, |b| {
            b.set_string(0, 0, "漢x", Style::new().green());
            b.set_string(4, 0, "y", Style::new().green());
        });
        let out = render(&buf);
        assert!(out.starts_with("漢x y \n"), "{out}");
        assert!(
            out.contains("  [0..3 fg=Green] \"漢x\"  [4..5 fg=Green] \"y\""),
            "{out}"
        );
    }

    #[test]
    fn long_runs_are_cut_but_keep_their_exact_columns() {
        let buf = buffer(60, |b| {
            b.set_string(0, 0, "─".repeat(60), Style::new().dim());
        });
        let out = render(&buf);
        assert!(
            out.contains(&format!("[0..60 dim] \"{}…\"", "─".repeat(31))),
            "{out}"
        );
    }
}

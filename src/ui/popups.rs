//! The filter field, the experiment picker and the sort menu.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::format::{centered, truncate};
use crate::app::App;
use crate::app::input::TextInput;
use crate::app::popup::{ExperimentPicker, SortMenu};
use crate::config::theme::Theme;

/// Draws a text field and places the terminal cursor in it.
pub(super) fn field(frame: &mut Frame, area: Rect, prompt: &str, input: &TextInput, theme: &Theme) {
    let before: String = input.text.chars().take(input.cursor).collect();
    let room = (area.width as usize).saturating_sub(prompt.width() + 1);
    // Scroll long text so the cursor stays visible.
    let skip = before.width().saturating_sub(room);
    let shown: String = input.text.chars().skip(skip).collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt.to_owned(), theme.accent),
            Span::styled(shown, theme.text),
        ])),
        area,
    );
    let x = area.x + (prompt.width() + before.width() - skip).min(area.width as usize) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

/// The filter line: `what` is filtered (`runs`, `models`), and how (`hint`).
pub fn render_filter(
    frame: &mut Frame,
    area: Rect,
    input: &TextInput,
    (what, hint): (&str, &str),
    theme: &Theme,
) {
    let w = area.width.saturating_sub(4).min(100);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 2.min(area.height.saturating_sub(4)),
        width: w,
        height: 4.min(area.height),
    };
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(format!(" Filter {what} "), theme.title))
        .title_bottom(Line::from(Span::styled(
            " enter applies · esc cancels ",
            theme.muted,
        )));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    if inner.height > 0 {
        field(frame, Rect { height: 1, ..inner }, "/ ", input, theme);
    }
    if inner.height > 1 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(hint, inner.width as usize),
                theme.muted,
            )),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
}

/// A bordered popup at `rect` titled `title` and `hint`, with a search line (`prompt`,
/// `query`) on top; returns where its list goes (`None` when there is no room).
pub(super) fn search_popup(
    frame: &mut Frame,
    rect: Rect,
    (title, hint): (&str, &str),
    (prompt, query): (&str, &TextInput),
    theme: &Theme,
) -> Option<Rect> {
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(title.to_owned(), theme.title))
        .title_bottom(Line::from(Span::styled(hint.to_owned(), theme.muted)));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return None;
    }
    field(frame, Rect { height: 1, ..inner }, prompt, query, theme);
    Some(Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    })
}

pub fn render_experiments(frame: &mut Frame, area: Rect, picker: &ExperimentPicker, theme: &Theme) {
    let visible = picker.visible();
    let w = picker
        .all
        .iter()
        .map(|(_, n)| n.width())
        .max()
        .unwrap_or(20)
        .clamp(30, 70) as u16
        + 8;
    let h = (visible.len() as u16 + 4).clamp(6, area.height.saturating_sub(2).max(3));
    let Some(list) = search_popup(
        frame,
        centered(area, w, h),
        (
            " Experiments ",
            " type to narrow · tab marks several · enter opens ",
        ),
        ("› ", &picker.query),
        theme,
    ) else {
        return;
    };
    let offset = picker
        .cursor
        .visible_from(list.height as usize, visible.len());
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(list.height as usize)
        .map(|(i, (id, name))| {
            let mark = if picker.marked.contains(id) {
                "✓ "
            } else {
                "  "
            };
            let line = Line::from(vec![
                Span::styled(mark, theme.accent),
                Span::styled(
                    truncate(name, list.width.saturating_sub(8) as usize),
                    theme.text,
                ),
                Span::styled(format!("  #{id}"), theme.muted),
            ]);
            if i == picker.cursor.selected {
                line.style(theme.selection)
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("  no experiment matches", theme.muted)),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}

pub fn render_sort(frame: &mut Frame, area: Rect, menu: &SortMenu, app: &App, theme: &Theme) {
    let w = menu
        .choices
        .iter()
        .map(|c| c.label.width())
        .max()
        .unwrap_or(20) as u16
        + 8;
    let h = menu.choices.len() as u16 + 2;
    let rect = centered(area, w.max(30), h);
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(" Sort runs ", theme.title));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let offset = menu
        .cursor
        .visible_from(inner.height as usize, menu.choices.len());
    let lines: Vec<Line> = menu
        .choices
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner.height as usize)
        .map(|(i, c)| {
            let current = c.order == app.runs.order;
            let line = Line::from(vec![
                Span::styled(if current { "● " } else { "  " }, theme.accent),
                Span::styled(c.label.clone(), theme.text),
            ]);
            if i == menu.cursor.selected {
                line.style(theme.selection)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

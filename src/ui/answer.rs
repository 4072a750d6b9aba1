//! The dialog that acknowledges or silences an alert, or takes either back: the alert, who
//! it is recorded as, the duration (a silence), the reason, and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::format::{centered, truncate};
use super::popups::field;
use crate::app::alerts::headline;
use crate::app::answer::{AnswerDialog, AnswerField, PRESETS};
use crate::app::change::Phase;
use crate::app::input::TextInput;
use crate::app::notify::Level;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, d: &AnswerDialog, theme: &Theme) {
    let width = area.width.min(72);
    let inner_w = usize::from(width.saturating_sub(2));
    let (mut lines, mut fields) = body(d, app, inner_w, theme);
    let status = match (&d.phase, &d.hint) {
        (Phase::Finished(level, m), _) => Some((
            m.clone(),
            if *level == Level::Error {
                theme.error
            } else {
                theme.text
            },
        )),
        (Phase::Working, _) => Some(("working…".to_owned(), theme.muted)),
        (Phase::Editing, Some(h)) => Some((h.clone(), theme.warning)),
        (Phase::Editing, None) => None,
    };
    // A long message wraps: room for all of it.
    let mut extra = 0;
    if let Some((text, style)) = status {
        extra = unicode_width::UnicodeWidthStr::width(text.as_str())
            .div_ceil(inner_w.max(1))
            .saturating_sub(1);
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(text, style)));
    }
    let height = ((lines.len() + extra) as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    let border = match &d.phase {
        Phase::Finished(Level::Error, _) => theme.error,
        _ => theme.accent,
    };
    let block = Block::bordered()
        .border_style(border)
        .title(Span::styled(format!(" {} ", d.title()), theme.title))
        .title_bottom(Line::from(Span::styled(keys(d, app), theme.muted)));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
    // The focused field last: it places the terminal cursor.
    fields.sort_by_key(|f| f.3);
    for (at, prompt, input, focused) in fields {
        let y = inner.y + at as u16;
        if y >= inner.bottom() {
            continue;
        }
        let r = Rect {
            y,
            height: 1,
            ..inner
        };
        if focused {
            field(frame, r, prompt, input, theme);
        } else {
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(prompt, theme.muted),
                    Span::styled(input.text.clone(), theme.text),
                ])),
                r,
            );
        }
    }
}

/// ` enter confirms · tab next field · esc cancels `, from the keymap.
fn keys(d: &AnswerDialog, app: &App) -> String {
    let key = |a| app.keymap.keys_for(&[Layer::Dialog], a);
    let mut parts = Vec::new();
    match d.phase {
        Phase::Editing => {
            if let Some(k) = key(Action::Confirm) {
                parts.push(format!("{k} confirms"));
            }
            if d.has_fields()
                && let Some(k) = key(Action::NextField)
            {
                parts.push(format!("{k} next field"));
            }
            if let Some(k) = key(Action::Back) {
                parts.push(format!("{k} cancels"));
            }
        }
        Phase::Working => {}
        Phase::Finished(..) => {
            if let Some(k) = key(Action::Confirm).or_else(|| key(Action::Back)) {
                parts.push(format!("{k} closes"));
            }
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

/// A field: the line it is on, its prompt, its text, and whether it has the cursor.
type FieldAt<'d> = (usize, &'static str, &'d TextInput, bool);

/// The dialog's text lines (blank where a field goes), its fields, and the status line.
fn body<'d>(
    d: &'d AnswerDialog,
    app: &App,
    inner_w: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<FieldAt<'d>>) {
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(Span::styled(
            truncate(&headline(&d.alert), inner_w),
            theme.text,
        )),
        Line::from(Span::styled(
            truncate(&format!("rule: {}", d.alert.rule.name), inner_w),
            theme.muted,
        )),
    ];
    match (&d.kind, &d.alert.ack) {
        (None, Some(ack)) => lines.push(Line::from(Span::styled(
            truncate(&ack.describe(), inner_w),
            theme.text,
        ))),
        _ => lines.push(Line::from(Span::styled(
            truncate(&format!("recorded as {}", app.identity), inner_w),
            theme.muted,
        ))),
    }
    lines.push(Line::from(""));
    // Fields go after the text lines: (line index, prompt, input, focused).
    let mut fields = Vec::new();
    if d.kind.is_some() {
        if d.has_fields() {
            fields.push((
                lines.len(),
                "For:    ",
                &d.duration,
                d.focus == AnswerField::Duration,
            ));
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                truncate(
                    &format!("↑↓ {} · or type 90m, 2d, 1d12h", PRESETS.join(" ")),
                    inner_w,
                ),
                theme.muted,
            )));
        }
        fields.push((
            lines.len(),
            "Reason: ",
            &d.reason,
            d.focus == AnswerField::Reason,
        ));
        lines.push(Line::from(""));
    }
    (lines, fields)
}

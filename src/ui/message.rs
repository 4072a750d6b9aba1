//! Centred messages for panes with nothing to show: loading, failed, empty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::format::spinner;
use crate::app::loadable::Loadable;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;

/// Draws `lines` centred, vertically and horizontally, wrapping long ones.
pub fn centered(frame: &mut Frame, area: Rect, lines: Vec<Line>) {
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        },
    );
}

/// "What failed", the error, and how to retry with the configured refresh key.
pub fn failure<'a>(what: &str, error: &str, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let retry = app
        .keymap
        .keys_for(&[Layer::Global], Action::Refresh)
        .unwrap_or_else(|| "r".into());
    vec![
        Line::from(Span::styled(what.to_owned(), theme.error)),
        Line::from(""),
        Line::from(Span::styled(error.to_owned(), theme.text)),
        Line::from(""),
        Line::from(vec![
            Span::styled("press ", theme.muted),
            Span::styled(retry, theme.key),
            Span::styled(" to try again", theme.muted),
        ]),
    ]
}

/// A spinner and what is loading.
pub fn loading<'a>(what: &str, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    vec![Line::from(Span::styled(
        format!("{} {what}", spinner(app.now)),
        theme.muted,
    ))]
}

/// The loaded value; until then, draws a spinner with `loading`, or `failed` with the error and
/// how to retry, centred in `area`.
pub fn loaded<'l, T>(
    frame: &mut Frame,
    area: Rect,
    data: &'l Loadable<T>,
    (loading_what, failed_what): (&str, &str),
    app: &App,
    theme: &Theme,
) -> Option<&'l T> {
    let lines = match data {
        Loadable::Loaded(t) => return Some(t),
        Loadable::Failed(e) => failure(failed_what, e, app, theme),
        Loadable::Idle | Loadable::Loading => loading(loading_what, app, theme),
    };
    centered(frame, area, lines);
    None
}

//! `?`: every key that does something on the current screen, generated from the keymap (user
//! keys included) and filtered by the same table `update` consults ([`App::available`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::format::centered;
use crate::app::App;
use crate::app::keymap::Hint;
use crate::app::popup::HelpPopup;
use crate::config::keymap::Layer;
use crate::config::theme::Theme;

/// The help's lines for the screen under it: its own layer, then moving around, then global.
/// Every key once, for what it does there (a key the screen's layer binds is not listed again
/// under moving around), and only keys that do something there: availability is judged on
/// the screen, not on the help that covers it.
pub fn lines<'a>(app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for (layer, items) in entries(app) {
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        out.push(Line::from(Span::styled(
            layer.title().to_owned(),
            theme.title,
        )));
        let items: Vec<(String, String)> = items
            .into_iter()
            .map(|h| (h.keys.join(" "), app.describe(h.action, &h.desc)))
            .collect();
        let w = items
            .iter()
            .map(|(k, _)| k.width())
            .max()
            .unwrap_or(0)
            .min(24);
        for (keys, desc) in items {
            let pad = w.saturating_sub(keys.width());
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}{} ", " ".repeat(pad)), theme.key),
                Span::styled(desc, theme.text),
            ]));
        }
    }
    if app.options.read_only {
        out.push(Line::from(""));
        let why = app
            .read_only_reason
            .as_deref()
            .unwrap_or("--read-only or read_only = true");
        out.push(Line::from(Span::styled(
            format!("Read-only ({why}): actions that change anything are switched off."),
            theme.warning,
        )));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Keys are set in the config's [keymap] (see config.example.toml).",
        theme.muted,
    )));
    out
}

/// The help's entries per layer (see [`lines`]); layers with none are left out.
pub fn entries(app: &App) -> Vec<(Layer, Vec<Hint>)> {
    let route = [app.screen_layer(), Layer::Navigation, Layer::Global];
    app.keymap
        .summary_route(&route)
        .into_iter()
        .map(|(layer, hints)| {
            let hints: Vec<Hint> = hints
                .into_iter()
                .filter(|h| app.available_on_screen(h.action))
                .collect();
            (layer, hints)
        })
        .filter(|(_, hints)| !hints.is_empty())
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, help: &HelpPopup, theme: &Theme) {
    let lines = lines(app, theme);
    let w = lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
    let h = lines.len() as u16 + 2;
    let rect = centered(area, w.max(40), h);
    let inner_h = rect.height.saturating_sub(2) as usize;
    let offset = help.cursor.visible_from(inner_h, lines.len());
    let scroll = if lines.len() > inner_h {
        format!(
            " {}–{} of {} ",
            offset + 1,
            (offset + inner_h).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(Span::styled(scroll, theme.muted)).right_aligned())
        .title_bottom(Line::from(Span::styled(" esc closes ", theme.muted)));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        rect,
    );
}

//! The bottom line: key hints of the current layer, generated from the keymap. The help key
//! always stays visible; other hints are dropped from the end when space is short.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::format::hint;
use crate::app::popup::Popup;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let route = app.route();
    let Some(first) = route.first().copied() else {
        return;
    };
    let mut items: Vec<(String, String)> = match app.screen.popup() {
        // The dialog's own list, which its border shows too: one truth for both.
        Some(Popup::Change(d)) => d.hints(app).into_iter().map(|h| (h.key, h.desc)).collect(),
        _ => app
            .keymap
            .summary(first)
            .into_iter()
            .filter(|h| app.applies(h.action))
            .map(|h| {
                (
                    h.keys.into_iter().next().unwrap_or_default(),
                    h.desc.to_lowercase(),
                )
            })
            .collect(),
    };
    let global = |action| app.keymap.keys_for(&[Layer::Global], action);
    let mut help = None;
    if route.contains(&Layer::Global) {
        if let Some(k) = global(Action::Refresh) {
            items.push((k, "refresh".into()));
        }
        if let Some(k) = global(Action::Quit) {
            items.push((k, "quit".into()));
        }
        help = global(Action::Help).map(|k| (k, "help".to_owned()));
    }
    let width = area.width as usize;
    let cost = |(k, d): &(String, String)| k.width() + 1 + d.width() + 3;
    let help_cost = help.as_ref().map_or(0, cost);
    let mut spans: Vec<Span> = vec![Span::raw(" ")];
    let mut used = 1;
    for item in &items {
        if used + cost(item) + help_cost > width {
            break;
        }
        if item.0.is_empty() {
            spans.push(Span::styled(item.1.clone(), theme.muted));
        } else {
            spans.extend(hint(&item.0, &item.1, theme));
        }
        spans.push(Span::styled(" · ", theme.muted));
        used += cost(item);
    }
    match &help {
        Some(h) if used + help_cost <= width + 3 => spans.extend(hint(&h.0, &h.1, theme)),
        _ => {
            spans.pop();
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

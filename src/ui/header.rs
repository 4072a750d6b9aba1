//! The top line: tabs on the left, the backend and activity on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::format::{spinner, truncate};
use crate::app::mouse::Hits;
use crate::app::{App, Tab};
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut Hits) {
    let mut spans = vec![Span::styled(" clearance ", theme.title)];
    if app.screen.is_start() {
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let mut x = area.x + 11;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let text = format!(" {} {} ", i + 1, tab.title());
        let width = text.chars().count() as u16;
        let shown = Rect { x, width, ..area }.intersection(area);
        hits.tabs.push((super::area(shown), *tab));
        x = x.saturating_add(width);
        let style = if *tab == app.tab {
            theme.selection
        } else {
            theme.muted
        };
        spans.push(Span::styled(text, style));
    }
    let mut badge = 0;
    if let Some((n, worst)) = app.alerts.badge(app.now) {
        let text = format!(" ⚠ {n} alert{} ", if n == 1 { "" } else { "s" });
        badge = text.chars().count() as u16;
        spans.push(Span::styled(
            text,
            super::alerts::severity_style(worst, theme),
        ));
    }
    if app.options.read_only {
        spans.push(Span::styled(" read-only ", theme.warning));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    // Tabs win when space is short: the label takes what is left, cut with an ellipsis.
    let tabs_width =
        11 + Tab::ALL.len() as u16 * 10 + badge + if app.options.read_only { 11 } else { 0 };
    let room = area.width.saturating_sub(tabs_width + 1) as usize;
    if room < 6 {
        return;
    }
    let mut right = Vec::new();
    let mut room = room;
    if app.is_busy() {
        right.push(Span::styled(format!("{} ", spinner(app.now)), theme.accent));
        room -= 2;
    }
    // The profile before the store it chose. It says which environment this is, so when
    // room is short it stays and the store's label goes.
    if let Some(profile) = &app.options.profile {
        let shown = truncate(profile, (room / 2).max(room.min(8)).saturating_sub(3));
        let width = unicode_width::UnicodeWidthStr::width(shown.as_str()) + 3;
        right.push(Span::styled(format!("[{shown}] "), theme.accent));
        room = room.saturating_sub(width);
    }
    if room >= 2 {
        right.push(Span::styled(
            format!("{} ", truncate(&app.backend_label, room - 1)),
            theme.muted,
        ));
    }
    let r = Rect {
        x: area.x + tabs_width,
        width: area.width - tabs_width,
        ..area
    };
    frame.render_widget(Paragraph::new(Line::from(right).right_aligned()), r);
}

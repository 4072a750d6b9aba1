//! The comparison: the metric diff table, a chart of the selected metric's histories, and
//! the params (changed only, or all) and tags of both runs.

mod chart;
mod details;
mod metrics;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::format::truncate;
use super::message;
use crate::app::App;
use crate::app::compare::CompareScreen;
use crate::app::loadable::Loadable;
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: &CompareScreen, theme: &Theme) {
    let Some(candidate) = screen.candidate() else {
        return;
    };
    let position = if screen.candidates.len() > 1 {
        format!(" · {}/{} ", screen.current + 1, screen.candidates.len())
    } else {
        " ".into()
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", truncate(&screen.context, 30)), theme.muted),
        Span::styled(truncate(&candidate.label, 40), theme.title),
        Span::styled(" vs ", theme.muted),
        Span::styled(truncate(&screen.baseline.label, 40), theme.baseline),
        Span::styled(position, theme.muted),
    ]);
    let mut title = title;
    if screen.diff_only {
        title.push_span(Span::styled("· only what differs ", theme.accent));
    }
    let (Some(full), Some(report)) = (
        screen.report(&app.cache, &app.settings),
        screen.shown_report(&app.cache, &app.settings),
    ) else {
        let block = Block::bordered().border_style(theme.border).title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let failed = screen.run_ids().iter().find_map(|id| {
            app.cache
                .runs
                .get(id)
                .and_then(Loadable::error)
                .map(str::to_owned)
        });
        let lines = match failed {
            Some(e) => message::failure("Could not load the runs", &e, app, theme),
            None => message::loading("Loading runs…", app, theme),
        };
        message::centered(frame, inner, lines);
        return;
    };
    let table_h = (report.metrics.len() as u16 + 3).clamp(4, area.height.saturating_mul(11) / 20);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(table_h), Constraint::Min(0)]).areas(area);
    metrics::render(frame, top, screen, (&full, &report), title, theme);
    if bottom.height < 3 {
        return;
    }
    let [chart_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(bottom);
    chart::render(frame, chart_area, app, screen, &report, theme);
    details::render(frame, detail_area, app, screen, &report, theme);
}

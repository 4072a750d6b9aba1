//! Drawing. Every view is a function of the state; the only thing drawing may change is
//! scroll state (a cursor's offset and viewport size).

mod alerts;
mod answer;
mod change;
mod columns;
mod compare;
mod footer;
pub mod format;
mod header;
mod help;
mod history;
pub(crate) mod message;
mod metric_cell;
mod models;
mod palette;
mod popups;
mod pr_detail;
mod prs;
mod requests;
mod runs;
mod start;
mod toasts;
mod widths;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::mouse::{Area, Hits};
use crate::app::popup::Popup;
use crate::app::view::Top;
use crate::config::theme::Theme;

/// The mouse's view of a rectangle.
pub(crate) fn area(r: ratatui::layout::Rect) -> Area {
    Area {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

/// Smaller than this, clearance asks for more room instead of drawing a mess.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    draw(frame, app, theme);
}

/// Draws the frame and returns where it drew what a click can land on (see `app/mouse.rs`):
/// the runtime hands that back with the next mouse event.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Hits {
    let mut hits = Hits::default();
    draw_into(frame, app, theme, &mut hits);
    hits
}

fn draw_into(frame: &mut Frame, app: &App, theme: &Theme, hits: &mut Hits) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from(Span::styled("clearance", theme.title)),
            Line::from(Span::styled(
                format!(
                    "needs {MIN_WIDTH}×{MIN_HEIGHT}, has {}×{}",
                    area.width, area.height
                ),
                theme.muted,
            )),
        ];
        let top = area.height.saturating_sub(2) / 2;
        frame.render_widget(
            Paragraph::new(text).centered(),
            ratatui::layout::Rect {
                y: area.y + top,
                height: area.height - top,
                ..area
            },
        );
        return;
    }
    let [header_area, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(frame, header_area, app, theme, hits);
    match app.top() {
        Top::Start(_) => {
            start::render(frame, body, app, theme);
            footer::render(frame, footer_area, app, theme);
            toasts::render(frame, body, &app.toasts, theme);
            return;
        }
        Top::Runs => runs::render(frame, body, app, theme, hits),
        Top::Models => models::render(frame, body, app, theme, hits),
        Top::Compare(_, c) => compare::render(frame, body, app, c, theme),
        Top::History(h) => history::render(frame, body, app, h, theme, hits),
        Top::Requests(r) => requests::render(frame, body, app, r, theme, hits),
        Top::Alerts | Top::AlertChart => alerts::render(frame, body, app, theme, hits),
        Top::Prs => prs::render(frame, body, app, theme, hits),
        Top::PrDetail(d) => pr_detail::render(frame, body, app, d, theme),
    }
    footer::render(frame, footer_area, app, theme);
    match app.screen.popup() {
        Some(Popup::Help(h)) => help::render(frame, body, app, h, theme),
        Some(Popup::Filter(input)) => {
            let what = match app.top() {
                Top::Models => ("models", "letters in order match model names"),
                Top::Alerts => (
                    "alerts",
                    "letters in order match the metric, the model and its alias",
                ),
                Top::History(_) => (
                    "the history",
                    "letters in order match who, the alias, the versions and the reason",
                ),
                Top::Prs => (
                    "changes",
                    "letters in order match the number, title, author and branch",
                ),
                _ => (
                    "runs",
                    "text matches run names · metrics.val_auc > 0.9 and params.model = 'xgb' \
                     searches with MLflow's syntax",
                ),
            };
            popups::render_filter(frame, body, input, what, theme);
        }
        Some(Popup::Experiments(p)) => popups::render_experiments(frame, body, p, theme),
        Some(Popup::Sort(m)) => popups::render_sort(frame, body, m, app, theme),
        Some(Popup::Change(d)) => change::render(frame, body, app, d, theme),
        Some(Popup::Answer(d)) => answer::render(frame, body, app, d, theme),
        Some(Popup::Palette(p)) => palette::render(frame, body, p, theme),
        Some(Popup::Request(f)) => requests::render_form(frame, body, f, theme),
        None => {}
    }
    toasts::render(frame, body, &app.toasts, theme);
}

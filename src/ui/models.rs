//! The Models tab: models on the left, the selected model's versions on the right with
//! alias badges and Δ of key metrics against the production version.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

mod versions;

use super::format::truncate;
use super::message;
use crate::app::App;
use crate::app::loadable::Loadable;
use crate::app::models::Focus;
use crate::app::mouse::{Hits, ListArea, Pane};
use crate::config::theme::Theme;
use crate::domain::RegisteredModel;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut Hits) {
    let models = match &*app.models.models {
        Loadable::Loaded(m) => m,
        Loadable::Failed(e) => return message(frame, area, app, theme, Some(e)),
        Loadable::Idle | Loadable::Loading => return message(frame, area, app, theme, None),
    };
    if models.is_empty() {
        let block = Block::bordered()
            .border_style(theme.border)
            .title(" Models ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled("No registered models", theme.text)),
                Line::from(Span::styled(
                    "Register a version with mlflow.register_model(...) and press r",
                    theme.muted,
                )),
            ])
            .centered()
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let (list_area, versions_area) = if area.width >= 80 {
        let w = models
            .iter()
            .map(|m| m.name.chars().count())
            .max()
            .unwrap_or(10)
            .clamp(14, 32) as u16
            + 8;
        let [a, b] = Layout::horizontal([Constraint::Length(w), Constraint::Min(20)]).areas(area);
        (a, b)
    } else {
        let h = (models.len() as u16 + 2).min(5);
        let [a, b] = Layout::vertical([Constraint::Length(h), Constraint::Min(3)]).areas(area);
        (a, b)
    };
    let shown: Vec<RegisteredModel> = app.models.shown().into_iter().cloned().collect();
    hits.lists.push(render_list(
        frame,
        list_area,
        app,
        (&shown, models.len()),
        theme,
    ));
    if let Some(model) = app.models.selected_model() {
        hits.lists
            .extend(versions::render(frame, versions_area, app, model, theme));
    }
}

fn message(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, error: Option<&String>) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(" Models ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match error {
        Some(e) => message::failure("Could not load the model registry", e, app, theme),
        None => message::loading("Loading models…", app, theme),
    };
    message::centered(frame, inner, lines);
}

pub(super) fn border(focused: bool, theme: &Theme) -> ratatui::style::Style {
    if focused { theme.accent } else { theme.border }
}

fn render_list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (models, all): (&[RegisteredModel], usize),
    theme: &Theme,
) -> ListArea {
    let focused = app.models.focus == Focus::Models;
    let filter = &app.models.filter;
    let title = if filter.is_empty() {
        Line::from(Span::styled(format!(" Models ({all}) "), theme.title))
    } else {
        Line::from(vec![
            Span::styled(format!(" Models {} of {all} ", models.len()), theme.title),
            Span::styled(format!("/{filter} "), theme.accent),
        ])
    };
    let block = Block::bordered()
        .border_style(border(focused, theme))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let cursor = &app.models.model_cursor;
    let offset = cursor.visible_from(height, models.len());
    if models.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(" No model matches (esc clears)", theme.muted))
                .wrap(Wrap { trim: true }),
            inner,
        );
    }
    let lines: Vec<Line> = models
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let count = format!("{:>3}", m.versions.len());
            let name_w = (inner.width as usize).saturating_sub(5);
            let mut line = Line::from(vec![
                Span::raw(" "),
                Span::styled(
                    format!("{:<name_w$}", truncate(&m.name, name_w)),
                    theme.text,
                ),
                Span::styled(count, theme.muted),
            ]);
            if i == cursor.selected {
                line = line.style(if focused {
                    theme.selection
                } else {
                    theme.accent
                });
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    ListArea {
        pane: Pane::Models,
        rows: super::area(inner),
        first: offset,
        len: models.len(),
    }
}

/// `@production` badges, styled by role.
pub fn alias_badges<'a>(aliases: &[String], app: &App, theme: &Theme) -> Vec<Span<'a>> {
    aliases
        .iter()
        .map(|a| {
            let style = if *a == app.settings.production_alias {
                theme.alias_production
            } else if *a == app.settings.staging_alias {
                theme.alias_staging
            } else {
                theme.alias_other
            };
            Span::styled(format!("@{a} "), style)
        })
        .collect()
}

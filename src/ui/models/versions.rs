//! The selected model's versions: alias badges, status, source run and the Δ of key metrics
//! against the production version; the selected version's tags and source below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{alias_badges, border};
use crate::app::App;
use crate::app::models::Focus;
use crate::app::mouse::{ListArea, Pane};
use crate::config::theme::Theme;
use crate::domain::diff::diff_one;
use crate::domain::value::format_value;
use crate::domain::{DiffReport, ModelVersion, RegisteredModel};
use crate::ui::columns::{self, Column, fit_columns};
use crate::ui::format::{age, truncate, wrap};
use crate::ui::metric_cell::delta_cell;

/// Every column the versions table could show, in reading order; the width allocator
/// ([`columns::fit_columns`]) decides which fit: version, aliases, gates and the first metric
/// (failing ones come first), then the run, age, status, and more metrics.
fn columns<'a>(app: &App, model: &RegisteredModel, theme: &Theme) -> Vec<Column<'a>> {
    let versions = &model.versions;
    let reports: Vec<Option<DiffReport>> = versions
        .iter()
        .map(|v| app.version_report(model, v))
        .collect();
    let mut cols = vec![
        Column::new(
            "Version",
            versions
                .iter()
                .map(|v| Line::from(Span::styled(v.version.label(), theme.title)))
                .collect(),
            7,
            14,
            0,
        ),
        Column::new(
            "Aliases",
            versions
                .iter()
                .map(|v| {
                    let mut badges = aliases_of(app, &model.name, v, theme);
                    if let Some(p) = app.prs.promotion_for(&model.name, &v.version) {
                        badges.push(Span::styled(
                            format!("{} ", app.options.vocab().badge(p.number)),
                            theme.accent,
                        ));
                    }
                    Line::from(badges)
                })
                .collect(),
            // Badges are never cut: they are what a reviewer looks for first.
            32,
            32,
            1,
        ),
        Column::new(
            "Status",
            versions
                .iter()
                .map(|v| {
                    let style = if v.status == "READY" {
                        theme.muted
                    } else {
                        theme.warning
                    };
                    Line::from(Span::styled(version_status(v), style))
                })
                .collect(),
            6,
            12,
            6,
        ),
        Column::new(
            "Age",
            versions
                .iter()
                .map(|v| Line::from(Span::styled(age(app.now, v.created), theme.muted)))
                .collect(),
            4,
            4,
            5,
        ),
    ];
    let run = Column::new(
        "Run",
        versions
            .iter()
            .map(|v| {
                let run = v.run_id.as_ref().and_then(|id| app.cache.run(id));
                Line::from(Span::styled(
                    run.map_or("", |r| r.display_name()).to_owned(),
                    theme.text,
                ))
            })
            .collect(),
        12,
        40,
        4,
    )
    .middle();
    cols.push(run);
    if reports.iter().any(Option::is_some) {
        cols.push(Column::new(
            "Gates",
            reports
                .iter()
                .map(|r| gates_cell(r.as_ref(), theme))
                .collect(),
            9,
            9,
            2,
        ));
    }
    cols.extend(metric_columns(app, model, theme));
    cols
}

/// A column per metric (failing ones first), each version's value with its Δ against the
/// production version's.
fn metric_columns<'a>(app: &App, model: &RegisteredModel, theme: &Theme) -> Vec<Column<'a>> {
    let versions = &model.versions;
    let mut cols = Vec::new();
    let prod = model
        .version_for_alias(&app.settings.production_alias)
        .map(|p| (p, app.production_run(model)));
    for (k, m) in app
        .model_metric_columns(model, MAX_METRICS)
        .into_iter()
        .enumerate()
    {
        let arrow = app.settings.rules.direction(&m).arrow().trim().to_owned();
        let cells = versions
            .iter()
            .map(|v| {
                let run = v.run_id.as_ref().and_then(|id| app.cache.run(id));
                let value = run.and_then(|r| r.metric(&m));
                match prod {
                    Some((p, Some(prod_run))) if p.version != v.version => {
                        let d = diff_one(
                            &m,
                            prod_run.metric(&m),
                            value,
                            &app.settings.rules.policy(&m),
                        );
                        delta_cell(&d, theme)
                    }
                    _ => Line::from(value.map_or_else(String::new, format_value)),
                }
            })
            .collect();
        // The first metric (a failing one when any fails) before the run's name: at 60
        // columns the gate and what fails say more than which run it came from.
        let priority = if k == 0 { 3 } else { 6 + k as u8 };
        // Wide enough for its header: a metric whose name is cut cannot be told apart.
        let header = format!("{m} {arrow}");
        let min = u16::try_from(header.width()).unwrap_or(18).clamp(14, 18);
        cols.push(Column::new(&header, cells, min, 20, priority));
    }
    cols
}

/// At most this many metric columns; the allocator shows as many as fit.
const MAX_METRICS: usize = 4;

/// `✓ 5/5` (every gate passes), `✗ 1/3` (one of three gates fails), coloured; `no gates` when
/// none applies; empty for the production version itself.
fn gates_cell<'a>(report: Option<&DiffReport>, theme: &Theme) -> Line<'a> {
    let Some(r) = report else {
        return Line::default();
    };
    let gated = r.gated().count();
    if gated == 0 {
        return Line::from(Span::styled("no gates", theme.muted));
    }
    let failed = r.failures().count();
    if failed == 0 {
        Line::from(Span::styled(format!("✓ {gated}/{gated}"), theme.success))
    } else {
        Line::from(Span::styled(format!("✗ {failed}/{gated}"), theme.error))
    }
}

/// Draws the versions; returns where their rows are (none without versions).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    model: &RegisteredModel,
    theme: &Theme,
) -> Option<ListArea> {
    let focused = app.models.focus == Focus::Versions;
    let prod_alias = &app.settings.production_alias;
    let prod = model.version_for_alias(prod_alias);
    let mut title = vec![
        Span::styled(format!(" {} ", model.name), theme.title),
        Span::styled(format!("{} versions ", model.versions.len()), theme.muted),
    ];
    title.push(match prod {
        Some(p) => Span::styled(
            format!("· @{prod_alias} {} ", p.version.label()),
            theme.alias_production,
        ),
        None => Span::styled(format!("· no @{prod_alias} "), theme.warning),
    });
    let block = Block::bordered()
        .border_style(border(focused, theme))
        .title(Line::from(title))
        .title_bottom(Line::from(Span::styled(
            format!(" Δ vs @{prod_alias} · enter compares "),
            theme.muted,
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if model.versions.is_empty() {
        let lines = vec![Line::from(Span::styled(
            format!("No versions of '{}' yet", model.name),
            theme.muted,
        ))];
        crate::ui::message::centered(frame, inner, lines);
        return None;
    }
    // The selected version's details below the table, wrapped with their indent: as many
    // lines as they need (up to a third of the pane) when the pane is tall enough.
    let detail = app
        .models
        .selected_version()
        .filter(|_| inner.height >= 14)
        .map(|v| detail_lines(app, &model.name, v, inner.width, theme))
        .unwrap_or_default();
    let detail_h = if detail.is_empty() {
        0
    } else {
        let most = (inner.height / 3).max(4);
        (detail.len() as u16 + 1).clamp(4, most)
    };
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(detail_h)]).areas(inner);

    let cols = columns(app, model, theme);
    let shown = fit_columns(&cols, table_area.width);
    let height = table_area.height.saturating_sub(1) as usize;
    let cursor = &app.models.version_cursor;
    let offset = cursor.visible_from(height, model.versions.len());
    // Only the visible rows are drawn: cells are indexed from the first of them.
    let visible: Vec<Column> = shown
        .iter()
        .map(|(c, _)| Column {
            header: c.header.clone(),
            cells: c.cells.iter().skip(offset).take(height).cloned().collect(),
            spec: c.spec,
            middle: c.middle,
            sort: None,
        })
        .collect();
    let visible: Vec<(&Column, u16)> = visible.iter().zip(shown.iter().map(|(_, w)| *w)).collect();
    columns::render(frame, table_area, &visible, theme.title, |i| {
        match (offset + i == cursor.selected, focused) {
            (true, true) => Some(theme.selection),
            (true, false) => Some(theme.accent),
            (false, _) => None,
        }
    });
    if detail_h > 0 {
        render_detail(frame, detail_area, detail, theme);
    }
    Some(crate::ui::runs::list_area(
        Pane::Versions,
        table_area,
        offset,
        model.versions.len(),
    ))
}

/// A version's alias badges; an alias moved outside clearance carries a ⚠ right after it
/// (the detail says why): one column, so the badges still fit uncut.
fn aliases_of<'a>(app: &App, model: &str, v: &ModelVersion, theme: &Theme) -> Vec<Span<'a>> {
    let mut badges = Vec::new();
    for a in &v.aliases {
        let mut badge = alias_badges(std::slice::from_ref(a), app, theme);
        if app.models.moved_outside(model, a) {
            for span in &mut badge {
                span.content = span.content.trim_end().to_owned().into();
            }
            badge.push(Span::styled("⚠ ", theme.warning));
        }
        badges.extend(badge);
    }
    badges
}

fn version_status(v: &ModelVersion) -> String {
    match (&v.stage, v.status.as_str()) {
        (Some(stage), "READY") => stage.clone(),
        (_, s) => s.to_lowercase(),
    }
}

/// The selected version's tags, source run, open PR and description, wrapped to `width`
/// with a one-column indent kept on every line.
fn detail_lines<'a>(
    app: &App,
    model: &str,
    v: &ModelVersion,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let width = usize::from(width).max(8);
    let mut lines: Vec<Line<'a>> = Vec::new();
    // Tags, packed `k=v` pairs per line.
    let mut line: Vec<Span<'a>> = vec![Span::styled(
        format!(" {} ", v.version.label()),
        theme.title,
    )];
    let mut used = line[0].width();
    // clearance's own records (`clearance.event.*`, `clearance.request.*`,
    // `clearance.approval.*`) are JSON a line long: History (H) and `clearance audit` show
    // them, and here they would push the run and source off the pane.
    let shown = v
        .tags
        .iter()
        .filter(|(k, _)| !k.starts_with("mlflow.") && !k.starts_with("clearance."));
    for (k, val) in shown {
        let pair = truncate(&format!("{k}={val}"), width - 1);
        if used + pair.width() > width && used > 1 {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(" "));
            used = 1;
        }
        used += pair.width() + 2;
        let (key, value) = pair.split_once('=').unwrap_or((pair.as_str(), ""));
        line.push(Span::styled(format!("{key}="), theme.muted));
        line.push(Span::styled(format!("{value}  "), theme.text));
    }
    lines.push(Line::from(line));
    let run = v.run_id.as_ref().map(|id| {
        let name = app.cache.run(id).map_or("", |r| r.display_name());
        format!("run {name} ({})", id.short())
    });
    let mut about: Vec<String> = run.into_iter().collect();
    if !v.user.is_empty() {
        about.push(format!("by {}", v.user));
    }
    about.push(v.source.clone());
    for l in wrap(&about.join(" · "), width - 1) {
        lines.push(Line::from(Span::styled(format!(" {l}"), theme.muted)));
    }
    let outside: Vec<String> = v
        .aliases
        .iter()
        .filter(|a| app.models.moved_outside(model, a))
        .map(|a| format!("@{a}"))
        .collect();
    if !outside.is_empty() {
        let text = format!(
            "⚠ {} moved to {} outside clearance: no record says who moved it or when (History \
             and `clearance audit` list it)",
            outside.join(", "),
            v.version.label()
        );
        for l in wrap(&text, width - 1) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.warning)));
        }
    }
    if let Some(p) = app.prs.promotion_for(model, &v.version) {
        let text = format!(
            "promotion {} open · CI {} · {} · {}",
            app.options.vocab().badge(p.number),
            p.checks.describe(),
            p.review.label(),
            p.url
        );
        for l in wrap(&text, width - 1) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.accent)));
        }
    }
    if !v.description.is_empty() {
        for l in wrap(&v.description, width - 1) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.text)));
        }
    }
    lines
}

/// Draws the detail lines under a rule; when they do not all fit, the last shown ends with `…`.
fn render_detail(frame: &mut Frame, area: Rect, mut lines: Vec<Line>, theme: &Theme) {
    let room = usize::from(area.height.saturating_sub(1));
    if lines.len() > room && room > 0 {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            let w = usize::from(area.width);
            let text: String = last.to_string();
            let style = last.spans.last().map_or(theme.text, |s| s.style);
            let cut = if text.width() < w {
                format!("{text}…")
            } else {
                truncate(&format!("{text}…"), w)
            };
            *last = Line::from(Span::styled(cut, style));
        }
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

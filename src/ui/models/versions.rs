//! The selected model's versions: alias badges, status, source run and the Δ of key metrics
//! against the production version; the selected version's tags and source below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{alias_badges, border};
use crate::app::App;
use crate::app::models::Focus;
use crate::config::theme::Theme;
use crate::domain::diff::diff_one;
use crate::domain::value::format_value;
use crate::domain::{ModelVersion, RegisteredModel, Run};
use crate::ui::format::{age, truncate};
use crate::ui::metric_cell::delta_cell;

/// Which columns fit: version, aliases, run and a metric always; age, then status, when there
/// is room; more metrics after that.
struct Columns {
    alias_w: u16,
    run_w: u16,
    age: bool,
    status: bool,
    metrics: Vec<String>,
    /// Wide enough for the longest label (`v1.2.0-rc.1`), within bounds.
    version_w: u16,
}

impl Columns {
    fn plan(width: u16, app: &App, model: &RegisteredModel) -> Self {
        let alias_w = model
            .versions
            .iter()
            .map(|v| {
                let pr = app
                    .prs
                    .promotion_for(&model.name, &v.version)
                    .map_or(0, |p| pr_badge(p.number).chars().count() + 1);
                v.aliases
                    .iter()
                    .map(|a| a.chars().count() + 2)
                    .sum::<usize>()
                    + pr
            })
            .max()
            .unwrap_or(0)
            .clamp(8, 32) as u16;
        let version_w = model
            .versions
            .iter()
            .map(|v| v.version.label().chars().count())
            .max()
            .unwrap_or(0)
            .clamp(7, 14) as u16;
        let run_w: u16 = if width < 70 { 12 } else { 16 };
        let age = width >= 62;
        let status = width >= 86;
        let fixed = version_w
            + 1
            + alias_w
            + 1
            + run_w
            + 1
            + if age { 5 } else { 0 }
            + if status { 11 } else { 0 };
        let count = (width.saturating_sub(fixed) / 17).min(3) as usize;
        Self {
            alias_w,
            run_w,
            age,
            status,
            metrics: app.model_key_metrics(model, count),
            version_w,
        }
    }

    fn header<'a>(&self, app: &App, theme: &Theme) -> (Row<'a>, Vec<Constraint>) {
        let mut cols: Vec<(String, Constraint)> = vec![
            ("Version".into(), Constraint::Length(self.version_w)),
            ("Aliases".into(), Constraint::Length(self.alias_w)),
        ];
        if self.status {
            cols.push(("Status".into(), Constraint::Length(10)));
        }
        if self.age {
            cols.push(("Age".into(), Constraint::Length(4)));
        }
        cols.push(("Run".into(), Constraint::Length(self.run_w)));
        for m in &self.metrics {
            let arrow = app.settings.rules.direction(m).arrow().trim().to_owned();
            cols.push((
                truncate(&format!("{m} {arrow}"), 16),
                Constraint::Length(16),
            ));
        }
        let header = Row::new(
            cols.iter()
                .map(|(h, _)| Cell::from(Span::styled(h.clone(), theme.title))),
        );
        (header, cols.into_iter().map(|(_, w)| w).collect())
    }

    fn cells<'a>(
        &self,
        app: &App,
        model: &str,
        v: &ModelVersion,
        prod: Option<(&ModelVersion, Option<&Run>)>,
        theme: &Theme,
    ) -> Vec<Cell<'a>> {
        let run = v.run_id.as_ref().and_then(|id| app.cache.run(id));
        let mut cells = vec![
            Cell::from(Span::styled(
                truncate(&v.version.label(), usize::from(self.version_w)),
                theme.title,
            )),
            Cell::from(Line::from({
                let mut badges = alias_badges(&v.aliases, app, theme);
                if let Some(p) = app.prs.promotion_for(model, &v.version) {
                    badges.push(Span::styled(
                        format!("{} ", pr_badge(p.number)),
                        theme.accent,
                    ));
                }
                badges
            })),
        ];
        if self.status {
            let style = if v.status == "READY" {
                theme.muted
            } else {
                theme.warning
            };
            cells.push(Cell::from(Span::styled(
                truncate(&version_status(v), 10),
                style,
            )));
        }
        if self.age {
            cells.push(Cell::from(Span::styled(
                age(app.now, v.created),
                theme.muted,
            )));
        }
        let name = run.map_or("", |r| r.display_name());
        cells.push(Cell::from(Span::styled(
            truncate(name, self.run_w as usize),
            theme.text,
        )));
        for m in &self.metrics {
            let value = run.and_then(|r| r.metric(m));
            cells.push(match prod {
                Some((p, Some(prod_run))) if p.version != v.version => {
                    let d = diff_one(m, prod_run.metric(m), value, &app.settings.rules.policy(m));
                    Cell::from(delta_cell(&d, theme))
                }
                _ => Cell::from(value.map_or_else(String::new, format_value)),
            });
        }
        cells
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, model: &RegisteredModel, theme: &Theme) {
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
        return;
    }
    // One more line when an open PR pins the selected version.
    let pinned = app
        .models
        .selected_version()
        .is_some_and(|v| app.prs.promotion_for(&model.name, &v.version).is_some());
    let detail_h = if inner.height >= 14 {
        4 + u16::from(pinned)
    } else {
        0
    };
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(detail_h)]).areas(inner);

    let cols = Columns::plan(table_area.width, app, model);
    let prod = prod.map(|p| (p, app.production_run(model)));
    let height = table_area.height.saturating_sub(1) as usize;
    let cursor = &app.models.version_cursor;
    let offset = cursor.visible_from(height, model.versions.len());
    let rows: Vec<Row> = model
        .versions
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, v)| {
            let row = Row::new(cols.cells(app, &model.name, v, prod, theme));
            match (i == cursor.selected, focused) {
                (true, true) => row.style(theme.selection),
                (true, false) => row.style(theme.accent),
                (false, _) => row,
            }
        })
        .collect();
    let (header, widths) = cols.header(app, theme);
    frame.render_widget(Table::new(rows, widths).header(header), table_area);
    if let Some(v) = app.models.selected_version().filter(|_| detail_h > 0) {
        render_detail(frame, detail_area, app, &model.name, v, theme);
    }
}

fn version_status(v: &ModelVersion) -> String {
    match (&v.stage, v.status.as_str()) {
        (Some(stage), "READY") => stage.clone(),
        (_, s) => s.to_lowercase(),
    }
}

/// `PR #12`: an open pull request pins this version.
fn pr_badge(number: u64) -> String {
    format!("PR #{number}")
}

fn render_detail(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    model: &str,
    v: &ModelVersion,
    theme: &Theme,
) {
    let mut tags: Vec<Span> = vec![Span::styled(
        format!(" {} ", v.version.label()),
        theme.title,
    )];
    // Audit records (`clearance.event.*`) are JSON a line long: the History view (H) shows
    // them, and here they would push the run and source off the pane.
    let shown = v.tags.iter().filter(|(k, _)| {
        !k.starts_with("mlflow.") && !k.starts_with(crate::domain::promotion::EVENT_TAG_PREFIX)
    });
    for (k, val) in shown {
        tags.push(Span::styled(format!("{k}="), theme.muted));
        tags.push(Span::styled(format!("{val}  "), theme.text));
    }
    let run = v.run_id.as_ref().map(|id| {
        let name = app.cache.run(id).map_or("", |r| r.display_name());
        format!("run {name} ({}) ", id.short())
    });
    let by = if v.user.is_empty() {
        String::new()
    } else {
        format!("· by {} ", v.user)
    };
    let run = format!(" {}", run.unwrap_or_default());
    // The source is the longest and least read: it gets what is left of the line.
    let room = (area.width as usize).saturating_sub(run.width() + by.width() + 2);
    let mut lines = vec![
        Line::from(tags),
        Line::from(vec![
            Span::styled(run, theme.muted),
            Span::styled(by, theme.muted),
            Span::styled(format!("· {}", truncate(&v.source, room)), theme.muted),
        ]),
    ];
    if let Some(p) = app.prs.promotion_for(model, &v.version) {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" promotion {} open ", pr_badge(p.number)),
                theme.accent,
            ),
            Span::styled(
                format!(
                    "· CI {} · {} · {}",
                    p.checks.describe(),
                    p.review.label(),
                    p.url
                ),
                theme.muted,
            ),
        ]));
    }
    if !v.description.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", v.description),
            theme.text,
        )));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

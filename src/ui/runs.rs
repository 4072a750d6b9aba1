//! The Runs tab: a virtualized table (only visible rows are built) with metric columns
//! showing Δ against the experiment's baseline, coloured by verdict, and a sparkline column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use super::format::{age, spinner, status, truncate};
use super::message;
use super::metric_cell::delta_cell;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;
use crate::domain::Run;
use crate::domain::diff::diff_one;
use crate::domain::spark::sparkline;
use crate::domain::value::format_value;

/// Columns that can be shown, in the order they are dropped when space runs out (last first).
#[derive(Debug, Clone, PartialEq)]
enum Col {
    Marker,
    Name,
    Status { short: bool },
    Age,
    User,
    Metric(String),
    Spark,
}

impl Col {
    fn width(&self) -> u16 {
        match self {
            Col::Marker => 2,
            Col::Name => 18,
            Col::Status { short: true } => 1,
            Col::Status { short: false } => 9,
            Col::Age => 4,
            Col::User => 8,
            Col::Metric(_) => 16,
            Col::Spark => 14,
        }
    }
}

/// Chooses columns for `width`: name, status and age always; then metrics, sparkline and
/// user while they fit.
fn columns(width: u16, metrics: &[String], has_spark: bool) -> Vec<Col> {
    let short = width < 90;
    let mut cols = vec![Col::Marker, Col::Name, Col::Status { short }, Col::Age];
    let mut optional: Vec<Col> = Vec::new();
    let mut ms = metrics.iter();
    if let Some(m) = ms.next() {
        optional.push(Col::Metric(m.clone()));
    }
    if has_spark {
        optional.push(Col::Spark);
    }
    for m in ms {
        optional.push(Col::Metric(m.clone()));
    }
    optional.push(Col::User);
    let gaps = |n: usize| n as u16;
    let mut used: u16 = cols.iter().map(Col::width).sum::<u16>() + gaps(cols.len());
    // Stop at the first column that does not fit: the name gets the rest, rather than a
    // less important narrow column sneaking in after a more important wide one.
    for c in optional {
        if used + c.width() + 1 > width {
            break;
        }
        used += c.width() + 1;
        cols.push(c);
    }
    // Keep the table's reading order: user after age, metrics, then the sparkline.
    cols.sort_by_key(|c| match c {
        Col::Marker => 0,
        Col::Name => 1,
        Col::Status { .. } => 2,
        Col::Age => 3,
        Col::User => 4,
        Col::Metric(_) => 5,
        Col::Spark => 6,
    });
    cols
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let screen = &app.runs;
    let list = &screen.list;
    let inner_width = area.width.saturating_sub(2);
    let spark_metric = screen.sparks.metric.clone();
    let cols = columns(inner_width, &screen.key_metrics, spark_metric.is_some());

    let block = Block::bordered()
        .border_style(theme.border)
        .title(title(app, theme))
        .title_top(scope_right(app, theme).right_aligned())
        .title_bottom(baseline_line(app, theme));

    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }

    if list.rows.is_empty() {
        render_empty(frame, inner, app, theme);
        return;
    }

    let body_rows = inner.height.saturating_sub(1) as usize;
    let offset = screen.cursor.visible_from(body_rows, list.rows.len());
    let end = (offset + body_rows).min(list.rows.len());
    let name_w = name_width(&cols, inner_width) as usize;
    let rows: Vec<Row> = (offset..end)
        .filter_map(|i| list.row(i).map(|(run, depth)| (i, run, depth)))
        .map(|(i, run, depth)| {
            let name = list.row_name(i).unwrap_or_default();
            let row = Row::new(cells(app, run, (name, depth), &cols, name_w, theme));
            if i == screen.cursor.selected {
                row.style(theme.selection)
            } else {
                row
            }
        })
        .collect();
    let header = Row::new(cols.iter().map(|c| {
        let text = match c {
            Col::Marker | Col::Status { short: true } => String::new(),
            Col::Name => "Run".into(),
            Col::Status { short: false } => "Status".into(),
            Col::Age => "Age".into(),
            Col::User => "User".into(),
            Col::Metric(m) => {
                let arrow = app.settings.rules.direction(m).arrow().trim().to_owned();
                truncate(&format!("{m} {arrow}"), 16)
            }
            Col::Spark => truncate(
                &format!("{} trend", spark_metric.as_deref().unwrap_or("")),
                14,
            ),
        };
        Cell::from(Span::styled(text, theme.title))
    }));
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|c| match c {
            Col::Name => Constraint::Min(c.width()),
            other => Constraint::Length(other.width()),
        })
        .collect();
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

/// One row's cells: marks, name (indented under its parent), status, age, user, each metric
/// with its Δ against the experiment's baseline, and the sparkline.
fn cells<'a>(
    app: &App,
    run: &Run,
    (name, depth): (&str, u8),
    cols: &[Col],
    name_w: usize,
    theme: &Theme,
) -> Vec<Cell<'a>> {
    let screen = &app.runs;
    let baseline = screen.baseline_for(&run.experiment_id);
    let is_baseline = baseline.is_some_and(|b| b.run.id == run.id);
    let marked = screen.marked.contains(&run.id);
    let fresh = screen.list.is_fresh(&run.id, app.now);
    cols.iter()
        .map(|c| match c {
            Col::Marker => Cell::from(match (marked, is_baseline, fresh) {
                (true, _, _) => Span::styled("●", theme.accent),
                (false, true, _) => Span::styled("◆", theme.baseline),
                (false, false, true) => Span::styled("+", theme.success),
                (false, false, false) => Span::raw(" "),
            }),
            Col::Name => {
                let indent = if depth > 0 {
                    format!("{}└ ", "  ".repeat(usize::from(depth - 1)))
                } else {
                    String::new()
                };
                let text = truncate(&format!("{indent}{name}"), name_w);
                let style = if is_baseline {
                    theme.baseline
                } else {
                    theme.text
                };
                Cell::from(Span::styled(text, style))
            }
            Col::Status { short } => Cell::from(status(&run.status, theme, *short)),
            Col::Age => Cell::from(Span::styled(age(app.now, run.start_time), theme.muted)),
            Col::User => Cell::from(Span::styled(truncate(&run.user, 8), theme.muted)),
            Col::Metric(m) => {
                let value = run.metric(m);
                match baseline.filter(|_| !is_baseline) {
                    Some(b) => {
                        let d = diff_one(m, b.run.metric(m), value, &app.settings.rules.policy(m));
                        Cell::from(delta_cell(&d, theme))
                    }
                    None => Cell::from(value.map_or_else(String::new, format_value)),
                }
            }
            Col::Spark => {
                let s = screen
                    .sparks
                    .data
                    .get(&run.id)
                    .map(|v| sparkline(v, 14))
                    .unwrap_or_default();
                Cell::from(Span::styled(s, theme.accent))
            }
        })
        .collect()
}

/// The width the name column gets: what is left after the fixed columns.
fn name_width(cols: &[Col], width: u16) -> u16 {
    let fixed: u16 = cols
        .iter()
        .filter(|c| **c != Col::Name)
        .map(|c| c.width() + 1)
        .sum();
    width.saturating_sub(fixed).max(Col::Name.width())
}

fn title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let s = &app.runs;
    let mut spans = vec![Span::styled(format!(" {} ", s.scope_label()), theme.title)];
    let n = s.list.runs.len();
    let plural = if n == 1 { "" } else { "s" };
    let count = if s.list.next_page.is_some() {
        format!("{n}+ runs ")
    } else {
        format!("{n} run{plural} ")
    };
    if s.list.loaded {
        spans.push(Span::styled(count, theme.muted));
    }
    if let Some(at) = s.list.stale_since {
        spans.push(Span::styled(
            format!("· cached {} ago ", age(app.now, Some(at))),
            theme.warning,
        ));
    }
    if s.list.fetching.is_some() {
        spans.push(Span::styled(format!("{} ", spinner(app.now)), theme.accent));
    }
    if let Some(crate::app::runs::Fetch::All { listed, .. }) = s.list.fetching {
        let stop = app
            .keymap
            .keys_for(&[Layer::Runs], Action::Clear)
            .map(|k| format!(" · {k} stops"))
            .unwrap_or_default();
        spans.push(Span::styled(
            format!("listing every run: {listed} listed{stop} "),
            theme.accent,
        ));
    }
    if !s.marked.is_empty() {
        spans.push(Span::styled(
            format!("· {} marked ", s.marked.len()),
            theme.accent,
        ));
    }
    Line::from(spans)
}

fn scope_right<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let s = &app.runs;
    let mut spans = Vec::new();
    if let Some(f) = &s.filter {
        spans.push(Span::styled(" filter ", theme.muted));
        spans.push(Span::styled(
            format!("{} ", truncate(f.text(), 40)),
            theme.accent,
        ));
    }
    if let Some(o) = &s.order {
        let dir = match &o.key {
            crate::app::runs::SortKey::Metric(m) => app.settings.rules.direction(m),
            _ => crate::domain::Direction::Neutral,
        };
        spans.push(Span::styled(" sorted ", theme.muted));
        spans.push(Span::styled(format!("{} ", o.label(dir)), theme.accent));
    }
    Line::from(spans)
}

fn baseline_line<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let s = &app.runs;
    if let Some(e) = &s.list.error
        && !s.list.rows.is_empty()
    {
        return Line::from(Span::styled(
            format!(" ⚠ {} ", truncate(e, 100)),
            theme.error,
        ));
    }
    let bs: Vec<_> = s
        .selected_experiments
        .iter()
        .filter_map(|e| s.baseline_for(e))
        .collect();
    match (bs.as_slice(), s.baselines.is_loading()) {
        (_, true) if bs.is_empty() => Line::from(Span::styled(" finding baseline… ", theme.muted)),
        ([], false) if s.selected_experiments.len() == 1 && s.baselines.loaded().is_some() => {
            Line::from(Span::styled(
                format!(
                    " no baseline: tag a run {}={} ",
                    app.settings.baseline_tag, app.settings.baseline_value
                ),
                theme.warning,
            ))
        }
        ([b], _) => {
            let mut spans = vec![
                Span::styled(" ◆ baseline ", theme.baseline),
                Span::styled(b.run.display_name().to_owned(), theme.baseline),
                Span::styled(
                    format!(
                        " ({}) ",
                        b.describe(&app.settings.baseline_tag, &app.settings.baseline_value)
                    ),
                    theme.muted,
                ),
            ];
            if b.warning.is_some() {
                spans.push(Span::styled("⚠ several tagged ", theme.warning));
            }
            Line::from(spans)
        }
        (many, _) if !many.is_empty() => Line::from(Span::styled(
            format!(" ◆ {} baselines ", many.len()),
            theme.baseline,
        )),
        _ => Line::default(),
    }
}

fn render_empty(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.runs;
    let lines: Vec<Line> = if let Some(e) = s.experiments.error().or(s.list.error.as_deref()) {
        message::failure("Could not load runs", e, app, theme)
    } else if s.experiments.is_loading() || s.list.fetching.is_some() || !s.list.loaded {
        message::loading("Loading runs…", app, theme)
    } else if s.selected_experiments.is_empty() {
        vec![Line::from(Span::styled(
            "No experiments yet: log a run with MLflow and press r",
            theme.muted,
        ))]
    } else if let Some(f) = &s.filter {
        vec![
            Line::from(Span::styled(
                format!("No runs match '{}'", f.text()),
                theme.text,
            )),
            Line::from(Span::styled("esc clears the filter", theme.muted)),
        ]
    } else {
        vec![Line::from(Span::styled(
            format!("No runs in {}", s.scope_label()),
            theme.muted,
        ))]
    };
    message::centered(frame, area, lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_keep_name_status_age_and_one_metric() {
        let m = vec!["val_auc".to_owned(), "val_loss".to_owned()];
        let cols = columns(58, &m, true);
        assert_eq!(
            cols,
            vec![
                Col::Marker,
                Col::Name,
                Col::Status { short: true },
                Col::Age,
                Col::Metric("val_auc".into()),
            ]
        );
        let wide = columns(118, &m, true);
        assert!(
            wide.contains(&Col::Spark) && wide.contains(&Col::User),
            "{wide:?}"
        );
    }
}

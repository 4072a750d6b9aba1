//! The Runs tab: a virtualized table (only visible rows are built) with metric columns
//! showing Δ against the experiment's baseline, coloured by verdict, and a sparkline column.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use super::columns::{Column, fit_columns};
use super::format::{age, spinner, status, truncate};
use super::message;
use super::metric_cell::delta_cell;
use super::widths::truncate_middle;
use crate::app::mouse::{Hits, ListArea, Pane};
use crate::app::runs::SortKey;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;
use crate::domain::Run;
use crate::domain::diff::diff_one;
use crate::domain::spark::sparkline;
use crate::domain::value::format_value;

/// The table's columns for the drawn rows `rows` (indices into the list), in reading order;
/// the width allocator keeps those that fit: name, status and age, then the first metric shown,
/// the sparkline, an Experiment column when several are listed, more metrics, and the user.
/// Returns the columns and how many metric columns lie beyond the first shown (`column_offset`).
fn columns<'a>(
    app: &App,
    rows: &[usize],
    width: u16,
    theme: &Theme,
) -> (Vec<Column<'a>>, std::ops::Range<usize>) {
    let screen = &app.runs;
    let list = &screen.list;
    let short = width < 90;
    let visible: Vec<(&Run, u8, &str)> = rows
        .iter()
        .filter_map(|&i| {
            let (run, depth) = list.row(i)?;
            Some((run, depth, list.row_name(i).unwrap_or_default()))
        })
        .collect();
    let mut cols = vec![
        Column::fixed(
            "",
            visible
                .iter()
                .map(|(run, _, _)| {
                    let marked = screen.marked.contains(&run.id);
                    let fresh = screen.list.is_fresh(&run.id, app.now);
                    Line::from(match (marked, screen.is_baseline(run), fresh) {
                        (true, _, _) => Span::styled("●", theme.accent),
                        (false, true, _) => Span::styled("◆", theme.baseline),
                        (false, false, true) => Span::styled("+", theme.success),
                        (false, false, false) => Span::raw(" "),
                    })
                })
                .collect(),
            1,
            0,
        ),
        Column::new(
            "Run",
            visible
                .iter()
                .map(|(run, depth, name)| {
                    let indent = if *depth > 0 {
                        format!("{}└ ", "  ".repeat(usize::from(depth - 1)))
                    } else {
                        String::new()
                    };
                    let style = if screen.is_baseline(run) {
                        theme.baseline
                    } else {
                        theme.text
                    };
                    Line::from(Span::styled(format!("{indent}{name}"), style))
                })
                .collect(),
            18,
            32,
            0,
        )
        .middle()
        .growing()
        .sorts_by(SortKey::Name),
    ];
    if screen.selected_experiments.len() > 1 {
        cols.push(experiment_column(app, &visible, theme));
    }
    cols.push(Column::fixed(
        if short { "" } else { "Status" },
        visible
            .iter()
            .map(|(run, _, _)| Line::from(status(&run.status, theme, short)))
            .collect(),
        if short { 1 } else { 9 },
        0,
    ));
    cols.push(
        Column::fixed(
            "Age",
            visible
                .iter()
                .map(|(run, _, _)| {
                    Line::from(Span::styled(age(app.now, run.start_time), theme.muted))
                })
                .collect(),
            4,
            0,
        )
        .sorts_by(SortKey::StartTime),
    );
    cols.push(Column::new(
        "User",
        visible
            .iter()
            .map(|(run, _, _)| Line::from(Span::styled(run.user.clone(), theme.muted)))
            .collect(),
        5,
        10,
        u8::MAX,
    ));
    let first_metric = cols.len();
    cols.extend(metric_columns(app, &visible, theme));
    let metrics = first_metric..cols.len();
    cols.extend(spark_column(app, &visible, theme));
    (cols, metrics)
}

/// The sparkline of the chosen metric's history, when one is chosen.
fn spark_column<'a>(app: &App, visible: &[(&Run, u8, &str)], theme: &Theme) -> Option<Column<'a>> {
    let screen = &app.runs;
    screen.sparks.metric.as_ref().map(|metric| {
        Column::fixed(
            &format!("{metric} trend"),
            visible
                .iter()
                .map(|(run, _, _)| {
                    let s = screen
                        .sparks
                        .data
                        .get(&run.id)
                        .map(|v| sparkline(v, 14))
                        .unwrap_or_default();
                    Line::from(Span::styled(s, theme.accent))
                })
                .collect(),
            14,
            2,
        )
    })
}

/// Which experiment each run belongs to, when several are listed.
fn experiment_column<'a>(app: &App, visible: &[(&Run, u8, &str)], theme: &Theme) -> Column<'a> {
    let screen = &app.runs;
    Column::new(
        "Experiment",
        visible
            .iter()
            .map(|(run, _, _)| {
                let name = screen
                    .experiment_name(&run.experiment_id)
                    .unwrap_or(run.experiment_id.as_str());
                Line::from(Span::styled(name.to_owned(), theme.muted))
            })
            .collect(),
        8,
        24,
        3,
    )
}

/// A column per metric from `column_offset` on, each value with its Δ against its
/// experiment's baseline; the first shown ranks with name, status and age.
fn metric_columns<'a>(app: &App, visible: &[(&Run, u8, &str)], theme: &Theme) -> Vec<Column<'a>> {
    let screen = &app.runs;
    screen
        .metric_columns
        .iter()
        .skip(screen.column_offset)
        .enumerate()
        .map(|(k, m)| {
            let arrow = app.settings.rules.direction(m).arrow().trim().to_owned();
            let cells = visible
                .iter()
                .map(|(run, _, _)| {
                    let value = run.metric(m);
                    let baseline = screen
                        .baseline_for(&run.experiment_id)
                        .filter(|b| b.run.id != run.id);
                    match baseline {
                        Some(b) => {
                            let d =
                                diff_one(m, b.run.metric(m), value, &app.settings.rules.policy(m));
                            delta_cell(&d, theme)
                        }
                        None => Line::from(value.map_or_else(String::new, format_value)),
                    }
                })
                .collect();
            let priority = if k == 0 { 1 } else { 4 + k.min(200) as u8 };
            // Wide enough for its header: a metric whose name is cut cannot be told apart.
            let header = format!("{m} {arrow}");
            let min = u16::try_from(header.width()).unwrap_or(18).clamp(14, 18);
            Column::new(&header, cells, min, 18, priority).sorts_by(SortKey::Metric(m.clone()))
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut Hits) {
    let screen = &app.runs;
    let list = &screen.list;
    let inner_width = area.width.saturating_sub(2);
    let body_rows = area.height.saturating_sub(3) as usize;
    let offset = screen.cursor.visible_from(body_rows, list.rows.len());
    let end = (offset + body_rows).min(list.rows.len());
    let rows: Vec<usize> = (offset..end).collect();
    let (cols, metrics) = columns(app, &rows, inner_width, theme);
    let shown = fit_columns(&cols, inner_width);
    let metrics_shown = cols[metrics]
        .iter()
        .filter(|c| shown.iter().any(|(s, _)| std::ptr::eq(*s, *c)))
        .count();
    // Nothing is hidden when there are no rows to show columns for.
    let hidden = if list.rows.is_empty() {
        (0, 0)
    } else {
        let right = screen
            .metric_columns
            .len()
            .saturating_sub(screen.column_offset + metrics_shown);
        (screen.column_offset, right)
    };

    // Both titles share the top border: at narrow widths the listing's progress says less,
    // then the scrolled-off metric counts go, so that neither covers the other.
    let room = usize::from(area.width.saturating_sub(2));
    let mut left = title(app, theme, false);
    if left.width() > room {
        left = title(app, theme, true);
    }
    let mut right = scope_right(app, hidden, theme);
    if left.width() + right.width() > room {
        right = scope_right(app, (0, 0), theme);
    }
    if left.width() + right.width() > room && app.runs.list.fetching.is_some() {
        right = Line::default();
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(left)
        .title_top(right.right_aligned())
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
    super::columns::render(frame, inner, &shown, theme.title, |i| {
        (offset + i == screen.cursor.selected).then_some(theme.selection)
    });
    super::columns::header_hits(inner, &shown, hits);
    hits.lists
        .push(list_area(Pane::Runs, inner, offset, list.rows.len()));
}

/// Where a table's rows are in `inner` (under its header line), for the mouse.
pub(super) fn list_area(pane: Pane, inner: Rect, first: usize, len: usize) -> ListArea {
    ListArea {
        pane,
        rows: super::area(Rect {
            y: inner.y.saturating_add(1),
            height: inner.height.saturating_sub(1),
            ..inner
        }),
        first,
        len,
    }
}

/// The scope, the count and what is happening; `short` words the listing's progress in
/// fewer columns.
fn title<'a>(app: &App, theme: &Theme, short: bool) -> Line<'a> {
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
        let doing = if short {
            format!("{listed} listed{stop} ")
        } else {
            format!("listing every run: {listed} listed{stop} ")
        };
        spans.push(Span::styled(doing, theme.accent));
    }
    if !s.marked.is_empty() {
        spans.push(Span::styled(
            format!("· {} marked ", s.marked.len()),
            theme.accent,
        ));
    }
    Line::from(spans)
}

/// The filter, the order, and how many metric columns are scrolled off either side.
fn scope_right<'a>(app: &App, (left, right): (usize, usize), theme: &Theme) -> Line<'a> {
    let s = &app.runs;
    let mut spans = Vec::new();
    if left > 0 || right > 0 {
        let arrows = match (left > 0, right > 0) {
            (true, true) => format!("◂ {left} · {right} ▸"),
            (true, false) => format!("◂ {left}"),
            _ => format!("{right} ▸"),
        };
        spans.push(Span::styled(" metrics ", theme.muted));
        spans.push(Span::styled(format!("{arrows} "), theme.accent));
    }
    if let Some(f) = &s.filter {
        spans.push(Span::styled(" filter ", theme.muted));
        spans.push(Span::styled(
            format!("{} ", truncate_middle(f.text(), 40)),
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
        if s.is_flat() {
            spans.push(Span::styled("· flat ", theme.muted));
        }
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

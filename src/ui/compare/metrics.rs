//! The metric diff table, in three widths: wide (with tolerances), medium, and narrow (Δ%
//! and marks only).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::app::compare::CompareScreen;
use crate::config::theme::Theme;
use crate::domain::value::{format_delta, format_pct, format_value};
use crate::domain::{DiffReport, Gate, MetricDiff};
use crate::ui::format::truncate;
use crate::ui::metric_cell::verdict_style;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Narrow,
    Medium,
    Wide,
}

impl Width {
    fn of(inner: u16) -> Self {
        match inner {
            0..76 => Self::Narrow,
            76..90 => Self::Medium,
            _ => Self::Wide,
        }
    }
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    screen: &CompareScreen,
    (full, report): (&DiffReport, &DiffReport),
    title: Line,
    theme: &Theme,
) {
    // The summary judges every metric, whatever the list shows.
    let overall = if full.passed() {
        theme.success
    } else {
        theme.error
    };
    let summary = Line::from(vec![
        Span::styled(format!(" {} ", full.gate_summary()), overall),
        Span::styled(format!("· {} ", full.verdict_summary()), theme.muted),
    ]);
    let mut summary = summary;
    if screen.diff_only {
        let same = full.metrics.len() - report.metrics.len();
        summary.push_span(Span::styled(
            format!("· {same} equal hidden "),
            theme.accent,
        ));
    }
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(title)
        .title_bottom(summary);
    let selected = report.metrics.get(screen.metric_cursor.selected);
    if let Some(reason) = selected
        .and_then(|m| m.gate_reason.as_ref())
        .filter(|_| area.width >= 110)
    {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" ✗ {} ", truncate(reason, 60)),
                theme.error,
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if report.metrics.is_empty() {
        let text = if full.metrics.is_empty() {
            "Neither run logged any metric"
        } else {
            "Every metric is equal in both runs"
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.muted)).centered(),
            inner,
        );
        return;
    }
    let width = Width::of(inner.width);
    let height = inner.height.saturating_sub(1) as usize;
    let offset = screen
        .metric_cursor
        .visible_from(height, report.metrics.len());
    let rows: Vec<Row> = report
        .metrics
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let row = Row::new(cells(m, width, theme));
            if i == screen.metric_cursor.selected {
                row.style(theme.selection)
            } else {
                row
            }
        })
        .collect();
    let (header, widths) = columns(width, theme);
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

fn cells<'a>(m: &MetricDiff, width: Width, theme: &Theme) -> Vec<Cell<'a>> {
    let opt = |v: Option<f64>, f: fn(f64) -> String| v.map_or_else(|| "—".to_owned(), f);
    let right = |s: String, style| Cell::from(Line::from(Span::styled(s, style)).right_aligned());
    let vs = verdict_style(m.verdict, theme);
    let narrow = width == Width::Narrow;
    let gate = match (m.gate, narrow) {
        (Some(Gate::Pass), false) => Span::styled("✓ pass", theme.success),
        (Some(Gate::Fail), false) => Span::styled("✗ FAIL", theme.error),
        (Some(Gate::Pass), true) => Span::styled("✓", theme.success),
        (Some(Gate::Fail), true) => Span::styled("✗", theme.error),
        (None, _) => Span::raw(""),
    };
    let mut cells = vec![
        Cell::from(Line::from(vec![
            Span::styled(format!("{} ", m.direction.arrow()), theme.muted),
            Span::styled(m.name.clone(), theme.text),
        ])),
        right(opt(m.baseline, format_value), theme.text),
        right(opt(m.candidate, format_value), theme.text),
    ];
    if !narrow {
        cells.push(right(opt(m.delta, format_delta), vs));
    }
    cells.push(right(opt(m.delta_pct, format_pct), vs));
    let verdict = if narrow {
        m.verdict.symbol().to_owned()
    } else {
        format!("{} {}", m.verdict.symbol(), m.verdict.label())
    };
    cells.push(Cell::from(Span::styled(verdict, vs)));
    cells.push(Cell::from(gate));
    if width == Width::Wide {
        let tolerance = m.tolerance.map_or_else(String::new, |t| t.to_string());
        cells.push(Cell::from(Span::styled(tolerance, theme.muted)));
    }
    cells
}

fn columns<'a>(width: Width, theme: &Theme) -> (Row<'a>, Vec<Constraint>) {
    // (title, right-aligned, width)
    let mut cols: Vec<(&str, bool, Constraint)> = vec![
        ("Metric", false, Constraint::Min(12)),
        ("Baseline", true, Constraint::Length(10)),
        ("Candidate", true, Constraint::Length(10)),
    ];
    if width != Width::Narrow {
        cols.push(("Δ", true, Constraint::Length(10)));
    }
    cols.push(("Δ%", true, Constraint::Length(8)));
    match width {
        Width::Narrow => cols.extend([
            ("", false, Constraint::Length(1)),
            ("Gate", false, Constraint::Length(4)),
        ]),
        Width::Medium => cols.extend([
            ("Verdict", false, Constraint::Length(12)),
            ("Gate", false, Constraint::Length(6)),
        ]),
        Width::Wide => cols.extend([
            ("Verdict", false, Constraint::Length(22)),
            ("Gate", false, Constraint::Length(6)),
            ("Tolerance", false, Constraint::Length(14)),
        ]),
    }
    let header = Row::new(cols.iter().map(|(h, right, _)| {
        let line = Line::from(Span::styled(*h, theme.title));
        Cell::from(if *right { line.right_aligned() } else { line })
    }));
    (header, cols.into_iter().map(|(_, _, w)| w).collect())
}

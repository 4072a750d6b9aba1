//! The Alerts tab: firing alerts first (critical before warning), recently resolved below, each
//! with its latest value against the threshold, since when, and a sparkline whose breaching
//! windows are coloured. Enter opens the chart.

mod chart;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::format::age;
use super::message;
use crate::app::App;
use crate::app::view::Top;
use crate::config::theme::Theme;
use crate::domain::alert::{Alert, AlertReport};
use crate::domain::alert::{AlertState, Breach, Severity};
use crate::domain::spark::NON_FINITE;
use crate::domain::value::format_value;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if matches!(app.top(), Top::AlertChart)
        && let Some(a) = app.alerts.selected()
    {
        return chart::render(frame, area, app, a, theme);
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(title(app, theme));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !app.options.alerts_configured {
        let lines = vec![
            Line::from(Span::styled("No alerts configured", theme.text)),
            Line::from(""),
            Line::from(Span::styled(
                "Name the experiments holding monitoring runs in [monitoring] experiments, and add \
                 [[alerts]] rules (a metric or glob, above/below a threshold or relative to the \
                 production version's evaluation, for how many windows, how severe). \
                 config.example.toml explains each key; `clearance --demo` has an example.",
                theme.muted,
            )),
        ];
        return message::centered(frame, inner, lines);
    }
    let Some(report) = message::loaded(
        frame,
        inner,
        &app.alerts.report,
        (
            "Evaluating the alert rules…",
            "Could not evaluate the alerts",
        ),
        app,
        theme,
    ) else {
        return;
    };
    let notes_h = report.notes.len().min(3) as u16;
    let [table_area, notes_area] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(notes_h + u16::from(notes_h > 0)),
    ])
    .areas(inner);
    if report.alerts.is_empty() {
        let lines = vec![
            Line::from(Span::styled("✓ Nothing firing", theme.success)),
            Line::from(Span::styled(
                "every monitored series is within its rules",
                theme.muted,
            )),
        ];
        message::centered(frame, table_area, lines);
    } else {
        render_table(frame, table_area, app, report, theme);
    }
    if notes_h > 0 {
        let lines: Vec<Line> = report
            .notes
            .iter()
            .take(3)
            .map(|n| Line::from(Span::styled(format!("note: {n}"), theme.muted)))
            .collect();
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border);
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            notes_area,
        );
    }
}

fn title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(" Alerts ", theme.title)];
    if let Some(r) = app.alerts.report.loaded() {
        let firing = r.firing().count();
        let resolved = r.alerts.len() - firing;
        let style = match r.worst() {
            Some(Severity::Critical) => theme.error,
            Some(Severity::Warning) => theme.warning,
            None => theme.success,
        };
        spans.push(Span::styled(format!("{firing} firing "), style));
        if resolved > 0 {
            spans.push(Span::styled(format!("· {resolved} resolved "), theme.muted));
        }
    }
    Line::from(spans)
}

pub fn severity_style(s: Severity, theme: &Theme) -> Style {
    match s {
        Severity::Critical => theme.error,
        Severity::Warning => theme.warning,
    }
}

/// A sparkline of the most recent `width` windows (on-call cares about now, not the whole
/// history); windows beyond the threshold are drawn in the alert's colour.
pub fn threshold_spark<'a>(a: &Alert, width: usize, theme: &Theme) -> Line<'a> {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let points = &a.series.points;
    let values: Vec<f64> = points[points.len().saturating_sub(width)..]
        .iter()
        .map(|p| p.value)
        .collect();
    let finite = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .chain([a.eval.threshold]);
    let (lo, hi) = finite.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let bad = severity_style(a.rule.severity, theme);
    let spans: Vec<Span> = values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                return Span::styled(NON_FINITE.to_string(), theme.warning);
            }
            let level = if hi > lo {
                ((v - lo) / (hi - lo) * 7.0).round() as usize
            } else {
                3
            };
            let breach = match a.rule.breach {
                Breach::Above => v > a.eval.threshold,
                Breach::Below => v < a.eval.threshold,
            };
            Span::styled(
                BARS[level.min(7)].to_string(),
                if breach { bad } else { theme.muted },
            )
        })
        .collect();
    Line::from(spans)
}

fn render_table(frame: &mut Frame, area: Rect, app: &App, report: &AlertReport, theme: &Theme) {
    // Wide: every column; narrow: the state folds into the mark and the sparkline goes first.
    let wide = area.width >= 100;
    let with_spark = area.width >= 80;
    let with_rule = area.width >= 140;
    let height = area.height.saturating_sub(1) as usize;
    let cursor = &app.alerts.cursor;
    let offset = cursor.visible_from(height, report.alerts.len());
    let spark_w = if wide { 20 } else { 10 };
    let rows: Vec<Row> = report
        .alerts
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, a)| {
            let sev = severity_style(a.rule.severity, theme);
            let mark = match (a.rule.severity, a.eval.state, wide) {
                (_, AlertState::Resolved { .. }, false) => Span::styled("✓ ok", theme.muted),
                (Severity::Critical, _, _) => Span::styled("✖ crit", sev),
                (Severity::Warning, _, _) => Span::styled("▲ warn", sev),
            };
            let subject = match &a.version {
                Some(v) => format!("{} {}", a.series.subject(), v.label()),
                None => a.series.subject(),
            };
            let value = Line::from(vec![
                Span::styled(
                    format_value(a.eval.latest),
                    if a.is_firing() { sev } else { theme.text },
                ),
                Span::styled(
                    format!(" {}", a.rule.describe_threshold(a.eval.threshold)),
                    theme.muted,
                ),
            ]);
            let mut cells = vec![Cell::from(mark)];
            if wide {
                let (state, style) = match a.eval.state {
                    AlertState::Firing => ("FIRING".to_owned(), sev),
                    AlertState::Resolved { at } => {
                        (format!("✓ {} ago", age(app.now, Some(at))), theme.muted)
                    }
                };
                cells.push(Cell::from(Span::styled(state, style)));
            }
            cells.extend([
                Cell::from(Span::styled(subject, theme.text)),
                Cell::from(Span::styled(a.series.metric.clone(), theme.text)),
                Cell::from(value),
                Cell::from(Span::styled(
                    if wide {
                        format!(
                            "{} {}",
                            a.eval.since.format("%m-%d"),
                            age(app.now, Some(a.eval.since))
                        )
                    } else {
                        age(app.now, Some(a.eval.since))
                    },
                    theme.muted,
                )),
            ]);
            if with_spark {
                cells.push(Cell::from(threshold_spark(a, spark_w, theme)));
            }
            if with_rule {
                cells.push(Cell::from(Span::styled(a.rule.name.clone(), theme.muted)));
            }
            let row = Row::new(cells);
            if i == cursor.selected {
                row.style(theme.selection)
            } else {
                row
            }
        })
        .collect();
    let cols = columns(wide, with_spark, with_rule, spark_w as u16);
    let header = Row::new(
        cols.iter()
            .map(|(h, _)| Cell::from(Span::styled(*h, theme.title))),
    );
    let widths: Vec<Constraint> = cols.into_iter().map(|(_, w)| w).collect();
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

/// The table's columns for the room there is.
fn columns(
    wide: bool,
    with_spark: bool,
    with_rule: bool,
    spark_w: u16,
) -> Vec<(&'static str, Constraint)> {
    let mut cols: Vec<(&'static str, Constraint)> = vec![("", Constraint::Length(6))];
    if wide {
        cols.push(("State", Constraint::Length(9)));
    }
    cols.extend([
        ("Model", Constraint::Min(12)),
        ("Metric", Constraint::Length(if wide { 22 } else { 14 })),
        (
            if wide {
                "Latest vs threshold"
            } else {
                "Latest"
            },
            Constraint::Length(if wide { 19 } else { 15 }),
        ),
        ("Since", Constraint::Length(if wide { 9 } else { 5 })),
    ]);
    if with_spark {
        cols.push(("Recent windows", Constraint::Length(spark_w)));
    }
    if with_rule {
        cols.push(("Rule", Constraint::Length(24)));
    }
    cols
}

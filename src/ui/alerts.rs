//! The Alerts tab: firing alerts first (critical before warning), recently resolved below, each
//! with its latest value against the threshold, since when, and a sparkline whose breaching
//! windows are coloured. Enter opens the chart.

mod chart;
mod columns;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use self::columns::{Column, allocate};
use super::format::{age, truncate};
use super::message;
use crate::app::App;
use crate::app::mouse::{Hits, Pane};
use crate::app::view::Top;
use crate::config::theme::Theme;
use crate::domain::alert::{AckKind, AlertState, Breach, Severity};
use crate::domain::alert::{Alert, AlertReport};
use crate::domain::spark::NON_FINITE;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut Hits) {
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
    let answer = app
        .alerts
        .selected()
        .and_then(|a| answer_line(a, inner.width, app, theme));
    let [table_area, answer_area, notes_area] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(u16::from(answer.is_some())),
        Constraint::Length(notes_h + u16::from(notes_h > 0)),
    ])
    .areas(inner);
    if let Some(line) = answer {
        frame.render_widget(Paragraph::new(line), answer_area);
    }
    let mut filtered = report.clone();
    filtered.alerts = app.alerts.shown().into_iter().cloned().collect();
    let report = &filtered;
    if report.alerts.is_empty() && !app.alerts.filter.is_empty() {
        let lines = vec![Line::from(Span::styled(
            format!("No alert matches '{}' (esc clears)", app.alerts.filter),
            theme.muted,
        ))];
        message::centered(frame, table_area, lines);
    } else if report.alerts.is_empty() {
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
        hits.lists.push(super::runs::list_area(
            Pane::Alerts,
            table_area,
            app.alerts.cursor.offset.get(),
            report.alerts.len(),
        ));
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
        let stopped = r.stale().count();
        let resolved = r
            .alerts
            .iter()
            .filter(|a| matches!(a.eval.state, AlertState::Resolved { .. }))
            .count();
        let style = match r.worst(app.now) {
            Some(Severity::Critical) => theme.error,
            Some(Severity::Warning) => theme.warning,
            None => theme.success,
        };
        spans.push(Span::styled(format!("{firing} firing "), style));
        if stopped > 0 {
            spans.push(Span::styled(format!("· {stopped} stale "), theme.warning));
        }
        if resolved > 0 {
            spans.push(Span::styled(format!("· {resolved} resolved "), theme.muted));
        }
        if !app.alerts.filter.is_empty() {
            spans.push(Span::styled(
                format!(
                    "· {}",
                    super::format::filtered(
                        app.alerts.shown().len(),
                        r.alerts.len(),
                        &app.alerts.filter
                    )
                ),
                theme.accent,
            ));
        }
    }
    Line::from(spans)
}

/// Who acknowledged or silenced the selected alert, until when and why (a silence that ended
/// says so); `None` when nobody answered it.
fn answer_line<'a>(a: &Alert, width: u16, app: &App, theme: &Theme) -> Option<Line<'a>> {
    let ack = a.ack.as_ref()?;
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%m-%d %H:%M").to_string();
    let (label, style, what) = match (ack.in_force(app.now), ack.until) {
        (true, Some(u)) => (
            ack.label(),
            theme.accent,
            format!(
                "by {} until {} ({} left)",
                ack.by,
                day(u),
                crate::domain::policy::format_duration(u - app.now)
            ),
        ),
        (true, None) => (
            ack.label(),
            theme.accent,
            format!("by {} at {}", ack.by, day(ack.at)),
        ),
        (false, u) => (
            "ENDED",
            theme.muted,
            format!(
                "silence by {} ended {}",
                ack.by,
                u.map(day).unwrap_or_default()
            ),
        ),
    };
    let text = if ack.reason.is_empty() {
        what
    } else {
        format!("{what}: {}", ack.reason)
    };
    let room = usize::from(width).saturating_sub(label.width() + 1);
    Some(Line::from(vec![
        Span::styled(format!("{label} "), style),
        Span::styled(truncate(&text, room), theme.muted),
    ]))
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

/// What the Last window column says: the newest window's date and age, and `stale` when the
/// feed stopped; shorter forms for less room.
fn last_window(a: &Alert, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let Some(f) = a.freshness else {
        return vec![String::new()];
    };
    let ago = age(now, Some(f.latest));
    let date = f.latest.format("%m-%d");
    if f.stale {
        vec![
            format!("{date} {ago} stale"),
            format!("{ago} stale"),
            format!("{ago}!"),
        ]
    } else {
        vec![format!("{date} {ago}"), ago]
    }
}

/// The first of `forms` that fits `width`, else the last one cut.
fn fitting(forms: &[String], width: u16) -> String {
    let w = usize::from(width);
    forms
        .iter()
        .find(|f| f.width() <= w)
        .cloned()
        .unwrap_or_else(|| truncate(forms.last().map_or("", String::as_str), w))
}

fn subject(a: &Alert) -> String {
    match &a.version {
        Some(v) => format!("{} {}", a.series.subject(), v.label()),
        None => a.series.subject(),
    }
}

fn widest<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> u16 {
    cells
        .map(UnicodeWidthStr::width)
        .chain([header.width()])
        .max()
        .unwrap_or(0)
        .try_into()
        .unwrap_or(u16::MAX)
}

// Column indices, in display order (0 is the mark).
const STATE: usize = 1;
const MODEL: usize = 2;
const METRIC: usize = 3;
const LATEST: usize = 4;
const LAST: usize = 5;
const SINCE: usize = 6;
const SPARK: usize = 7;
const RULE: usize = 8;
/// Only when some alert is answered.
const ANSWERED: usize = 9;

/// The columns, sized by the report's content. Dropped first when room runs out: the
/// sparkline, the streak start, the state (folded into the mark), the rule, the last window.
fn columns(app: &App, report: &AlertReport) -> Vec<Column> {
    let alerts = &report.alerts;
    let subjects: Vec<String> = alerts.iter().map(subject).collect();
    let values: Vec<String> = alerts
        .iter()
        .map(|a| a.rule.describe_value(a.eval.latest, a.eval.threshold))
        .collect();
    let last: Vec<String> = alerts
        .iter()
        .filter_map(|a| last_window(a, app.now).into_iter().next())
        .collect();
    let stale_only = alerts.iter().any(|a| a.eval.state == AlertState::Stale);
    let latest_w = widest("Latest", values.iter().map(String::as_str)).min(24);
    let col = |header, want, min, drop_rank, grow_rank| Column {
        header,
        want,
        min,
        drop_rank,
        grow_rank,
    };
    let answers: Vec<String> = alerts
        .iter()
        .filter_map(|a| answered_by(a, app.now).into_iter().next())
        .collect();
    let mut cols = vec![
        col(
            "",
            6 + u16::from(stale_only),
            6 + u16::from(stale_only),
            0,
            9,
        ),
        col("State", 9, 9, 3, 8),
        col(
            "Model",
            widest("Model", subjects.iter().map(String::as_str)),
            12,
            0,
            2,
        ),
        col(
            "Metric",
            widest("Metric", alerts.iter().map(|a| a.series.metric.as_str())),
            10,
            0,
            1,
        ),
        // The value against the threshold is never cut (it is at most about 20 columns).
        col("Latest vs threshold", latest_w, latest_w, 0, 0),
        col(
            "Last window",
            widest("Last", last.iter().map(String::as_str)),
            5,
            1,
            3,
        ),
        col("Since", 9, 5, 4, 5),
        col("Recent windows", 20, 10, 5, 6),
        col(
            "Rule",
            widest("Rule", alerts.iter().map(|a| a.rule.name.as_str())),
            12,
            2,
            4,
        ),
    ];
    if !answers.is_empty() {
        // Room for `ann →16:10` where there is a silence.
        let min = if alerts.iter().any(|a| a.is_silenced(app.now)) {
            14
        } else {
            8
        };
        // Dropped first: the line below the table says it for the selected alert.
        cols.push(col(
            "Answered",
            widest("Answered", answers.iter().map(String::as_str)),
            min,
            6,
            3,
        ));
    }
    cols
}

/// Who answered an alert and until when (`ann until 12-06 16:10`, `ann`); shorter forms for
/// less room; nothing when no answer is in force at `now`.
fn answered_by(a: &Alert, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let Some(ack) = a.answered(now) else {
        return Vec::new();
    };
    let who = ack.by.split(" <").next().unwrap_or(&ack.by).to_owned();
    match ack.until {
        Some(u) => vec![
            format!("{who} until {}", u.format("%m-%d %H:%M")),
            format!("{who} →{}", u.format("%H:%M")),
            who,
        ],
        None => vec![who],
    }
}

fn render_table(frame: &mut Frame, area: Rect, app: &App, report: &AlertReport, theme: &Theme) {
    let cols = columns(app, report);
    let widths = allocate(&cols, area.width);
    let height = area.height.saturating_sub(1) as usize;
    let cursor = &app.alerts.cursor;
    let offset = cursor.visible_from(height, report.alerts.len());
    let rows: Vec<Row> = report
        .alerts
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, a)| row(a, &widths, i == cursor.selected, app, theme))
        .collect();
    let header = Row::new(cols.iter().zip(&widths).filter_map(|(c, w)| {
        w.map(|w| {
            // The full header where it fits, else its first word.
            let text = if c.header.width() > usize::from(w) {
                c.header.split(' ').next().unwrap_or_default()
            } else {
                c.header
            };
            Cell::from(Span::styled(truncate(text, usize::from(w)), theme.title))
        })
    }));
    let constraints: Vec<Constraint> = widths
        .iter()
        .flatten()
        .map(|w| Constraint::Length(*w))
        .collect();
    frame.render_widget(Table::new(rows, constraints).header(header), area);
}

/// One alert's row, in the columns `widths` shows.
fn row<'a>(a: &Alert, widths: &[Option<u16>], selected: bool, app: &App, theme: &Theme) -> Row<'a> {
    let shown = |i: usize| widths[i].is_some();
    let width = |i: usize| widths[i].unwrap_or(0);
    let sev = severity_style(a.rule.severity, theme);
    let mut cells: Vec<Cell> = Vec::with_capacity(widths.len());
    cells.push(Cell::from(mark(a, shown(STATE), app, theme)));
    if shown(STATE) {
        let (state, style) = match (a.eval.state, a.answered(app.now)) {
            (AlertState::Resolved { .. }, _) | (_, None) => state_cell(a, sev, app, theme),
            (_, Some(ack)) => (ack.label().to_owned(), theme.accent),
        };
        cells.push(Cell::from(Span::styled(state, style)));
    }
    cells.push(Cell::from(Span::styled(
        truncate_middle(&subject(a), usize::from(width(MODEL))),
        theme.text,
    )));
    cells.push(Cell::from(Span::styled(
        truncate_middle(&a.series.metric, usize::from(width(METRIC))),
        theme.text,
    )));
    cells.push(Cell::from(Span::styled(
        truncate(
            &a.rule.describe_value(a.eval.latest, a.eval.threshold),
            usize::from(width(LATEST)),
        ),
        if a.is_firing() { sev } else { theme.text },
    )));
    if shown(LAST) {
        let style = if a.is_stale() {
            theme.warning
        } else {
            theme.muted
        };
        cells.push(Cell::from(Span::styled(
            fitting(&last_window(a, app.now), width(LAST)),
            style,
        )));
    }
    if shown(SINCE) {
        let since = [
            format!(
                "{} {}",
                a.eval.since.format("%m-%d"),
                age(app.now, Some(a.eval.since))
            ),
            age(app.now, Some(a.eval.since)),
        ];
        cells.push(Cell::from(Span::styled(
            fitting(&since, width(SINCE)),
            theme.muted,
        )));
    }
    if shown(SPARK) {
        cells.push(Cell::from(threshold_spark(
            a,
            usize::from(width(SPARK)),
            theme,
        )));
    }
    if shown(RULE) {
        cells.push(Cell::from(Span::styled(
            truncate(&a.rule.name, usize::from(width(RULE))),
            theme.muted,
        )));
    }
    if let Some(Some(w)) = widths.get(ANSWERED) {
        let forms = answered_by(a, app.now);
        cells.push(Cell::from(Span::styled(
            if forms.is_empty() {
                String::new()
            } else {
                fitting(&forms, *w)
            },
            theme.muted,
        )));
    }
    let row = Row::new(cells);
    if selected {
        row.style(theme.selection)
    } else {
        row
    }
}

/// The first cell: severity, and without a State column what the state would say.
fn mark<'a>(a: &Alert, state_shown: bool, app: &App, theme: &Theme) -> Span<'a> {
    let sev = severity_style(a.rule.severity, theme);
    let answered = a.answered(app.now).map(|k| k.kind);
    match (a.rule.severity, a.eval.state, state_shown, answered) {
        (_, AlertState::Resolved { .. }, false, _) => Span::styled("✓ ok", theme.muted),
        (s, _, false, Some(k)) => Span::styled(
            format!(
                "{} {}",
                glyph(s),
                match k {
                    AckKind::Acknowledged => "ack",
                    AckKind::Silenced => "mute",
                }
            ),
            theme.muted,
        ),
        (_, AlertState::Stale, false, None) => Span::styled("? stale", sev),
        (s, ..) => Span::styled(
            format!(
                "{} {}",
                glyph(s),
                match s {
                    Severity::Critical => "crit",
                    Severity::Warning => "warn",
                }
            ),
            sev,
        ),
    }
}

/// The State cell of an alert nobody answered: `FIRING`, `✓ 2d ago`, `STALE`.
fn state_cell(a: &Alert, sev: Style, app: &App, theme: &Theme) -> (String, Style) {
    match a.eval.state {
        AlertState::Firing => ("FIRING".to_owned(), sev),
        AlertState::Resolved { at } => (format!("✓ {} ago", age(app.now, Some(at))), theme.muted),
        AlertState::Stale => ("STALE".to_owned(), sev),
    }
}

fn glyph(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "✖",
        Severity::Warning => "▲",
    }
}

/// Cuts `s` to `width` columns in the middle, keeping its end (`fraud-cl…production v3`):
/// names differ at their end as often as at their start.
fn truncate_middle(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    if width < 5 {
        return truncate(s, width);
    }
    let tail_w = (width - 1) / 2;
    let head_w = width - 1 - tail_w;
    let head = truncate(s, head_w + 1);
    let head = head.trim_end_matches('…');
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > tail_w {
            break;
        }
        tail.push(c);
        w += cw;
    }
    let tail: String = tail.into_iter().rev().collect();
    format!("{head}…{tail}")
}

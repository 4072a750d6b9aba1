//! A model's history: what was in production when, and who moved it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};
use unicode_width::UnicodeWidthStr;

use super::format::{age, truncate};
use super::message;
use crate::app::App;
use crate::app::history::HistoryScreen;
use crate::config::theme::Theme;
use crate::domain::promotion::{AuditEntry, ChangeKind};

pub fn render(frame: &mut Frame, area: Rect, app: &App, h: &HistoryScreen, theme: &Theme) {
    let model = app
        .models
        .models
        .loaded()
        .and_then(|ms| ms.iter().find(|m| m.name == h.model));
    let mut title = vec![Span::styled(
        format!(" History of {} ", h.model),
        theme.title,
    )];
    if let Some(m) = model {
        for (alias, v) in &m.aliases {
            title.push(Span::styled(
                format!("@{alias} {} ", v.label()),
                theme.muted,
            ));
        }
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::from(title))
        .title_bottom(Line::from(Span::styled(
            " from the registry's records and the local audit log ",
            theme.muted,
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(entries) = message::loaded(
        frame,
        inner,
        &h.entries,
        ("Reading the history…", "Could not read the history"),
        app,
        theme,
    ) else {
        return;
    };
    if entries.is_empty() {
        let lines = vec![
            Line::from(Span::styled("No recorded alias moves", theme.text)),
            Line::from(Span::styled(
                "clearance records the promotions and rollbacks it makes; moves made elsewhere leave no trace in MLflow",
                theme.muted,
            )),
        ];
        return message::centered(frame, inner, lines);
    }
    let detail_h = if inner.height >= 10 { 5 } else { 0 };
    let [inner, detail_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(detail_h)]).areas(inner);
    if let Some(e) = entries.get(h.cursor.selected).filter(|_| detail_h > 0) {
        render_detail(frame, detail_area, e, theme);
    }
    render_table(frame, inner, app, h, entries, theme);
}

/// When, what, who, the gates and why; the selected row highlighted.
fn render_table(
    frame: &mut Frame,
    inner: Rect,
    app: &App,
    h: &HistoryScreen,
    entries: &[AuditEntry],
    theme: &Theme,
) {
    let wide = inner.width >= 100;
    let height = inner.height.saturating_sub(1) as usize;
    let offset = h.cursor.visible_from(height, entries.len());
    let rows: Vec<Row> = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, e)| {
            let when = if wide {
                e.at.format("%Y-%m-%d %H:%M").to_string()
            } else {
                age(app.now, Some(e.at))
            };
            let (action, style) = match (e.action, e.overridden) {
                (ChangeKind::Promote, false) => ("promote", theme.success),
                (ChangeKind::Promote, true) => ("override", theme.warning),
                (ChangeKind::Rollback, _) => ("rollback", theme.warning),
                (ChangeKind::Baseline, _) => ("baseline", theme.accent),
                (ChangeKind::Unassign, _) => ("unassign", theme.warning),
            };
            let gates = e.gates.as_ref().map_or_else(String::new, |g| {
                let s = g.summary.split(" · ").next().unwrap_or("").to_owned();
                if e.overridden {
                    format!("{s}, overridden")
                } else {
                    s
                }
            });
            let mut cells = vec![
                Cell::from(Span::styled(when, theme.muted)),
                Cell::from(Span::styled(action, style)),
                Cell::from(Span::styled(e.describe(), theme.text)),
                Cell::from(Span::styled(truncate(&e.by, 28), theme.text)),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(gates, theme.muted)));
                cells.push(Cell::from(Span::styled(
                    e.reason.clone().unwrap_or_default(),
                    theme.text,
                )));
            }
            let row = Row::new(cells);
            if i == h.cursor.selected {
                row.style(theme.selection)
            } else {
                row
            }
        })
        .collect();
    // Semver moves (GTO's `production: v1.10.0 → v1.11.0-rc.1`) need more room than
    // numbered ones; a wide screen gives it.
    let change_w = if wide {
        entries
            .iter()
            .map(|e| UnicodeWidthStr::width(e.describe().as_str()))
            .max()
            .unwrap_or(0)
            .clamp(24, 40) as u16
    } else {
        24
    };
    let mut header = vec!["When", "Action", "Change", "By"];
    let mut widths = vec![
        Constraint::Length(if wide { 16 } else { 5 }),
        Constraint::Length(9),
        Constraint::Length(change_w),
        Constraint::Length(if wide { 22 } else { 16 }),
    ];
    if wide {
        header.extend(["Gates", "Reason"]);
        // Moves made outside clearance (GTO's tags) carry no gates.
        let gates_w = if entries.iter().any(|e| e.gates.is_some()) {
            30
        } else {
            12
        };
        widths.extend([Constraint::Length(gates_w), Constraint::Min(10)]);
    }
    let header = Row::new(
        header
            .into_iter()
            .map(|h| Cell::from(Span::styled(h, theme.title))),
    );
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

/// The selected event in full: who, the reason, failed gates, where.
fn render_detail(frame: &mut Frame, area: Rect, e: &AuditEntry, theme: &Theme) {
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", e.describe()), theme.title),
        Span::styled(
            format!(
                "by {} at {} in {}",
                e.by,
                e.at.format("%Y-%m-%d %H:%M:%S UTC"),
                e.store
            ),
            theme.muted,
        ),
    ])];
    if let Some(r) = &e.reason {
        lines.push(Line::from(vec![
            Span::styled("reason: ", theme.muted),
            Span::styled(r.clone(), theme.text),
        ]));
    }
    if let Some(g) = &e.gates {
        let style = if g.passed { theme.success } else { theme.error };
        let mut spans = vec![
            Span::styled("gates: ", theme.muted),
            Span::styled(g.summary.clone(), style),
        ];
        if e.overridden {
            spans.push(Span::styled(" (overridden)", theme.warning));
        }
        lines.push(Line::from(spans));
        for f in &g.failed {
            lines.push(Line::from(Span::styled(format!("  ✗ {f}"), theme.error)));
        }
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

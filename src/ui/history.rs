//! A model's history: what was in production when, and who moved it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::columns::{self, Column, fit_columns};
use super::format::age;
use super::message;
use crate::app::App;
use crate::app::history::HistoryScreen;
use crate::app::mouse::{Hits, Pane};
use crate::config::theme::Theme;
use crate::domain::promotion::{AuditEntry, ChangeKind};

pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    h: &HistoryScreen,
    theme: &Theme,
    hits: &mut Hits,
) {
    let model = app
        .models
        .models
        .loaded()
        .and_then(|ms| ms.iter().find(|m| m.name == h.model));
    let mut title = vec![Span::styled(
        format!(" History of {} ", h.model),
        theme.title,
    )];
    if !h.filter.is_empty() {
        let all = h.entries.loaded().map_or(0, Vec::len);
        title.push(Span::styled(
            super::format::filtered(h.shown().len(), all, &h.filter),
            theme.accent,
        ));
    }
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
    let shown: Vec<AuditEntry> = h.shown().into_iter().cloned().collect();
    let entries = &shown;
    if let Some(e) = entries.get(h.cursor.selected).filter(|_| detail_h > 0) {
        render_detail(frame, detail_area, e, theme);
    }
    render_table(frame, inner, app, h, entries, theme);
    hits.lists.push(super::runs::list_area(
        Pane::History,
        inner,
        h.cursor.offset.get(),
        entries.len(),
    ));
}

/// When, what, who, the gates and why, in columns sized by their content (a column nobody
/// filled in is left out, so it never takes room from "By"); the selected row highlighted.
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
    let visible: Vec<&AuditEntry> = entries.iter().skip(offset).take(height).collect();
    let cells = |f: &dyn Fn(&AuditEntry) -> Span<'static>| -> Vec<Line<'static>> {
        visible.iter().map(|e| Line::from(f(e))).collect()
    };
    let mut cols = vec![
        Column::fixed(
            "When",
            cells(&|e| {
                let when = if wide {
                    e.at.format("%Y-%m-%d %H:%M").to_string()
                } else {
                    age(app.now, Some(e.at))
                };
                Span::styled(when, theme.muted)
            }),
            if wide { 16 } else { 5 },
            0,
        ),
        Column::new(
            "Action",
            cells(&|e| {
                let (action, style) = match (e.action, e.overridden) {
                    (ChangeKind::Promote, false) => ("promote", theme.success),
                    (ChangeKind::Promote, true) => ("override", theme.warning),
                    (ChangeKind::Rollback, _) => ("rollback", theme.warning),
                    (ChangeKind::Baseline, _) => ("baseline", theme.accent),
                    (ChangeKind::Unassign, _) => ("unassign", theme.warning),
                };
                Span::styled(action, style)
            }),
            8,
            8,
            0,
        ),
        // Semver moves (GTO's `production: v1.10.0 → v1.11.0-rc.1`) need more room than
        // numbered ones.
        Column::new(
            "Change",
            cells(&|e| Span::styled(e.describe(), theme.text)),
            20,
            40,
            0,
        ),
        Column::new(
            "By",
            cells(&|e| Span::styled(e.by.clone(), theme.text)),
            12,
            64,
            1,
        ),
    ];
    // Moves made outside clearance (GTO's tags) carry no gates, and a reason is optional.
    if entries.iter().any(|e| e.gates.is_some()) {
        cols.push(Column::new(
            "Gates",
            cells(&|e| {
                let gates = e.gates.as_ref().map_or_else(String::new, |g| {
                    let s = g.summary.split(" · ").next().unwrap_or("").to_owned();
                    if e.overridden {
                        format!("{s}, overridden")
                    } else {
                        s
                    }
                });
                Span::styled(gates, theme.muted)
            }),
            12,
            30,
            2,
        ));
    }
    if entries.iter().any(|e| e.reason.is_some()) {
        cols.push(
            Column::new(
                "Reason",
                cells(&|e| Span::styled(e.reason.clone().unwrap_or_default(), theme.text)),
                10,
                80,
                3,
            )
            .growing(),
        );
    }
    let shown = fit_columns(&cols, inner.width);
    columns::render(frame, inner, &shown, theme.title, |i| {
        (offset + i == h.cursor.selected).then_some(theme.selection)
    });
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

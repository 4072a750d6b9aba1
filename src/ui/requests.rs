//! The Requests view: the open promotion requests of the loaded models, what each still
//! misses, and the confirmation of an approval or a withdrawal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::columns::{self, Column, fit_columns};
use super::format::{age, spinner};
use super::message;
use crate::app::loadable::Loadable;
use crate::app::mouse::{Hits, Pane};
use crate::app::requests::{Pending, RequestForm, RequestRow, RequestsScreen};
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;
use crate::domain::policy::{CheckKind, CheckState, RequestState};

pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    s: &RequestsScreen,
    theme: &Theme,
    hits: &mut Hits,
) {
    let all = app.requests();
    let rows = app.narrow_requests(&all);
    let mut title = vec![Span::styled(
        format!(" Requests · approving as {} ", app.identity),
        theme.title,
    )];
    if !s.filter.is_empty() {
        title.push(Span::styled(
            super::format::filtered(rows.len(), all.len(), &s.filter),
            theme.accent,
        ));
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::from(title))
        .title_bottom(Line::from(Span::styled(
            " read from the loaded models' version tags ",
            theme.muted,
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if all.is_empty() {
        let mut lines = vec![
            Line::from(Span::styled("No promotion requests", theme.text)),
            Line::from(Span::styled(
                "ask for a move with `clearance request MODEL VERSION --to ALIAS --reason TEXT`",
                theme.muted,
            )),
        ];
        // Read-only mode has no key for it.
        if let Some(k) = app.keymap.keys_for(&[Layer::Models], Action::Request) {
            lines.push(Line::from(Span::styled(
                format!("or press {k} on a version in Models"),
                theme.muted,
            )));
        }
        if matches!(*app.models.models, Loadable::Loading) {
            lines = message::loading("Loading models", app, theme);
        }
        return message::centered(frame, inner, lines);
    }
    let detail_h = if inner.height >= 12 { 6 } else { 0 };
    let confirm_h = u16::from(s.confirm.is_some() || s.busy.is_some());
    let [table, detail_area, confirm_area] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(detail_h),
        Constraint::Length(confirm_h),
    ])
    .areas(inner);
    if let Some(r) = rows.get(s.cursor.selected).filter(|_| detail_h > 0) {
        render_detail(frame, detail_area, s, r, theme);
    }
    render_table(frame, table, app, s, &rows, theme);
    hits.lists.push(super::runs::list_area(
        Pane::Requests,
        table,
        s.cursor.offset.get(),
        rows.len(),
    ));
    if confirm_h > 0 {
        render_confirm(frame, confirm_area, app, s, theme);
    }
}

/// What the request still misses, short: the unmet points of its checklist.
fn missing(s: &RequestsScreen, r: &RequestRow) -> (String, bool) {
    match s.checks.get(&r.key) {
        None | Some(Loadable::Idle) => ("no policy configured".to_owned(), true),
        Some(Loadable::Loading) => ("checking…".to_owned(), false),
        Some(Loadable::Failed(e)) => (format!("cannot judge: {e}"), false),
        Some(Loadable::Loaded(None)) => ("no rule governs it".to_owned(), true),
        Some(Loadable::Loaded(Some(v))) => {
            let unmet: Vec<String> = v.unmet().map(|c| c.detail.clone()).collect();
            if unmet.is_empty() {
                ("nothing: the policy is met".to_owned(), true)
            } else {
                (unmet.join("; "), false)
            }
        }
    }
}

/// `1/2 ann` when the checklist says how many are needed, else `1 ann`.
fn approvals(s: &RequestsScreen, r: &RequestRow) -> String {
    let who = r.open.approvers();
    let n = who.len();
    let needed = match s.checks.get(&r.key) {
        Some(Loadable::Loaded(Some(v))) => v
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::Approvals)
            .and_then(|c| needed_of(&c.detail)),
        _ => None,
    };
    let count = needed.map_or_else(|| n.to_string(), |m| format!("{n}/{m}"));
    if who.is_empty() {
        count
    } else {
        format!("{count} {}", who.join(", "))
    }
}

/// The `N` of an approvals check's detail (`1 of 2 approvals …`), when it says one.
fn needed_of(detail: &str) -> Option<usize> {
    let words: Vec<&str> = detail.split_whitespace().collect();
    words
        .windows(3)
        .find(|w| w[1] == "of" && w[0].parse::<usize>().is_ok())
        .and_then(|w| w[2].parse().ok())
}

fn state_of(r: &RequestRow) -> &'static str {
    match r.state {
        RequestState::Open => "open",
        RequestState::Expired => "expired",
        RequestState::Stale(_) => "stale",
    }
}

fn render_table(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    s: &RequestsScreen,
    rows: &[RequestRow],
    theme: &Theme,
) {
    let height = area.height.saturating_sub(1) as usize;
    let offset = s.cursor.visible_from(height, rows.len());
    let visible: Vec<&RequestRow> = rows.iter().skip(offset).take(height).collect();
    let cells = |f: &dyn Fn(&RequestRow) -> Span<'static>| -> Vec<Line<'static>> {
        visible.iter().map(|r| Line::from(f(r))).collect()
    };
    let cols = vec![
        Column::new(
            "Move",
            cells(&|r| Span::styled(r.key.describe(), theme.text)),
            16,
            44,
            0,
        ),
        Column::new(
            "State",
            cells(&|r| {
                let style = match r.state {
                    RequestState::Open => theme.success,
                    _ => theme.warning,
                };
                Span::styled(state_of(r), style)
            }),
            7,
            7,
            0,
        ),
        Column::new(
            "By",
            cells(&|r| Span::styled(r.open.request.requester.clone(), theme.text)),
            6,
            24,
            1,
        ),
        Column::fixed(
            "Age",
            cells(&|r| Span::styled(age(app.now, Some(r.open.request.at)), theme.muted)),
            5,
            2,
        ),
        Column::new(
            "Approvals",
            cells(&|r| Span::styled(approvals(s, r), theme.text)),
            9,
            30,
            1,
        ),
        Column::new(
            "Missing",
            cells(&|r| {
                let (text, met) = missing(s, r);
                Span::styled(text, if met { theme.success } else { theme.warning })
            }),
            12,
            60,
            2,
        ),
        Column::new(
            "Reason",
            cells(&|r| Span::styled(r.open.request.reason.clone(), theme.muted)),
            10,
            80,
            3,
        )
        .growing(),
    ];
    let shown = fit_columns(&cols, area.width);
    columns::render(frame, area, &shown, theme.title, |i| {
        (offset + i == s.cursor.selected).then_some(theme.selection)
    });
}

/// The selected request in full: the reason, why it no longer counts, the checklist.
fn render_detail(frame: &mut Frame, area: Rect, s: &RequestsScreen, r: &RequestRow, theme: &Theme) {
    let req = &r.open.request;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", r.key.describe()), theme.title),
        Span::styled(
            format!(
                "asked by {} at {}, open until {}",
                req.requester,
                req.at.format("%Y-%m-%d %H:%M UTC"),
                req.expires.format("%Y-%m-%d %H:%M UTC")
            ),
            theme.muted,
        ),
    ])];
    lines.push(Line::from(vec![
        Span::styled("reason: ", theme.muted),
        Span::styled(req.reason.clone(), theme.text),
    ]));
    match &r.state {
        RequestState::Open => {}
        RequestState::Expired => lines.push(Line::from(Span::styled(
            "expired: it no longer counts; ask again with `clearance request`",
            theme.warning,
        ))),
        RequestState::Stale(why) => lines.push(Line::from(Span::styled(
            format!("stale: {why}"),
            theme.warning,
        ))),
    }
    if let Some(Loadable::Loaded(Some(v))) = s.checks.get(&r.key) {
        for c in &v.checks {
            let (mark, style) = match c.state {
                CheckState::Met => ("✓", theme.success),
                CheckState::Overridden => ("~", theme.warning),
                CheckState::Unmet { .. } => ("✗", theme.error),
            };
            lines.push(Line::from(Span::styled(
                format!("{mark} {}: {}", c.kind.label(), c.detail),
                style,
            )));
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

/// The question after `a` or `w`, or the spinner while the answer is on its way.
fn render_confirm(frame: &mut Frame, area: Rect, app: &App, s: &RequestsScreen, theme: &Theme) {
    let line = match (&s.confirm, &s.busy) {
        (Some((key, pending)), _) => {
            let what = match pending {
                Pending::Approve => format!("Approve {} as {}?", key.describe(), app.identity),
                Pending::Withdraw => format!("Withdraw your request {}?", key.describe()),
            };
            // The keys first: a narrow screen cuts the question, never how to answer it.
            Line::from(vec![
                Span::styled("enter: yes · esc: no  ", theme.muted),
                Span::styled(what, theme.warning),
            ])
        }
        (None, Some((key, pending))) => {
            let doing = match pending {
                Pending::Approve => "Approving",
                Pending::Withdraw => "Withdrawing",
            };
            Line::from(Span::styled(
                format!("{} {doing} {}…", spinner(app.now), key.describe()),
                theme.muted,
            ))
        }
        (None, None) => return,
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The reason of a request, asked by `ctrl-r` on a version.
pub fn render_form(frame: &mut Frame, area: Rect, f: &RequestForm, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(90);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 2.min(area.height.saturating_sub(5)),
        width: w,
        height: 5.min(area.height),
    };
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(
            format!(" Request {} ", f.key.describe()),
            theme.title,
        ))
        .title_bottom(Line::from(Span::styled(
            " enter asks · esc cancels ",
            theme.muted,
        )));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    if inner.height > 0 {
        super::popups::field(
            frame,
            Rect { height: 1, ..inner },
            "reason: ",
            &f.reason,
            theme,
        );
    }
    if inner.height > 1 {
        let (text, style) = match &f.error {
            Some(e) => (e.as_str(), theme.error),
            None => (
                "recorded on the version for others to approve; the move waits for the policy",
                theme.muted,
            ),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text.to_owned(), style)).wrap(Wrap { trim: false }),
            Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            },
        );
    }
}

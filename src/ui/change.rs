//! The confirmation dialog: the exact change, who will be recorded, every gate's verdict, and
//! the fields that make confirming deliberate. When space is short the gate list shrinks first;
//! the change and the confirmation field always show.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::format::{spinner, truncate, wrap};
use super::metric_cell::verdict_style;
use crate::app::App;
use crate::app::change::{ChangeDialog, Field, Phase, PolicyGate};
use crate::app::loadable::Loadable;
use crate::app::notify::Level;
use crate::config::Confirm;
use crate::config::theme::Theme;
use crate::domain::policy::CheckState;
use crate::domain::promotion::{Change, ChangeKind};
use crate::domain::value::{format_pct, format_value};
use crate::domain::{DiffReport, Gate, MetricDiff};

/// Metric rows shown when no gate applies.
const UNGATED_ROWS: usize = 5;

fn title(d: &ChangeDialog) -> String {
    match &d.change {
        Change::Alias(p) if p.kind == ChangeKind::Rollback => format!(" Roll back {} ", p.model),
        Change::Alias(p) => format!(" Approve {} {} for @{} ", p.model, p.to.label(), p.alias),
        Change::Baseline(p) => format!(" New baseline for {} ", p.experiment_name),
    }
}

/// Wrapped lines of one style.
fn para<'a>(text: &str, width: usize, style: Style) -> Vec<Line<'a>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// The change, an explanation (left out when `brief`), and who will be recorded.
fn head<'a>(
    d: &ChangeDialog,
    app: &App,
    width: usize,
    brief: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = para(&d.change.describe(), width, theme.title);
    let pr = d.pr_target.as_ref().filter(|_| d.promotes());
    if let (Some(t), true) = (pr, d.by_pr()) {
        lines.extend(para(
            &format!(
                "by {} to {}: pins it in {} on branch {}",
                app.options.change_request().0,
                t.repo,
                t.file,
                t.branch
            ),
            width,
            theme.accent,
        ));
        if !brief {
            lines.extend(para(
                "nothing moves in the registry now: the alias moves when CI applies the merged PR",
                width,
                theme.muted,
            ));
        }
        lines.extend(para(
            &format!(
                "recorded as {} in the {}",
                app.identity,
                app.options.change_request().0
            ),
            width,
            theme.muted,
        ));
        return lines;
    }
    if d.by_pr() {
        // Configured for pull requests, but there is no repository to open one in.
        lines.extend(para(
            "this model is promoted by pull or merge request, but no code host is configured \
             (github.repo or --repo; gitlab.project or --gitlab-project)",
            width,
            theme.warning,
        ));
    }
    let note = match &d.change {
        Change::Alias(p) if p.kind == ChangeKind::Rollback => {
            "back to the version it held before the last recorded move".to_owned()
        }
        Change::Alias(p) => match &p.candidate_alias {
            Some(s) => format!(
                "{} holds @{s}; both must still be as shown when you confirm",
                p.to.label()
            ),
            None => format!("@{} must still point where shown when you confirm", p.alias),
        },
        Change::Baseline(p) => format!(
            "the tag {}={} moves to '{}'",
            app.settings.baseline_tag, app.settings.baseline_value, p.run_name
        ),
    };
    if !brief {
        lines.extend(para(&note, width, theme.muted));
        if let Some(t) = pr {
            lines.extend(para(
                &format!(
                    "directly in the registry (or by {} to {})",
                    app.options.change_request().0,
                    t.repo
                ),
                width,
                theme.muted,
            ));
        }
    }
    lines.extend(para(
        &format!("recorded as {} in {}", app.identity, app.backend_label),
        width,
        theme.muted,
    ));
    lines
}

/// The policy's checklist for the move, as `clearance policy check` prints it: one point a
/// line (details wrapped), ✓ met, ✗ unmet, ~ overridden. When `brief`, only the unmet points,
/// one line each. Nothing when no policy governs the move.
fn policy<'a>(
    d: &ChangeDialog,
    app: &App,
    width: usize,
    brief: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let verdict = match &d.policy {
        Loadable::Idle | Loadable::Loaded(None) => return Vec::new(),
        Loadable::Loading => {
            return vec![Line::from(Span::styled(
                format!("{} checking the policy…", spinner(app.now)),
                theme.muted,
            ))];
        }
        Loadable::Failed(e) => {
            return para(&format!("policy cannot be judged: {e}"), width, theme.error);
        }
        Loadable::Loaded(Some(v)) => v,
    };
    let mut lines = Vec::new();
    let rule = verdict.rule.as_deref().map_or_else(
        || format!("policy for {}", app.identity),
        |r| format!("policy (rule {r}) for {}", app.identity),
    );
    if !brief {
        lines.push(Line::from(Span::styled(rule, theme.muted)));
    }
    let label_w = verdict
        .checks
        .iter()
        .map(|c| c.kind.label().width())
        .max()
        .unwrap_or(0);
    for c in verdict
        .checks
        .iter()
        .filter(|c| !brief || matches!(c.state, CheckState::Unmet { .. }))
    {
        let (mark, style) = match c.state {
            CheckState::Met => ("✓ ", theme.success),
            CheckState::Overridden => ("~ ", theme.warning),
            CheckState::Unmet { overridable: true } => ("✗ ", theme.warning),
            CheckState::Unmet { overridable: false } => ("✗ ", theme.error),
        };
        let label = format!("{:<label_w$}  ", c.kind.label());
        let used = 2 + label.width();
        let room = width.saturating_sub(used);
        let detail = if brief || room < 20 {
            vec![truncate(&c.detail, room)]
        } else {
            wrap(&c.detail, room)
        };
        for (i, part) in detail.into_iter().enumerate() {
            let lead = if i == 0 {
                vec![
                    Span::styled(mark, style),
                    Span::styled(label.clone(), theme.text),
                ]
            } else {
                vec![Span::raw(" ".repeat(used))]
            };
            let mut spans = lead;
            spans.push(Span::styled(part, style));
            lines.push(Line::from(spans));
        }
    }
    if brief {
        return lines;
    }
    let summary = match d.policy_gate() {
        PolicyGate::Open => ("allowed: every point of the policy is met", theme.success),
        PolicyGate::Frozen => (
            "frozen: a reason overrides the freeze, and is recorded",
            theme.warning,
        ),
        PolicyGate::Refused(_) => ("not allowed: the points marked ✗ are unmet", theme.error),
    };
    lines.push(Line::from(Span::styled(summary.0, summary.1)));
    lines
}

fn metric_line<'a>(m: &MetricDiff, width: usize, theme: &Theme) -> Line<'a> {
    let (mark, style) = match m.gate {
        Some(Gate::Pass) => ("✓ ", theme.success),
        Some(Gate::Fail) => ("✗ ", theme.error),
        None => ("  ", theme.muted),
    };
    let value = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), format_value);
    let change = format!("{} → {}", value(m.baseline), value(m.candidate));
    let pct = m.delta_pct.map(format_pct).unwrap_or_default();
    let mut spans = vec![
        Span::styled(mark, style),
        Span::styled(format!("{:<18} ", truncate(&m.name, 18)), theme.text),
        Span::styled(format!("{change:<20} "), theme.text),
        Span::styled(format!("{pct:>8} "), verdict_style(m.verdict, theme)),
    ];
    if let Some(r) = &m.gate_reason {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::styled(
            truncate(r, width.saturating_sub(used)),
            theme.error,
        ));
    }
    Line::from(spans)
}

fn gates<'a>(
    d: &ChangeDialog,
    report: Option<&DiffReport>,
    width: usize,
    app: &App,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let Some(r) = report else {
        return match d.runs {
            Some(_) => vec![Line::from(Span::styled(
                format!("{} loading the runs to check the gates…", spinner(app.now)),
                theme.muted,
            ))],
            None => vec![Line::from(Span::styled(
                "nothing to compare with (no current version or run)",
                theme.muted,
            ))],
        };
    };
    let mut gated: Vec<&MetricDiff> = r.gated().collect();
    // Failing gates first: they are what the reviewer must decide on, and they stay when
    // space is short.
    gated.sort_by_key(|m| m.gate != Some(Gate::Fail));
    let mut lines = Vec::new();
    let head_style = if r.passed() {
        theme.success
    } else {
        theme.error
    };
    let head = if d.gated() {
        r.gate_summary()
    } else {
        "not gated".to_owned()
    };
    lines.push(Line::from(vec![
        Span::styled(head, if d.gated() { head_style } else { theme.muted }),
        Span::styled(format!(" · {}", r.verdict_summary()), theme.muted),
    ]));
    let rows: Vec<&MetricDiff> = if gated.is_empty() {
        r.metrics.iter().take(UNGATED_ROWS).collect()
    } else {
        gated
    };
    lines.extend(rows.into_iter().map(|m| metric_line(m, width, theme)));
    lines
}

/// Fields and hints at the bottom; returns the lines and, for the focused field, its line
/// index and the cursor's column.
fn fields<'a>(
    d: &ChangeDialog,
    report: Option<&DiffReport>,
    app: &App,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<(usize, u16)>) {
    let mut lines = Vec::new();
    let mut cursor = None;
    let failing = d.gated() && report.is_some_and(|r| !r.passed());
    if let Phase::Finished(level, text) = &d.phase {
        let style = match level {
            Level::Info => theme.success,
            Level::Warning => theme.warning,
            Level::Error => theme.error,
        };
        lines.extend(para(text, width, style));
        return (lines, None);
    }
    let gate = if d.by_pr() {
        PolicyGate::Open
    } else {
        d.policy_gate()
    };
    if d.phase == Phase::Working {
        let text = format!("{} {}…", spinner(app.now), d.change.describe());
        lines.extend(para(&text, width, theme.accent));
        return (lines, None);
    }
    if failing {
        let text = if d.override_gates {
            "Overriding failing gates: the reason is recorded with the change."
        } else {
            "Gates fail: this is blocked. ctrl-o overrides them, with a reason that is recorded."
        };
        let style = if d.override_gates {
            theme.warning
        } else {
            theme.error
        };
        lines.extend(para(text, width, style));
    }
    // Confirming a move the policy refuses is not offered: no fields, what is missing instead.
    if let PolicyGate::Refused(why) = &gate {
        lines.extend(para(why, width, theme.error));
        return (lines, None);
    }
    let field = |label: &str, text: &str, focused: bool| -> Line<'a> {
        let style = if focused { theme.accent } else { theme.muted };
        Line::from(vec![
            Span::styled(label.to_owned(), style),
            Span::styled(text.to_owned(), theme.text),
        ])
    };
    // The fields in `Field::ORDER`: the reason, then the confirmation.
    let label = if gate == PolicyGate::Frozen {
        "Reason (overrides the freeze): "
    } else if d.override_gates {
        "Reason: "
    } else {
        "Reason (optional): "
    };
    if d.focus == Field::Reason {
        cursor = Some((lines.len(), (label.width() + d.reason.text.width()) as u16));
    }
    lines.push(field(label, &d.reason.text, d.focus == Field::Reason));
    let focused = d.focus == Field::Confirm;
    match d.confirm {
        Confirm::Name => {
            let label = format!("Type '{}' to confirm: ", d.expected);
            if focused {
                cursor = Some((lines.len(), (label.width() + d.input.text.width()) as u16));
            }
            lines.push(field(&label, &d.input.text, focused));
        }
        Confirm::Yes => {
            // No text to type: the cursor sits on the key that confirms.
            if focused {
                cursor = Some((lines.len(), "Press ".width() as u16));
            }
            let style = if focused { theme.accent } else { theme.muted };
            lines.push(Line::from(vec![
                Span::styled("Press ", style),
                Span::styled("y", theme.key),
                Span::styled(" to confirm", style),
            ]));
        }
    }
    if let Some(h) = &d.hint {
        lines.extend(para(h, width, theme.warning));
    }
    (lines, cursor)
}

/// The keys that mean something now, for the border (the footer shows the same list).
fn keys(d: &ChangeDialog, app: &App) -> String {
    let hints: Vec<String> = d
        .hints(app)
        .into_iter()
        .map(|h| {
            if h.key.is_empty() {
                h.desc
            } else {
                format!("{} {}", h.key, h.desc)
            }
        })
        .collect();
    format!(" {} ", hints.join(" · "))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, d: &ChangeDialog, theme: &Theme) {
    let width = area.width.min(100);
    let inner_w = width.saturating_sub(2) as usize;
    let report = d.report(app);
    let mut gates = gates(d, report.as_ref(), inner_w, app, theme);
    let (bottom, cursor) = fields(d, report.as_ref(), app, inner_w, theme);
    // Blank lines between the three parts. When space is short the explanation goes first,
    // then gate rows; the gates' summary line stays while there is any room.
    let room_for =
        |head: &[Line]| (area.height as usize).saturating_sub(4 + head.len() + bottom.len());
    let with_policy = |mut head: Vec<Line<'static>>, brief: bool| {
        let checklist = policy(d, app, inner_w, brief, theme);
        if !checklist.is_empty() {
            head.push(Line::from(""));
            head.extend(checklist);
        }
        head
    };
    let mut head = with_policy(head(d, app, inner_w, false, theme), false);
    if room_for(&head) < 3 {
        head = with_policy(self::head(d, app, inner_w, true, theme), true);
    }
    let room = room_for(&head);
    if gates.len() > room {
        // With room for two lines, the summary and the first row (failures come first) say
        // more than the summary and a pointer elsewhere.
        if room >= 3 {
            gates.truncate(room - 1);
            gates.push(Line::from(Span::styled(
                "… (more in the comparison view)",
                theme.muted,
            )));
        } else {
            gates.truncate(room);
        }
    }
    let mut lines = head;
    lines.push(Line::from(""));
    lines.extend(gates);
    lines.push(Line::from(""));
    let fields_at = lines.len();
    lines.extend(bottom);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    let border: Style = match &d.phase {
        Phase::Finished(Level::Error, _) => theme.error,
        _ if d.override_gates => theme.warning,
        _ => theme.accent,
    };
    let keys = keys(d, app);
    let block = Block::bordered()
        .border_style(border)
        .title(Span::styled(title(d), theme.title))
        .title_bottom(Line::from(Span::styled(keys, theme.muted)));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    if let Some((line, col)) = cursor {
        let y = rect.y + 1 + (fields_at + line) as u16;
        let x = rect.x + 1 + col.min(rect.width.saturating_sub(3));
        if y < rect.bottom().saturating_sub(1) {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

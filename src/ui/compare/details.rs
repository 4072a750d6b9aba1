//! The right pane of a comparison: the selected metric's rule and gate, the params that
//! changed (or all), and the candidate's status, note and tags.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::App;
use crate::app::compare::CompareScreen;
use crate::config::theme::Theme;
use crate::domain::params::ParamRow;
use crate::domain::{DiffReport, Direction, Gate, MetricDiff, Run};
use crate::ui::format::{status, truncate, wrap_line};

pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    screen: &CompareScreen,
    report: &DiffReport,
    theme: &Theme,
) {
    let Some((b, c)) = screen.pair(&app.cache) else {
        return;
    };
    let mut lines = Vec::new();
    if let Some(m) = report.metrics.get(screen.metric_cursor.selected) {
        lines.extend(metric_lines(m, theme));
        lines.push(Line::from(""));
    }
    let params = screen.params(&app.cache).unwrap_or_default();
    lines.extend(param_lines(
        &params,
        screen.show_all_params && !screen.diff_only,
        theme,
    ));
    lines.push(Line::from(""));
    lines.extend(candidate_lines(b, c, app, theme));
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" Details ", theme.title));
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = lines.iter().flat_map(|l| wrap_line(l, width)).collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((screen.detail_scroll, 0)),
        area,
    );
}

fn metric_lines<'a>(m: &MetricDiff, theme: &Theme) -> Vec<Line<'a>> {
    let better = match m.direction {
        Direction::Higher => "higher is better",
        Direction::Lower => "lower is better",
        Direction::Neutral => "no better direction",
    };
    let tolerance = m
        .tolerance
        .map_or_else(|| "exact".to_owned(), |t| t.to_string());
    let gate = match m.gate {
        Some(Gate::Pass) => Span::styled("gate ✓ pass", theme.success),
        Some(Gate::Fail) => Span::styled("gate ✗ FAIL", theme.error),
        None => Span::styled("not gated", theme.muted),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(m.name.clone(), theme.title),
            Span::styled(
                format!(" {} {better}", m.direction.arrow().trim()),
                theme.muted,
            ),
        ]),
        Line::from(vec![
            Span::styled(format!("  tolerance {tolerance} · "), theme.muted),
            gate,
        ]),
    ];
    if let Some(reason) = &m.gate_reason {
        lines.push(Line::from(Span::styled(format!("  {reason}"), theme.error)));
    }
    lines
}

fn param_lines<'a>(params: &[ParamRow], all: bool, theme: &Theme) -> Vec<Line<'a>> {
    let heading = if all {
        format!("Params ({})", params.len())
    } else {
        format!("Changed params ({})", params.len())
    };
    let mut lines = vec![Line::from(Span::styled(heading, theme.title))];
    if params.is_empty() {
        let none = if all {
            "  none logged"
        } else {
            "  none: same params"
        };
        lines.push(Line::from(Span::styled(none, theme.muted)));
    }
    let key_w = params
        .iter()
        .map(|p| p.key.chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    for p in params {
        let style = if p.changed() {
            theme.accent
        } else {
            theme.muted
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<key_w$} ", truncate(&p.key, key_w)),
                theme.text,
            ),
            Span::styled(
                p.baseline.clone().unwrap_or_else(|| "—".into()),
                theme.muted,
            ),
            Span::styled(" → ", theme.muted),
            Span::styled(p.candidate.clone().unwrap_or_else(|| "—".into()), style),
        ]));
    }
    lines
}

fn candidate_lines<'a>(baseline: &Run, c: &Run, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let mut info = vec![
        Span::styled(format!("  {} ", c.id.short()), theme.muted),
        status(&c.status, theme, false),
    ];
    if !c.user.is_empty() {
        info.push(Span::styled(format!(" · {}", c.user), theme.muted));
    }
    if let Some(d) = c.duration(app.now) {
        info.push(Span::styled(format!(" · ran {}", duration(d)), theme.muted));
    }
    let mut lines = vec![
        Line::from(Span::styled("Candidate", theme.title)),
        Line::from(info),
    ];
    if let Some(note) = c.note() {
        lines.push(Line::from(Span::styled(format!("  {note}"), theme.text)));
    }
    for (k, v) in c.user_tags() {
        let differs = baseline.tags.get(k) != Some(v);
        lines.push(Line::from(vec![
            Span::styled(format!("  {k}="), theme.muted),
            Span::styled(
                v.to_string(),
                if differs { theme.accent } else { theme.text },
            ),
        ]));
    }
    lines
}

/// `45s`, `12m 5s`, `3h 20m`, `4d 2h`.
fn duration(d: chrono::Duration) -> String {
    let s = d.num_seconds().max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {}s", s / 60, s % 60),
        3600..86_400 => format!("{}h {}m", s / 3600, (s % 3600) / 60),
        _ => format!("{}d {}h", s / 86_400, (s % 86_400) / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        let d = |s| duration(chrono::Duration::seconds(s));
        assert_eq!(
            [d(45), d(725), d(12_000), d(360_000)],
            ["45s", "12m 5s", "3h 20m", "4d 4h"]
        );
    }
}

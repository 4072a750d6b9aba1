//! One alert in full: its series with the threshold line, the rule, and what the threshold is
//! based on.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

use super::severity_style;
use crate::app::App;
use crate::config::theme::Theme;
use crate::domain::alert::Alert;
use crate::domain::alert::{AlertState, Threshold};
use crate::domain::metric::finite_bounds;
use crate::domain::policy::format_duration;
use crate::domain::value::format_value;
use crate::ui::format::age;
use chrono::{DateTime, Utc};

pub fn render(frame: &mut Frame, area: Rect, app: &App, a: &Alert, theme: &Theme) {
    let sev = severity_style(a.rule.severity, theme);
    let state = match a.eval.state {
        AlertState::Firing => format!(
            "firing since {} ({} ago)",
            a.eval.since.format("%Y-%m-%d %H:%M"),
            age(app.now, Some(a.eval.since))
        ),
        AlertState::Resolved { at } => format!(
            "resolved {} after firing since {}",
            at.format("%Y-%m-%d %H:%M"),
            a.eval.since.format("%Y-%m-%d")
        ),
        AlertState::Stale => "stale: the feed stopped".to_owned(),
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", a.series.metric), theme.title),
        Span::styled(format!("of {} ", a.series.subject()), theme.muted),
        Span::styled(format!("· {state} "), sev),
    ]);
    let lines = info(a, app.now, theme);
    let info_h = lines.len() as u16;
    let block = Block::bordered().border_style(theme.border).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [info, plot] =
        Layout::vertical([Constraint::Length(info_h), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);
    if plot.height < 4 || plot.width < 12 {
        return;
    }
    let start = a.series.points.first().map_or(0, |p| p.timestamp);
    let day = |t: i64| (t - start) as f64 / 86_400_000.0;
    let data: Vec<(f64, f64)> = a
        .series
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| (day(p.timestamp), p.value))
        .collect();
    let (Some((x0, x1)), Some((y0, y1))) = (
        finite_bounds(data.iter().map(|p| p.0)),
        finite_bounds(data.iter().map(|p| p.1).chain([a.eval.threshold])),
    ) else {
        frame.render_widget(
            Paragraph::new(Span::styled("No finite values to draw", theme.muted)),
            plot,
        );
        return;
    };
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let pad = if y1 > y0 { (y1 - y0) * 0.08 } else { 0.1 };
    let (y0, y1) = (y0 - pad, y1 + pad);
    let line = [(x0, a.eval.threshold), (x1, a.eval.threshold)];
    let since = day(a.eval.since.timestamp_millis());
    let marker = [(since, y0), (since, y1)];
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(sev)
            .data(&line),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted)
            .data(&marker),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent)
            .data(&data),
    ];
    let first = chrono::DateTime::from_timestamp_millis(start).unwrap_or_default();
    let last = first + chrono::Duration::milliseconds(((x1 - x0) * 86_400_000.0) as i64);
    let x_labels = vec![
        Line::from(first.format("%m-%d").to_string()),
        Line::from(last.format("%m-%d").to_string()),
    ];
    let y_labels = vec![Line::from(format_value(y0)), Line::from(format_value(y1))];
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels(x_labels)
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([y0, y1])
                .labels(y_labels)
                .style(theme.muted),
        );
    frame.render_widget(chart, plot);
}

/// The rule, what the threshold is based on, and the latest window.
fn info<'a>(a: &Alert, now: DateTime<Utc>, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(vec![
        Span::styled("rule ", theme.muted),
        Span::styled(a.rule.name.clone(), theme.text),
        Span::styled(
            format!(
                " · fires after {} window{} {} · {:?}",
                a.rule.windows,
                if a.rule.windows == 1 { "" } else { "s" },
                a.rule.describe_threshold(a.eval.threshold),
                a.rule.severity
            )
            .to_lowercase(),
            theme.muted,
        ),
    ])];
    if let (Threshold::Offline { by, .. }, Some((metric, value))) = (&a.rule.threshold, &a.offline)
    {
        lines.push(Line::from(Span::styled(
            format!(
                "threshold = {} {metric} in evaluation ({}) {} {}",
                a.version
                    .as_ref()
                    .map_or_else(|| "production's".to_owned(), |v| format!("{}'s", v.label())),
                format_value(*value),
                if a.eval.threshold < *value {
                    "−"
                } else {
                    "+"
                },
                format_value(*by)
            ),
            theme.muted,
        )));
    }
    let mut latest = vec![format!(
        "latest window {}",
        a.rule.describe_value(a.eval.latest, a.eval.threshold)
    )];
    if let Some(f) = a.freshness {
        latest.push(format!(
            " on {} ({} ago)",
            f.latest.format("%Y-%m-%d"),
            age(now, Some(f.latest))
        ));
    }
    if a.eval.state != AlertState::Stale {
        latest.push(format!(" · {} windows in the streak", a.eval.streak));
    }
    lines.push(Line::from(Span::styled(latest.concat(), theme.muted)));
    if let Some(f) = a.freshness.filter(|f| f.stale) {
        let expected = f.expected.map_or_else(String::new, |e| {
            format!(", expected every {}", format_duration(e))
        });
        lines.push(Line::from(Span::styled(
            format!(
                "STALE: no window for {}{expected}; whatever happened since is unknown",
                age(now, Some(f.latest))
            ),
            theme.warning,
        )));
    }
    lines
}

//! The selected metric's history for both runs, sampled to the chart's width (see
//! `app::compare::chart_points`), with NaN and infinite points of the sample counted rather
//! than drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

use crate::app::compare::CompareScreen;
use crate::app::loadable::Loadable;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;
use crate::domain::metric::finite_bounds;
use crate::domain::value::format_value;
use crate::domain::{DiffReport, MetricPoint, RunId};
use crate::ui::format::spinner;

/// (step, value) points that can be drawn, and how many could not.
fn drawable(points: &[MetricPoint]) -> (Vec<(f64, f64)>, usize) {
    let data: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| (p.step as f64, p.value))
        .collect();
    let skipped = points.len() - data.len();
    (data, skipped)
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    screen: &CompareScreen,
    report: &DiffReport,
    theme: &Theme,
) {
    let Some(metric) = report.metrics.get(screen.metric_cursor.selected) else {
        frame.render_widget(Block::bordered().border_style(theme.border), area);
        return;
    };
    let history = |id: &RunId| {
        app.cache
            .histories
            .get(&(id.clone(), metric.name.clone()))
            .cloned()
            .unwrap_or(Loadable::Idle)
    };
    let cand_id = screen
        .candidate()
        .map(|c| c.run.clone())
        .unwrap_or_default();
    let (c, b) = (history(&cand_id), history(&screen.baseline.run));
    let long = area.width as usize >= metric.name.chars().count() + 28;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", metric.name), theme.title),
        Span::styled(if long { "━ candidate " } else { "━ cand " }, theme.accent),
        Span::styled(if long { "━ baseline " } else { "━ base " }, theme.baseline),
    ]);
    let mut block = Block::bordered().border_style(theme.border).title(title);
    if let Some(keys) = metric_keys(app)
        && area.width as usize >= metric.name.chars().count() + 28 + keys.chars().count() + 10
    {
        block = block.title(
            Line::from(vec![
                Span::styled(format!(" {keys}"), theme.key),
                Span::styled(" metric ", theme.muted),
            ])
            .right_aligned(),
        );
    }
    let text = |s: String, style| Paragraph::new(Span::styled(s, style)).wrap(Wrap { trim: true });
    if let Some(e) = c.error().or(b.error()) {
        let p = text(format!("History unavailable: {e}"), theme.error);
        frame.render_widget(p.block(block), area);
        return;
    }
    let (Some(cp), Some(bp)) = (c.loaded(), b.loaded()) else {
        let p = text(
            format!("{} Loading history…", spinner(app.now)),
            theme.muted,
        );
        frame.render_widget(p.block(block), area);
        return;
    };
    let (cd, c_skip) = drawable(cp);
    let (bd, b_skip) = drawable(bp);
    let all = cd.iter().chain(bd.iter());
    let (Some((x0, x1)), Some((y0, y1))) = (
        finite_bounds(all.clone().map(|p| p.0)),
        finite_bounds(all.map(|p| p.1)),
    ) else {
        let what = if cp.is_empty() && bp.is_empty() {
            "No history logged for this metric".to_owned()
        } else {
            format!(
                "Only NaN or infinite values ({} points)",
                cp.len() + bp.len()
            )
        };
        frame.render_widget(text(what, theme.muted).block(block), area);
        return;
    };
    let plot = Plot {
        candidate: &cd,
        baseline: &bd,
        skipped: c_skip + b_skip,
        sampled: cp.len() + bp.len(),
        x: (x0, x1),
        y: (y0, y1),
    };
    draw(frame, area, block, &plot, theme);
}

/// The keys that chart another metric (`j/k`): moving the selection does, and the chart says
/// so where it is drawn. The last key of each (the letters, after the arrows).
fn metric_keys(app: &App) -> Option<String> {
    let hints = app.keymap.summary(Layer::Navigation);
    let last = |action| {
        hints
            .iter()
            .find(|h| h.action == action)
            .and_then(|h| h.keys.last().cloned())
    };
    Some(format!("{}/{}", last(Action::Down)?, last(Action::Up)?))
}

/// What to draw: both series' finite points, their bounds, and how many points were not.
struct Plot<'a> {
    candidate: &'a [(f64, f64)],
    baseline: &'a [(f64, f64)],
    skipped: usize,
    /// Points fetched, drawn or not.
    sampled: usize,
    x: (f64, f64),
    y: (f64, f64),
}

/// Draws both series, the baseline under the candidate.
fn draw(frame: &mut Frame, area: Rect, block: Block, plot: &Plot, theme: &Theme) {
    let (cd, bd, skipped, sampled) = (plot.candidate, plot.baseline, plot.skipped, plot.sampled);
    let ((x0, x1), (y0, y1)) = (plot.x, plot.y);
    let block = if skipped > 0 {
        block.title_bottom(Line::from(Span::styled(
            format!(" {skipped} of {sampled} points NaN/∞, not drawn "),
            theme.warning,
        )))
    } else {
        block
    };
    if area.height < 5 || area.width < 12 {
        frame.render_widget(block, area);
        return;
    }
    // One point makes no line: draw single points as dots.
    let kind = if bd.len() == 1 || cd.len() == 1 {
        GraphType::Scatter
    } else {
        GraphType::Line
    };
    let dataset = |data, style| {
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(kind)
            .style(style)
            .data(data)
    };
    let pad = if y1 > y0 {
        (y1 - y0) * 0.05
    } else {
        y0.abs().max(1.0) * 0.05
    };
    let (y0, y1) = (y0 - pad, y1 + pad);
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let labels = |a: f64, b: f64| vec![Line::from(format_value(a)), Line::from(format_value(b))];
    let axis = |lo: f64, hi: f64| {
        Axis::default()
            .bounds([lo, hi])
            .labels(labels(lo, hi))
            .style(theme.muted)
    };
    let chart = Chart::new(vec![dataset(bd, theme.baseline), dataset(cd, theme.accent)])
        .block(block)
        .x_axis(axis(x0, x1))
        .y_axis(axis(y0, y1));
    frame.render_widget(chart, area);
}

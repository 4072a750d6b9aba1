//! A change request's detail (enter on the Changes tab): title and state, branches, the pinned
//! model version, reviews and approvals, then the head commit's jobs by stage, the selected
//! one's address at the bottom. A job failing the pipeline is named in red above the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::format::truncate;
use super::message;
use super::prs::review_style;
use crate::app::App;
use crate::app::pr_detail::{PrDetailScreen, job_order};
use crate::config::theme::Theme;
use crate::domain::ci_job::{Job, JobStatus, by_stage, describe_duration};
use crate::domain::pull_request::{CheckState, PullRequest};
use crate::domain::text::printable;

/// Widest a job's name gets before it is cut.
const NAME_MAX: usize = 40;

/// The mark of a job allowed to fail.
const ALLOWED: &str = "  allowed to fail";

pub fn render(frame: &mut Frame, area: Rect, app: &App, d: &PrDetailScreen, theme: &Theme) {
    let vocab = app.options.vocab();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", vocab.badge(d.number)),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(pr) = app.pr_detail().and_then(|(_, pr)| pr) else {
        let lines = vec![
            Line::from(Span::styled(
                format!("{} is no longer open", vocab.named(d.number)),
                theme.text,
            )),
            Line::from(Span::styled("esc goes back to the list", theme.muted)),
        ];
        return message::centered(frame, inner, lines);
    };
    let width = inner.width as usize;
    let mut lines: Vec<Line> = header(app, pr, theme)
        .into_iter()
        .map(|l| fit(l, width))
        .collect();
    let order = job_order(pr);
    let selected = order.get(d.cursor.selected).map(|i| &pr.jobs[*i]);
    // The address at the bottom: the selected job's, else the request's.
    let url = selected
        .and_then(|j| j.url.as_deref())
        .unwrap_or(pr.url.as_str());
    let room = (inner.height as usize).saturating_sub(lines.len() + 1);
    if pr.jobs.is_empty() {
        let none = if pr.pipeline.is_some() {
            "The pipeline on the head commit has no jobs"
        } else if app.options.merge_requests {
            "No pipeline on the head commit"
        } else {
            "No checks on the head commit"
        };
        lines.push(Line::from(Span::styled(none, theme.muted)));
    } else {
        lines.extend(jobs(pr, d, &order, room, width, theme));
    }
    let used = lines.len();
    lines.extend((used..(inner.height as usize).saturating_sub(1)).map(|_| Line::from("")));
    lines.push(Line::from(Span::styled(
        truncate(&printable(url), width),
        theme.muted,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Title and state; branches, author and pin; review and approvals; CI, with the first job
/// failing the pipeline named.
fn header<'a>(app: &App, pr: &PullRequest, theme: &Theme) -> Vec<Line<'a>> {
    let state = if pr.draft {
        Span::styled("draft ", theme.warning)
    } else {
        Span::styled("open ", theme.success)
    };
    let title = Line::from(vec![
        state,
        Span::styled(printable(&pr.title).into_owned(), theme.text),
    ]);
    let mut branches = vec![
        Span::styled(
            printable(&format!("{} → {}", pr.head_branch, pr.base_branch)).into_owned(),
            theme.text,
        ),
        Span::styled(format!(" · by {}", printable(&pr.author)), theme.muted),
    ];
    match &pr.promotion {
        Some(r) => branches.push(Span::styled(
            printable(&format!(" · pins {} {}", r.model, r.version.label())).into_owned(),
            theme.alias_production,
        )),
        None => branches.push(Span::styled(" · pins no model version", theme.muted)),
    }
    let mut review = vec![
        Span::styled("review ", theme.muted),
        Span::styled(pr.review.label(), review_style(pr.review, theme)),
    ];
    if !pr.approved_by.is_empty() {
        review.push(Span::styled(
            printable(&format!(" · approved by {}", pr.approved_by.join(", "))).into_owned(),
            theme.text,
        ));
    }
    match &pr.approvals {
        Some(a) => review.push(Span::styled(
            format!(" · approvals {}", a.describe()),
            if a.left == 0 {
                theme.success
            } else {
                theme.warning
            },
        )),
        None if app.options.merge_requests => {
            review.push(Span::styled(" · no approval rules reported", theme.muted));
        }
        None => {}
    }
    let c = &pr.checks;
    let ci_style = match c.state {
        CheckState::Success => theme.success,
        CheckState::Failure => theme.error,
        CheckState::Pending => theme.warning,
        CheckState::None => theme.muted,
    };
    let mut ci = vec![
        Span::styled("CI ", theme.muted),
        Span::styled(c.describe(), ci_style),
    ];
    if let Some(p) = &pr.pipeline {
        ci.push(Span::styled(format!(" · pipeline #{}", p.id), theme.muted));
    }
    if let Some(failed) = pr.jobs.iter().find(|j| j.is_blocking_failure()) {
        let at = failed
            .stage
            .as_deref()
            .map_or_else(String::new, |s| format!(" in {s}"));
        ci.push(Span::styled(
            printable(&format!(" · ✖ {} failed{at}", failed.name)).into_owned(),
            theme.error,
        ));
    }
    vec![
        title,
        Line::from(branches),
        Line::from(review),
        Line::from(ci),
    ]
}

/// The job rows under their stage headings, scrolled so the selected job shows in `room`
/// rows.
fn jobs<'a>(
    pr: &PullRequest,
    d: &PrDetailScreen,
    order: &[usize],
    room: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let selected = order.get(d.cursor.selected).copied();
    let name_w = pr
        .jobs
        .iter()
        .map(|j| printable(&j.name).width())
        .max()
        .unwrap_or(0)
        .clamp(4, NAME_MAX);
    // The indent and symbol, status and duration take 22 columns, the allowance 17 more.
    let allowance = if pr.jobs.iter().any(|j| j.allow_failure) {
        ALLOWED.len()
    } else {
        0
    };
    let name_w = name_w.min(width.saturating_sub(22 + allowance).max(8));
    let mut rows: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    for (stage, members) in by_stage(&pr.jobs) {
        if let Some(s) = stage {
            rows.push(Line::from(Span::styled(
                truncate(&printable(s), width),
                theme.title,
            )));
        }
        for i in members {
            if Some(i) == selected {
                selected_row = rows.len();
            }
            rows.push(job_row(&pr.jobs[i], name_w, Some(i) == selected, theme));
        }
    }
    d.cursor.viewport.set(room.max(1));
    let offset = (selected_row + 1).saturating_sub(room.max(1));
    d.cursor.offset.set(offset);
    rows.into_iter()
        .skip(offset)
        .take(room)
        .map(|l| fit(l, width))
        .collect()
}

fn job_row<'a>(j: &Job, name_w: usize, selected: bool, theme: &Theme) -> Line<'a> {
    let (mark, style) = symbol(j, theme);
    let name = truncate(&printable(&j.name), name_w);
    let pad = name_w.saturating_sub(name.width());
    let mut spans = vec![
        Span::raw("  "),
        Span::styled(format!("{mark} "), style),
        Span::styled(format!("{name}{} ", " ".repeat(pad)), theme.text),
        Span::styled(
            format!("{:<9}", truncate(&printable(j.status.as_str()), 9)),
            style,
        ),
        Span::styled(
            format!(
                "{:>8}",
                j.duration_ms.map(describe_duration).unwrap_or_default()
            ),
            theme.muted,
        ),
    ];
    if j.allow_failure {
        spans.push(Span::styled(ALLOWED, theme.muted));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme.selection)
    } else {
        line
    }
}

/// A job's mark and colour: a failure that is allowed shows as a warning, not an error.
fn symbol(j: &Job, theme: &Theme) -> (&'static str, Style) {
    match &j.status {
        JobStatus::Passed => ("✓", theme.success),
        JobStatus::Failed if j.allow_failure => ("!", theme.warning),
        JobStatus::Failed => ("✖", theme.error),
        JobStatus::Running => ("●", theme.warning),
        JobStatus::Pending => ("○", theme.warning),
        JobStatus::Manual => ("▶", theme.accent),
        JobStatus::Skipped => ("»", theme.muted),
        JobStatus::Canceled => ("⊘", theme.muted),
        JobStatus::Other(_) => ("?", theme.muted),
    }
}

/// `line` cut to `width` columns, the last one an ellipsis when something was cut.
fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let style = line.style;
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    for s in line.spans {
        if left == 0 {
            break;
        }
        let w = s.content.width();
        if w <= left {
            left -= w;
            spans.push(s);
        } else {
            let cut = truncate(&s.content, left + 1);
            let cut = cut.trim_end_matches('…').to_owned();
            left = 0;
            spans.push(Span::styled(cut, s.style));
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(style)
}

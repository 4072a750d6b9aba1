//! The Changes tab: the repository's open pull requests (GitLab: merge requests) with CI and
//! review state; promotion PRs show the model version they pin. The selected one's branches,
//! checks and labels sit below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::format::{age, truncate};
use super::message;
use crate::app::App;
use crate::app::mouse::{Hits, Pane};
use crate::config::theme::Theme;
use crate::domain::pull_request::{CheckState, CheckSummary, PullRequest, ReviewState};

/// How the code host names its change requests: `pull requests` and `#12` on GitHub,
/// `merge requests` and `!12` on GitLab.
fn words(app: &App) -> (String, char) {
    let (noun, sigil) = app.options.change_request();
    (format!("{noun}s"), sigil)
}

/// Lines of the selected PR's details under the table.
const DETAIL_LINES: u16 = 3;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut Hits) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(title(app, theme));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(note) = &app.options.github_note {
        let lines = vec![
            Line::from(Span::styled("GitHub is off in the demo", theme.text)),
            Line::from(""),
            Line::from(Span::styled(note.clone(), theme.muted)),
        ];
        return message::centered(frame, inner, lines);
    }
    if app.options.github_repo.is_none() {
        let lines = vec![
            Line::from(Span::styled("No code host configured", theme.text)),
            Line::from(""),
            Line::from(Span::styled(
                "Set github.repo in the config (or pass --repo OWNER/NAME) to list open pull \
                 requests with CI and reviews here, and to promote by pull request; on GitLab, \
                 gitlab.project (or --gitlab-project GROUP/NAME) for merge requests. The token \
                 comes from $GH_TOKEN, $GITHUB_TOKEN or `gh auth token` ($GITLAB_TOKEN or \
                 `glab` on GitLab).",
                theme.muted,
            )),
        ];
        return message::centered(frame, inner, lines);
    }
    let (noun, _) = words(app);
    let (loading, failed) = (
        format!("Loading {noun}…"),
        format!("Could not load the {noun}"),
    );
    let Some(prs) = message::loaded(frame, inner, &app.prs.prs, (&loading, &failed), app, theme)
    else {
        return;
    };
    if prs.is_empty() {
        let lines = vec![
            Line::from(Span::styled(format!("No open {noun}"), theme.text)),
            Line::from(Span::styled(
                "approve a staged model (Models tab, a) to open a promotion PR",
                theme.muted,
            )),
        ];
        return message::centered(frame, inner, lines);
    }
    let shown: Vec<PullRequest> = app.prs.shown().into_iter().cloned().collect();
    if shown.is_empty() {
        let lines = vec![Line::from(Span::styled(
            format!("No {noun} match '{}' (esc clears)", app.prs.filter),
            theme.muted,
        ))];
        return message::centered(frame, inner, lines);
    }
    let prs = &shown;
    let detail_h = if inner.height >= 10 {
        DETAIL_LINES + 1
    } else {
        0
    };
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(detail_h)]).areas(inner);
    render_table(frame, table_area, app, prs, theme);
    hits.lists.push(super::runs::list_area(
        Pane::Prs,
        table_area,
        app.prs.cursor.offset.get(),
        prs.len(),
    ));
    if detail_h > 0
        && let Some(p) = app.prs.selected()
    {
        render_detail(frame, detail_area, app, p, theme);
    }
}

fn title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let title = format!(" {}s ", app.options.vocab().noun_capitalized());
    let mut spans = vec![Span::styled(title, theme.title)];
    if let Some(repo) = &app.options.github_repo {
        spans.push(Span::styled(format!("· {repo} "), theme.muted));
    }
    if let Some(prs) = app.prs.prs.loaded() {
        let promotions = prs.iter().filter(|p| p.promotion.is_some()).count();
        let shown = app.prs.shown().len();
        if app.prs.filter.is_empty() {
            spans.push(Span::styled(format!("· {} open ", prs.len()), theme.muted));
        } else {
            spans.push(Span::styled(
                format!("· {shown} of {} open ", prs.len()),
                theme.muted,
            ));
            spans.push(Span::styled(format!("/{} ", app.prs.filter), theme.accent));
        }
        if promotions > 0 {
            spans.push(Span::styled(
                format!("· {promotions} promoting "),
                theme.accent,
            ));
        }
    }
    Line::from(spans)
}

/// `✓ 3/3`, `✖ 1/3`, `● 2/3`, `–`.
fn checks<'a>(c: &CheckSummary, theme: &Theme) -> Span<'a> {
    let (mark, style) = match c.state {
        CheckState::Success => ("✓", theme.success),
        CheckState::Failure => ("✖", theme.error),
        CheckState::Pending => ("●", theme.warning),
        CheckState::None => return Span::styled("–", theme.muted),
    };
    Span::styled(format!("{mark} {}/{}", c.passed, c.total), style)
}

pub(super) fn review_style(r: ReviewState, theme: &Theme) -> Style {
    match r {
        ReviewState::Approved => theme.success,
        ReviewState::ChangesRequested => theme.error,
        ReviewState::PendingReview => theme.warning,
        ReviewState::Commented | ReviewState::None => theme.muted,
    }
}

/// The widest value of a column, clamped, so short columns leave the room to the title.
fn fit<'p>(
    prs: &'p [PullRequest],
    head: &str,
    min: usize,
    max: usize,
    f: impl Fn(&'p PullRequest) -> String,
) -> u16 {
    prs.iter()
        .map(|p| f(p).width())
        .chain([head.width()])
        .max()
        .unwrap_or(0)
        .clamp(min, max) as u16
}

fn pins(p: &PullRequest) -> String {
    p.promotion.as_ref().map_or_else(String::new, |r| {
        format!("{} {}", r.model, r.version.label())
    })
}

fn render_table(frame: &mut Frame, area: Rect, app: &App, prs: &[PullRequest], theme: &Theme) {
    let wide = area.width >= 100;
    let with_author = area.width >= 70;
    let height = area.height.saturating_sub(1) as usize;
    let cursor = &app.prs.cursor;
    let offset = cursor.visible_from(height, prs.len());
    let (_, sigil) = words(app);
    let number_w = fit(prs, "#", 3, 8, |p| format!("{sigil}{}", p.number));
    let author_w = fit(prs, "Author", 6, if wide { 16 } else { 10 }, |p| {
        p.author.clone()
    });
    let review_w = if wide {
        fit(prs, "Review", 6, 17, |p| p.review.label().to_owned())
    } else {
        fit(prs, "Review", 6, 9, |p| short_review(p.review).to_owned())
    };
    let pins_w = fit(prs, "Pins", 4, if wide { 30 } else { 16 }, pins);
    let rows: Vec<Row> = prs
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, p)| {
            let mut title = Vec::new();
            if p.draft {
                title.push(Span::styled("draft ", theme.muted));
            }
            title.push(Span::styled(p.title.clone(), theme.text));
            let review = if wide {
                p.review.label().to_owned()
            } else {
                short_review(p.review).to_owned()
            };
            let mut cells = vec![
                Cell::from(Span::styled(format!("{sigil}{}", p.number), theme.accent)),
                Cell::from(Line::from(title)),
            ];
            if with_author {
                cells.push(Cell::from(Span::styled(
                    truncate(&p.author, author_w.into()),
                    theme.muted,
                )));
            }
            cells.extend([
                Cell::from(checks(&p.checks, theme)),
                Cell::from(Span::styled(review, review_style(p.review, theme))),
                Cell::from(Span::styled(
                    truncate(&pins(p), pins_w.into()),
                    theme.alias_production,
                )),
            ]);
            if wide {
                cells.push(Cell::from(Span::styled(
                    age(app.now, p.updated.or(p.created)),
                    theme.muted,
                )));
            }
            let row = Row::new(cells);
            if i == cursor.selected {
                row.style(theme.selection)
            } else {
                row
            }
        })
        .collect();
    let mut cols: Vec<(&str, Constraint)> = vec![
        ("#", Constraint::Length(number_w)),
        ("Title", Constraint::Min(12)),
    ];
    if with_author {
        cols.push(("Author", Constraint::Length(author_w)));
    }
    cols.extend([
        ("CI", Constraint::Length(7)),
        ("Review", Constraint::Length(review_w)),
        ("Pins", Constraint::Length(pins_w)),
    ]);
    if wide {
        cols.push(("Updated", Constraint::Length(7)));
    }
    let header = Row::new(
        cols.iter()
            .map(|(h, _)| Cell::from(Span::styled(*h, theme.title))),
    );
    let widths: Vec<Constraint> = cols.into_iter().map(|(_, w)| w).collect();
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

/// The review state in a few letters, for narrow terminals.
fn short_review(r: ReviewState) -> &'static str {
    match r {
        ReviewState::Approved => "approved",
        ReviewState::ChangesRequested => "changes",
        ReviewState::Commented => "comments",
        ReviewState::PendingReview => "requested",
        ReviewState::None => "none",
    }
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App, p: &PullRequest, theme: &Theme) {
    let width = area.width as usize;
    let mut first = vec![
        Span::styled(format!("{}{} ", words(app).1, p.number), theme.accent),
        Span::styled(format!("{} → {}", p.head_branch, p.base_branch), theme.text),
        Span::styled(
            format!(
                " · by {} · opened {} ago",
                p.author,
                age(app.now, p.created)
            ),
            theme.muted,
        ),
    ];
    if let Some(r) = &p.promotion {
        first.push(Span::styled(
            format!(" · pins {} {}", r.model, r.version.label()),
            theme.alias_production,
        ));
    }
    let mut second = vec![
        Span::styled("CI ", theme.muted),
        Span::styled(p.checks.describe(), checks(&p.checks, theme).style),
        Span::styled(" · review ", theme.muted),
        Span::styled(p.review.label(), review_style(p.review, theme)),
    ];
    if !p.approved_by.is_empty() {
        second.push(Span::styled(
            format!(" · approved by {}", p.approved_by.join(", ")),
            theme.muted,
        ));
    }
    if let Some(a) = &p.approvals {
        second.push(Span::styled(
            format!(" · approvals {}", a.describe()),
            if a.left == 0 {
                theme.success
            } else {
                theme.warning
            },
        ));
    }
    if !p.labels.is_empty() {
        second.push(Span::styled(
            format!(" · labels {}", p.labels.join(", ")),
            theme.muted,
        ));
    }
    let lines = vec![
        Line::from(first),
        Line::from(second),
        Line::from(Span::styled(truncate(&p.url, width), theme.muted)),
    ];
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

//! The start screen: shown when no tracking store is configured, instead of a bare error.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::format::centered;
use crate::app::{Action, App};
use crate::config::keymap::Layer;
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let key = |a| app.keymap.keys_for(&[Layer::Start], a).unwrap_or_default();
    let how = [
        (
            "clearance --tracking-uri http://127.0.0.1:5000",
            "an MLflow server",
        ),
        (
            "clearance --tracking-uri sqlite:///path/mlflow.db",
            "an MLflow sqlite store",
        ),
        (
            "export MLFLOW_TRACKING_URI=...",
            "the same for every command",
        ),
        (
            "tracking.uri in ~/.config/clearance/config.toml",
            "the same, kept",
        ),
        (
            "cd into a folder holding an mlflow.db",
            "MLflow 3's default store",
        ),
        (
            "clearance --dvc-repo ~/proj",
            "a DVC repository (or cd into one)",
        ),
        (
            "clearance --wandb ENTITY/PROJECT",
            "a Weights & Biases project",
        ),
    ];
    let mut lines = vec![
        Line::from(Span::styled("clearance", theme.title)),
        Line::from(Span::styled(
            "Review ML runs and clear a staged model for production.",
            theme.muted,
        )),
        Line::from(""),
        Line::from(Span::styled("No tracking store to open.", theme.text)),
        Line::from(vec![
            Span::styled("Press ", theme.text),
            Span::styled(key(Action::Demo), theme.key),
            Span::styled(
                " for the demo: a real MLflow store with about 40 runs, two registered models \
                 and a drift episode. Nothing to install.",
                theme.text,
            ),
        ]),
        Line::from(""),
        Line::from(Span::styled("Or point clearance at your own:", theme.text)),
    ];
    let w = how
        .iter()
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(0);
    let side_by_side = area.width as usize >= w + 34;
    for (cmd, what) in how {
        if side_by_side {
            lines.push(Line::from(vec![
                Span::styled(format!("  {cmd:<w$}  "), theme.accent),
                Span::styled(what, theme.muted),
            ]));
        } else {
            lines.push(Line::from(Span::styled(format!("  {cmd}"), theme.accent)));
            lines.push(Line::from(Span::styled(format!("    {what}"), theme.muted)));
        }
    }
    lines.extend([
        Line::from(""),
        Line::from(vec![
            Span::styled("Press ", theme.muted),
            Span::styled(key(Action::Quit), theme.key),
            Span::styled(" to quit.", theme.muted),
        ]),
    ]);
    let width = area.width.min(96);
    let height = (lines.len() as u16 + 4).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(theme.border)),
        rect,
    );
}

//! Toasts, stacked in the bottom-right corner above the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::notify::{Level, Toasts};
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, toasts: &Toasts, theme: &Theme) {
    let width = (area.width * 3 / 5).clamp(20.min(area.width), 80);
    let mut bottom = area.bottom();
    for t in toasts.items.iter().rev() {
        let style = match t.level {
            Level::Info => theme.accent,
            Level::Warning => theme.warning,
            Level::Error => theme.error,
        };
        let inner_w = width.saturating_sub(2).max(1) as usize;
        let lines = (t.text.chars().count() / inner_w + 1).min(4) as u16;
        let h = lines + 2;
        if bottom < area.y + h {
            break;
        }
        let rect = Rect {
            x: area.right().saturating_sub(width),
            y: bottom - h,
            width,
            height: h,
        };
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(t.text.clone(), theme.text)))
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(style)),
            rect,
        );
        bottom -= h;
    }
}

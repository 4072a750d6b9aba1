//! `:`: the command palette, a query over every action available here and "go to" entries,
//! each with the keys that do the same.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::format::{centered, truncate};
use super::popups::search_popup;
use crate::app::palette::PalettePopup;
use crate::config::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, palette: &PalettePopup, theme: &Theme) {
    let visible = palette.visible();
    let w = area.width.saturating_sub(4).clamp(20, 72);
    let h = (visible.len() as u16 + 3).clamp(5, area.height.saturating_sub(2).max(3));
    let Some(list) = search_popup(
        frame,
        centered(area, w, h),
        (" Commands ", " type to search · enter runs · esc closes "),
        (": ", &palette.query),
        theme,
    ) else {
        return;
    };
    let offset = palette
        .cursor
        .visible_from(list.height as usize, visible.len());
    let width = list.width as usize;
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(list.height as usize)
        .map(|(i, e)| {
            let keys = truncate(&e.keys, width / 3);
            let label = truncate(&e.label, width.saturating_sub(keys.width() + 3));
            let pad = width.saturating_sub(label.width() + keys.width() + 2);
            let line = Line::from(vec![
                Span::styled(format!(" {label}"), theme.text),
                Span::raw(" ".repeat(pad)),
                Span::styled(format!("{keys} "), theme.key),
            ]);
            if i == palette.cursor.selected {
                line.style(theme.selection)
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("  nothing matches", theme.muted)),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}

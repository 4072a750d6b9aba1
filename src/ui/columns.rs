//! A table's columns sized by their content ([`super::widths`]): each column carries its
//! header, its cells (only the rows drawn) and what it needs; [`Table`] keeps those that fit and
//! cuts each cell to its column, keeping styles.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::format::truncate;
use super::widths::{ColumnSpec, allocate, truncate_middle};
use crate::app::mouse::Hits;
use crate::app::runs::SortKey;

/// One column: its header, a cell per drawn row, and what it needs.
pub struct Column<'a> {
    pub header: String,
    pub cells: Vec<Line<'a>>,
    pub spec: ColumnSpec,
    /// Cut in the middle rather than at the end (names whose end tells them apart).
    pub middle: bool,
    /// What a click on the header sorts by, where the list sorts.
    pub sort: Option<SortKey>,
}

impl<'a> Column<'a> {
    /// Wanting its widest cell or header, at most `max`; at least `min`, or what it wants
    /// when that is less (a column of short values needs no more than them).
    pub fn new(header: &str, cells: Vec<Line<'a>>, min: u16, max: u16, priority: u8) -> Self {
        let widest = cells.iter().map(Line::width).max().unwrap_or(0);
        let want = u16::try_from(widest.max(header.width()))
            .unwrap_or(u16::MAX)
            .min(max.max(min));
        let min = min.min(want);
        Self {
            header: header.to_owned(),
            cells,
            spec: ColumnSpec {
                min,
                want,
                priority,
                grow: false,
            },
            middle: false,
            sort: None,
        }
    }

    /// Always `width` wide.
    pub fn fixed(header: &str, cells: Vec<Line<'a>>, width: u16, priority: u8) -> Self {
        Self {
            header: header.to_owned(),
            cells,
            spec: ColumnSpec::fixed(width, priority),
            middle: false,
            sort: None,
        }
    }

    #[must_use]
    pub fn sorts_by(mut self, key: SortKey) -> Self {
        self.sort = Some(key);
        self
    }

    #[must_use]
    pub fn middle(mut self) -> Self {
        self.middle = true;
        self
    }

    #[must_use]
    pub fn growing(mut self) -> Self {
        self.spec = self.spec.growing();
        self
    }
}

/// The columns that fit `width` (one space between them), with their widths, in order.
pub fn fit_columns<'c, 'a>(cols: &'c [Column<'a>], width: u16) -> Vec<(&'c Column<'a>, u16)> {
    let specs: Vec<ColumnSpec> = cols.iter().map(|c| c.spec).collect();
    cols.iter()
        .zip(allocate(&specs, width, 1))
        .filter_map(|(c, w)| w.map(|w| (c, w)))
        .collect()
}

/// Draws the fitted columns: the header, then `rows` (indices into each column's cells), each
/// styled by `style`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    shown: &[(&Column, u16)],
    header_style: Style,
    style: impl Fn(usize) -> Option<Style>,
) {
    let rows_n = shown.iter().map(|(c, _)| c.cells.len()).max().unwrap_or(0);
    let rows: Vec<Row> = (0..rows_n)
        .map(|i| {
            let row = Row::new(shown.iter().map(|(c, w)| {
                Cell::from(
                    c.cells
                        .get(i)
                        .map(|l| fit(l, *w, c.middle))
                        .unwrap_or_default(),
                )
            }));
            match style(i) {
                Some(s) => row.style(s),
                None => row,
            }
        })
        .collect();
    let header = Row::new(shown.iter().map(|(c, w)| {
        Cell::from(Span::styled(
            truncate(&c.header, usize::from(*w)),
            header_style,
        ))
    }));
    let widths: Vec<Constraint> = shown.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    frame.render_widget(
        Table::new(rows, widths).header(header).flex(Flex::Start),
        area,
    );
}

/// Records where [`render`] draws the headers of the columns that sort (one space between
/// columns, from the left of `area`).
pub fn header_hits(area: Rect, shown: &[(&Column, u16)], hits: &mut Hits) {
    let mut x = area.x;
    for (c, w) in shown {
        if let Some(key) = &c.sort {
            let r = Rect {
                x,
                y: area.y,
                width: *w,
                height: 1,
            }
            .intersection(area);
            hits.headers.push((super::area(r), key.clone()));
        }
        x = x.saturating_add(w.saturating_add(1));
    }
}

/// Cuts a cell to `width`, keeping its styles: one-span cells as text (in the middle when
/// `middle`), others losing their tail.
pub fn fit<'a>(line: &Line<'a>, width: u16, middle: bool) -> Line<'a> {
    let width = usize::from(width);
    if line.width() <= width {
        return line.clone();
    }
    if let [span] = line.spans.as_slice() {
        let text = if middle {
            truncate_middle(&span.content, width)
        } else {
            truncate(&span.content, width)
        };
        return Line::from(Span::styled(text, span.style));
    }
    let mut out: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        let w = span.width();
        if used + w <= width {
            out.push(span.clone());
            used += w;
        } else {
            out.push(Span::styled(
                truncate(&span.content, width - used),
                span.style,
            ));
            break;
        }
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_to_their_column_keeping_styles() {
        let red = Style::default().fg(ratatui::style::Color::Red);
        let l = Line::from(vec![Span::raw("0.9634"), Span::styled(" ▲+0.66%", red)]);
        assert_eq!(fit(&l, 9, false).to_string(), "0.9634 ▲…");
        assert_eq!(fit(&l, 9, false).spans[1].style, red);
        let name = Line::from("xgb-sweep-2026-11-12/t4-lgbm");
        assert_eq!(fit(&name, 14, true).to_string(), "xgb-sw…t4-lgbm");
        assert_eq!(fit(&name, 14, false).to_string(), "xgb-sweep-202…");
    }
}

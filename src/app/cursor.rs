//! A selection in a list, and the scroll offset the view keeps it visible with.

use std::cell::Cell;

/// Selected row plus view state. `offset` and `viewport` are written by the view while
/// drawing (the only state render may touch) and read by `update` for paging.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
    /// Rows the view showed last time; 0 before the first draw.
    pub viewport: Cell<usize>,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, stopping at the ends.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let max = len - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(max);
    }

    /// The list keys: down, up, a page down or up, the top, the bottom. Answers whether
    /// `action` was one of them.
    pub fn navigate(&mut self, action: super::Action, len: usize) -> bool {
        use super::Action;
        let page = self.page();
        match action {
            Action::Down => self.step(1, len),
            Action::Up => self.step(-1, len),
            Action::PageDown => self.step(page, len),
            Action::PageUp => self.step(-page, len),
            Action::Top => self.selected = 0,
            Action::Bottom => self.step(isize::MAX, len),
            _ => return false,
        }
        true
    }

    pub fn page(&self) -> isize {
        self.viewport.get().max(1) as isize
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The first row to draw so that the selection is visible in `height` rows, keeping the
    /// previous offset where possible (no jumping while moving inside the window).
    pub fn visible_from(&self, height: usize, len: usize) -> usize {
        self.viewport.set(height);
        if height == 0 || len == 0 {
            self.offset.set(0);
            return 0;
        }
        let mut offset = self.offset.get().min(len.saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        // Do not leave blank rows at the bottom when the list could fill the view.
        offset = offset.min(len.saturating_sub(height));
        self.offset.set(offset);
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_the_ends() {
        let mut c = Cursor::default();
        c.step(-1, 10);
        assert_eq!(c.selected, 0);
        c.step(25, 10);
        assert_eq!(c.selected, 9);
        c.step(1, 0);
        assert_eq!(c.selected, 0);
    }

    #[test]
    fn window_follows_the_selection_without_jumping() {
        let mut c = Cursor::default();
        assert_eq!(c.visible_from(5, 100), 0);
        c.selected = 4;
        assert_eq!(c.visible_from(5, 100), 0);
        c.selected = 5;
        assert_eq!(c.visible_from(5, 100), 1);
        c.selected = 3;
        assert_eq!(
            c.visible_from(5, 100),
            1,
            "moving up inside the window keeps it"
        );
        c.selected = 0;
        assert_eq!(c.visible_from(5, 100), 0);
        c.selected = 99;
        assert_eq!(c.visible_from(5, 100), 95);
        assert_eq!(c.visible_from(5, 3), 0, "short lists start at the top");
    }
}

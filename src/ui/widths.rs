//! Column widths by content: each column says the least it can be read at, what its content
//! wants, and how important it is. Columns are shown in priority order while their minimums
//! fit, then widened toward what they want (most important first), and what is left goes to
//! the columns that may grow. Pure, so every table can share it and the tests can prove it
//! never overflows.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a column needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The narrowest it can still be read at.
    pub min: u16,
    /// What its widest content (and header) takes.
    pub want: u16,
    /// Lower is more important: shown first, widened first.
    pub priority: u8,
    /// Whether it takes what is left once every column has what it wants.
    pub grow: bool,
}

impl ColumnSpec {
    /// A column that is always `width` wide (a marker, a sparkline).
    pub fn fixed(width: u16, priority: u8) -> Self {
        Self {
            min: width,
            want: width,
            priority,
            grow: false,
        }
    }

    #[must_use]
    pub fn growing(mut self) -> Self {
        self.grow = true;
        self
    }
}

/// Widths for `specs` in `width` columns with `gap` between shown columns: `None` for a column
/// left out. The shown widths plus their gaps never exceed `width`, and every shown column has
/// at least its minimum.
pub fn allocate(specs: &[ColumnSpec], width: u16, gap: u16) -> Vec<Option<u16>> {
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by_key(|&i| (specs[i].priority, i));
    let mut out: Vec<Option<u16>> = vec![None; specs.len()];
    let mut used: u32 = 0;
    // The loop stops at the first column that does not fit: `shown` columns precede this one.
    for (shown, &i) in order.iter().enumerate() {
        let extra = if shown == 0 { 0 } else { u32::from(gap) };
        let need = used + extra + u32::from(specs[i].min);
        // Stop at the first that does not fit, so a less important narrow column never takes
        // the place of a more important wide one.
        if need > u32::from(width) {
            break;
        }
        used = need;
        out[i] = Some(specs[i].min);
    }
    let mut left = u32::from(width).saturating_sub(used);
    for &i in &order {
        let (Some(w), spec) = (out[i], specs[i]) else {
            continue;
        };
        let more = u32::from(spec.want.saturating_sub(w)).min(left);
        left -= more;
        out[i] = Some(w + u16::try_from(more).unwrap_or(0));
    }
    let growers: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| specs[i].grow && out[i].is_some())
        .collect();
    if !growers.is_empty() && left > 0 {
        let n = growers.len() as u32;
        for (k, &i) in growers.iter().enumerate() {
            let share = left / n + u32::from((k as u32) < left % n);
            out[i] = out[i].map(|w| w.saturating_add(u16::try_from(share).unwrap_or(0)));
        }
    }
    out
}

/// Cuts `s` to `width` display columns keeping its start and its end (`xgb-sweep…t4-lgbm`), for
/// names whose end tells them apart.
pub fn truncate_middle(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    // The end identifies: it gets the larger half.
    let tail_w = room.div_ceil(2);
    let head_w = room - tail_w;
    let mut head = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > head_w {
            break;
        }
        head.push(c);
        w += cw;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > tail_w {
            break;
        }
        tail.push(c);
        w += cw;
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn spec(min: u16, want: u16, priority: u8) -> ColumnSpec {
        ColumnSpec {
            min,
            want,
            priority,
            grow: false,
        }
    }

    #[test]
    fn columns_fit_by_priority_then_widen_toward_their_content() {
        let specs = [spec(4, 10, 0), spec(6, 6, 2), spec(8, 30, 1)];
        // Everything fits as wanted, no growers: the rest stays empty.
        assert_eq!(
            allocate(&specs, 60, 1),
            [Some(10), Some(6), Some(30)],
            "each gets its content"
        );
        // Minimums first (4 + 1 + 8 + 1 + 6 = 20), then the most important widen.
        assert_eq!(allocate(&specs, 24, 1), [Some(8), Some(6), Some(8)]);
        // The least important column goes first when minimums do not fit.
        assert_eq!(allocate(&specs, 15, 1), [Some(6), None, Some(8)]);
        assert_eq!(allocate(&specs, 3, 1), [None, None, None]);
    }

    #[test]
    fn what_is_left_goes_to_growing_columns() {
        let specs = [spec(4, 10, 0).growing(), spec(6, 6, 1)];
        assert_eq!(allocate(&specs, 40, 1), [Some(33), Some(6)]);
    }

    #[test]
    fn a_wide_column_that_does_not_fit_stops_the_narrower_ones_after_it() {
        let specs = [spec(10, 10, 0), spec(20, 20, 1), spec(2, 2, 2)];
        assert_eq!(allocate(&specs, 25, 1), [Some(10), None, None]);
    }

    #[test]
    fn middle_truncation_keeps_the_end() {
        assert_eq!(
            truncate_middle("xgb-sweep-2026-11-12/t4-lgbm", 16),
            "xgb-swe…/t4-lgbm"
        );
        assert_eq!(truncate_middle("short", 16), "short");
        assert_eq!(truncate_middle("abcdef", 1), "…");
        assert_eq!(truncate_middle("abcdef", 0), "");
        assert_eq!(truncate_middle("模型模型模型", 5), "模…型");
    }

    proptest! {
        #![proptest_config(crate::proptests::config())]

        #[test]
        fn never_wider_than_the_room_and_minimums_hold(
            cols in prop::collection::vec((0u16..40, 0u16..60, 0u8..5, any::<bool>()), 0..12),
            width in 0u16..300,
            gap in 0u16..3,
        ) {
            let specs: Vec<ColumnSpec> = cols
                .iter()
                .map(|&(min, want, priority, grow)| ColumnSpec { min, want, priority, grow })
                .collect();
            let widths = allocate(&specs, width, gap);
            prop_assert_eq!(widths.len(), specs.len());
            let shown: Vec<(u16, &ColumnSpec)> = widths
                .iter()
                .zip(&specs)
                .filter_map(|(w, s)| w.map(|w| (w, s)))
                .collect();
            let total: u32 = shown.iter().map(|(w, _)| u32::from(*w)).sum::<u32>()
                + u32::from(gap) * (shown.len().saturating_sub(1) as u32);
            prop_assert!(total <= u32::from(width), "{total} > {width}");
            for (w, s) in &shown {
                prop_assert!(*w >= s.min);
                if !s.grow {
                    prop_assert!(*w <= s.min.max(s.want));
                }
            }
        }

        #[test]
        fn middle_truncation_fits(s in "\\PC{0,60}", width in 0usize..40) {
            let t = truncate_middle(&s, width);
            prop_assert!(t.width() <= width);
        }
    }
}

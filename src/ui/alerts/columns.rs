//! Column widths for the alerts table, by content: each column asks for what its widest cell
//! needs and accepts down to a minimum; optional columns are dropped, least useful first, when
//! even the minimums do not fit, and the room left over goes to the columns in priority order.
//! So the Rule (what explains the alert) is shown from 120 columns, and Model takes only what
//! its names need.

/// One column: its header, the widest cell, the least it accepts, and when it may be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    /// The widest cell (or the header), in display columns.
    pub want: u16,
    pub min: u16,
    /// Dropped when the minimums do not fit: the highest first; `0` is never dropped.
    pub drop_rank: u8,
    /// Who gets spare room first: the lowest first.
    pub grow_rank: u8,
}

/// The width of each column that is shown (`None`: dropped), for `total` columns of room and
/// one column of spacing between columns.
pub fn allocate(cols: &[Column], total: u16) -> Vec<Option<u16>> {
    let mut shown: Vec<bool> = vec![true; cols.len()];
    let need = |shown: &[bool]| -> u32 {
        let n = shown.iter().filter(|s| **s).count() as u32;
        cols.iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| u32::from(c.min.min(c.want)))
            .sum::<u32>()
            + n.saturating_sub(1)
    };
    while need(&shown) > u32::from(total) {
        let worst = cols
            .iter()
            .enumerate()
            .filter(|(i, c)| shown[*i] && c.drop_rank > 0)
            .max_by_key(|(i, c)| (c.drop_rank, *i));
        match worst {
            Some((i, _)) => shown[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<u16>> = cols
        .iter()
        .zip(&shown)
        .map(|(c, s)| s.then_some(c.min.min(c.want)))
        .collect();
    let mut spare = u32::from(total).saturating_sub(need(&shown));
    let mut order: Vec<usize> = (0..cols.len()).filter(|i| shown[*i]).collect();
    order.sort_by_key(|i| (cols[*i].grow_rank, *i));
    for i in order {
        let Some(w) = widths[i].as_mut() else {
            continue;
        };
        let more = u32::from(cols[i].want.saturating_sub(*w)).min(spare);
        *w += more as u16;
        spare -= more;
    }
    widths
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn col(header: &'static str, want: u16, min: u16, drop_rank: u8, grow_rank: u8) -> Column {
        Column {
            header,
            want,
            min,
            drop_rank,
            grow_rank,
        }
    }

    #[test]
    fn room_for_all_gives_each_what_it_wants_and_no_more() {
        let cols = [col("a", 10, 4, 0, 0), col("b", 20, 6, 1, 1)];
        assert_eq!(allocate(&cols, 100), vec![Some(10), Some(20)]);
    }

    #[test]
    fn spare_room_goes_by_priority_and_droppable_columns_go_last_first() {
        let cols = [
            col("a", 10, 4, 0, 1),
            col("b", 20, 6, 0, 0),
            col("c", 9, 9, 2, 2),
            col("d", 9, 9, 1, 3),
        ];
        // Minimums 4+6+9+9 + 3 gaps = 31: all fit at 31, with nothing spare.
        assert_eq!(
            allocate(&cols, 31),
            vec![Some(4), Some(6), Some(9), Some(9)]
        );
        // At 30, `c` (the highest drop rank) goes; the 9 spare go to `b` first.
        assert_eq!(allocate(&cols, 30), vec![Some(4), Some(15), None, Some(9)]);
        // With every column back, spare room goes to `b`, then to `a`.
        assert_eq!(
            allocate(&cols, 36),
            vec![Some(4), Some(11), Some(9), Some(9)]
        );
        assert_eq!(
            allocate(&cols, 48),
            vec![Some(7), Some(20), Some(9), Some(9)]
        );
        // Nothing droppable is left: the minimums stand even when they overflow.
        assert_eq!(allocate(&cols, 5), vec![Some(4), Some(6), None, None]);
    }
}

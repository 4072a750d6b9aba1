//! Which pages to ask for next, and which to hand on, while ranges are read at once and handed
//! on in order: the pure half of [`super::fetch`], so that its order and its memory bound can
//! be checked without a server.
//!
//! The range in front (the *head*) is handed on page by page as its pages arrive: nothing
//! comes before it. A later range's pages wait in the window until every range before it is
//! complete. At most `concurrency` pages are asked for at once; the head is asked for first,
//! then the ranges behind it in order, and a range behind the head is asked for (or started)
//! only while fewer than `hold` items wait, so what is held stays under `hold` plus the pages
//! in flight, however large the ranges.

use std::collections::VecDeque;

/// The state of a listing read as ranges, handed on in range order.
#[derive(Debug)]
pub struct Window<T> {
    ranges: Vec<RangeState<T>>,
    /// The range handed on now; `ranges.len()` once every range was handed on.
    head: usize,
    /// Pages asked for and not yet arrived.
    asking: usize,
    /// Items waiting behind the head.
    held: usize,
    concurrency: usize,
    hold: usize,
}

#[derive(Debug)]
struct RangeState<T> {
    waiting: VecDeque<Vec<T>>,
    asking: bool,
    done: bool,
}

impl<T> Window<T> {
    /// `ranges` ranges in the order they are handed on, `concurrency` pages asked for at once
    /// (at least one), and at most about `hold` items held behind the head.
    pub fn new(ranges: usize, concurrency: usize, hold: usize) -> Self {
        Self {
            ranges: (0..ranges)
                .map(|_| RangeState {
                    waiting: VecDeque::new(),
                    asking: false,
                    done: false,
                })
                .collect(),
            head: 0,
            asking: 0,
            held: 0,
            concurrency: concurrency.max(1),
            hold,
        }
    }

    /// The ranges whose next page to ask for now (each marked as asked, once at most until
    /// its page arrives), head first.
    pub fn ask(&mut self) -> Vec<usize> {
        let mut out = Vec::new();
        for i in self.head..self.ranges.len() {
            if self.asking >= self.concurrency {
                break;
            }
            let behind = i > self.head;
            if behind && self.held >= self.hold {
                break;
            }
            let range = &mut self.ranges[i];
            if range.asking || range.done {
                continue;
            }
            range.asking = true;
            self.asking += 1;
            out.push(i);
        }
        out
    }

    /// A page of `range` arrived (`more`: the range has pages after it). Returns what can be
    /// handed on now, in order: the page itself when its range is the head, and then the
    /// waiting pages of the ranges that become the head behind it.
    pub fn arrived(&mut self, range: usize, page: Vec<T>, more: bool) -> Vec<Vec<T>> {
        let mut out = Vec::new();
        let Some(state) = self.ranges.get_mut(range) else {
            return out;
        };
        if state.asking {
            state.asking = false;
            self.asking -= 1;
        }
        state.done = !more;
        if range == self.head {
            if !page.is_empty() {
                out.push(page);
            }
        } else {
            self.held += page.len();
            state.waiting.push_back(page);
        }
        while let Some(head) = self.ranges.get_mut(self.head) {
            while let Some(page) = head.waiting.pop_front() {
                self.held -= page.len();
                if !page.is_empty() {
                    out.push(page);
                }
            }
            if !head.done {
                break;
            }
            self.head += 1;
        }
        out
    }

    /// The range handed on now (the number of ranges once all were).
    #[cfg(test)]
    pub fn front(&self) -> usize {
        self.head
    }

    /// Every range was handed on.
    pub fn finished(&self) -> bool {
        self.head == self.ranges.len()
    }

    /// Items waiting behind the head.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.held
    }

    /// Pages asked for and not yet arrived.
    #[cfg(test)]
    pub fn asking(&self) -> usize {
        self.asking
    }
}

#[cfg(test)]
mod proptests;

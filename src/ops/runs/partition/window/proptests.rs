//! The window against every order in which pages can arrive: what comes out is every range's
//! pages in range order, each item once; the front range's pages come out as they arrive;
//! what waits stays bounded; and no page slot is left idle while the bound allows one.

use proptest::prelude::*;

use super::Window;

/// Ranges of pages of distinct items (0, 1, 2, … in range order), each range one page at
/// least (an empty range answers one empty page).
fn ranges() -> impl Strategy<Value = Vec<Vec<Vec<u32>>>> {
    prop::collection::vec(prop::collection::vec(0..6usize, 1..6), 1..10).prop_map(|sizes| {
        let mut next = 0;
        sizes
            .into_iter()
            .map(|pages| {
                pages
                    .into_iter()
                    .map(|n| {
                        let page = (next..next + n as u32).collect();
                        next += n as u32;
                        page
                    })
                    .collect()
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn pages_come_out_in_range_order_with_the_front_streamed_and_the_rest_bounded(
        ranges in ranges(),
        concurrency in 1..6usize,
        hold in 0..20usize,
        picks in prop::collection::vec(any::<usize>(), 1..64),
    ) {
        let mut window = Window::new(ranges.len(), concurrency, hold);
        let mut read = vec![0; ranges.len()];
        let mut asked: Vec<usize> = Vec::new();
        let mut out: Vec<u32> = Vec::new();
        let mut picks = picks.iter().cycle();
        let largest = ranges.iter().flatten().map(Vec::len).max().unwrap_or(0);
        loop {
            for i in window.ask() {
                prop_assert!(!asked.contains(&i), "range {} asked twice at once", i);
                prop_assert!(read[i] < ranges[i].len(), "range {} asked past its end", i);
                asked.push(i);
            }
            prop_assert!(asked.len() <= concurrency);
            prop_assert_eq!(window.asking(), asked.len());
            // A slot is idle only when the bound holds the ranges behind the front, or when
            // every range not yet complete is being asked.
            let open = (window.front()..ranges.len())
                .filter(|&i| read[i] < ranges[i].len() && !asked.contains(&i))
                .count();
            prop_assert!(
                asked.len() == concurrency || window.held() >= hold || open == 0,
                "idle: {} asked, {} held, {} ranges open", asked.len(), window.held(), open
            );
            prop_assert!(window.held() < hold + concurrency * largest + 1);
            if window.finished() {
                prop_assert!(asked.is_empty());
                break;
            }
            prop_assert!(!asked.is_empty(), "stalled before the end");
            let i = asked.swap_remove(picks.next().copied().unwrap_or(0) % asked.len());
            let page = ranges[i][read[i]].clone();
            read[i] += 1;
            let front = window.front();
            let handed = window.arrived(i, page.clone(), read[i] < ranges[i].len());
            if i == front && !page.is_empty() {
                prop_assert_eq!(handed.first(), Some(&page), "the front's page was held");
            }
            prop_assert!(handed.iter().all(|b| !b.is_empty()));
            out.extend(handed.into_iter().flatten());
        }
        let expected: Vec<u32> = ranges.into_iter().flatten().flatten().collect();
        prop_assert_eq!(out, expected);
    }
}

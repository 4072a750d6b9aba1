//! `G` lists every run at once (concurrently, in the runtime), shows how far it got, can be
//! stopped, and keeps sparkline fetches out of its way.

use pretty_assertions::assert_eq;

use crate::app::fixtures::{Harness, experiments, run};
use crate::app::runs::{Fetch, SortKey, SortOrder};
use crate::app::{Effect, Msg, Task, Ticket};
use crate::domain::{ExperimentId, Run};
use crate::store::{BackendError, RunPage};

/// `n` runs, newest first, with ids `r…0`, `r…1`, …
fn many(from: usize, n: usize) -> Vec<Run> {
    (from..from + n)
        .map(|i| {
            run(
                &format!("{i:032}"),
                &format!("run-{i}"),
                &[("val_auc", 0.9)],
                i as i64 + 1,
            )
        })
        .collect()
}

/// Started, with a first page of 200 runs and more to come.
fn first_page() -> Harness {
    let mut h = Harness::new();
    h.effects = h.app.start();
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), Some(ExperimentId::new("1")))),
    });
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: many(0, 200),
            next_page_token: Some("200".into()),
        }),
    });
    h.app.runs.cursor.viewport.set(20);
    h
}

fn listing_ticket(h: &Harness) -> Ticket {
    h.ticket(|e| match e {
        Effect::Task(Task::ListAllRuns { ticket, .. }) => Some(*ticket),
        _ => None,
    })
}

/// The first page, then `G` listing `n` runs to the end.
fn all_listed(n: usize) -> Harness {
    let mut h = first_page();
    h.keys("G");
    let t = listing_ticket(&h);
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, n),
    });
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Ok(()),
    });
    h
}

/// A new order, best `val_auc` first: over every run, it lists every run again.
fn sort_by_val_auc(h: &mut Harness) {
    h.effects = h.app.apply_sort(Some(SortOrder {
        key: SortKey::Metric("val_auc".into()),
        descending: true,
    }));
}

fn sparkline_runs(fx: &[Effect]) -> usize {
    fx.iter()
        .map(|e| match e {
            Effect::Task(Task::LoadSparklines { runs, .. }) => runs.len(),
            _ => 0,
        })
        .sum()
}

#[test]
fn g_lists_every_run_in_one_press_with_progress_and_no_sparklines_meanwhile() {
    let mut h = first_page();
    h.keys("G");
    assert_eq!(h.effects.len(), 1, "only the listing: {:?}", h.effects);
    let t = listing_ticket(&h);
    assert!(
        matches!(&h.effects[0], Effect::Task(Task::ListAllRuns { query, .. })
            if query.page_size == crate::store::LISTING_PAGE),
        "a whole listing pages as the CLI does, not by the list's 200: {:?}",
        h.effects
    );
    assert_eq!(h.app.runs.cursor.selected, 199);
    // The listing repeats the rows already loaded; each run is listed once.
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, 300),
    });
    assert!(
        h.effects.is_empty(),
        "no sparkline competes with the listing"
    );
    assert_eq!(h.app.runs.list.rows.len(), 300);
    assert_eq!(
        h.app.runs.list.fetching,
        Some(Fetch::All {
            listed: 300,
            replace: false
        })
    );
    assert_eq!(h.app.runs.cursor.selected, 299, "G keeps to the bottom");
    h.keys("k");
    assert!(
        sparkline_runs(&h.effects) == 0,
        "moving during the listing asks for no sparklines"
    );
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(300, 700),
    });
    assert_eq!(
        h.app.runs.cursor.selected, 298,
        "moved away: the run stays selected"
    );
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Ok(()),
    });
    assert_eq!(h.app.runs.list.rows.len(), 1000);
    assert_eq!(h.app.runs.list.next_page, None);
    assert!(h.app.runs.list.everything && h.app.runs.list.fetching.is_none());
    let asked = sparkline_runs(&h.effects);
    assert!(
        (1..=150).contains(&asked),
        "sparklines for the rows around the selection only, not all 1000: {asked}"
    );
    h.keys("G");
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::ListAllRuns { .. }))),
        "everything is here"
    );
    assert_eq!(h.app.runs.cursor.selected, 999);
}

#[test]
fn esc_stops_the_listing_and_keeps_what_it_listed() {
    let mut h = first_page();
    h.keys("G");
    let t = listing_ticket(&h);
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, 400),
    });
    h.press(crossterm::event::KeyCode::Esc);
    assert_eq!(h.effects[0], Effect::Task(Task::StopRuns));
    assert!(h.app.runs.list.fetching.is_none());
    assert_eq!(
        h.app.toasts.items[0].text,
        "Stopped listing: 400 runs loaded"
    );
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(400, 100),
    });
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Ok(()),
    });
    assert_eq!(h.app.runs.list.rows.len(), 400, "late batches are dropped");
    assert!(!h.app.runs.list.everything);
}

#[test]
fn a_failed_listing_keeps_its_rows_and_says_so() {
    let mut h = first_page();
    h.keys("G");
    let t = listing_ticket(&h);
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, 250),
    });
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Err(BackendError::Timeout {
            target: "MLflow at http://127.0.0.1:5000".into(),
            secs: 30,
        }),
    });
    assert_eq!(h.app.runs.list.rows.len(), 250);
    assert!(h.app.runs.list.next_page.is_some() && !h.app.runs.list.everything);
    assert!(
        h.app.toasts.items[0]
            .text
            .starts_with("Listing every run failed")
    );
}

#[test]
fn a_sort_over_everything_lists_everything_again() {
    let mut h = all_listed(500);
    sort_by_val_auc(&mut h);
    let t = listing_ticket(&h);
    assert_eq!(
        h.app.runs.list.rows.len(),
        500,
        "shown until the new order arrives"
    );
    let mut reordered = many(0, 500);
    reordered.reverse();
    h.send(Msg::RunsListed {
        ticket: t,
        runs: reordered[..100].to_vec(),
    });
    assert_eq!(
        h.app.runs.list.rows.len(),
        100,
        "the first batch replaces the rows"
    );
    assert_eq!(h.app.runs.list.row(0).unwrap().0.id, reordered[0].id);
    assert_eq!(
        h.app.runs.cursor.selected, 0,
        "a new order starts at the top"
    );
}

/// A filter over every run that matches none: the listing ends without a batch (the sqlite
/// reader and the partitioned listing hand on no empty one), and no row of the old query
/// stays under the new filter.
#[test]
fn a_new_filter_that_lists_nothing_leaves_no_rows_of_the_old_query() {
    let mut h = all_listed(300);
    h.effects = h.app.apply_filter("metrics.val_auc > 2");
    let t = listing_ticket(&h);
    assert_eq!(h.app.runs.list.rows.len(), 300, "shown until the answer");
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Ok(()),
    });
    assert_eq!(h.app.runs.list.rows.len(), 0);
    assert!(h.app.runs.list.runs.is_empty());
    assert!(h.app.runs.list.everything && h.app.runs.list.error.is_none());
    assert!(
        h.app
            .runs
            .list
            .query
            .as_ref()
            .and_then(|q| q.filter.as_deref())
            == Some("metrics.val_auc > 2")
    );
}

#[test]
fn a_new_order_whose_listing_fails_leaves_no_rows_of_the_old_one() {
    let mut h = all_listed(300);
    sort_by_val_auc(&mut h);
    let t = listing_ticket(&h);
    h.send(Msg::RunsListingDone {
        ticket: t,
        result: Err(BackendError::InvalidRequest(
            "Invalid order_by clause 'metrics.val_auc DESC'".into(),
        )),
    });
    assert_eq!(
        h.app.runs.list.rows.len(),
        0,
        "the title names the new order: no row of the old one stays under it"
    );
    assert!(h.app.runs.list.error.is_some());
}

#[test]
fn stopping_a_new_order_part_way_goes_back_to_its_first_page() {
    let mut h = all_listed(300);
    sort_by_val_auc(&mut h);
    let t = listing_ticket(&h);
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, 100),
    });
    h.press(crossterm::event::KeyCode::Esc);
    // 100 of the new order listed, with nothing to go on from: not shown as the whole list.
    assert!(
        h.effects.iter().any(|e| matches!(
            e,
            Effect::Task(Task::LoadRuns {
                page_token: None,
                ..
            })
        )),
        "{:?}",
        h.effects
    );
    assert!(!h.app.runs.list.everything);
}

#[test]
fn a_long_listing_arranges_its_rows_a_few_times_a_second_not_for_each_batch() {
    let mut h = first_page();
    h.keys("G");
    let t = listing_ticket(&h);
    let start = h.app.now;
    // The first batch is arranged at once (there is nothing older to show meanwhile).
    h.send(Msg::RunsListed {
        ticket: t,
        runs: many(0, 300),
    });
    assert_eq!(h.app.runs.list.rows.len(), 300);
    // Batches within the same quarter second are counted, and their rows wait.
    for b in 0..5 {
        h.app.update_at(
            start + chrono::Duration::milliseconds(10 * (b + 1)),
            Msg::RunsListed {
                ticket: t,
                runs: many(300 + 100 * b as usize, 100),
            },
        );
    }
    assert_eq!(h.app.runs.list.runs.len(), 800);
    assert_eq!(
        h.app.runs.list.rows.len(),
        300,
        "arranged at most every 250 ms"
    );
    assert!(
        h.app.runs.list.rows.iter().all(|&(i, _)| i < 300),
        "the rows shown stay valid"
    );
    // A batch after the quarter second brings every row so far.
    h.app.update_at(
        start + chrono::Duration::milliseconds(300),
        Msg::RunsListed {
            ticket: t,
            runs: many(800, 100),
        },
    );
    assert_eq!(h.app.runs.list.rows.len(), 900);
    // A repeated run is still listed once, and the end brings the rest.
    h.app.update_at(
        start + chrono::Duration::milliseconds(310),
        Msg::RunsListed {
            ticket: t,
            runs: many(850, 150),
        },
    );
    h.app.update_at(
        start + chrono::Duration::milliseconds(320),
        Msg::RunsListingDone {
            ticket: t,
            result: Ok(()),
        },
    );
    assert_eq!(h.app.runs.list.runs.len(), 1000);
    assert_eq!(h.app.runs.list.rows.len(), 1000);
}

//! The mouse, through `update`: what lies under the pointer comes with the event (see
//! `app/mouse.rs`), so these build the frame's areas by hand; `ui/tests/mouse.rs` takes them
//! from a drawn frame.

use pretty_assertions::assert_eq;

use crate::app::fixtures::Harness;
use crate::app::models::Focus;
use crate::app::mouse::{Area, Hits, ListArea, Mouse, MouseKind, Pane};
use crate::app::runs::{SortKey, SortOrder};
use crate::app::{Effect, Msg, Tab, Task};

fn area(x: u16, y: u16, width: u16, height: u16) -> Area {
    Area {
        x,
        y,
        width,
        height,
    }
}

/// Tabs on the top line, a runs table whose rows start on line 3 showing from row 0, and its
/// Run and `val_auc` headers on line 2.
fn runs_frame(h: &Harness) -> Hits {
    Hits {
        tabs: vec![
            (area(11, 0, 8, 1), Tab::Runs),
            (area(19, 0, 10, 1), Tab::Models),
            (area(29, 0, 10, 1), Tab::Alerts),
        ],
        lists: vec![ListArea {
            pane: Pane::Runs,
            rows: area(1, 3, 100, 20),
            first: 0,
            len: h.app.runs.list.rows.len(),
        }],
        headers: vec![
            (area(3, 2, 18, 1), SortKey::Name),
            (area(40, 2, 14, 1), SortKey::Metric("val_auc".into())),
        ],
    }
}

fn mouse(h: &mut Harness, kind: MouseKind, column: u16, row: u16, hits: Hits) {
    h.send(Msg::Mouse(Mouse {
        kind,
        column,
        row,
        hits,
    }));
}

#[test]
fn a_click_on_a_row_selects_it() {
    let mut h = Harness::loaded();
    let hits = runs_frame(&h);
    mouse(&mut h, MouseKind::Click, 10, 5, hits.clone());
    assert_eq!(h.app.runs.cursor.selected, 2);
    mouse(&mut h, MouseKind::Click, 10, 3, hits.clone());
    assert_eq!(h.app.runs.cursor.selected, 0);
    // Below the last row: nothing to select there.
    mouse(&mut h, MouseKind::Click, 10, 20, hits);
    assert_eq!(h.app.runs.cursor.selected, 0);
}

#[test]
fn a_click_on_a_tab_switches_to_it() {
    let mut h = Harness::loaded();
    let hits = runs_frame(&h);
    mouse(&mut h, MouseKind::Click, 22, 0, hits.clone());
    assert_eq!(h.app.tab, Tab::Models);
    mouse(&mut h, MouseKind::Click, 38, 0, hits);
    assert_eq!(h.app.tab, Tab::Alerts);
}

#[test]
fn the_wheel_moves_through_the_list_under_the_pointer() {
    let mut h = Harness::loaded();
    let hits = runs_frame(&h);
    mouse(&mut h, MouseKind::WheelDown, 10, 5, hits.clone());
    mouse(&mut h, MouseKind::WheelDown, 10, 5, hits.clone());
    assert_eq!(h.app.runs.cursor.selected, 2);
    mouse(&mut h, MouseKind::WheelUp, 10, 5, hits);
    assert_eq!(h.app.runs.cursor.selected, 1);

    // On the Models tab the pane under the pointer takes the focus first.
    h.keys("2hgl");
    assert_eq!(
        (h.app.models.focus, h.app.models.model_cursor.selected),
        (Focus::Versions, 0)
    );
    let models = Hits {
        lists: vec![
            ListArea {
                pane: Pane::Models,
                rows: area(1, 2, 20, 10),
                first: 0,
                len: 2,
            },
            ListArea {
                pane: Pane::Versions,
                rows: area(25, 3, 60, 10),
                first: 0,
                len: 3,
            },
        ],
        ..Hits::default()
    };
    mouse(&mut h, MouseKind::WheelDown, 5, 4, models.clone());
    assert_eq!(h.app.models.focus, Focus::Models);
    assert_eq!(h.app.models.model_cursor.selected, 1);
    mouse(&mut h, MouseKind::Click, 30, 4, models);
    assert_eq!(h.app.models.focus, Focus::Versions);
    assert_eq!(h.app.models.version_cursor.selected, 1);
}

#[test]
fn a_click_on_a_column_header_sorts_and_a_second_turns_the_order() {
    let mut h = Harness::loaded();
    let hits = runs_frame(&h);
    mouse(&mut h, MouseKind::Click, 45, 2, hits.clone());
    let auc = SortKey::Metric("val_auc".into());
    // Higher is better: best first is descending.
    assert_eq!(
        h.app.runs.order,
        Some(SortOrder {
            key: auc.clone(),
            descending: true
        })
    );
    assert!(
        h.effects.iter().any(|e| matches!(e, Effect::Task(
                Task::LoadRuns { query, .. } | Task::ListAllRuns { query, .. })
                if query.order_by.iter().any(|o| o.contains("val_auc DESC")))),
        "{:?}",
        h.effects
    );
    mouse(&mut h, MouseKind::Click, 45, 2, hits.clone());
    assert_eq!(
        h.app.runs.order,
        Some(SortOrder {
            key: auc,
            descending: false
        })
    );
    mouse(&mut h, MouseKind::Click, 5, 2, hits);
    assert_eq!(
        h.app.runs.order,
        Some(SortOrder {
            key: SortKey::Name,
            descending: false
        })
    );
}

#[test]
fn with_a_dialog_open_a_click_does_nothing_and_the_wheel_moves_in_it() {
    let mut h = Harness::loaded();
    let hits = runs_frame(&h);
    h.keys("s");
    mouse(&mut h, MouseKind::Click, 22, 0, hits.clone());
    assert_eq!(h.app.tab, Tab::Runs);
    mouse(&mut h, MouseKind::WheelDown, 10, 5, hits);
    match h.app.screen.popup() {
        Some(crate::app::popup::Popup::Sort(m)) => assert_eq!(m.cursor.selected, 1),
        other => panic!("{other:?}"),
    }
    assert_eq!(h.app.runs.cursor.selected, 0);
}

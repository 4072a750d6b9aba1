//! Snapshots of the Runs, Models and comparison screens v2: content-sized columns, metric
//! columns that scroll, flat sorting, diff-only comparisons, wrapped version details.

use crossterm::event::KeyCode;

use super::{draw, snap};
use crate::app::fixtures::{Harness, runs};
use crate::app::loadable::Loadable;
use crate::app::{Effect, Msg, Task};
use crate::domain::{ExperimentId, Run};
use crate::store::RunPage;

fn answer(h: &mut Harness, runs: Vec<Run>) {
    let ticket = h.ticket(|e| match e {
        Effect::Task(Task::LoadRuns { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunsLoaded {
        ticket,
        result: Ok(RunPage {
            runs,
            next_page_token: None,
        }),
    });
}

/// `r`, answered with `runs` as what changed (the refresh merges them into the rows).
fn refresh(h: &mut Harness, runs: Vec<Run>) {
    h.keys("r");
    let ticket = h.ticket(|e| match e {
        Effect::Task(Task::LoadRunChanges { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunChangesLoaded {
        ticket,
        result: Ok(runs),
    });
}

#[test]
fn runs_sorted_by_a_metric_are_flat() {
    let mut h = Harness::loaded();
    h.keys("sjjjj");
    h.press(KeyCode::Enter);
    let mut ranked = runs();
    ranked.sort_by(|a, b| {
        let v = |r: &Run| {
            r.metric("val_auc")
                .filter(|v| v.is_finite())
                .unwrap_or(f64::MIN)
        };
        v(b).total_cmp(&v(a))
    });
    answer(&mut h, ranked);
    let screen = draw(&h, (120, 40));
    assert!(
        screen.contains("sorted val_auc best first · flat"),
        "{screen}"
    );
    assert!(!screen.contains("│  └"), "no nesting marks:\n{screen}");
    snap("runs_sorted_flat", &h);
}

#[test]
fn runs_metric_columns_scroll_with_an_indicator() {
    let mut h = Harness::loaded();
    // Narrow enough that one metric column is hidden on the right.
    let screen = draw(&h, (80, 20));
    assert!(screen.contains("metrics 1 ▸"), "{screen}");
    h.keys(">");
    let screen = draw(&h, (80, 20));
    assert!(screen.contains("metrics ◂ 1"), "{screen}");
    assert!(
        !screen.contains("val_auc ↑"),
        "val_auc scrolled off:\n{screen}"
    );
    snap("runs_columns_scrolled", &h);
}

#[test]
fn runs_of_several_experiments_name_their_experiment() {
    let mut h = Harness::loaded();
    h.app.runs.selected_experiments = vec![ExperimentId::new("1"), ExperimentId::new("2")];
    let mut rs = runs();
    for r in rs.iter_mut().skip(3) {
        r.experiment_id = ExperimentId::new("2");
    }
    refresh(&mut h, rs);
    let screen = draw(&h, (120, 40));
    assert!(screen.contains("Experiment"), "{screen}");
    assert!(screen.contains("churn-prediction"), "{screen}");
    snap("runs_several_experiments", &h);
}

#[test]
fn runs_long_names_keep_their_end() {
    let mut h = Harness::loaded();
    let mut rs = runs();
    rs[3].name = "logreg-v3-features-2026-11-12-balanced-classes/t4-lgbm".into();
    refresh(&mut h, rs);
    let screen = draw(&h, (60, 15));
    assert!(screen.contains("…es/t4-lgbm"), "the end is kept:\n{screen}");
    snap("runs_long_names", &h);
}

#[test]
fn compare_diff_only() {
    let mut h = Harness::loaded();
    let mut same_auc = runs()[1].clone();
    same_auc.metrics.get_mut("val_auc").unwrap().value = 0.951;
    h.app
        .cache
        .runs
        .insert(same_auc.id.clone(), Loadable::Loaded(same_auc));
    h.keys("j");
    h.press(KeyCode::Enter);
    h.keys("d");
    let screen = draw(&h, (120, 40));
    assert!(screen.contains("only what differs"), "{screen}");
    assert!(screen.contains("1 equal hidden"), "{screen}");
    snap("compare_diff_only", &h);
}

#[test]
fn models_columns_fit_their_content_and_details_wrap() {
    let mut h = Harness::loaded();
    if let Loadable::Loaded(models) = &mut *h.app.models.models {
        let v = &mut models[1].versions[0];
        v.description =
            "Best trial of xgb-sweep-2026-11-12 (lr 0.03, depth 10). Better AUC, F1 and \
            recall than v3, but 23% slower at p95: the latency gate fails and needs a decision \
            from the serving team before this goes anywhere near production traffic."
                .into();
    }
    let mut rs = runs();
    rs[1].name = "xgb-sweep-2026-11-12/t4-lr0.03-d10".into();
    for r in rs {
        h.send(Msg::RunLoaded {
            id: r.id.clone(),
            result: Ok(r),
        });
    }
    h.keys("2hjl");
    let screen = draw(&h, (120, 40));
    assert!(
        screen.contains("xgb-sweep-2026-11-12/t4-lr0.03-d10"),
        "the Run column takes its content's width:\n{screen}"
    );
    assert!(
        screen.contains(" from the serving team"),
        "wrapped with its indent:\n{screen}"
    );
    assert!(screen.contains("Gates"), "{screen}");
    snap("models_wide_content", &h);
}

/// No entry has a reason or gates (moves recorded by another tool): those columns are left
/// out and "By" gets the room, instead of being cut beside an empty Reason.
#[test]
fn history_gives_by_the_room_empty_columns_leave() {
    use crate::domain::promotion::{AuditEntry, ChangeKind};
    let mut h = Harness::loaded();
    h.keys("2hjl");
    h.keys("H");
    let entry = |hours, from: &str, to: &str| AuditEntry {
        at: crate::app::fixtures::now() - chrono::Duration::hours(hours),
        by: "Ada Lovelace-Byron <ada.lovelace@analytical-engines.example>".into(),
        action: ChangeKind::Promote,
        subject: "fraud-classifier".into(),
        alias: "production".into(),
        from: Some(from.into()),
        to: to.into(),
        gates: None,
        overridden: false,
        reason: None,
        store: "MLflow at http://127.0.0.1:5000".into(),
        store_id: None,
    };
    h.send(Msg::AuditLoaded {
        model: "fraud-classifier".into(),
        result: Ok(vec![entry(2, "3", "4"), entry(500, "2", "3")]),
    });
    let screen = draw(&h, (120, 40));
    let row = screen
        .lines()
        .find(|l| l.contains("promote production: v3 → v4"))
        .unwrap();
    assert!(
        row.contains("Ada Lovelace-Byron <ada.lovelace@analytical-engines.example>"),
        "{screen}"
    );
    assert!(!screen.contains("Reason"), "{screen}");
    snap("history_by_gets_the_room", &h);
}

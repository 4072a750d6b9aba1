//! The Runs and comparison screens telling the truth: sorting by a metric flattens nesting,
//! a rejected filter leaves no rows under its title, the filter line remembers, metric
//! columns scroll, and a comparison can list only what differs.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use super::runs_ticket;
use crate::app::fixtures::{Harness, runs};
use crate::app::loadable::Loadable;
use crate::app::popup::Popup;
use crate::app::{Msg, Tab};
use crate::store::{BackendError, RunPage};

/// Answers the last runs request with `runs` (or an error).
fn answer(h: &mut Harness, result: Result<Vec<crate::domain::Run>, BackendError>) {
    let ticket = runs_ticket(h);
    h.send(Msg::RunsLoaded {
        ticket,
        result: result.map(|runs| RunPage {
            runs,
            next_page_token: None,
        }),
    });
}

fn filter(h: &mut Harness, text: &str) {
    h.keys("/");
    h.ctrl('u');
    h.keys(text);
    h.press(KeyCode::Enter);
}

#[test]
fn sorting_by_a_metric_ranks_every_run_and_drops_nesting() {
    let mut h = Harness::loaded();
    assert!(
        h.app.runs.list.rows.iter().any(|(_, depth)| *depth > 0),
        "the fixtures nest a trial under its parent"
    );
    // s, then "val_auc best first" (the fifth choice).
    h.keys("s");
    h.keys("jjjj");
    h.press(KeyCode::Enter);
    assert!(h.app.runs.is_flat());
    // The store answers in metric order: the child ranks above its parent's sibling.
    let mut ranked = runs();
    ranked.retain(|r| r.metric("val_auc").is_some_and(f64::is_finite));
    ranked.sort_by(|a, b| {
        b.metric("val_auc")
            .partial_cmp(&a.metric("val_auc"))
            .unwrap()
    });
    answer(&mut h, Ok(ranked.clone()));
    let list = &h.app.runs.list;
    assert_eq!(
        list.rows,
        (0..ranked.len()).map(|i| (i, 0)).collect::<Vec<_>>(),
        "every row at depth 0, in the store's order"
    );
    let names: Vec<&str> = (0..list.rows.len())
        .map(|i| list.row_name(i).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "xgb-depth8",
            "xgb-depth8-seed2",
            "xgb-prod-2026-10",
            "logreg-v3-features"
        ]
    );
    // Back to the default order: nesting returns.
    h.keys("sg");
    h.press(KeyCode::Enter);
    assert!(!h.app.runs.is_flat());
    answer(&mut h, Ok(runs()));
    assert!(h.app.runs.list.rows.iter().any(|(_, depth)| *depth > 0));
}

#[test]
fn a_rejected_filter_leaves_no_rows_under_its_title() {
    let mut h = Harness::loaded();
    assert_eq!(h.app.runs.list.rows.len(), 5);
    filter(&mut h, "params.model_type = lgbm");
    answer(
        &mut h,
        Err(BackendError::InvalidRequest(
            "the filter 'params.model_type = lgbm' was rejected: bad value".into(),
        )),
    );
    assert!(
        h.app.runs.list.rows.is_empty(),
        "the previous query's rows are not shown under the new filter"
    );
    assert!(
        h.app.runs.list.error.is_some(),
        "the failure is shown in their place"
    );
    // The corrected filter succeeds: rows and no error left over.
    filter(&mut h, "params.model_type = 'xgboost'");
    answer(&mut h, Ok(runs()));
    assert_eq!(h.app.runs.list.rows.len(), 5);
    assert_eq!(h.app.runs.list.error, None);
}

#[test]
fn a_failed_refresh_keeps_the_rows_and_its_toast_goes_when_one_succeeds() {
    let mut h = Harness::loaded();
    h.keys("r");
    let changes = |h: &Harness| {
        h.ticket(|e| match e {
            crate::app::Effect::Task(crate::app::Task::LoadRunChanges { ticket, .. }) => {
                Some(*ticket)
            }
            _ => None,
        })
    };
    let ticket = changes(&h);
    h.send(Msg::RunChangesLoaded {
        ticket,
        result: Err(BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "Connection refused".into(),
        }),
    });
    assert_eq!(h.app.runs.list.rows.len(), 5, "same query: the rows stay");
    assert!(
        h.app
            .toasts
            .items
            .iter()
            .any(|t| t.text.starts_with("Loading runs failed"))
    );
    // A transient failure lists again from the first page next time; its answer clears the
    // toast, and so does a refresh that says what changed.
    h.keys("r");
    answer(&mut h, Ok(runs()));
    assert!(h.app.toasts.items.is_empty(), "{:?}", h.app.toasts.items);
    let now = h.app.now;
    h.app.toasts.push(
        crate::app::notify::Level::Error,
        "Loading runs failed: Connection refused".to_owned(),
        now,
    );
    h.keys("r");
    let ticket = changes(&h);
    h.send(Msg::RunChangesLoaded {
        ticket,
        result: Ok(Vec::new()),
    });
    assert!(h.app.toasts.items.is_empty(), "{:?}", h.app.toasts.items);
}

#[test]
fn the_filter_line_walks_its_history_with_up_and_down() {
    let mut h = Harness::loaded();
    for f in ["xgb", "logreg", "xgb"] {
        filter(&mut h, f);
        answer(&mut h, Ok(runs()));
    }
    assert_eq!(
        h.app.memory.filter_history,
        ["logreg", "xgb"],
        "no repeats, newest last"
    );
    h.keys("/");
    h.ctrl('u');
    let text = |h: &Harness| match h.app.screen.popup() {
        Some(Popup::Filter(input)) => input.text.clone(),
        other => panic!("{other:?}"),
    };
    h.press(KeyCode::Up);
    assert_eq!(text(&h), "xgb");
    h.press(KeyCode::Up);
    assert_eq!(text(&h), "logreg");
    h.press(KeyCode::Up);
    assert_eq!(text(&h), "logreg", "stops at the oldest");
    h.press(KeyCode::Down);
    assert_eq!(text(&h), "xgb");
    h.press(KeyCode::Down);
    assert_eq!(text(&h), "", "past the newest: an empty line");
    // Bounded.
    for i in 0..60 {
        h.app.apply_filter(&format!("f{i}"));
    }
    assert_eq!(h.app.memory.filter_history.len(), 50);
    assert_eq!(h.app.memory.filter_history.last().unwrap(), "f59");
}

#[test]
fn metric_columns_scroll_between_the_ends() {
    let mut h = Harness::loaded();
    let n = h.app.runs.metric_columns.len();
    assert_eq!(
        h.app.runs.metric_columns,
        ["val_auc", "val_loss", "latency_p95_ms"]
    );
    h.keys(">");
    assert_eq!(h.app.runs.column_offset, 1);
    h.keys(">>>>");
    assert_eq!(h.app.runs.column_offset, n - 1, "the last column stays");
    h.keys("<<<<<<");
    assert_eq!(h.app.runs.column_offset, 0);
}

#[test]
fn diff_only_lists_the_metrics_and_params_that_differ() {
    let mut h = Harness::loaded();
    // xgb-depth8 with the baseline's val_auc: equal there, different elsewhere.
    let mut same_auc = runs()[1].clone();
    same_auc.metrics.get_mut("val_auc").unwrap().value = 0.951;
    h.app
        .cache
        .runs
        .insert(same_auc.id.clone(), Loadable::Loaded(same_auc));
    h.keys("j");
    h.press(KeyCode::Enter);
    let metrics = |h: &Harness| -> Vec<String> {
        let s = h.app.compare_of(Tab::Runs).unwrap();
        s.shown_report(&h.app.cache, &h.app.settings)
            .unwrap()
            .metrics
            .into_iter()
            .map(|m| m.name)
            .collect()
    };
    assert_eq!(metrics(&h), ["val_auc", "val_loss", "latency_p95_ms"]);
    h.keys("p");
    h.keys("d");
    let s = h.app.compare_of(Tab::Runs).unwrap();
    assert!(s.diff_only);
    assert_eq!(metrics(&h), ["val_loss", "latency_p95_ms"]);
    let params: Vec<String> = s
        .params(&h.app.cache)
        .unwrap()
        .into_iter()
        .map(|p| p.key)
        .collect();
    assert_eq!(
        params,
        ["max_depth"],
        "only the changed params, even after p"
    );
    let full = s.report(&h.app.cache, &h.app.settings).unwrap();
    assert_eq!(full.metrics.len(), 3, "gates are judged on every metric");
    h.keys("d");
    assert_eq!(metrics(&h).len(), 3);
}

#[test]
fn scrolled_columns_and_filters_are_remembered_per_experiment() {
    use crate::app::memory::Memory;
    use crate::app::{Effect, LoopEffect};
    let mut h = Harness::loaded();
    h.keys(">");
    let Some(Effect::Loop(LoopEffect::Remember(m))) = h.effects.first().cloned() else {
        panic!("{:?}", h.effects)
    };
    let key = "MLflow at http://127.0.0.1:5000 · fraud-detection";
    assert_eq!(m.column_offset(key), 1);
    filter(&mut h, "xgb");
    assert!(
        h.effects.iter().any(
            |e| matches!(e, Effect::Loop(LoopEffect::Remember(m)) if m.filter_history == ["xgb"])
        ),
        "{:?}",
        h.effects
    );
    // Another experiment starts unscrolled; coming back restores where it was.
    h.app
        .apply_experiments(vec![crate::domain::ExperimentId::new("2")]);
    assert_eq!(h.app.runs.column_offset, 0);
    h.app
        .apply_experiments(vec![crate::domain::ExperimentId::new("1")]);
    assert_eq!(h.app.runs.column_offset, 1);
    // A new session: what the runtime read is restored.
    let mut fresh = Harness::loaded();
    assert_eq!(fresh.app.runs.column_offset, 0);
    let mut remembered = Memory::default();
    remembered.set_column_offset(key, 2);
    remembered.push_filter("params.model_type = 'lgbm'");
    fresh.send(Msg::Remembered(remembered));
    assert_eq!(fresh.app.runs.column_offset, 2);
    fresh.keys("/");
    fresh.ctrl('u');
    fresh.press(KeyCode::Up);
    let Some(Popup::Filter(input)) = fresh.app.screen.popup() else {
        panic!()
    };
    assert_eq!(input.text, "params.model_type = 'lgbm'");
}

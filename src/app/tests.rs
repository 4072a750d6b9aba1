//! State-transition tests: messages in, state and effects out. No terminal, no runtime.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use super::fixtures::{Harness, experiments, now, runs};
use super::loadable::Loadable;
use super::popup::Popup;
use super::*;
use crate::domain::ExperimentId;
use crate::domain::{MetricPoint, RunId};
use crate::store::{BackendError, RunPage, RunQuery};

mod answers;
mod cached;
mod first_rows;
mod list_filter;
mod listing;
mod mouse;
mod palette;
mod policy;
mod prs;
mod requests;
mod screens;
mod session;
mod views;

fn runs_ticket(h: &Harness) -> Ticket {
    h.ticket(|e| match e {
        Effect::Task(Task::LoadRuns { ticket, .. }) => Some(*ticket),
        _ => None,
    })
}

fn names(h: &Harness) -> Vec<String> {
    (0..h.app.runs.list.rows.len())
        .map(|i| h.app.runs.list.row(i).unwrap().0.name.clone())
        .collect()
}

#[test]
fn start_with_nothing_remembered_asks_for_experiments_and_the_newest_run_only() {
    let mut h = Harness::new();
    let fx = h.app.start();
    assert_eq!(
        fx,
        vec![Effect::Task(Task::LoadExperiments {
            ticket: Ticket(1),
            newest: true,
        })]
    );
    assert!(h.app.runs.experiments.is_loading() && h.app.is_busy());
}

#[test]
fn experiments_open_the_newest_and_ask_for_its_runs_first() {
    let mut h = Harness::new();
    h.effects = h.app.start();
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), Some(ExperimentId::new("2")))),
    });
    assert_eq!(
        h.app.runs.selected_experiments,
        vec![ExperimentId::new("2")]
    );
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::LoadRuns {
            ticket: Ticket(2),
            query: RunQuery {
                experiment_ids: vec!["2".into()],
                filter: None,
                order_by: vec![],
                page_size: 100,
            },
            page_token: None,
        })],
        "baselines wait for the first rows"
    );
}

#[test]
fn configured_experiments_win_and_unknown_names_warn() {
    let mut h = Harness::with_config("[runs]\nexperiments = [\"fraud-monitoring\", \"nope\"]\n");
    h.effects = h.app.start();
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), None)),
    });
    // One name is not there: the experiment holding the newest run is asked for, and opened.
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(2),
        result: Ok((experiments(), Some(ExperimentId::new("1")))),
    });
    assert_eq!(
        h.app.runs.selected_experiments,
        vec![ExperimentId::new("1")]
    );
    assert!(
        h.app.toasts.items[0]
            .text
            .contains("no experiment named 'nope'")
    );
}

#[test]
fn nested_runs_follow_their_parent_and_baselines_are_known() {
    let h = Harness::loaded();
    assert_eq!(
        names(&h),
        [
            "xgb-lr0.5-diverged",
            "xgb-depth8",
            "xgb-depth8-seed2",
            "logreg-v3-features",
            "xgb-prod-2026-10"
        ]
    );
    assert_eq!(h.app.runs.list.rows[2].1, 1, "the child is one level deep");
    let base = h.app.runs.list.row(4).unwrap().0;
    assert!(h.app.runs.is_baseline(base));
    assert_eq!(
        h.app.runs.key_metrics,
        ["val_auc", "val_loss", "latency_p95_ms"]
    );
    assert!(!h.app.is_busy());
}

#[test]
fn stale_pages_are_dropped() {
    let mut h = Harness::loaded();
    h.effects = h.app.reload_runs();
    let fresh = runs_ticket(&h);
    h.send(Msg::RunsLoaded {
        ticket: Ticket(fresh.0 - 1),
        result: Ok(RunPage::default()),
    });
    assert_eq!(
        h.app.runs.list.runs.len(),
        5,
        "an old answer changes nothing"
    );
    assert_eq!(h.app.runs.list.fetching, Some(runs::Fetch::Reload));
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('r'));
    let fresh = h.ticket(|e| match e {
        Effect::Task(Task::LoadRunChanges { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunChangesLoaded {
        ticket: Ticket(fresh.0 - 1),
        result: Ok(vec![fixtures::run(
            "f".repeat(32).as_str(),
            "stale",
            &[],
            0,
        )]),
    });
    assert_eq!(h.app.runs.list.runs.len(), 5, "nor an old change");
    assert_eq!(h.app.runs.list.fetching, Some(runs::Fetch::Changes));
}

#[test]
fn a_failed_refresh_keeps_the_rows_and_says_how_to_retry() {
    let mut h = Harness::loaded();
    h.keys("jj");
    h.press(KeyCode::Char('r'));
    let t = h.ticket(|e| match e {
        Effect::Task(Task::LoadRunChanges { ticket, .. }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::RunChangesLoaded {
        ticket: t,
        result: Err(crate::store::BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "Connection refused (os error 111)".into(),
        }),
    });
    assert_eq!(h.app.runs.list.runs.len(), 5);
    assert_eq!(h.app.runs.cursor.selected, 2);
    assert_eq!(
        h.app.toasts.items[0].text,
        "Loading runs failed: cannot reach MLflow at http://127.0.0.1:5000: Connection refused \
         (os error 111) (press r to retry)"
    );
    // Recovery: the next refresh succeeds and clears the error.
    h.press(KeyCode::Char('r'));
    let t = runs_ticket(&h);
    h.send(Msg::RunsLoaded {
        ticket: t,
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: None,
        }),
    });
    assert_eq!(h.app.runs.list.error, None);
    assert_eq!(
        h.app.runs.cursor.selected, 2,
        "the selection stays on the same run"
    );
}

#[test]
fn pages_stream_and_scrolling_near_the_end_asks_for_more() {
    let mut h = Harness::new();
    h.effects = h.app.start();
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), Some(ExperimentId::new("1")))),
    });
    let t = runs_ticket(&h);
    h.app.runs.cursor.viewport.set(10);
    let page = |from: usize| RunPage {
        runs: (from..from + 50)
            .map(|i| super::fixtures::run(&format!("{i:032}"), &format!("run-{i}"), &[], 1))
            .collect(),
        next_page_token: Some(format!("tok{}", from + 50)),
    };
    h.send(Msg::RunsLoaded {
        ticket: t,
        result: Ok(page(0)),
    });
    assert_eq!(
        h.app.runs.list.runs.len(),
        50,
        "the first page shows at once"
    );
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadRuns { .. }))),
        "50 rows fill a 10-row view with room to spare"
    );
    for _ in 0..9 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char('j'));
    let more = h.effects.iter().find_map(|e| match e {
        Effect::Task(Task::LoadRuns {
            ticket, page_token, ..
        }) => Some((*ticket, page_token.clone())),
        _ => None,
    });
    let (t2, token) = more.expect("near the end, the next page is requested");
    assert_eq!(token.as_deref(), Some("tok50"));
    h.press(KeyCode::Char('j'));
    assert!(
        h.effects
            .iter()
            .all(|e| !matches!(e, Effect::Task(Task::LoadRuns { .. }))),
        "one page at a time"
    );
    h.send(Msg::RunsLoaded {
        ticket: t2,
        result: Ok(page(50)),
    });
    assert_eq!(h.app.runs.list.runs.len(), 100);
    assert_eq!(
        h.app.runs.cursor.selected, 11,
        "appending does not move the selection"
    );
}

#[test]
fn sequences_wait_for_their_second_key() {
    let mut h = Harness::with_config(
        "[keymap]\nruns = [{ on = \"z z\", run = \"bottom\", desc = \"Last\" }]\n",
    );
    let mut h2 = Harness::loaded();
    std::mem::swap(&mut h.app.runs, &mut h2.app.runs);
    h.keys("z");
    assert_eq!(h.app.pending_keys.len(), 1);
    h.keys("z");
    assert_eq!(
        (h.app.runs.cursor.selected, h.app.pending_keys.len()),
        (4, 0)
    );
}

#[test]
fn marks_and_compare() {
    let mut h = Harness::loaded();
    h.keys(" ");
    assert_eq!(h.app.runs.cursor.selected, 1, "marking moves down");
    h.keys("c");
    assert!(h.app.compare_of(Tab::Runs).is_none());
    assert!(h.app.toasts.items[0].text.starts_with("Mark one more run"));
    h.keys(" c");
    let c = h.app.compare_of(Tab::Runs).expect("two marks compare");
    assert_eq!(c.baseline.label, "reference xgb-lr0.5-diverged");
    assert_eq!(c.candidates[0].label, "xgb-depth8");
    h.press(KeyCode::Esc);
    assert!(h.app.compare_of(Tab::Runs).is_none());
    assert_eq!(
        h.app.runs.marked.len(),
        2,
        "leaving a comparison keeps the marks"
    );
    h.press(KeyCode::Esc);
    assert!(
        h.app.runs.marked.is_empty(),
        "esc on the list clears the marks"
    );
}

#[test]
fn enter_compares_with_the_baseline_and_fetches_histories() {
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    let c = h.app.compare_of(Tab::Runs).unwrap();
    assert_eq!(c.baseline.label, "baseline xgb-prod-2026-10");
    let metric = c.selected_metric(&h.app.cache, &h.app.settings).unwrap();
    assert_eq!(metric, "val_auc", "key metrics come first");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::LoadHistories {
            ticket: h
                .app
                .cache
                .history_ticket(&"b0000000000000000000000000000001".into(), "val_auc")
                .unwrap(),
            runs: vec![
                "b0000000000000000000000000000001".into(),
                "c0000000000000000000000000000002".into()
            ],
            metric: "val_auc".into(),
            points: 1_000,
        })]
    );
    h.keys("j");
    assert_eq!(
        h.effects.len(),
        1,
        "moving to the next metric fetches its histories, both in one request"
    );
    h.keys("k");
    assert!(
        h.effects.is_empty(),
        "histories already asked for are not fetched twice"
    );
    assert_eq!(h.app.route()[0], crate::config::keymap::Layer::Compare);
}

/// The chart's history of `val_auc` for `run`.
fn history(h: &Harness, run: &RunId) -> Option<Loadable<Vec<MetricPoint>>> {
    h.app
        .cache
        .histories
        .get(&(run.clone(), "val_auc".to_owned()))
        .cloned()
}

/// A comparison of the second run with the baseline, opened in a terminal `width` wide:
/// (the harness, the baseline's run, the candidate's).
fn chart_at(width: u16) -> (Harness, RunId, RunId) {
    let mut h = Harness::loaded();
    h.send(Msg::Resize { width, height: 40 });
    h.keys("j");
    h.press(KeyCode::Enter);
    (
        h,
        "b0000000000000000000000000000001".into(),
        "c0000000000000000000000000000002".into(),
    )
}

#[test]
fn the_chart_samples_to_the_terminal_width_and_asks_again_when_wider() {
    let (mut h, base, cand) = chart_at(120);
    let ticket = |h: &Harness| h.app.cache.history_ticket(&base, "val_auc").unwrap();
    let asked = |h: &Harness, points| {
        vec![Effect::Task(Task::LoadHistories {
            ticket: ticket(h),
            runs: vec![base.clone(), cand.clone()],
            metric: "val_auc".into(),
            points,
        })]
    };
    assert_eq!(
        h.effects,
        asked(&h, 300),
        "120 columns: two points a column"
    );
    let first = ticket(&h);
    let point = |step| MetricPoint {
        step,
        timestamp: 0,
        value: 0.5,
    };
    let answer = |ticket, result| Msg::HistoriesLoaded {
        ticket,
        runs: vec![base.clone(), cand.clone()],
        metric: "val_auc".into(),
        result,
    };
    // The baseline has no point of the metric: absent from the answer.
    let coarse = || {
        Ok([(cand.clone(), vec![point(0), point(9)])]
            .into_iter()
            .collect())
    };
    h.send(answer(first, coarse()));
    assert_eq!(history(&h, &base), Some(Loadable::Loaded(Vec::new())));
    assert_eq!(
        history(&h, &cand),
        Some(Loadable::Loaded(vec![point(0), point(9)]))
    );
    h.send(Msg::Resize {
        width: 110,
        height: 40,
    });
    assert!(h.effects.is_empty(), "narrower: the points drawn suffice");
    h.send(Msg::Resize {
        width: 240,
        height: 40,
    });
    assert_eq!(h.effects, asked(&h, 500), "wider: asked again");
    let wider = ticket(&h);
    h.send(Msg::Resize {
        width: 400,
        height: 40,
    });
    assert_eq!(h.effects, asked(&h, 800), "wider still, while on its way");
    let widest = ticket(&h);
    assert_eq!(
        history(&h, &cand),
        Some(Loadable::Loaded(vec![point(0), point(9)])),
        "the coarser history stays drawn until the finer one comes"
    );
    let fine = || {
        Ok([(cand.clone(), (0..10).map(point).collect())]
            .into_iter()
            .collect())
    };
    h.send(answer(widest, fine()));
    assert_eq!(history(&h, &cand).unwrap().loaded().unwrap().len(), 10);
    // The answer to the request before comes last: older, it is dropped.
    h.send(answer(wider, coarse()));
    assert_eq!(
        history(&h, &cand).unwrap().loaded().unwrap().len(),
        10,
        "an older answer overwrote a newer one"
    );
}

/// A failure to sharpen the chart for a wider terminal keeps what is drawn, and says so; a
/// failure with nothing drawn shows in the chart.
#[test]
fn a_failed_history_keeps_what_is_drawn() {
    let (mut h, base, cand) = chart_at(120);
    let answer = |h: &Harness, result| Msg::HistoriesLoaded {
        ticket: h.app.cache.history_ticket(&base, "val_auc").unwrap(),
        runs: vec![base.clone(), cand.clone()],
        metric: "val_auc".into(),
        result,
    };
    let refused = || {
        Err(BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "connection refused".into(),
        })
    };
    let point = MetricPoint {
        step: 0,
        timestamp: 0,
        value: 0.5,
    };
    let drawn = answer(&h, Ok([(cand.clone(), vec![point])].into_iter().collect()));
    h.send(drawn);
    h.send(Msg::Resize {
        width: 1000,
        height: 40,
    });
    let failed = answer(&h, refused());
    h.send(failed);
    assert_eq!(history(&h, &cand), Some(Loadable::Loaded(vec![point])));
    assert!(
        h.app.toasts.items[0].text.contains("connection refused"),
        "{:?}",
        h.app.toasts.items
    );
    // Nothing drawn yet: the chart says why, no toast.
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    let failed = answer(&h, refused());
    h.send(failed);
    assert!(matches!(history(&h, &cand), Some(Loadable::Failed(_))));
    assert!(h.app.toasts.items.is_empty());
}

/// A comparison open on the other tab asks for its chart at the new width too, so it is not
/// left without histories when it is shown again.
#[test]
fn a_resize_sharpens_the_chart_of_the_other_tab_too() {
    let mut h = Harness::loaded();
    h.send(Msg::Resize {
        width: 120,
        height: 40,
    });
    h.keys("j");
    h.press(KeyCode::Enter);
    assert_eq!(h.effects.len(), 1);
    h.keys("2");
    h.send(Msg::Resize {
        width: 400,
        height: 40,
    });
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadHistories { points: 800, .. }))),
        "{:?}",
        h.effects
    );
}

#[test]
fn chart_points_follow_the_width_within_what_mlflow_samples_to() {
    use crate::app::compare::chart_points;
    assert_eq!(chart_points(0), 1_000, "width not known yet");
    assert_eq!(chart_points(10), 200);
    assert_eq!(chart_points(60), 200);
    assert_eq!(chart_points(200), 400);
    assert_eq!(chart_points(201), 500, "rounded up to hundreds");
    assert_eq!(chart_points(u16::MAX), 2_500);
}

#[test]
fn the_baseline_and_missing_baselines_explain_themselves() {
    let mut h = Harness::loaded();
    h.keys("G");
    h.press(KeyCode::Enter);
    assert!(h.app.compare_of(Tab::Runs).is_none());
    assert!(
        h.app.toasts.items[0]
            .text
            .starts_with("This is the baseline")
    );
    *h.app.runs.baselines = Loadable::Loaded(std::collections::BTreeMap::default());
    h.keys("g");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.app.toasts.items.last().unwrap().text,
        "'fraud-detection' has no baseline: tag a run baseline=true (or mark two runs with space and press c)"
    );
}

#[test]
fn filter_typing_goes_to_the_field_then_to_the_server() {
    let mut h = Harness::loaded();
    h.keys("/");
    assert!(matches!(h.app.screen.popup(), Some(Popup::Filter(_))));
    h.keys("q j");
    assert!(!h.app.should_quit, "q types into the field");
    h.press(KeyCode::Backspace)
        .press(KeyCode::Backspace)
        .press(KeyCode::Backspace);
    h.keys("xgb");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
    let Effect::Task(Task::LoadRuns { query, .. }) = &h.effects[0] else {
        panic!("{:?}", h.effects)
    };
    assert_eq!(
        query.filter.as_deref(),
        Some("attributes.run_name ILIKE '%xgb%'")
    );
    h.keys("/");
    h.press(KeyCode::Esc);
    assert!(
        h.app.screen.popup().is_none() && h.effects.is_empty(),
        "esc cancels without fetching"
    );
}

#[test]
fn sort_menu_is_direction_aware() {
    let mut h = Harness::loaded();
    h.keys("s");
    let Some(Popup::Sort(menu)) = h.app.screen.popup() else {
        panic!()
    };
    let labels: Vec<&str> = menu.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        &labels[..8],
        [
            "newest first (default)",
            "oldest first",
            "name A→Z",
            "name Z→A",
            "val_auc best first",
            "val_auc worst first",
            "val_loss best first",
            "val_loss worst first",
        ]
    );
    h.keys("jjjjjj");
    h.press(KeyCode::Enter);
    let Effect::Task(Task::LoadRuns { query, .. }) = &h.effects[0] else {
        panic!()
    };
    assert_eq!(
        query.order_by,
        ["metrics.val_loss ASC"],
        "best loss first is ascending"
    );
}

#[test]
fn experiment_picker_narrows_marks_and_switches() {
    let mut h = Harness::loaded();
    h.keys("e");
    h.keys("churn");
    let Some(Popup::Experiments(p)) = h.app.screen.popup() else {
        panic!()
    };
    assert_eq!(p.visible().len(), 1);
    h.press(KeyCode::Enter);
    assert_eq!(
        h.app.runs.selected_experiments,
        vec![ExperimentId::new("2")]
    );
    assert!(
        h.app.runs.list.runs.is_empty(),
        "the old experiment's rows are gone"
    );
    h.keys("e");
    h.press(KeyCode::Tab).press(KeyCode::Tab);
    h.press(KeyCode::Enter);
    assert_eq!(h.app.runs.selected_experiments.len(), 2);
    assert_eq!(h.app.runs.scope_label(), "2 experiments");
}

#[test]
fn models_open_on_the_staging_version_and_compare_with_production() {
    let mut h = Harness::loaded();
    h.keys("2");
    assert_eq!(h.app.tab, Tab::Models);
    // churn-model sorts first; move to fraud-classifier.
    h.keys("h").keys("j");
    let v = h.app.models.selected_version().unwrap();
    assert_eq!(v.version.as_str(), "4", "the staging version is selected");
    h.keys("l");
    h.press(KeyCode::Enter);
    let c = h.app.compare_of(Tab::Models).unwrap();
    assert_eq!(
        (c.candidates[0].label.as_str(), c.baseline.label.as_str()),
        ("v4 @staging", "v3 @production")
    );
    h.press(KeyCode::Esc);
    h.keys("j");
    h.press(KeyCode::Enter);
    assert!(
        h.app
            .toasts
            .items
            .last()
            .unwrap()
            .text
            .contains("is the @production version")
    );
}

#[test]
fn model_without_production_says_so() {
    let mut h = Harness::loaded();
    h.keys("2");
    h.press(KeyCode::Enter);
    assert!(h.app.compare_of(Tab::Models).is_none());
}

#[test]
fn toasts_expire_on_ticks_and_auto_refresh_runs_on_schedule() {
    let mut h = Harness::with_config("[ui]\nrefresh_secs = 30\n");
    let mut loaded = Harness::loaded();
    std::mem::swap(&mut h.app.runs, &mut loaded.app.runs);
    h.app.toasts.push(notify::Level::Info, "hello", now());
    h.app.now = now() + chrono::Duration::seconds(5);
    h.send(Msg::Tick);
    assert!(h.app.toasts.is_empty());
    assert!(h.effects.is_empty(), "not yet time to refresh");
    h.app.now = now() + chrono::Duration::seconds(31);
    h.send(Msg::Tick);
    assert!(matches!(
        h.effects[0],
        Effect::Task(Task::LoadRunChanges { .. })
    ));
}

#[test]
fn help_opens_scrolls_and_closes_and_quit_quits() {
    let mut h = Harness::loaded();
    h.keys("?");
    assert!(matches!(h.app.screen.popup(), Some(Popup::Help(_))));
    h.keys("j");
    h.keys("q");
    assert!(
        h.app.screen.popup().is_none() && !h.app.should_quit,
        "q closes the help first"
    );
    h.keys("q");
    assert!(h.app.should_quit);
    assert_eq!(h.effects, vec![Effect::Loop(LoopEffect::Quit)]);
}

#[test]
fn tabs_cycle_both_ways() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::Models);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::Alerts);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::Prs);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::Runs);
    h.press(KeyCode::BackTab);
    assert_eq!(h.app.tab, Tab::Prs);
}

#[test]
fn start_screen_offers_the_demo_and_then_loads_it() {
    let mut h = Harness::new();
    h.send(Msg::NoStore {
        reason: "no tracking store".into(),
    });
    h.keys("j?2");
    assert!(
        h.effects.is_empty() && h.app.screen.popup().is_none(),
        "only the start keys work"
    );
    h.keys("d");
    assert_eq!(h.effects, vec![Effect::Loop(LoopEffect::OpenDemo)]);
    h.send(Msg::BackendFailed(
        "Could not open the demo: disk full".into(),
    ));
    assert_eq!(
        h.app.toasts.items[0].text,
        "Could not open the demo: disk full"
    );
    h.send(Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow store demo".into(),
        read_only_reason: None,
        demo: true,
        config: None,
        remembered: Vec::new(),
    })));
    assert!(!h.app.screen.is_start());
    assert!(matches!(
        h.effects[0],
        Effect::Task(Task::LoadExperiments { .. })
    ));
    assert_eq!(h.app.backend_label, "MLflow store demo");
}

mod approve {
    use pretty_assertions::assert_eq;

    use super::{Effect, Harness, KeyCode, Msg, Task, notify};
    use crate::app::change::{Field, Phase};
    use crate::domain::change::{ChangeError, Outcome};
    use crate::domain::promotion::Change;

    const GATES: &str = "[[metrics]]\nname = \"latency_p95_ms\"\ntolerance_pct = 5\ngate = true\n\
                         [[metrics]]\nname = \"val_auc\"\ntolerance = 0.002\ngate = true\n";

    /// The Models tab with fraud-classifier's staging version (v4) selected.
    fn on_staging(config: &str) -> Harness {
        let mut h = Harness::loaded();
        let c = Harness::with_config(config);
        h.app.settings = c.app.settings;
        h.app.promotion = c.app.promotion;
        h.app.identity = "Ann <ann@example.com>".into();
        h.keys("2hjl");
        assert_eq!(
            h.app.models.selected_version().unwrap().version.as_str(),
            "4"
        );
        h
    }

    #[test]
    fn passing_gates_need_only_the_typed_name() {
        let mut h = on_staging("[[metrics]]\nname = \"val_auc\"\ngate = true\n");
        h.keys("a");
        let Change::Alias(plan) = &h.dialog().change else {
            panic!()
        };
        assert_eq!(plan.describe(), "production: v3 → v4");
        assert_eq!(plan.candidate_alias.as_deref(), Some("staging"));
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty(), "enter alone does nothing");
        assert_eq!(
            h.dialog().hint.as_deref(),
            Some("Not confirmed: the name must be exactly 'fraud-classifier'")
        );
        h.keys("fraud-classifier");
        h.press(KeyCode::Enter);
        let [
            Effect::Task(Task::ApplyChange {
                change, approval, ..
            }),
        ] = h.effects.as_slice()
        else {
            panic!("{:?}", h.effects)
        };
        assert_eq!(change, &h.dialog().change);
        assert_eq!(approval.by, "Ann <ann@example.com>");
        assert!(approval.gates.as_ref().unwrap().passed);
        assert!(!approval.override_gates);
        assert_eq!(h.dialog().phase, Phase::Working);
        h.keys("q");
        assert!(!h.app.should_quit, "typing in a dialog never quits");
    }

    #[test]
    fn failing_gates_block_until_overridden_with_a_reason() {
        let mut h = on_staging(GATES);
        h.keys("a");
        h.keys("fraud-classifier");
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty());
        assert!(
            h.dialog()
                .hint
                .as_deref()
                .unwrap()
                .starts_with("Gates fail")
        );
        h.ctrl('o');
        assert!(h.dialog().override_gates);
        assert_eq!(h.dialog().focus, Field::Reason);
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty(), "no reason yet");
        h.keys("latency budget raised to 50 ms");
        h.press(KeyCode::Enter);
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert!(approval.override_gates);
        assert_eq!(
            approval.reason.as_deref(),
            Some("latency budget raised to 50 ms")
        );
        let gates = approval.gates.as_ref().unwrap();
        assert_eq!(gates.failed.len(), 1);
        assert!(gates.failed[0].starts_with("latency_p95_ms: regressed by 9 (+23.7%)"));
    }

    #[test]
    fn outcomes_show_in_the_dialog_and_refresh_the_view() {
        let mut h = on_staging("");
        h.keys("a");
        h.send(Msg::ChangeApplied {
            result: Err(ChangeError::Refused(
                "refused, nothing changed: @production of 'fraud-classifier' changed since you looked: it was v3, it is now v5".into(),
            )),
        });
        assert!(
            matches!(&h.dialog().phase, Phase::Finished(notify::Level::Warning, m) if m.contains("it is now v5"))
        );
        assert!(
            h.effects
                .iter()
                .any(|e| matches!(e, Effect::Task(Task::LoadModels { .. }))),
            "the view refreshes"
        );
        h.press(KeyCode::Enter);
        assert!(h.app.screen.popup().is_none());
        h.send(Msg::ChangeApplied {
            result: Ok(Outcome::NothingToDo("nothing to do".into())),
        });
        assert_eq!(h.app.toasts.items.last().unwrap().text, "nothing to do");
    }

    #[test]
    fn read_only_removes_every_change_from_the_keys() {
        let mut h = on_staging("read_only = true\n");
        let ro = Harness::with_config("read_only = true\n");
        h.app.keymap = ro.app.keymap;
        h.keys("aR");
        assert!(h.app.screen.popup().is_none() && h.effects.is_empty());
        h.app.set_read_only_reason(None);
        let summary = h.app.keymap.summary(crate::config::keymap::Layer::Models);
        assert!(
            summary
                .iter()
                .all(|h| !h.desc.contains("Approve") && !h.desc.contains("Roll back")),
            "{summary:?}"
        );
        let mut h = Harness::loaded();
        h.app
            .set_read_only_reason(Some("unknown schema revision".into()));
        h.keys("jB");
        assert!(
            h.app.screen.popup().is_none(),
            "no baseline dialog in read-only mode"
        );
    }

    #[test]
    fn baseline_moves_confirm_with_y() {
        let mut h = Harness::loaded();
        h.keys("jB");
        let Change::Baseline(plan) = &h.dialog().change else {
            panic!()
        };
        assert_eq!(
            plan.describe(),
            "baseline of fraud-detection: xgb-prod-2026-10 → xgb-depth8"
        );
        h.keys("n");
        assert!(h.effects.is_empty());
        h.keys("y");
        assert!(matches!(
            h.effects.as_slice(),
            [Effect::Task(Task::ApplyChange {
                change: Change::Baseline(_),
                ..
            })]
        ));
    }

    #[test]
    fn where_y_confirms_enter_does_not() {
        let mut h = on_staging("[promotion]\nconfirm_alias = { production = \"yes\" }\n");
        h.keys("a");
        h.press(KeyCode::Enter);
        assert!(
            h.effects.is_empty(),
            "enter must not confirm: {:?}",
            h.effects
        );
        assert_eq!(
            h.dialog().hint.as_deref(),
            Some("Press y to confirm (enter does not)")
        );
        assert_eq!(h.dialog().phase, Phase::Editing);
        // From the reason field too, enter only goes on to the confirmation.
        h.press(KeyCode::Tab);
        h.keys("hotfix");
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty());
        assert_eq!(h.dialog().focus, Field::Confirm);
        h.keys("y");
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert_eq!(approval.reason.as_deref(), Some("hotfix"));
        // The baseline dialog, confirmed by y as well, is no different.
        let mut h = Harness::loaded();
        h.keys("jB");
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty(), "{:?}", h.effects);
        h.keys("y");
        assert!(matches!(
            h.effects.as_slice(),
            [Effect::Task(Task::ApplyChange { .. })]
        ));
    }

    #[test]
    fn every_dialog_has_the_reason_then_the_confirmation_and_tab_follows_that_order() {
        let mut h = on_staging("[[metrics]]\nname = \"val_auc\"\ngate = true\n");
        h.keys("a");
        assert_eq!(h.dialog().focus, Field::Confirm);
        h.press(KeyCode::Tab);
        assert_eq!(
            h.dialog().focus,
            Field::Reason,
            "a passing promotion has a reason too"
        );
        h.keys("weekly retrain");
        h.press(KeyCode::Tab);
        assert_eq!(h.dialog().focus, Field::Confirm);
        h.press(KeyCode::BackTab);
        assert_eq!(h.dialog().focus, Field::Reason);
        h.press(KeyCode::BackTab);
        assert_eq!(
            h.dialog().focus,
            Field::Confirm,
            "shift-tab wraps up to the last"
        );
        h.keys("fraud-classifier");
        h.press(KeyCode::Enter);
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert_eq!(approval.reason.as_deref(), Some("weekly retrain"));
        // The baseline dialog: the same fields in the same order.
        let mut h = Harness::loaded();
        h.keys("jB");
        assert_eq!(h.dialog().focus, Field::Confirm);
        h.press(KeyCode::Tab);
        h.keys("new eval set");
        h.press(KeyCode::Tab);
        h.keys("y");
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert_eq!(approval.reason.as_deref(), Some("new eval set"));
    }

    /// `R` on fraud-classifier, answered with a plan to move production from v3 to `to`.
    fn plan_rollback(h: &mut Harness, to: &str) {
        h.keys("R");
        h.send(Msg::RollbackPlanned {
            result: Ok(crate::domain::promotion::AliasPlan {
                kind: crate::domain::promotion::ChangeKind::Rollback,
                model: "fraud-classifier".into(),
                alias: "production".into(),
                from: Some("3".into()),
                to: to.into(),
                candidate_alias: None,
            }),
        });
    }

    #[test]
    fn a_rollback_is_gated_like_a_promotion_whichever_way_it_moves() {
        let mut h = on_staging(GATES);
        // A second R after a rollback plans the move forward again: v3 → v4, whose latency
        // gate fails against v3.
        plan_rollback(&mut h, "4");
        assert!(h.dialog().gated());
        h.keys("fraud-classifier");
        h.press(KeyCode::Enter);
        assert!(
            h.effects.is_empty(),
            "failing gates block it: {:?}",
            h.effects
        );
        assert!(
            h.dialog()
                .hint
                .as_deref()
                .unwrap()
                .starts_with("Gates fail")
        );
        h.ctrl('o');
        h.keys("v3 leaks memory");
        h.press(KeyCode::Enter);
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert!(approval.override_gates);
        assert!(!approval.gates.as_ref().unwrap().passed);
        assert_eq!(approval.reason.as_deref(), Some("v3 leaks memory"));
    }

    #[test]
    fn gates_that_cannot_be_judged_hold_a_move_until_overridden_with_a_reason() {
        let mut h = on_staging(GATES);
        // A version this screen knows no run of (registered after the list loaded, or from
        // a path rather than a run).
        plan_rollback(&mut h, "9");
        h.keys("fraud-classifier");
        h.press(KeyCode::Enter);
        assert!(h.effects.is_empty(), "no gates is no pass: {:?}", h.effects);
        assert!(
            h.dialog()
                .hint
                .as_deref()
                .unwrap()
                .starts_with("The gates cannot be judged")
        );
        h.ctrl('o');
        h.keys("v9 was checked by hand");
        h.press(KeyCode::Enter);
        let [Effect::Task(Task::ApplyChange { approval, .. })] = h.effects.as_slice() else {
            panic!("{:?}", h.effects)
        };
        assert!(approval.override_gates);
        assert_eq!(approval.reason.as_deref(), Some("v9 was checked by hand"));
    }

    #[test]
    fn rollback_and_history_ask_the_runtime() {
        let mut h = on_staging("");
        h.keys("R");
        assert_eq!(
            h.effects,
            vec![Effect::Task(Task::PlanRollback {
                model: "fraud-classifier".into(),
                alias: "production".into()
            })]
        );
        h.send(Msg::RollbackPlanned {
            result: Err(ChangeError::Refused(
                "no record of what @production held before v3".into(),
            )),
        });
        assert!(h.app.screen.popup().is_none());
        assert!(
            h.app
                .toasts
                .items
                .last()
                .unwrap()
                .text
                .starts_with("no record")
        );
        h.keys("H");
        assert_eq!(
            h.effects,
            vec![Effect::Task(Task::LoadAudit {
                model: "fraud-classifier".into()
            })]
        );
        assert_eq!(h.app.route()[0], crate::config::keymap::Layer::History);
        h.press(KeyCode::Esc);
        assert!(h.app.screen.history().is_none());
    }
}

#[test]
fn champion_and_challenger_work_by_config_alone() {
    let mut h = Harness::loaded();
    let c =
        Harness::with_config("[aliases]\nproduction = \"champion\"\nstaging = \"challenger\"\n");
    h.app.settings = c.app.settings;
    let mut models = super::fixtures::models();
    for m in &mut models {
        let renamed = m
            .aliases
            .iter()
            .map(|(a, v)| {
                let a = match a.as_str() {
                    "production" => "champion",
                    "staging" => "challenger",
                    other => other,
                };
                (a.to_owned(), v.clone())
            })
            .collect();
        m.aliases = renamed;
        m.normalize();
    }
    let t = h.app.models.models.ticket();
    h.send(Msg::ModelsLoaded {
        ticket: t,
        result: Ok(models),
    });
    h.keys("2hjl");
    assert_eq!(
        h.app.models.selected_version().unwrap().version.as_str(),
        "4",
        "the challenger is selected first"
    );
    h.keys("a");
    let Some(Popup::Change(d)) = h.app.screen.popup() else {
        panic!("no dialog")
    };
    assert_eq!(d.change.describe(), "champion: v3 → v4");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    let c = h.app.compare_of(Tab::Models).unwrap();
    assert_eq!(
        (c.candidates[0].label.as_str(), c.baseline.label.as_str()),
        ("v4 @challenger", "v3 @champion")
    );
}

#[test]
fn sparklines_are_asked_for_in_small_batches_in_display_order() {
    let mut h = Harness::new();
    h.effects = h.app.start();
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), Some(ExperimentId::new("1")))),
    });
    let t = runs_ticket(&h);
    let page: Vec<_> = (0..60)
        .map(|i| {
            super::fixtures::run(
                &format!("{i:032}"),
                &format!("run-{i}"),
                &[("val_auc", 0.9)],
                1,
            )
        })
        .collect();
    h.send(Msg::RunsLoaded {
        ticket: t,
        result: Ok(RunPage {
            runs: page,
            next_page_token: None,
        }),
    });
    let batches: Vec<(usize, String)> = h
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Task(Task::LoadSparklines { runs, .. }) => {
                Some((runs.len(), runs[0].to_string()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        batches,
        vec![
            (25, format!("{:032}", 0)),
            (25, format!("{:032}", 25)),
            (10, format!("{:032}", 50)),
        ]
    );
}

mod alerts {
    use pretty_assertions::assert_eq;

    use super::{Effect, Harness, KeyCode, Msg, Tab, Task, Ticket, notify};
    use crate::app::fixtures::alert_report;

    const CONFIG: &str = "[[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\n\
                          [monitoring]\nexperiments = [\"fraud-monitoring\"]\nrefresh_secs = 60\n";

    fn ticket(h: &Harness) -> Ticket {
        h.ticket(|e| match e {
            Effect::Task(Task::LoadAlerts { ticket, .. }) => Some(*ticket),
            _ => None,
        })
    }

    #[test]
    fn alerts_load_at_start_only_when_configured() {
        let mut h = Harness::new();
        h.start_through_first_rows();
        assert!(
            !h.effects
                .iter()
                .any(|e| matches!(e, Effect::Task(Task::LoadAlerts { .. })))
        );
        let mut h2 = Harness::with_config(CONFIG);
        h2.start_through_first_rows();
        assert!(
            h2.effects
                .iter()
                .any(|e| matches!(e, Effect::Task(Task::LoadAlerts { .. })))
        );
        h.keys("3");
        assert_eq!(h.app.tab, Tab::Alerts);
    }

    #[test]
    fn new_firing_alerts_are_announced_and_counted_on_every_tab() {
        let mut h = Harness::with_config(CONFIG);
        h.start_through_first_rows();
        let t = ticket(&h);
        let mut quiet = alert_report();
        quiet.alerts.retain(|a| !a.is_firing());
        h.send(Msg::AlertsLoaded {
            ticket: t,
            result: Ok(quiet),
        });
        assert!(h.app.toasts.is_empty(), "the first evaluation is not news");
        assert_eq!(h.app.alerts.badge(h.app.now), None);
        // Sixty seconds later the rules are evaluated again, and two alerts now fire.
        h.app.now += chrono::Duration::seconds(61);
        h.send(Msg::Tick);
        let t = ticket(&h);
        h.send(Msg::AlertsLoaded {
            ticket: t,
            result: Ok(alert_report()),
        });
        let news: Vec<(notify::Level, &str)> = h
            .app
            .toasts
            .items
            .iter()
            .map(|t| (t.level, t.text.as_str()))
            .collect();
        assert_eq!(
            news,
            vec![
                (
                    notify::Level::Error,
                    "New alert: psi_amount of fraud-classifier@production 0.28 > 0.2"
                ),
                (
                    notify::Level::Warning,
                    "New alert: live_recall of fraud-classifier@production 0.727 < 0.741"
                ),
            ]
        );
        assert_eq!(
            h.app.alerts.badge(h.app.now),
            Some((2, crate::domain::alert::Severity::Critical))
        );
    }

    /// The Alerts tab of a loaded app (models included) with the fixture's report.
    fn on_alerts(read_only: bool) -> Harness {
        let mut h = Harness::loaded();
        h.app.options = Harness::with_config(CONFIG).app.options;
        if read_only {
            h.app.set_read_only_reason(Some("read-only".into()));
        }
        let t = h.app.alerts.report.ticket();
        h.send(Msg::AlertsLoaded {
            ticket: t,
            result: Ok(alert_report()),
        });
        h.keys("3");
        h
    }

    /// Enter on an alert about production: the Models tab on that model and version, and a
    /// toast offering the existing rollback (R, with its confirmation); read-only offers none.
    #[rstest::rstest]
    #[case::offers_the_rollback(
        false,
        Some(
            "fraud-classifier@production is the drifting version: R rolls it back (with confirmation)"
        )
    )]
    #[case::read_only_offers_nothing(true, None)]
    fn enter_goes_to_the_drifting_version(#[case] read_only: bool, #[case] toast: Option<&str>) {
        let mut h = on_alerts(read_only);
        h.press(KeyCode::Enter);
        assert_eq!(h.app.tab, Tab::Models);
        let m = &h.app.models;
        assert_eq!(
            (
                m.selected_model().map(|m| m.name.as_str()),
                m.selected_version().map(|v| v.version.as_str()),
                m.focus
            ),
            (
                Some("fraud-classifier"),
                Some("3"),
                crate::app::models::Focus::Versions
            )
        );
        assert_eq!(h.app.toasts.items.last().map(|t| t.text.as_str()), toast);
        if !read_only {
            h.keys("R");
            assert!(
                h.effects
                    .iter()
                    .any(|e| matches!(e, Effect::Task(Task::PlanRollback { model, .. }) if model == "fraud-classifier")),
                "{:?}",
                h.effects
            );
        }
    }

    #[test]
    fn enter_on_an_unregistered_model_says_so() {
        let mut h = on_alerts(false);
        let mut report = alert_report();
        for a in &mut report.alerts {
            a.series.model = "gone-model".into();
        }
        h.app.alerts.report.set(report);
        h.press(KeyCode::Enter);
        assert_eq!(h.app.tab, Tab::Alerts);
        assert_eq!(
            h.app.toasts.items.last().map(|t| t.text.as_str()),
            Some("'gone-model' is not a registered model")
        );
    }

    #[test]
    fn c_opens_the_chart_and_stale_answers_are_dropped() {
        let mut h = Harness::with_config(CONFIG);
        h.start_through_first_rows();
        let t = ticket(&h);
        h.send(Msg::AlertsLoaded {
            ticket: Ticket(t.0 + 100),
            result: Ok(alert_report()),
        });
        assert!(h.app.alerts.report.loaded().is_none());
        h.send(Msg::AlertsLoaded {
            ticket: t,
            result: Ok(alert_report()),
        });
        h.keys("3j");
        h.keys("c");
        assert!(matches!(h.app.top(), crate::app::view::Top::AlertChart));
        assert_eq!(
            h.app.alerts.selected().unwrap().series.metric,
            "live_recall"
        );
        h.press(KeyCode::Esc);
        assert!(matches!(h.app.top(), crate::app::view::Top::Alerts));
    }
}

//! The view state: which view is on top, and how keys move between views.

use crossterm::event::KeyCode;

use crate::app::fixtures::Harness;
use crate::app::popup::{HelpPopup, Popup};
use crate::app::view::{ModelsView, RunsView, Screen, Top};
use crate::app::{Msg, Tab};
use crate::config::keymap::Layer;

/// The view on top, as a name (`Top` borrows the app).
fn top(h: &Harness) -> &'static str {
    match h.app.top() {
        Top::Start(_) => "start",
        Top::Runs => "runs",
        Top::Models => "models",
        Top::Alerts => "alerts",
        Top::AlertChart => "alert chart",
        Top::Prs => "prs",
        Top::PrDetail(_) => "pr detail",
        Top::Compare(Tab::Runs, _) => "runs compare",
        Top::Compare(_, _) => "models compare",
        Top::History(_) => "history",
        Top::Requests(_) => "requests",
    }
}

#[test]
fn compare_opens_over_the_runs_list_and_esc_goes_back() {
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    assert_eq!(top(&h), "runs compare");
    assert_eq!(h.app.route()[0], Layer::Compare);
    h.press(KeyCode::Esc);
    assert_eq!(top(&h), "runs");
    assert_eq!(h.app.route()[0], Layer::Runs);
}

#[test]
fn a_dialog_over_a_comparison_closes_back_to_the_comparison() {
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    h.keys("?");
    assert!(matches!(h.app.screen.popup(), Some(Popup::Help(_))));
    assert_eq!(
        top(&h),
        "runs compare",
        "the comparison stays under the help"
    );
    assert_eq!(h.app.route()[0], Layer::Help);
    assert_eq!(h.app.screen_layer(), Layer::Compare);
    h.press(KeyCode::Esc);
    assert!(h.app.screen.popup().is_none());
    assert_eq!(top(&h), "runs compare", "esc closes the dialog only");
    h.press(KeyCode::Esc);
    assert_eq!(top(&h), "runs");
}

#[test]
fn each_tab_keeps_its_own_view() {
    let mut h = Harness::loaded();
    h.keys("j");
    h.press(KeyCode::Enter);
    h.keys("2H");
    assert_eq!(top(&h), "history");
    let views = h.app.screen.views().unwrap();
    assert!(matches!(views.runs, RunsView::Compare(_)));
    assert!(matches!(views.models, ModelsView::History(_)));
    h.keys("1");
    assert_eq!(
        top(&h),
        "runs compare",
        "back on Runs, its comparison is still open"
    );
    h.keys("2");
    h.press(KeyCode::Esc);
    assert_eq!(top(&h), "models");
    h.keys("1");
    assert_eq!(
        top(&h),
        "runs compare",
        "closing Models' history leaves Runs alone"
    );
}

#[test]
fn a_models_comparison_replaces_nothing_but_the_list() {
    let mut h = Harness::loaded();
    // fraud-classifier's staging version, against production.
    h.keys("2hjl");
    h.press(KeyCode::Enter);
    assert_eq!(top(&h), "models compare");
    // Approving from the comparison opens the dialog over it.
    h.keys("a");
    assert!(matches!(h.app.screen.popup(), Some(Popup::Change(_))));
    assert_eq!(top(&h), "models compare");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    assert_eq!(top(&h), "models");
    h.keys("H");
    assert_eq!(top(&h), "history");
    // The history has no approve: it says where approving happens.
    h.keys("a");
    assert!(h.app.screen.popup().is_none());
}

#[test]
fn the_alert_chart_is_the_alerts_tab_view() {
    let mut h = Harness::with_config(
        "[[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\n\
         [monitoring]\nexperiments = [\"fraud-monitoring\"]\n",
    );
    h.effects = h.app.start();
    let t = h.app.alerts.report.ticket();
    h.send(Msg::AlertsLoaded {
        ticket: t,
        result: Ok(crate::app::fixtures::alert_report()),
    });
    h.keys("3");
    assert_eq!(top(&h), "alerts");
    h.keys("c");
    assert_eq!(top(&h), "alert chart");
    assert_eq!(h.app.route()[0], Layer::AlertChart);
    h.keys("1");
    assert_eq!(top(&h), "runs");
    h.keys("3");
    assert_eq!(
        top(&h),
        "alert chart",
        "the chart stays open behind other tabs"
    );
}

#[test]
fn the_start_screen_stands_alone() {
    let mut h = Harness::new();
    h.app.screen = Screen::Start {
        reason: "no tracking store".into(),
    };
    assert_eq!(top(&h), "start");
    assert_eq!(h.app.route(), vec![Layer::Start]);
    // No dialog, tab or view opens over it.
    h.keys("?2");
    assert_eq!(top(&h), "start");
    assert!(h.app.screen.popup().is_none());
    h.app.screen.open_popup(Popup::Help(HelpPopup::default()));
    assert!(
        h.app.screen.popup().is_none(),
        "a start screen has no dialogs"
    );
}

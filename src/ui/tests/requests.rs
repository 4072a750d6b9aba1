//! The Requests view: requests open, expired and stale, with their checklists answered,
//! loading and failed; the question after `a`; the empty view.

use crossterm::event::KeyCode;

use super::{snap, snap_styled};
use crate::app::Msg;
use crate::app::fixtures::{Harness, models, models_with_requests};
use crate::domain::change::ChangeError;
use crate::domain::policy::{Check, CheckKind, CheckState, PolicyVerdict};
use crate::domain::promotion::AliasPlan;
use crate::domain::{RegisteredModel, VersionId};

fn check(kind: CheckKind, state: CheckState, detail: &str) -> Check {
    Check {
        kind,
        state,
        detail: detail.into(),
    }
}

/// The Requests view as Bob over `models`, with a policy configured.
fn requests(models: Vec<RegisteredModel>) -> Harness {
    let mut h = Harness::loaded();
    h.app.options.policy = true;
    h.app.identity = "bob".into();
    let t = h.app.models.models.ticket();
    h.send(Msg::ModelsLoaded {
        ticket: t,
        result: Ok(models),
    });
    h.keys("2Q");
    h
}

fn plan(version: &str, alias: &str, from: &str) -> AliasPlan {
    AliasPlan {
        kind: crate::domain::promotion::ChangeKind::Promote,
        model: "fraud-classifier".into(),
        alias: alias.into(),
        from: Some(VersionId::new(from)),
        to: VersionId::new(version),
        candidate_alias: None,
    }
}

fn answered() -> Harness {
    let mut h = requests(models_with_requests());
    h.send(Msg::PolicyChecked {
        plan: plan("4", "production", "3"),
        result: Ok(Some(PolicyVerdict {
            rule: Some("fraud-* @production".into()),
            checks: vec![
                check(
                    CheckKind::Mover,
                    CheckState::Met,
                    "bob may move @production",
                ),
                check(
                    CheckKind::Approvals,
                    CheckState::Unmet { overridable: false },
                    "1 of 2 approvals (ann)",
                ),
            ],
        })),
    });
    h.send(Msg::PolicyChecked {
        plan: plan("2", "production", "3"),
        result: Err(ChangeError::Failed(
            "MLflow at http://127.0.0.1:5000: timed out".into(),
        )),
    });
    // v2 → @staging stays "checking…".
    h
}

#[test]
fn requests_in_every_state() {
    let h = answered();
    snap("requests", &h);
    snap_styled("requests", &h);
}

#[test]
fn approving_asks_for_a_yes() {
    let mut h = answered();
    h.keys("a");
    snap("requests_confirm", &h);
    h.press(KeyCode::Enter);
    snap("requests_approving", &h);
}

#[test]
fn no_requests_says_how_to_make_one() {
    let h = requests(models());
    snap("requests_none", &h);
}

#[test]
fn the_request_form_asks_a_reason() {
    let mut h = requests(models_with_requests());
    h.press(KeyCode::Esc);
    h.keys("hjl");
    h.ctrl('r');
    h.press(KeyCode::Enter);
    snap("request_form_empty", &h);
    h.keys("recall up 2 points");
    snap("request_form", &h);
}

#[test]
fn slash_narrows_the_requests_and_the_title_says_so() {
    let mut h = answered();
    h.keys("/staging");
    h.press(KeyCode::Enter);
    snap("requests_filtered", &h);
    let shown: Vec<String> = h
        .app
        .shown_requests()
        .iter()
        .map(|r| r.key.describe())
        .collect();
    assert_eq!(shown, ["fraud-classifier v2 → @staging"]);
    // `a` acts on what is shown: the one row left, whatever was selected before.
    assert_eq!(h.app.screen.requests().unwrap().cursor.selected, 0);
    // Esc clears the filter first, then goes back to Models.
    h.press(KeyCode::Esc);
    assert_eq!(h.app.shown_requests().len(), 3);
    assert!(h.app.screen.requests().is_some());
    h.press(KeyCode::Esc);
    assert!(h.app.screen.requests().is_none());
}

#[test]
fn a_click_selects_the_request_it_lands_on() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::mouse::{Hits, Mouse, MouseKind};
    use crate::config::theme::Theme;

    let mut h = answered();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut hits = Hits::default();
    t.draw(|f| hits = crate::ui::draw(f, &h.app, &Theme::default()))
        .unwrap();
    let buffer = t.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            line.contains("v2 → @staging")
        })
        .expect("the staging request is drawn");
    h.send(Msg::Mouse(Mouse {
        kind: MouseKind::Click,
        column: 10,
        row,
        hits: hits.clone(),
    }));
    assert_eq!(h.app.screen.requests().unwrap().cursor.selected, 2);
    h.send(Msg::Mouse(Mouse {
        kind: MouseKind::WheelUp,
        column: 10,
        row,
        hits,
    }));
    assert_eq!(h.app.screen.requests().unwrap().cursor.selected, 1);
}

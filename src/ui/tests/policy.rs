//! The approve dialog under a promotion policy: the checklist while it loads, a refusal, a
//! freeze passed by a reason, and a move the policy allows.

use super::{snap, snap_styled};
use crate::app::Msg;
use crate::app::change::ChangeDialog;
use crate::app::fixtures::Harness;
use crate::app::popup::Popup;
use crate::domain::policy::{Check, CheckKind, CheckState, PolicyVerdict};
use crate::domain::promotion::Change;

fn check(kind: CheckKind, state: CheckState, detail: &str) -> Check {
    Check {
        kind,
        state,
        detail: detail.into(),
    }
}

fn dialog(h: &Harness) -> &ChangeDialog {
    match h.app.screen.popup() {
        Some(Popup::Change(d)) => d,
        _ => panic!("no dialog"),
    }
}

/// fraud-classifier v4's approve dialog as Carol, answered with `checks` (`None`: still
/// loading).
fn approve(checks: Option<Vec<Check>>) -> Harness {
    let mut h = Harness::loaded();
    h.app.options.policy = true;
    h.app.identity = "carol".into();
    h.keys("2hjla");
    if let Some(checks) = checks {
        let Change::Alias(plan) = dialog(&h).change.clone() else {
            panic!()
        };
        h.send(Msg::PolicyChecked {
            plan,
            result: Ok(Some(PolicyVerdict {
                rule: Some("* @production".into()),
                checks,
            })),
        });
    }
    h
}

#[test]
fn checklist_loading() {
    snap("policy_loading", &approve(None));
}

#[test]
fn checklist_refused() {
    let h = approve(Some(vec![
        check(
            CheckKind::Mover,
            CheckState::Unmet { overridable: false },
            "carol may request this move but not make it: @production of fraud-classifier is \
             moved by group:leads",
        ),
        check(
            CheckKind::Approvals,
            CheckState::Unmet { overridable: false },
            "0 of 1 approvals; 1 more from someone other than the requester and the run's author",
        ),
        check(
            CheckKind::StageOrder,
            CheckState::Met,
            "held @staging for 3d 2h, with every gate passing when it took it",
        ),
    ]));
    snap("policy_refused", &h);
    snap_styled("policy_refused", &h);
}

#[test]
fn checklist_frozen_then_overridden() {
    let mut h = approve(Some(vec![
        check(CheckKind::Mover, CheckState::Met, "carol may move it"),
        check(
            CheckKind::CriticalAlert,
            CheckState::Unmet { overridable: true },
            "critical alert 'auc-drop' fires for fraud-classifier",
        ),
    ]));
    h.keys("fraud-classifier");
    h.press(crossterm::event::KeyCode::Enter);
    h.keys("hotfix for incident 42");
    snap("policy_frozen_reason", &h);
}

#[test]
fn checklist_allowed() {
    let mut h = approve(Some(vec![
        check(CheckKind::Mover, CheckState::Met, "carol may move it"),
        check(
            CheckKind::Approvals,
            CheckState::Met,
            "1 of 1 approvals: bob",
        ),
    ]));
    h.keys("fraud-cl");
    snap("policy_allowed", &h);
}

#[test]
fn models_badge_an_alias_moved_outside_clearance() {
    let mut h = Harness::loaded();
    h.keys("2hjl");
    let ticket = h.app.models.models.ticket();
    h.send(Msg::OutsideMoves {
        ticket,
        result: Ok([("fraud-classifier".to_owned(), vec!["staging".to_owned()])].into()),
    });
    snap("models_outside_move", &h);
    snap_styled("models_outside_move", &h);
}

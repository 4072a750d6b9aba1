//! The Requests view: opened from Models with `Q`, one row per request recorded on the loaded
//! models' versions, `a` approving as the configured user (never one's own request), `w`
//! withdrawing one's own, and none of it in read-only mode.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use super::super::fixtures::{Harness, models_with_requests};
use super::super::popup::Popup;
use super::super::requests::{Pending, RequestKey};
use super::super::{Effect, Msg, Task};
use crate::config::keymap::Layer;
use crate::domain::VersionId;
use crate::domain::change::ChangeError;
use crate::domain::policy::{Check, CheckKind, CheckState, PolicyVerdict, RequestState};
use crate::domain::promotion::Change;

/// The Requests view over models carrying requests, as `who`, with a policy configured.
fn requests_as(who: &str, config: &str) -> Harness {
    let mut h = Harness::loaded();
    let configured = Harness::with_config(config);
    h.app.keymap = configured.app.keymap;
    h.app.options.read_only = configured.app.options.read_only;
    h.app.options.policy = true;
    h.app.identity = who.into();
    let t = h.app.models.models.ticket();
    h.send(Msg::ModelsLoaded {
        ticket: t,
        result: Ok(models_with_requests()),
    });
    h.keys("2");
    h.effects.clear();
    h.keys("Q");
    h
}

fn key(version: &str, alias: &str) -> RequestKey {
    RequestKey {
        model: "fraud-classifier".into(),
        version: VersionId::new(version),
        alias: alias.into(),
    }
}

fn verdict(approvals: CheckState, detail: &str) -> PolicyVerdict {
    PolicyVerdict {
        rule: Some("* @production".into()),
        checks: vec![Check {
            kind: CheckKind::Approvals,
            state: approvals,
            detail: detail.into(),
        }],
    }
}

fn last_toast(h: &Harness) -> String {
    h.app
        .toasts
        .items
        .last()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn q_opens_every_request_and_asks_each_checklist() {
    let h = requests_as("bob", "");
    assert_eq!(h.app.route()[0], Layer::Requests);
    let rows = h.app.requests();
    let got: Vec<(String, &str)> = rows
        .iter()
        .map(|r| {
            let state = match r.state {
                RequestState::Open => "open",
                RequestState::Expired => "expired",
                RequestState::Stale(_) => "stale",
            };
            (r.key.describe(), state)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("fraud-classifier v4 → @production".to_owned(), "open"),
            ("fraud-classifier v2 → @production".to_owned(), "expired"),
            ("fraud-classifier v2 → @staging".to_owned(), "stale"),
        ]
    );
    let checked: Vec<String> = h
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Task(Task::CheckPolicy { plan, mover }) => {
                assert_eq!(mover, "bob");
                Some(plan.describe())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        checked,
        vec![
            "production: v3 → v4",
            "production: v3 → v2",
            "staging: v4 → v2"
        ]
    );
}

#[test]
fn approving_asks_a_yes_then_the_runtime_and_a_met_policy_opens_the_move() {
    let mut h = requests_as("bob", "");
    h.effects.clear();
    h.keys("a");
    assert!(h.effects.is_empty(), "nothing is sent before the yes");
    assert_eq!(
        h.app.screen.requests().unwrap().confirm,
        Some((key("4", "production"), Pending::Approve))
    );
    h.press(KeyCode::Enter);
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::ApproveRequest {
            key: key("4", "production"),
            approver: "bob".into(),
        })]
    );
    h.effects.clear();
    h.send(Msg::RequestApproved {
        key: key("4", "production"),
        result: Ok(verdict(CheckState::Met, "2 of 2 approvals (ann, bob)")),
    });
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadModels { .. }))),
        "the view is read again with the new approval"
    );
    let Some(Popup::Change(d)) = h.app.screen.popup() else {
        panic!("the approve dialog opens once the policy is met")
    };
    let Change::Alias(plan) = &d.change else {
        panic!("not an alias move")
    };
    assert_eq!(plan.describe(), "production: v3 → v4");
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::CheckPolicy { .. }))),
        "the dialog's checklist counts the approvals"
    );
}

#[test]
fn an_approval_short_of_the_policy_says_what_is_missing() {
    let mut h = requests_as("bob", "");
    h.keys("a");
    h.press(KeyCode::Enter);
    h.send(Msg::RequestApproved {
        key: key("4", "production"),
        result: Ok(verdict(
            CheckState::Unmet { overridable: false },
            "2 of 3 approvals (ann, bob)",
        )),
    });
    assert!(h.app.screen.popup().is_none());
    assert_eq!(
        last_toast(&h),
        "Approved fraud-classifier v4 → @production; still missing: 2 of 3 approvals (ann, bob)"
    );
}

#[test]
fn self_approval_is_refused_with_the_reason_and_nothing_is_sent() {
    let mut h = requests_as("carol", "");
    h.effects.clear();
    h.keys("a");
    assert!(h.effects.is_empty());
    assert_eq!(h.app.screen.requests().unwrap().confirm, None);
    assert!(
        last_toast(&h).contains("carol asked for this move, and a self-approval never counts"),
        "{}",
        last_toast(&h)
    );
    // The run's author is known to the store only: its refusal is shown as it comes.
    let mut h = requests_as("dana", "");
    h.keys("a");
    h.press(KeyCode::Enter);
    h.send(Msg::RequestApproved {
        key: key("4", "production"),
        result: Err(ChangeError::Policy {
            unmet: vec![CheckKind::Approvals],
            message: "refused by policy: approvals: dana authored the candidate's run".into(),
        }),
    });
    assert!(h.app.screen.popup().is_none());
    assert!(last_toast(&h).contains("dana authored the candidate's run"));
    assert_eq!(
        h.app.screen.requests().unwrap().busy,
        None,
        "the spinner stops"
    );
}

#[test]
fn expired_and_stale_requests_cannot_be_approved() {
    let mut h = requests_as("bob", "");
    h.keys("j");
    h.effects.clear();
    h.keys("a");
    assert!(h.effects.is_empty());
    assert!(last_toast(&h).contains("this request expired"));
    h.keys("j");
    h.keys("a");
    assert!(last_toast(&h).contains("this request is stale (@staging moved"));
}

#[test]
fn only_the_requester_withdraws() {
    let mut h = requests_as("bob", "");
    h.keys("w");
    assert_eq!(
        last_toast(&h),
        "only carol who asked for it may withdraw this request"
    );
    let mut h = requests_as("carol", "");
    h.keys("w");
    // Any key but the yes cancels.
    h.press(KeyCode::Esc);
    assert_eq!(h.app.screen.requests().unwrap().confirm, None);
    assert!(
        h.app.screen.requests().is_some(),
        "esc cancels, the view stays"
    );
    h.keys("w");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.effects.last(),
        Some(&Effect::Task(Task::WithdrawRequest {
            key: key("4", "production"),
            who: "carol".into(),
        }))
    );
    h.effects.clear();
    h.send(Msg::RequestWithdrawn {
        key: key("4", "production"),
        result: Ok(vec![]),
    });
    assert_eq!(
        last_toast(&h),
        "Withdrawn: fraud-classifier v4 → @production"
    );
    assert!(matches!(
        h.effects.as_slice(),
        [Effect::Task(Task::LoadModels { .. })]
    ));
}

#[test]
fn read_only_removes_approve_and_withdraw() {
    let mut h = requests_as("bob", "read_only = true\n");
    assert_eq!(h.app.route()[0], Layer::Requests);
    h.effects.clear();
    h.keys("a");
    h.keys("w");
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty());
    assert_eq!(h.app.screen.requests().unwrap().confirm, None);
    let actions: Vec<_> = h
        .app
        .keymap
        .summary(Layer::Requests)
        .into_iter()
        .map(|hint| hint.action)
        .collect();
    assert!(!actions.contains(&super::super::Action::Approve));
    assert!(!actions.contains(&super::super::Action::Withdraw));
}

#[test]
fn esc_goes_back_to_the_models() {
    let mut h = requests_as("bob", "");
    h.press(KeyCode::Esc);
    assert!(h.app.screen.requests().is_none());
    assert_eq!(h.app.route()[0], Layer::Models);
}

/// Models on fraud-classifier v4 (staging) as Dana, with a policy.
fn on_staging(config: &str) -> Harness {
    let mut h = requests_as("dana", config);
    h.press(KeyCode::Esc);
    h.keys("hjl");
    h.effects.clear();
    h
}

#[test]
fn ctrl_r_asks_a_reason_and_records_the_request() {
    let mut h = on_staging("");
    h.ctrl('r');
    assert_eq!(h.app.route()[0], Layer::Input);
    let Some(Popup::Request(form)) = h.app.screen.popup() else {
        panic!("no request form")
    };
    assert_eq!(form.key, key("4", "production"));
    h.press(KeyCode::Enter);
    let Some(Popup::Request(form)) = h.app.screen.popup() else {
        panic!("an empty reason keeps the form open")
    };
    assert_eq!(form.error.as_deref(), Some("say why the move is wanted"));
    assert!(h.effects.is_empty());
    h.keys("recall is up");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::MakeRequest {
            key: key("4", "production"),
            requester: "dana".into(),
            reason: "recall is up".into(),
        })]
    );
    h.effects.clear();
    h.send(Msg::RequestMade {
        key: key("4", "production"),
        result: Ok(verdict(
            CheckState::Unmet { overridable: false },
            "0 of 2 approvals",
        )),
    });
    assert_eq!(
        last_toast(&h),
        "Requested fraud-classifier v4 → @production; missing: 0 of 2 approvals"
    );
    assert!(matches!(
        h.effects.as_slice(),
        [Effect::Task(Task::LoadModels { .. })]
    ));
}

#[test]
fn production_itself_is_not_requested_and_read_only_asks_nothing() {
    let mut h = on_staging("");
    h.keys("j");
    h.ctrl('r');
    assert!(h.app.screen.popup().is_none());
    assert_eq!(last_toast(&h), "v3 already holds @production");
    let mut h = on_staging("read_only = true\n");
    h.ctrl('r');
    assert!(h.app.screen.popup().is_none());
    assert!(h.effects.is_empty());
}

#[test]
fn a_reload_without_the_selected_request_keeps_the_selection_on_a_row() {
    let mut h = requests_as("bob", "");
    h.keys("G");
    assert_eq!(h.app.screen.requests().unwrap().cursor.selected, 2);
    let mut models = models_with_requests();
    for m in &mut models {
        for v in &mut m.versions {
            v.tags.retain(|k, _| !k.ends_with(".staging"));
        }
    }
    let t = h.app.load_models();
    let ticket = match t.as_slice() {
        [Effect::Task(Task::LoadModels { ticket })] => *ticket,
        other => panic!("{other:?}"),
    };
    h.effects.clear();
    h.send(Msg::ModelsLoaded {
        ticket,
        result: Ok(models),
    });
    assert_eq!(h.app.requests().len(), 2);
    assert_eq!(h.app.screen.requests().unwrap().cursor.selected, 1);
    let rechecked = h
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::Task(Task::CheckPolicy { .. })))
        .count();
    assert_eq!(rechecked, 2, "the checklists are asked again");
}

//! The approve dialog under a promotion policy: the checklist is asked for when the dialog
//! opens, a refused move cannot be confirmed, and a freeze alone is passed by a reason.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use super::super::change::{Field, PolicyGate};
use super::super::fixtures::Harness;
use super::super::loadable::Loadable;
use super::super::{Effect, Msg, Task};
use crate::domain::change::ChangeError;
use crate::domain::policy::{Check, CheckKind, CheckState, Override, PolicyVerdict};
use crate::domain::promotion::{AliasPlan, Change, ChangeKind};

/// The Models tab on fraud-classifier v4 (staging), as Carol, with or without a policy.
fn on_staging(policy: bool) -> Harness {
    let mut h = Harness::loaded();
    h.app.options.policy = policy;
    h.app.identity = "carol".into();
    h.keys("2hjl");
    h
}

fn plan(h: &Harness) -> AliasPlan {
    match &h.dialog().change {
        Change::Alias(p) => p.clone(),
        Change::Baseline(_) => panic!("not an alias move"),
    }
}

fn check(kind: CheckKind, state: CheckState, detail: &str) -> Check {
    Check {
        kind,
        state,
        detail: detail.into(),
    }
}

fn verdict(checks: Vec<Check>) -> PolicyVerdict {
    PolicyVerdict {
        rule: Some("* @production".into()),
        checks,
    }
}

fn refused() -> PolicyVerdict {
    verdict(vec![
        check(
            CheckKind::Mover,
            CheckState::Unmet { overridable: false },
            "carol may request this move but not make it",
        ),
        check(CheckKind::Approvals, CheckState::Met, "no approval needed"),
    ])
}

fn frozen() -> PolicyVerdict {
    verdict(vec![
        check(CheckKind::Mover, CheckState::Met, "carol may move it"),
        check(
            CheckKind::CriticalAlert,
            CheckState::Unmet { overridable: true },
            "critical alert 'auc-drop' fires",
        ),
    ])
}

/// Opens the dialog, answers the policy check with `result`, types the model's name.
fn answered(result: Result<Option<PolicyVerdict>, ChangeError>) -> Harness {
    let mut h = on_staging(true);
    h.keys("a");
    let plan = plan(&h);
    h.send(Msg::PolicyChecked { plan, result });
    h.keys("fraud-classifier");
    h
}

#[test]
fn without_a_policy_the_dialog_asks_nothing_and_stays_as_it_was() {
    let mut h = on_staging(false);
    h.keys("a");
    assert_eq!(h.dialog().policy, Loadable::Idle);
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::CheckPolicy { .. }))),
        "{:?}",
        h.effects
    );
    assert_eq!(h.dialog().policy_gate(), PolicyGate::Open);
}

#[test]
fn with_a_policy_the_checklist_is_asked_for_and_confirming_waits_for_it() {
    let mut h = on_staging(true);
    h.keys("a");
    let plan = plan(&h);
    assert!(h.effects.contains(&Effect::Task(Task::CheckPolicy {
        plan,
        mover: "carol".into()
    })));
    assert_eq!(h.dialog().policy, Loadable::Loading);
    assert!(
        h.dialog()
            .hints(&h.app)
            .iter()
            .all(|k| k.desc != "confirms"),
        "confirming is not offered before the policy answers"
    );
    h.keys("fraud-classifier");
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
}

#[test]
fn a_move_the_policy_refuses_is_not_offered_and_says_what_is_missing() {
    let mut h = answered(Ok(Some(refused())));
    assert_eq!(
        h.dialog().policy_gate(),
        PolicyGate::Refused(
            "Refused by policy (who may move): this move cannot be confirmed here; ask for it \
             with `clearance request`"
                .into()
        )
    );
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    assert!(
        h.dialog()
            .hints(&h.app)
            .iter()
            .all(|k| k.desc != "confirms")
    );
    // Typing a reason is no way around it.
    h.app.update(Msg::Action(crate::app::Action::PrevField));
    h.keys("urgent");
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
}

#[test]
fn a_freeze_alone_is_passed_by_a_reason_recorded_as_the_override() {
    let mut h = answered(Ok(Some(frozen())));
    assert_eq!(h.dialog().policy_gate(), PolicyGate::Frozen);
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "a freeze needs a reason first");
    assert_eq!(h.dialog().focus, Field::Reason);
    assert!(
        h.dialog()
            .hint
            .as_deref()
            .unwrap()
            .starts_with("A freeze holds")
    );
    h.keys("fix for incident 42");
    h.press(KeyCode::Enter);
    let [
        Effect::Task(Task::ApplyChange {
            approval,
            policy_override,
            ..
        }),
    ] = h.effects.as_slice()
    else {
        panic!("{:?}", h.effects)
    };
    assert_eq!(
        policy_override,
        &Some(Override {
            reason: "fix for incident 42".into(),
            second: None
        })
    );
    assert_eq!(approval.reason.as_deref(), Some("fix for incident 42"));
}

#[test]
fn a_freeze_whose_override_needs_a_second_person_is_not_offered_here() {
    let mut h = on_staging(true);
    h.app.options.override_needs_second = true;
    h.keys("a");
    let plan = plan(&h);
    h.send(Msg::PolicyChecked {
        plan,
        result: Ok(Some(frozen())),
    });
    assert!(
        matches!(h.dialog().policy_gate(), PolicyGate::Refused(m) if m.contains("--override-second"))
    );
    h.keys("fraud-classifier");
    h.app
        .update(crate::app::Msg::Action(crate::app::Action::PrevField));
    h.keys("hotfix");
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
}

#[test]
fn an_allowed_move_or_one_no_rule_governs_confirms_as_before() {
    let allowed = verdict(vec![check(CheckKind::Mover, CheckState::Met, "ok")]);
    for result in [Ok(Some(allowed)), Ok(None)] {
        let mut h = answered(result);
        h.press(KeyCode::Enter);
        assert!(
            matches!(
                h.effects.as_slice(),
                [Effect::Task(Task::ApplyChange {
                    policy_override: None,
                    ..
                })]
            ),
            "{:?}",
            h.effects
        );
    }
}

#[test]
fn a_policy_that_cannot_be_judged_holds_the_move() {
    let mut h = answered(Err(ChangeError::Failed(
        "alerts could not be evaluated".into(),
    )));
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    assert!(
        matches!(h.dialog().policy_gate(), PolicyGate::Refused(m) if m.contains("alerts could not"))
    );
}

#[test]
fn an_answer_for_another_move_is_dropped() {
    let mut h = on_staging(true);
    h.keys("a");
    let mut other = plan(&h);
    other.to = "9".into();
    h.send(Msg::PolicyChecked {
        plan: other,
        result: Ok(Some(refused())),
    });
    assert_eq!(h.dialog().policy, Loadable::Loading);
}

#[test]
fn a_rollback_asks_for_its_checklist_as_a_rollback() {
    let mut h = on_staging(true);
    h.keys("R");
    let plan = AliasPlan {
        kind: ChangeKind::Rollback,
        model: "fraud-classifier".into(),
        alias: "production".into(),
        from: Some("3".into()),
        to: "2".into(),
        candidate_alias: None,
    };
    h.send(Msg::RollbackPlanned {
        result: Ok(plan.clone()),
    });
    assert!(h.effects.contains(&Effect::Task(Task::CheckPolicy {
        plan,
        mover: "carol".into()
    })));
}

#[test]
fn loaded_models_ask_which_aliases_moved_outside_and_a_stale_answer_is_dropped() {
    let mut h = Harness::new();
    h.keys("2");
    let fx = h.app.refresh();
    let [Effect::Task(Task::LoadModels { ticket })] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let ticket = *ticket;
    h.send(Msg::ModelsLoaded {
        ticket,
        result: Ok(crate::app::fixtures::models()),
    });
    assert!(
        h.effects.contains(&Effect::Task(Task::LoadOutsideMoves {
            ticket,
            models: crate::app::fixtures::models()
        })),
        "{:?}",
        h.effects
    );
    let outside: std::collections::BTreeMap<String, Vec<String>> =
        [("fraud-classifier".to_owned(), vec!["production".to_owned()])].into();
    // An answer for an older listing is dropped.
    h.send(Msg::OutsideMoves {
        ticket: crate::app::Ticket(ticket.0 - 1),
        result: Ok(outside.clone()),
    });
    assert!(!h.app.models.moved_outside("fraud-classifier", "production"));
    h.send(Msg::OutsideMoves {
        ticket,
        result: Ok(outside),
    });
    assert!(h.app.models.moved_outside("fraud-classifier", "production"));
    assert!(!h.app.models.moved_outside("fraud-classifier", "staging"));
}

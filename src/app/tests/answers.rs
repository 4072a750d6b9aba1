//! Acknowledging and silencing alerts from the Alerts tab: the dialogs, what they record, the
//! tab's order and counts after, taking back, expiry, and read-only mode.

use chrono::Duration;
use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use super::super::answer::AnswerField;
use super::super::change::Phase;
use super::{Effect, Harness, Msg, Task, notify};
use crate::app::fixtures::alert_report;
use crate::app::popup::Popup;
use crate::config::keymap::Layer;
use crate::domain::alert::{Ack, AckKind, Severity};
use crate::domain::change::ChangeError;

const CONFIG: &str = "user = \"Dana Ops\"\n[[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\n\
                      [monitoring]\nexperiments = [\"fraud-monitoring\"]\nrefresh_secs = 60\n";

/// The Alerts tab with the fixture's report (`psi_amount` critical and `live_recall` warning
/// firing, `psi_merchant_category` resolved), the first alert selected.
fn on_alerts(read_only: bool) -> Harness {
    let mut h = Harness::loaded();
    let configured = Harness::with_config(CONFIG).app;
    h.app.options = configured.options;
    h.app.identity = "Dana Ops".into();
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

fn dialog(h: &Harness) -> &super::super::answer::AnswerDialog {
    match h.app.screen.popup() {
        Some(Popup::Answer(d)) => d,
        other => panic!("no answer dialog: {other:?}"),
    }
}

fn recorded(h: &Harness) -> Ack {
    match h.effects.as_slice() {
        [Effect::Task(Task::RecordAck { ack })] => ack.clone(),
        other => panic!("nothing recorded: {other:?}"),
    }
}

fn metrics(h: &Harness) -> Vec<String> {
    h.app
        .alerts
        .report
        .loaded()
        .unwrap()
        .alerts
        .iter()
        .map(|a| a.series.metric.clone())
        .collect()
}

fn answered(h: &mut Harness, ack: &Ack, taken_back: bool) {
    h.send(Msg::AlertAnswered {
        ack: ack.clone(),
        taken_back,
        result: Ok("the model's tag clearance.ack.x".into()),
    });
}

#[test]
fn a_acknowledges_with_a_reason_and_the_alert_moves_below_the_unanswered() {
    let mut h = on_alerts(false);
    assert_eq!(metrics(&h)[0], "psi_amount");
    h.keys("a");
    assert_eq!(
        (dialog(&h).kind, dialog(&h).focus),
        (Some(AckKind::Acknowledged), AnswerField::Reason)
    );
    h.press(KeyCode::Enter);
    assert_eq!(
        dialog(&h).hint.as_deref(),
        Some("Give a reason: it is recorded with your name")
    );
    assert!(h.effects.is_empty(), "nothing without a reason");
    // Typing goes to the field, even keys the tab binds (s, u, a).
    h.keys("sua");
    assert_eq!(dialog(&h).reason.text, "sua");
    h.ctrl('u');
    h.keys("on it");
    h.press(KeyCode::Enter);
    let ack = recorded(&h);
    assert_eq!(
        (
            ack.kind,
            ack.by.as_str(),
            ack.at,
            ack.reason.as_str(),
            ack.until,
            ack.model.as_str(),
            ack.metric.as_str(),
            ack.version.as_deref(),
        ),
        (
            AckKind::Acknowledged,
            "Dana Ops",
            h.app.now,
            "on it",
            None,
            "fraud-classifier",
            "psi_amount",
            Some("3"),
        )
    );
    assert_eq!(dialog(&h).phase, Phase::Working);
    h.press(KeyCode::Esc);
    assert!(
        h.app.screen.popup().is_some(),
        "sent: it waits for the answer"
    );
    answered(&mut h, &ack, false);
    assert!(h.app.screen.popup().is_none());
    assert_eq!(
        metrics(&h),
        ["live_recall", "psi_amount", "psi_merchant_category"],
        "answered below unanswered, above the resolved"
    );
    let a = h.app.alerts.selected().unwrap();
    assert_eq!(
        (a.series.metric.as_str(), a.ack.as_ref()),
        ("psi_amount", Some(&ack)),
        "the selection follows the alert"
    );
    assert_eq!(
        h.app.toasts.items.last().unwrap().text,
        "Acknowledged psi_amount of fraud-classifier (kept in the model's tag clearance.ack.x)"
    );
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadAlerts { .. }))),
        "the alerts are read again"
    );
    assert_eq!(
        h.app.alerts.badge(h.app.now),
        Some((2, Severity::Critical)),
        "an acknowledged alert still counts"
    );
}

#[test]
fn s_silences_for_a_preset_or_typed_duration_and_expired_silences_count_again() {
    let mut h = on_alerts(false);
    h.keys("s");
    assert_eq!(
        (dialog(&h).duration.text.as_str(), dialog(&h).focus),
        ("4h", AnswerField::Duration)
    );
    h.press(KeyCode::Down);
    assert_eq!(dialog(&h).duration.text, "1d");
    h.press(KeyCode::Down);
    assert_eq!(dialog(&h).duration.text, "1h");
    h.press(KeyCode::Up);
    assert_eq!(dialog(&h).duration.text, "1d");
    h.ctrl('u');
    h.keys("soon");
    h.press(KeyCode::Tab);
    assert_eq!(dialog(&h).focus, AnswerField::Reason);
    h.keys("deploy");
    h.press(KeyCode::Enter);
    assert!(
        dialog(&h)
            .hint
            .as_deref()
            .unwrap()
            .contains("'soon' is not a duration"),
        "{:?}",
        dialog(&h).hint
    );
    h.press(KeyCode::BackTab);
    h.ctrl('u');
    h.keys("90m");
    h.press(KeyCode::Enter);
    let ack = recorded(&h);
    assert_eq!(
        (ack.kind, ack.until, ack.reason.as_str()),
        (
            AckKind::Silenced,
            Some(h.app.now + Duration::minutes(90)),
            "deploy"
        )
    );
    answered(&mut h, &ack, false);
    assert_eq!(
        h.app.toasts.items.last().unwrap().text,
        "Silenced psi_amount of fraud-classifier for 1h 30m (kept in the model's tag clearance.ack.x)"
    );
    assert_eq!(
        h.app.alerts.badge(h.app.now),
        Some((1, Severity::Warning)),
        "a silenced alert does not count"
    );
    // The clock moves past the silence's end: it counts again.
    let later = h.app.now + Duration::minutes(91);
    h.app.update_at(later, Msg::Tick);
    assert_eq!(h.app.alerts.badge(later), Some((2, Severity::Critical)));
    assert!(!h.app.available(crate::app::Action::Unacknowledge));
}

#[test]
fn the_same_key_again_or_u_takes_it_back() {
    let mut h = on_alerts(false);
    h.keys("a");
    h.keys("x");
    h.press(KeyCode::Enter);
    let ack = recorded(&h);
    answered(&mut h, &ack, false);
    // The acknowledged alert is still selected: `a` again offers to take it back.
    h.keys("a");
    assert_eq!(dialog(&h).kind, None);
    h.press(KeyCode::Esc);
    assert!(h.app.screen.popup().is_none());
    h.keys("u");
    assert_eq!(dialog(&h).kind, None);
    h.keys("zz");
    assert!(h.effects.is_empty(), "no fields to type in");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::WithdrawAck { ack: ack.clone() })]
    );
    answered(&mut h, &ack, true);
    assert_eq!(metrics(&h)[0], "psi_amount", "unanswered again, first");
    assert_eq!(h.app.alerts.selected().unwrap().ack, None);
    assert_eq!(
        h.app.toasts.items.last().unwrap().text,
        "Taken back: psi_amount of fraud-classifier is no longer acknowledged"
    );
    // `u` on an alert nobody answered says so.
    h.keys("u");
    assert!(h.app.screen.popup().is_none());
    assert_eq!(
        h.app.toasts.items.last().unwrap().text,
        "This alert is neither acknowledged nor silenced"
    );
}

#[test]
fn a_failure_stays_in_the_dialog() {
    let mut h = on_alerts(false);
    h.keys("a");
    h.keys("x");
    h.press(KeyCode::Enter);
    let ack = recorded(&h);
    h.send(Msg::AlertAnswered {
        ack,
        taken_back: false,
        result: Err(ChangeError::Failed(
            "could not record it on 'fraud-classifier': MLflow at URL answered HTTP 500".into(),
        )),
    });
    assert!(matches!(
        &dialog(&h).phase,
        Phase::Finished(notify::Level::Error, m) if m.contains("HTTP 500")
    ));
    assert_eq!(h.app.alerts.selected().unwrap().ack, None);
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
}

#[test]
fn read_only_has_no_answers_anywhere() {
    let mut h = on_alerts(true);
    h.keys("asu");
    assert!(h.app.screen.popup().is_none() && h.effects.is_empty());
    let alerts = h.app.keymap.summary(Layer::Alerts);
    assert!(
        alerts.iter().all(|b| !matches!(
            b.action,
            crate::app::Action::Acknowledge
                | crate::app::Action::Silence
                | crate::app::Action::Unacknowledge
        )),
        "{alerts:?}"
    );
    // Nor through a direct action (the palette runs actions by name).
    for a in [
        crate::app::Action::Acknowledge,
        crate::app::Action::Silence,
        crate::app::Action::Unacknowledge,
    ] {
        assert!(!h.app.available(a));
        h.send(Msg::Action(a));
        assert!(h.app.screen.popup().is_none());
    }
    // With writes allowed, the keys are listed for the tab.
    let h = on_alerts(false);
    assert!(h.app.available(crate::app::Action::Acknowledge));
}

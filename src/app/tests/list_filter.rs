//! `/` on Models and Changes: the list narrows by the palette's fuzzy match, the filter line
//! shows the current filter, esc clears it.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use crate::app::fixtures::{Harness, pull_requests};
use crate::app::models::Focus;
use crate::app::popup::Popup;
use crate::app::{Effect, Msg, Task};

fn names(h: &Harness) -> Vec<String> {
    h.app
        .models
        .shown()
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

#[test]
fn slash_narrows_the_models_and_esc_clears() {
    let mut h = Harness::loaded();
    h.keys("2");
    assert_eq!(names(&h), ["churn-model", "fraud-classifier"]);
    h.keys("/");
    assert!(matches!(h.app.screen.popup(), Some(Popup::Filter(_))));
    h.keys("frd");
    // Typing goes to the line: nothing narrows until enter.
    assert_eq!(names(&h).len(), 2);
    h.press(KeyCode::Enter);
    assert_eq!(h.app.models.filter, "frd");
    assert_eq!(names(&h), ["fraud-classifier"]);
    assert_eq!(h.app.models.focus, Focus::Models);
    assert_eq!(
        h.app.models.selected_model().map(|m| m.name.as_str()),
        Some("fraud-classifier")
    );
    // j stays within what is shown.
    h.keys("j");
    assert_eq!(h.app.models.model_cursor.selected, 0);
    // The line opens again on the filter, to edit it.
    h.keys("/");
    match h.app.screen.popup() {
        Some(Popup::Filter(input)) => assert_eq!(input.text, "frd"),
        other => panic!("{other:?}"),
    }
    h.press(KeyCode::Esc);
    assert_eq!(
        h.app.models.filter, "frd",
        "esc in the line cancels the edit"
    );
    h.press(KeyCode::Esc);
    assert_eq!(h.app.models.filter, "");
    assert_eq!(names(&h).len(), 2);
    assert_eq!(
        h.app.models.selected_model().map(|m| m.name.as_str()),
        Some("fraud-classifier"),
        "clearing keeps the selection"
    );
}

#[test]
fn a_filter_that_matches_nothing_selects_nothing() {
    let mut h = Harness::loaded();
    h.keys("2/zzz");
    h.press(KeyCode::Enter);
    assert!(names(&h).is_empty());
    assert_eq!(h.app.models.selected_model(), None);
    h.keys("jl");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
}

#[test]
fn going_to_a_model_clears_the_filter_that_hides_it() {
    let mut h = Harness::loaded();
    h.keys("2/churn");
    h.press(KeyCode::Enter);
    assert_eq!(names(&h), ["churn-model"]);
    // The palette's "go to model" names a model of the whole list.
    h.keys(":fraud-cl");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.models.filter, "");
    assert_eq!(
        h.app.models.selected_model().map(|m| m.name.as_str()),
        Some("fraud-classifier")
    );
}

#[test]
fn slash_narrows_the_changes_by_title_author_or_number() {
    let mut h = Harness::loaded();
    h.github("");
    h.keys("4");
    let ticket = h.ticket(|e| match e {
        Effect::Task(Task::LoadPrs { ticket }) => Some(*ticket),
        _ => None,
    });
    h.send(Msg::PrsLoaded {
        ticket,
        result: Ok(pull_requests()),
    });
    let numbers =
        |h: &Harness| -> Vec<u64> { h.app.prs.shown().iter().map(|p| p.number).collect() };
    assert_eq!(numbers(&h), [42, 41]);
    h.keys("/backfill");
    h.press(KeyCode::Enter);
    assert_eq!(numbers(&h), [41]);
    assert_eq!(h.app.prs.selected().map(|p| p.number), Some(41));
    h.press(KeyCode::Esc);
    assert_eq!(numbers(&h), [42, 41]);
}

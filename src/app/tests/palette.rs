//! `:`: the command palette lists what works where the user is, with the keymap's keys, and
//! runs an entry as its key would.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use crate::app::fixtures::Harness;
use crate::app::palette::Target;
use crate::app::popup::Popup;
use crate::app::{Action, Effect, Tab, Task};

fn palette(h: &Harness) -> Vec<(String, String)> {
    match h.app.screen.popup() {
        Some(Popup::Palette(p)) => p
            .visible()
            .into_iter()
            .map(|e| (e.label.clone(), e.keys.clone()))
            .collect(),
        other => panic!("no palette: {other:?}"),
    }
}

#[test]
fn lists_the_actions_available_here_with_their_keys_then_go_to_entries() {
    let mut h = Harness::loaded();
    h.keys("2:");
    let all = palette(&h);
    let has = |label: &str, keys: &str| all.contains(&(label.to_owned(), keys.to_owned()));
    assert!(has("Roll back production", "R"), "{all:?}");
    assert!(has("Approve for production", "a"), "{all:?}");
    assert!(has("Go to model fraud-classifier", ""), "{all:?}");
    assert!(
        all.iter().any(|(l, _)| l.starts_with("Go to experiment ")),
        "{all:?}"
    );
    assert!(
        !all.iter().any(|(l, _)| l == "Command palette"),
        "the palette does not list itself"
    );
    // On Runs, approving does nothing: it is not offered.
    let mut h = Harness::loaded();
    h.keys(":");
    assert!(
        !palette(&h)
            .iter()
            .any(|(l, _)| l == "Approve for production"),
        "{:?}",
        palette(&h)
    );
}

#[test]
fn keys_come_from_the_keymap_as_configured() {
    let mut h = Harness::loaded();
    h.app.keymap = Harness::with_config(
        "[keymap]\nmodels = [{ on = \"X\", run = \"rollback\", desc = \"Undo production\" }]\n",
    )
    .app
    .keymap;
    h.keys("2:");
    assert!(
        palette(&h).contains(&("Undo production".into(), "X R".into())),
        "{:?}",
        palette(&h)
    );
}

#[test]
fn typing_narrows_and_enter_runs_the_entry_like_its_key() {
    let mut h = Harness::loaded();
    h.keys("2:rollback");
    assert_eq!(palette(&h)[0].0, "Roll back production");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
    // What R does: plan a rollback of the selected model.
    let selected = h.app.models.selected_model().unwrap().name.clone();
    assert!(
        h.effects.iter().any(
            |e| matches!(e, Effect::Task(Task::PlanRollback { model, .. }) if *model == selected)
        ),
        "{:?}",
        h.effects
    );
}

#[test]
fn go_to_a_model_by_name() {
    let mut h = Harness::loaded();
    h.keys(":model churn");
    assert_eq!(palette(&h)[0].0, "Go to model churn-model");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.tab, Tab::Models);
    assert_eq!(
        h.app.models.selected_model().map(|m| m.name.as_str()),
        Some("churn-model")
    );
}

#[test]
fn arrows_move_esc_closes_and_nothing_matching_runs_nothing() {
    let mut h = Harness::loaded();
    h.keys(":");
    h.press(KeyCode::Down);
    let second = match h.app.screen.popup() {
        Some(Popup::Palette(p)) => p.visible()[p.cursor.selected].target.clone(),
        _ => panic!(),
    };
    assert_ne!(second, Target::Action(Action::Palette));
    h.press(KeyCode::Esc);
    assert!(h.app.screen.popup().is_none());
    h.keys(":zzzzqq");
    assert!(palette(&h).is_empty());
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
    assert_eq!(h.app.tab, Tab::Runs);
}

//! What the runtime tells the app about where it runs: who approves, which repository, which
//! store. All of it arrives as messages; the runtime writes no field of the app.

use crossterm::event::KeyCode;

use crate::app::fixtures::Harness;
use crate::app::view::Top;
use crate::app::{Action, Effect, LoopEffect, Msg, StoreOpened, Task};
use crate::config::Config;
use crate::config::keymap::Layer;

fn demo_config() -> Config {
    let mut config = Config::defaults();
    crate::demo::add_rules(&mut config).unwrap();
    config
}

fn opened(demo: bool, read_only_reason: Option<&str>, config: Option<Config>) -> Msg {
    Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow store (demo)".into(),
        read_only_reason: read_only_reason.map(str::to_owned),
        demo,
        config,
        remembered: Vec::new(),
    }))
}

#[test]
fn identity_is_who_approvals_are_recorded_as() {
    let mut h = Harness::loaded();
    h.send(Msg::Identity("Ann <ann@example.com>".into()));
    assert_eq!(h.app.identity, "Ann <ann@example.com>");
    assert!(h.effects.is_empty());
}

#[test]
fn a_linked_repository_turns_the_prs_tab_on() {
    let mut h = Harness::new();
    h.send(Msg::RepoLinked(None));
    h.keys("4");
    assert!(h.effects.is_empty(), "no repository: nothing to ask GitHub");
    let mut h = Harness::new();
    h.send(Msg::RepoLinked(Some("acme/models".into())));
    assert_eq!(h.app.options.github_repo.as_deref(), Some("acme/models"));
    h.keys("4");
    assert!(matches!(
        h.effects[..],
        [Effect::Task(Task::LoadPrs { .. })]
    ));
}

#[test]
fn a_store_opened_at_start_fetches_the_first_screen() {
    let mut h = Harness::new();
    h.send(opened(false, None, None));
    assert_eq!(h.app.backend_label, "MLflow store (demo)");
    assert!(matches!(
        h.effects[..],
        [Effect::Task(Task::LoadExperiments { newest: true, .. })]
    ));
}

#[test]
fn a_store_that_cannot_be_written_removes_the_changing_keys() {
    let mut h = Harness::new();
    h.send(opened(false, Some("unknown schema revision"), None));
    assert!(h.app.options.read_only);
    assert_eq!(
        h.app.read_only_reason.as_deref(),
        Some("unknown schema revision")
    );
    assert!(
        Layer::ALL
            .iter()
            .all(|l| h.app.keymap.keys_for(&[*l], Action::Approve).is_none())
    );
}

#[test]
fn the_start_screen_opens_the_demo_with_its_own_rules_and_without_github() {
    let mut h = Harness::new();
    h.send(Msg::RepoLinked(Some("acme/models".into())));
    h.send(Msg::NoStore {
        reason: "no tracking store".into(),
    });
    assert!(matches!(h.app.top(), Top::Start(r) if r == "no tracking store"));
    h.press(KeyCode::Char('d'));
    assert_eq!(h.effects, vec![Effect::Loop(LoopEffect::OpenDemo)]);
    assert!(!h.app.options.alerts_configured);
    h.send(opened(true, None, Some(demo_config())));
    assert!(
        matches!(h.app.top(), Top::Runs),
        "the tabs replace the start screen"
    );
    h.answer_first_rows();
    // The demo's rules came with it: its alerts are evaluated from the start.
    assert!(h.app.options.alerts_configured);
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadAlerts { .. })))
    );
    // A demo model must never end up in a pull request on the team's repository.
    assert_eq!(h.app.options.github_repo, None);
    assert!(
        h.app
            .options
            .github_note
            .as_deref()
            .is_some_and(|n| n.contains("acme/models"))
    );
}

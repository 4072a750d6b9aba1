//! The PRs tab and promotion by pull request from the approve dialog.

use crossterm::event::KeyCode;
use pretty_assertions::assert_eq;

use crate::app::change::Phase;
use crate::app::fixtures::{Harness, pull_requests};
use crate::app::notify::Level;
use crate::app::{Effect, LoopEffect, Msg, Tab, Task, Ticket};
use crate::config::PromoteVia;
use crate::domain::VersionId;
use crate::domain::change::ChangeError;
use crate::domain::pull_request::PromotionPr;

/// A loaded app whose config names a GitHub repository (plus `extra`).
fn with_github(extra: &str) -> Harness {
    let mut h = Harness::loaded();
    h.github(extra);
    h.app.identity = "Ann <ann@example.com>".into();
    h
}

fn prs_ticket(h: &Harness) -> Ticket {
    h.ticket(|e| match e {
        Effect::Task(Task::LoadPrs { ticket }) => Some(*ticket),
        _ => None,
    })
}

/// On the PRs tab with the fixture PRs loaded.
fn on_prs() -> Harness {
    let mut h = with_github("");
    h.keys("4");
    assert_eq!(h.app.tab, Tab::Prs);
    let t = prs_ticket(&h);
    h.send(Msg::PrsLoaded {
        ticket: t,
        result: Ok(pull_requests()),
    });
    h
}

#[test]
fn without_a_repository_nothing_asks_github() {
    let mut h = Harness::new();
    h.start_through_first_rows();
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
    h.keys("4");
    assert_eq!(h.app.tab, Tab::Prs);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    h.keys("r");
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
}

#[test]
fn prs_load_at_start_and_the_cursor_opens_and_copies_them() {
    let mut h = Harness::new();
    h.github("");
    h.start_through_first_rows();
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
    let mut h = on_prs();
    assert_eq!(h.app.prs.prs.loaded().unwrap().len(), 2);
    h.keys("o");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::OpenUrl(
            "https://github.com/acme/models/pull/42".into()
        ))]
    );
    h.keys("j");
    h.keys("o");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::OpenUrl(
            "https://github.com/acme/models/pull/41".into()
        ))]
    );
    h.keys("y");
    assert_eq!(
        h.effects,
        vec![Effect::Loop(LoopEffect::CopyText(
            "https://github.com/acme/models/pull/41".into()
        ))]
    );
    h.keys("j");
    assert_eq!(h.app.prs.cursor.selected, 1, "the cursor stops at the end");
}

#[test]
fn stale_answers_are_dropped_and_failures_keep_the_last_list() {
    let mut h = on_prs();
    h.keys("r");
    let fresh = prs_ticket(&h);
    assert!(
        h.app.prs.prs.loaded().is_some(),
        "the list stays while reloading"
    );
    h.send(Msg::PrsLoaded {
        ticket: Ticket(fresh.0 - 1),
        result: Ok(Vec::new()),
    });
    assert_eq!(
        h.app.prs.prs.loaded().unwrap().len(),
        2,
        "stale answer dropped"
    );
    h.send(Msg::PrsLoaded {
        ticket: fresh,
        result: Err("GitHub rate limit reached; it resets at 12:30".into()),
    });
    assert_eq!(h.app.prs.prs.loaded().unwrap().len(), 2);
    let toast = h.app.toasts.items.last().unwrap();
    assert_eq!(toast.level, Level::Error);
    assert!(toast.text.contains("rate limit"), "{}", toast.text);
}

#[test]
fn a_first_failure_shows_in_the_tab() {
    let mut h = with_github("");
    h.keys("4");
    let t = prs_ticket(&h);
    h.send(Msg::PrsLoaded {
        ticket: t,
        result: Err("401 Bad credentials".into()),
    });
    assert!(
        matches!(&*h.app.prs.prs, crate::app::loadable::Loadable::Failed(e) if e == "401 Bad credentials")
    );
}

#[test]
fn prs_refresh_on_their_own_period() {
    let mut h = on_prs();
    h.app.now += chrono::Duration::seconds(60);
    h.send(Msg::Tick);
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
    h.app.now += chrono::Duration::seconds(61);
    h.send(Msg::Tick);
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
}

#[test]
fn models_know_which_version_a_pr_pins() {
    let h = on_prs();
    let pr = h
        .app
        .prs
        .promotion_for("fraud-classifier", &VersionId::from("4"))
        .unwrap();
    assert_eq!(pr.number, 42);
    assert!(
        h.app
            .prs
            .promotion_for("fraud-classifier", &VersionId::from("3"))
            .is_none()
    );
}

/// The Models tab, fraud-classifier v4 selected, the approve dialog open.
fn approving(extra: &str) -> Harness {
    let mut h = with_github(extra);
    h.keys("2hjl");
    assert_eq!(
        h.app.models.selected_version().unwrap().version.as_str(),
        "4"
    );
    h.keys("a");
    h
}

#[test]
fn a_model_configured_for_prs_opens_one_when_confirmed() {
    let mut h = approving("[promotion]\nvia_model = { fraud-classifier = \"pr\" }\n");
    let d = h.dialog();
    assert_eq!(d.via, PromoteVia::Pr);
    let t = d.pr_target.as_ref().unwrap();
    assert_eq!(
        (t.repo.as_str(), t.file.as_str(), t.branch.as_str()),
        (
            "acme/models",
            "deploy/models.toml",
            "clearance/promote/fraud-classifier/v4"
        )
    );
    h.keys("fraud-classifier");
    h.press(KeyCode::Enter);
    let [Effect::Task(Task::OpenPromotionPr { plan, approval })] = h.effects.as_slice() else {
        panic!("{:?}", h.effects)
    };
    assert_eq!(plan.describe(), "production: v3 → v4");
    assert_eq!(approval.by, "Ann <ann@example.com>");
    assert_eq!(h.dialog().phase, Phase::Working);

    h.send(Msg::PrOpened {
        result: Ok(PromotionPr {
            number: 42,
            url: "https://github.com/acme/models/pull/42".into(),
            branch: "clearance/promote/fraud-classifier/v4".into(),
            base: "main".into(),
            branch_created: true,
            file_committed: true,
            pr_created: true,
            steps: vec![],
        }),
    });
    let Phase::Finished(Level::Info, text) = &h.dialog().phase else {
        panic!("{:?}", h.dialog().phase)
    };
    assert!(text.contains("#42 opened"), "{text}");
    assert!(
        text.contains("https://github.com/acme/models/pull/42"),
        "{text}"
    );
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. }))),
        "the PRs refresh to show it"
    );
}

#[test]
fn ctrl_p_switches_between_direct_and_pr() {
    let mut h = approving("");
    assert_eq!(h.dialog().via, PromoteVia::Direct);
    h.ctrl('p');
    assert_eq!(h.dialog().via, PromoteVia::Pr);
    h.ctrl('p');
    assert_eq!(h.dialog().via, PromoteVia::Direct);
    h.keys("fraud-classifier");
    h.press(KeyCode::Enter);
    assert!(
        matches!(
            h.effects.as_slice(),
            [Effect::Task(Task::ApplyChange { .. })]
        ),
        "{:?}",
        h.effects
    );
}

#[test]
fn without_a_repository_ctrl_p_says_how_to_get_one() {
    let mut h = Harness::loaded();
    h.keys("2hjla");
    h.ctrl('p');
    let d = h.dialog();
    assert_eq!(d.via, PromoteVia::Direct);
    assert!(d.hint.as_deref().unwrap().contains("github.repo"));
}

#[test]
fn refusals_and_failures_show_in_the_dialog() {
    let mut h = approving("[promotion]\nvia = \"pr\"\n");
    h.keys("fraud-classifier");
    h.press(KeyCode::Enter);
    h.send(Msg::PrOpened {
        result: Err(ChangeError::Refused(
            "refused, nothing changed: @production of 'fraud-classifier' changed since you \
             looked: it was v3, it is now v5"
                .into(),
        )),
    });
    assert!(
        matches!(&h.dialog().phase, Phase::Finished(Level::Warning, m) if m.contains("it is now v5"))
    );
    h.press(KeyCode::Enter);
    assert!(h.app.screen.popup().is_none());
}

#[test]
fn a_model_configured_for_prs_without_a_repository_moves_nothing_until_switched() {
    let mut h = Harness::loaded();
    let c = Harness::with_config("[promotion]\nvia = \"pr\"\n");
    h.app.promotion = c.app.promotion;
    h.keys("2hjla");
    assert_eq!(h.dialog().via, PromoteVia::Pr);
    assert!(h.dialog().pr_target.is_none());
    h.keys("fraud-classifier");
    h.press(KeyCode::Enter);
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    assert!(
        h.dialog()
            .hint
            .as_deref()
            .unwrap()
            .contains("ctrl-p to move the alias directly")
    );
    h.ctrl('p');
    assert_eq!(h.dialog().via, PromoteVia::Direct);
    h.press(KeyCode::Enter);
    assert!(matches!(
        h.effects.as_slice(),
        [Effect::Task(Task::ApplyChange { .. })]
    ));
}

#[test]
fn the_selection_follows_its_pr_across_refreshes() {
    let mut h = on_prs();
    h.keys("j");
    assert_eq!(h.app.prs.selected().unwrap().number, 41);
    h.keys("r");
    let t = prs_ticket(&h);
    let mut newer = pull_requests();
    let mut first = newer[0].clone();
    first.number = 43;
    newer.insert(0, first);
    h.send(Msg::PrsLoaded {
        ticket: t,
        result: Ok(newer),
    });
    assert_eq!(h.app.prs.selected().unwrap().number, 41);
}

#[test]
fn prs_refresh_only_where_they_show_and_never_at_the_ui_rate() {
    let mut h = on_prs();
    h.app.options.refresh_secs = 5;
    h.app.now += chrono::Duration::seconds(10);
    h.send(Msg::Tick);
    assert!(
        h.effects.is_empty(),
        "ui.refresh_secs does not drive GitHub: {:?}",
        h.effects
    );
    h.keys("3");
    h.app.now += chrono::Duration::seconds(200);
    h.send(Msg::Tick);
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
    h.keys("2");
    h.send(Msg::Tick);
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. }))),
        "the Models tab shows PR badges"
    );
}

#[test]
fn the_demo_never_talks_to_github() {
    let mut h = with_github("");
    h.app.github_off_for_demo();
    assert!(h.app.options.github_repo.is_none());
    assert!(
        h.app
            .options
            .github_note
            .as_deref()
            .unwrap()
            .contains("would land in acme/models")
    );
    h.keys("4r");
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::Task(Task::LoadPrs { .. })))
    );
}

/// Enter opens the selected request's detail with its first failing job selected; j/k move
/// through the jobs, o and y take the selected job's page, and esc, backspace and q each go
/// back to the list (q does not quit there).
#[test]
fn enter_opens_the_detail_and_its_keys_act_on_the_selected_job() {
    use crate::app::view::{PrsView, Top};
    use crate::config::keymap::Layer;

    let mut h = on_prs();
    h.keys("j");
    h.press(KeyCode::Enter);
    assert!(
        h.effects.is_empty(),
        "enter opens no browser: {:?}",
        h.effects
    );
    let Top::PrDetail(d) = h.app.top() else {
        panic!("not the detail: {:?}", h.app.top());
    };
    assert_eq!(
        (d.number, d.cursor.selected),
        (41, 1),
        "the failed job first"
    );
    assert_eq!(h.app.route()[0], Layer::PrDetail);
    h.keys("o");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::OpenUrl(
            "https://github.com/acme/models/runs/5".into()
        ))]
    );
    h.keys("jjjj");
    h.keys("y");
    assert_eq!(
        h.effects,
        vec![Effect::Loop(LoopEffect::CopyText(
            "https://github.com/acme/models/runs/6".into()
        ))],
        "the cursor stops at the last job"
    );
    h.keys("kkkkk");
    h.keys("o");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::OpenUrl(
            "https://github.com/acme/models/runs/4".into()
        ))]
    );
    for back in [KeyCode::Esc, KeyCode::Backspace, KeyCode::Char('q')] {
        h.press(KeyCode::Enter);
        assert!(matches!(h.app.top(), Top::PrDetail(_)));
        h.press(back);
        assert!(matches!(h.app.top(), Top::Prs), "{back:?}");
        assert!(
            !h.effects.contains(&Effect::Loop(LoopEffect::Quit)),
            "{back:?} quit"
        );
    }
    assert_eq!(h.app.prs.cursor.selected, 1, "the list keeps its selection");
    let views = h.app.screen.views().unwrap();
    assert_eq!(views.prs, PrsView::List);
}

/// A job without a page opens the request's; a refresh that drops the request leaves the
/// view saying so, and its keys do nothing but go back.
#[test]
fn the_detail_falls_back_to_the_request_and_survives_its_closing() {
    let mut h = on_prs();
    let mut prs = pull_requests();
    for j in &mut prs[0].jobs {
        j.url = None;
    }
    h.keys("r");
    let t = prs_ticket(&h);
    h.send(Msg::PrsLoaded {
        ticket: t,
        result: Ok(prs),
    });
    h.press(KeyCode::Enter);
    h.keys("o");
    assert_eq!(
        h.effects,
        vec![Effect::Task(Task::OpenUrl(
            "https://github.com/acme/models/pull/42".into()
        ))]
    );
    h.keys("r");
    let t = prs_ticket(&h);
    h.send(Msg::PrsLoaded {
        ticket: t,
        result: Ok(pull_requests().split_off(1)),
    });
    assert!(h.app.pr_detail().is_some_and(|(_, pr)| pr.is_none()));
    h.keys("oyj");
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.top(), crate::app::view::Top::Prs));
}

use chrono::Duration;
use pretty_assertions::assert_eq;

use super::*;
use crate::app::fixtures::{Harness, run, runs};
use crate::app::{Msg, Tab};
use crate::domain::RunStatus;

fn ids(runs: &[Run]) -> Vec<&str> {
    runs.iter().map(|r| &r.id.0[..2]).collect()
}

/// Runs `aa`, `bb`, … started `hours` ago each.
fn at(id: &str, hours: i64) -> Run {
    run(&id.repeat(16), id, &[("val_auc", 0.9)], hours)
}

#[test]
fn merging_replaces_in_place_inserts_in_order_and_removes_what_is_gone() {
    let keys = order::parse(&[]).unwrap();
    let mut list = vec![at("aa", 1), at("bb", 5), at("cc", 9), at("dd", 12)];
    let mut cc = at("cc", 9);
    cc.name = "cc-renamed".into();
    let changed = vec![at("ee", 0), cc, at("ff", 7), at("ee", 0), at("gg", 20)];
    let asked = vec![RunId::new("bb".repeat(16)), RunId::new("cc".repeat(16))];
    let new = merge(&mut list, changed, &asked, &keys, false);
    assert_eq!(ids(&list), ["ee", "aa", "ff", "cc", "dd"]);
    assert_eq!(list[3].name, "cc-renamed", "replaced where it was");
    assert_eq!(
        new.iter().map(|id| &id.0[..2]).collect::<Vec<_>>(),
        ["ee", "ff"],
        "each new run once; gg sorts after the last row of an incomplete list"
    );
    let mut complete = vec![at("aa", 1)];
    merge(&mut complete, vec![at("gg", 20)], &[], &keys, true);
    assert_eq!(
        ids(&complete),
        ["aa", "gg"],
        "a complete list takes it at the end"
    );
}

/// The fixture list with `logreg-v3-features` selected, the second run still running.
fn loaded() -> Harness {
    let mut h = Harness::loaded();
    h.app.runs.list.runs[1].status = RunStatus::Running;
    h.app.runs.cursor.selected = 3;
    assert_eq!(
        h.app.runs.selected_run().unwrap().name,
        "logreg-v3-features"
    );
    h
}

fn changes_asked(h: &Harness) -> (Ticket, Since) {
    h.effects
        .iter()
        .find_map(|e| match e {
            Effect::Task(Task::LoadRunChanges { ticket, since, .. }) => {
                Some((*ticket, since.clone()))
            }
            _ => None,
        })
        .unwrap()
}

#[test]
fn r_asks_only_for_what_changed_and_merges_it_keeping_rows_and_selection() {
    let mut h = loaded();
    let before = h.app.runs.list.runs.len();
    h.app.now += Duration::minutes(10);
    h.keys("r");
    let (t, since) = changes_asked(&h);
    let newest = runs().iter().filter_map(|r| r.start_time).max().unwrap();
    assert_eq!(
        since,
        Since {
            started_from: Some(newest.timestamp_millis()),
            ended_from: (h.app.now - Duration::minutes(10) - CLOCK_SLACK).timestamp_millis(),
            running: vec![h.app.runs.list.runs[1].id.clone()],
        }
    );
    let mut finished = h.app.runs.list.runs[1].clone();
    finished.status = RunStatus::Finished;
    let mut brand_new = run("e0000000000000000000000000000006", "fresh-run", &[], 0);
    brand_new.start_time = Some(h.app.now);
    h.send(Msg::RunChangesLoaded {
        ticket: t,
        result: Ok(vec![brand_new.clone(), finished, brand_new.clone()]),
    });
    let list = &h.app.runs.list;
    assert_eq!(
        list.runs.len(),
        before + 1,
        "every row kept, the new one once"
    );
    assert_eq!(list.runs[0].id, brand_new.id, "newest first");
    assert_eq!(list.runs[2].status, RunStatus::Finished, "updated in place");
    assert_eq!(
        h.app.runs.selected_run().unwrap().name,
        "logreg-v3-features",
        "the selection stays on its run"
    );
    assert!(list.is_fresh(&brand_new.id, h.app.now));
    assert!(h.app.wants_ticks());
    h.app.now += FRESH_FOR;
    h.send(Msg::Tick);
    assert!(!h.app.runs.list.is_fresh(&brand_new.id, h.app.now));
    assert!(
        h.app.runs.list.fresh.is_empty(),
        "expired marks are forgotten"
    );
}

#[test]
fn a_running_run_that_does_not_come_back_is_gone() {
    let mut h = loaded();
    let running = h.app.runs.list.runs[1].id.clone();
    h.keys("r");
    let (t, _) = changes_asked(&h);
    h.send(Msg::RunChangesLoaded {
        ticket: t,
        result: Ok(vec![]),
    });
    assert!(h.app.runs.list.runs.iter().all(|r| r.id != running));
    assert_eq!(
        h.app.runs.selected_run().unwrap().name,
        "logreg-v3-features"
    );
}

#[test]
fn a_store_that_cannot_say_what_changed_is_listed_again_from_the_first_page() {
    let mut h = loaded();
    h.keys("r");
    let (t, _) = changes_asked(&h);
    h.send(Msg::RunChangesLoaded {
        ticket: t,
        result: Err(BackendError::Api {
            target: "W&B lab/churn at https://api.wandb.ai".into(),
            status: 400,
            code: "INVALID_PARAMETER_VALUE".into(),
            message: "unsupported filter".into(),
        }),
    });
    assert!(h.effects.iter().any(|e| matches!(
        e,
        Effect::Task(Task::LoadRuns {
            page_token: None,
            ..
        })
    )));
    assert_eq!(
        h.app.runs.list.runs.len(),
        runs().len(),
        "rows stay meanwhile"
    );
}

#[test]
fn auto_refresh_merges_too() {
    let mut h = Harness::with_config("[ui]\nrefresh_secs = 30\n");
    let loaded = loaded();
    h.app.runs = loaded.app.runs;
    h.app.tab = Tab::Runs;
    h.app.now += Duration::seconds(31);
    h.send(Msg::Tick);
    changes_asked(&h);
}

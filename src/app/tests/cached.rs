//! The local cache: a start paints the store's last listing at once, marked stale, and the
//! first page replaces it; a server that is down leaves it on screen with its age.

use chrono::Duration;
use pretty_assertions::assert_eq;

use crate::app::fixtures::{Harness, now, runs};
use crate::app::{CachedRuns, Effect, Msg, StoreOpened, Task, Ticket};
use crate::domain::ExperimentId;
use crate::store::{BackendError, RunPage};

/// A start that remembered `remembered`, then the cache the runtime reads while the first
/// requests are on their way, when the app wants it.
fn open(h: &mut Harness, remembered: &str, cached: Option<CachedRuns>) {
    h.send(Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow at http://127.0.0.1:5000".into(),
        read_only_reason: None,
        demo: false,
        config: None,
        remembered: vec![ExperimentId::new(remembered)],
    })));
    let first = std::mem::take(&mut h.effects);
    if let Some(c) = cached.filter(|_| h.app.wants_cached_rows()) {
        h.send(Msg::CachedRuns(c));
        assert_eq!(h.effects, vec![], "the cache costs no request");
    }
    h.effects = first;
}

fn yesterday(experiment: &str) -> CachedRuns {
    CachedRuns {
        saved_at: now() - Duration::hours(20),
        experiments: vec![ExperimentId::new(experiment)],
        runs: runs()[..3].to_vec(),
    }
}

fn saved(fx: &[Effect]) -> Option<&CachedRuns> {
    fx.iter().find_map(|e| match e {
        Effect::Task(Task::SaveRunsCache(c)) => Some(c),
        _ => None,
    })
}

#[test]
fn a_start_paints_the_cached_rows_stale_and_the_first_page_replaces_them() {
    let mut h = Harness::new();
    open(&mut h, "1", Some(yesterday("1")));
    assert_eq!(h.app.runs.list.rows.len(), 3, "painted before any answer");
    assert_eq!(
        h.app.runs.list.stale_since,
        Some(now() - Duration::hours(20))
    );
    assert!(
        h.effects.iter().all(|e| matches!(
            e,
            Effect::Task(Task::LoadExperiments { .. } | Task::LoadRuns { .. })
        )),
        "the cache costs no request: {:?}",
        h.effects
    );
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: None,
        }),
    });
    assert_eq!(h.app.runs.list.rows.len(), 5);
    assert_eq!(h.app.runs.list.stale_since, None);
    let kept = saved(&h.effects).expect("the fresh rows are cached");
    assert_eq!(
        kept.runs.iter().map(|r| &r.id).collect::<Vec<_>>(),
        runs().iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    assert_eq!(kept.saved_at, now());
}

#[test]
fn a_server_that_is_down_leaves_the_cached_rows_with_their_age() {
    let mut h = Harness::new();
    open(&mut h, "1", Some(yesterday("1")));
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Err(BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "Connection refused (os error 111)".into(),
        }),
    });
    assert_eq!(h.app.runs.list.rows.len(), 3);
    assert!(h.app.runs.list.stale_since.is_some());
    assert!(
        h.app.toasts.items[0]
            .text
            .starts_with("Loading runs failed")
    );
    assert_eq!(saved(&h.effects), None, "stale rows are not cached again");
    h.keys("r");
    assert!(
        h.effects.iter().any(|e| matches!(
            e,
            Effect::Task(Task::LoadRuns {
                page_token: None,
                ..
            })
        )),
        "stale rows are listed again, not merged"
    );
}

#[test]
fn another_experiments_cache_or_a_cache_turned_off_paints_nothing() {
    let mut h = Harness::new();
    open(&mut h, "2", Some(yesterday("1")));
    assert!(h.app.runs.list.rows.is_empty());
    let mut h = Harness::with_config("[ui]\ncache = false\n");
    open(&mut h, "1", Some(yesterday("1")));
    assert!(h.app.runs.list.rows.is_empty());
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: None,
        }),
    });
    assert_eq!(saved(&h.effects), None, "nothing is written either");
}

#[test]
fn the_cache_is_wanted_only_while_remembered_rows_are_on_their_way() {
    let mut h = Harness::new();
    h.send(Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow at http://127.0.0.1:5000".into(),
        read_only_reason: None,
        demo: false,
        config: None,
        remembered: vec![],
    })));
    assert!(
        !h.app.wants_cached_rows(),
        "nothing remembered: which experiment is not known yet, the file is not read"
    );
    let mut h = Harness::with_config("[runs]\nexperiments = [\"fraud-monitoring\"]\n");
    open(&mut h, "1", None);
    assert!(
        !h.app.wants_cached_rows(),
        "the config's names need the list first"
    );
    let mut h = Harness::with_config("[ui]\ncache = false\n");
    open(&mut h, "1", None);
    assert!(!h.app.wants_cached_rows());

    let mut h = Harness::new();
    open(&mut h, "1", None);
    assert!(h.app.wants_cached_rows());
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: None,
        }),
    });
    assert!(!h.app.wants_cached_rows(), "the fresh rows are here");
    h.send(Msg::CachedRuns(yesterday("1")));
    assert_eq!(
        h.app.runs.list.rows.len(),
        5,
        "older rows never replace them"
    );
    assert_eq!(h.app.runs.list.stale_since, None);
}

#[test]
fn a_server_down_before_the_cache_is_read_still_shows_the_cached_rows() {
    let mut h = Harness::new();
    open(&mut h, "1", None);
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Err(BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "Connection refused (os error 111)".into(),
        }),
    });
    assert!(h.app.wants_cached_rows());
    h.send(Msg::CachedRuns(yesterday("1")));
    assert_eq!(h.app.runs.list.rows.len(), 3);
    assert!(h.app.runs.list.stale_since.is_some());
}

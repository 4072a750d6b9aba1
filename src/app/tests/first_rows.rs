//! The first rows come first: at start only the experiment list and, when the experiments
//! shown last time are remembered, their first page are asked for; everything else the first
//! screen shows waits for the first rows.

use pretty_assertions::assert_eq;

use crate::app::fixtures::{Harness, experiments, runs};
use crate::app::{Effect, Msg, StoreOpened, Task, Ticket};
use crate::domain::ExperimentId;
use crate::store::{BackendError, RunPage, RunQuery};

/// A store with GitHub and alerts configured, so that every deferred fetch has a reason to run.
const EVERYTHING: &str = "[github]\nrepo = \"acme/models\"\n\
                          [monitoring]\nexperiments = [\"fraud-monitoring\"]\n\
                          [[alerts]]\nmetric = \"psi\"\nabove = 0.2\n";

fn opened(remembered: &[&str]) -> Msg {
    Msg::StoreOpened(Box::new(StoreOpened {
        label: "MLflow at http://127.0.0.1:5000".into(),
        read_only_reason: None,
        demo: false,
        config: None,
        remembered: remembered.iter().map(|s| ExperimentId::new(*s)).collect(),
    }))
}

fn page() -> Msg {
    Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: None,
        }),
    }
}

/// The kinds of the effects, in order, for tables of what is asked when.
fn kinds(fx: &[Effect]) -> Vec<&'static str> {
    fx.iter()
        .map(|e| match e {
            Effect::Task(Task::LoadExperiments { newest: true, .. }) => "experiments+newest",
            Effect::Task(Task::LoadExperiments { .. }) => "experiments",
            Effect::Task(Task::LoadRuns { .. }) => "runs",
            Effect::Task(Task::LoadBaselines { .. }) => "baselines",
            Effect::Task(Task::LoadSparklines { .. }) => "sparklines",
            Effect::Task(Task::LoadModels { .. }) => "models",
            Effect::Task(Task::LoadAlerts { .. }) => "alerts",
            Effect::Task(Task::LoadPrs { .. }) => "prs",
            Effect::Task(Task::LoadIdentity) => "identity",
            Effect::Task(Task::RememberExperiments(_)) => "remember",
            Effect::Task(Task::SaveRunsCache(_)) => "cache",
            _ => "other",
        })
        .collect()
}

fn harness() -> Harness {
    let h = Harness::with_config(EVERYTHING);
    assert!(h.app.options.alerts_configured);
    h
}

#[test]
fn a_remembered_experiment_has_its_first_page_asked_with_the_experiment_list() {
    let mut h = harness();
    h.send(opened(&["2"]));
    assert_eq!(
        h.effects,
        vec![
            Effect::Task(Task::LoadExperiments {
                ticket: Ticket(1),
                newest: false,
            }),
            Effect::Task(Task::LoadRuns {
                ticket: Ticket(2),
                query: RunQuery {
                    experiment_ids: vec!["2".into()],
                    filter: None,
                    order_by: vec![],
                    page_size: 100,
                },
                page_token: None,
            }),
        ],
        "nothing but the experiment list and the first page before the first rows"
    );
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), None)),
    });
    assert_eq!(
        kinds(&h.effects),
        Vec::<&str>::new(),
        "the page is on its way"
    );
    assert_eq!(h.app.runs.scope_label(), "churn-prediction");
    h.send(page());
    assert_eq!(
        kinds(&h.effects),
        [
            "identity",
            "baselines",
            "models",
            "alerts",
            "prs",
            "cache",
            "sparklines"
        ],
        "the rest of the first screen, once the first rows are here (the remembered \
         experiment is remembered already)"
    );
    h.send(page());
    assert!(h.effects.is_empty(), "asked once");
}

#[test]
fn with_nothing_remembered_the_first_rows_are_remembered() {
    let mut h = harness();
    h.send(opened(&[]));
    assert_eq!(kinds(&h.effects), ["experiments+newest"]);
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), Some(ExperimentId::new("1")))),
    });
    assert_eq!(kinds(&h.effects), ["runs"]);
    h.send(page());
    assert_eq!(
        kinds(&h.effects),
        [
            "identity",
            "baselines",
            "models",
            "alerts",
            "prs",
            "remember",
            "cache",
            "sparklines"
        ]
    );
    assert!(
        h.effects
            .contains(&Effect::Task(Task::RememberExperiments(vec![
                ExperimentId::new("1")
            ])))
    );
}

#[test]
fn a_remembered_experiment_that_is_gone_falls_back_to_the_newest() {
    let mut h = harness();
    h.send(opened(&["99"]));
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), None)),
    });
    assert_eq!(kinds(&h.effects), ["experiments+newest"]);
    h.send(page());
    assert!(
        h.effects.is_empty(),
        "the gone experiment's page is dropped"
    );
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(3),
        result: Ok((experiments(), Some(ExperimentId::new("3")))),
    });
    assert_eq!(kinds(&h.effects), ["runs"]);
    assert_eq!(h.app.runs.scope_label(), "fraud-monitoring");
}

#[test]
fn a_config_naming_experiments_needs_the_list_first_and_only_the_list() {
    let mut h = Harness::with_config("[runs]\nexperiments = [\"fraud-monitoring\"]\n");
    h.send(opened(&["2"]));
    // Not which experiment holds the newest run: one round trip before the first page.
    assert_eq!(kinds(&h.effects), ["experiments"]);
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), None)),
    });
    assert_eq!(kinds(&h.effects), ["runs"]);
    assert_eq!(h.app.runs.scope_label(), "fraud-monitoring");
    assert!(h.app.toasts.items.is_empty());
}

#[test]
fn a_config_naming_an_experiment_that_is_not_there_opens_the_newest_with_one_warning() {
    let mut h = Harness::with_config("[runs]\nexperiments = [\"gone\"]\n");
    h.send(opened(&[]));
    assert_eq!(kinds(&h.effects), ["experiments"]);
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(1),
        result: Ok((experiments(), None)),
    });
    assert_eq!(kinds(&h.effects), ["experiments+newest"]);
    h.send(Msg::ExperimentsLoaded {
        ticket: Ticket(2),
        result: Ok((experiments(), Some(ExperimentId::new("3")))),
    });
    assert_eq!(kinds(&h.effects), ["runs"]);
    assert_eq!(h.app.runs.selected_experiments, [ExperimentId::new("3")]);
    let warned: Vec<&str> = h.app.toasts.items.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with("no experiment named 'gone'"),
        "{warned:?}"
    );
}

#[test]
fn failing_first_rows_still_start_the_rest() {
    let mut h = harness();
    h.send(opened(&["2"]));
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Err(BackendError::Unreachable {
            target: "MLflow at http://127.0.0.1:5000".into(),
            detail: "connection refused".into(),
        }),
    });
    assert_eq!(
        kinds(&h.effects),
        ["identity", "baselines", "models", "alerts", "prs"]
    );
}

#[test]
fn a_configured_user_is_not_looked_up() {
    let mut h = Harness::with_config("user = \"Ann <ann@example.com>\"\n");
    h.send(opened(&["2"]));
    h.send(page());
    assert!(!kinds(&h.effects).contains(&"identity"));
    assert_eq!(h.app.identity, "Ann <ann@example.com>");
}

/// The page size of the runs fetch among `fx`.
fn page_size(fx: &[Effect]) -> Option<u32> {
    fx.iter().find_map(|e| match e {
        Effect::Task(Task::LoadRuns { query, .. }) => Some(query.page_size),
        _ => None,
    })
}

#[test]
fn the_first_page_is_no_bigger_than_a_tall_screen_and_the_next_is_a_whole_page() {
    let mut h = harness();
    h.send(opened(&["2"]));
    assert_eq!(
        page_size(&h.effects),
        Some(100),
        "not the 200 of [runs] page_size"
    );
    h.send(Msg::RunsLoaded {
        ticket: Ticket(2),
        result: Ok(RunPage {
            runs: runs(),
            next_page_token: Some("100".into()),
        }),
    });
    // Five rows fill no screen: the next page is asked with them.
    let next = h.effects.iter().find_map(|e| match e {
        Effect::Task(Task::LoadRuns {
            query, page_token, ..
        }) => Some((query.page_size, page_token.clone())),
        _ => None,
    });
    assert_eq!(next, Some((200, Some("100".into()))), "{:?}", h.effects);

    let mut h = Harness::with_config("[runs]\npage_size = 30\n");
    h.send(opened(&["2"]));
    assert_eq!(page_size(&h.effects), Some(30), "a smaller page stays");
}

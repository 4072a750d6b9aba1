//! Deterministic data and a harness for state and snapshot tests.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect, Msg, Task, Ticket};
use crate::config::Config;
use crate::domain::pull_request::Job;
use crate::domain::run::PARENT_RUN_TAG;
use crate::domain::{
    Baseline, BaselineSource, Experiment, ExperimentId, LatestMetric, Lifecycle, ModelVersion,
    RegisteredModel, Run, RunId, RunStatus, VersionId,
};
use crate::store::RunPage;

/// 2026-11-20 12:00 UTC, the fixtures' "now".
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_176_000, 0).unwrap()
}

fn hours_ago(h: i64) -> DateTime<Utc> {
    now() - chrono::Duration::hours(h)
}

pub fn experiments() -> Vec<Experiment> {
    ["fraud-detection", "churn-prediction", "fraud-monitoring"]
        .iter()
        .enumerate()
        .map(|(i, name)| Experiment {
            id: ExperimentId::new((i + 1).to_string()),
            name: (*name).to_owned(),
            lifecycle: Lifecycle::Active,
            last_update_ms: Some(1_795_000_000_000 - i as i64),
            tags: BTreeMap::new(),
        })
        .collect()
}

pub fn run(id: &str, name: &str, metrics: &[(&str, f64)], hours: i64) -> Run {
    Run {
        id: RunId::new(id),
        experiment_id: ExperimentId::new("1"),
        name: name.to_owned(),
        status: RunStatus::Finished,
        start_time: Some(hours_ago(hours)),
        end_time: Some(hours_ago(hours - 1)),
        user: "alice".into(),
        lifecycle: Lifecycle::Active,
        metrics: metrics
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_owned(),
                    LatestMetric {
                        value: *v,
                        step: 99,
                        timestamp: 0,
                    },
                )
            })
            .collect(),
        params: [
            ("learning_rate", "0.05"),
            ("max_depth", "6"),
            ("model_type", "xgboost"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect(),
        tags: crate::domain::Fields::new(),
    }
}

/// Five runs of fraud-detection: a baseline, two better-or-worse candidates, a nested child,
/// and a diverged run with NaN.
pub fn runs() -> Vec<Run> {
    let mut base = run(
        "b0000000000000000000000000000001",
        "xgb-prod-2026-10",
        &[
            ("val_auc", 0.951),
            ("val_loss", 0.201),
            ("latency_p95_ms", 38.0),
        ],
        500,
    );
    base.tags.insert("baseline", "true".into());
    let mut better = run(
        "c0000000000000000000000000000002",
        "xgb-depth8",
        &[
            ("val_auc", 0.957),
            ("val_loss", 0.188),
            ("latency_p95_ms", 47.0),
        ],
        30,
    );
    better.params.insert("max_depth", "8".into());
    better.user = "bob".into();
    let worse = run(
        "c0000000000000000000000000000003",
        "logreg-v3-features",
        &[
            ("val_auc", 0.921),
            ("val_loss", 0.244),
            ("latency_p95_ms", 6.0),
        ],
        72,
    );
    let mut child = run(
        "c0000000000000000000000000000004",
        "xgb-depth8-seed2",
        &[("val_auc", 0.956), ("val_loss", 0.19)],
        29,
    );
    child
        .tags
        .insert(PARENT_RUN_TAG, "c0000000000000000000000000000002".into());
    let mut diverged = run(
        "d0000000000000000000000000000005",
        "xgb-lr0.5-diverged",
        &[("val_auc", f64::NAN), ("val_loss", f64::INFINITY)],
        5,
    );
    diverged.status = RunStatus::Failed;
    vec![diverged, better, child, worse, base]
}

pub fn baseline() -> Baseline {
    let run = runs().pop().unwrap();
    Baseline {
        run,
        source: BaselineSource::Tagged,
        warning: None,
    }
}

fn version(v: &str, run: &str, aliases: &[&str], hours: i64) -> ModelVersion {
    ModelVersion {
        model: "fraud-classifier".into(),
        version: VersionId::new(v),
        run_id: Some(RunId::new(run)),
        status: "READY".into(),
        stage: None,
        source: format!("models:/m-{v}"),
        description: String::new(),
        tags: [("validation_status".to_owned(), "approved".to_owned())].into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        created: Some(hours_ago(hours)),
        user: "dana".into(),
    }
}

pub fn models() -> Vec<RegisteredModel> {
    let mut fraud = RegisteredModel {
        name: "fraud-classifier".into(),
        description: "Card-fraud classifier".into(),
        tags: BTreeMap::new(),
        aliases: [("production", "3"), ("staging", "4")]
            .iter()
            .map(|(a, v)| ((*a).to_owned(), VersionId::from(*v)))
            .collect(),
        versions: vec![
            version("4", "c0000000000000000000000000000002", &[], 28),
            version("3", "b0000000000000000000000000000001", &[], 490),
            version("2", "c0000000000000000000000000000003", &[], 900),
        ],
        updated: Some(hours_ago(28)),
    };
    fraud.normalize();
    let churn = RegisteredModel {
        name: "churn-model".into(),
        description: String::new(),
        tags: BTreeMap::new(),
        aliases: BTreeMap::new(),
        versions: vec![],
        updated: None,
    };
    vec![churn, fraud]
}

/// An app driven by messages, with the effects it asked for.
pub struct Harness {
    pub app: App,
    pub effects: Vec<Effect>,
}

impl Default for Harness {
    fn default() -> Self {
        Self::with_config("")
    }
}

impl Harness {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_config(toml: &str) -> Self {
        let config = Config::from_str_at(toml, std::path::Path::new("test.toml")).unwrap();
        let app = App::new(&config, "MLflow at http://127.0.0.1:5000".into(), now()).unwrap();
        Self {
            app,
            effects: Vec::new(),
        }
    }

    pub fn send(&mut self, msg: Msg) -> &mut Self {
        self.effects = self.app.update(msg);
        self
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    /// Presses ctrl and `c`.
    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    /// The open confirmation dialog.
    pub fn dialog(&self) -> &super::change::ChangeDialog {
        match self.app.screen.popup() {
            Some(super::popup::Popup::Change(d)) => d,
            other => panic!("no dialog: {other:?}"),
        }
    }

    pub fn keys(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
        self
    }

    /// The ticket of the last effect of a kind.
    pub fn ticket(&self, pick: impl Fn(&Effect) -> Option<Ticket>) -> Ticket {
        self.effects.iter().find_map(pick).unwrap()
    }

    /// Configures GitHub as `[github]` with `repo = "acme/models"` and `extra` would.
    pub fn github(&mut self, extra: &str) -> &mut Self {
        let c = Self::with_config(&format!("[github]\nrepo = \"acme/models\"\n{extra}"));
        self.app.options.github_repo = c.app.options.github_repo;
        self.app.options.prs_refresh_secs = c.app.options.prs_refresh_secs;
        self.app.promotion = c.app.promotion;
        self
    }

    /// Starts the app and answers the experiments (the newest run in `fraud-detection`) and
    /// the first page: `effects` is then what the first rows ask for (the rest of the first
    /// screen).
    pub fn start_through_first_rows(&mut self) -> &mut Self {
        self.effects = self.app.start();
        self.answer_first_rows()
    }

    /// Answers the experiments and the first page that the effects ask for (see
    /// [`Harness::start_through_first_rows`]).
    pub fn answer_first_rows(&mut self) -> &mut Self {
        let t = self.ticket(|e| match e {
            Effect::Task(Task::LoadExperiments { ticket, .. }) => Some(*ticket),
            _ => None,
        });
        self.send(Msg::ExperimentsLoaded {
            ticket: t,
            result: Ok((experiments(), Some(ExperimentId::new("1")))),
        });
        let runs_ticket = self.ticket(|e| match e {
            Effect::Task(Task::LoadRuns { ticket, .. }) => Some(*ticket),
            _ => None,
        });
        self.send(Msg::RunsLoaded {
            ticket: runs_ticket,
            result: Ok(RunPage {
                runs: runs(),
                next_page_token: None,
            }),
        })
    }

    /// Starts the app and answers experiments, the first page, then what the first page asks
    /// for (baselines, sparklines, models).
    pub fn loaded() -> Self {
        let mut h = Self::new();
        h.start_through_first_rows();
        let models_ticket = h.ticket(|e| match e {
            Effect::Task(Task::LoadModels { ticket }) => Some(*ticket),
            _ => None,
        });
        let baselines_ticket = h.ticket(|e| match e {
            Effect::Task(Task::LoadBaselines { ticket, .. }) => Some(*ticket),
            _ => None,
        });
        h.send(Msg::BaselinesLoaded {
            ticket: baselines_ticket,
            result: Ok([(ExperimentId::new("1"), baseline())].into()),
        });
        let spark_ticket = h.app.runs.sparks.ticket;
        let metric = h.app.runs.sparks.metric.clone().unwrap();
        let histories = runs()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let points = (0..20)
                    .map(|s| crate::domain::MetricPoint {
                        step: s,
                        timestamp: 0,
                        value: 0.8 + (s as f64 * (i as f64 + 1.0)).sin() * 0.05 + s as f64 * 0.005,
                    })
                    .collect();
                (r.id, points)
            })
            .collect();
        h.send(Msg::SparklinesLoaded {
            ticket: spark_ticket,
            metric,
            result: Ok(histories),
        });
        h.send(Msg::ModelsLoaded {
            ticket: models_ticket,
            result: Ok(models()),
        });
        for r in runs() {
            h.send(Msg::RunLoaded {
                id: r.id.clone(),
                result: Ok(r),
            });
        }
        h
    }
}

/// An alert report: a critical drift firing, a warning relative to the evaluation, and a
/// resolved one, over daily windows ending at `now()`.
pub fn alert_report() -> crate::domain::alert::AlertReport {
    alert_report_ending(now())
}

/// The same report over daily windows ending at `end`, judged at `now()`: an `end` more than
/// two days back makes every feed stale (the demo on 12-06, its windows ending 11-19).
pub fn alert_report_ending(end: DateTime<Utc>) -> crate::domain::alert::AlertReport {
    use crate::domain::alert::{Alert, AlertReport, Series};
    use crate::domain::alert::{AlertRule, Breach, Severity, Threshold, evaluate, freshness};
    let day = 86_400_000;
    let end = end.timestamp_millis();
    let series = |metric: &str, values: &[f64]| Series {
        model: "fraud-classifier".into(),
        version: Some(VersionId::from("3")),
        alias: Some("production".into()),
        metric: metric.into(),
        points: values
            .iter()
            .enumerate()
            .map(|(i, v)| crate::domain::MetricPoint {
                step: i as i64,
                timestamp: end - (values.len() - 1 - i) as i64 * day,
                value: *v,
            })
            .collect(),
    };
    let drift = AlertRule::new(
        Some("feature drift".into()),
        "psi_*",
        None,
        Breach::Above,
        Threshold::Absolute(0.2),
        3,
        Severity::Critical,
    )
    .unwrap();
    let early = AlertRule::new(
        Some("feature drift (early)".into()),
        "psi_*",
        None,
        Breach::Above,
        Threshold::Absolute(0.1),
        2,
        Severity::Warning,
    )
    .unwrap();
    let recall = AlertRule::new(
        Some("live recall below evaluation".into()),
        "live_recall",
        None,
        Breach::Below,
        Threshold::Offline {
            metric: "val_recall".into(),
            by: 0.02,
        },
        3,
        Severity::Warning,
    )
    .unwrap();
    let alert =
        |rule: &AlertRule, s: crate::domain::alert::Series, offline: Option<(String, f64)>| {
            let eval = evaluate(rule, &s.points, offline.as_ref().map(|o| o.1), 14).unwrap();
            Alert {
                rule: rule.clone(),
                version: s.version.clone(),
                freshness: freshness(&s.points, None, now()),
                series: s,
                eval,
                offline,
                ack: None,
            }
        };
    AlertReport {
        alerts: vec![
            alert(
                &drift,
                series(
                    "psi_amount",
                    &[0.04, 0.05, 0.03, 0.06, 0.12, 0.22, 0.26, 0.3, 0.28],
                ),
                None,
            ),
            alert(
                &recall,
                series(
                    "live_recall",
                    &[0.76, 0.77, 0.76, 0.75, 0.73, 0.728, 0.725, 0.73, 0.727],
                ),
                Some(("val_recall".into(), 0.761)),
            ),
            alert(
                &early,
                series(
                    "psi_merchant_category",
                    &[0.05, 0.11, 0.13, 0.12, 0.06, 0.05, 0.04, 0.05, 0.04],
                ),
                None,
            ),
        ],
        notes: vec![],
        rules: 3,
        unmatched_rules: vec![],
    }
}

/// Open pull requests: a promotion PR pinning fraud-classifier v4 (CI passing, approved) and
/// an ordinary draft with failing CI.
pub fn pull_requests() -> Vec<crate::domain::pull_request::PullRequest> {
    use crate::domain::pull_request::{
        ApprovalsRequired, CheckState, CheckSummary, JobStatus, PromotionRef, PullRequest,
        ReviewState,
    };
    let run = |name: &str, status: JobStatus, secs: Option<u64>, id: u32| Job {
        name: name.into(),
        status,
        stage: None,
        duration_ms: secs.map(|s| s * 1000),
        url: Some(format!("https://github.com/acme/models/runs/{id}")),
        allow_failure: false,
    };
    vec![
        PullRequest {
            number: 42,
            title: "Promote fraud-classifier v4 to production (v3 → v4)".into(),
            author: "ann".into(),
            created: Some(hours_ago(5)),
            updated: Some(hours_ago(1)),
            draft: false,
            labels: vec!["model-promotion".into()],
            head_branch: "clearance/promote/fraud-classifier/v4".into(),
            head_sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e".into(),
            base_branch: "main".into(),
            url: "https://github.com/acme/models/pull/42".into(),
            review: ReviewState::Approved,
            approved_by: vec!["bob".into()],
            approvals: Some(ApprovalsRequired {
                required: 2,
                left: 1,
            }),
            checks: CheckSummary {
                state: CheckState::Success,
                passed: 3,
                failed: 0,
                pending: 0,
                total: 3,
            },
            pipeline: None,
            jobs: vec![
                run("test", JobStatus::Passed, Some(83), 1),
                run("lint", JobStatus::Passed, Some(12), 2),
                run("clearance report", JobStatus::Passed, Some(41), 3),
            ],
            promotion: Some(PromotionRef {
                model: "fraud-classifier".into(),
                version: VersionId::from("4"),
            }),
        },
        PullRequest {
            number: 41,
            title: "Add a feature-store backfill job for the churn model".into(),
            author: "bob".into(),
            created: Some(hours_ago(50)),
            updated: Some(hours_ago(30)),
            draft: true,
            labels: vec![],
            head_branch: "backfill".into(),
            head_sha: "e5bd3914e2e596debea16f433f57875b5b90bcd6".into(),
            base_branch: "main".into(),
            url: "https://github.com/acme/models/pull/41".into(),
            review: ReviewState::ChangesRequested,
            approved_by: vec![],
            approvals: None,
            checks: CheckSummary {
                state: CheckState::Failure,
                passed: 1,
                failed: 1,
                pending: 1,
                total: 3,
            },
            pipeline: None,
            jobs: vec![
                run("unit", JobStatus::Passed, Some(95), 4),
                run("integration", JobStatus::Failed, Some(312), 5),
                run("docs", JobStatus::Running, None, 6),
            ],
            promotion: None,
        },
    ]
}

/// A promotion merge request on GitLab whose newest pipeline ran three stages: a passing
/// build, tests where a job allowed to fail failed (its name holding an escape and a long
/// tail), and a manual deploy gate; approved by bob, 2 required and 1 left. Its pipeline's
/// summary counts as GitLab's does: the allowed failure passes, the manual job not at all.
pub fn merge_request_with_pipeline() -> crate::domain::pull_request::PullRequest {
    use crate::domain::pull_request::{CheckState, CheckSummary, JobStatus, Pipeline};
    let job = |id: u32, name: &str, stage: &str, status: JobStatus, ms: Option<u64>| Job {
        name: name.into(),
        status,
        stage: Some(stage.into()),
        duration_ms: ms,
        url: Some(format!("https://gitlab.acme.io/acme/ml/models/-/jobs/{id}")),
        allow_failure: false,
    };
    let mut pr = pull_requests().remove(0);
    pr.number = 7;
    pr.url = "https://gitlab.acme.io/acme/ml/models/-/merge_requests/7".into();
    pr.draft = true;
    pr.pipeline = Some(Pipeline {
        id: 47,
        url: Some("https://gitlab.acme.io/acme/ml/models/-/pipelines/47".into()),
    });
    pr.jobs = vec![
        job(101, "build", "build", JobStatus::Passed, Some(48_200)),
        job(102, "pytest", "test", JobStatus::Passed, Some(185_000)),
        Job {
            allow_failure: true,
            ..job(
                103,
                "lint:\u{1b}]0;owned\u{7}style checks of every notebook in the repository",
                "test",
                JobStatus::Failed,
                Some(7_400),
            )
        },
        job(
            104,
            "clearance-report",
            "test",
            JobStatus::Passed,
            Some(61_000),
        ),
        job(105, "deploy", "deploy", JobStatus::Manual, None),
    ];
    pr.checks = CheckSummary {
        state: CheckState::Success,
        passed: 4,
        failed: 0,
        pending: 0,
        total: 4,
    };
    pr
}

/// [`models`] with promotion requests on fraud-classifier's versions: v4 → @production by
/// Carol (open, approved by Ann), v2 → @production by Dana (expired), and v2 → @staging by
/// Dana, asked when @staging held v3 (stale: it moved to v4 since).
pub fn models_with_requests() -> Vec<RegisteredModel> {
    use crate::domain::policy::{PromotionRequest, RequestApproval, approval_key, request_key};
    let request = |by: &str, alias: &str, from: &str, hours: i64, ttl_hours: i64, reason: &str| {
        PromotionRequest {
            requester: by.into(),
            at: hours_ago(hours),
            reason: reason.into(),
            alias: alias.into(),
            from: Some(from.into()),
            gates: None,
            expires: hours_ago(hours) + chrono::Duration::hours(ttl_hours),
        }
    };
    let open = request(
        "carol",
        "production",
        "3",
        3,
        72,
        "recall up 2 points on the holdout",
    );
    let approval = RequestApproval {
        by: "ann".into(),
        at: hours_ago(1),
        request_at: open.at,
    };
    let expired = request(
        "dana",
        "production",
        "3",
        200,
        72,
        "old candidate, try again",
    );
    let stale = request("dana", "staging", "3", 5, 72, "shadow traffic for v2");
    let mut models = models();
    for m in &mut models {
        for v in &mut m.versions {
            match v.version.as_str() {
                "4" => {
                    v.tags.insert(request_key("production"), json(&open));
                    v.tags
                        .insert(approval_key("production", approval.at), json(&approval));
                }
                "2" => {
                    v.tags.insert(request_key("production"), json(&expired));
                    v.tags.insert(request_key("staging"), json(&stale));
                }
                _ => {}
            }
        }
    }
    models
}

/// A record as the JSON kept in a tag.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

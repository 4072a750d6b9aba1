//! Executes effects as tokio tasks that answer into the inbox.
//!
//! Fetches that replace each other (the run list, experiments, baselines, models) live in a
//! slot: a new one aborts the one before it. Fetches by id (runs, histories, sparklines) share
//! a small concurrency limit so a burst of them never floods the server. Changes run to the end,
//! never aborted or queued. What each effect does is [`perform`], shared with tests.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::github::GitHubLink;
use crate::app::{Effect, Msg};
use crate::backends::github::HostErrorKind;
use crate::config::MonitoringConfig;
use crate::domain::ReviewSettings;
use crate::domain::alert::AlertRule;
use crate::domain::promotion::Change;
use crate::ops;
use crate::ops::audit::AuditLog;
use crate::ops::promote;
use crate::store::Backend;

/// Requests by id in flight at once.
const PARALLEL_FETCHES: usize = 4;

/// What effects need: the store, the review settings, the audit log.
#[derive(Clone)]
pub struct Context {
    pub backend: Backend,
    pub settings: Arc<ReviewSettings>,
    pub audit: Option<AuditLog>,
    pub monitoring: Arc<MonitoringConfig>,
    pub alert_rules: Arc<Vec<AlertRule>>,
    /// GitHub, when a repository is configured.
    pub github: Option<Arc<GitHubLink>>,
}

/// Does what an effect asks and returns the answer; `None` for effects that belong to the
/// event loop (`Quit`, `OpenDemo`, `CopyText`).
pub async fn perform(ctx: Context, effect: Effect) -> Option<Msg> {
    let b = &ctx.backend;
    Some(match effect {
        Effect::Quit | Effect::OpenDemo | Effect::CopyText(_) => return None,
        Effect::LoadExperiments { ticket } => Msg::ExperimentsLoaded {
            ticket,
            result: ops::experiments::load(b).await,
        },
        Effect::LoadRuns {
            ticket,
            query,
            page_token,
        } => Msg::RunsLoaded {
            ticket,
            result: b.runs.search_runs(&query, page_token.as_deref()).await,
        },
        Effect::LoadBaselines {
            ticket,
            experiments,
        } => Msg::BaselinesLoaded {
            ticket,
            result: ops::baseline::for_experiments(b, &experiments, &ctx.settings).await,
        },
        Effect::LoadModels { ticket } => Msg::ModelsLoaded {
            ticket,
            result: b.registry.models().await,
        },
        Effect::LoadSparklines {
            ticket,
            metric,
            runs,
            points,
        } => {
            let result = b.runs.sampled_histories(&runs, &metric, points).await;
            Msg::SparklinesLoaded {
                ticket,
                metric,
                result,
            }
        }
        Effect::LoadRun { id } => {
            let result = b.runs.run(&id).await;
            Msg::RunLoaded { id, result }
        }
        Effect::LoadHistory { run, metric } => {
            let result = b.runs.metric_history(&run, &metric).await;
            Msg::HistoryLoaded {
                run,
                metric,
                result,
            }
        }
        Effect::ApplyChange { change, approval } => {
            let audit = ctx.audit.as_ref();
            let result = match &change {
                Change::Alias(plan) => promote::execute(b, plan, &approval, audit).await,
                Change::Baseline(plan) => {
                    ops::baseline::move_to(b, plan, &approval, &ctx.settings, audit).await
                }
            };
            Msg::ChangeApplied { result }
        }
        Effect::PlanRollback { model, alias } => Msg::RollbackPlanned {
            result: promote::rollback_plan(b, &model, &alias, ctx.audit.as_ref()).await,
        },
        Effect::LoadAlerts { ticket } => Msg::AlertsLoaded {
            ticket,
            result: ops::monitoring::evaluate_all(
                b,
                &ctx.monitoring,
                &ctx.settings,
                &ctx.alert_rules,
            )
            .await,
        },
        Effect::LoadAudit { model } => {
            let result = promote::history(b, &model, ctx.audit.as_ref())
                .await
                .map(|(_, entries)| entries);
            Msg::AuditLoaded { model, result }
        }
        Effect::LoadPrs { ticket } => Msg::PrsLoaded {
            ticket,
            result: load_prs(ctx.github.as_deref()).await,
        },
        Effect::OpenPromotionPr { plan, approval } => Msg::PrOpened {
            result: super::pr::open(
                &ctx.backend,
                &ctx.settings,
                ctx.github.as_deref(),
                plan,
                approval,
            )
            .await,
        },
        Effect::OpenUrl(url) => super::browser::open(&url).await,
    })
}

async fn load_prs(
    github: Option<&GitHubLink>,
) -> Result<Vec<crate::domain::pull_request::PullRequest>, String> {
    let github = github.ok_or("no GitHub repository configured")?;
    let client = github.client().await?;
    let result = ops::gitops::open_prs(&client, &github.settings).await;
    if let Err(e) = &result
        && matches!(e.kind, HostErrorKind::BadToken { .. })
    {
        // A token GitHub refuses is found again next time (`gh auth login` may fix it).
        github.forget().await;
    }
    result.map_err(|e| e.to_string())
}

/// How an effect is scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Schedule {
    /// In a slot: a newer effect of the slot aborts the older one.
    Slot(Slot),
    /// Behind the concurrency limit.
    Limited,
    /// Right away, never aborted (changes, and reads the reviewer is waiting on).
    Now,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Experiments,
    Runs,
    Baselines,
    Models,
    Alerts,
    Prs,
}

fn schedule(effect: &Effect) -> Schedule {
    match effect {
        Effect::LoadExperiments { .. } => Schedule::Slot(Slot::Experiments),
        Effect::LoadRuns { .. } => Schedule::Slot(Slot::Runs),
        Effect::LoadBaselines { .. } => Schedule::Slot(Slot::Baselines),
        Effect::LoadModels { .. } => Schedule::Slot(Slot::Models),
        Effect::LoadAlerts { .. } => Schedule::Slot(Slot::Alerts),
        Effect::LoadPrs { .. } => Schedule::Slot(Slot::Prs),
        Effect::LoadSparklines { .. } | Effect::LoadRun { .. } | Effect::LoadHistory { .. } => {
            Schedule::Limited
        }
        Effect::ApplyChange { .. }
        | Effect::PlanRollback { .. }
        | Effect::LoadAudit { .. }
        | Effect::OpenPromotionPr { .. }
        | Effect::OpenUrl(_)
        | Effect::CopyText(_)
        | Effect::Quit
        | Effect::OpenDemo => Schedule::Now,
    }
}

pub struct Executor {
    ctx: Context,
    inbox: UnboundedSender<Msg>,
    slots: HashMap<Slot, JoinHandle<()>>,
    limit: Arc<Semaphore>,
}

impl Executor {
    pub fn new(ctx: Context, inbox: UnboundedSender<Msg>) -> Self {
        Self {
            ctx,
            inbox,
            slots: HashMap::new(),
            limit: Arc::new(Semaphore::new(PARALLEL_FETCHES)),
        }
    }

    /// Starts the task for an effect. `Quit`, `OpenDemo` and `CopyText` belong to the event
    /// loop.
    pub fn spawn(&mut self, effect: Effect) {
        if matches!(
            effect,
            Effect::Quit | Effect::OpenDemo | Effect::CopyText(_)
        ) {
            return;
        }
        let how = schedule(&effect);
        let (ctx, inbox) = (self.ctx.clone(), self.inbox.clone());
        let limit = (how == Schedule::Limited).then(|| self.limit.clone());
        let handle = tokio::spawn(async move {
            let _permit = match limit {
                Some(l) => match l.acquire_owned().await {
                    Ok(p) => Some(p),
                    Err(_) => return,
                },
                None => None,
            };
            if let Some(msg) = perform(ctx, effect).await {
                // The receiver is gone only when the app is exiting.
                let _ = inbox.send(msg);
            }
        });
        if let Schedule::Slot(slot) = how
            && let Some(old) = self.slots.insert(slot, handle)
        {
            old.abort();
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        for (_, h) in self.slots.drain() {
            h.abort();
        }
    }
}

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
use super::remembered::Memory;
use crate::app::requests::RequestKey;
use crate::app::{Msg, Task};
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
    /// The whole config: the promotion policy every move is checked against.
    pub config: Arc<crate::config::Config>,
    /// Where this store's experiments are remembered (`None`: nowhere, as in tests).
    pub memory: Option<Memory>,
    /// Where this store's last listing is cached (`None`: off, or nowhere, as in tests).
    pub cache: Option<super::cache::RunsCache>,
    /// Where alert acknowledgements go when the store keeps no model tags (`None`: nowhere).
    pub acks: Option<ops::acks::LocalAcks>,
}

/// Does what a task asks and hands its answers to `send`: one for most tasks, a batch at a
/// time for the whole listing, none for a task nobody waits on.
pub async fn perform(ctx: Context, task: Task, send: &mut (dyn FnMut(Msg) + Send)) {
    match task {
        Task::ListAllRuns { ticket, query } => {
            let result = ops::runs::each_batch(&ctx.backend, &query, |runs| {
                send(Msg::RunsListed { ticket, runs });
                Ok::<(), crate::store::BackendError>(())
            })
            .await;
            send(Msg::RunsListingDone { ticket, result });
        }
        other => {
            if let Some(msg) = answer(ctx, other).await {
                send(msg);
            }
        }
    }
}

/// The one answer of a task (`None` for a task nobody waits on).
#[expect(
    clippy::too_many_lines,
    reason = "one arm per task, each a call and its answer: splitting it hides the table"
)]
async fn answer(ctx: Context, task: Task) -> Option<Msg> {
    let b = &ctx.backend;
    Some(match task {
        // Streamed by `perform`; the slot's stop has nothing to do (it aborts the fetch).
        Task::ListAllRuns { .. } | Task::StopRuns => return None,
        Task::LoadExperiments { ticket, newest } => Msg::ExperimentsLoaded {
            ticket,
            result: ops::experiments::load(b, newest).await,
        },
        Task::LoadRuns {
            ticket,
            query,
            page_token,
        } => Msg::RunsLoaded {
            ticket,
            result: b.runs.search_runs(&query, page_token.as_deref()).await,
        },
        Task::LoadRunChanges {
            ticket,
            query,
            since,
        } => Msg::RunChangesLoaded {
            ticket,
            result: ops::runs::changes(
                b,
                &query,
                since.started_from,
                since.ended_from,
                &since.running,
            )
            .await,
        },
        Task::LoadBaselines {
            ticket,
            experiments,
        } => Msg::BaselinesLoaded {
            ticket,
            result: ops::baseline::for_experiments(b, &experiments, &ctx.settings).await,
        },
        Task::LoadModels { ticket } => Msg::ModelsLoaded {
            ticket,
            result: b.registry.models().await,
        },
        Task::LoadSparklines {
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
        Task::LoadRun { id } => {
            let result = b.runs.run(&id).await;
            Msg::RunLoaded { id, result }
        }
        Task::LoadHistories {
            ticket,
            runs,
            metric,
            points,
        } => {
            let result = b.runs.sampled_histories(&runs, &metric, points).await;
            Msg::HistoriesLoaded {
                ticket,
                runs,
                metric,
                result,
            }
        }
        Task::ApplyChange {
            change,
            approval,
            policy_override,
        } => Msg::ChangeApplied {
            result: apply_change(&ctx, &change, &approval, policy_override.as_ref()).await,
        },
        Task::LoadOutsideMoves { ticket, models } => Msg::OutsideMoves {
            ticket,
            result: ops::audit_trail::outside_moves(ctx.audit.as_ref(), &b.store, &models),
        },
        Task::CheckPolicy { plan, mover } => {
            let result = ops::policy::checklist(
                b,
                &ctx.config,
                &ctx.settings,
                &plan,
                &mover,
                ctx.audit.as_ref(),
            )
            .await;
            Msg::PolicyChecked { plan, result }
        }
        Task::ApproveRequest { key, approver } => Msg::RequestApproved {
            result: approve_request(&ctx, &key, &approver).await,
            key,
        },
        Task::MakeRequest {
            key,
            requester,
            reason,
        } => Msg::RequestMade {
            result: make_request(&ctx, &key, &requester, &reason).await,
            key,
        },
        Task::WithdrawRequest { key, who } => Msg::RequestWithdrawn {
            result: withdraw_request(&ctx, &key, &who).await,
            key,
        },
        Task::PlanRollback { model, alias } => Msg::RollbackPlanned {
            result: promote::rollback_plan(b, &model, &alias, ctx.audit.as_ref()).await,
        },
        Task::LoadAlerts { ticket, now } => Msg::AlertsLoaded {
            ticket,
            result: ops::acks::evaluate(
                b,
                &ctx.monitoring,
                &ctx.settings,
                &ctx.alert_rules,
                ctx.acks.as_ref(),
                now,
            )
            .await,
        },
        Task::RecordAck { ack } => {
            let result = ops::acks::record(b, ctx.acks.as_ref(), &ack)
                .await
                .map(|kept| kept.to_string());
            Msg::AlertAnswered {
                ack,
                taken_back: false,
                result,
            }
        }
        Task::WithdrawAck { ack } => {
            let result = match promote::writer(b) {
                Ok(w) => ops::acks::remove(w, ctx.acks.as_ref(), &ack).await,
                Err(e) => Err(e),
            };
            Msg::AlertAnswered {
                ack,
                taken_back: true,
                result: result.map(|()| String::new()),
            }
        }
        Task::LoadAudit { model } => {
            let result = promote::history(b, &model, ctx.audit.as_ref())
                .await
                .map(|(_, entries)| entries);
            Msg::AuditLoaded { model, result }
        }
        Task::LoadPrs { ticket } => Msg::PrsLoaded {
            ticket,
            result: load_prs(ctx.github.as_deref()).await,
        },
        Task::OpenPromotionPr { plan, approval } => Msg::PrOpened {
            result: super::pr::open(
                &ctx.backend,
                &ctx.settings,
                ctx.github.as_deref(),
                plan,
                approval,
            )
            .await,
        },
        Task::OpenUrl(url) => super::browser::open(&url).await,
        Task::LoadIdentity => Msg::Identity(ops::identity::who("").await),
        Task::SaveRunsCache(listing) => {
            let cache = ctx.cache?;
            let wrote = tokio::task::spawn_blocking(move || cache.save(&listing)).await;
            if let Ok(Err(e)) = wrote {
                tracing::warn!(error = %e, "cannot keep the runs cache");
            }
            return None;
        }
        Task::RememberExperiments(ids) => {
            let memory = ctx.memory?;
            let wrote =
                tokio::task::spawn_blocking(move || memory.remember_experiments(&ids)).await;
            if let Ok(Err(e)) = wrote {
                tracing::warn!(error = %e, "cannot remember the experiments shown");
            }
            return None;
        }
    })
}

/// An approved change, through the same use cases as the CLI's (the policy judges alias moves).
async fn apply_change(
    ctx: &Context,
    change: &Change,
    approval: &crate::domain::change::Approval,
    policy_override: Option<&crate::domain::policy::Override>,
) -> Result<crate::domain::change::Outcome, crate::domain::change::ChangeError> {
    let audit = ctx.audit.as_ref();
    match change {
        Change::Alias(plan) => {
            let enforcement = ops::policy::Enforcement {
                override_: policy_override,
                ..ops::policy::Enforcement::direct(&ctx.config)
            };
            promote::execute(&ctx.backend, plan, approval, &enforcement, audit).await
        }
        Change::Baseline(plan) => {
            ops::baseline::move_to(&ctx.backend, plan, approval, &ctx.settings, audit).await
        }
    }
}

async fn load_prs(
    github: Option<&GitHubLink>,
) -> Result<Vec<crate::domain::pull_request::PullRequest>, String> {
    let github = github.ok_or("no GitHub repository configured")?;
    let client = github.client().await?;
    let result = ops::gitops::open_prs(client.as_ref(), &github.settings).await;
    if let Err(e) = &result
        && e.is_bad_token()
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

fn schedule(task: &Task) -> Schedule {
    match task {
        Task::LoadExperiments { .. } => Schedule::Slot(Slot::Experiments),
        Task::LoadRuns { .. }
        | Task::ListAllRuns { .. }
        | Task::LoadRunChanges { .. }
        | Task::StopRuns => Schedule::Slot(Slot::Runs),
        Task::LoadBaselines { .. } => Schedule::Slot(Slot::Baselines),
        Task::LoadModels { .. } => Schedule::Slot(Slot::Models),
        Task::LoadAlerts { .. } => Schedule::Slot(Slot::Alerts),
        Task::LoadPrs { .. } => Schedule::Slot(Slot::Prs),
        Task::LoadSparklines { .. } | Task::LoadRun { .. } | Task::LoadHistories { .. } => {
            Schedule::Limited
        }
        Task::ApplyChange { .. }
        | Task::RecordAck { .. }
        | Task::WithdrawAck { .. }
        | Task::PlanRollback { .. }
        | Task::ApproveRequest { .. }
        | Task::WithdrawRequest { .. }
        | Task::MakeRequest { .. }
        | Task::CheckPolicy { .. }
        | Task::LoadOutsideMoves { .. }
        | Task::LoadAudit { .. }
        | Task::OpenPromotionPr { .. }
        | Task::OpenUrl(_)
        | Task::LoadIdentity
        | Task::SaveRunsCache(_)
        | Task::RememberExperiments(_) => Schedule::Now,
    }
}

/// Approves a promotion request as `approver`, the move read from the store now.
async fn approve_request(
    ctx: &Context,
    key: &RequestKey,
    approver: &str,
) -> Result<crate::domain::policy::PolicyVerdict, crate::domain::change::ChangeError> {
    let b = &ctx.backend;
    let now = current_move(ctx, key).await?;
    let m = now.as_move();
    let (verdict, _, warnings) =
        ops::requests::approve(b, &ctx.config, &m, approver, ctx.audit.as_ref()).await?;
    for w in warnings {
        tracing::warn!(warning = %w, "approval recorded");
    }
    Ok(verdict)
}

/// The move `key` names, as the store holds it now.
async fn current_move(
    ctx: &Context,
    key: &RequestKey,
) -> Result<ops::requests::Current, crate::domain::change::ChangeError> {
    ops::requests::current(
        &ctx.backend,
        &ctx.settings,
        &key.model,
        &key.version,
        &key.alias,
    )
    .await
}

/// Records a promotion request as `requester`.
async fn make_request(
    ctx: &Context,
    key: &RequestKey,
    requester: &str,
    reason: &str,
) -> Result<crate::domain::policy::PolicyVerdict, crate::domain::change::ChangeError> {
    let b = &ctx.backend;
    let now = current_move(ctx, key).await?;
    let m = now.as_move();
    let (_, verdict, warnings) =
        ops::requests::request(b, &ctx.config, &m, requester, reason, ctx.audit.as_ref()).await?;
    for w in warnings {
        tracing::warn!(warning = %w, "request recorded");
    }
    Ok(verdict)
}

/// Withdraws a promotion request as `who`.
async fn withdraw_request(
    ctx: &Context,
    key: &RequestKey,
    who: &str,
) -> Result<Vec<String>, crate::domain::change::ChangeError> {
    let b = &ctx.backend;
    let now = current_move(ctx, key).await?;
    let m = now.as_move();
    ops::requests::withdraw(b, &m, who, ctx.audit.as_ref()).await
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

    /// Starts a task.
    pub fn spawn(&mut self, task: Task) {
        let how = schedule(&task);
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
            let started = std::time::Instant::now();
            // The receiver is gone only when the app is exiting.
            perform(ctx, task, &mut |msg| {
                let _ = inbox.send(msg);
            })
            .await;
            if let Schedule::Slot(slot) = how {
                tracing::debug!(?slot, ms = started.elapsed().as_millis(), "task done");
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

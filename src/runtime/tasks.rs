//! Executes effects as tokio tasks that answer into the inbox.
//!
//! Fetches that replace each other (the run list, experiments, baselines, models) live in a
//! slot: a new one aborts the one before it. Fetches by id (runs, histories, sparklines) share
//! a small concurrency limit so a burst of them never floods the server.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::app::{Effect, Msg};
use crate::backends::Backend;
use crate::domain::ReviewSettings;
use crate::domain::promotion::Change;
use crate::ops;
use crate::ops::audit::AuditLog;
use crate::ops::promote;

/// Requests by id in flight at once.
const PARALLEL_FETCHES: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Experiments,
    Runs,
    Baselines,
    Models,
}

pub struct Executor {
    backend: Backend,
    settings: Arc<ReviewSettings>,
    audit: Option<AuditLog>,
    inbox: UnboundedSender<Msg>,
    slots: HashMap<Slot, JoinHandle<()>>,
    limit: Arc<Semaphore>,
}

impl Executor {
    pub fn new(
        backend: Backend,
        settings: ReviewSettings,
        audit: Option<AuditLog>,
        inbox: UnboundedSender<Msg>,
    ) -> Self {
        Self {
            backend,
            settings: Arc::new(settings),
            audit,
            inbox,
            slots: HashMap::new(),
            limit: Arc::new(Semaphore::new(PARALLEL_FETCHES)),
        }
    }

    fn in_slot<F>(&mut self, slot: Slot, fut: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        if let Some(old) = self.slots.remove(&slot) {
            old.abort();
        }
        let inbox = self.inbox.clone();
        let handle = tokio::spawn(async move {
            // The receiver is gone only when the app is exiting.
            let _ = inbox.send(fut.await);
        });
        self.slots.insert(slot, handle);
    }

    /// Changes are never aborted or queued behind fetches: once sent, they run to the end.
    fn unlimited<F>(&self, fut: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        let inbox = self.inbox.clone();
        tokio::spawn(async move {
            let _ = inbox.send(fut.await);
        });
    }

    fn limited<F>(&self, fut: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        let inbox = self.inbox.clone();
        let limit = self.limit.clone();
        tokio::spawn(async move {
            let Ok(_permit) = limit.acquire_owned().await else {
                return;
            };
            let _ = inbox.send(fut.await);
        });
    }

    /// Starts the task for a fetch. `Quit` and `OpenDemo` belong to the event loop.
    pub fn spawn(&mut self, effect: Effect) {
        let b = self.backend.clone();
        match effect {
            Effect::Quit | Effect::OpenDemo => {}
            Effect::ApplyChange { change, approval } => {
                let (settings, audit) = (self.settings.clone(), self.audit.clone());
                self.unlimited(async move {
                    let result = match &change {
                        Change::Alias(plan) => {
                            promote::execute(&b, plan, &approval, audit.as_ref()).await
                        }
                        Change::Baseline(plan) => {
                            ops::baseline::move_to(&b, plan, &approval, &settings, audit.as_ref())
                                .await
                        }
                    };
                    Msg::ChangeApplied { result }
                });
            }
            Effect::PlanRollback { model, alias } => {
                let audit = self.audit.clone();
                self.unlimited(async move {
                    Msg::RollbackPlanned {
                        result: promote::rollback_plan(&b, &model, &alias, audit.as_ref()).await,
                    }
                });
            }
            Effect::LoadAudit { model } => {
                let audit = self.audit.clone();
                self.unlimited(async move {
                    let result = promote::history(&b, &model, audit.as_ref())
                        .await
                        .map(|(_, entries)| entries);
                    Msg::AuditLoaded { model, result }
                });
            }
            Effect::LoadExperiments { ticket } => self.in_slot(Slot::Experiments, async move {
                Msg::ExperimentsLoaded {
                    ticket,
                    result: ops::experiments::load(&b).await,
                }
            }),
            Effect::LoadRuns {
                ticket,
                query,
                page_token,
            } => self.in_slot(Slot::Runs, async move {
                Msg::RunsLoaded {
                    ticket,
                    result: b.runs.search_runs(&query, page_token.as_deref()).await,
                }
            }),
            Effect::LoadBaselines {
                ticket,
                experiments,
            } => {
                let settings = self.settings.clone();
                self.in_slot(Slot::Baselines, async move {
                    Msg::BaselinesLoaded {
                        ticket,
                        result: ops::baseline::for_experiments(&b, &experiments, &settings).await,
                    }
                });
            }
            Effect::LoadModels { ticket } => self.in_slot(Slot::Models, async move {
                Msg::ModelsLoaded {
                    ticket,
                    result: b.registry.models().await,
                }
            }),
            Effect::LoadSparklines {
                ticket,
                metric,
                runs,
                points,
            } => self.limited(async move {
                let result = b.runs.sampled_histories(&runs, &metric, points).await;
                Msg::SparklinesLoaded {
                    ticket,
                    metric,
                    result,
                }
            }),
            Effect::LoadRun { id } => self.limited(async move {
                let result = b.runs.run(&id).await;
                Msg::RunLoaded { id, result }
            }),
            Effect::LoadHistory { run, metric } => self.limited(async move {
                let result = b.runs.metric_history(&run, &metric).await;
                Msg::HistoryLoaded {
                    run,
                    metric,
                    result,
                }
            }),
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

//! The store contract: what every tracker and registry backend implements, and the query
//! language they all speak.
//!
//! [`RunStore`] lists experiments, runs and metric histories; [`ModelRegistry`] lists registered
//! models with their versions and aliases; [`Writer`] moves aliases and writes tags. The MLflow
//! REST client and the local sqlite store implement all three, the W&B client the same, the DVC
//! store [`RunStore`], and GTO a registry and writer over a git repository's tags.
//!
//! The query language ([`query`]: MLflow's filter grammar, `order_by` and page tokens) lives
//! here, not in a backend, because every backend interprets it: as SQL (sqlite), in memory
//! ([`run_search`], for stores without a query engine) and as a W&B query. So each backend
//! depends on this module and on no other backend.

mod error;
mod pages;
pub mod python_json;
pub mod query;
pub mod run_search;

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;

pub use self::error::{BackendError, gateway_page, innermost};
pub use self::pages::Pages;
use crate::domain::{
    Experiment, ExperimentId, MetricPoint, RegisteredModel, Run, RunId, StoreIdentity, VersionId,
};

/// Names of registered models that are clearance's leases, not models: a lease is created
/// while clearance moves an alias over MLflow's REST API and deleted after (README, "Promotion
/// is safe"). Listings hide them.
pub const LEASE_MODEL_PREFIX: &str = "clearance.lease.";

/// Whether a registered model is one of clearance's leases (or a lease taken over after its
/// holder crashed), to be hidden from listings.
pub fn is_lease_model(name: &str) -> bool {
    name.starts_with(LEASE_MODEL_PREFIX)
}

/// A run search: which experiments, an optional filter expression, and an order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunQuery {
    pub experiment_ids: Vec<ExperimentId>,
    /// An MLflow search expression (`metrics.loss < 0.5 and params.model = 'xgb'`).
    pub filter: Option<String>,
    /// MLflow `order_by` clauses (`metrics.accuracy DESC`).
    pub order_by: Vec<String>,
    pub page_size: u32,
}

impl RunQuery {
    /// The filter, when there is one beyond blanks.
    pub fn filter_text(&self) -> Option<&str> {
        self.filter
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
    }

    /// A store's complaint about this query, saying what was rejected: the filter, else the
    /// order (as the REST client words the server's).
    pub fn explain(&self, e: BackendError) -> BackendError {
        match (e, self.filter_text()) {
            (BackendError::InvalidRequest(msg), Some(f)) => {
                BackendError::InvalidRequest(format!("the filter '{f}' was rejected: {msg}"))
            }
            (BackendError::InvalidRequest(msg), None) if !self.order_by.is_empty() => {
                BackendError::InvalidRequest(format!(
                    "the order '{}' was rejected: {msg}",
                    self.order_by.join(", ")
                ))
            }
            (e, _) => e,
        }
    }
}

/// One page of runs and the token for the next, if there is one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunPage {
    pub runs: Vec<Run>,
    pub next_page_token: Option<String>,
}

/// Sampled histories of one metric for several runs, by run.
/// Runs a page of a whole listing asks for (MLflow's default page): a listing of every run
/// (`clearance runs`, `G`) pays the server's cost per request as few times as it can.
pub const LISTING_PAGE: u32 = 1000;

pub type SampledHistories = BTreeMap<RunId, Vec<MetricPoint>>;

/// Batches of a listing as a store reads them; an error ends it.
pub type RunBatches = tokio::sync::mpsc::Receiver<Result<Vec<Run>, BackendError>>;

/// Experiments, runs and metric histories.
#[async_trait]
pub trait RunStore: Send + Sync {
    /// Active experiments, newest change first.
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError>;

    /// One page of runs. `page_token` is what the previous page returned.
    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError>;

    /// One run with its latest metrics, params and tags.
    async fn run(&self, id: &RunId) -> Result<Run, BackendError>;

    /// Every logged point of one metric of one run, in step order.
    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError>;

    /// Whether a whole listing is worth splitting into disjoint `start_time` ranges fetched at
    /// once (`ops::runs`): true for a server that pays for every run it serves (MLflow over
    /// REST), false for stores that answer a page in microseconds or have no such attribute.
    fn lists_concurrently(&self) -> bool {
        false
    }

    /// A page of one of the ranges a concurrent listing reads at once: [`Self::search_runs`],
    /// asked so that the server's workers share the pages. A server of several worker
    /// processes on one socket (`mlflow server --workers N`), or several replicas behind a
    /// load balancer that balances connections, is shared out per connection, not per
    /// request: pages asked on connections that one worker happened to accept all wait for
    /// that worker. MLflow asks each on a connection of its own. A store that wraps another
    /// forwards this as well, or its range pages go the pooled way.
    async fn search_runs_spread(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        self.search_runs(query, page_token).await
    }

    /// A whole listing read in one pass, for a store that can (a sqlite file): batches of
    /// `query.page_size` runs in the query's order, sent as they are read. `None`: the store
    /// pages, and a listing follows its page tokens.
    fn stream_runs(&self, query: &RunQuery) -> Option<RunBatches> {
        let _ = query;
        None
    }

    /// At most `max_points` evenly sampled points of one metric for each run (first and last
    /// step kept), for sparklines and the comparison chart. Runs without the metric are absent
    /// from the map.
    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError>;
}

/// Registered models, versions and aliases.
#[async_trait]
pub trait ModelRegistry: Send + Sync {
    /// Every registered model with all its versions (newest first) and aliases.
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError>;

    /// One model with all its versions and aliases.
    async fn model(&self, name: &str) -> Result<RegisteredModel, BackendError>;
}

/// The changes promotion makes: alias moves, version tags and run tags.
#[async_trait]
pub trait Writer: Send + Sync {
    /// Points `alias` of `model` at `to`, but only while it still points at `expected`
    /// (`None`: the alias is unset). Otherwise nothing changes and the answer is
    /// [`BackendError::Conflict`] naming where the alias points now.
    ///
    /// `Ok` means the move was seen to land on the checked state. Stores with transactions
    /// (the sqlite store) check and write atomically. Stores without a conditional write
    /// check by reading just before writing and read back after: MLflow over REST does both
    /// under a lease that excludes other clearance processes ([`BackendError::Busy`] when one
    /// holds it too long), and watches the alias while its write is in flight; a move by
    /// another writer that it sees around its own is [`BackendError::Interleaved`] (the
    /// write landed; nothing is undone). A foreign move that lands just before this one and
    /// is overwritten without a trace cannot be seen by any client of a store that keeps no
    /// history of alias moves; callers verify the final state once more
    /// (`ops::promote::execute`).
    async fn move_alias(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
    ) -> Result<(), BackendError>;

    /// Removes an alias (no error when it is already gone).
    async fn delete_alias(&self, model: &str, alias: &str) -> Result<(), BackendError>;

    /// Whether [`Writer::move_alias`] answering `Ok` already means "exactly this move
    /// landed on the state checked", established under exclusion: the sqlite store checks and
    /// writes in one transaction, and the MLflow REST writer reads back under its lease.
    /// Promotion then reads nothing back itself: a read after the exclusion ended may show
    /// the next holder's legitimate move, which is no failure of this one.
    fn verifies_moves(&self) -> bool {
        false
    }

    /// Whether a move carries its own durable record: GTO writes the note of
    /// [`Writer::move_alias_noted`] as the message of the tag it creates. Promotion then
    /// writes no version tags; the registry reads the record back from the move.
    fn records_moves(&self) -> bool {
        false
    }

    /// [`Writer::move_alias`], with the approval record as `note` for stores that keep it
    /// with the move ([`Writer::records_moves`]); the others ignore it.
    async fn move_alias_noted(
        &self,
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        to: &VersionId,
        note: &str,
    ) -> Result<(), BackendError> {
        let _ = note;
        self.move_alias(model, alias, expected, to).await
    }

    /// [`Writer::delete_alias`], with a note as for [`Writer::move_alias_noted`].
    async fn delete_alias_noted(
        &self,
        model: &str,
        alias: &str,
        note: &str,
    ) -> Result<(), BackendError> {
        let _ = note;
        self.delete_alias(model, alias).await
    }

    /// Sets a tag on a model version.
    async fn set_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
        value: &str,
    ) -> Result<(), BackendError>;

    /// Removes a tag from a model version (no error when it is already gone).
    async fn delete_version_tag(
        &self,
        model: &str,
        version: &VersionId,
        key: &str,
    ) -> Result<(), BackendError>;

    /// Whether [`Writer::set_model_tag`] keeps tags on registered models (MLflow over REST
    /// and its sqlite store). Records that belong with a model (alert acknowledgements) go
    /// to a local file in the state dir where it does not.
    fn keeps_model_tags(&self) -> bool {
        false
    }

    /// Sets a tag on a registered model (the freeze switch). A store that keeps no tags on
    /// models answers [`BackendError::Store`] saying so.
    async fn set_model_tag(&self, model: &str, key: &str, value: &str) -> Result<(), BackendError> {
        let _ = (key, value);
        Err(BackendError::Store(format!(
            "this store keeps no tags on registered models, so nothing can be recorded on '{model}'"
        )))
    }

    /// Removes a tag from a registered model (no error when it is already gone).
    async fn delete_model_tag(&self, model: &str, key: &str) -> Result<(), BackendError> {
        let _ = key;
        Err(BackendError::Store(format!(
            "this store keeps no tags on registered models, so nothing can be removed from \
             '{model}'"
        )))
    }

    /// Sets a tag on a run.
    async fn set_run_tag(&self, run: &RunId, key: &str, value: &str) -> Result<(), BackendError>;

    /// Removes a tag from a run (no error when it is already gone).
    async fn delete_run_tag(&self, run: &RunId, key: &str) -> Result<(), BackendError>;
}

/// A connected backend: a run store, a registry and a line that says what it is.
#[derive(Clone)]
pub struct Backend {
    pub runs: Arc<dyn RunStore>,
    pub registry: Arc<dyn ModelRegistry>,
    /// `None` when the store cannot be written (read-only mode, an unknown schema): the
    /// reason is in `read_only_reason`.
    pub writer: Option<Arc<dyn Writer>>,
    pub read_only_reason: Option<String>,
    /// Which store this is: its label (`MLflow at http://127.0.0.1:5000`) for the status bar
    /// and messages, and the key its records are filed under; neither holds credentials.
    pub store: StoreIdentity,
}

impl Backend {
    /// `MLflow at http://127.0.0.1:5000`: what people read.
    pub fn label(&self) -> &str {
        self.store.label()
    }
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

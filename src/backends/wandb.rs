//! Weights & Biases over its GraphQL API (`POST {base}/graphql`), with reqwest.
//!
//! What clearance's words mean on W&B:
//!
//! * **Experiment**: the configured project (`entity/project`); its id is `entity/project`
//!   and its name the project's. W&B groups stay groups: they show as the `wandb.group` tag
//!   and can be filtered on (`tags.wandb.group = 'x'`), because a run belongs to exactly one
//!   project but groups are optional and nest nothing.
//! * **Run**: a W&B run; its id is the run's `name` (the id in W&B's URLs). Config is the
//!   params, summary the latest metrics, tags are labels (`baseline` reads as
//!   `baseline=true`). See the `convert` module for every field.
//! * **Baseline**: the newest run tagged `baseline` (the `[baseline] tag`), found with
//!   `{"tags": {"$in": ["baseline"]}}` exactly as the SDK finds tagged runs.
//! * **Registered model**: with a registry configured, each collection of the registry
//!   (`wandb-registry-<name>`, owned by the organization's entity, resolved once with
//!   `FetchOrgInfoFromEntity`); without one, each collection of type `model` (configurable) in
//!   the project. Versions are numbered as the collection numbers them (`v3`), aliases are the
//!   collection's (`latest` included, since W&B keeps it; the implicit `vN` left out).
//! * **Promotion**: `AddAliases` on the new version (W&B takes the alias off the old one: an
//!   alias is unique within a collection), after checking that the alias is still where the
//!   reviewer saw it, then a read to make sure the old version lost it. The audit record
//!   goes into the version's metadata (`UpdateArtifact`), where W&B's UI shows it.
//!
//! Runs arrive in Relay pages (`first`/`after`), the cursor being the page token; histories
//! come from `sampledHistory`, several runs per request. Every query is the SDK's own text
//! (`ops`); `transport` does auth, retries and error mapping.

mod auth;
mod convert;
mod dto;
mod filter;
mod history;
mod json;
mod ops;
mod registry;
mod transport;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::json;
use url::Url;

pub use self::auth::{ApiKey, KeyOrigin, discover as discover_key};
use self::dto::{ProjectOnly, RunData, RunsData};
use crate::domain::{Experiment, ExperimentId, MetricPoint, RegisteredModel, Run, RunId};
use crate::store::{BackendError, ModelRegistry, RunPage, RunQuery, RunStore, SampledHistories};

/// W&B's multi-tenant cloud API.
pub const DEFAULT_BASE_URL: &str = "https://api.wandb.ai";
/// Runs per page at most (W&B serves larger pages slowly; the SDK's default is 50).
const MAX_RUNS_PAGE: u32 = 1000;

/// An entity and a project: where runs, or a registry's collections, live.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scope {
    pub entity: String,
    pub project: String,
}

impl Scope {
    pub fn new(entity: impl Into<String>, project: impl Into<String>) -> Self {
        Self {
            entity: entity.into(),
            project: project.into(),
        }
    }

    /// `ENTITY/PROJECT`, as `--wandb` takes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().split_once('/') {
            Some((e, p)) if !e.is_empty() && !p.is_empty() && !p.contains('/') => {
                Ok(Self::new(e, p))
            }
            _ => Err(format!(
                "'{text}' is not a W&B project: write ENTITY/PROJECT, e.g. acme/churn"
            )),
        }
    }

    fn from_info(p: &dto::ProjectInfo, home: &Scope) -> Self {
        Self::new(
            p.entity
                .as_ref()
                .map_or_else(|| home.entity.clone(), |e| e.name.clone()),
            p.name.clone(),
        )
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.entity, self.project)
    }
}

/// How often and how long to try again when W&B rate limits or fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    /// The first wait after a 5xx; doubled each time.
    pub backoff: Duration,
    /// The longest `RateLimit-Reset` clearance waits out by itself; a longer one is
    /// reported at once with the time to wait.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(20),
        }
    }
}

/// Everything needed to talk to one W&B server about one project.
#[derive(Debug, Clone)]
pub struct WandbSettings {
    /// `https://api.wandb.ai`, a dedicated cloud's or a self-managed server's address.
    pub base_url: Url,
    pub project: Scope,
    /// A registry's name (`model` for `wandb-registry-model`); `None`: the project's own
    /// collections are the registered models.
    pub registry: Option<String>,
    /// The artifact type of model collections in the project (`model`).
    pub artifact_type: String,
    pub api_key: ApiKey,
    /// Where the key came from, for messages.
    pub key_origin: KeyOrigin,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub retry: RetryPolicy,
}

/// The organization a registry belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Organization {
    /// What `organization(name:)` takes.
    name: String,
    /// The entity that owns `wandb-registry-*` projects.
    entity: String,
}

/// A W&B project and (optionally) registry.
#[derive(Debug)]
pub struct WandbClient {
    http: reqwest::Client,
    settings: WandbSettings,
    endpoint: String,
    target: String,
    org: tokio::sync::OnceCell<Organization>,
}

impl WandbClient {
    /// A client; nothing is sent until the first call. Refuses a base URL with credentials in
    /// it (they would show in messages): the key belongs in `WANDB_API_KEY` or `~/.netrc`.
    pub fn new(settings: WandbSettings) -> Result<Self, BackendError> {
        let base = crate::domain::store::public_url(&settings.base_url);
        let target = format!("W&B at {base}");
        if !settings.base_url.username().is_empty() || settings.base_url.password().is_some() {
            return Err(BackendError::InvalidRequest(format!(
                "the W&B address for {} holds credentials: give the address alone and the key \
                 in WANDB_API_KEY or ~/.netrc",
                settings.base_url.host_str().unwrap_or("the server")
            )));
        }
        let http = super::http::client()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .user_agent(concat!("clearance/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BackendError::Unreachable {
                target: target.clone(),
                detail: format!("could not set up HTTP: {e}"),
            })?;
        Ok(Self {
            http,
            endpoint: format!(
                "{}/graphql",
                settings.base_url.as_str().trim_end_matches('/')
            ),
            target,
            settings,
            org: tokio::sync::OnceCell::new(),
        })
    }

    /// `W&B lab/churn at https://api.wandb.ai` (and the registry, when there is one).
    pub fn label(&self) -> String {
        self.identity().label().to_owned()
    }

    /// The project (and registry) as a store: label and record key.
    pub fn identity(&self) -> crate::domain::StoreIdentity {
        crate::domain::StoreIdentity::wandb(
            &self.settings.base_url,
            &self.settings.project.to_string(),
            self.settings.registry.as_deref(),
        )
    }

    fn home(&self) -> &Scope {
        &self.settings.project
    }

    /// A run id as a project and a name: `name` in the configured project, or
    /// `entity/project/name`.
    fn locate(&self, id: &RunId) -> Result<(Scope, String), BackendError> {
        let parts: Vec<&str> = id.as_str().split('/').collect();
        match parts.as_slice() {
            [name] if !name.is_empty() => Ok((self.home().clone(), (*name).to_owned())),
            [e, p, name] if !e.is_empty() && !p.is_empty() && !name.is_empty() => {
                Ok((Scope::new(*e, *p), (*name).to_owned()))
            }
            _ => Err(BackendError::InvalidRequest(format!(
                "'{id}' is not a W&B run id: write the run's id (as in its URL), or \
                 ENTITY/PROJECT/ID for a run of another project"
            ))),
        }
    }

    /// The run's Relay id and tags (what the tag mutation needs).
    async fn run_dto(&self, id: &RunId) -> Result<(Scope, dto::RunDto), BackendError> {
        let (scope, name) = self.locate(id)?;
        let data: RunData = self
            .query(
                "Run",
                ops::RUN,
                json!({"entity": scope.entity, "project": scope.project, "name": name}),
            )
            .await?;
        let project = data.project.ok_or_else(|| self.no_project(&scope))?;
        let run = project.run.ok_or_else(|| {
            BackendError::NotFound(format!("run '{id}' not found in W&B project {scope}"))
        })?;
        Ok((scope, run))
    }

    fn no_project(&self, scope: &Scope) -> BackendError {
        BackendError::NotFound(format!(
            "{} has no project {scope}, or the API key from {} cannot see it",
            self.target, self.settings.key_origin
        ))
    }
}

#[async_trait]
impl RunStore for WandbClient {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        let scope = self.home();
        let data: ProjectOnly = self
            .query(
                "IsProjectReadOnly",
                ops::IS_PROJECT_READ_ONLY,
                json!({"entity": scope.entity, "project": scope.project}),
            )
            .await?;
        if data.project.is_none() {
            return Err(self.no_project(scope));
        }
        Ok(vec![Experiment {
            id: ExperimentId::new(scope.to_string()),
            name: scope.project.clone(),
            lifecycle: crate::domain::Lifecycle::Active,
            last_update_ms: None,
            tags: std::collections::BTreeMap::new(),
        }])
    }

    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        // Several projects page one after the other: the token is `<index>|<cursor>`.
        let (index, cursor) = match page_token.and_then(|t| t.split_once('|')) {
            Some((i, c)) => (
                i.parse::<usize>().map_err(|_| {
                    BackendError::InvalidRequest(format!("'{i}' is not a page token of clearance"))
                })?,
                Some(c).filter(|c| !c.is_empty()),
            ),
            None => (0, None),
        };
        let Some(experiment) = query.experiment_ids.get(index) else {
            return Ok(RunPage::default());
        };
        // An experiment id is `entity/project`.
        let scope = Scope::parse(experiment.as_str()).map_err(BackendError::InvalidRequest)?;
        let filter = query
            .filter
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty());
        let filters = filter::translate(filter).map_err(|e| {
            BackendError::InvalidRequest(match filter {
                Some(f) => format!("the filter '{f}' cannot be searched on W&B: {e}"),
                None => e,
            })
        })?;
        let order = filter::order(&query.order_by).map_err(|e| {
            BackendError::InvalidRequest(format!(
                "the order '{}' cannot be used on W&B: {e}",
                query.order_by.join(", ")
            ))
        })?;
        let data: RunsData = self
            .query(
                "Runs",
                ops::RUNS,
                json!({
                    "entity": scope.entity,
                    "project": scope.project,
                    "cursor": cursor,
                    "perPage": query.page_size.clamp(1, MAX_RUNS_PAGE),
                    "order": order,
                    "filters": filters.to_string(),
                }),
            )
            .await
            .map_err(|e| match (e, filter) {
                (BackendError::InvalidRequest(msg), Some(f)) => {
                    BackendError::InvalidRequest(format!("the filter '{f}' was rejected: {msg}"))
                }
                (e, _) => e,
            })?;
        let project = data.project.ok_or_else(|| self.no_project(&scope))?;
        let conn = project.runs.unwrap_or_default();
        let runs = conn
            .edges
            .into_iter()
            .filter_map(|e| e.node)
            .map(|dto| convert::run(dto, self.home(), &scope))
            .collect::<Result<Vec<Run>, String>>()
            .map_err(|detail| BackendError::Decode {
                what: format!("{}'s runs of {scope}", self.target),
                detail,
            })?;
        let next = match conn.page_info.end_cursor.filter(|c| !c.is_empty()) {
            Some(c) if conn.page_info.has_next_page => Some(format!("{index}|{c}")),
            _ if index + 1 < query.experiment_ids.len() => Some(format!("{}|", index + 1)),
            _ => None,
        };
        Ok(RunPage {
            runs,
            next_page_token: next,
        })
    }

    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        let (scope, dto) = self.run_dto(id).await?;
        convert::run(dto, self.home(), &scope).map_err(|detail| BackendError::Decode {
            what: format!("{}'s run '{id}'", self.target),
            detail,
        })
    }

    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError> {
        self.full_history(run, key).await
    }

    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError> {
        self.sampled(runs, key, max_points).await
    }
}

#[async_trait]
impl ModelRegistry for WandbClient {
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        self.all_models().await
    }

    async fn model(&self, name: &str) -> Result<RegisteredModel, BackendError> {
        self.one_model(name).await.map(|(m, _)| m)
    }
}

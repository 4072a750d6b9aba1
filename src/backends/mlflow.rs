//! MLflow over its REST API (`/api/2.0/mlflow/...`), with reqwest.
//!
//! Quirks handled here (see `shared/reference/mlflow-rest.md` §5): NaN arrives as the string
//! `"NaN"` and infinities as ±`f64::MAX`; empty results are `{}` with 200; misses are sometimes
//! 200, sometimes 400, sometimes 404; ids and versions are strings; every list is paged and
//! capped differently.

mod convert;
mod dto;
mod lease;
mod stream;
mod value;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_trait::async_trait;
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use self::dto::{
    ErrorDto, GetModelResponse, GetRunResponse, MetricsResponse, SearchExperimentsResponse,
    SearchModelsResponse, SearchRunsResponse, SearchVersionsResponse,
};
use crate::domain::{
    Experiment, Lifecycle, MetricPoint, ModelVersion, RegisteredModel, Run, RunId, StoreIdentity,
};
use crate::store::{
    BackendError, ModelRegistry, Pages, RunPage, RunQuery, RunStore, SampledHistories, innermost,
};

/// Run ids per `get-history-bulk-interval` call (the server's limit).
const BULK_RUN_IDS: usize = 100;
/// Points per page when reading a full history; bounds a single response's size.
const HISTORY_PAGE: u32 = 25_000;
/// Registered models per page (the server's maximum).
const MODELS_PAGE: u32 = 1_000;
/// Model versions per page.
const VERSIONS_PAGE: u32 = 10_000;

/// How to authenticate. The secret never appears in `Debug` output or messages.
#[derive(Clone, Default)]
pub enum Auth {
    #[default]
    None,
    /// `MLFLOW_TRACKING_TOKEN`, sent as `Authorization: Bearer`.
    Bearer(String),
    /// `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`, sent as HTTP basic auth.
    Basic { username: String, password: String },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::None => f.write_str("None"),
            Self::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Self::Basic { username, .. } => write!(f, "Basic({username}:<redacted>)"),
        }
    }
}

impl Auth {
    /// Reads MLflow's own environment variables, as the Python client does.
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(token) = var("MLFLOW_TRACKING_TOKEN") {
            Self::Bearer(token)
        } else if let (Some(username), Some(password)) = (
            var("MLFLOW_TRACKING_USERNAME"),
            var("MLFLOW_TRACKING_PASSWORD"),
        ) {
            Self::Basic { username, password }
        } else {
            Self::None
        }
    }
}

/// Everything needed to talk to one tracking server.
#[derive(Debug, Clone)]
pub struct MlflowSettings {
    pub base_url: Url,
    pub auth: Auth,
    /// `MLFLOW_TRACKING_INSECURE_TLS=true`: accept any certificate.
    pub insecure_tls: bool,
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

impl MlflowSettings {
    pub fn new(base_url: Url) -> Self {
        Self {
            base_url,
            auth: Auth::from_env(),
            insecure_tls: std::env::var("MLFLOW_TRACKING_INSECURE_TLS")
                .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes")),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
        }
    }
}

/// An MLflow tracking server and model registry.
#[derive(Debug, Clone)]
pub struct MlflowClient {
    http: reqwest::Client,
    /// The client for pages asked on connections of their own ([`Connection::Own`]): one that
    /// keeps no connection open. Made at the first such page (building a client loads the
    /// TLS roots, which the first rows should not wait for).
    unpooled: Arc<OnceLock<reqwest::Client>>,
    settings: MlflowSettings,
    target: String,
}

impl MlflowClient {
    pub fn new(settings: MlflowSettings) -> Result<Self, BackendError> {
        let http = Self::builder(&settings)
            .build()
            .map_err(|e| BackendError::Unreachable {
                target: StoreIdentity::mlflow_server(&settings.base_url)
                    .label()
                    .to_owned(),
                detail: format!("could not set up HTTP: {}", innermost(&e)),
            })?;
        let target = StoreIdentity::mlflow_server(&settings.base_url)
            .label()
            .to_owned();
        Ok(Self {
            http,
            unpooled: Arc::default(),
            settings,
            target,
        })
    }

    /// Every setting of the HTTP client but its pool.
    fn builder(settings: &MlflowSettings) -> reqwest::ClientBuilder {
        super::http::for_address(super::http::client(), &settings.base_url)
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .tls_danger_accept_invalid_certs(settings.insecure_tls)
            .user_agent(concat!("clearance/", env!("CARGO_PKG_VERSION")))
    }

    /// The client a request on `connection` goes through.
    fn client_for(&self, connection: Connection) -> &reqwest::Client {
        match connection {
            Connection::Pooled => &self.http,
            // The same settings as the pooled client, which built: should this one not,
            // the pooled client (with `Connection: close`) is the next best.
            Connection::Own => self.unpooled.get_or_init(|| {
                match Self::builder(&self.settings)
                    .pool_max_idle_per_host(0)
                    .build()
                {
                    Ok(client) => client,
                    Err(e) => {
                        tracing::warn!(
                            error = %innermost(&e),
                            "no client without pooled connections: range pages share them"
                        );
                        self.http.clone()
                    }
                }
            }),
        }
    }

    /// `MLflow at http://127.0.0.1:5000` (never with the credentials of the URL).
    pub fn label(&self) -> &str {
        &self.target
    }

    /// The server as a store: label and record key.
    pub fn identity(&self) -> StoreIdentity {
        StoreIdentity::mlflow_server(&self.settings.base_url)
    }

    fn url(&self, endpoint: &str) -> String {
        format!(
            "{}/api/2.0/mlflow/{endpoint}",
            self.settings.base_url.as_str().trim_end_matches('/')
        )
    }

    fn authorize(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.settings.auth {
            Auth::None => req,
            Auth::Bearer(t) => req.bearer_auth(t),
            Auth::Basic { username, password } => req.basic_auth(username, Some(password)),
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        query: &[(&str, String)],
    ) -> Result<T, BackendError> {
        let req = self.authorize(self.http.get(self.url(endpoint)).query(query));
        self.send(endpoint, req).await
    }

    async fn post<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        endpoint: &str,
        body: &B,
    ) -> Result<T, BackendError> {
        let req = self.authorize(self.http.post(self.url(endpoint)).json(body));
        self.send(endpoint, req).await
    }

    async fn delete<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        endpoint: &str,
        body: &B,
    ) -> Result<T, BackendError> {
        // MLflow's DELETE endpoints read a JSON body, not the query string.
        let req = self.authorize(self.http.delete(self.url(endpoint)).json(body));
        self.send(endpoint, req).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        req: reqwest::RequestBuilder,
    ) -> Result<T, BackendError> {
        let sent = std::time::Instant::now();
        let resp = self.answer(endpoint, req).await?;
        let head_ms = sent.elapsed().as_millis();
        let bytes = super::http::body(resp)
            .await
            .map_err(|e| e.into_backend(&self.target, |e| self.cut_short(e)))?;
        let body_ms = sent.elapsed().as_millis();
        let parsed =
            serde_json::from_slice(&bytes).map_err(|e| self.decode(endpoint, &e, bytes.len()));
        tracing::debug!(
            endpoint,
            head_ms,
            body_ms,
            parsed_ms = sent.elapsed().as_millis(),
            bytes = bytes.len(),
            "mlflow answer"
        );
        parsed
    }

    /// A page of `runs/search` for `query`, asked on `connection`.
    async fn search_page(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
        connection: Connection,
    ) -> Result<RunPage, BackendError> {
        if query.experiment_ids.is_empty() {
            return Ok(RunPage::default());
        }
        let filter = query.filter_text();
        let body = SearchRunsBody {
            experiment_ids: &query.experiment_ids,
            filter,
            order_by: &query.order_by,
            max_results: query.page_size.clamp(1, 50_000),
            run_view_type: "ACTIVE_ONLY",
            page_token,
        };
        let page = self
            .search(&body, connection)
            .await
            // A 400 on a search is about what the person typed: say which part.
            .map_err(|e| query.explain(e))?;
        Ok(RunPage {
            runs: page.runs,
            next_page_token: page.next_page_token.filter(|t| !t.is_empty()),
        })
    }

    /// `runs/search`, its runs read as the answer arrives (see [`stream`]): a page's text is
    /// never held whole.
    async fn search(
        &self,
        body: &SearchRunsBody<'_>,
        connection: Connection,
    ) -> Result<SearchRunsResponse, BackendError> {
        let endpoint = "runs/search";
        let sent = std::time::Instant::now();
        let mut req = self.authorize(
            self.client_for(connection)
                .post(self.url(endpoint))
                .json(body),
        );
        if connection == Connection::Own {
            // The server, or a proxy in between, need not keep it either.
            req = req.header(reqwest::header::CONNECTION, "close");
        }
        let mut resp = self.answer(endpoint, req).await?;
        let head_ms = sent.elapsed().as_millis();
        let mut reader = stream::RunsReader::default();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.cut_short(&e))? {
            reader
                .feed(&chunk)
                .map_err(|e| self.decode(endpoint, &e, reader.bytes()))?;
        }
        let bytes = reader.bytes();
        let parsed = reader
            .finish()
            .map_err(|e| self.decode(endpoint, &e, bytes));
        tracing::debug!(
            endpoint,
            head_ms,
            parsed_ms = sent.elapsed().as_millis(),
            bytes,
            "mlflow answer"
        );
        parsed
    }

    /// The answer to `req` when its status is a success, its body not read yet; any other
    /// answer as the error its body says.
    async fn answer(
        &self,
        endpoint: &str,
        req: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, BackendError> {
        tracing::debug!(endpoint, "mlflow request");
        let resp = req.send().await.map_err(|e| self.transport_error(&e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let bytes = super::http::body(resp)
            .await
            .map_err(|e| e.into_backend(&self.target, |e| self.cut_short(e)))?;
        Err(self.api_error(endpoint, status.as_u16(), &bytes))
    }

    /// A failure once the head arrived: an answer cut short, not "cannot reach".
    fn cut_short(&self, e: &reqwest::Error) -> BackendError {
        BackendError::cut(&self.target, self.settings.timeout, e)
    }

    fn decode(&self, endpoint: &str, e: &serde_json::Error, bytes: usize) -> BackendError {
        BackendError::Decode {
            what: format!("{}'s answer to {endpoint}", self.target),
            detail: describe_json_error(e, bytes),
        }
    }

    fn transport_error(&self, e: &reqwest::Error) -> BackendError {
        BackendError::transport(&self.target, self.settings.timeout, e)
    }

    fn api_error(&self, endpoint: &str, status: u16, body: &[u8]) -> BackendError {
        let parsed: Option<ErrorDto> = serde_json::from_slice(body).ok();
        let text = String::from_utf8_lossy(body);
        let (code, message) = match parsed {
            Some(e) if !e.message.is_empty() || !e.error_code.is_empty() => {
                (e.error_code, e.message)
            }
            // Any 5xx as an HTML page is a proxy's or gateway's (MLflow answers in JSON):
            // Cloudflare's 520-524 and a load balancer's 500 as much as nginx's 502.
            _ if text.trim_start().starts_with('<') && (500..=599).contains(&status) => {
                (String::new(), crate::store::gateway_page(&text, "MLflow"))
            }
            _ if text.trim_start().starts_with('<') => (
                String::new(),
                format!(
                    "an HTML page instead of MLflow JSON for '{endpoint}': is this an MLflow tracking server?"
                ),
            ),
            _ => (String::new(), text.trim().chars().take(300).collect()),
        };
        match (status, code.as_str()) {
            (401 | 403, _) if !message.contains("Host header") => BackendError::Unauthorized {
                target: self.target.clone(),
                status,
                message: if message.is_empty() {
                    "set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD".into()
                } else {
                    message
                },
            },
            (404, "RESOURCE_DOES_NOT_EXIST") => BackendError::NotFound(message),
            (400, "INVALID_PARAMETER_VALUE" | "BAD_REQUEST") => {
                BackendError::InvalidRequest(message)
            }
            _ => BackendError::Api {
                target: self.target.clone(),
                status,
                code: if code.is_empty() {
                    String::new()
                } else {
                    format!(" {code}")
                },
                message,
            },
        }
    }

    /// All versions of all models (or of one), in one or a few calls.
    async fn versions(&self, name: Option<&str>) -> Result<Vec<ModelVersion>, BackendError> {
        let mut out: Vec<ModelVersion> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, "model-versions/search");
        let mut token: Option<String> = None;
        loop {
            let mut q = vec![("max_results", VERSIONS_PAGE.to_string())];
            if let Some(n) = name {
                q.push(("filter", format!("name={}", quote(n))));
            }
            if let Some(t) = &token {
                q.push(("page_token", t.clone()));
            }
            let page: SearchVersionsResponse = self.get("model-versions/search", &q).await?;
            let items = page.model_versions.len();
            let before = out.len();
            out.extend(
                page.model_versions
                    .into_iter()
                    .map(convert::version)
                    .filter(|v| seen.insert((v.model.clone(), v.version.clone()))),
            );
            match pages.next(page.next_page_token, items, out.len() - before)? {
                Some(t) => token = Some(t),
                None => return Ok(out),
            }
        }
    }
}

pub use crate::domain::filter::quote;

/// What was wrong with an answer of `bytes` bytes.
fn describe_json_error(e: &serde_json::Error, bytes: usize) -> String {
    if bytes == 0 {
        return "the answer was empty".into();
    }
    if e.is_eof() {
        return format!("the answer stopped early ({bytes} bytes): {e}");
    }
    format!("{e}")
}

#[derive(Serialize)]
struct SearchExperimentsBody<'a> {
    max_results: u32,
    view_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_token: Option<&'a str>,
}

/// Which connection a request goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connection {
    /// One the client keeps open between requests, or a new one it will keep.
    Pooled,
    /// A new one, closed after the answer. (A request that says `Connection: close` is not
    /// enough: hyper sends it on an idle pooled connection when there is one.)
    Own,
}

#[derive(Serialize)]
struct SearchRunsBody<'a> {
    experiment_ids: &'a [crate::domain::ExperimentId],
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    order_by: &'a [String],
    max_results: u32,
    run_view_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_token: Option<&'a str>,
}

#[async_trait]
impl RunStore for MlflowClient {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        let mut out: Vec<Experiment> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, "experiments/search");
        let mut token: Option<String> = None;
        loop {
            let page: SearchExperimentsResponse = self
                .post(
                    "experiments/search",
                    &SearchExperimentsBody {
                        max_results: 1000,
                        view_type: "ACTIVE_ONLY",
                        page_token: token.as_deref(),
                    },
                )
                .await?;
            let items = page.experiments.len();
            let new_items = page
                .experiments
                .iter()
                .filter(|e| seen.insert(e.experiment_id.clone()))
                .count();
            out.extend(
                page.experiments
                    .into_iter()
                    .map(convert::experiment)
                    .filter(|e| e.lifecycle == Lifecycle::Active),
            );
            match pages.next(page.next_page_token, items, new_items)? {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        Experiment::sort_newest_first(&mut out);
        Ok(out)
    }

    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        self.search_page(query, page_token, Connection::Pooled)
            .await
    }

    /// On a connection of its own: uvicorn's and gunicorn's worker processes share one
    /// socket, and the one that accepts a connection answers everything asked on it. Pages
    /// asked on the pooled connections, opened at once at start when the server was idle,
    /// were measured all going to one of two workers (a 10k listing in 11-12 s with one
    /// worker busy, 5.5-6.3 s with both). A connection opened for a page goes to whichever
    /// worker accepts it first, most often one that is free (not always: a worker takes every
    /// connection waiting when it wakes, so the 4 pages a listing starts with can still land
    /// on one). It costs a round trip, and a TLS handshake over https, on a page of 250 to
    /// 1,000 runs that costs the server a quarter of a second to a second. A load balancer
    /// that shares out requests (not connections) gains nothing by it.
    async fn search_runs_spread(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        self.search_page(query, page_token, Connection::Own).await
    }

    fn lists_concurrently(&self) -> bool {
        true
    }

    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        let resp: GetRunResponse = self.get("runs/get", &[("run_id", id.to_string())]).await?;
        resp.run
            .map(convert::run)
            .ok_or_else(|| BackendError::NotFound(format!("run '{id}' not found")))
    }

    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, "metrics/get-history");
        let mut token: Option<String> = None;
        loop {
            let mut q = vec![
                ("run_id", run.to_string()),
                ("metric_key", key.to_owned()),
                ("max_results", HISTORY_PAGE.to_string()),
            ];
            if let Some(t) = &token {
                q.push(("page_token", t.clone()));
            }
            let page: MetricsResponse = self.get("metrics/get-history", &q).await?;
            // Points by (step, time, value): a server replaying a page under fresh tokens
            // brings nothing new, and paging stops (see `Pages`).
            let before = seen.len();
            for p in page.metrics.iter().map(convert::point) {
                if seen.insert((p.step, p.timestamp, p.value.to_bits())) {
                    out.push(p);
                }
            }
            match pages.next(
                page.next_page_token,
                page.metrics.len(),
                seen.len() - before,
            )? {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        out.sort_by_key(|p| (p.step, p.timestamp));
        Ok(out)
    }

    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError> {
        let mut out: SampledHistories = BTreeMap::new();
        for chunk in runs.chunks(BULK_RUN_IDS) {
            let mut q: Vec<(&str, String)> =
                chunk.iter().map(|r| ("run_ids", r.to_string())).collect();
            q.push(("metric_key", key.to_owned()));
            q.push(("max_results", max_points.clamp(1, 2500).to_string()));
            let page: MetricsResponse = self.get("metrics/get-history-bulk-interval", &q).await?;
            for m in &page.metrics {
                if let Some(run) = &m.run_id {
                    out.entry(RunId::new(run.as_str()))
                        .or_default()
                        .push(convert::point(m));
                }
            }
        }
        for points in out.values_mut() {
            points.sort_by_key(|p| (p.step, p.timestamp));
        }
        Ok(out)
    }
}

#[async_trait]
impl ModelRegistry for MlflowClient {
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        let mut dtos: Vec<dto::RegisteredModelDto> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, "registered-models/search");
        let mut token: Option<String> = None;
        loop {
            let mut q = vec![("max_results", MODELS_PAGE.to_string())];
            if let Some(t) = &token {
                q.push(("page_token", t.clone()));
            }
            let page: SearchModelsResponse = self.get("registered-models/search", &q).await?;
            let items = page.registered_models.len();
            let mut new_items = 0;
            for m in page.registered_models {
                if !seen.insert(m.name.clone()) {
                    continue;
                }
                new_items += 1;
                // clearance's own leases are locks, not models.
                if !crate::store::is_lease_model(&m.name) {
                    dtos.push(m);
                }
            }
            match pages.next(page.next_page_token, items, new_items)? {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        if dtos.is_empty() {
            return Ok(Vec::new());
        }
        // One search for every version of every model; search results carry no aliases, the
        // registered models do (`RegisteredModel::normalize` spreads them onto versions).
        let mut by_model: BTreeMap<String, Vec<ModelVersion>> = BTreeMap::new();
        for v in self.versions(None).await? {
            by_model.entry(v.model.clone()).or_default().push(v);
        }
        let mut models: Vec<RegisteredModel> = dtos
            .into_iter()
            .map(|dto| {
                let versions = by_model.remove(&dto.name).unwrap_or_default();
                convert::model(dto, versions)
            })
            .collect();
        models.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(models)
    }

    async fn model(&self, name: &str) -> Result<RegisteredModel, BackendError> {
        let resp: GetModelResponse = self
            .get("registered-models/get", &[("name", name.to_owned())])
            .await?;
        let dto = resp.registered_model.ok_or_else(|| {
            BackendError::NotFound(format!("registered model '{name}' not found"))
        })?;
        let versions = self.versions(Some(name)).await?;
        Ok(convert::model(dto, versions))
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

//! Trackers and registries behind traits, so the app and the CLI never see a wire format.
//!
//! [`RunStore`] lists experiments, runs and metric histories; [`ModelRegistry`] lists registered
//! models with their versions and aliases. The MLflow REST client implements both; the local
//! sqlite store and the W&B GraphQL client ([`wandb`]) implement the same traits, the DVC
//! store ([`dvc`]) implements [`RunStore`], and [`gto::Gto`] is a registry and writer over a
//! git repository's GTO tags. [`github::CodeHost`] is the code host side: pull requests,
//! branches, files and comments.

pub mod dvc;
pub mod github;
pub mod gto;
pub mod http;
pub mod mlflow;
pub mod mlflow_local;
pub mod python_json;
pub mod run_search;
pub mod wandb;

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::{
    Experiment, ExperimentId, MetricPoint, RegisteredModel, Run, RunId, StoreIdentity, VersionId,
};

/// What went wrong talking to a backend. Every message names what was asked of whom and,
/// where it can, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    /// Nothing answered at the address (refused, DNS, TLS).
    #[error("cannot reach {target}: {detail}")]
    Unreachable { target: String, detail: String },
    /// The server was reached but its answer broke off: the connection closed before the
    /// answer began, or before its body ended.
    #[error("{target} was reached but its answer was cut short: {detail}; try again")]
    Cut { target: String, detail: String },
    /// The server took longer than the configured timeout.
    #[error("{target} did not answer within {secs} s")]
    Timeout { target: String, secs: u64 },
    /// Credentials are missing or were refused (HTTP 401/403).
    #[error("{target} refused the credentials (HTTP {status}): {message}")]
    Unauthorized {
        target: String,
        status: u16,
        message: String,
    },
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The server rejected the request as invalid (a bad filter expression, say).
    #[error("{0}")]
    InvalidRequest(String),
    /// The server answered with an error this client has no better name for.
    #[error("{target} answered HTTP {status}{code}: {message}")]
    Api {
        target: String,
        status: u16,
        code: String,
        message: String,
    },
    /// The answer could not be read (not JSON, or not the expected shape).
    #[error("could not read {what}: {detail}")]
    Decode { what: String, detail: String },
    /// A local store could not be opened or read.
    #[error("{0}")]
    Store(String),
    /// A write was refused because the store is open read-only.
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// The world moved since it was read: an alias no longer points where the caller saw it.
    #[error("{what} changed: expected {expected}, found {actual}")]
    Conflict {
        what: String,
        expected: String,
        actual: String,
    },
    /// The server's paging does not end: it sent a page token it had sent before, or a page
    /// with a token but nothing not already listed. Following it would loop for ever.
    #[error(
        "{target} kept paging {what}: {detail}; stopped after {pages} pages (a proxy or a server \
         bug rewriting page tokens?)"
    )]
    EndlessPaging {
        target: String,
        what: String,
        detail: String,
        pages: u32,
    },
    /// The server is rate limiting this client and the wait it asked for was longer than
    /// clearance waits by itself (or retries ran out).
    #[error("rate limited by {target}: {detail}")]
    RateLimited { target: String, detail: String },
    /// The credentials are good but lack a permission (a W&B protected alias, say); the
    /// message says which and who has it.
    #[error("{target} refused: {message}")]
    Forbidden { target: String, message: String },
    /// Another clearance process is changing the same alias (it holds the lease, see
    /// [`LEASE_MODEL_PREFIX`]) and did not finish within the wait; nothing was written.
    #[error("{0}")]
    Busy(String),
    /// The write landed, but another writer moved the same alias around it, so the store
    /// does not hold exactly this move on the state that was checked: `detail` says what
    /// happened and where the alias points now. Nothing was undone.
    #[error("{what}: {detail}")]
    Interleaved { what: String, detail: String },
}

impl BackendError {
    /// The compare-and-set refusal of [`Writer::move_alias`]: `@alias` of `model` was
    /// expected at `expected` and is at `actual` (`None`: unset).
    pub fn alias_moved(
        model: &str,
        alias: &str,
        expected: Option<&VersionId>,
        actual: Option<&VersionId>,
    ) -> Self {
        let label =
            |v: Option<&VersionId>| v.map_or_else(|| "no version".to_owned(), VersionId::label);
        Self::Conflict {
            what: format!("@{alias} of '{model}'"),
            expected: label(expected),
            actual: label(actual),
        }
    }

    /// A request that got no answer from `target`: a timeout after `timeout`, or why nothing
    /// answered (the innermost cause: "Connection refused (os error 111)").
    pub fn transport(target: &str, timeout: std::time::Duration, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            Self::Timeout {
                target: target.to_owned(),
                secs: timeout.as_secs(),
            }
        } else if e.is_connect() || e.is_builder() {
            Self::Unreachable {
                target: target.to_owned(),
                detail: innermost(e),
            }
        } else {
            // Connected and sent: the server (or something on the way) closed the connection
            // before a whole answer came back.
            Self::Cut {
                target: target.to_owned(),
                detail: innermost(e),
            }
        }
    }

    /// A failure while reading the body of an answer whose head arrived.
    pub fn cut(target: &str, timeout: std::time::Duration, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            return Self::Timeout {
                target: target.to_owned(),
                secs: timeout.as_secs(),
            };
        }
        Self::Cut {
            target: target.to_owned(),
            detail: innermost(e),
        }
    }

    /// Whether retrying later could help (the server was down or slow).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. }
                | Self::Cut { .. }
                | Self::Timeout { .. }
                | Self::RateLimited { .. }
        )
    }
}

/// Names of registered models that are clearance's leases, not models: a lease is created
/// while clearance moves an alias over MLflow's REST API and deleted after (README, "Promotion
/// is safe"). Listings hide them.
pub const LEASE_MODEL_PREFIX: &str = "clearance.lease.";

/// Whether a registered model is one of clearance's leases (or a lease taken over after its
/// holder crashed), to be hidden from listings.
pub fn is_lease_model(name: &str) -> bool {
    name.starts_with(LEASE_MODEL_PREFIX)
}

/// What to say when a gateway's HTML page (HTTP 502-504) answered instead of `service`
/// (`MLflow`): a proxy or load balancer is in the way and the server behind it did not answer.
pub fn gateway_page(html: &str, service: &str) -> String {
    let title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| t.trim())
        .filter(|t| !t.is_empty() && t.len() <= 100)
        .map(|t| format!(" ('{t}')"))
        .unwrap_or_default();
    format!(
        "a proxy or gateway in front of {service} answered with its own HTML error page{title}: \
         the {service} server behind it is down or not answering; try again later"
    )
}

/// Follows the page tokens of one list and stops a server whose paging never ends: a token
/// that comes back (a loop), a page that carries a token but only items listed before (a
/// server answering the same page under fresh tokens), or a long run of empty pages that all
/// say "more". Every paging loop goes through it.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    target: String,
    what: String,
    seen: std::collections::HashSet<String>,
    /// Pages read so far.
    read: u32,
    empty_in_a_row: u32,
    stale_in_a_row: u32,
}

/// Pages in a row with only items listed before that may still say "more": offset paging
/// shifts when new items arrive at the front while a list is read (a sweep logging runs), so
/// one such page is ordinary, and a server replaying a page gives itself away by the third.
const STALE_PAGES: u32 = 3;

/// Empty pages in a row that may still say "more" (a search over several W&B projects
/// passes one empty page per empty project).
const EMPTY_PAGES: u32 = 100;

impl Pages {
    /// For the list `what` (`runs`) of `target` (`MLflow at http://...`).
    pub fn new(target: &str, what: &str) -> Self {
        Self {
            target: target.to_owned(),
            what: what.to_owned(),
            seen: std::collections::HashSet::new(),
            read: 0,
            empty_in_a_row: 0,
            stale_in_a_row: 0,
        }
    }

    /// The token to ask for next, given the one a page ended with (blank means none), how
    /// many items the page held, and how many of them were not listed before; `None` at the
    /// end of the list.
    pub fn next(
        &mut self,
        token: Option<String>,
        items: usize,
        new_items: usize,
    ) -> Result<Option<String>, BackendError> {
        self.read += 1;
        self.empty_in_a_row = if items == 0 {
            self.empty_in_a_row + 1
        } else {
            0
        };
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        self.stale_in_a_row = if items > 0 && new_items == 0 {
            self.stale_in_a_row + 1
        } else {
            0
        };
        let detail = if !self.seen.insert(token.clone()) {
            "it sent a page token it had sent before".to_owned()
        } else if self.stale_in_a_row >= STALE_PAGES {
            format!(
                "{STALE_PAGES} pages in a row, each with a next-page token, held only items \
                 already listed"
            )
        } else if self.empty_in_a_row > EMPTY_PAGES {
            format!("{EMPTY_PAGES} empty pages in a row each said there was more")
        } else {
            return Ok(Some(token));
        };
        Err(BackendError::EndlessPaging {
            target: self.target.clone(),
            what: self.what.clone(),
            detail,
            pages: self.read,
        })
    }
}

/// The most specific message in an error chain ("Connection refused (os error 111)").
pub fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
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
pub type SampledHistories = BTreeMap<RunId, Vec<MetricPoint>>;

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

    /// At most `max_points` evenly sampled points of one metric for each run (first and last
    /// step kept), for sparklines. Runs without the metric are absent from the map.
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

#[cfg(test)]
mod pages_tests {
    use super::{BackendError, Pages};

    fn endless(e: Result<Option<String>, BackendError>) -> String {
        match e {
            Err(BackendError::EndlessPaging { detail, pages, .. }) => format!("{detail} @{pages}"),
            other => panic!("not stopped: {other:?}"),
        }
    }

    #[test]
    fn pages_follow_fresh_tokens_to_the_end() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        assert_eq!(p.next(Some("a".into()), 10, 10), Ok(Some("a".into())));
        assert_eq!(p.next(Some("b".into()), 10, 3), Ok(Some("b".into())));
        assert_eq!(p.next(Some(String::new()), 10, 10), Ok(None));
        assert_eq!(p.next(None, 0, 0), Ok(None));
    }

    #[test]
    fn a_token_seen_before_stops_paging() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        p.next(Some("a".into()), 1, 1).unwrap();
        p.next(Some("b".into()), 1, 1).unwrap();
        assert_eq!(
            endless(p.next(Some("a".into()), 1, 1)),
            "it sent a page token it had sent before @3"
        );
    }

    #[test]
    fn pages_of_runs_already_listed_stop_paging_by_the_third_in_a_row() {
        let mut p = Pages::new("MLflow at http://x", "runs");
        p.next(Some("a".into()), 5, 5).unwrap();
        // New runs at the front shift offset pages: one stale page is ordinary.
        assert_eq!(p.next(Some("b".into()), 5, 0), Ok(Some("b".into())));
        assert_eq!(p.next(Some("c".into()), 5, 2), Ok(Some("c".into())));
        p.next(Some("d".into()), 5, 0).unwrap();
        p.next(Some("e".into()), 5, 0).unwrap();
        assert_eq!(
            endless(p.next(Some("f".into()), 5, 0)),
            "3 pages in a row, each with a next-page token, held only items already listed @6"
        );
    }

    #[test]
    fn empty_pages_may_say_more_but_not_for_ever() {
        let mut p = Pages::new("W&B at http://x", "runs");
        for i in 0..100 {
            assert!(p.next(Some(format!("{i}|")), 0, 0).unwrap().is_some());
        }
        assert_eq!(
            endless(p.next(Some("x".into()), 0, 0)),
            "100 empty pages in a row each said there was more @101"
        );
        let e = BackendError::EndlessPaging {
            target: "MLflow at http://x".into(),
            what: "runs".into(),
            detail: "d".into(),
            pages: 2,
        };
        assert!(
            e.to_string()
                .starts_with("MLflow at http://x kept paging runs: d; stopped after 2 pages")
        );
    }
}

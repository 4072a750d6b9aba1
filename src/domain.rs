//! The vocabulary of clearance: runs, metric series, model versions, diffs, baselines.
//!
//! Pure data and functions. Nothing here knows about terminals, async runtimes or a tracker's
//! wire format; backends map their DTOs into these types.

pub mod alert;
pub mod baseline;
pub mod change;
pub mod ci_job;
pub mod comparison;
pub mod diff;
pub mod direction;
pub mod experiment;
pub mod fields;
pub mod filter;
pub mod fingerprint;
pub mod host;
pub mod ids;
pub mod key_metrics;
pub mod metric;
pub mod model;
pub mod name;
pub mod name_pattern;
pub mod params;
pub mod policy;
pub mod promotion;
pub mod pull_request;
pub mod review;
pub mod run;
pub mod semver;
pub mod spark;
pub mod store;
pub mod text;
pub mod value;

pub use baseline::{Baseline, BaselineSource};
pub use diff::{DiffReport, Gate, MetricDiff, MetricRules, Verdict};
pub use direction::Direction;
pub use experiment::Experiment;
pub use fields::Fields;
pub use ids::{ExperimentId, RunId, VersionId};
pub use metric::{LatestMetric, MetricPoint};
pub use model::{ModelVersion, RegisteredModel, VersionRef};
pub use name::{Interner, Name};
pub use pull_request::{CheckState, CheckSummary, PromotionRef, PullRequest, ReviewState};
pub use review::ReviewSettings;
pub use run::{Lifecycle, Run, RunStatus};
pub use store::StoreIdentity;

//! What a reader found, as experiments and runs: one place that applies the domain mapping
//! (see the module doc of [`super`]) to either reader's findings.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::values::{self, FileData};
use crate::domain::run::PARENT_RUN_TAG;
use crate::domain::{Experiment, ExperimentId, Fields, Lifecycle, Name, Run, RunId, RunStatus};

/// The id and name of the workspace run.
pub const WORKSPACE: &str = "workspace";

/// Tags every run carries: where it came from.
pub const TAG_REV: &str = "dvc.rev";
pub const TAG_TYPE: &str = "dvc.type";
pub const TAG_PARENT: &str = "dvc.parent";
pub const TAG_EXECUTOR: &str = "dvc.executor";
pub const TAG_READER: &str = "dvc.reader";
pub const TAG_ERROR: &str = "dvc.error";
/// On a baseline run shown in other experiments because the config names it.
pub const TAG_CONFIGURED: &str = "dvc.configured_baseline";
/// On experiments (the domain's): the baseline commit is HEAD.
pub const TAG_HEAD: &str = "dvc.head";

/// Which reader produced a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// `dvc exp show --json`, the source of truth.
    Dvc,
    /// Experiment refs and files read from git directly.
    Git,
}

impl Reader {
    /// The value of the `dvc.reader` tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Dvc => "dvc exp show",
            Self::Git => "git",
        }
    }
}

/// The kind of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevKind {
    Workspace,
    Baseline,
    Experiment,
}

impl RevKind {
    fn tag(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Baseline => "baseline",
            Self::Experiment => "experiment",
        }
    }
}

/// One revision as a reader found it.
#[derive(Debug, Clone, PartialEq)]
pub struct RevData {
    /// A commit sha, or [`WORKSPACE`].
    pub rev: String,
    pub kind: RevKind,
    /// A baseline's branch or tag, an experiment's name.
    pub name: Option<String>,
    /// The baseline an experiment (or the workspace) was derived from.
    pub parent: Option<String>,
    pub status: RunStatus,
    /// `dvc-task`, `tempdir`, `workspace`: where it ran or will run.
    pub executor: Option<String>,
    /// When the reader knows it (DVC's timestamp); git's commit time wins when known.
    pub time: Option<DateTime<Utc>>,
    pub params: Vec<(String, FileData)>,
    pub metrics: Vec<(String, FileData)>,
    /// Why the revision could not be read as a whole.
    pub error: Option<String>,
}

impl RevData {
    pub fn new(rev: &str, kind: RevKind) -> Self {
        Self {
            rev: rev.to_owned(),
            kind,
            name: None,
            parent: None,
            status: RunStatus::Finished,
            executor: None,
            time: None,
            params: Vec::new(),
            metrics: Vec::new(),
            error: None,
        }
    }
}

/// What git says about a commit: its time, author and subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    pub time: DateTime<Utc>,
    pub author: String,
    pub subject: String,
}

/// How runs are tagged and which baseline the config names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub baseline_tag: String,
    pub baseline_value: String,
    /// The configured baseline commit: its run is every experiment's baseline.
    pub configured_baseline: Option<String>,
    pub head: Option<String>,
    pub reader: Reader,
}

/// Where a run's files are, for its histories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSource {
    /// A commit sha, or [`WORKSPACE`].
    pub rev: String,
    pub live_dirs: Vec<String>,
    /// Milliseconds, for history points without a timestamp of their own.
    pub time_ms: i64,
}

/// Experiments and runs as one reader saw them at one state of the repository.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub reader: Reader,
    pub experiments: Vec<Experiment>,
    pub runs: Vec<Run>,
    pub sources: HashMap<RunId, RunSource>,
}

/// Seven characters, as git abbreviates.
pub fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

impl Snapshot {
    /// Builds the experiments and runs from what a reader found: each baseline row becomes an
    /// experiment, its experiments and (under HEAD) the workspace become its runs.
    pub fn build(revs: &[RevData], commits: &HashMap<String, CommitInfo>, m: &Mapping) -> Self {
        let mut experiments: Vec<Experiment> = Vec::new();
        let mut runs: Vec<Run> = Vec::new();
        let mut sources = HashMap::new();
        let baselines: BTreeMap<&str, &RevData> = revs
            .iter()
            .filter(|r| r.kind == RevKind::Baseline)
            .map(|r| (r.rev.as_str(), r))
            .collect();
        for r in revs {
            let experiment_id = match r.kind {
                RevKind::Baseline => r.rev.clone(),
                RevKind::Experiment | RevKind::Workspace => match &r.parent {
                    Some(p) if baselines.contains_key(p.as_str()) => p.clone(),
                    // An experiment whose baseline was not read has nowhere to go.
                    _ => continue,
                },
            };
            let info = commits.get(&r.rev);
            let (run, source) = run_of(r, &experiment_id, info, m);
            if r.kind == RevKind::Baseline {
                experiments.push(experiment_of(r, run.start_time, info, m));
            }
            sources.insert(run.id.clone(), source);
            runs.push(run);
        }
        // An experiment changed when its newest run did.
        for e in &mut experiments {
            let newest = runs
                .iter()
                .filter(|r| r.experiment_id == e.id)
                .filter_map(|r| r.start_time.map(|t| t.timestamp_millis()))
                .max();
            e.last_update_ms = e.last_update_ms.max(newest);
        }
        add_configured_baseline(&mut runs, &experiments, m);
        // HEAD's first, then newest change first.
        experiments.sort_by(|a, b| {
            let not_head = |e: &Experiment| m.head.as_deref() != Some(e.id.as_str());
            not_head(a)
                .cmp(&not_head(b))
                .then(b.last_update_ms.cmp(&a.last_update_ms))
                .then_with(|| a.name.cmp(&b.name))
        });
        Self {
            reader: m.reader,
            experiments,
            runs,
            sources,
        }
    }

    /// A run by id.
    pub fn run(&self, id: &RunId) -> Option<&Run> {
        self.runs.iter().find(|r| &r.id == id)
    }
}

/// One revision as a run of `experiment_id`, and where its files are.
fn run_of(
    r: &RevData,
    experiment_id: &str,
    info: Option<&CommitInfo>,
    m: &Mapping,
) -> (Run, RunSource) {
    let time = info.map(|c| c.time).or(r.time);
    let time_ms = time.map_or(0, |t| t.timestamp_millis());
    let (params, mut errors) = values::params(&r.params);
    let metrics = values::metrics(&r.metrics, time_ms);
    errors.extend(metrics.errors);
    errors.extend(r.error.clone());
    let name = match r.kind {
        RevKind::Workspace => WORKSPACE.to_owned(),
        _ => r
            .name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| short(&r.rev).to_owned()),
    };
    let mut tags = BTreeMap::new();
    tags.insert(TAG_REV.to_owned(), r.rev.clone());
    tags.insert(TAG_TYPE.to_owned(), r.kind.tag().to_owned());
    tags.insert(TAG_READER.to_owned(), m.reader.tag().to_owned());
    if let Some(p) = &r.parent {
        tags.insert(TAG_PARENT.to_owned(), p.clone());
        // Nests experiments under their baseline, as `dvc exp show` draws them.
        tags.insert(PARENT_RUN_TAG.to_owned(), p.clone());
    }
    if let Some(e) = &r.executor {
        tags.insert(TAG_EXECUTOR.to_owned(), e.clone());
    }
    if !errors.is_empty() {
        tags.insert(TAG_ERROR.to_owned(), errors.join("; "));
    }
    let is_baseline =
        r.kind == RevKind::Baseline && m.configured_baseline.as_ref().is_none_or(|c| c == &r.rev);
    if is_baseline {
        tags.insert(m.baseline_tag.clone(), m.baseline_value.clone());
    }
    let source = RunSource {
        rev: r.rev.clone(),
        live_dirs: metrics.live_dirs,
        time_ms,
    };
    let run = Run {
        id: RunId::new(r.rev.clone()),
        experiment_id: ExperimentId::new(experiment_id),
        name,
        status: r.status.clone(),
        start_time: time,
        end_time: None,
        user: info.map(|c| c.author.clone()).unwrap_or_default(),
        lifecycle: Lifecycle::Active,
        metrics: Fields::interned_keys(metrics.values),
        params: Fields::interned(params),
        tags: Fields::interned(tags),
    };
    (run, source)
}

/// A baseline revision as an experiment: `main @ 1a2b3c4`, or `1a2b3c4 <subject>`.
fn experiment_of(
    r: &RevData,
    time: Option<DateTime<Utc>>,
    info: Option<&CommitInfo>,
    m: &Mapping,
) -> Experiment {
    let name = match r.name.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => format!("{n} @ {}", short(&r.rev)),
        None => match info.map(|c| c.subject.trim()).filter(|s| !s.is_empty()) {
            Some(subject) => format!("{} {}", short(&r.rev), truncate(subject, 40)),
            None => short(&r.rev).to_owned(),
        },
    };
    let mut tags = BTreeMap::new();
    tags.insert(TAG_REV.to_owned(), r.rev.clone());
    if m.head.as_ref() == Some(&r.rev) {
        tags.insert(TAG_HEAD.to_owned(), "true".to_owned());
    }
    Experiment {
        id: ExperimentId::new(r.rev.clone()),
        name,
        lifecycle: Lifecycle::Active,
        last_update_ms: time.map(|t| t.timestamp_millis()),
        tags,
    }
}

/// With a configured baseline, its run joins every other experiment as that experiment's
/// baseline (a copy under the experiment's id, so the per-experiment baseline search finds
/// it); the experiments' own parent commits stay, untagged.
fn add_configured_baseline(runs: &mut Vec<Run>, experiments: &[Experiment], m: &Mapping) {
    let Some(configured) = &m.configured_baseline else {
        return;
    };
    let Some(template) = runs
        .iter()
        .find(|r| {
            r.id.as_str() == configured
                && r.tags.get(TAG_TYPE).map(Name::as_str) == Some("baseline")
        })
        .cloned()
    else {
        return;
    };
    for e in experiments.iter().filter(|e| e.id.as_str() != configured) {
        let mut copy = template.clone();
        copy.experiment_id = e.id.clone();
        copy.tags.insert(TAG_CONFIGURED, Name::from("true"));
        runs.push(copy);
    }
}

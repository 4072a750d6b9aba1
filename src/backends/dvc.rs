//! A DVC repository as a run store: experiments run with `dvc exp run` (and DVCLive), read
//! from the repository itself.
//!
//! # Mapping
//!
//! * **Experiment** = a baseline commit, the rows `dvc exp show` lists: HEAD, every commit
//!   that has experiments or queued experiments, and the configured baseline. Id: the commit
//!   sha. Name: `main @ 1a2b3c4` (HEAD's branch, else a branch pointing at it; never a tag,
//!   see [`commits`](self::commits)), or `1a2b3c4 <subject>` when no branch does. HEAD's
//!   comes first.
//! * **Runs** of an experiment:
//!   * the baseline commit itself, tagged with the baseline tag (`baseline=true` by default,
//!     `[baseline]` in the config) so the app's baseline search finds it: the baseline of an
//!     experiment is its parent commit. With `dvc.baseline` set, that commit's run is every
//!     experiment's baseline instead (a copy of it joins each experiment, tagged
//!     `dvc.configured_baseline`) and the parents lose the tag;
//!   * each experiment (`dvc exp run`): id = its commit sha (40 hex, so a GTO version that
//!     points at a commit points at a run), name = the experiment's name, status from DVC's
//!     executor: none or `success` → FINISHED, `queued` → SCHEDULED, `running` → RUNNING,
//!     `failed` → FAILED;
//!   * under HEAD's experiment, the workspace (id and name `workspace`, no start time).
//! * **Params**: flattened with dots, `params.yaml` keys bare, other files' keys as
//!   `file:key`; **metrics**: flattened with slashes (DVCLive's names), non-numeric values left
//!   out, DVCLive's `step` as the step. See [`values`](self::values).
//! * **Tags** say where a run came from: `dvc.rev`, `dvc.type` (`baseline`, `experiment`,
//!   `workspace`), `dvc.parent` (and `mlflow.parentRunId`, so experiments nest under their
//!   baseline as `dvc exp show` draws them), `dvc.executor`, `dvc.reader`, and `dvc.error`
//!   when DVC could not read a file.
//! * **Start time**: the commit's time from git (exact); DVC's own naive local timestamp
//!   only when git has none. **User**: the commit's author.
//! * **Histories**: DVCLive's `<dir>/plots/metrics/<key>.tsv`, read from git at the run's
//!   commit (from disk for the workspace), `<dir>` being where the run's DVCLive
//!   `metrics.json` is.
//!
//! # Two readers, one store
//!
//! `dvc exp show --json` ([`exp_show`](self::exp_show)) is the source of truth whenever `dvc`
//! runs; the git-only reader ([`git_reader`](self::git_reader)) reads refs and files straight
//! from git, ~20× faster, but sees only what git holds: completed and queued experiments.
//! Which one answered is in every run's `dvc.reader` tag, and the backend's label says which
//! the store uses: `DVC repo ~/proj (dvc 3.67.1)`, or `DVC repo ~/proj (git only: dvc not
//! found on PATH; …)`.
//!
//! Every call first reads the repository's state ([`state`](self::state): HEAD, the
//! `refs/exps` listing, the queue, `git status`; a few ms) and answers from the snapshot read
//! for that state, so a screen's many calls cost one `dvc exp show`. A new commit, experiment
//! or edited file makes a new snapshot. While an experiment is queued or running the snapshot
//! lives at most [`LIVE_TTL`] (DVC changes their state outside git).
//!
//! With [`FirstScreen::Git`] (the TUI), a state never read before is answered at once by the
//! git-only reader while `dvc exp show` runs in the background; the next call for that state
//! (the screen's next load, or a refresh) gets DVC's answer. If DVC fails, that call gets
//! DVC's error once, and later ones git's snapshot. With [`FirstScreen::Dvc`] (the commands),
//! every answer waits for DVC.

mod commits;
mod dto;
mod exp_show;
mod git;
mod git_reader;
mod history;
mod pipeline;
mod repo;
mod snapshot;
mod state;
mod tool;
mod values;
mod yaml;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use self::git::Git;
pub use self::repo::detect;
use self::snapshot::{Mapping, RevData, RevKind, RunSource, Snapshot};
pub use self::snapshot::{
    Reader, TAG_CONFIGURED, TAG_ERROR, TAG_EXECUTOR, TAG_PARENT, TAG_READER, TAG_REV, TAG_TYPE,
    WORKSPACE,
};
use self::state::RepoState;
use self::tool::Tool;
use crate::domain::{Experiment, MetricPoint, Run, RunId};
use crate::store::{BackendError, RunPage, RunQuery, RunStore, SampledHistories};

/// How long a snapshot holding queued or running experiments is trusted.
pub const LIVE_TTL: Duration = Duration::from_secs(3);

/// Whether a first look at the repository waits for `dvc exp show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FirstScreen {
    /// Always answer with DVC's reading (one-shot commands).
    #[default]
    Dvc,
    /// Answer a new state from git at once and let DVC's reading replace it (the TUI).
    Git,
}

/// How to open a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DvcOptions {
    /// The `dvc` program: a name looked up on `PATH`, or a path; empty turns DVC off.
    pub program: String,
    /// A revision whose commit is every experiment's baseline (`dvc.baseline`).
    pub baseline_rev: Option<String>,
    /// The tag (and value) that marks baseline runs (`[baseline]`).
    pub baseline_tag: String,
    pub baseline_value: String,
    pub first_screen: FirstScreen,
}

impl Default for DvcOptions {
    fn default() -> Self {
        Self {
            program: "dvc".to_owned(),
            baseline_rev: None,
            baseline_tag: "baseline".to_owned(),
            baseline_value: "true".to_owned(),
            first_screen: FirstScreen::Dvc,
        }
    }
}

/// A DVC repository. Cloning is cheap: clones share one cache.
#[derive(Debug, Clone)]
pub struct Dvc {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    root: PathBuf,
    prefix: String,
    git: Git,
    tool: Tool,
    options: DvcOptions,
    label: String,
    cache: Mutex<Cache>,
    /// Held while `dvc exp show` runs, so only one runs at a time.
    loading: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, Default)]
struct Cache {
    git: Option<Cached>,
    dvc: Option<Cached>,
    /// DVC failed for this state; `reported` once a caller was told.
    failure: Option<(RepoState, BackendError, bool)>,
}

#[derive(Debug, Clone)]
struct Cached {
    state: RepoState,
    snapshot: Arc<Snapshot>,
    at: Instant,
}

impl Cached {
    fn answers(&self, state: &RepoState) -> bool {
        let live = self.snapshot.runs.iter().any(|r| {
            matches!(
                r.status,
                crate::domain::RunStatus::Running | crate::domain::RunStatus::Scheduled
            )
        });
        &self.state == state && (!live || self.at.elapsed() < LIVE_TTL)
    }
}

impl Dvc {
    /// Opens the DVC repository at or above `path`: checks it is one (inside git), finds
    /// `dvc` and asks its version (the only blocking step, ~0.2 s). Fails with a message
    /// naming the path when it is not a DVC repository.
    pub fn open(path: impl AsRef<Path>, options: DvcOptions) -> Result<Self, BackendError> {
        let location = repo::locate(path.as_ref())?;
        let tool = tool::find(&options.program);
        let shown = home_relative(&location.root);
        let label = match &tool {
            Tool::Found { version, .. } => format!("DVC repo {shown} (dvc {version})"),
            Tool::Missing(why) => {
                format!("DVC repo {shown} (git only: {why}; completed and queued experiments only)")
            }
        };
        Ok(Self {
            inner: Arc::new(Inner {
                git: Git::new(&location.root),
                root: location.root,
                prefix: location.prefix,
                tool,
                options,
                label,
                cache: Mutex::new(Cache::default()),
                loading: Arc::new(tokio::sync::Mutex::new(())),
            }),
        })
    }

    /// `DVC repo ~/proj (dvc 3.67.1)`, or `DVC repo ~/proj (git only: …)`.
    pub fn label(&self) -> &str {
        &self.inner.label
    }

    /// The directory holding `.dvc/`.
    pub fn root(&self) -> &Path {
        &self.inner.root
    }

    /// The reader the store prefers: DVC when `dvc` runs, else git.
    pub fn reader(&self) -> Reader {
        match self.inner.tool {
            Tool::Found { .. } => Reader::Dvc,
            Tool::Missing(_) => Reader::Git,
        }
    }

    /// Reads the repository with one reader, bypassing the cache: what the store shows, as
    /// that reader sees it now (the tests compare the two readers with it).
    pub async fn read_with(
        &self,
        reader: Reader,
    ) -> Result<(Vec<Experiment>, Vec<Run>), BackendError> {
        let state = self.state().await?;
        let snapshot = match reader {
            Reader::Git => self.read_git(&state).await?,
            Reader::Dvc => self.read_dvc(&state).await?,
        };
        Ok((snapshot.experiments.clone(), snapshot.runs.clone()))
    }

    async fn state(&self) -> Result<RepoState, BackendError> {
        let i = &self.inner;
        RepoState::read(&i.git, &i.root, i.options.baseline_rev.as_deref()).await
    }

    fn mapping(&self, state: &RepoState, reader: Reader) -> Mapping {
        Mapping {
            baseline_tag: self.inner.options.baseline_tag.clone(),
            baseline_value: self.inner.options.baseline_value.clone(),
            configured_baseline: state.configured_baseline.clone(),
            head: state.head.clone(),
            reader,
        }
    }

    /// Experiments and runs from a reader's findings, with git's times, authors and
    /// baseline names (the same for both readers: see [`commits`]).
    async fn build(
        &self,
        mut revs: Vec<RevData>,
        state: &RepoState,
        reader: Reader,
    ) -> Result<Snapshot, BackendError> {
        let git = &self.inner.git;
        let shas: Vec<&str> = revs.iter().map(|r| r.rev.as_str()).collect();
        let baselines: Vec<String> = revs
            .iter()
            .filter(|r| r.kind == RevKind::Baseline)
            .map(|r| r.rev.clone())
            .collect();
        let (info, mut names) = tokio::try_join!(
            commits::info(git, &shas),
            commits::names(git, &baselines, state.head.as_deref())
        )?;
        for r in revs.iter_mut().filter(|r| r.kind == RevKind::Baseline) {
            r.name = names.remove(&r.rev);
        }
        Ok(Snapshot::build(&revs, &info, &self.mapping(state, reader)))
    }

    async fn read_git(&self, state: &RepoState) -> Result<Snapshot, BackendError> {
        let i = &self.inner;
        let revs = git_reader::read(&i.git, &i.root, &i.prefix, state).await?;
        self.build(revs, state, Reader::Git).await
    }

    async fn read_dvc(&self, state: &RepoState) -> Result<Snapshot, BackendError> {
        let Tool::Found { program, .. } = &self.inner.tool else {
            return Err(BackendError::Store(format!(
                "dvc is not available: {}",
                self.inner.label
            )));
        };
        let revs = exp_show::read(
            program,
            &self.inner.root,
            &state.baselines(),
            state.head.as_deref(),
        )
        .await?;
        self.build(revs, state, Reader::Dvc).await
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while the lock was held cannot leave the cache half-written (every write is
        // one assignment), so a poisoned lock is still good.
        self.inner
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn store(&self, state: RepoState, snapshot: Snapshot) -> Arc<Snapshot> {
        let snapshot = Arc::new(snapshot);
        let cached = Some(Cached {
            state,
            snapshot: Arc::clone(&snapshot),
            at: Instant::now(),
        });
        let mut cache = self.cache();
        match snapshot.reader {
            Reader::Dvc => cache.dvc = cached,
            Reader::Git => cache.git = cached,
        }
        snapshot
    }

    fn cached(&self, reader: Reader, state: &RepoState) -> Option<Arc<Snapshot>> {
        let cache = self.cache();
        let slot = match reader {
            Reader::Dvc => &cache.dvc,
            Reader::Git => &cache.git,
        };
        slot.as_ref()
            .filter(|c| c.answers(state))
            .map(|c| Arc::clone(&c.snapshot))
    }

    async fn git_snapshot(&self, state: RepoState) -> Result<Arc<Snapshot>, BackendError> {
        if let Some(s) = self.cached(Reader::Git, &state) {
            return Ok(s);
        }
        let snapshot = self.read_git(&state).await?;
        Ok(self.store(state, snapshot))
    }

    async fn dvc_snapshot(&self, state: RepoState) -> Result<Arc<Snapshot>, BackendError> {
        let snapshot = self.read_dvc(&state).await?;
        Ok(self.store(state, snapshot))
    }

    /// Starts `dvc exp show` in the background unless it is running already.
    fn load_dvc_in_background(&self, state: RepoState) {
        let Ok(guard) = Arc::clone(&self.inner.loading).try_lock_owned() else {
            return;
        };
        let this = self.clone();
        tokio::spawn(async move {
            let _guard = guard;
            if this.cached(Reader::Dvc, &state).is_some() {
                return;
            }
            if let Err(e) = this.dvc_snapshot(state.clone()).await {
                tracing::warn!("dvc exp show failed: {e}");
                this.cache().failure = Some((state, e, false));
            }
        });
    }

    /// The snapshot that answers for the repository as it is now.
    async fn snapshot(&self) -> Result<Arc<Snapshot>, BackendError> {
        let state = self.state().await?;
        if matches!(self.inner.tool, Tool::Missing(_)) {
            return self.git_snapshot(state).await;
        }
        if let Some(s) = self.cached(Reader::Dvc, &state) {
            return Ok(s);
        }
        match self.inner.options.first_screen {
            FirstScreen::Dvc => {
                let _one_at_a_time = self.inner.loading.lock().await;
                if let Some(s) = self.cached(Reader::Dvc, &state) {
                    return Ok(s);
                }
                self.dvc_snapshot(state).await
            }
            FirstScreen::Git => {
                let failed = {
                    let mut cache = self.cache();
                    match &mut cache.failure {
                        Some((s, e, reported)) if *s == state => {
                            let first = !*reported;
                            *reported = true;
                            Some(first.then(|| e.clone()))
                        }
                        _ => None,
                    }
                };
                match failed {
                    Some(Some(e)) => return Err(e),
                    // Reported already: git's reading until the repository changes.
                    Some(None) => {}
                    None => self.load_dvc_in_background(state.clone()),
                }
                self.git_snapshot(state).await
            }
        }
    }

    /// A run by id; for people typing references (`run:exp-deep`), also by a unique id
    /// prefix, a unique name, or any revision git knows (a commit that is not listed is read
    /// on its own, as the baseline of an experiment of its own).
    async fn find(&self, id: &RunId) -> Result<(Run, RunSource), BackendError> {
        let snapshot = self.snapshot().await?;
        let found = |run: &Run| {
            snapshot
                .sources
                .get(&run.id)
                .map(|s| (run.clone(), s.clone()))
        };
        let wanted = id.as_str().trim();
        if let Some(hit) = snapshot.run(id).and_then(found) {
            return Ok(hit);
        }
        let unique = |pred: &dyn Fn(&Run) -> bool| {
            let mut ids: Vec<&Run> = snapshot.runs.iter().filter(|r| pred(r)).collect();
            ids.dedup_by(|a, b| a.id == b.id);
            match ids.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        let by_prefix = (wanted.len() >= 4 && wanted.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| unique(&|r: &Run| r.id.as_str().starts_with(wanted)))
            .flatten();
        if let Some(hit) = by_prefix
            .or_else(|| unique(&|r: &Run| r.name == wanted))
            .and_then(found)
        {
            return Ok(hit);
        }
        if let Some(sha) = state::resolve_commit(&self.inner.git, wanted).await? {
            if let Some(hit) = snapshot.run(&RunId::new(sha.clone())).and_then(found) {
                return Ok(hit);
            }
            return self.read_commit(&sha).await;
        }
        Err(BackendError::NotFound(format!(
            "no run '{wanted}' in the DVC repository '{}': not an experiment, a commit or the \
             workspace",
            self.inner.root.display()
        )))
    }

    /// One commit that no experiment lists, read with the git reader.
    async fn read_commit(&self, sha: &str) -> Result<(Run, RunSource), BackendError> {
        let i = &self.inner;
        let state = self.state().await?;
        let mut revs = vec![RevData::new(sha, RevKind::Baseline)];
        git_reader::read_files(&i.git, &i.root, &i.prefix, &mut revs).await?;
        let snapshot = self.build(revs, &state, Reader::Git).await?;
        let id = RunId::new(sha);
        match (snapshot.run(&id), snapshot.sources.get(&id)) {
            (Some(r), Some(s)) => Ok((r.clone(), s.clone())),
            _ => Err(BackendError::NotFound(format!("no run '{sha}'"))),
        }
    }

    /// The DVCLive history files of `key` for each run, read in one batch.
    async fn histories(
        &self,
        sources: &[(RunId, RunSource)],
        key: &str,
    ) -> Result<Vec<(RunId, Vec<MetricPoint>)>, BackendError> {
        let i = &self.inner;
        // Only where the run has a DVCLive summary: a queued experiment's commit holds the
        // files of the work tree it was queued from, not a history of its own.
        let candidates = |s: &RunSource| -> Vec<String> {
            s.live_dirs
                .iter()
                .map(|d| history::tsv_path(d, key))
                .collect()
        };
        let specs: Vec<String> = sources
            .iter()
            .filter(|(_, s)| s.rev != WORKSPACE)
            .flat_map(|(_, s)| {
                candidates(s)
                    .into_iter()
                    .map(|p| format!("{}:{}{p}", s.rev, i.prefix))
            })
            .collect();
        let mut blobs = i.git.read_blobs(&specs).await?.into_iter();
        let mut out = Vec::new();
        for (id, s) in sources {
            let mut text = None;
            for path in candidates(s) {
                let bytes = if s.rev == WORKSPACE {
                    git_reader::read_disk(i.root.join(&path)).await
                } else {
                    blobs.next().flatten()
                };
                if text.is_none() {
                    text = bytes;
                }
            }
            if let Some(bytes) = text {
                let points = history::parse_tsv(&String::from_utf8_lossy(&bytes), key, s.time_ms);
                out.push((id.clone(), points));
            }
        }
        Ok(out)
    }
}

/// `~/proj` for a path under the home directory.
fn home_relative(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

#[async_trait]
impl RunStore for Dvc {
    async fn experiments(&self) -> Result<Vec<Experiment>, BackendError> {
        Ok(self.snapshot().await?.experiments.clone())
    }

    async fn search_runs(
        &self,
        query: &RunQuery,
        page_token: Option<&str>,
    ) -> Result<RunPage, BackendError> {
        let snapshot = self.snapshot().await?;
        crate::store::run_search::search(&snapshot.runs, query, page_token)
    }

    async fn run(&self, id: &RunId) -> Result<Run, BackendError> {
        Ok(self.find(id).await?.0)
    }

    async fn metric_history(
        &self,
        run: &RunId,
        key: &str,
    ) -> Result<Vec<MetricPoint>, BackendError> {
        let (run, source) = self.find(run).await?;
        let mut found = self.histories(&[(run.id, source)], key).await?;
        Ok(found.pop().map(|(_, points)| points).unwrap_or_default())
    }

    async fn sampled_histories(
        &self,
        runs: &[RunId],
        key: &str,
        max_points: u32,
    ) -> Result<SampledHistories, BackendError> {
        let snapshot = self.snapshot().await?;
        let mut sources: HashMap<RunId, RunSource> = HashMap::new();
        for id in runs {
            let source = match snapshot.sources.get(id) {
                Some(s) => s.clone(),
                None => match self.find(id).await {
                    Ok((_, s)) => s,
                    // A run that is gone has no history, as in the other stores.
                    Err(BackendError::NotFound(_)) => continue,
                    Err(e) => return Err(e),
                },
            };
            sources.insert(id.clone(), source);
        }
        let sources: Vec<(RunId, RunSource)> = sources.into_iter().collect();
        Ok(self
            .histories(&sources, key)
            .await?
            .into_iter()
            .filter(|(_, points)| !points.is_empty())
            .map(|(id, points)| (id, history::sample(&points, max_points)))
            .collect())
    }
}

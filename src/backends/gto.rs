//! A GTO model registry (iterative/gto 1.10.1): artifacts, versions and stages kept as
//! annotated git tags in a repository, read and written with the git CLI, without Python.
//!
//! Reading (`git for-each-ref`, one call) reproduces what `gto show` computes, including its
//! orderings and quirks (`gto/state.rs` says which): an artifact is a [`RegisteredModel`] named as GTO shows
//! it (`path/to:model` for the tag's `path/to=model`), each version a [`ModelVersion`](crate::domain::ModelVersion) whose
//! `run_id` is its commit's full sha (DVC identifies runs by commit, so a version links to its
//! run), and each stage an alias. Statuses are `READY`, `DEREGISTERED`, and `UNREGISTERED`
//! for a commit given a stage without a registration (GTO names such a version by its sha).
//! `gto show`'s `latest` is the model tag `gto.latest`. Deprecated artifacts are hidden, as
//! `gto show` hides them. Stage moves show in the History screen as audit entries on the
//! versions' tags (`gto/history.rs` says how registrations and deregistrations show).
//!
//! Writing ([`Writer`](crate::store::Writer)) is promotion: a stage move is a new annotated tag
//! `model#stage#N` whose message is clearance's record of the approval, so the record travels
//! with the move ([`Writer::records_moves`](crate::store::Writer::records_moves)). The policy's
//! records (a request, an approval, the freeze switch) are `clearance/...` tags beside GTO's
//! (`gto/records.rs`), read back as the versions' and the model's tags; there are no other
//! version tags and no run tags.
//! Every write re-reads the tags, checks the stage is where the caller saw it, waits for a
//! second no event of the artifact has used (GTO orders by whole seconds), and checks
//! afterwards that GTO would read the tag as intended, deleting it otherwise; it can push the
//! tag to a remote.
//!
//! Not read: artifacts described only in `artifacts.yaml` with no tags (gto lists them as
//! unregistered `*name`) and the `GTO_*` environment overrides of `.gto`.

mod config;
mod git;
mod history;
mod map;
mod records;
mod state;
mod tag;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

pub use self::config::GtoConfig;
use self::git::{Git, RawTag};
pub use self::map::{DEREGISTERED, LATEST_TAG, READY, UNREGISTERED};
use self::state::{Parsed, Registry};
use crate::domain::RegisteredModel;
use crate::store::{BackendError, ModelRegistry};

/// How clearance treats a GTO repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GtoSettings {
    /// Refuse every write (the reader is unaffected).
    pub read_only: bool,
    /// Push every tag clearance writes to this remote (`origin`), so CI and other clones see
    /// the move; `None` (the default) leaves tags in the local repository, as `gto` does
    /// without `--push`.
    pub push_remote: Option<String>,
}

/// A GTO registry in a git repository. Cloning is cheap; every operation runs git afresh, so
/// tags written by `gto` or another clearance show up at the next read.
#[derive(Debug, Clone)]
pub struct Gto {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    git: Git,
    /// The working tree's root (where `.gto` lives), or the git directory of a bare repository.
    root: PathBuf,
    bare: bool,
    settings: GtoSettings,
}

impl Gto {
    /// Opens the repository at `repo` (or the one containing it) with default settings.
    /// Fails with a message saying what to do when git is missing or `repo` is not in a git
    /// repository. Runs git synchronously: call it before the runtime needs the thread, or
    /// from `spawn_blocking`.
    pub fn open(repo: &Path) -> Result<Self, BackendError> {
        Self::open_with(repo, GtoSettings::default())
    }

    /// [`Gto::open`] with settings.
    pub fn open_with(repo: &Path, settings: GtoSettings) -> Result<Self, BackendError> {
        let shown = repo.display();
        if !repo.is_dir() {
            return Err(BackendError::Store(if repo.exists() {
                format!("'{shown}' is not a directory: point clearance at a git repository")
            } else {
                format!("no such directory: '{shown}'")
            }));
        }
        let git = Git::new(repo);
        let bare = git
            .run_sync(["rev-parse", "--is-bare-repository"])
            .map_err(|f| match f {
                git::Failure::Missing => BackendError::Store(git::missing_git()),
                other => BackendError::Store(format!(
                    "'{shown}' is not a git repository (a GTO registry is the tags of one): {}",
                    other.said()
                )),
            })?
            .trim()
            == "true";
        let root = if bare {
            git.run_sync(["rev-parse", "--absolute-git-dir"])
        } else {
            git.run_sync(["rev-parse", "--show-toplevel"])
        }
        .map_err(|f| f.into_error(&format!("finding the root of '{shown}'")))?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        Ok(Self {
            inner: Arc::new(Inner {
                git: Git::new(root.clone()),
                root,
                bare,
                settings,
            }),
        })
    }

    /// `GTO registry /path/to/repo`, for the status bar and messages.
    pub fn label(&self) -> String {
        format!("GTO registry {}", self.inner.root.display())
    }

    /// The repository's root: its working tree, or the git directory when it is bare.
    pub fn root(&self) -> &Path {
        &self.inner.root
    }

    /// Whether the repository has no working tree (and so no `.gto`).
    pub fn is_bare(&self) -> bool {
        self.inner.bare
    }

    pub fn settings(&self) -> &GtoSettings {
        &self.inner.settings
    }

    /// Why writes are refused (`None`: they are allowed).
    pub fn read_only_reason(&self) -> Option<String> {
        self.inner.settings.read_only.then(|| {
            format!(
                "the GTO registry at '{}' is open read-only",
                self.inner.root.display()
            )
        })
    }

    /// The repository's `.gto` (no file, or a bare repository: no restrictions).
    pub async fn config(&self) -> Result<GtoConfig, BackendError> {
        if self.inner.bare {
            return Ok(GtoConfig::default());
        }
        let root = self.inner.root.clone();
        blocking(move || GtoConfig::read(&root).map_err(BackendError::Store)).await
    }

    /// Reads the tags and builds the registry from them.
    async fn snapshot(&self) -> Result<Snapshot, BackendError> {
        let tags = self.inner.git.tags().await?;
        let label = self.label();
        blocking(move || Ok(Snapshot::new(tags, label))).await
    }
}

/// The tags at one moment and what GTO makes of them.
struct Snapshot {
    tags: Vec<RawTag>,
    registry: Registry,
    label: String,
}

impl Snapshot {
    fn new(tags: Vec<RawTag>, label: String) -> Self {
        let registry = {
            let (events, skipped) = state::events(&tags);
            let times = state::commit_times(&tags);
            let mut r = Registry::build(&events, &times);
            for (tag, why) in &skipped.tags {
                tracing::debug!(tag, why, "GTO tag skipped");
            }
            r.skipped.tags = skipped.tags;
            if r.skipped.ambiguous > 0 {
                tracing::warn!(
                    count = r.skipped.ambiguous,
                    "GTO events matched several versions at one commit; the newest was used \
                     (gto itself fails with ManyVersions)"
                );
            }
            r
        };
        Self {
            tags,
            registry,
            label,
        }
    }

    fn events(&self) -> (Vec<Parsed<'_>>, HashMap<&str, i64>) {
        (state::events(&self.tags).0, state::commit_times(&self.tags))
    }

    fn models(&self) -> Vec<RegisteredModel> {
        let (events, times) = self.events();
        let mut models: Vec<RegisteredModel> = self
            .registry
            .artifacts
            .iter()
            .filter(|a| a.is_active())
            .map(|a| map::model(a, &events, &times, &self.label))
            .collect();
        let records = records::current(&self.tags);
        for m in &mut models {
            with_records(m, &records);
        }
        models.sort_by(|a, b| a.name.cmp(&b.name));
        models
    }

    /// The artifact a name means (`path/to:model`, or the tag spelling `path/to=model`), or
    /// why there is none.
    fn artifact(&self, name: &str) -> Result<&state::Artifact, BackendError> {
        let name = name.replace('=', ":");
        match self.registry.artifact(&name) {
            Some(a) if a.is_active() => Ok(a),
            Some(_) => Err(BackendError::NotFound(format!(
                "'{name}' is deprecated in the {} (tag '{}@deprecated'); clearance hides \
                 deprecated artifacts, as `gto show` does",
                self.label,
                tag::artifact_in_tag(&name)
            ))),
            None => {
                let known: Vec<&str> = self
                    .registry
                    .artifacts
                    .iter()
                    .filter(|a| a.is_active())
                    .map(|a| a.name.as_str())
                    .collect();
                Err(BackendError::NotFound(format!(
                    "no artifact named '{name}' in the {} (artifacts: {})",
                    self.label,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                )))
            }
        }
    }

    fn model(&self, name: &str) -> Result<RegisteredModel, BackendError> {
        let a = self.artifact(name)?;
        let (events, times) = self.events();
        let mut m = map::model(a, &events, &times, &self.label);
        with_records(&mut m, &records::current(&self.tags));
        Ok(m)
    }
}

/// Adds clearance's records ([`records`]) to the model's tags and its versions' tags.
fn with_records(
    m: &mut RegisteredModel,
    all: &HashMap<(String, records::Scope), std::collections::BTreeMap<String, String>>,
) {
    if let Some(tags) = all.get(&(m.name.clone(), records::Scope::Model)) {
        m.tags.extend(tags.clone());
    }
    for v in &mut m.versions {
        let scope = records::Scope::Version(v.version.as_str().to_owned());
        if let Some(tags) = all.get(&(m.name.clone(), scope)) {
            v.tags.extend(tags.clone());
        }
    }
}

async fn blocking<T, F>(f: F) -> Result<T, BackendError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| BackendError::Store(format!("the GTO task stopped: {e}")))?
}

#[async_trait]
impl ModelRegistry for Gto {
    async fn models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        let snap = self.snapshot().await?;
        blocking(move || Ok(snap.models())).await
    }

    async fn model(&self, name: &str) -> Result<RegisteredModel, BackendError> {
        let snap = self.snapshot().await?;
        let name = name.to_owned();
        blocking(move || snap.model(&name)).await
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

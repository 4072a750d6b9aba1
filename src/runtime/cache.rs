//! The last run listing of each store, kept in the state dir (`runs-cache/`) so that a
//! restart paints the last-known rows at once (marked stale, with their age) and an on-call
//! person sees the last known state while the server is down.
//!
//! - One file per store, named by a hash of the store's [`StoreIdentity::key`] (which holds no
//!   credentials; the key is written inside too, and a file whose key differs is not used).
//! - Bounded: the app sends at most [`crate::app::runs::CACHE_ROWS`] rows, and only the
//!   [`STORES`] files written last are kept.
//! - Written beside and renamed, so a reader never sees half a file; a file that does not
//!   parse is ignored with a log line.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::CachedRuns;
use crate::domain::{
    ExperimentId, Fields, LatestMetric, Lifecycle, Name, Run, RunId, RunStatus, StoreIdentity,
};

/// The folder in the state dir.
pub const DIR: &str = "runs-cache";
/// Stores whose listing is kept; the one written longest ago goes first.
const STORES: usize = 8;
/// A cache file larger than this is not read (500 rows take well under a megabyte).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One store's cached listing.
#[derive(Debug, Clone)]
pub struct RunsCache {
    dir: PathBuf,
    store: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    store: String,
    saved_at_ms: i64,
    experiments: Vec<ExperimentId>,
    runs: Vec<CachedRun>,
}

/// A run as cached: what a row shows. Metric values are text, which keeps NaN and the
/// infinities that JSON numbers cannot hold.
#[derive(Serialize, Deserialize)]
struct CachedRun {
    id: RunId,
    experiment_id: ExperimentId,
    name: String,
    status: String,
    start_ms: Option<i64>,
    end_ms: Option<i64>,
    user: String,
    metrics: BTreeMap<String, (String, i64, i64)>,
    params: BTreeMap<String, String>,
    tags: BTreeMap<String, String>,
}

impl RunsCache {
    /// The cache of `store` in the state dir (`None` when there is no state dir).
    pub fn for_store(store: &StoreIdentity) -> Option<Self> {
        Some(Self::at(crate::config::state_dir()?.join(DIR), store.key()))
    }

    /// The cache of the store filed under `key`, in `dir`.
    pub fn at(dir: PathBuf, key: &str) -> Self {
        Self {
            dir,
            store: key.to_owned(),
        }
    }

    fn path(&self) -> PathBuf {
        let hash = crate::domain::fingerprint::fnv1a(self.store.bytes());
        self.dir.join(format!("{hash:016x}.json"))
    }

    /// The cached listing, if there is a readable one for this store.
    pub fn load(&self) -> Option<CachedRuns> {
        let path = self.path();
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES) {
            tracing::warn!(path = %path.display(), "ignoring a runs cache larger than 16 MiB");
            return None;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot read the runs cache");
                return None;
            }
        };
        let file: File = match serde_json::from_slice(&bytes) {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "ignoring a malformed runs cache");
                return None;
            }
        };
        if file.store != self.store {
            return None;
        }
        Some(CachedRuns {
            saved_at: DateTime::from_timestamp_millis(file.saved_at_ms)?,
            experiments: file.experiments,
            runs: file
                .runs
                .into_iter()
                .take(crate::app::runs::CACHE_ROWS)
                .map(from_cached)
                .collect(),
        })
    }

    /// Replaces the cached listing, and forgets the stores written longest ago.
    pub fn save(&self, cached: &CachedRuns) -> io::Result<()> {
        let file = File {
            store: self.store.clone(),
            saved_at_ms: cached.saved_at.timestamp_millis(),
            experiments: cached.experiments.clone(),
            runs: cached.runs.iter().map(to_cached).collect(),
        };
        let bytes = serde_json::to_vec(&file).map_err(io::Error::other)?;
        crate::config::files::write_atomically(&self.path(), &bytes)?;
        self.prune();
        Ok(())
    }

    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.0));
        for (_, old) in files.into_iter().skip(STORES) {
            let _ = std::fs::remove_file(old);
        }
    }
}

fn to_cached(r: &Run) -> CachedRun {
    CachedRun {
        id: r.id.clone(),
        experiment_id: r.experiment_id.clone(),
        name: r.name.clone(),
        status: r.status.as_str().to_owned(),
        start_ms: r.start_time.map(|t| t.timestamp_millis()),
        end_ms: r.end_time.map(|t| t.timestamp_millis()),
        user: r.user.clone(),
        metrics: r
            .metrics
            .iter()
            .map(|(k, m)| (k.to_string(), (m.value.to_string(), m.step, m.timestamp)))
            .collect(),
        // A tag or param may quote an address with credentials in it (a git remote with a
        // token): the cache keeps it without them.
        params: redacted(&r.params),
        tags: redacted(&r.tags),
    }
}

fn redacted(values: &Fields<Name>) -> BTreeMap<String, String> {
    values
        .iter()
        .map(|(k, v)| (k.to_string(), crate::domain::store::redact_credentials(v)))
        .collect()
}

fn from_cached(r: CachedRun) -> Run {
    Run {
        id: r.id,
        experiment_id: r.experiment_id,
        name: r.name,
        status: RunStatus::parse(&r.status),
        start_time: r.start_ms.and_then(DateTime::<Utc>::from_timestamp_millis),
        end_time: r.end_ms.and_then(DateTime::<Utc>::from_timestamp_millis),
        user: r.user,
        lifecycle: Lifecycle::Active,
        metrics: Fields::interned_keys(r.metrics.into_iter().map(
            |(k, (value, step, timestamp))| {
                let value = value.parse().unwrap_or(f64::NAN);
                (
                    k,
                    LatestMetric {
                        value,
                        step,
                        timestamp,
                    },
                )
            },
        )),
        params: Fields::interned(r.params),
        tags: Fields::interned(r.tags),
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use proptest::prelude::*;

    use super::*;

    fn listing() -> CachedRuns {
        let mut run = crate::app::fixtures::runs().remove(0);
        run.metrics.insert(
            "inf",
            LatestMetric {
                value: f64::NEG_INFINITY,
                step: 1,
                timestamp: 2,
            },
        );
        CachedRuns {
            saved_at: crate::app::fixtures::now(),
            experiments: vec![ExperimentId::new("1")],
            runs: vec![run, crate::app::fixtures::runs().remove(1)],
        }
    }

    /// Runs compared through their text, as NaN is not equal to itself.
    fn shown(c: &CachedRuns) -> String {
        format!("{:?} {:?} {:?}", c.saved_at, c.experiments, c.runs)
    }

    #[test]
    fn a_listing_comes_back_as_it_was_saved_under_its_store_only() {
        let dir = tempfile::tempdir().unwrap();
        let url = url::Url::parse("http://zed:S3cret@mlflow.example:5000/?token=T0k").unwrap();
        let store = StoreIdentity::mlflow_server(&url);
        let cache = RunsCache::at(dir.path().to_path_buf(), store.key());
        assert!(cache.load().is_none());
        cache.save(&listing()).unwrap();
        assert_eq!(shown(&cache.load().unwrap()), shown(&listing()));
        let other = RunsCache::at(dir.path().to_path_buf(), "mlflow:http://other:5000");
        assert!(other.load().is_none());
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for secret in ["zed", "S3cret", "T0k"] {
                assert!(!text.contains(secret) && !path.to_string_lossy().contains(secret));
            }
        }
    }

    #[test]
    fn credentials_in_tags_and_params_stay_out_of_the_file_which_only_its_user_reads() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RunsCache::at(dir.path().to_path_buf(), "mlflow:http://127.0.0.1:5000");
        let mut listing = listing();
        let remote = "https://ann:ghp_S3cret@github.com/acme/models.git";
        listing.runs[0]
            .tags
            .insert("mlflow.source.git.repoURL", remote.into());
        listing.runs[0].params.insert("data", remote.into());
        cache.save(&listing).unwrap();
        let path = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("S3cret") && !text.contains("ann:"), "{text}");
        let back = cache.load().unwrap();
        assert_eq!(
            back.runs[0].tags["mlflow.source.git.repoURL"],
            "https://github.com/acme/models.git"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn only_the_stores_written_last_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..=STORES {
            RunsCache::at(dir.path().to_path_buf(), &format!("s{i}"))
                .save(&listing())
                .unwrap();
            // Modification times must differ for the order to be known.
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), STORES);
        assert!(
            RunsCache::at(dir.path().to_path_buf(), "s0")
                .load()
                .is_none()
        );
        let last = format!("s{STORES}");
        assert!(
            RunsCache::at(dir.path().to_path_buf(), &last)
                .load()
                .is_some()
        );
    }

    proptest! {
        #[test]
        fn a_malformed_file_is_ignored(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let dir = tempfile::tempdir().unwrap();
            let cache = RunsCache::at(dir.path().to_path_buf(), "s");
            std::fs::write(cache.path(), &bytes).unwrap();
            prop_assert!(cache.load().is_none());
        }
    }

    #[test]
    fn a_cut_or_altered_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RunsCache::at(dir.path().to_path_buf(), "s");
        cache.save(&listing()).unwrap();
        let whole = std::fs::read_to_string(cache.path()).unwrap();
        for broken in [
            whole[..whole.len() / 2].to_owned(),
            whole.replace("\"saved_at_ms\"", "\"saved\""),
            whole.replace("\"runs\":[", "\"runs\":[7,"),
        ] {
            std::fs::write(cache.path(), broken).unwrap();
            assert!(cache.load().is_none());
        }
    }
}

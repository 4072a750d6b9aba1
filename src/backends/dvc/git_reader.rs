//! The git-only reader: experiment refs, the queue's stash and the files at each commit, read
//! with `git cat-file --batch` (one process for every file of every revision), in tens of
//! milliseconds. It is the instant first screen, and the whole story when `dvc` is not
//! installed. What it cannot see is listed in [`super::pipeline`]; it knows nothing of running
//! or failed experiments (DVC keeps those outside git).

use std::path::Path;

use super::git::Git;
use super::pipeline::{DVCLIVE_YAML, Files};
use super::snapshot::{RevData, RevKind, WORKSPACE};
use super::state::RepoState;
use super::values::FileData;
use super::yaml;
use crate::domain::RunStatus;
use crate::store::BackendError;

/// The executor DVC names for queued experiments.
const QUEUE_EXECUTOR: &str = "dvc-task";

/// Reads every baseline of `state` with its experiments, and the workspace. `prefix` is where
/// the DVC repository sits inside the git repository (`""` at its root, `"ml/"` below it).
pub async fn read(
    git: &Git,
    root: &Path,
    prefix: &str,
    state: &RepoState,
) -> Result<Vec<RevData>, BackendError> {
    let baselines = state.baselines();
    let mut revs = Vec::new();
    if let Some(head) = &state.head {
        let mut w = RevData::new(WORKSPACE, RevKind::Workspace);
        w.parent = Some(head.clone());
        revs.push(w);
    }
    for b in &baselines {
        revs.push(RevData::new(b, RevKind::Baseline));
        for e in state.exp_refs.iter().filter(|e| &e.baseline == b) {
            let mut r = RevData::new(&e.commit, RevKind::Experiment);
            r.name = Some(e.name.clone());
            r.parent = Some(b.clone());
            revs.push(r);
        }
        for q in state.queued.iter().filter(|q| &q.baseline == b) {
            let mut r = RevData::new(&q.commit, RevKind::Experiment);
            r.name = Some(q.name.clone()).filter(|n| !n.is_empty());
            r.parent = Some(b.clone());
            r.status = RunStatus::Scheduled;
            r.executor = Some(QUEUE_EXECUTOR.to_owned());
            revs.push(r);
        }
    }
    read_files(git, root, prefix, &mut revs).await?;
    Ok(revs)
}

/// Fills in the params and metrics of each revision: first the pipeline files (which name
/// the others), then the files they name, each in one batch.
pub async fn read_files(
    git: &Git,
    root: &Path,
    prefix: &str,
    revs: &mut [RevData],
) -> Result<(), BackendError> {
    let pipelines = read_many(git, root, prefix, revs, |_| {
        vec!["dvc.yaml".to_owned(), DVCLIVE_YAML.to_owned()]
    })
    .await?;
    let mut wanted: Vec<Files> = Vec::with_capacity(revs.len());
    for (r, files) in revs.iter_mut().zip(pipelines) {
        let (mut main, mut live) = (None, None);
        for (path, bytes) in files {
            match parse(&path, &bytes) {
                FileData::Data(v) if path == DVCLIVE_YAML => live = Some(v),
                FileData::Data(v) => main = Some(v),
                FileData::Error(e) => r.error = Some(format!("{path}: {e}")),
            }
        }
        let mut f = Files::from_pipelines(main.as_ref(), live.as_ref());
        // DVC shows no metrics for a queued experiment: it has not run.
        if r.status == RunStatus::Scheduled {
            f.metrics.clear();
        }
        wanted.push(f);
    }
    let contents = read_many(git, root, prefix, revs, |i| {
        wanted[i]
            .params
            .iter()
            .chain(&wanted[i].metrics)
            .cloned()
            .collect()
    })
    .await?;
    for ((r, f), files) in revs.iter_mut().zip(&wanted).zip(contents) {
        for (path, bytes) in files {
            let data = parse(&path, &bytes);
            if f.params.contains(&path) {
                r.params.push((path.clone(), data.clone()));
            }
            if f.metrics.contains(&path) {
                r.metrics.push((path, data));
            }
        }
    }
    Ok(())
}

/// For each revision, the files `paths(i)` names that exist there, with their bytes: from
/// git for commits (one `cat-file --batch` for all), from disk for the workspace.
async fn read_many(
    git: &Git,
    root: &Path,
    prefix: &str,
    revs: &[RevData],
    paths: impl Fn(usize) -> Vec<String>,
) -> Result<Vec<Vec<(String, Vec<u8>)>>, BackendError> {
    let asked: Vec<Vec<String>> = (0..revs.len()).map(&paths).collect();
    let specs: Vec<String> = revs
        .iter()
        .zip(&asked)
        .filter(|(r, _)| r.rev != WORKSPACE)
        .flat_map(|(r, ps)| ps.iter().map(move |p| format!("{}:{prefix}{p}", r.rev)))
        .collect();
    let mut blobs = git.read_blobs(&specs).await?.into_iter();
    let mut out = Vec::with_capacity(revs.len());
    for (r, ps) in revs.iter().zip(asked) {
        let mut found = Vec::new();
        for p in ps {
            let bytes = if r.rev == WORKSPACE {
                read_disk(root.join(&p)).await
            } else {
                blobs.next().flatten()
            };
            if let Some(b) = bytes {
                found.push((p, b));
            }
        }
        out.push(found);
    }
    Ok(out)
}

/// A file of the work tree, read on a blocking thread; `None` when it is not there.
pub async fn read_disk(path: std::path::PathBuf) -> Option<Vec<u8>> {
    tokio::task::spawn_blocking(move || std::fs::read(path).ok())
        .await
        .ok()
        .flatten()
}

/// A params or metrics file by its extension, as DVC reads them.
pub fn parse(path: &str, bytes: &[u8]) -> FileData {
    let text = String::from_utf8_lossy(bytes);
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let parsed = match ext.as_deref() {
        Some("json") => crate::store::python_json::parse(&text).map_err(|e| e.to_string()),
        Some("toml") => toml::from_str::<toml::Value>(&text)
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string())),
        Some("py") => Err("Python params files are read by dvc only".to_owned()),
        _ => yaml::parse(&text),
    };
    match parsed {
        Ok(v) => FileData::Data(v),
        Err(e) => FileData::Error(e),
    }
}

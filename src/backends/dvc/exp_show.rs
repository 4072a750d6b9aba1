//! The DVC reader: `dvc exp show --json --rev <baseline>…`, the source of truth. It sees
//! everything DVC sees (templated pipelines, every `dvc.yaml`, cached metrics, running and
//! failed experiments) at the cost of a Python start-up and a walk of the revisions: about a
//! second on a small repository. Run as a child process on tokio, never on a runtime thread.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use tokio::process::Command;

use super::dto::{ExpRange, ExpState};
use super::snapshot::{RevData, RevKind, WORKSPACE};
use super::values::FileData;
use crate::domain::RunStatus;
use crate::store::BackendError;

/// How long `dvc exp show` may take on a large repository before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Runs `dvc exp show --json` for these baselines (HEAD first) and reads its answer.
pub async fn read(
    dvc: &Path,
    root: &Path,
    baselines: &[String],
    head: Option<&str>,
) -> Result<Vec<RevData>, BackendError> {
    if baselines.is_empty() {
        // No commits: DVC answers `[]` without looking.
        return Ok(Vec::new());
    }
    let mut cmd = Command::new(dvc);
    cmd.args(["exp", "show", "--json"]);
    for b in baselines {
        cmd.arg("--rev").arg(b);
    }
    cmd.current_dir(root)
        .env("DVC_NO_ANALYTICS", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let shown = format!("'{} exp show --json'", dvc.display());
    let out = tokio::time::timeout(TIMEOUT, cmd.output())
        .await
        .map_err(|_| {
            BackendError::Store(format!(
                "{shown} did not finish within {} s in '{}'",
                TIMEOUT.as_secs(),
                root.display()
            ))
        })?
        .map_err(|e| BackendError::Store(format!("cannot run {shown}: {e}")))?;
    if !out.status.success() {
        return Err(BackendError::Store(format!(
            "{shown} failed in '{}' ({}): {}",
            root.display(),
            out.status,
            tail(&String::from_utf8_lossy(&out.stderr), 12)
        )));
    }
    parse(&String::from_utf8_lossy(&out.stdout), head)
}

/// The last `n` non-empty lines: DVC's `ERROR: …` line comes last.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines.len().saturating_sub(n);
    let joined = lines[start..].join("\n");
    if joined.is_empty() {
        "(it printed nothing on stderr)".to_owned()
    } else {
        joined
    }
}

/// Reads the JSON `dvc exp show --json` printed. `head` is the workspace's baseline.
pub fn parse(text: &str, head: Option<&str>) -> Result<Vec<RevData>, BackendError> {
    let decode = |detail: String| BackendError::Decode {
        what: "the output of 'dvc exp show --json'".to_owned(),
        detail,
    };
    let value = crate::store::python_json::parse(text).map_err(|e| decode(e.to_string()))?;
    let rows: Vec<ExpState> = serde_json::from_value(value).map_err(|e| decode(e.to_string()))?;
    let mut out = Vec::new();
    for row in rows {
        if row.rev == WORKSPACE {
            let mut r = rev_data(&row, RevKind::Workspace);
            r.parent = head.map(str::to_owned);
            out.push(r);
            continue;
        }
        let baseline = rev_data(&row, RevKind::Baseline);
        let experiments = row.experiments.clone().unwrap_or_default();
        out.push(baseline);
        for range in &experiments {
            if let Some(r) = experiment(range, &row.rev) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// An experiment: its newest commit, named by the range, in its executor's state.
fn experiment(range: &ExpRange, baseline: &str) -> Option<RevData> {
    let first = range.revs.first()?;
    let mut r = rev_data(first, RevKind::Experiment);
    r.name = range.name.clone().or_else(|| first.name.clone());
    r.parent = Some(baseline.to_owned());
    if let Some(ex) = &range.executor {
        r.status = status(&ex.state);
        r.executor.clone_from(&ex.name);
    }
    Some(r)
}

/// An executor state as a run status.
pub fn status(state: &str) -> RunStatus {
    match state {
        "queued" => RunStatus::Scheduled,
        "running" => RunStatus::Running,
        "success" => RunStatus::Finished,
        "failed" => RunStatus::Failed,
        other => RunStatus::Other(other.to_uppercase()),
    }
}

fn rev_data(row: &ExpState, kind: RevKind) -> RevData {
    let mut r = RevData::new(&row.rev, kind);
    r.name.clone_from(&row.name);
    r.error = row.error.as_ref().map(super::dto::ErrorDto::describe);
    if let Some(data) = &row.data {
        r.time = data.timestamp.as_deref().and_then(local_time);
        r.params = files(&data.params);
        r.metrics = files(&data.metrics);
    }
    r
}

/// `{file: {"data": …} | {"error": {…}}}` in DVC's order.
fn files(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(String, FileData)> {
    map.iter()
        .map(|(file, v)| {
            let data = if let Some(d) = v.get("data") {
                FileData::Data(d.clone())
            } else if let Some(e) = v.get("error") {
                match serde_json::from_value::<super::dto::ErrorDto>(e.clone()) {
                    Ok(e) => FileData::Error(e.describe()),
                    Err(_) => FileData::Error(e.to_string()),
                }
            } else {
                FileData::Error(format!("unexpected entry {v}"))
            };
            (file.clone(), data)
        })
        .collect()
}

/// DVC's timestamps are `datetime.fromtimestamp(commit_time).isoformat()`: the local time of
/// the machine that ran `dvc`, with no offset. Read in the same zone (the child inherits
/// this process's `TZ`); in a daylight-saving fold the earlier instant is taken, and a time
/// that does not exist in the zone is unknown.
pub fn local_time(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

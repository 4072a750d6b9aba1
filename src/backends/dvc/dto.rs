//! `dvc exp show --json` as DVC 3 writes it (`dvc/repo/experiments/serialize.py`), recorded
//! in `tests/fixtures/dvc/`. Fields clearance does not read (`deps`, `outs`, `meta`) are
//! left out; every field it reads may be missing or null without failing the whole answer.

use serde::Deserialize;

/// One row: the workspace, a baseline commit, or one commit of an experiment.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ExpState {
    /// `"workspace"` or a commit sha.
    pub rev: String,
    /// The branch or tag naming a baseline; the experiment's name for its first commit.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub data: Option<ExpData>,
    /// Set when DVC could not collect this revision at all.
    #[serde(default)]
    pub error: Option<ErrorDto>,
    /// For a baseline: the experiments derived from it (running, done, queued, failed).
    #[serde(default)]
    pub experiments: Option<Vec<ExpRange>>,
}

/// One experiment: its commits (newest first; one for anything but old checkpoint runs) and
/// the executor that ran or will run it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ExpRange {
    #[serde(default)]
    pub revs: Vec<ExpState>,
    #[serde(default)]
    pub executor: Option<Executor>,
    #[serde(default)]
    pub name: Option<String>,
}

/// Where an experiment runs: `state` is `queued`, `running`, `success` or `failed`; `name`
/// is `workspace`, `tempdir` or `dvc-task`. Completed experiments have none.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Executor {
    pub state: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// What DVC collected at one revision.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ExpData {
    /// Naive local time of the commit (`datetime.fromtimestamp`), null for the workspace.
    #[serde(default)]
    pub timestamp: Option<String>,
    /// File → `{"data": …}` or `{"error": {"msg", "type"}}`, in DVC's order.
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    pub metrics: serde_json::Map<String, serde_json::Value>,
}

/// `SerializableError`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ErrorDto {
    #[serde(default)]
    pub msg: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl ErrorDto {
    /// `type: msg`, or whichever of the two is there.
    pub fn describe(&self) -> String {
        match (
            self.kind.as_deref().filter(|k| !k.is_empty()),
            self.msg.trim(),
        ) {
            (Some(k), "") => k.to_owned(),
            (Some(k), m) => format!("{k}: {m}"),
            (None, "") => "unknown error".to_owned(),
            (None, m) => m.to_owned(),
        }
    }
}

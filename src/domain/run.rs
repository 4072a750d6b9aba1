//! Tracked runs.

use std::fmt;

use chrono::{DateTime, Utc};

use super::fields::Fields;
use super::ids::{ExperimentId, RunId};
use super::metric::LatestMetric;
use super::name::Name;

/// The tag MLflow uses to link a nested run to its parent.
pub const PARENT_RUN_TAG: &str = "mlflow.parentRunId";
/// The tag MLflow uses for a run's description.
pub const NOTE_TAG: &str = "mlflow.note.content";

/// Where a run is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunStatus {
    Running,
    Scheduled,
    Finished,
    Failed,
    Killed,
    /// A status this version of clearance does not know, kept verbatim.
    Other(String),
}

impl RunStatus {
    pub fn parse(s: &str) -> Self {
        match s {
            "RUNNING" => Self::Running,
            "SCHEDULED" => Self::Scheduled,
            "FINISHED" => Self::Finished,
            "FAILED" => Self::Failed,
            "KILLED" => Self::Killed,
            other => Self::Other(other.to_owned()),
        }
    }

    /// MLflow's spelling, used in JSON output.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Running => "RUNNING",
            Self::Scheduled => "SCHEDULED",
            Self::Finished => "FINISHED",
            Self::Failed => "FAILED",
            Self::Killed => "KILLED",
            Self::Other(s) => s,
        }
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a run or experiment is active or in the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lifecycle {
    #[default]
    Active,
    Deleted,
}

impl Lifecycle {
    pub fn parse(s: &str) -> Self {
        if s == "deleted" {
            Self::Deleted
        } else {
            Self::Active
        }
    }
}

/// A run with its latest metrics, params and tags.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub id: RunId,
    pub experiment_id: ExperimentId,
    pub name: String,
    pub status: RunStatus,
    pub start_time: Option<DateTime<Utc>>,
    pub end_time: Option<DateTime<Utc>>,
    pub user: String,
    pub lifecycle: Lifecycle,
    /// Names and values are shared with the other runs of a listing (see [`Name`]).
    pub metrics: Fields<LatestMetric>,
    pub params: Fields<Name>,
    pub tags: Fields<Name>,
}

impl Run {
    /// The parent of a nested run.
    pub fn parent_id(&self) -> Option<RunId> {
        self.tags
            .get(PARENT_RUN_TAG)
            .filter(|s| !s.is_empty())
            .map(|s| RunId::new(s.as_str()))
    }

    /// The run's description, if someone wrote one.
    pub fn note(&self) -> Option<&str> {
        self.tags
            .get(NOTE_TAG)
            .map(Name::as_str)
            .filter(|s| !s.is_empty())
    }

    /// The latest value of a metric.
    pub fn metric(&self, key: &str) -> Option<f64> {
        self.metrics.get(key).map(|m| m.value)
    }

    /// Whether the run carries `key=value` (tag names and values compare exactly,
    /// except that a `true` value also accepts `True` and `1`, as people write booleans).
    pub fn has_tag(&self, key: &str, value: &str) -> bool {
        self.tags.get(key).is_some_and(|v| {
            v == value
                || (value.eq_ignore_ascii_case("true")
                    && matches!(v.as_str(), "True" | "TRUE" | "1"))
        })
    }

    /// A name to show: the run name, else the short id.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            self.id.short()
        } else {
            &self.name
        }
    }

    /// How long the run ran (or has been running, against `now`).
    pub fn duration(&self, now: DateTime<Utc>) -> Option<chrono::Duration> {
        let start = self.start_time?;
        let end = self.end_time.unwrap_or(now);
        Some(end - start)
    }

    /// Tags a person wrote, without MLflow's bookkeeping (`mlflow.*`).
    pub fn user_tags(&self) -> impl Iterator<Item = (&Name, &Name)> {
        self.tags.iter().filter(|(k, _)| !k.starts_with("mlflow."))
    }
}

/// A nested run's name without its parent's name in front (`sweep/t5-lr0.03` under `sweep`
/// reads `t5-lr0.03`); other names as they are.
pub fn name_under<'a>(run: &'a Run, parent: Option<&Run>) -> &'a str {
    let name = run.display_name();
    let Some(p) = parent.map(Run::display_name).filter(|p| !p.is_empty()) else {
        return name;
    };
    match name.strip_prefix(p) {
        Some(rest) if rest.len() > 1 && rest.starts_with(['/', '-', '_', '.', ':', ' ']) => {
            &rest[1..]
        }
        _ => name,
    }
}

/// Converts milliseconds since the epoch to a time; MLflow stores 0 when no time was given.
pub fn time_from_ms(ms: i64) -> Option<DateTime<Utc>> {
    if ms <= 0 {
        None
    } else {
        DateTime::from_timestamp_millis(ms)
    }
}

/// Orders runs so that nested runs follow their parent, keeping the given order otherwise.
/// Returns indices into `runs` with each run's depth. A child whose parent is not in the list
/// stays where it was (depth 1), so nothing is ever hidden.
pub fn nest(runs: &[Run]) -> Vec<(usize, u8)> {
    use std::collections::HashMap;
    let index: HashMap<&RunId, usize> = runs.iter().enumerate().map(|(i, r)| (&r.id, i)).collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        match run.parent_id().and_then(|p| index.get(&p).copied()) {
            Some(parent) if parent != i => children.entry(parent).or_default().push(i),
            _ => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(runs.len());
    let mut seen = vec![false; runs.len()];
    for root in roots {
        let depth = u8::from(runs[root].parent_id().is_some());
        push_tree(root, depth, &children, &mut out, &mut seen);
    }
    // Runs caught in a parent cycle are never reached from a root: keep them anyway.
    for (i, done) in seen.iter().enumerate() {
        if !done {
            out.push((i, 1));
        }
    }
    out
}

fn push_tree(
    i: usize,
    depth: u8,
    children: &std::collections::HashMap<usize, Vec<usize>>,
    out: &mut Vec<(usize, u8)>,
    seen: &mut [bool],
) {
    if seen[i] {
        return;
    }
    seen[i] = true;
    out.push((i, depth));
    if let Some(kids) = children.get(&i) {
        for &k in kids {
            push_tree(k, depth.saturating_add(1).min(8), children, out, seen);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn run(id: &str, parent: Option<&str>) -> Run {
        let mut tags = Fields::new();
        if let Some(p) = parent {
            tags.insert(PARENT_RUN_TAG, Name::from(p));
        }
        Run {
            id: RunId::from(id),
            experiment_id: ExperimentId::from("1"),
            name: id.to_owned(),
            status: RunStatus::Finished,
            start_time: None,
            end_time: None,
            user: String::new(),
            lifecycle: Lifecycle::Active,
            metrics: Fields::new(),
            params: Fields::new(),
            tags,
        }
    }

    #[test]
    fn children_follow_their_parent() {
        let runs = vec![
            run("child-b", Some("parent")),
            run("solo", None),
            run("parent", None),
            run("child-a", Some("parent")),
            run("grandchild", Some("child-a")),
            run("orphan", Some("gone")),
        ];
        let order: Vec<(&str, u8)> = nest(&runs)
            .into_iter()
            .map(|(i, d)| (runs[i].id.as_str(), d))
            .collect();
        assert_eq!(
            order,
            vec![
                ("solo", 0),
                ("parent", 0),
                ("child-b", 1),
                ("child-a", 1),
                ("grandchild", 2),
                ("orphan", 1),
            ]
        );
    }

    #[test]
    fn parent_cycles_keep_every_run() {
        let runs = vec![run("a", Some("b")), run("b", Some("a"))];
        assert_eq!(nest(&runs).len(), 2);
    }

    #[test]
    fn boolean_tags_accept_common_spellings() {
        let mut r = run("x", None);
        r.tags.insert("baseline", "True".into());
        assert!(r.has_tag("baseline", "true"));
        r.tags.insert("baseline", "false".into());
        assert!(!r.has_tag("baseline", "true"));
    }

    #[test]
    fn nested_names_drop_their_parents_prefix() {
        let parent = run("xgb-sweep", None);
        let child = run("xgb-sweep/t5-lr0.03", Some("xgb-sweep"));
        let other = run("other-t1", Some("xgb-sweep"));
        let same = run("xgb-sweep", Some("xgb-sweep"));
        assert_eq!(name_under(&child, Some(&parent)), "t5-lr0.03");
        assert_eq!(name_under(&other, Some(&parent)), "other-t1");
        assert_eq!(name_under(&same, Some(&parent)), "xgb-sweep");
        assert_eq!(name_under(&child, None), "xgb-sweep/t5-lr0.03");
    }

    #[test]
    fn zero_times_mean_unknown() {
        assert_eq!(time_from_ms(0), None);
        assert!(time_from_ms(1_792_760_801_879).is_some());
    }
}

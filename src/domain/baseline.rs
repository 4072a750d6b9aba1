//! Baselines: what a candidate is compared with.
//!
//! Per experiment, the run tagged `baseline=true` (tag configurable); when several carry the
//! tag the newest wins and a warning says so. When none does, the run behind the version that
//! holds the production alias of a model trained in that experiment. Per registered model, the
//! version holding the production alias.

use super::ids::{RunId, VersionId};
use super::run::Run;

/// Why a run is the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineSource {
    /// It carries the baseline tag.
    Tagged,
    /// It produced the version that holds the production alias.
    ProductionAlias { model: String, version: VersionId },
}

/// An experiment's baseline run.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub run: Run,
    pub source: BaselineSource,
    /// Something the reviewer should know (several tagged runs, say).
    pub warning: Option<String>,
}

impl Baseline {
    pub fn run_id(&self) -> &RunId {
        &self.run.id
    }

    /// "tagged baseline=true" or "production alias of fraud-classifier v3".
    pub fn describe(&self, tag: &str, value: &str) -> String {
        match &self.source {
            BaselineSource::Tagged => format!("tagged {tag}={value}"),
            BaselineSource::ProductionAlias { model, version } => {
                format!("source run of {model} {}", version.label())
            }
        }
    }
}

/// Picks the newest of the runs carrying the baseline tag.
pub fn pick_tagged(mut tagged: Vec<Run>, tag: &str, value: &str) -> Option<Baseline> {
    tagged.retain(|r| r.has_tag(tag, value));
    let count = tagged.len();
    // Newest first; runs without a start time sort last; ties break on id for stability.
    tagged.sort_by(|a, b| {
        b.start_time
            .cmp(&a.start_time)
            .then_with(|| a.id.cmp(&b.id))
    });
    let run = tagged.into_iter().next()?;
    let warning = (count > 1).then(|| {
        format!(
            "{count} runs are tagged {tag}={value}; using the newest, '{}'",
            run.display_name()
        )
    });
    Some(Baseline {
        run,
        source: BaselineSource::Tagged,
        warning,
    })
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::run::tests::run;

    #[test]
    fn newest_tagged_run_wins_with_a_warning() {
        let mut old = run("old", None);
        old.start_time = DateTime::from_timestamp_millis(1_000);
        old.tags.insert("baseline", "true".into());
        let mut new = run("new", None);
        new.start_time = DateTime::from_timestamp_millis(2_000);
        new.tags.insert("baseline", "true".into());
        let untagged = run("untagged", None);
        let b = pick_tagged(vec![old, untagged, new], "baseline", "true").unwrap();
        assert_eq!(b.run.id.as_str(), "new");
        assert_eq!(
            b.warning.as_deref(),
            Some("2 runs are tagged baseline=true; using the newest, 'new'")
        );
    }

    #[test]
    fn single_tagged_run_has_no_warning_and_none_gives_none() {
        let mut only = run("only", None);
        only.tags.insert("baseline", "true".into());
        let b = pick_tagged(vec![only], "baseline", "true").unwrap();
        assert_eq!(b.warning, None);
        assert!(pick_tagged(vec![run("x", None)], "baseline", "true").is_none());
    }
}

//! The CI jobs on a change request's head commit, one by one: GitLab's jobs of the newest
//! pipeline, GitHub's check runs and commit statuses. What the Changes tab's detail view and
//! `prs --json` list; [`super::pull_request::CheckSummary`] counts them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One CI job (a GitLab job, a GitHub check run or commit status), as the host reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Job {
    pub name: String,
    /// `passed`, `failed`, `pending`, `running`, `skipped`, `canceled`, `manual`, or the
    /// host's own word, kept as it is, for a status clearance does not know.
    #[schemars(with = "String")]
    pub status: JobStatus,
    /// The pipeline stage (GitLab); `null` where the host has none (GitHub).
    pub stage: Option<String>,
    /// How long it ran, in seconds; `null` when it has not run (or the host does not say).
    #[serde(rename = "duration_secs", with = "millis_as_secs")]
    #[schemars(rename = "duration_secs", with = "Option<f64>")]
    pub duration_ms: Option<u64>,
    /// The job's page; `null` where the host gives none.
    pub url: Option<String>,
    /// Whether its failure is allowed (GitLab's `allow_failure`): it does not fail the
    /// pipeline.
    pub allow_failure: bool,
}

impl Job {
    /// Whether the job failed and that fails the pipeline: what a reviewer looks at first.
    pub fn is_blocking_failure(&self) -> bool {
        self.status == JobStatus::Failed && !self.allow_failure
    }
}

/// Where a job stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JobStatus {
    Passed,
    Failed,
    /// Created, queued or waiting for a runner or a resource.
    Pending,
    Running,
    Skipped,
    Canceled,
    /// Waits for a person to start it (GitLab's manual jobs, a deployment gate).
    Manual,
    /// A status clearance does not know, as the host said it.
    Other(String),
}

impl JobStatus {
    /// The word in `prs --json` and on screen.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Skipped => "skipped",
            Self::Canceled => "canceled",
            Self::Manual => "manual",
            Self::Other(s) => s,
        }
    }

    /// Reads a word [`Self::as_str`] wrote; any other word is kept as [`Self::Other`].
    pub fn parse(s: &str) -> Self {
        match s {
            "passed" => Self::Passed,
            "failed" => Self::Failed,
            "pending" => Self::Pending,
            "running" => Self::Running,
            "skipped" => Self::Skipped,
            "canceled" => Self::Canceled,
            "manual" => Self::Manual,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for JobStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for JobStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// The pipeline the jobs belong to (GitLab); GitHub's check runs have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Pipeline {
    pub id: u64,
    /// Its page; `null` where the host gives none.
    pub url: Option<String>,
}

/// The jobs grouped by stage, stages in the order their first job comes (the hosts list
/// jobs in pipeline order); jobs without a stage form one group, named `None`.
pub fn by_stage(jobs: &[Job]) -> Vec<(Option<&str>, Vec<usize>)> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, j) in jobs.iter().enumerate() {
        let stage = j.stage.as_deref();
        match groups.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, members)) => members.push(i),
            None => groups.push((stage, vec![i])),
        }
    }
    groups
}

/// `0.4s`, `42s`, `3m 05s`, `1h 02m`.
pub fn describe_duration(ms: u64) -> String {
    let secs = ms / 1000;
    if secs < 10 {
        format!("{}.{}s", secs, (ms % 1000) / 100)
    } else if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{}h {:02}m", secs / 3600, (secs % 3600) / 60)
    }
}

/// Seconds (a JSON number, fractions kept to the millisecond) for a count of milliseconds.
mod millis_as_secs {
    use serde::{Deserialize, Deserializer, Serializer};

    #[expect(
        clippy::ref_option,
        reason = "serde's `with` hands the field by reference"
    )]
    pub fn serialize<S: Serializer>(ms: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match ms {
            #[expect(
                clippy::cast_precision_loss,
                reason = "a job's milliseconds are far below 2^52"
            )]
            Some(ms) => s.serialize_f64(*ms as f64 / 1000.0),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.and_then(super::secs_to_millis))
    }
}

/// Milliseconds for a host's seconds; `None` for a negative or non-finite value.
pub fn secs_to_millis(secs: f64) -> Option<u64> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked finite and non-negative; `as` saturates above u64::MAX"
    )]
    (secs.is_finite() && secs >= 0.0).then(|| (secs * 1000.0).round() as u64)
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    fn job(name: &str, stage: Option<&str>) -> Job {
        Job {
            name: name.into(),
            status: JobStatus::Passed,
            stage: stage.map(Into::into),
            duration_ms: None,
            url: None,
            allow_failure: false,
        }
    }

    #[test]
    fn stages_keep_the_order_of_their_first_job() {
        let jobs = [
            job("build", Some("build")),
            job("rspec", Some("test")),
            job("lint", Some("build")),
            job("deploy", Some("deploy")),
            job("docs", None),
        ];
        assert_eq!(
            by_stage(&jobs),
            vec![
                (Some("build"), vec![0, 2]),
                (Some("test"), vec![1]),
                (Some("deploy"), vec![3]),
                (None, vec![4]),
            ]
        );
        assert!(by_stage(&[]).is_empty());
    }

    #[rstest]
    #[case(0, "0.0s")]
    #[case(465, "0.4s")]
    #[case(9_999, "9.9s")]
    #[case(42_000, "42s")]
    #[case(185_000, "3m 05s")]
    #[case(3_720_000, "1h 02m")]
    fn durations_read_short(#[case] ms: u64, #[case] want: &str) {
        assert_eq!(describe_duration(ms), want);
    }

    #[test]
    fn json_carries_seconds_and_the_status_word() {
        let j = Job {
            status: JobStatus::Other("waiting_for_callback".into()),
            duration_ms: Some(192),
            url: Some("https://example.com/foo/bar/-/jobs/6".into()),
            ..job("rspec:other", Some("test"))
        };
        let v = serde_json::to_value(&j).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "name": "rspec:other", "status": "waiting_for_callback", "stage": "test",
                "duration_secs": 0.192, "url": "https://example.com/foo/bar/-/jobs/6",
                "allow_failure": false
            })
        );
        assert_eq!(serde_json::from_value::<Job>(v).unwrap(), j);
    }

    #[rstest]
    #[case(-1.0, None)]
    #[case(f64::NAN, None)]
    #[case(0.465, Some(465))]
    #[case(240.0, Some(240_000))]
    fn host_seconds_to_millis(#[case] secs: f64, #[case] want: Option<u64>) {
        assert_eq!(secs_to_millis(secs), want);
    }

    proptest! {
        /// Any word survives a round trip: an unknown status is kept, never dropped or
        /// turned into another.
        #[test]
        fn every_status_word_round_trips(word in "\\PC{0,24}") {
            let s = JobStatus::parse(&word);
            prop_assert_eq!(s.as_str(), word.as_str());
            let back: JobStatus = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
            prop_assert_eq!(back, s);
        }

        /// Grouping by stage loses no job and repeats none, and each group holds one stage.
        #[test]
        fn grouping_is_a_partition(stages in proptest::collection::vec(proptest::option::of("[a-c]"), 0..12)) {
            let jobs: Vec<Job> = stages.iter().enumerate()
                .map(|(i, s)| job(&i.to_string(), s.as_deref())).collect();
            let groups = by_stage(&jobs);
            let mut all: Vec<usize> = groups.iter().flat_map(|(_, m)| m.clone()).collect();
            all.sort_unstable();
            prop_assert_eq!(all, (0..jobs.len()).collect::<Vec<_>>());
            for (stage, members) in &groups {
                prop_assert!(members.iter().all(|i| jobs[*i].stage.as_deref() == *stage));
            }
        }
    }
}

//! Alerts raised over monitoring series, and what an evaluation found.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ack::{Ack, AckKind};
use super::{AlertRule, AlertState, Evaluation, Freshness, Severity};
use crate::domain::{MetricPoint, VersionId};

/// One metric of one monitored model.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub model: String,
    pub version: Option<VersionId>,
    pub alias: Option<String>,
    pub metric: String,
    /// In window order.
    pub points: Vec<MetricPoint>,
}

impl Series {
    /// `fraud-classifier@production`, `churn-model v2`.
    pub fn subject(&self) -> String {
        match (&self.alias, &self.version) {
            (Some(a), _) => format!("{}@{a}", self.model),
            (None, Some(v)) => format!("{} {}", self.model, v.label()),
            (None, None) => self.model.clone(),
        }
    }
}

/// A rule's verdict on a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub rule: AlertRule,
    pub series: Series,
    /// The version the alert is about (from the tag, or the alias resolved in the registry).
    pub version: Option<VersionId>,
    pub eval: Evaluation,
    /// For relative rules: the offline metric and the value the threshold is based on.
    pub offline: Option<(String, f64)>,
    /// The series' newest window and whether the feed is stale (`None`: an empty series).
    pub freshness: Option<Freshness>,
    /// On-call's acknowledgement or silence that covers this alert (the newest), in force or
    /// not: [`Alert::answered`] says whether it counts at a time.
    pub ack: Option<Ack>,
}

impl Alert {
    pub fn is_firing(&self) -> bool {
        self.eval.state == AlertState::Firing
    }

    /// Whether the series has had no window for longer than its expected cadence.
    pub fn is_stale(&self) -> bool {
        self.freshness.is_some_and(|f| f.stale)
    }

    /// Whether on-call should act: it fires, or its feed stopped (a stale feed is itself an
    /// alert: a breach would go unseen).
    pub fn is_alerting(&self) -> bool {
        self.is_firing() || self.is_stale()
    }

    /// The acknowledgement or silence that counts at `now`, if any (an expired silence does
    /// not).
    pub fn answered(&self, now: DateTime<Utc>) -> Option<&Ack> {
        self.ack.as_ref().filter(|a| a.in_force(now))
    }

    /// Whether a silence in force mutes it at `now`: it then does not count for the exit code
    /// or the header (an acknowledged alert still does: someone is on it, it is not over).
    pub fn is_silenced(&self, now: DateTime<Utc>) -> bool {
        self.answered(now)
            .is_some_and(|a| a.kind == AckKind::Silenced)
    }

    /// Whether on-call should act and nobody has answered yet.
    pub fn is_unanswered(&self, now: DateTime<Utc>) -> bool {
        self.is_alerting() && self.answered(now).is_none()
    }

    /// A stable key, to notice alerts that start firing between two evaluations.
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.rule.name,
            self.series.subject(),
            self.series.metric
        )
    }
}

/// What an evaluation found, and what it could not judge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AlertReport {
    /// Firing first, critical before warning, then newest streak first.
    pub alerts: Vec<Alert>,
    /// Things on-call should know: unknown experiments, rules that could not be judged,
    /// rules that matched no series.
    pub notes: Vec<String>,
    /// How many rules were evaluated, and the names of those that matched no series: a rule
    /// that watches nothing is alerting silently off.
    pub rules: usize,
    pub unmatched_rules: Vec<String>,
}

impl AlertReport {
    /// Whether no rule matched any series: nothing is being watched at all.
    pub fn watches_nothing(&self) -> bool {
        self.rules > 0 && self.unmatched_rules.len() == self.rules
    }

    pub fn firing(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.is_firing())
    }

    /// Firing alerts and stale feeds: what needs on-call.
    pub fn alerting(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.is_alerting())
    }

    /// Stale feeds (firing or not).
    pub fn stale(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.is_stale())
    }

    /// Firing alerts and stale feeds not silenced at `now`: what counts for the exit code and
    /// the header (acknowledged ones included).
    pub fn counting(&self, now: DateTime<Utc>) -> impl Iterator<Item = &Alert> {
        self.alerting().filter(move |a| !a.is_silenced(now))
    }

    /// The worst severity of what counts at `now` (firing alerts and stale feeds, silenced
    /// ones left out).
    pub fn worst(&self, now: DateTime<Utc>) -> Option<Severity> {
        self.counting(now).map(|a| a.rule.severity).max()
    }

    /// Attaches to each alert the newest record in `records` that covers it.
    pub fn attach(&mut self, records: &[Ack]) {
        for a in &mut self.alerts {
            a.ack = super::ack::standing(a, records).cloned();
        }
    }

    /// What needs on-call first: unanswered firing alerts and stale feeds, then the answered
    /// ones (acknowledged or silenced at `now`), then the rest; within each, firing before
    /// stale, worst first, newest streak first.
    pub fn sort(&mut self, now: DateTime<Utc>) {
        let rank = |a: &Alert| {
            (
                a.is_unanswered(now),
                a.is_alerting(),
                a.is_firing(),
                a.rule.severity,
                a.eval.since,
            )
        };
        self.alerts.sort_by_key(|a| std::cmp::Reverse(rank(a)));
    }
}

/// The JSON form of an alert, for `clearance alerts --json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AlertJson {
    pub rule: String,
    pub model: String,
    pub version: Option<String>,
    pub alias: Option<String>,
    pub metric: String,
    #[serde(serialize_with = "crate::domain::value::serialize_value")]
    #[schemars(with = "crate::domain::value::JsonNumber")]
    pub value: f64,
    #[serde(serialize_with = "crate::domain::value::serialize_value")]
    #[schemars(with = "crate::domain::value::JsonNumber")]
    pub threshold: f64,
    pub breach: crate::domain::alert::Breach,
    pub severity: Severity,
    /// `firing`, `resolved`, or `stale` (within the rule at its latest window, but the feed
    /// stopped).
    pub state: &'static str,
    pub since: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub windows: usize,
    pub offline: Option<(String, f64)>,
    /// When the series' newest window started.
    pub latest_window: Option<DateTime<Utc>>,
    /// How long a window may take to follow the previous one (configured `stale_after`, else
    /// twice the series' median interval); `null` when the series cannot say.
    pub expected_every_secs: Option<i64>,
    /// No window newer than `expected_every_secs`: the feed stopped, whatever `state` says.
    pub stale: bool,
    /// `acknowledged` or `silenced` while that is in force, else `null` (an expired silence
    /// is `null`; `ack` still shows it).
    pub answered: Option<AckKind>,
    /// Whether it counts for the exit code: alerting and not silenced.
    pub counts: bool,
    /// The newest acknowledgement or silence of this alert, in force or expired.
    pub ack: Option<Ack>,
}

impl AlertJson {
    /// The alert as it stands at `now` (for silences, which end).
    pub fn at(a: &Alert, now: DateTime<Utc>) -> Self {
        let (state, resolved_at) = match a.eval.state {
            AlertState::Firing => ("firing", None),
            AlertState::Resolved { at } => ("resolved", Some(at)),
            AlertState::Stale => ("stale", None),
        };
        Self {
            rule: a.rule.name.clone(),
            model: a.series.model.clone(),
            version: a.version.as_ref().map(|v| v.as_str().to_owned()),
            alias: a.series.alias.clone(),
            metric: a.series.metric.clone(),
            value: a.eval.latest,
            threshold: a.eval.threshold,
            breach: a.rule.breach,
            severity: a.rule.severity,
            state,
            since: a.eval.since,
            resolved_at,
            windows: a.eval.streak,
            offline: a.offline.clone(),
            latest_window: a.freshness.map(|f| f.latest),
            expected_every_secs: a
                .freshness
                .and_then(|f| f.expected)
                .map(|d| d.num_seconds()),
            stale: a.is_stale(),
            answered: a.answered(now).map(|k| k.kind),
            counts: a.is_alerting() && !a.is_silenced(now),
            ack: a.ack.clone(),
        }
    }
}

//! On-call's answer to an alert: **acknowledged** ("I am on it") or **silenced** until a time
//! ("known, do not page me until then"), with who, when and why.
//!
//! A record names the alert it is about by model, rule, metric, and the alias and version the
//! series is about: after a rollback the alert on the new production version is a new alert,
//! unacknowledged. An acknowledgement covers the alert's current episode only (it was made
//! after the breaching streak began): when the alert resolves and fires again later, it asks
//! for on-call again. A silence covers the alert until its `until`, whatever happens; an
//! expired silence no longer counts.
//!
//! Records are kept as registered-model tags ([`tag_key`]) where the store has them, else in
//! a local file; both hold the same JSON.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Alert;

/// The registered-model tags that hold acknowledgements: `clearance.ack.<rule-key>`.
pub const TAG_PREFIX: &str = "clearance.ack.";

/// The longest reason kept (a tag value has a size limit; a reason is a sentence).
pub const MAX_REASON: usize = 500;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AckKind {
    /// Someone is on it; it still counts (for the exit code and the header).
    Acknowledged,
    /// Muted until `until`: it does not count meanwhile.
    Silenced,
}

/// Who acknowledged or silenced an alert, when, why, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Ack {
    pub kind: AckKind,
    /// The configured user, else git's identity (as promotions record it).
    pub by: String,
    pub at: DateTime<Utc>,
    pub reason: String,
    /// When a silence ends (`null` for an acknowledgement).
    pub until: Option<DateTime<Utc>>,
    pub model: String,
    /// The version the alert is about, when known.
    pub version: Option<String>,
    /// The alias the series is about, when it names one.
    pub alias: Option<String>,
    pub rule: String,
    pub metric: String,
}

impl Ack {
    /// A record for `alert`, made `at` by `by`.
    pub fn for_alert(
        alert: &Alert,
        kind: AckKind,
        by: &str,
        at: DateTime<Utc>,
        reason: &str,
        until: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            kind,
            by: by.trim().to_owned(),
            at,
            reason: clip(reason.trim(), MAX_REASON),
            until,
            model: alert.series.model.clone(),
            version: alert.version.as_ref().map(|v| v.as_str().to_owned()),
            alias: alert.series.alias.clone(),
            rule: alert.rule.name.clone(),
            metric: alert.series.metric.clone(),
        }
    }

    /// Whether this record is about `alert` (its model, rule, metric, alias and version).
    pub fn names(&self, alert: &Alert) -> bool {
        self.model == alert.series.model
            && self.rule == alert.rule.name
            && self.metric == alert.series.metric
            && self.alias == alert.series.alias
            && self.version.as_deref()
                == alert.version.as_ref().map(crate::domain::VersionId::as_str)
    }

    /// Whether the record answers `alert` as it stands: it names it and, for an
    /// acknowledgement, was made once the current episode had begun.
    pub fn covers(&self, alert: &Alert) -> bool {
        self.names(alert) && (self.kind == AckKind::Silenced || self.at >= alert.eval.since)
    }

    /// Whether it counts at `now`: an acknowledgement always, a silence until it ends.
    pub fn in_force(&self, now: DateTime<Utc>) -> bool {
        match self.kind {
            AckKind::Acknowledged => true,
            AckKind::Silenced => self.until.is_some_and(|u| u > now),
        }
    }

    /// The tag (and local file entry) this record is kept under.
    pub fn key(&self) -> String {
        tag_key(
            &self.rule,
            &self.metric,
            self.alias.as_deref(),
            self.version.as_deref(),
        )
    }

    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| e.to_string())
    }

    /// A record read back; `None` when the text is not one (someone else's tag).
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// `ACK`, `SILENCED`.
    pub fn label(&self) -> &'static str {
        match self.kind {
            AckKind::Acknowledged => "ACK",
            AckKind::Silenced => "SILENCED",
        }
    }

    /// `silenced by ann until 12-06 16:10: deploy in progress`, for text output and the tab.
    pub fn describe(&self) -> String {
        let what = match (self.kind, self.until) {
            (AckKind::Acknowledged, _) => format!(
                "acknowledged by {} at {}",
                self.by,
                self.at.format("%Y-%m-%d %H:%M")
            ),
            (AckKind::Silenced, Some(u)) => format!(
                "silenced by {} until {}",
                self.by,
                u.format("%Y-%m-%d %H:%M")
            ),
            (AckKind::Silenced, None) => format!("silenced by {}", self.by),
        };
        if self.reason.is_empty() {
            what
        } else {
            format!("{what}: {}", self.reason)
        }
    }
}

/// `clearance.ack.<rule-key>`: the rule, metric and alias (else version) of the series, as
/// characters every store accepts in a tag key (letters, digits, `_`, `-`, `.`; the rest
/// become `-`). The record's own fields say exactly which alert it is about.
pub fn tag_key(rule: &str, metric: &str, alias: Option<&str>, version: Option<&str>) -> String {
    let on = alias
        .map(|a| format!("@{a}"))
        .or_else(|| version.map(|v| format!("v{v}")))
        .unwrap_or_default();
    let raw = format!("{rule}.{metric}{on}");
    let mut key = String::from(TAG_PREFIX);
    let mut last_dash = false;
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if c == '-' && last_dash {
            continue;
        }
        last_dash = c == '-';
        key.push(c);
    }
    // MLflow takes keys up to 250 characters.
    clip(&key, 240)
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The record that stands for `alert` among `records` (the newest that covers it), if any.
pub fn standing<'a>(alert: &Alert, records: &'a [Ack]) -> Option<&'a Ack> {
    records
        .iter()
        .filter(|r| r.covers(alert))
        .max_by_key(|r| r.at)
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use pretty_assertions::assert_eq;

    use super::*;
    use crate::domain::MetricPoint;
    use crate::domain::VersionId;
    use crate::domain::alert::{
        AlertRule, AlertState, Breach, Evaluation, Series, Severity, Threshold,
    };

    fn t(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap() + Duration::hours(h)
    }

    fn alert(version: &str, since: i64) -> Alert {
        Alert {
            rule: AlertRule::new(
                Some("feature drift (PSI)".into()),
                "psi_*",
                None,
                Breach::Above,
                Threshold::Absolute(0.2),
                1,
                Severity::Critical,
            )
            .unwrap(),
            series: Series {
                model: "fraud-classifier".into(),
                version: None,
                alias: Some("production".into()),
                metric: "psi_amount".into(),
                points: vec![MetricPoint {
                    step: 0,
                    timestamp: t(since).timestamp_millis(),
                    value: 0.3,
                }],
            },
            version: Some(VersionId::new(version)),
            eval: Evaluation {
                state: AlertState::Firing,
                threshold: 0.2,
                since: t(since),
                latest: 0.3,
                streak: 1,
            },
            offline: None,
            freshness: None,
            ack: None,
        }
    }

    #[test]
    fn tag_keys_are_what_a_store_accepts() {
        assert_eq!(
            tag_key(
                "feature drift (PSI)",
                "psi_amount",
                Some("production"),
                None
            ),
            "clearance.ack.feature-drift-psi-.psi_amount-production"
        );
        assert_eq!(
            tag_key("r", "m", None, Some("3")),
            "clearance.ack.r.mv3",
            "the version when no alias"
        );
        assert!(tag_key(&"x".repeat(400), "m", None, None).len() <= 240);
    }

    #[test]
    fn an_acknowledgement_covers_the_current_episode_of_its_alert_only() {
        let a = alert("3", 0);
        let ack = Ack::for_alert(&a, AckKind::Acknowledged, " ann ", t(5), " on it ", None);
        assert_eq!((ack.by.as_str(), ack.reason.as_str()), ("ann", "on it"));
        assert!(ack.covers(&a));
        assert!(
            ack.in_force(t(10_000)),
            "an acknowledgement does not expire"
        );
        assert!(
            !ack.covers(&alert("2", 0)),
            "another version is another alert"
        );
        assert!(
            !ack.covers(&alert("3", 6)),
            "an episode that began after the acknowledgement asks again"
        );
        let json = ack.to_json().unwrap();
        assert_eq!(Ack::from_json(&json), Some(ack));
        assert_eq!(Ack::from_json("{\"by\": 1}"), None);
    }

    #[test]
    fn a_silence_counts_until_it_ends_and_the_newest_record_stands() {
        let a = alert("3", 0);
        let old = Ack::for_alert(&a, AckKind::Acknowledged, "ann", t(1), "on it", None);
        let silence = Ack::for_alert(&a, AckKind::Silenced, "bob", t(2), "deploy", Some(t(6)));
        assert!(silence.in_force(t(5)));
        assert!(!silence.in_force(t(6)), "expired at its end");
        assert!(
            silence.covers(&alert("3", 4)),
            "a silence is about time, not episodes"
        );
        let records = [old, silence.clone()];
        assert_eq!(standing(&a, &records), Some(&silence));
        assert_eq!(
            silence.describe(),
            "silenced by bob until 2026-09-21 20:13: deploy"
        );
    }
}

//! Promotion: what will change, what must still be true when it does, and the record of it.
//!
//! Every change clearance makes (a promotion, a rollback, a baseline move) is planned first,
//! checked against a fresh read just before writing, and recorded as an [`AuditEntry`]: as a
//! JSON tag on the model version (`clearance.event.<ms>`), where the team sees it in MLflow,
//! and in a local append-only log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::diff::{DiffReport, Gate};
use super::ids::{ExperimentId, RunId, VersionId};
use super::model::RegisteredModel;

/// The prefix of every tag clearance writes.
pub const TAG_PREFIX: &str = "clearance.";
/// The prefix of audit event tags on model versions: `clearance.event.<unix ms>`.
pub const EVENT_TAG_PREFIX: &str = "clearance.event.";

/// Starts the line of a change message that holds the whole record as JSON.
pub const RECORD_MARKER: &str = "clearance-record: ";

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Promote,
    Rollback,
    Baseline,
    /// A stage taken off a version without a promotion putting another there: GTO's
    /// unassignment tag (`model#stage!#N`), or a deregistration of the version holding it.
    /// `to` is what holds the stage afterwards, [`UNSET`] when nothing does.
    Unassign,
}

/// The `to` of an [`AuditEntry`] after which nothing holds the alias.
pub const UNSET: &str = "(unset)";

/// The gate results a change was approved with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GateRecord {
    pub passed: bool,
    /// "1 of 3 gates fail · 2 improved, 1 regressed".
    pub summary: String,
    /// `metric: reason` for each failed gate.
    pub failed: Vec<String>,
}

impl GateRecord {
    pub fn from_report(report: &DiffReport) -> Self {
        Self {
            passed: report.passed(),
            summary: report.summary(),
            failed: report
                .failures()
                .map(|m| {
                    format!(
                        "{}: {}",
                        m.name,
                        m.gate_reason.as_deref().unwrap_or("failed")
                    )
                })
                .collect(),
        }
    }

    /// Whether any gate applied at all.
    pub fn any_gate(report: &DiffReport) -> bool {
        report.metrics.iter().any(|m| m.gate.is_some())
    }

    pub fn failed_count(report: &DiffReport) -> usize {
        report
            .metrics
            .iter()
            .filter(|m| m.gate == Some(Gate::Fail))
            .count()
    }
}

/// A planned alias move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasPlan {
    pub kind: ChangeKind,
    pub model: String,
    /// The alias to move (`production`).
    pub alias: String,
    /// Where it pointed when the reviewer looked (`None`: unset).
    pub from: Option<VersionId>,
    pub to: VersionId,
    /// The staging alias the candidate held when the reviewer looked; it must still hold it.
    pub candidate_alias: Option<String>,
}

impl AliasPlan {
    /// `production: v3 → v4`.
    pub fn describe(&self) -> String {
        let from = self
            .from
            .as_ref()
            .map_or_else(|| "(unset)".to_owned(), VersionId::label);
        format!("{}: {from} → {}", self.alias, self.to.label())
    }

    /// Whether the alias already points where the plan would move it.
    pub fn is_noop(&self) -> bool {
        self.from.as_ref() == Some(&self.to)
    }

    /// What changed since the reviewer looked, judged on a fresh read of the model;
    /// `None` when the world is as they saw it.
    pub fn precondition_failure(&self, now: &RegisteredModel) -> Option<String> {
        let Some(candidate) = now.version(&self.to) else {
            return Some(format!(
                "{} of '{}' no longer exists",
                self.to.label(),
                self.model
            ));
        };
        let current = now.aliases.get(&self.alias);
        if current != self.from.as_ref() {
            let seen = self
                .from
                .as_ref()
                .map_or_else(|| "unset".to_owned(), VersionId::label);
            let actual = current.map_or_else(|| "unset".to_owned(), VersionId::label);
            return Some(format!(
                "@{} of '{}' changed since you looked: it was {seen}, it is now {actual}",
                self.alias, self.model
            ));
        }
        if let Some(staging) = &self.candidate_alias
            && now.aliases.get(staging) != Some(&candidate.version)
        {
            let actual = now
                .aliases
                .get(staging)
                .map_or_else(|| "unset".to_owned(), VersionId::label);
            return Some(format!(
                "{} no longer holds @{staging} (it is now on {actual})",
                self.to.label()
            ));
        }
        None
    }
}

/// A planned baseline move: tag `run` as the experiment's baseline, untagging the old one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselinePlan {
    pub experiment: ExperimentId,
    pub experiment_name: String,
    pub run: RunId,
    pub run_name: String,
    /// The tagged baseline when the reviewer looked (`None`: no tagged run).
    pub current: Option<RunId>,
    pub current_name: Option<String>,
}

impl BaselinePlan {
    /// `baseline of fraud-detection: xgb-prod → xgb-depth8`.
    pub fn describe(&self) -> String {
        format!(
            "baseline of {}: {} → {}",
            self.experiment_name,
            self.current_name.as_deref().unwrap_or("(none)"),
            self.run_name
        )
    }
}

/// A planned change of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Alias(AliasPlan),
    Baseline(BaselinePlan),
}

impl Change {
    pub fn describe(&self) -> String {
        match self {
            Self::Alias(p) => p.describe(),
            Self::Baseline(p) => p.describe(),
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Who approved it: `Name <email>`.
    pub by: String,
    pub action: ChangeKind,
    /// The registered model (promotions, rollbacks) or experiment (baselines).
    pub subject: String,
    /// The alias moved, or the baseline tag.
    pub alias: String,
    /// A version, or for baselines a run id; `None` when nothing held it before.
    pub from: Option<String>,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gates: Option<GateRecord>,
    /// Whether failing gates were overridden.
    #[serde(default)]
    pub overridden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where, for people: `MLflow at http://...` (never with credentials).
    pub store: String,
    /// Where, for filing: the [`StoreIdentity::key`](super::StoreIdentity::key) of the store the change was made in, so a
    /// store's history never shows another store's moves. Absent in records written before
    /// clearance kept it; those are matched by `store`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
}

impl AuditEntry {
    /// The tag key for this entry on a model version.
    pub fn tag_key(&self) -> String {
        format!("{EVENT_TAG_PREFIX}{}", self.at.timestamp_millis())
    }

    /// The record as a message, for stores that keep it with the change (a GTO tag): a line a
    /// person reads, then the details, then the whole entry as JSON on a line of its own
    /// after [`RECORD_MARKER`], which is what a reader parses back.
    pub fn message(&self) -> String {
        use std::fmt::Write as _;
        let verb = match self.action {
            ChangeKind::Promote => "Promoted",
            ChangeKind::Rollback => "Rolled back",
            ChangeKind::Baseline => "Set the baseline of",
            ChangeKind::Unassign => "Unassigned a stage of",
        };
        let mut text = format!(
            "{verb} {} ({}) with clearance\n\nApproved-by: {}\nApproved-at: {}\n",
            self.subject,
            self.describe(),
            self.by,
            self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        );
        if let Some(g) = &self.gates {
            let _ = writeln!(text, "Gates: {}", g.summary);
        }
        if self.overridden {
            text.push_str("Gates-overridden: yes\n");
        }
        if let Some(r) = &self.reason {
            let _ = writeln!(text, "Reason: {}", r.replace('\n', " "));
        }
        let json = serde_json::to_string(self).unwrap_or_default();
        let _ = write!(text, "\n{RECORD_MARKER}{json}");
        text
    }

    /// The entry carried by a [`AuditEntry::message`], if the text holds one.
    pub fn from_message(text: &str) -> Option<Self> {
        text.lines()
            .find_map(|l| l.strip_prefix(RECORD_MARKER))
            .and_then(|json| serde_json::from_str(json).ok())
    }

    /// `production: v3 → v4`.
    pub fn describe(&self) -> String {
        let label = |v: &str| {
            if self.action == ChangeKind::Baseline {
                v.chars().take(8).collect()
            } else {
                VersionId::new(v).label()
            }
        };
        let from = self
            .from
            .as_deref()
            .map_or_else(|| "(unset)".to_owned(), label);
        format!("{}: {from} → {}", self.alias, label(&self.to))
    }
}

/// The model's history: events from version tags and from the local log, newest first, each
/// once (the same event in both places counts once).
pub fn history(model: &RegisteredModel, local: &[AuditEntry]) -> Vec<AuditEntry> {
    let mut all: Vec<AuditEntry> = model
        .versions
        .iter()
        .flat_map(|v| v.tags.iter())
        .filter(|(k, _)| k.starts_with(EVENT_TAG_PREFIX))
        .filter_map(|(_, json)| serde_json::from_str::<AuditEntry>(json).ok())
        .filter(|e| e.subject == model.name)
        .collect();
    all.extend(
        local
            .iter()
            .filter(|e| e.subject == model.name && e.action != ChangeKind::Baseline)
            .cloned(),
    );
    // A record written before clearance kept credentials out of store labels may hold one.
    for e in &mut all {
        e.store = super::store::redact_credentials(&e.store);
    }
    all.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.to.cmp(&b.to)));
    all.dedup_by(|a, b| a.at == b.at && a.to == b.to && a.action == b.action);
    all
}

/// The aliases whose current version no record explains: the latest recorded move of the
/// alias (`history` newest first) did not put it there, or there is none. They were moved
/// outside clearance, by someone, at a time no record says.
pub fn moved_outside(model: &RegisteredModel, history: &[AuditEntry]) -> Vec<(String, VersionId)> {
    model
        .aliases
        .iter()
        .filter(|(alias, version)| {
            history
                .iter()
                .find(|e| &e.alias == *alias && e.action != ChangeKind::Baseline)
                .is_none_or(|e| e.to != version.as_str())
        })
        .map(|(a, v)| (a.clone(), v.clone()))
        .collect()
}

/// The version `alias` held before the move that put it where it is now, by the history.
pub fn previous_version(
    history: &[AuditEntry],
    alias: &str,
    current: &VersionId,
) -> Option<VersionId> {
    history
        .iter()
        .find(|e| e.alias == alias && e.action != ChangeKind::Baseline && e.to == current.as_str())
        .and_then(|e| e.from.as_deref())
        .map(VersionId::new)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use pretty_assertions::assert_eq;

    use super::*;
    use crate::domain::ModelVersion;

    fn version(v: &str, tags: &[(&str, String)]) -> ModelVersion {
        ModelVersion {
            model: "fraud".into(),
            version: v.into(),
            run_id: None,
            status: "READY".into(),
            stage: None,
            source: String::new(),
            description: String::new(),
            tags: tags
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            aliases: vec![],
            created: None,
            user: String::new(),
        }
    }

    fn model(aliases: &[(&str, &str)], versions: Vec<ModelVersion>) -> RegisteredModel {
        let mut m = RegisteredModel {
            name: "fraud".into(),
            description: String::new(),
            tags: BTreeMap::new(),
            aliases: aliases
                .iter()
                .map(|(a, v)| ((*a).to_owned(), VersionId::from(*v)))
                .collect(),
            versions,
            updated: None,
        };
        m.normalize();
        m
    }

    fn plan() -> AliasPlan {
        AliasPlan {
            kind: ChangeKind::Promote,
            model: "fraud".into(),
            alias: "production".into(),
            from: Some("3".into()),
            to: "4".into(),
            candidate_alias: Some("staging".into()),
        }
    }

    #[test]
    fn plans_describe_themselves() {
        assert_eq!(plan().describe(), "production: v3 → v4");
        assert!(!plan().is_noop());
        let fresh = AliasPlan {
            from: None,
            ..plan()
        };
        assert_eq!(fresh.describe(), "production: (unset) → v4");
    }

    #[test]
    fn preconditions_name_what_moved() {
        let as_seen = model(
            &[("production", "3"), ("staging", "4")],
            vec![version("3", &[]), version("4", &[])],
        );
        assert_eq!(plan().precondition_failure(&as_seen), None);
        let moved = model(
            &[("production", "5"), ("staging", "4")],
            vec![version("4", &[]), version("5", &[])],
        );
        assert_eq!(
            plan().precondition_failure(&moved).as_deref(),
            Some("@production of 'fraud' changed since you looked: it was v3, it is now v5")
        );
        let restaged = model(
            &[("production", "3"), ("staging", "5")],
            vec![version("4", &[]), version("5", &[])],
        );
        assert_eq!(
            plan().precondition_failure(&restaged).as_deref(),
            Some("v4 no longer holds @staging (it is now on v5)")
        );
        let gone = model(&[("production", "3")], vec![version("3", &[])]);
        assert_eq!(
            plan().precondition_failure(&gone).as_deref(),
            Some("v4 of 'fraud' no longer exists")
        );
    }

    fn entry(at_s: i64, from: Option<&str>, to: &str) -> AuditEntry {
        AuditEntry {
            at: DateTime::from_timestamp(at_s, 0).unwrap(),
            by: "Ann <ann@example.com>".into(),
            action: ChangeKind::Promote,
            subject: "fraud".into(),
            alias: "production".into(),
            from: from.map(str::to_owned),
            to: to.into(),
            gates: None,
            overridden: false,
            reason: None,
            store: "MLflow at http://x".into(),
            store_id: None,
        }
    }

    #[test]
    fn a_message_reads_as_text_and_carries_the_whole_entry() {
        let mut e = entry(100, Some("3"), "v1.2.0");
        e.reason = Some("two\nlines".into());
        e.overridden = true;
        let text = e.message();
        assert_eq!(
            text.lines().take(6).collect::<Vec<_>>(),
            [
                "Promoted fraud (production: v3 → v1.2.0) with clearance",
                "",
                "Approved-by: Ann <ann@example.com>",
                "Approved-at: 1970-01-01T00:01:40Z",
                "Gates-overridden: yes",
                "Reason: two lines",
            ]
        );
        assert_eq!(AuditEntry::from_message(&text), Some(e));
        assert_eq!(AuditEntry::from_message("Assigning stage prod"), None);
        assert_eq!(AuditEntry::from_message("clearance-record: {broken"), None);
    }

    #[test]
    fn history_merges_tags_and_log_once_each_and_finds_the_previous_version() {
        let e1 = entry(100, Some("2"), "3");
        let e2 = entry(200, Some("3"), "4");
        let m = model(
            &[("production", "4")],
            vec![
                version("3", &[(&e1.tag_key(), serde_json::to_string(&e1).unwrap())]),
                version(
                    "4",
                    &[
                        (&e2.tag_key(), serde_json::to_string(&e2).unwrap()),
                        ("clearance.event.1", "not json".into()),
                    ],
                ),
            ],
        );
        let h = history(&m, &[e2.clone(), entry(50, None, "2")]);
        assert_eq!(
            h.iter().map(|e| e.to.as_str()).collect::<Vec<_>>(),
            ["4", "3", "2"]
        );
        assert_eq!(
            previous_version(&h, "production", &"4".into()),
            Some("3".into())
        );
        assert_eq!(previous_version(&h, "production", &"9".into()), None);
        assert_eq!(e2.describe(), "production: v3 → v4");
    }

    #[test]
    fn an_unassignment_reads_as_a_stage_going_unset() {
        let mut e = entry(100, Some("v1.1.0"), UNSET);
        e.action = ChangeKind::Unassign;
        e.alias = "staging".into();
        assert_eq!(e.describe(), "staging: v1.1.0 → (unset)");
        assert_eq!(
            e.message().lines().next(),
            Some("Unassigned a stage of fraud (staging: v1.1.0 → (unset)) with clearance")
        );
        assert!(
            serde_json::to_string(&e)
                .unwrap()
                .contains(r#""action":"unassign""#)
        );
    }

    #[test]
    fn entries_round_trip_as_json() {
        let mut e = entry(100, Some("2"), "3");
        e.gates = Some(GateRecord {
            passed: false,
            summary: "1 of 2 gates fail".into(),
            failed: vec!["latency_p95_ms: regressed".into()],
        });
        e.overridden = true;
        e.reason = Some("latency budget raised for Q4".into());
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), e);
        assert_eq!(e.tag_key(), "clearance.event.100000");
    }
}

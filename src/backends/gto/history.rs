//! GTO's events as clearance's audit entries, so the History screen and `clearance history`
//! show stage moves made with `gto` as well as those made with clearance.
//!
//! - An assignment or unassignment whose tag message carries a clearance record
//!   ([`AuditEntry::from_message`]) for this artifact and stage is that record.
//! - Any other assignment is a promotion: by the tagger, at the tagger time, from what held
//!   the stage just before, to the tagged version.
//! - An unassignment is an [`ChangeKind::Unassign`] from the version that lost the stage to
//!   what holds it afterwards ([`UNSET`] when nothing does: GTO falls back to an older
//!   assignment that was never unassigned).
//! - A deregistration is an unassignment of each stage it took from the version, with the
//!   deregistration as the reason; registrations, and deregistrations that move no stage,
//!   are no entries (they show as the version's creation and status).
//!
//! "Just before" and "afterwards" are what `gto show` said then: the registry built from the
//! artifact's events up to that one (ordered by time, then GTO's priority, then tag name).
//! A tag message of GTO's own making is no reason; any other message is.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::state::{Artifact, Kind, Parsed, Registry};
use super::tag::Action;
use crate::domain::promotion::{AuditEntry, ChangeKind, UNSET};

/// One entry, and the version whose tags keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub version: String,
    pub entry: AuditEntry,
}

/// What held a stage at one moment: the version's name as the final registry names the
/// commit, and the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Holder {
    name: String,
    commit: String,
}

/// The entries of one artifact. `events` are the artifact's events; `now` is the registry
/// built from all of them.
pub fn entries(
    artifact: &str,
    events: &[Parsed<'_>],
    now: &Artifact,
    commit_times: &HashMap<&str, i64>,
    store: &str,
) -> Vec<Recorded> {
    let mut order: Vec<&Parsed<'_>> = events
        .iter()
        .filter(|p| p.name.artifact == artifact)
        .collect();
    order.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    let moves_stages = |p: &&Parsed<'_>| {
        matches!(
            p.kind(),
            Some(Kind::Assignment | Kind::Unassignment | Kind::Deregistration)
        )
    };
    if !order.iter().any(moves_stages) {
        return Vec::new();
    }
    let names = Names::of(now);
    // What `gto show` said after the first k events, for the k that are needed.
    let mut said: HashMap<usize, BTreeMap<String, Holder>> = HashMap::new();
    let mut holders_after = |k: usize| {
        said.entry(k)
            .or_insert_with(|| holders(artifact, &order[..k], commit_times, &names))
            .clone()
    };
    let mut out = Vec::new();
    for (k, p) in order.iter().enumerate() {
        if !moves_stages(p) {
            continue;
        }
        let before = holders_after(k);
        let after = holders_after(k + 1);
        let by = by(&p.raw.tagger_name, &p.raw.tagger_email);
        let at = DateTime::from_timestamp(p.time, 0).unwrap_or_default();
        let record = Record {
            at,
            by,
            subject: artifact,
            store,
        };
        let entry =
            |action, alias: &str, from, to, reason| record.entry(action, alias, from, to, reason);
        match &p.name.action {
            Action::Assign { stage } | Action::Unassign { stage } => {
                let Some(version) = names.of_tag(&p.raw.name) else {
                    continue;
                };
                let record = AuditEntry::from_message(&p.raw.message)
                    .filter(|e| e.subject == artifact && e.alias == *stage);
                let e = record.unwrap_or_else(|| {
                    let reason = own_words(&p.raw.message);
                    if matches!(p.name.action, Action::Assign { .. }) {
                        let from = before.get(stage).map(|h| h.name.clone());
                        entry(ChangeKind::Promote, stage, from, version.clone(), reason)
                    } else {
                        let to = after
                            .get(stage)
                            .map_or(UNSET.to_owned(), |h| h.name.clone());
                        entry(
                            ChangeKind::Unassign,
                            stage,
                            Some(version.clone()),
                            to,
                            reason,
                        )
                    }
                });
                out.push(Recorded { version, entry: e });
            }
            Action::Deregister { version } => {
                for (stage, held) in &before {
                    if held.commit != p.raw.target || held.name != *version {
                        continue;
                    }
                    let now_held = after.get(stage);
                    if now_held == Some(held) {
                        continue;
                    }
                    let mut reason = format!("{version} was deregistered ({})", p.raw.name);
                    if let Some(words) = own_words(&p.raw.message) {
                        reason = format!("{reason}: {words}");
                    }
                    let to = now_held.map_or(UNSET.to_owned(), |h| h.name.clone());
                    out.push(Recorded {
                        version: version.clone(),
                        entry: entry(
                            ChangeKind::Unassign,
                            stage,
                            Some(version.clone()),
                            to,
                            Some(reason),
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Who held each stage after `events`.
fn holders(
    artifact: &str,
    events: &[&Parsed<'_>],
    commit_times: &HashMap<&str, i64>,
    names: &Names,
) -> BTreeMap<String, Holder> {
    let reg = Registry::build_bare(events.iter().copied(), commit_times);
    let Some(a) = reg.artifact(artifact) else {
        return BTreeMap::new();
    };
    a.holders()
        .into_iter()
        .map(|(stage, i)| {
            let v = &a.versions[i];
            let name = if v.is_registered() {
                v.version.clone()
            } else {
                names.at_commit(&v.commit)
            };
            (
                stage,
                Holder {
                    name,
                    commit: v.commit.clone(),
                },
            )
        })
        .collect()
}

/// How the final registry names things.
struct Names {
    /// Stage tag → the version it belongs to.
    by_tag: HashMap<String, String>,
    /// Commit → the registered version there.
    by_commit: HashMap<String, String>,
}

impl Names {
    fn of(a: &Artifact) -> Self {
        let mut by_tag = HashMap::new();
        let mut by_commit = HashMap::new();
        for v in &a.versions {
            for e in v.stage_events() {
                if let Some(t) = &e.tag {
                    by_tag.insert(t.clone(), v.version.clone());
                }
            }
            if v.is_registered() {
                by_commit.insert(v.commit.clone(), v.version.clone());
            }
        }
        Self { by_tag, by_commit }
    }

    fn of_tag(&self, tag: &str) -> Option<String> {
        self.by_tag.get(tag).cloned()
    }

    fn at_commit(&self, commit: &str) -> String {
        self.by_commit
            .get(commit)
            .cloned()
            .unwrap_or_else(|| commit.to_owned())
    }
}

/// `Name <email>`, as clearance records approvers.
pub fn by(name: &str, email: &str) -> String {
    match (name.trim(), email.trim()) {
        ("", "") => "unknown".to_owned(),
        (n, "") => n.to_owned(),
        ("", e) => format!("<{e}>"),
        (n, e) => format!("{n} <{e}>"),
    }
}

/// The message, unless GTO wrote it (`gto/registry.py`'s defaults) or it is empty.
fn own_words(message: &str) -> Option<String> {
    let m = message.trim();
    let generated = [
        "Assigning stage ",
        "Unassigning stage ",
        "Deregistering artifact ",
    ];
    (!m.is_empty() && !generated.iter().any(|g| m.starts_with(g))).then(|| m.to_owned())
}

/// What the records of one GTO event share.
struct Record<'a> {
    at: DateTime<Utc>,
    by: String,
    subject: &'a str,
    store: &'a str,
}

impl Record<'_> {
    /// One record of the event: GTO's own, so it carries no store key (a registry's own
    /// records are always its store's).
    fn entry(
        &self,
        action: ChangeKind,
        alias: &str,
        from: Option<String>,
        to: String,
        reason: Option<String>,
    ) -> AuditEntry {
        AuditEntry {
            at: self.at,
            by: self.by.clone(),
            action,
            subject: self.subject.to_owned(),
            alias: alias.to_owned(),
            from,
            to,
            gates: None,
            overridden: false,
            reason,
            store: self.store.to_owned(),
            store_id: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_reasons() {
        assert_eq!(by("Ann Lee", "ann@x.org"), "Ann Lee <ann@x.org>");
        assert_eq!(by("Ann Lee", ""), "Ann Lee");
        assert_eq!(by("", ""), "unknown");
        assert_eq!(
            own_words("Assigning stage prod to artifact m version v1.0.0"),
            None
        );
        assert_eq!(own_words("  "), None);
        assert_eq!(
            own_words("hotfix for EU\n").as_deref(),
            Some("hotfix for EU")
        );
    }
}

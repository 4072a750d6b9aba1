//! The registry as gto 1.10.1 computes it from the tags (`gto/tag.py` `TagManager`,
//! `gto/base.py`, `gto/registry.py` `get_state`, `gto/api.py` `show`), reproduced step by step
//! rather than summarised, because its answers hang on details a summary loses:
//!
//! - Tags are applied in three passes, each sorted by tagger time (whole seconds) with ties in
//!   tag-name order: deprecations, then registrations and deregistrations, then stage
//!   assignments and unassignments. So a stage tag belongs to the version registered at its
//!   commit whenever that registration was made, and to a version named by the commit's sha
//!   when none was.
//! - A stage tag on a commit with no registration makes a new sha-named version each time (GTO
//!   looks only among versions that have a registration or deregistration), so such a stage
//!   can be assigned but never unassigned.
//! - Every version also gets an event at its commit's committer time (GTO's "enrichment").
//! - A stage is held, on each version, while that version's newest event for it is an
//!   assignment (an unassignment in the same second wins). Who holds a stage is, among active
//!   versions, the one whose newest assignment of it is newest; in a tie, the version created
//!   first (GTO's reversed stable sorts).
//! - An artifact is deprecated while a deprecation is its newest event (ties go to the other
//!   events); `latest` is the highest semver among active registered versions.
//!
//! Python sorts stably; "sorted by time, then reversed" puts the later-listed of two events of
//! one second first. [`newest_first`] does exactly that.

use std::collections::{BTreeMap, HashMap};

use super::git::RawTag;
use super::tag::{Action, TagName};
use crate::domain::semver::Semver;

/// What an event is, with GTO's priority (its tie-breaker in `gto history`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The commit itself (GTO's enrichment), at its committer time.
    Commit,
    Deprecation,
    Registration,
    Deregistration,
    Assignment,
    Unassignment,
}

impl Kind {
    /// GTO's `priority` (`gto/base.py`).
    pub fn priority(self) -> u8 {
        match self {
            Self::Commit => 0,
            Self::Deprecation => 2,
            Self::Registration => 3,
            Self::Deregistration => 4,
            Self::Assignment => 5,
            Self::Unassignment => 6,
        }
    }
}

/// One event: a tag (or, for [`Kind::Commit`], a commit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Kind,
    /// Unix seconds.
    pub time: i64,
    pub author: String,
    pub author_email: String,
    /// The tag message as GTO reports it (trimmed).
    pub message: String,
    pub commit: String,
    /// The tag; `None` for [`Kind::Commit`].
    pub tag: Option<String>,
    pub stage: Option<String>,
}

/// One stage on one version: its assignments and unassignments, each list in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VStage {
    pub stage: String,
    pub assignments: Vec<Event>,
    pub unassignments: Vec<Event>,
}

impl VStage {
    fn newest(&self) -> Option<&Event> {
        newest_first(self.assignments.iter().chain(&self.unassignments))
            .into_iter()
            .next()
    }

    /// Whether the version holds this stage now.
    pub fn is_active(&self) -> bool {
        self.newest().is_some_and(|e| e.kind == Kind::Assignment)
    }

    fn activated_at(&self) -> Option<i64> {
        self.newest()
            .filter(|e| e.kind == Kind::Assignment)
            .map(|e| e.time)
    }

    /// The newest assignment's time.
    fn created_at(&self) -> Option<i64> {
        self.assignments.iter().map(|e| e.time).max()
    }
}

/// A version: GTO's `Version`, one per registration name and commit, or per stage tag on a
/// commit without one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::struct_field_names,
    reason = "GTO's name for it: `version.version` is `v1.2.0`"
)]
pub struct Version {
    /// `v1.2.0`, or the commit sha for a commit given a stage without a registration.
    pub version: String,
    pub commit: String,
    pub registrations: Vec<Event>,
    pub deregistrations: Vec<Event>,
    pub enrichments: Vec<Event>,
    /// In the order the stages first appeared.
    pub stages: Vec<VStage>,
}

impl Version {
    fn new(version: &str, commit: &str) -> Self {
        Self {
            version: version.to_owned(),
            commit: commit.to_owned(),
            registrations: Vec::new(),
            deregistrations: Vec::new(),
            enrichments: Vec::new(),
            stages: Vec::new(),
        }
    }

    /// No registration or deregistration: a sha-named version (GTO's `discovered`).
    pub fn is_discovered(&self) -> bool {
        self.registrations.is_empty() && self.deregistrations.is_empty()
    }

    pub fn is_registered(&self) -> bool {
        !self.registrations.is_empty()
    }

    /// Registered and not deregistered since (or, without either, any event at all).
    pub fn is_active(&self) -> bool {
        match newest_first(self.registrations.iter().chain(&self.deregistrations)).first() {
            Some(e) => e.kind == Kind::Registration,
            None => {
                !self.enrichments.is_empty()
                    || self
                        .stages
                        .iter()
                        .any(|s| !s.assignments.is_empty() || !s.unassignments.is_empty())
            }
        }
    }

    /// GTO's `created_at`: the newest registration, else the newest event of any kind.
    pub fn created_at(&self) -> Option<i64> {
        if let Some(t) = self.registrations.iter().map(|e| e.time).max() {
            return Some(t);
        }
        self.enrichments
            .iter()
            .chain(self.stage_events())
            .map(|e| e.time)
            .max()
    }

    /// Every assignment and unassignment of every stage.
    pub fn stage_events(&self) -> impl Iterator<Item = &Event> {
        self.stages
            .iter()
            .flat_map(|s| s.assignments.iter().chain(&s.unassignments))
    }

    fn vstage_mut(&mut self, stage: &str) -> &mut VStage {
        let i = self
            .stages
            .iter()
            .position(|s| s.stage == stage)
            .unwrap_or_else(|| {
                self.stages.push(VStage {
                    stage: stage.to_owned(),
                    assignments: Vec::new(),
                    unassignments: Vec::new(),
                });
                self.stages.len() - 1
            });
        &mut self.stages[i]
    }

    /// The stages it holds, oldest activation first.
    fn active_vstages(&self) -> Vec<&VStage> {
        let mut v: Vec<&VStage> = self.stages.iter().filter(|s| s.is_active()).collect();
        v.sort_by_key(|s| s.activated_at());
        v
    }
}

/// How to order versions (GTO's `VersionSort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// Highest semver first, then sha-named versions in reverse text order.
    Semver,
    /// Newest `created_at` first.
    Timestamp,
}

/// An artifact: its versions in the order GTO created them, and its deprecations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// As GTO shows it (`path/to:model`).
    pub name: String,
    pub versions: Vec<Version>,
    pub deprecations: Vec<Event>,
}

impl Artifact {
    /// Not deprecated: its newest event is not a deprecation (a tie goes to the other event,
    /// which GTO lists after the deprecations).
    pub fn is_active(&self) -> bool {
        let deprecated = self.deprecations.iter().map(|e| e.time).max();
        let other = self
            .versions
            .iter()
            .flat_map(Version::all_events)
            .map(|e| e.time)
            .max();
        match (deprecated, other) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(d), Some(o)) => o >= d,
        }
    }

    /// Every event of the artifact (deprecations and its versions' events).
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.deprecations
            .iter()
            .chain(self.versions.iter().flat_map(Version::all_events))
    }

    /// `get_versions(active_only=True, include_non_explicit, include_discovered=False, sort)`.
    fn active_versions(&self, include_non_explicit: bool, sort: Sort) -> Vec<usize> {
        let chosen: Vec<usize> = (0..self.versions.len())
            .filter(|&i| {
                let v = &self.versions[i];
                v.is_active()
                    && ((v.is_registered() && !v.is_discovered())
                        || (include_non_explicit && !v.is_registered()))
            })
            .collect();
        match sort {
            Sort::Timestamp => reversed_stable(chosen, |&i| self.versions[i].created_at()),
            Sort::Semver => {
                let (semver, other): (Vec<usize>, Vec<usize>) = chosen
                    .into_iter()
                    .partition(|&i| Semver::parse_tagged(&self.versions[i].version).is_some());
                let mut semver_sorted = semver;
                semver_sorted.sort_by(|&a, &b| {
                    let va = Semver::parse_tagged(&self.versions[a].version);
                    let vb = Semver::parse_tagged(&self.versions[b].version);
                    match (va, vb) {
                        (Some(x), Some(y)) => x.precedence(&y),
                        _ => std::cmp::Ordering::Equal,
                    }
                });
                semver_sorted.reverse();
                let mut rest = reversed_stable(other, |&i| self.versions[i].version.clone());
                semver_sorted.append(&mut rest);
                semver_sorted
            }
        }
    }

    /// `latest` in `gto show`: the highest semver among active registered versions.
    pub fn latest(&self) -> Option<&Version> {
        self.active_versions(false, Sort::Semver)
            .first()
            .map(|&i| &self.versions[i])
    }

    /// Who holds each stage, as `gto show` says it (`get_vstages` with the CLI's defaults:
    /// timestamp sort, one version per stage): stage → index into [`Artifact::versions`].
    pub fn holders(&self) -> BTreeMap<String, usize> {
        let mut held: Vec<(usize, &VStage)> = Vec::new();
        for i in self.active_versions(true, Sort::Timestamp) {
            for s in self.versions[i].active_vstages() {
                held.push((i, s));
            }
        }
        let held = reversed_stable(held, |(_, s)| s.created_at());
        let mut out = BTreeMap::new();
        for (i, s) in held {
            out.entry(s.stage.clone()).or_insert(i);
        }
        out
    }

    /// GTO's `find_version(name, commit_hexsha, include_discovered=False)`: versions with a
    /// registration or deregistration, matching both when given.
    fn find(&self, name: Option<&str>, commit: &str) -> Vec<usize> {
        (0..self.versions.len())
            .filter(|&i| {
                let v = &self.versions[i];
                name.is_none_or(|n| v.version == n) && v.commit == commit && !v.is_discovered()
            })
            .collect()
    }

    /// `find_version(..., create_new=True)`. GTO raises when several match; the last one
    /// created is taken instead (and counted in `ambiguous`).
    fn find_or_create(&mut self, name: Option<&str>, commit: &str, ambiguous: &mut usize) -> usize {
        let found = self.find(name, commit);
        if found.len() > 1 {
            *ambiguous += 1;
        }
        if let Some(&i) = found.last() {
            i
        } else {
            self.versions
                .push(Version::new(name.unwrap_or(commit), commit));
            self.versions.len() - 1
        }
    }
}

impl Version {
    pub fn all_events(&self) -> impl Iterator<Item = &Event> {
        self.registrations
            .iter()
            .chain(&self.deregistrations)
            .chain(&self.enrichments)
            .chain(self.stage_events())
    }
}

/// A tag that is a GTO event.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    pub raw: &'a RawTag,
    pub name: TagName,
    /// Tagger time (every event has one).
    pub time: i64,
}

impl Parsed<'_> {
    pub fn kind(&self) -> Option<Kind> {
        match self.name.action {
            Action::Register { .. } => Some(Kind::Registration),
            Action::Deregister { .. } => Some(Kind::Deregistration),
            Action::Assign { .. } => Some(Kind::Assignment),
            Action::Unassign { .. } => Some(Kind::Unassignment),
            Action::Deprecate => Some(Kind::Deprecation),
            Action::Created => None,
        }
    }

    /// Chronological order for a history: time, then GTO's priority, then the tag's name.
    pub fn chronological_key(&self) -> (i64, u8, &str) {
        (
            self.time,
            self.kind().map_or(0, Kind::priority),
            &self.raw.name,
        )
    }

    /// The event; without the tagger and message when `text` is false (a registry built only
    /// to see who holds what needs neither).
    fn event(&self, kind: Kind, text: bool) -> Event {
        let copy = |s: &str| if text { s.to_owned() } else { String::new() };
        Event {
            kind,
            time: self.time,
            author: copy(&self.raw.tagger_name),
            author_email: copy(&self.raw.tagger_email),
            message: copy(self.raw.message.trim()),
            commit: self.raw.target.clone(),
            tag: Some(self.raw.name.clone()),
            stage: self.name.stage().map(str::to_owned),
        }
    }
}

/// Why tags were passed over, for the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// GTO-named tags GTO cannot read as events (no tagger, not on a commit, `@created`, a
    /// ref pointing at another tag's object), with the reason.
    pub tags: Vec<(String, String)>,
    /// Events that matched several versions (GTO itself stops with `ManyVersions`).
    pub ambiguous: usize,
}

/// The events among the tags, and why the others were passed over.
pub fn events(tags: &[RawTag]) -> (Vec<Parsed<'_>>, Skipped) {
    let mut out = Vec::new();
    let mut skipped = Skipped::default();
    for raw in tags {
        let Some(name) = TagName::parse(&raw.name) else {
            continue;
        };
        if !raw.annotated {
            continue;
        }
        let why = if name.action == Action::Created {
            Some("'@created' tags are not events (gto 1.10.1 fails on them)")
        } else if raw.target_type != "commit" {
            Some("it does not point at a commit")
        } else if raw.object_name != raw.name {
            Some("the ref points at the tag object of another tag")
        } else {
            None
        };
        if let Some(why) = why {
            skipped.tags.push((raw.name.clone(), why.to_owned()));
            continue;
        }
        let Some(time) = raw.time else {
            skipped
                .tags
                .push((raw.name.clone(), "the tag object has no tagger".to_owned()));
            continue;
        };
        out.push(Parsed { raw, name, time });
    }
    (out, skipped)
}

/// The whole registry, artifacts in the order GTO first met them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub artifacts: Vec<Artifact>,
    pub skipped: Skipped,
}

impl Registry {
    /// Builds the registry from events, as GTO's `get_state` does.
    pub fn build<'p, 'a: 'p>(
        events: impl IntoIterator<Item = &'p Parsed<'a>>,
        commit_times: &HashMap<&str, i64>,
    ) -> Self {
        Self::build_with(events, commit_times, true)
    }

    /// [`Registry::build`] without taggers and messages: the same versions, stages and
    /// holders, for the many registries a history replays.
    pub fn build_bare<'p, 'a: 'p>(
        events: impl IntoIterator<Item = &'p Parsed<'a>>,
        commit_times: &HashMap<&str, i64>,
    ) -> Self {
        Self::build_with(events, commit_times, false)
    }

    fn build_with<'p, 'a: 'p>(
        events: impl IntoIterator<Item = &'p Parsed<'a>>,
        commit_times: &HashMap<&str, i64>,
        text: bool,
    ) -> Self {
        let events: Vec<&Parsed<'a>> = events.into_iter().collect();
        let mut reg = Self::default();
        let pass = |kinds: &[Kind]| {
            let mut v: Vec<&Parsed<'a>> = events
                .iter()
                .copied()
                .filter(|p| p.kind().is_some_and(|k| kinds.contains(&k)))
                .collect();
            v.sort_by(|a, b| (a.time, &a.raw.name).cmp(&(b.time, &b.raw.name)));
            v
        };
        for p in pass(&[Kind::Deprecation]) {
            let a = reg.artifact_mut(&p.name.artifact);
            push_sorted(&mut a.deprecations, p.event(Kind::Deprecation, text));
        }
        let mut ambiguous = 0;
        for p in pass(&[Kind::Registration, Kind::Deregistration]) {
            let (version, kind) = match &p.name.action {
                Action::Register { version } => (version, Kind::Registration),
                Action::Deregister { version } => (version, Kind::Deregistration),
                _ => continue,
            };
            let a = reg.artifact_mut(&p.name.artifact);
            let i = a.find_or_create(Some(version), &p.raw.target, &mut ambiguous);
            let v = &mut a.versions[i];
            let list = if kind == Kind::Registration {
                &mut v.registrations
            } else {
                &mut v.deregistrations
            };
            push_sorted(list, p.event(kind, text));
        }
        for p in pass(&[Kind::Assignment, Kind::Unassignment]) {
            let (Some(kind), Some(stage)) = (p.kind(), p.name.stage()) else {
                continue;
            };
            let a = reg.artifact_mut(&p.name.artifact);
            // `index_tag`: the version at the commit names the event; `add_event` then looks
            // the version up by that name among registered ones, so a sha-named version is
            // made anew (and the first one stays empty).
            let named = a.find_or_create(None, &p.raw.target, &mut ambiguous);
            let name = a.versions[named].version.clone();
            let i = a.find_or_create(Some(&name), &p.raw.target, &mut ambiguous);
            let vs = a.versions[i].vstage_mut(stage);
            let list = if kind == Kind::Assignment {
                &mut vs.assignments
            } else {
                &mut vs.unassignments
            };
            push_sorted(list, p.event(kind, text));
        }
        for a in &mut reg.artifacts {
            for v in &mut a.versions {
                if let Some(&time) = commit_times.get(v.commit.as_str()) {
                    v.enrichments.push(Event {
                        kind: Kind::Commit,
                        time,
                        author: String::new(),
                        author_email: String::new(),
                        message: String::new(),
                        commit: v.commit.clone(),
                        tag: None,
                        stage: None,
                    });
                }
            }
        }
        reg.skipped.ambiguous = ambiguous;
        reg
    }

    fn artifact_mut(&mut self, name: &str) -> &mut Artifact {
        let i = self
            .artifacts
            .iter()
            .position(|a| a.name == name)
            .unwrap_or_else(|| {
                self.artifacts.push(Artifact {
                    name: name.to_owned(),
                    versions: Vec::new(),
                    deprecations: Vec::new(),
                });
                self.artifacts.len() - 1
            });
        &mut self.artifacts[i]
    }

    pub fn artifact(&self, name: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.name == name)
    }
}

/// Committer times of the commits annotated tags point at.
pub fn commit_times(tags: &[RawTag]) -> HashMap<&str, i64> {
    tags.iter()
        .filter(|t| t.annotated)
        .filter_map(|t| Some((t.target.as_str(), t.commit_time?)))
        .collect()
}

/// Appends and keeps the list in time order, later-added last among equals (Python's
/// `list.append` then stable `sort`).
fn push_sorted(list: &mut Vec<Event>, e: Event) {
    let at = list.partition_point(|x| x.time <= e.time);
    list.insert(at, e);
}

/// `sorted(items, key=created_at)[::-1]` of events: newest first, and of two at one time
/// the one listed later first.
pub fn newest_first<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<&'a Event> {
    reversed_stable(events.collect(), |e| e.time)
}

/// `sorted(items, key=key)[::-1]`.
fn reversed_stable<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_key(|a| key(a));
    items.reverse();
    items
}

#[cfg(test)]
mod tests;

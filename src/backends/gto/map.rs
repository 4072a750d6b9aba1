//! GTO's registry as clearance's models: an artifact is a [`RegisteredModel`], its versions
//! [`ModelVersion`]s, its stages the model's aliases.

use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;

use super::history::{self, Recorded};
use super::state::{Artifact, Parsed, Version};
use crate::domain::{ModelVersion, RegisteredModel, RunId, VersionId};

/// The model tag holding `gto show`'s `latest`: the highest semver among active registered
/// versions (a prerelease below its release).
pub const LATEST_TAG: &str = "gto.latest";

/// `ModelVersion::status` of a registered version.
pub const READY: &str = "READY";
/// `ModelVersion::status` of a version deregistered since (`name@vX.Y.Z!`).
pub const DEREGISTERED: &str = "DEREGISTERED";
/// `ModelVersion::status` of a commit given a stage without a registration, which GTO names
/// by its sha.
pub const UNREGISTERED: &str = "UNREGISTERED";

/// One artifact as a model. `events` are all the registry's events; history entries go into
/// the versions' tags.
pub fn model(
    a: &Artifact,
    events: &[Parsed<'_>],
    commit_times: &HashMap<&str, i64>,
    store: &str,
) -> RegisteredModel {
    // GTO may hold several `Version`s of one name (a sha-named one per stage tag); clearance
    // shows one version per name.
    let mut groups: BTreeMap<&str, Vec<&Version>> = BTreeMap::new();
    for v in &a.versions {
        groups.entry(v.version.as_str()).or_default().push(v);
    }
    let mut versions: Vec<ModelVersion> = groups
        .into_iter()
        .map(|(name, vs)| version(&a.name, name, &vs))
        .collect();
    for Recorded { version, mut entry } in history::entries(&a.name, events, a, commit_times, store)
    {
        let Some(mv) = versions
            .iter_mut()
            .find(|mv| mv.version.as_str() == version)
        else {
            continue;
        };
        // Two events of one version in one second would share a key: the later moves a
        // millisecond on.
        while mv.tags.contains_key(&entry.tag_key()) {
            entry.at += chrono::Duration::milliseconds(1);
        }
        if let Ok(json) = serde_json::to_string(&entry) {
            mv.tags.insert(entry.tag_key(), json);
        }
    }
    let aliases = a
        .holders()
        .into_iter()
        .map(|(stage, i)| (stage, VersionId::new(a.versions[i].version.clone())))
        .collect();
    let mut tags = BTreeMap::new();
    if let Some(latest) = a.latest() {
        tags.insert(LATEST_TAG.to_owned(), latest.version.clone());
    }
    let updated = a
        .events()
        .filter(|e| e.tag.is_some())
        .map(|e| e.time)
        .max()
        .and_then(|t| DateTime::from_timestamp(t, 0));
    let mut m = RegisteredModel {
        name: a.name.clone(),
        description: String::new(),
        tags,
        aliases,
        versions,
        updated,
    };
    m.normalize();
    m
}

/// One version name: its registration if it has one, else the stage tags that made it.
fn version(artifact: &str, name: &str, vs: &[&Version]) -> ModelVersion {
    let registered = vs.iter().filter(|v| v.is_registered());
    let main = registered
        .clone()
        .find(|v| v.is_active())
        .or_else(|| registered.clone().next_back())
        .or_else(|| vs.iter().find(|v| !v.is_discovered()))
        .or_else(|| vs.first())
        .copied();
    let status = if vs.iter().any(|v| v.is_registered() && v.is_active()) {
        READY
    } else if vs.iter().any(|v| !v.is_discovered()) {
        DEREGISTERED
    } else {
        UNREGISTERED
    };
    let registration = main.and_then(|v| v.registrations.last());
    // Where it came from: the registration, else the first stage tag on the commit.
    let first_stage_event = vs
        .iter()
        .flat_map(|v| v.stage_events())
        .min_by(|a, b| (a.time, &a.tag).cmp(&(b.time, &b.tag)));
    let origin = registration
        .or(first_stage_event)
        .or_else(|| main.and_then(|v| v.deregistrations.first()));
    let commit = main.map_or_else(|| name.to_owned(), |v| v.commit.clone());
    ModelVersion {
        model: artifact.to_owned(),
        version: VersionId::new(name),
        run_id: Some(RunId::new(commit.clone())),
        status: status.to_owned(),
        stage: None,
        source: origin
            .and_then(|e| e.tag.clone())
            .unwrap_or_else(|| commit.clone()),
        description: registration.map_or_else(String::new, |e| e.message.clone()),
        tags: BTreeMap::new(),
        aliases: Vec::new(),
        created: origin.and_then(|e| DateTime::from_timestamp(e.time, 0)),
        user: origin.map_or_else(String::new, |e| e.author.clone()),
    }
}

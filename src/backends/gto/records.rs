//! clearance's policy records in a GTO repository (a promotion request, an approval, the
//! freeze switch): those `clearance.*` tags of a version or a model, kept as annotated git tags beside
//! GTO's, so every clone that fetches tags reads them.
//!
//! ```text
//! clearance/<artifact>/<version>/<key>/<ms>    a version's tag (the tag points at its commit)
//! clearance/<artifact>/_model/<key>/<ms>       a model's tag (at its newest version's commit)
//! ```
//!
//! `<artifact>` is spelt as in GTO's tags (`path/to=model`), `<key>` with `%` and `/` escaped
//! (`%25`, `%2F`), and `<ms>` is when it was written. Git tags are meant to be written once:
//! a deleted tag stays in every clone that fetched it, and `git push --tags` sends it back.
//! So, like GTO's own events, a record is never deleted or rewritten: setting a key writes a
//! new tag whose message holds the value, removing it writes a new tag saying so, and the
//! newest tag of a key (by `<ms>`) is its state. The names hold neither `@` nor `#`, so GTO's
//! grammar never reads them as its events.

use std::collections::{BTreeMap, HashMap};

use super::git::RawTag;
use crate::domain::policy::{APPROVAL_TAG_PREFIX, FREEZE_TAG, REQUEST_TAG_PREFIX};

/// The namespace of clearance's tags.
pub const PREFIX: &str = "clearance/";
/// The scope segment of a model's (not a version's) tags.
const MODEL_SCOPE: &str = "_model";
/// The first line of a message that sets a key, before the key.
const SET: &str = "clearance set ";
/// The first line of a message that removes a key, before the key.
const UNSET: &str = "clearance unset ";

/// Whose tag a record is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Model,
    Version(String),
}

/// Only the policy's keys are kept this way: a request, an approval, the freeze switch. A
/// move's record is the message of the tag the move writes; GTO has no tags for anything else.
pub fn is_ours(key: &str) -> bool {
    [REQUEST_TAG_PREFIX, APPROVAL_TAG_PREFIX]
        .iter()
        .any(|p| key.starts_with(p))
        || key == FREEZE_TAG
}

fn escape(key: &str) -> String {
    key.replace('%', "%25").replace('/', "%2F")
}

fn unescape(key: &str) -> String {
    key.replace("%2F", "/").replace("%25", "%")
}

/// The tag recording a change of `key` at `ms`; `artifact` as GTO shows it.
pub fn tag_name(artifact: &str, scope: &Scope, key: &str, ms: i64) -> String {
    let scope = match scope {
        Scope::Model => MODEL_SCOPE,
        Scope::Version(v) => v.as_str(),
    };
    format!(
        "{PREFIX}{}/{scope}/{}/{ms}",
        super::tag::artifact_in_tag(artifact),
        escape(key)
    )
}

/// The message of a tag setting (`Some(value)`) or removing `key`.
pub fn message(key: &str, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{SET}{key}\n\n{v}"),
        None => format!("{UNSET}{key}\n"),
    }
}

/// One record read back.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    artifact: String,
    scope: Scope,
    key: String,
    ms: i64,
    value: Option<String>,
}

fn parse(tag: &RawTag) -> Option<Record> {
    let rest = tag.name.strip_prefix(PREFIX)?;
    if !tag.annotated {
        return None;
    }
    let (rest, ms) = rest.rsplit_once('/')?;
    let (rest, key) = rest.rsplit_once('/')?;
    let (artifact, scope) = rest.rsplit_once('/')?;
    let ms: i64 = ms.parse().ok()?;
    let key = unescape(key);
    let (first, body) = tag
        .message
        .split_once('\n')
        .unwrap_or((tag.message.as_str(), ""));
    let value = if first.strip_prefix(SET) == Some(key.as_str()) {
        Some(body.strip_prefix('\n').unwrap_or(body).to_owned())
    } else if first.strip_prefix(UNSET) == Some(key.as_str()) {
        None
    } else {
        return None;
    };
    Some(Record {
        artifact: artifact.replace('=', ":"),
        scope: if scope == MODEL_SCOPE {
            Scope::Model
        } else {
            Scope::Version(scope.to_owned())
        },
        key,
        ms,
        value,
    })
}

/// The current `clearance.*` tags, per artifact (as GTO shows it) and scope: the newest
/// record of each key, without the removed ones. Tags under [`PREFIX`] that are not such
/// records (made by hand) are ignored.
pub fn current(tags: &[RawTag]) -> HashMap<(String, Scope), BTreeMap<String, String>> {
    let mut newest: HashMap<(String, Scope, String), (i64, Option<String>)> = HashMap::new();
    for r in tags.iter().filter_map(parse) {
        let slot = newest
            .entry((r.artifact, r.scope, r.key))
            .or_insert((i64::MIN, None));
        if r.ms >= slot.0 {
            *slot = (r.ms, r.value);
        }
    }
    let mut out: HashMap<(String, Scope), BTreeMap<String, String>> = HashMap::new();
    for ((artifact, scope, key), (_, value)) in newest {
        if let Some(v) = value {
            out.entry((artifact, scope)).or_default().insert(key, v);
        }
    }
    out
}

/// The newest `<ms>` among the records of `key`, so a new one can be dated after it.
pub fn last_ms(tags: &[RawTag], artifact: &str, scope: &Scope, key: &str) -> Option<i64> {
    tags.iter()
        .filter_map(parse)
        .filter(|r| r.artifact == artifact && &r.scope == scope && r.key == key)
        .map(|r| r.ms)
        .max()
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;

    use super::*;

    fn raw(name: &str, message: &str) -> RawTag {
        RawTag {
            name: name.to_owned(),
            annotated: true,
            object: String::new(),
            object_name: name.to_owned(),
            target_type: "commit".to_owned(),
            target: "c".to_owned(),
            tagger_name: String::new(),
            tagger_email: String::new(),
            time: None,
            commit_time: None,
            message: message.to_owned(),
        }
    }

    fn set(artifact: &str, scope: &Scope, key: &str, ms: i64, v: &str) -> RawTag {
        raw(&tag_name(artifact, scope, key, ms), &message(key, Some(v)))
    }

    fn unset(artifact: &str, scope: &Scope, key: &str, ms: i64) -> RawTag {
        raw(&tag_name(artifact, scope, key, ms), &message(key, None))
    }

    #[test]
    fn the_newest_record_of_a_key_is_its_state_and_a_removal_hides_it() {
        let v = Scope::Version("v1.1.0".into());
        let key = "clearance.request.prod/eu";
        let tags = vec![
            set("path/to:churn", &v, key, 1, "{\"a\":1}\n\nsecond paragraph"),
            set("path/to:churn", &v, key, 3, "{\"a\":3}"),
            set("path/to:churn", &v, key, 2, "{\"a\":2}"),
            set("path/to:churn", &Scope::Model, "clearance.freeze", 5, "{}"),
            set("churn", &v, "clearance.approval.prod.9", 4, "yes"),
            unset("churn", &v, "clearance.approval.prod.9", 6),
            raw("clearance/by-hand", "not ours"),
            raw("churn#prod#1", ""),
        ];
        assert_eq!(
            tags[0].name,
            "clearance/path/to=churn/v1.1.0/clearance.request.prod%2Feu/1"
        );
        let now = current(&tags);
        assert_eq!(now.len(), 2, "{now:?}");
        assert_eq!(
            now[&("path/to:churn".to_owned(), v.clone())][key],
            "{\"a\":3}"
        );
        assert_eq!(
            now[&("path/to:churn".to_owned(), Scope::Model)]["clearance.freeze"],
            "{}"
        );
        assert_eq!(
            last_ms(&tags, "churn", &v, "clearance.approval.prod.9"),
            Some(6)
        );
        // Set again after the removal: back.
        let mut again = tags.clone();
        again.push(set("churn", &v, "clearance.approval.prod.9", 7, "again"));
        assert_eq!(
            current(&again)[&("churn".to_owned(), v.clone())]["clearance.approval.prod.9"],
            "again"
        );
        // A value keeps its blank lines.
        let mut multi = vec![set("m", &v, "clearance.x", 1, "a\n\nb")];
        assert_eq!(
            current(&multi)[&("m".to_owned(), v.clone())]["clearance.x"],
            "a\n\nb"
        );
        // A tag whose message names another key is not a record of this one.
        multi.push(raw(
            &tag_name("m", &v, "clearance.y", 2),
            &message("clearance.z", Some("1")),
        ));
        assert!(!current(&multi)[&("m".to_owned(), v)].contains_key("clearance.y"));
    }

    #[test]
    fn clearance_tags_are_never_gto_events() {
        let name = tag_name("path/to:churn", &Scope::Model, "clearance.freeze", 1);
        assert_eq!(super::super::tag::TagName::parse(&name), None);
        let name = tag_name("churn", &Scope::Version("v1.0.0".into()), "clearance.x", 1);
        assert_eq!(super::super::tag::TagName::parse(&name), None);
    }
}

//! GTO's reading rules on hand-made tag lists. Every expectation here was checked against
//! gto 1.10.1 (`gto show --json`) on a repository with the same tags, except for the tags
//! gto itself fails on (`@created`, a tag on a tree); `tests/it/gto` makes that comparison
//! mechanically on real repositories.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;

use super::*;

const C1: &str = "3ec428bb3ff9b769578fa892cc9b68a560e91e7d";
const C2: &str = "243b10c2b54a0c53364c328c4b06903d3b527fc5";
const C3: &str = "5e284edbbf5592dcbf77ba385016404b1fa2d2af";

/// An annotated tag on `commit` at `time`.
fn tag(name: &str, commit: &str, time: i64) -> RawTag {
    RawTag {
        name: name.into(),
        annotated: true,
        object: format!("obj-{name}"),
        object_name: name.into(),
        target_type: "commit".into(),
        target: commit.into(),
        tagger_name: "Lab Bot".into(),
        tagger_email: "lab@example.invalid".into(),
        time: Some(time),
        commit_time: Some(50),
        message: "m".into(),
    }
}

fn lightweight(name: &str, commit: &str) -> RawTag {
    RawTag {
        annotated: false,
        object: commit.into(),
        object_name: String::new(),
        target_type: String::new(),
        tagger_name: String::new(),
        tagger_email: String::new(),
        time: None,
        commit_time: None,
        message: String::new(),
        ..tag(name, commit, 0)
    }
}

fn registry(tags: &[RawTag]) -> Registry {
    let (events, _) = events(tags);
    Registry::build(&events, &commit_times(tags))
}

/// What `gto show --json` prints for one artifact: latest, and each stage's holder.
fn show(reg: &Registry, name: &str) -> (Option<String>, BTreeMap<String, String>) {
    let a = reg.artifact(name).unwrap();
    (
        a.latest().map(|v| v.version.clone()),
        a.holders()
            .into_iter()
            .map(|(s, i)| (s, a.versions[i].version.clone()))
            .collect(),
    )
}

fn stages(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(s, v)| ((*s).to_owned(), (*v).to_owned()))
        .collect()
}

/// `shared/reference/captures/git-tags.txt`, answered by `gto-show.json` and
/// `gto-show-model-all.json` there.
#[test]
fn the_captured_registry_reads_as_gto_showed_it() {
    let t0 = 1_795_354_239;
    let tags = [
        tag("churn-model@v1.0.0", C1, t0),
        tag("churn-model#prod#1", C1, t0 + 2),
        tag("churn-model#staging#2", C2, t0 + 4),
        tag("churn-model@v1.1.0", C2, t0 + 4),
        tag("churn-model#prod#3", C2, t0 + 6),
        tag("churn-model#staging!#4", C2, t0 + 8),
        tag("legacy-model#dev", C2, t0 + 8),
        tag("legacy-model@v0.0.1", C2, t0 + 8),
        tag("legacy-model@deprecated", C2, t0 + 10),
        tag("churn-model@v1.0.0!", C1, t0 + 12),
    ];
    let reg = registry(&tags);
    assert_eq!(
        show(&reg, "churn-model"),
        (Some("v1.1.0".into()), stages(&[("prod", "v1.1.0")]))
    );
    let churn = reg.artifact("churn-model").unwrap();
    assert!(churn.is_active());
    let v100 = churn
        .versions
        .iter()
        .find(|v| v.version == "v1.0.0")
        .unwrap();
    assert!(!v100.is_active());
    assert_eq!(v100.created_at(), Some(t0));
    let legacy = reg.artifact("legacy-model").unwrap();
    assert!(!legacy.is_active());
    // `gto show --json`'s stage columns include the deprecated artifact's `dev`.
    assert_eq!(show(&reg, "legacy-model").1, stages(&[("dev", "v0.0.1")]));
}

#[test]
fn of_two_assignments_in_one_second_the_version_created_first_wins() {
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m@v1.1.0", C2, 100),
        tag("m#prod#1", C2, 105),
        tag("m#prod#2", C1, 105),
    ];
    assert_eq!(show(&registry(&tags), "m").1, stages(&[("prod", "v1.0.0")]));
    // A second apart, the newer assignment wins whatever the counters say.
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m@v1.1.0", C2, 100),
        tag("m#prod#9", C2, 106),
        tag("m#prod#10", C1, 105),
    ];
    assert_eq!(show(&registry(&tags), "m").1, stages(&[("prod", "v1.1.0")]));
}

#[test]
fn an_unassignment_in_the_same_second_as_its_assignment_wins() {
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m#dev#3", C1, 109),
        tag("m#dev!#4", C1, 109),
        tag("m#qa#9", C1, 109),
        tag("m#qa!#10", C1, 109),
        tag("m#prod#11", C1, 110),
    ];
    assert_eq!(show(&registry(&tags), "m").1, stages(&[("prod", "v1.0.0")]));
}

#[test]
fn a_deregistered_holder_hands_the_stage_back_to_the_last_assignment_still_standing() {
    let mut tags = vec![
        tag("m@v1.0.0", C1, 100),
        tag("m#prod#1", C1, 101),
        tag("m@v1.1.0", C2, 102),
        tag("m#prod#2", C2, 103),
    ];
    assert_eq!(
        show(&registry(&tags), "m"),
        (Some("v1.1.0".into()), stages(&[("prod", "v1.1.0")]))
    );
    tags.push(tag("m@v1.1.0!", C2, 104));
    assert_eq!(
        show(&registry(&tags), "m"),
        (Some("v1.0.0".into()), stages(&[("prod", "v1.0.0")]))
    );
}

#[test]
fn a_commit_without_a_registration_is_named_by_its_sha_and_cannot_be_unassigned() {
    let tags = [tag("m#prod#1", C3, 100), tag("m#prod!#2", C3, 101)];
    let reg = registry(&tags);
    assert_eq!(show(&reg, "m"), (None, stages(&[("prod", C3)])));
    // Two stage tags, two `Version`s each (one empty): GTO's own bookkeeping.
    assert_eq!(reg.artifact("m").unwrap().versions.len(), 4);
}

#[test]
fn a_stage_belongs_to_the_version_registered_at_its_commit_even_later() {
    let tags = [tag("m#prod#1", C1, 100), tag("m@v1.0.0", C1, 200)];
    assert_eq!(
        show(&registry(&tags), "m"),
        (Some("v1.0.0".into()), stages(&[("prod", "v1.0.0")]))
    );
}

#[test]
fn lightweight_tags_and_foreign_tags_are_no_events() {
    let mut stray = tag("m#prod#7", C2, 300);
    stray.target_type = "tree".into();
    let mut renamed = tag("m#prod#8", C2, 300);
    renamed.object_name = "m#prod#1".into();
    let mut created = tag("m@created", C2, 300);
    created.message = "gto cannot read this".into();
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m#prod#1", C1, 101),
        tag("m@v1.1.0", C2, 102),
        lightweight("m#prod#5", C2),
        lightweight("v1.1.0", C2),
        stray,
        renamed,
        created,
        tag("release-1", C2, 400),
    ];
    let (evs, skipped) = events(&tags);
    assert_eq!(evs.len(), 3);
    assert_eq!(
        skipped
            .tags
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        ["m#prod#7", "m#prod#8", "m@created"]
    );
    assert_eq!(show(&registry(&tags), "m").1, stages(&[("prod", "v1.0.0")]));
}

#[test]
fn latest_is_the_highest_active_semver_and_a_prerelease_is_below_its_release() {
    let tags = [
        tag("m@v1.9.0", C1, 100),
        tag("m@v1.10.0-rc.1", C2, 101),
        tag("m@v1.10.0", C3, 102),
    ];
    assert_eq!(show(&registry(&tags), "m").0.as_deref(), Some("v1.10.0"));
    let tags = [tag("m@v1.9.0", C1, 100), tag("m@v1.10.0-rc.1", C2, 101)];
    assert_eq!(
        show(&registry(&tags), "m").0.as_deref(),
        Some("v1.10.0-rc.1")
    );
    let tags = [
        tag("m@v1.9.0", C1, 100),
        tag("m@v1.10.0", C2, 101),
        tag("m@v1.10.0!", C2, 102),
    ];
    assert_eq!(show(&registry(&tags), "m").0.as_deref(), Some("v1.9.0"));
}

#[test]
fn a_deprecation_hides_an_artifact_until_a_newer_event_and_ties_go_to_the_event() {
    let tags = [tag("m@v1.0.0", C1, 100), tag("m@deprecated", C1, 101)];
    assert!(!registry(&tags).artifact("m").unwrap().is_active());
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m@deprecated", C1, 101),
        tag("m#prod#1", C1, 102),
    ];
    assert!(registry(&tags).artifact("m").unwrap().is_active());
    let tags = [tag("m@v1.0.0", C1, 101), tag("m@deprecated", C1, 101)];
    assert!(registry(&tags).artifact("m").unwrap().is_active());
    // The commit's own time is an event too (GTO's enrichment).
    let mut tags = [tag("m@v1.0.0", C1, 100), tag("m@deprecated", C1, 200)];
    for t in &mut tags {
        t.commit_time = Some(201);
    }
    assert!(registry(&tags).artifact("m").unwrap().is_active());
}

#[test]
fn simple_tags_and_path_artifacts() {
    let tags = [
        tag("models/churn=m@v0.0.1", C1, 100),
        tag("models/churn=m#dev", C1, 101),
    ];
    let reg = registry(&tags);
    assert_eq!(
        show(&reg, "models/churn:m"),
        (Some("v0.0.1".into()), stages(&[("dev", "v0.0.1")]))
    );
}

#[test]
fn events_apply_in_time_order_whatever_the_tag_names_say() {
    // A re-registration after a deregistration makes the version active again.
    let tags = [
        tag("m@v1.0.0", C1, 100),
        tag("m@v1.0.0!", C1, 101),
        tag("m@v1.0.0#3", C1, 102),
    ];
    let reg = registry(&tags);
    let a = reg.artifact("m").unwrap();
    assert_eq!(a.versions.len(), 1);
    assert!(a.versions[0].is_active());
    assert_eq!(a.versions[0].created_at(), Some(102));
}

//! The query documents against the SDK's (token by token), and DTO → domain mapping against
//! answers of the stand-in server that the SDK itself accepted (`tests/fixtures/wandb/`).

use pretty_assertions::assert_eq;
use serde_json::Value;

use super::dto::{ArtifactsData, RunsData};
use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/wandb/",
            $name
        ))
    };
}

/// GraphQL's lexical tokens, without what the language ignores (white space, commas,
/// comments such as the SDK's `#graphql` marker).
fn tokens(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = doc.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ',' {
            i += 1;
        } else if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '.' && chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') {
            out.push("...".to_owned());
            i += 3;
        } else if c.is_alphanumeric() || c == '_' || c == '-' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            i = i.max(start + 1);
            out.push(chars[start..i].iter().collect());
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(chars[start..i.min(chars.len())].iter().collect());
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// The SDK's documents by operation, as the probe recorded them.
fn sdk_documents(op: &str) -> Vec<String> {
    let all: Vec<Value> = serde_json::from_str(fixture!("sdk-0.31.0-queries.json")).unwrap();
    all.iter()
        .filter(|o| o["op"] == op)
        .map(|o| o["query"].as_str().unwrap().to_owned())
        .collect()
}

fn sdk_document(op: &str, containing: &str) -> String {
    sdk_documents(op)
        .into_iter()
        .find(|d| d.contains(containing))
        .unwrap_or_else(|| panic!("the SDK sent no {op} containing '{containing}'"))
}

fn remove(haystack: &[String], needle: &[String]) -> Vec<String> {
    let at = haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let mut out = haystack[..at].to_vec();
    out.extend_from_slice(&haystack[at + needle.len()..]);
    out
}

#[test]
fn queries_are_the_sdks_own() {
    for (ours, op, marker) in [
        (ops::IS_PROJECT_READ_ONLY, "IsProjectReadOnly", ""),
        (ops::RUNS, "Runs", "summaryMetrics"),
        (ops::RUN, "Run", "summaryMetrics"),
        (ops::RUN_SAMPLED_HISTORY, "RunSampledHistory", ""),
        (
            ops::ARTIFACT_TYPE_ARTIFACT_COLLECTIONS,
            "ArtifactTypeArtifactCollections",
            "",
        ),
        (ops::REGISTRY_COLLECTIONS, "RegistryCollections", ""),
        (
            ops::FETCH_ORG_INFO_FROM_ENTITY,
            "FetchOrgInfoFromEntity",
            "",
        ),
        (ops::ADD_ALIASES, "AddAliases", ""),
        (ops::DELETE_ALIASES, "DeleteAliases", ""),
        (ops::UPDATE_ARTIFACT, "UpdateArtifact", ""),
    ] {
        assert_eq!(
            tokens(ours),
            tokens(&sdk_document(op, marker)),
            "{op} differs from the SDK's"
        );
    }
}

#[test]
fn project_artifacts_is_the_sdks_plus_created_by() {
    let ours = tokens(ops::PROJECT_ARTIFACTS);
    let without = remove(&ours, &tokens(ops::CREATED_BY_FIELD));
    let without = remove(&without, &tokens(ops::RUN_INFO_FRAGMENT));
    assert_eq!(without, tokens(&sdk_document("ProjectArtifacts", "")));
    // What was added is what the SDK's ArtifactCreatedBy asks for.
    let created_by = tokens(&sdk_document("ArtifactCreatedBy", ""));
    let fragment = tokens(ops::RUN_INFO_FRAGMENT);
    assert!(created_by.windows(fragment.len()).any(|w| w == fragment));
}

#[test]
fn the_tag_write_is_the_sdks_summary_write_with_tags() {
    let sdk = sdk_document("UpsertBucket", "summaryMetrics: $summaryMetrics");
    let as_tags = sdk
        .replace("$summaryMetrics: JSONString", "$tags: [String!]")
        .replace("summaryMetrics: $summaryMetrics", "tags: $tags")
        .replace("bucket { id }", "bucket { id tags }");
    assert_eq!(tokens(ops::UPSERT_BUCKET_TAGS), tokens(&as_tags));
}

#[test]
fn batched_histories_repeat_the_sdks_field() {
    let sdk = sdk_document("RunSampledHistory", "");
    assert!(sdk.contains("run(name: $name) { sampledHistory(specs: $specs) }"));
    let batch = ops::runs_sampled_history(3);
    for i in 0..3 {
        assert!(
            batch.contains(&format!(
                "r{i}: run(name: $n{i}) {{ sampledHistory(specs: $specs) }}"
            )),
            "{batch}"
        );
    }
    let t = tokens(&batch);
    assert_eq!(
        t.iter().filter(|t| *t == "{").count(),
        t.iter().filter(|t| *t == "}").count()
    );
}

/// The probe records the same documents the reference capture saw on the wire (between the
/// SDK's Go core and a server), for the operations both have.
#[test]
fn probe_recordings_match_the_wire_capture() {
    let mut compared = 0;
    for line in fixture!("sdk-0.31.0-wire-capture.jsonl").lines() {
        let wire: Value = serde_json::from_str(line).unwrap();
        let op = wire["op"].as_str().unwrap();
        let query = wire["query"].as_str().unwrap();
        let recorded = sdk_documents(op);
        if recorded.is_empty() {
            continue;
        }
        assert!(
            recorded.iter().any(|d| tokens(d) == tokens(query)),
            "the probe recorded another {op} than the wire capture"
        );
        compared += 1;
    }
    assert!(compared >= 15, "only {compared} operations compared");
}

fn home() -> Scope {
    Scope::new("lab", "churn")
}

#[test]
fn runs_map_config_summary_tags_and_non_finite_values() {
    let data: RunsData = serde_json::from_str(fixture!("runs-page.json")).unwrap();
    let runs: Vec<Run> = data
        .project
        .unwrap()
        .runs
        .unwrap()
        .edges
        .into_iter()
        .map(|e| convert::run(e.node.unwrap(), &home(), &home()).unwrap())
        .collect();
    let base = runs.iter().find(|r| r.id.as_str() == "base01").unwrap();
    assert_eq!(base.name, "baseline-ünï 基线");
    assert_eq!(base.status, crate::domain::RunStatus::Finished);
    assert_eq!(base.experiment_id.as_str(), "lab/churn");
    assert_eq!(base.user, "ann");
    assert_eq!(
        base.tags.get("baseline").map(crate::domain::Name::as_str),
        Some("true")
    );
    assert!(base.has_tag("baseline", "true"));
    assert_eq!(
        base.tags
            .get("wandb.group")
            .map(crate::domain::Name::as_str),
        Some("lr-sweep")
    );
    assert_eq!(base.note(), Some("notes of baseline-ünï 基线"));
    assert_eq!(
        base.params.get("lr").map(crate::domain::Name::as_str),
        Some("0.01")
    );
    assert_eq!(
        base.params
            .get("model.depth")
            .map(crate::domain::Name::as_str),
        Some("6")
    );
    assert_eq!(
        base.params
            .get("optimizer")
            .map(crate::domain::Name::as_str),
        Some("adam")
    );
    assert!(!base.params.contains_key("_wandb"));
    assert_eq!(base.metric("latency_ms"), Some(38.0));
    assert_eq!(base.metrics["val/acc"].step, 29);
    assert!(base.metrics["val/acc"].timestamp > 1_700_000_000_000);
    assert!(!base.metrics.contains_key("_runtime"));
    assert!(
        !base.metrics.contains_key("confusion"),
        "media objects are not metrics"
    );
    assert!(
        !base.metrics.contains_key("is_good"),
        "booleans are not metrics"
    );
    assert!(base.start_time.is_some() && base.end_time.is_some());

    let diverged = runs.iter().find(|r| r.id.as_str() == "cand03").unwrap();
    assert_eq!(diverged.status, crate::domain::RunStatus::Failed, "crashed");
    assert!(diverged.metric("val/acc").unwrap().is_nan());
    assert_eq!(diverged.metric("latency_ms"), Some(f64::NEG_INFINITY));

    let running = runs.iter().find(|r| r.id.as_str() == "run04").unwrap();
    assert_eq!(running.status, crate::domain::RunStatus::Running);
    assert_eq!(running.end_time, None);
}

fn registry_path() -> convert::CollectionPath {
    convert::CollectionPath {
        scope: Scope::new("lab-org-entity", "wandb-registry-model"),
        name: "churn-classifier".into(),
    }
}

/// The edges of the stand-in's answer for the registry's `churn-classifier`.
fn registry_edges() -> Vec<super::dto::ArtifactEdge> {
    let data: ArtifactsData = serde_json::from_str(fixture!("registry-versions.json")).unwrap();
    data.project
        .and_then(|p| p.artifact_type)
        .and_then(|t| t.artifact_collection)
        .and_then(|c| c.artifacts)
        .unwrap()
        .edges
}

#[test]
fn versions_use_the_collections_numbers_and_aliases() {
    let path = registry_path();
    let mut got: Vec<(String, Vec<String>, Option<String>, String)> = registry_edges()
        .into_iter()
        .map(|e| {
            let r =
                convert::version(&path, e.version.as_deref(), e.node.unwrap(), &home()).unwrap();
            (
                r.version.version.label(),
                r.version.aliases,
                r.version.run_id.map(|r| r.to_string()),
                r.version.status,
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "v0".into(),
                vec!["production".into()],
                Some("base01".into()),
                "READY".into()
            ),
            // v1 of the registry links the source collection's v2.
            ("v1".into(), vec![], Some("cand03".into()), "READY".into()),
            (
                "v2".into(),
                vec!["latest".into(), "staging".into()],
                Some("cand02".into()),
                "READY".into()
            ),
        ]
    );
}

#[test]
fn metadata_is_the_version_tags() {
    let path = registry_path();
    let edge = registry_edges()
        .into_iter()
        .find(|e| e.version.as_deref() == Some("v0"))
        .unwrap();
    let r = convert::version(&path, Some("v0"), edge.node.unwrap(), &home()).unwrap();
    assert_eq!(
        r.version.tags.get("val/acc").map(String::as_str),
        Some("0.91")
    );
    assert_eq!(
        r.version.source,
        "lab-org-entity/wandb-registry-model/churn-classifier:v0"
    );
    assert_eq!(r.artifact_id, "QXJ0aWZhY3Q6MTAw");
}

#[test]
fn runs_of_other_projects_get_qualified_ids() {
    let other = Scope::new("lab", "other");
    assert_eq!(convert::run_id(&home(), &home(), "abc").as_str(), "abc");
    assert_eq!(
        convert::run_id(&home(), &other, "abc").as_str(),
        "lab/other/abc"
    );
}

#[test]
fn scopes_parse_and_refuse() {
    assert_eq!(Scope::parse("lab/churn"), Ok(Scope::new("lab", "churn")));
    for bad in ["churn", "lab/", "/churn", "a/b/c"] {
        assert!(Scope::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn histories_read_non_finite_values_and_skip_missing_ones() {
    let rows: Value = serde_json::from_str(
        r#"[{"_step": 2, "val/loss": "NaN"}, {"_step": 0, "val/loss": 1.5},
            {"_step": 1, "val/loss": "Infinity", "_timestamp": 1790000000.5},
            {"_step": 3}, {"_step": 4, "val/loss": null}]"#,
    )
    .unwrap();
    let p = history::points(&rows, "val/loss");
    assert_eq!(p.iter().map(|p| p.step).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(p[1].value, f64::INFINITY);
    assert_eq!(p[1].timestamp, 1_790_000_000_500);
    assert!(p[2].value.is_nan());
}

#[test]
fn states_map_to_statuses() {
    use crate::domain::RunStatus;
    for (state, want) in [
        ("running", RunStatus::Running),
        ("finished", RunStatus::Finished),
        ("crashed", RunStatus::Failed),
        ("failed", RunStatus::Failed),
        ("killed", RunStatus::Killed),
        ("preempted", RunStatus::Killed),
        ("pending", RunStatus::Scheduled),
        ("paused", RunStatus::Other("PAUSED".into())),
    ] {
        assert_eq!(convert::status(state), want, "{state}");
    }
}

#[test]
fn times_with_and_without_offsets() {
    assert_eq!(
        convert::time(Some("2026-09-21T14:13:20Z"))
            .unwrap()
            .timestamp(),
        1_790_000_000
    );
    assert_eq!(
        convert::time(Some("2026-09-21T14:13:20"))
            .unwrap()
            .timestamp(),
        1_790_000_000
    );
    assert_eq!(convert::time(Some("yesterday")), None);
}

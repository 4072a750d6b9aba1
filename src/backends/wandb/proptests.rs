//! W&B's answers, `JSONString` fields and `.netrc`, arbitrary and mutated: read or refused,
//! never a panic.

use proptest::prelude::*;
use serde_json::Value;

use super::Scope;
use super::auth::netrc_password;
use super::convert::{self, CollectionPath};
use super::dto::{ArtifactsData, Envelope, RunsData};
use super::history::points;
use super::json::{json_string_field, number, parse_lenient};
use crate::proptests::{bytes, config, json, mutated, text};

const RUNS: &str = include_str!("../../../tests/fixtures/wandb/runs-page.json");
const VERSIONS: &str = include_str!("../../../tests/fixtures/wandb/registry-versions.json");
const NETRC: &str = "machine api.wandb.ai\n  login user\n  password \"s3cr\\\"et\"\n\
    # a comment\nmacdef init\ncd /tmp\n\ndefault login anon password fallback\n";

/// Reads `bytes` as an envelope and as each `data` shape, converting what reads.
fn read_all(bytes: &[u8]) -> bool {
    let home = Scope::new("lab", "churn");
    let mut any = serde_json::from_slice::<Envelope>(bytes).is_ok();
    if let Ok(data) = serde_json::from_slice::<RunsData>(bytes) {
        any = true;
        let edges = data.project.and_then(|p| p.runs).map(|c| c.edges);
        for node in edges.into_iter().flatten().filter_map(|e| e.node) {
            let _ = convert::run(node, &home, &home);
        }
    }
    if let Ok(data) = serde_json::from_slice::<ArtifactsData>(bytes) {
        any = true;
        let path = CollectionPath {
            scope: home.clone(),
            name: "churn-model".into(),
        };
        let conn = data
            .project
            .and_then(|p| p.artifact_type)
            .and_then(|t| t.artifact_collection)
            .and_then(|c| c.artifacts);
        for edge in conn.into_iter().flat_map(|c| c.edges) {
            if let Some(node) = edge.node {
                let _ = convert::version(&path, edge.version.as_deref(), node, &home);
            }
        }
    }
    any
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_are_refused_unless_json(b in bytes()) {
        let read = read_all(&b);
        if serde_json::from_slice::<Value>(&b).is_err() {
            prop_assert!(!read);
        }
    }

    #[test]
    fn arbitrary_json_never_panics(v in json()) {
        read_all(&serde_json::to_vec(&v).unwrap());
        // A JSONString field, a history row list, a metric value.
        let _ = json_string_field(Some(&v));
        let _ = points(&v, "loss");
        let _ = number(&v);
    }

    #[test]
    fn mutated_answers_never_panic(runs in mutated(RUNS), versions in mutated(VERSIONS)) {
        read_all(runs.as_bytes());
        read_all(versions.as_bytes());
    }

    /// Python-flavoured JSON text (bare NaN and Infinity) as W&B stores it.
    #[test]
    fn lenient_json_text_never_panics(t in text(), m in mutated("{\"a\": NaN, \"b\": [-Infinity, 1e5, \"x\"]}")) {
        let _ = parse_lenient(&t);
        let _ = parse_lenient(&m);
        let _ = json_string_field(Some(&Value::String(m)));
    }

    #[test]
    fn netrc_text_never_panics(t in text(), m in mutated(NETRC)) {
        let _ = netrc_password(&t, "api.wandb.ai");
        let _ = netrc_password(&m, "api.wandb.ai");
    }
}

#[test]
fn the_seeds_read() {
    assert!(read_all(RUNS.as_bytes()));
    assert!(read_all(VERSIONS.as_bytes()));
    assert_eq!(
        netrc_password(NETRC, "api.wandb.ai").as_deref(),
        Some("s3cr\"et")
    );
}

//! Property tests of the parsers that read outside input: arbitrary bytes and mutations of
//! valid inputs must give an error (or a value), never a panic. The parsers private to a
//! backend are tested in that backend's own `proptests` module with the strategies here.
//!
//! `cargo test` runs [`CASES`] cases per property; `PROPTEST_CASES=10000 cargo test --lib
//! proptests` searches deeper. Failures are not persisted to files: proptest prints the
//! minimal failing input, which belongs in a unit test once fixed.

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::Value;

/// Cases per property in `cargo test` (about a second per property on a 2-core machine).
pub const CASES: u32 = 64;

/// [`CASES`], or `$PROPTEST_CASES`.
pub fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any bytes, up to 512.
pub fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..512)
}

/// Any text: arbitrary bytes read as UTF-8 (lossily), or arbitrary characters.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        bytes().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "\\PC{0,200}",
        any::<String>(),
    ]
}

/// Pieces that mean something to JSON, TOML, filters and git tags: inserted by [`mutated`].
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    ",",
    ":",
    "=",
    "null",
    "true",
    "NaN",
    "-Infinity",
    "1e999",
    "-0",
    "\\",
    "\\u0000",
    "\\ud800",
    "\u{0}",
    "\u{1b}[2J",
    "\u{1F600}",
    "\n",
    "\r\n",
    "#",
    "@",
    "/",
    " AND ",
    " and ",
    " LIKE ",
    " IN ",
    "(",
    ")",
    "`",
    "%",
    "é",
    "[[",
    "]]",
    "..",
    "!",
    "18446744073709551616",
    "-9223372036854775809",
];

/// `seed` with a few random edits: ranges deleted, duplicated or cut off, and tokens or
/// characters inserted.
pub fn mutated(seed: &str) -> impl Strategy<Value = String> + use<> {
    let seed = seed.as_bytes().to_vec();
    let insert = prop_oneof![select(TOKENS).prop_map(str::to_owned), "\\PC{0,6}"];
    prop::collection::vec((0u8..4, any::<Index>(), any::<Index>(), insert), 1..6).prop_map(
        move |edits| {
            let mut b = seed.clone();
            for (kind, i, j, ins) in edits {
                if b.is_empty() {
                    b.extend(ins.bytes());
                    continue;
                }
                let (x, y) = (i.index(b.len() + 1), j.index(b.len() + 1));
                let (lo, hi) = (x.min(y), x.max(y));
                match kind {
                    0 => {
                        b.drain(lo..hi);
                    }
                    1 => {
                        b.splice(lo..lo, ins.bytes());
                    }
                    2 => {
                        let dup = b[lo..hi].to_vec();
                        b.splice(hi..hi, dup);
                    }
                    _ => b.truncate(hi),
                }
            }
            String::from_utf8_lossy(&b).into_owned()
        },
    )
}

/// Keys the JSON of MLflow and W&B use, so that random objects reach into the DTOs.
const KEYS: &[&str] = &[
    "runs",
    "run",
    "info",
    "data",
    "metrics",
    "params",
    "tags",
    "key",
    "value",
    "run_id",
    "run_uuid",
    "run_name",
    "experiment_id",
    "experiments",
    "name",
    "status",
    "start_time",
    "end_time",
    "step",
    "timestamp",
    "next_page_token",
    "registered_models",
    "model_versions",
    "registered_model",
    "aliases",
    "alias",
    "version",
    "latest_versions",
    "error_code",
    "message",
    "lifecycle_stage",
    "data",
    "errors",
    "project",
    "edges",
    "node",
    "pageInfo",
    "endCursor",
    "hasNextPage",
    "id",
    "displayName",
    "config",
    "summaryMetrics",
    "createdAt",
    "user",
    "username",
    "artifactType",
    "artifactCollection",
    "artifacts",
    "versionIndex",
    "metadata",
    "state",
    "organization",
    "orgEntity",
    "artifactCollections",
];

/// Any JSON value, three levels deep, with objects keyed by [`KEYS`].
pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
        select(&["NaN", "Infinity", "-Infinity", "", "1.5", "-3"][..]).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

mod config_file {
    use std::path::Path;

    use proptest::prelude::*;

    use crate::config::Config;

    const VALID: &str = include_str!("../config.example.toml");
    const SMALL: &str = "read_only = true\n[runs]\npage_size = 50\nexperiments = [\"a\"]\n\
        [[metrics]]\nname = \"val_*\"\nbetter = \"higher\"\ntolerance_pct = 1.0\ngate = true\n\
        [[alerts]]\nmetric = \"psi_*\"\nabove = 0.2\nfor = 3\nseverity = \"critical\"\n\
        [monitoring]\nexperiments = [\"mon\"]\n[keymap]\nruns = [{ on = \"g g\", run = \"top\" }]\n";

    proptest! {
        #![proptest_config(super::config())]

        #[test]
        fn arbitrary_text_is_an_error_or_a_config(text in super::text()) {
            let _ = Config::from_str_at(&text, Path::new("p.toml"));
        }

        #[test]
        fn mutated_configs_never_panic(text in super::mutated(SMALL)) {
            let _ = Config::from_str_at(&text, Path::new("p.toml"));
        }

        #[test]
        fn mutated_example_config_never_panics(text in super::mutated(VALID)) {
            let _ = Config::from_str_at(&text, Path::new("p.toml"));
        }
    }

    #[test]
    fn the_seeds_are_valid() {
        Config::from_str_at(SMALL, Path::new("p.toml")).unwrap();
    }
}

mod deployment_file {
    use proptest::prelude::*;

    use crate::ops::gitops::deployment::DeploymentFile;

    const VALID: &str = "# pinned by clearance\n[models.fraud-classifier]\nversion = \"4\"\n\
        alias = \"production\"\nprevious = \"3\"\nrun_id = \"abc123\"\napproved_by = \"Ann <a@x.org>\"\n\
        approved_at = \"2026-11-20T10:00:00Z\"\noverridden = false\n\
        [models.churn]\nversion = \"2\"\nalias = \"production\"\n";

    proptest! {
        #![proptest_config(super::config())]

        #[test]
        fn arbitrary_text_is_an_error_or_pins(text in super::text()) {
            if let Ok(file) = DeploymentFile::parse(&text) {
                let _ = file.pins();
                let _ = file.render();
            }
        }

        #[test]
        fn mutated_files_never_panic(text in super::mutated(VALID)) {
            if let Ok(mut file) = DeploymentFile::parse(&text) {
                if let Ok(pins) = file.pins() {
                    for pin in pins {
                        file.set(&pin);
                    }
                }
                let _ = file.render();
            }
        }
    }

    #[test]
    fn the_seed_is_valid() {
        assert_eq!(
            DeploymentFile::parse(VALID).unwrap().pins().unwrap().len(),
            2
        );
    }
}

mod filters {
    use proptest::prelude::*;

    use crate::store::query::filter;

    const VALID: &str = "metrics.val_auc > 0.9 and params.max_depth = '8' and \
        tags.\"mlflow.runName\" LIKE 'xgb%' and attributes.run_id IN ('a1', 'b2') \
        and datasets.name = 'train' and `metrics`.`a b` <= -1e3";

    proptest! {
        #![proptest_config(super::config())]

        #[test]
        fn arbitrary_text_is_an_error_or_comparisons(text in super::text()) {
            let _ = filter::parse(&text);
            let _ = crate::domain::filter::RunFilter::parse(&text);
        }

        #[test]
        fn mutated_filters_never_panic(text in super::mutated(VALID)) {
            let _ = filter::parse(&text);
            let _ = crate::domain::filter::RunFilter::parse(&text);
        }
    }

    #[test]
    fn the_seed_is_valid() {
        filter::parse(VALID).unwrap();
    }
}

mod audit_messages {
    use proptest::prelude::*;

    use crate::domain::promotion::AuditEntry;

    proptest! {
        #![proptest_config(super::config())]

        /// The approval record in a GTO tag's message (or anywhere a message is read back).
        #[test]
        fn arbitrary_messages_hold_a_record_or_none(text in super::text()) {
            let _ = AuditEntry::from_message(&text);
        }

        #[test]
        fn mutated_records_never_panic(text in super::mutated(
            "Promote m v2\n\nclearance-record: {\"subject\":\"m\",\"alias\":\"production\",\"to\":\"2\"}"
        )) {
            let _ = AuditEntry::from_message(&text);
        }
    }
}

//! JSON Schemas, generated from the types that are read or written: the config file's, and
//! one per `--json` output (`clearance schema NAME`, `clearance config schema`).

use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::Value;

use crate::report::json as doc;

/// Every `--json` output with a schema of its own (`clearance schema NAME` takes its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    Runs,
    Models,
    Diff,
    Alerts,
    Prs,
    History,
    // `promote`, `rollback` and `baseline` share one document.
    #[value(alias = "promote", alias = "rollback", alias = "baseline")]
    Change,
    Apply,
    /// `policy check`.
    Policy,
    /// One line of `audit --format jsonl`.
    Audit,
}

impl Output {
    /// The name `clearance schema NAME` takes.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }

    /// The output's JSON Schema (draft 2020-12). Every property is required: a value that is
    /// missing is `null`, never an absent key.
    pub fn schema(self) -> Value {
        match self {
            Self::Runs => output::<doc::RunsDoc>(self),
            Self::Models => output::<doc::ModelsDoc>(self),
            Self::Diff => output::<doc::ComparisonDoc>(self),
            Self::Alerts => output::<doc::AlertsDoc>(self),
            Self::Prs => output::<doc::PrsDoc>(self),
            Self::History => output::<doc::HistoryDoc>(self),
            Self::Change => output::<doc::ChangeDoc>(self),
            Self::Apply => output::<doc::ApplyDoc>(self),
            Self::Policy => output::<doc::PolicyDoc>(self),
            Self::Audit => output::<doc::AuditRow>(self),
        }
    }
}

fn output<T: JsonSchema>(which: Output) -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .with_transform(RequireAll)
        .into_generator()
        .into_root_schema_for::<T>();
    title(&mut schema, &format!("clearance {} output", which.name()));
    schema.to_value()
}

/// The config file's schema: every key optional (the built-in defaults fill in the rest),
/// unknown keys refused, as `clearance` itself refuses them. Draft 7, which the TOML tools
/// that read it (taplo, Even Better TOML) understand.
pub fn config() -> Value {
    let mut schema = SchemaSettings::draft07()
        .with_transform(RequireNone)
        .into_generator()
        .into_root_schema_for::<crate::config::Config>();
    title(&mut schema, "clearance config");
    schema.to_value()
}

fn title(schema: &mut Schema, title: &str) {
    if let Some(o) = schema.as_object_mut() {
        o.insert("title".into(), title.into());
    }
}

/// Makes every listed property required.
#[derive(Clone)]
struct RequireAll;

impl Transform for RequireAll {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(o) = schema.as_object_mut()
            && let Some(Value::Object(props)) = o.get("properties")
        {
            let keys: Vec<Value> = props.keys().map(|k| Value::String(k.clone())).collect();
            o.insert("required".into(), Value::Array(keys));
        }
        transform_subschemas(self, schema);
    }
}

/// Makes every property optional.
#[derive(Clone)]
struct RequireNone;

impl Transform for RequireNone {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(o) = schema.as_object_mut() {
            o.remove("required");
        }
        transform_subschemas(self, schema);
    }
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use serde_json::json;

    use super::*;
    use crate::app::fixtures;
    use crate::domain::promotion::{AuditEntry, ChangeKind};
    use crate::report::json::{ChangeDoc, SchemaVersion};

    fn validator(schema: &Value) -> jsonschema::Validator {
        assert!(jsonschema::meta::is_valid(schema), "{schema:#}");
        jsonschema::validator_for(schema).unwrap()
    }

    #[track_caller]
    fn assert_valid(which: Output, doc: &impl serde::Serialize) {
        let doc = serde_json::to_value(doc).unwrap();
        let v = validator(&which.schema());
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}\n{doc:#}", which.name());
    }

    #[test]
    fn every_output_schema_is_valid_and_requires_every_key_and_the_version() {
        for &which in <Output as clap::ValueEnum>::value_variants() {
            let schema = which.schema();
            let v = validator(&schema);
            assert_eq!(schema["required"][0], "schema_version", "{}", which.name());
            assert!(!v.is_valid(&json!({})), "{}", which.name());
            // Every object lists all its properties as required: null, never absent.
            let defs = schema["$defs"].as_object().cloned().unwrap_or_default();
            for (name, def) in std::iter::once(("root".to_owned(), schema.clone())).chain(defs) {
                if let Some(props) = def["properties"].as_object() {
                    let required: Vec<&str> = def["required"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|k| k.as_str().unwrap())
                        .collect();
                    let all: Vec<&str> = props.keys().map(String::as_str).collect();
                    assert_eq!(required, all, "{}: {name}", which.name());
                }
            }
        }
    }

    #[test]
    fn documents_with_nulls_and_non_finite_numbers_validate() {
        let run = fixtures::run(
            "r1",
            "diverged",
            &[("loss", f64::NAN), ("grad", f64::INFINITY)],
            3,
        );
        let runs = crate::report::json::RunsDoc {
            schema_version: SchemaVersion,
            runs: vec![crate::report::json::run(&run, "fraud-detection", false)],
        };
        assert_valid(Output::Runs, &runs);
        let text = serde_json::to_value(&runs).unwrap();
        assert_eq!(text["runs"][0]["metrics"]["loss"], "NaN");
        let models = crate::report::json::ModelsDoc {
            schema_version: SchemaVersion,
            models: fixtures::models()
                .iter()
                .map(crate::report::json::model)
                .collect(),
        };
        assert_valid(Output::Models, &models);
        assert_valid(
            Output::Prs,
            &crate::report::json::PrsDoc {
                schema_version: SchemaVersion,
                pull_requests: fixtures::pull_requests(),
            },
        );

        // A change that stopped before its plan, and one that was done with no gates.
        assert_valid(Output::Change, &ChangeDoc::new("rollback", false));
        let entry = AuditEntry {
            at: fixtures::now(),
            by: "Ann <ann@x>".into(),
            action: ChangeKind::Promote,
            subject: "churn".into(),
            alias: "production".into(),
            from: None,
            to: "3".into(),
            gates: None,
            overridden: false,
            reason: None,
            store: "MLflow at http://x".into(),
            store_id: None,
        };
        let mut done = ChangeDoc::new("promote", false);
        done.end(&Ok(crate::domain::change::Outcome::Done {
            entry: Box::new(entry.clone()),
            warnings: vec!["not in the local log".into()],
        }));
        assert_valid(Output::Change, &done);
        let shown = serde_json::to_value(&done).unwrap();
        assert_eq!(
            (&shown["record"]["gates"], &shown["record"]["store_id"]),
            (&Value::Null, &Value::Null),
            "null, never an absent key"
        );
        let model = &fixtures::models()[0];
        assert_valid(
            Output::History,
            &crate::report::json::HistoryDoc::new(model, &[entry]),
        );
    }

    #[test]
    fn a_document_with_an_unknown_key_or_a_missing_one_is_refused() {
        let v = validator(&Output::Models.schema());
        assert!(v.is_valid(&json!({"schema_version": 1, "models": []})));
        assert!(!v.is_valid(&json!({"schema_version": 2, "models": []})));
        assert!(!v.is_valid(&json!({"schema_version": 1, "models": [], "more": 1})));
        assert!(!v.is_valid(&json!({"schema_version": 1, "models": [{"name": "m"}]})));
    }

    #[test]
    fn the_config_schema_accepts_the_example_and_refuses_what_clearance_refuses() {
        let schema = config();
        assert!(jsonschema::meta::is_valid(&schema));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let v = jsonschema::validator_for(&schema).unwrap();
        let as_json =
            |text: &str| serde_json::to_value(text.parse::<toml::Table>().unwrap()).unwrap();
        assert!(v.is_valid(&as_json(crate::config::DEFAULTS)));
        // A partial file: every key is optional.
        assert!(v.is_valid(&as_json(
            "[aliases]\nproduction = \"champion\"\n[profiles.prod.tracking]\nuri = \"http://x\"\n"
        )));
        for bad in [
            "[runs]\npage_sise = 10\n",
            "[runs]\npage_size = \"many\"\n",
            "[[metrics]]\nname = \"x\"\nbetter = \"up\"\n",
            "[profiles.prod.theme]\naccent = \"red\"\n",
            "[profiles.prod.tracking]\nuri = 5\n",
        ] {
            assert!(!v.is_valid(&as_json(bad)), "{bad}");
        }
    }
}

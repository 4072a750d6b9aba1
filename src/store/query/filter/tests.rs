//! The grammar as a table: expression → comparisons, or MLflow's message.

use rstest::rstest;

use super::*;

fn cmp(entity: Entity, key: &str, comparator: &str, value: Value) -> Comparison {
    Comparison {
        entity,
        key: key.to_owned(),
        comparator: comparator.to_owned(),
        value,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn num(s: &str) -> Value {
    Value::Number(s.to_owned())
}

#[rstest]
#[case("metrics.loss < 0.5", vec![cmp(Entity::Metric, "loss", "<", num("0.5"))])]
#[case("metric.loss>=-1e-3", vec![cmp(Entity::Metric, "loss", ">=", num("-1e-3"))])]
#[case("metrics.`system/cpu` > 0", vec![cmp(Entity::Metric, "system/cpu", ">", num("0"))])]
#[case("params.model = 'xgb' and tags.team != \"risk\"", vec![
    cmp(Entity::Param, "model", "=", text("xgb")),
    cmp(Entity::Tag, "team", "!=", text("risk")),
])]
#[case("param.lr like '0.0%'", vec![cmp(Entity::Param, "lr", "like", text("0.0%"))])]
#[case("tags.mlflow.parentRunId IS NOT NULL", vec![cmp(Entity::Tag, "mlflow.parentRunId", "IS NOT NULL", Value::None)])]
#[case("tags.`mlflow.note.content` is null", vec![cmp(Entity::Tag, "mlflow.note.content", "IS NULL", Value::None)])]
#[case("tag.\"a.b\" = 'x'", vec![cmp(Entity::Tag, "a.b", "=", text("x"))])]
#[case("attributes.status = 'FAILED'", vec![cmp(Entity::Attribute, "status", "=", text("FAILED"))])]
#[case("status = 'FAILED'", vec![cmp(Entity::Attribute, "status", "=", text("FAILED"))])]
#[case("run.run_name ILIKE '%sweep%'", vec![cmp(Entity::Attribute, "run_name", "ILIKE", text("%sweep%"))])]
#[case("attr.start_time >= 5", vec![cmp(Entity::Attribute, "start_time", ">=", Value::Int(5))])]
#[case("attributes.created < 1.5", vec![cmp(Entity::Attribute, "created", "<", Value::Float(1.5))])]
#[case("attributes.run_id IN ('a', \"b\")", vec![cmp(Entity::Attribute, "run_id", "IN", Value::List(vec!["a".into(), "b".into()]))])]
#[case("attributes.run_id not in ('a')", vec![cmp(Entity::Attribute, "run_id", "NOT IN", Value::List(vec!["a".into()]))])]
#[case("datasets.name = 'train'", vec![cmp(Entity::Dataset, "name", "=", text("train"))])]
#[case("params.x = 'it''s'", vec![cmp(Entity::Param, "x", "=", text("it''s"))])]
fn parses(#[case] filter: &str, #[case] want: Vec<Comparison>) {
    assert_eq!(parse(filter), Ok(want));
}

#[rstest]
#[case(
    "metrics.a > 1 or params.b = 'x'",
    "Invalid clause(s) in filter string: 'or'"
)]
#[case(
    "(metrics.a > 1)",
    "Invalid clause(s) in filter string: '(metrics.a > 1)'"
)]
#[case(
    "metrics.a > = 1",
    "Invalid clause(s) in filter string: 'metrics.a', '>', '=', '1'"
)]
#[case("metrics.a = 'x'", "Expected numeric value type for metric. Found 'x'")]
#[case(
    "metrics.a IS NULL",
    "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'a'"
)]
#[case(
    "params.a = abc",
    "Parameter value is either not quoted or unidentified quote types used for string value abc. Use either single or double quotes."
)]
#[case(
    "params.a = 1",
    "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1"
)]
#[case(
    "foo.a = 'x'",
    "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"
)]
#[case(
    "attributes.foo = 'x'",
    "Invalid attribute key 'foo' specified. Valid keys are '{'Created', 'Run Name', 'Run name', 'artifact_uri', 'created', 'end_time', 'run name', 'run_id', 'run_name', 'start_time', 'status', 'user_id'}'"
)]
#[case(
    "attributes.status IN ('a')",
    "Only ['run_id'] attributes support comparison with a list of quoted string values."
)]
#[case(
    "attributes.run_id IN ()",
    "While parsing a list in the query, expected a non-empty list of string values, but got empty list"
)]
#[case(
    "attributes.start_time > 'x'",
    "Expected numeric value type for numeric attribute: start_time. Found 'x'"
)]
#[case(
    "'a' = 'b'",
    "Invalid comparison clause. Expected 'Identifier' found ''a''"
)]
#[case(
    "metrics.a > 1; params.b = 'x'",
    "Search filter contained multiple expression \"metrics.a > 1; params.b = 'x'\". Provide AND-ed expression list."
)]
fn rejects(#[case] filter: &str, #[case] message: &str) {
    assert_eq!(parse(filter), Err(message.to_owned()));
}

#[rstest]
#[case(
    Entity::Metric,
    "a",
    ">>",
    "Invalid comparator '>>' not one of '{'!=', '<', '<=', '=', '>', '>='}"
)]
#[case(
    Entity::Param,
    "a",
    ">",
    "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'IS NOT NULL', 'IS NULL', 'LIKE'}'"
)]
#[case(
    Entity::Tag,
    "a",
    "NOT LIKE",
    "Invalid comparator 'NOT LIKE' not one of '{'!=', '=', 'ILIKE', 'IS NOT NULL', 'IS NULL', 'LIKE'}"
)]
#[case(
    Entity::Attribute,
    "start_time",
    "LIKE",
    "Invalid comparator 'LIKE' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}"
)]
#[case(
    Entity::Attribute,
    "status",
    ">",
    "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'"
)]
fn checks_comparators(
    #[case] entity: Entity,
    #[case] key: &str,
    #[case] comparator: &str,
    #[case] message: &str,
) {
    assert_eq!(
        check_comparator(entity, key, comparator),
        Err(message.to_owned())
    );
}

/// A comparison as `filter_grammar.py` writes MLflow's: type, key, comparator, value.
fn as_json(c: &Comparison) -> serde_json::Value {
    let value = match &c.value {
        Value::Text(s) | Value::Number(s) => serde_json::json!(s),
        Value::Int(i) => serde_json::json!(i),
        Value::Float(f) => serde_json::json!(f),
        Value::List(items) => serde_json::json!(items),
        Value::None => serde_json::Value::Null,
    };
    serde_json::json!({
        "type": c.entity.name(),
        "key": c.key,
        "comparator": c.comparator,
        "value": value,
    })
}

/// Parsing and the comparator checks, as `_search_runs` makes them before any SQL runs.
fn parse_and_check(filter: &str) -> Result<Vec<Comparison>, String> {
    let comparisons = parse(filter)?;
    for c in &comparisons {
        check_comparator(
            c.entity,
            translate_key_alias(&c.key),
            &c.comparator.to_uppercase(),
        )?;
    }
    Ok(comparisons)
}

#[test]
fn agrees_with_mlflows_parser_on_a_generated_corpus() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mlflow_local/filter_grammar.json");
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut mismatches = Vec::new();
    for case in &cases {
        let filter = case["filter"].as_str().unwrap();
        let got = parse_and_check(filter);
        let same = match (&got, case.get("parsed"), case.get("error")) {
            (Ok(cs), Some(want), _) => {
                serde_json::Value::Array(cs.iter().map(as_json).collect()) == *want
            }
            (Err(m), _, Some(want)) => normalize_sets(m) == normalize_sets(want.as_str().unwrap()),
            _ => false,
        };
        if !same {
            mismatches.push(format!("{filter:?}\n  mlflow: {case}\n  local:  {got:?}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} filters differ from MLflow's parser:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

/// Python prints sets in hash order, which changes with every server process: sort the
/// elements of every `{'a', 'b'}` before comparing messages.
pub(crate) fn normalize_sets(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{'") {
        let Some(len) = rest[start..].find("'}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        let mut items: Vec<&str> = inner.split("', '").collect();
        items.sort_unstable();
        out.push_str("{'");
        out.push_str(&items.join("', '"));
        out.push_str("'}");
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

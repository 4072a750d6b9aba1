//! MLflow search expressions (what the runs screen, the CLI's `--filter` and the baseline
//! lookup send) as W&B's Mongo-style run filters, and MLflow `order_by` clauses as W&B's order
//! string. The expression is parsed with MLflow's own grammar
//! ([`crate::store::query::filter`]), so it is accepted or refused with MLflow's
//! words, then each comparison is translated:
//!
//! | MLflow | W&B |
//! |---|---|
//! | `metrics.K <op> n` | `summary_metrics.K` with `$gt $gte $lt $lte $eq $ne` |
//! | `params.K = 'v'` | `config.K.value` equal to the text, or to the number or boolean it spells (config values keep their JSON type) |
//! | `params.K LIKE 'x%'`, `ILIKE` | `$regex` (`^x.*$`, `(?i)` for ILIKE) |
//! | `params.K IS [NOT] NULL` | `$exists` |
//! | `tags.K IS NOT NULL`, `tags.K = 'true'` | `{"tags": {"$in": [K]}}` (W&B tags are labels) |
//! | `tags.K IS NULL`, `tags.K != 'true'` | `{"tags": {"$nin": [K]}}` |
//! | `tags.wandb.group`, `tags.wandb.job_type` | `group`, `jobType` |
//! | `attributes.run_name` (`tags.mlflow.runName`) | `display_name` |
//! | `attributes.run_id` (also `IN (…)`) | `name` |
//! | `attributes.status` | `state` (`FAILED` is `failed` or `crashed`) |
//! | `attributes.user_id` (`tags.mlflow.user`) | `username` |
//! | `attributes.start_time` (ms) | `createdAt` (UTC date-time text) |
//!
//! The baseline lookup's `tags.baseline IS NOT NULL` is therefore
//! `{"tags": {"$in": ["baseline"]}}`, the SDK's own way of finding tagged runs. What has no W&B
//! counterpart (`end_time`, `artifact_uri`, datasets, a tag compared with a value other than
//! true) is refused with a message that says so.

use serde_json::{Value, json};

use crate::store::query::filter::{
    self, Comparison, Entity, ORDER_BY_ATTRIBUTES, Value as Operand, check_comparator,
    translate_key_alias,
};

/// The W&B filter for an MLflow expression (`{}` for none).
pub fn translate(expression: Option<&str>) -> Result<Value, String> {
    let Some(text) = expression.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(json!({}));
    };
    let comparisons = filter::parse(text)?;
    let mut parts = Vec::with_capacity(comparisons.len());
    for c in &comparisons {
        check_comparator(c.entity, &c.key, &c.comparator.to_uppercase())?;
        parts.push(comparison(c)?);
    }
    Ok(match parts.len() {
        0 => json!({}),
        1 => parts.pop().unwrap_or_default(),
        _ => json!({"$and": parts}),
    })
}

fn comparison(c: &Comparison) -> Result<Value, String> {
    let op = c.comparator.to_uppercase();
    match c.entity {
        Entity::Metric => metric(&c.key, &op, &c.value),
        Entity::Param => param(&c.key, &op, &c.value),
        Entity::Tag => tag(&c.key, &op, &c.value),
        Entity::Attribute => attribute(translate_key_alias(&c.key), &op, &c.value),
        Entity::Dataset => Err("W&B runs have no dataset inputs to search".to_owned()),
    }
}

fn mongo_op(op: &str) -> Option<&'static str> {
    Some(match op {
        "=" => "$eq",
        "!=" => "$ne",
        ">" => "$gt",
        ">=" => "$gte",
        "<" => "$lt",
        "<=" => "$lte",
        "IN" => "$in",
        "NOT IN" => "$nin",
        _ => return None,
    })
}

fn metric(key: &str, op: &str, value: &Operand) -> Result<Value, String> {
    let Operand::Number(text) = value else {
        return Err(format!("metric '{key}' needs a number"));
    };
    let n: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    let op = mongo_op(op).ok_or_else(|| format!("'{op}' cannot compare metrics"))?;
    Ok(field(&format!("summary_metrics.{key}"), json!({op: n})))
}

fn field(path: &str, cond: Value) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(path.to_owned(), cond);
    Value::Object(m)
}

/// A param's text as the config values it may have been logged as: the text itself, and the
/// number or boolean it spells (`lr = '0.01'` finds `"lr": 0.01`).
fn typed_values(text: &str) -> Vec<Value> {
    let mut out = vec![json!(text)];
    if let Ok(i) = text.parse::<i64>() {
        out.push(json!(i));
        out.push(json!(i as f64));
    } else if let Ok(f) = text.parse::<f64>()
        && f.is_finite()
    {
        out.push(json!(f));
    }
    match text {
        "true" | "True" => out.push(json!(true)),
        "false" | "False" => out.push(json!(false)),
        _ => {}
    }
    out.dedup();
    out
}

fn param(key: &str, op: &str, value: &Operand) -> Result<Value, String> {
    let path = format!("config.{key}.value");
    match (op, value) {
        ("IS NULL", _) => Ok(field(&path, json!({"$exists": false}))),
        ("IS NOT NULL", _) => Ok(field(&path, json!({"$exists": true}))),
        ("=", Operand::Text(t)) => Ok(field(&path, json!({"$in": typed_values(t)}))),
        ("!=", Operand::Text(t)) => Ok(field(&path, json!({"$nin": typed_values(t)}))),
        ("LIKE" | "ILIKE", Operand::Text(t)) => Ok(field(
            &path,
            json!({"$regex": like_regex(t, op == "ILIKE")}),
        )),
        _ => Err(format!("params.{key} {op} has no W&B counterpart")),
    }
}

fn is_true(text: &str) -> bool {
    matches!(text, "true" | "True" | "TRUE" | "1")
}

fn tag(key: &str, op: &str, value: &Operand) -> Result<Value, String> {
    let attribute = match key {
        "wandb.group" => Some("group"),
        "wandb.job_type" => Some("jobType"),
        "mlflow.runName" => Some("display_name"),
        "mlflow.user" => Some("username"),
        _ => None,
    };
    if let Some(path) = attribute {
        return string_field(path, op, value);
    }
    let label = json!([key]);
    match (op, value) {
        ("IS NOT NULL", _) => Ok(json!({"tags": {"$in": label}})),
        ("IS NULL", _) => Ok(json!({"tags": {"$nin": label}})),
        ("=", Operand::Text(t)) if is_true(t) => Ok(json!({"tags": {"$in": label}})),
        ("!=", Operand::Text(t)) if is_true(t) => Ok(json!({"tags": {"$nin": label}})),
        (_, Operand::Text(t)) => Err(format!(
            "W&B tags are labels without values: search 'tags.{key} IS NOT NULL' (or = 'true') \
             for runs tagged '{key}'; '{t}' cannot match"
        )),
        _ => Err(format!("tags.{key} {op} has no W&B counterpart")),
    }
}

/// `=`, `!=`, `LIKE`, `ILIKE`, `IN`, `NOT IN` on a text field.
fn string_field(path: &str, op: &str, value: &Operand) -> Result<Value, String> {
    match (op, value) {
        ("LIKE" | "ILIKE", Operand::Text(t)) => {
            Ok(field(path, json!({"$regex": like_regex(t, op == "ILIKE")})))
        }
        (_, Operand::Text(t)) => {
            let op = mongo_op(op).ok_or_else(|| format!("'{op}' cannot compare text"))?;
            Ok(field(path, json!({op: t})))
        }
        (_, Operand::List(items)) => {
            let op = mongo_op(op).ok_or_else(|| format!("'{op}' cannot compare a list"))?;
            Ok(field(path, json!({op: items})))
        }
        _ => Err(format!("{path} {op} has no W&B counterpart")),
    }
}

fn states(status: &str) -> Vec<&'static str> {
    match status.to_uppercase().as_str() {
        "RUNNING" => vec!["running"],
        "FINISHED" => vec!["finished"],
        "FAILED" => vec!["failed", "crashed"],
        "KILLED" => vec!["killed", "preempted"],
        "SCHEDULED" => vec!["pending"],
        _ => Vec::new(),
    }
}

fn attribute(key: &str, op: &str, value: &Operand) -> Result<Value, String> {
    match key {
        "run_name" => string_field("display_name", op, value),
        "run_id" => string_field("name", op, value),
        "user_id" => string_field("username", op, value),
        "status" => {
            let wanted: Vec<&str> = match value {
                Operand::Text(t) => states(t),
                Operand::List(l) => l.iter().flat_map(|s| states(s)).collect(),
                _ => Vec::new(),
            };
            if wanted.is_empty() {
                return Err(format!(
                    "status {value:?} is none of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED"
                ));
            }
            let negate = matches!(op, "!=" | "NOT IN");
            if matches!(op, "LIKE" | "ILIKE") {
                return Err("status is compared with =, !=, IN or NOT IN on W&B".to_owned());
            }
            Ok(field(
                "state",
                json!({if negate { "$nin" } else { "$in" }: wanted}),
            ))
        }
        "start_time" => {
            let ms = match value {
                Operand::Int(i) => *i,
                Operand::Float(f) if f.is_finite() => *f as i64,
                _ => return Err("start_time needs milliseconds since the epoch".to_owned()),
            };
            let at = chrono::DateTime::from_timestamp_millis(ms)
                .ok_or_else(|| format!("{ms} is not a time"))?;
            let op = mongo_op(op).ok_or_else(|| format!("'{op}' cannot compare times"))?;
            Ok(field(
                "createdAt",
                json!({op: at.format("%Y-%m-%dT%H:%M:%S").to_string()}),
            ))
        }
        other => Err(format!(
            "attributes.{other} has no W&B counterpart (searchable: run_name, run_id, status, \
             user_id, start_time)"
        )),
    }
}

/// MLflow's `LIKE` pattern as an anchored RE2 regex: `%` any run, `_` one character.
pub fn like_regex(pattern: &str, case_insensitive: bool) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    if case_insensitive {
        out.push_str("(?i)");
    }
    out.push('^');
    for c in pattern.chars() {
        match c {
            '%' => out.push_str(".*"),
            '_' => out.push('.'),
            c if "\\.+*?()|[]{}^$".contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('$');
    out
}

/// W&B's order string for MLflow `order_by` clauses. W&B orders by one key: the first clause
/// decides (the rest are dropped). No clause: newest first, as MLflow lists runs.
pub fn order(clauses: &[String]) -> Result<String, String> {
    let Some(first) = clauses.iter().map(|c| c.trim()).find(|c| !c.is_empty()) else {
        return Ok("-created_at".to_owned());
    };
    if clauses.len() > 1 {
        tracing::debug!(dropped = ?&clauses[1..], "W&B orders runs by one key only");
    }
    let (ident, descending) = match first.rsplit_once(char::is_whitespace) {
        Some((ident, dir)) if dir.eq_ignore_ascii_case("DESC") => (ident.trim(), true),
        Some((ident, dir)) if dir.eq_ignore_ascii_case("ASC") => (ident.trim(), false),
        _ => (first, false),
    };
    let (entity, key) = filter::identifier(ident, ORDER_BY_ATTRIBUTES)?;
    let path = match entity {
        Entity::Metric => format!("summary_metrics.{key}"),
        Entity::Param => format!("config.{key}.value"),
        Entity::Attribute => match translate_key_alias(&key) {
            "start_time" => "created_at".to_owned(),
            "end_time" => "heartbeat_at".to_owned(),
            "run_name" => "display_name".to_owned(),
            "run_id" => "name".to_owned(),
            "status" => "state".to_owned(),
            "user_id" => "username".to_owned(),
            other => return Err(format!("W&B cannot order runs by attributes.{other}")),
        },
        Entity::Tag | Entity::Dataset => {
            return Err(format!("W&B cannot order runs by '{ident}'"));
        }
    };
    Ok(format!("{}{path}", if descending { '-' } else { '+' }))
}

#[cfg(test)]
mod tests {
    use pretty_assertions::assert_eq;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::baseline("tags.baseline IS NOT NULL", json!({"tags": {"$in": ["baseline"]}}))]
    #[case::quoted_tag("tags.`team.baseline` IS NOT NULL", json!({"tags": {"$in": ["team.baseline"]}}))]
    #[case::untagged("tags.baseline IS NULL", json!({"tags": {"$nin": ["baseline"]}}))]
    #[case::tag_true("tags.baseline = 'true'", json!({"tags": {"$in": ["baseline"]}}))]
    #[case::tag_not_true("tags.baseline != 'True'", json!({"tags": {"$nin": ["baseline"]}}))]
    #[case::group("tags.`wandb.group` = 'lr-sweep'", json!({"group": {"$eq": "lr-sweep"}}))]
    #[case::metric("metrics.`val/acc` > 0.9", json!({"summary_metrics.val/acc": {"$gt": 0.9}}))]
    #[case::metric_int("metrics.epochs <= 3", json!({"summary_metrics.epochs": {"$lte": 3.0}}))]
    #[case::param_number("params.lr = '0.02'", json!({"config.lr.value": {"$in": ["0.02", 0.02]}}))]
    #[case::param_int("params.epochs != '30'", json!({"config.epochs.value": {"$nin": ["30", 30, 30.0]}}))]
    #[case::param_bool("params.amp = 'true'", json!({"config.amp.value": {"$in": ["true", true]}}))]
    #[case::param_text("params.optimizer = 'adam'", json!({"config.optimizer.value": {"$in": ["adam"]}}))]
    #[case::param_like("params.optimizer LIKE 'ad%'", json!({"config.optimizer.value": {"$regex": "^ad.*$"}}))]
    #[case::param_missing("params.seed IS NULL", json!({"config.seed.value": {"$exists": false}}))]
    #[case::name_ilike("attributes.run_name ILIKE '%cand%'", json!({"display_name": {"$regex": "(?i)^.*cand.*$"}}))]
    #[case::run_ids("attributes.run_id IN ('a1', 'b2')", json!({"name": {"$in": ["a1", "b2"]}}))]
    #[case::failed("attributes.status = 'FAILED'", json!({"state": {"$in": ["failed", "crashed"]}}))]
    #[case::not_finished("attributes.status != 'FINISHED'", json!({"state": {"$nin": ["finished"]}}))]
    #[case::user("attributes.user_id = 'ann'", json!({"username": {"$eq": "ann"}}))]
    #[case::start("attributes.start_time > 1790000000000", json!({"createdAt": {"$gt": "2026-09-21T14:13:20"}}))]
    #[case::and(
        "metrics.loss < 0.5 and params.model = 'xgb'",
        json!({"$and": [
            {"summary_metrics.loss": {"$lt": 0.5}},
            {"config.model.value": {"$in": ["xgb"]}}
        ]})
    )]
    fn translates(#[case] mlflow: &str, #[case] want: Value) {
        assert_eq!(translate(Some(mlflow)), Ok(want));
    }

    #[rstest]
    #[case::empty("", json!({}))]
    #[case::blank("   ", json!({}))]
    fn nothing_is_everything(#[case] mlflow: &str, #[case] want: Value) {
        assert_eq!(translate(Some(mlflow)), Ok(want));
        assert_eq!(translate(None), Ok(json!({})));
    }

    #[rstest]
    #[case::tag_value("tags.team = 'vision'", "W&B tags are labels without values")]
    #[case::end_time("attributes.end_time > 5", "no W&B counterpart")]
    #[case::dataset("datasets.name = 'x'", "no dataset inputs")]
    #[case::mlflow_grammar("metrics.loss < 'x'", "Expected numeric value type for metric")]
    #[case::mlflow_comparator("metrics.loss LIKE 1", "Invalid comparator")]
    #[case::bad_status("attributes.status = 'DONE'", "none of RUNNING")]
    fn refuses_with_a_reason(#[case] mlflow: &str, #[case] says: &str) {
        let e = translate(Some(mlflow)).unwrap_err();
        assert!(e.contains(says), "{e}");
    }

    #[rstest]
    #[case::like("a_b%", false, "^a.b.*$")]
    #[case::escapes("v1.0 (rc)", false, "^v1\\.0 \\(rc\\)$")]
    #[case::ilike("%ünï%", true, "(?i)^.*ünï.*$")]
    fn like_patterns_become_anchored_regexes(
        #[case] like: &str,
        #[case] ci: bool,
        #[case] want: &str,
    ) {
        assert_eq!(like_regex(like, ci), want);
    }

    #[rstest]
    #[case::none(&[], "-created_at")]
    #[case::start(&["attributes.start_time DESC"], "-created_at")]
    #[case::metric(&["metrics.`val/acc` DESC", "attributes.start_time"], "-summary_metrics.val/acc")]
    #[case::param(&["params.lr ASC"], "+config.lr.value")]
    #[case::name(&["run_name"], "+display_name")]
    fn orders(#[case] clauses: &[&str], #[case] want: &str) {
        let clauses: Vec<String> = clauses.iter().map(|c| (*c).to_owned()).collect();
        assert_eq!(order(&clauses).as_deref(), Ok(want));
    }

    #[test]
    fn tags_cannot_order() {
        assert!(order(&["tags.x DESC".to_owned()]).is_err());
    }
}

//! MLflow's run search grammar (`SearchUtils` in `mlflow/utils/search_utils.py`): parsing a
//! filter into comparisons and checking each comparator against its entity, with MLflow's
//! messages word for word (Python sets are printed in sorted order: Python's own order
//! changes from one server process to the next).

mod lex;
mod python;

use self::lex::Node;
use self::python::{ListError, literal_strings, repr_set};
pub use self::python::{repr, repr_list};

/// What a comparison is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    /// `metrics.` / `metric.`: the latest value of a metric (`latest_metrics`).
    Metric,
    /// `params.` / `param.` / `parameter(s).`.
    Param,
    /// `tags.` / `tag.`.
    Tag,
    /// `attributes.` / `attribute.` / `attr.` / `run.`, or no prefix: a column of `runs`.
    Attribute,
    /// `datasets.` / `dataset.`: the run's dataset inputs.
    Dataset,
}

impl Entity {
    /// MLflow's name for it, as its messages print it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Metric => "metric",
            Self::Param => "parameter",
            Self::Tag => "tag",
            Self::Attribute => "attribute",
            Self::Dataset => "dataset",
        }
    }
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quoted string (quotes removed, nothing unescaped: MLflow only trims the ends).
    Text(String),
    /// A number for a metric: its text, converted when the SQL is built.
    Number(String),
    /// An integer for `start_time`/`end_time` (bound as an integer, as Python binds it).
    Int(i64),
    /// A decimal for `start_time`/`end_time`.
    Float(f64),
    /// `IN (...)`.
    List(Vec<String>),
    /// `IS NULL` / `IS NOT NULL`.
    None,
}

/// One parsed comparison, before its comparator is checked against its entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub entity: Entity,
    pub key: String,
    /// As typed (`like`); upper-cased where it is checked and used.
    pub comparator: String,
    pub value: Value,
}

/// Attribute keys a filter may name (`RunInfo` searchable attributes and their aliases).
pub const SEARCH_ATTRIBUTES: &[&str] = &[
    "Created",
    "Run Name",
    "Run name",
    "artifact_uri",
    "created",
    "end_time",
    "run name",
    "run_id",
    "run_name",
    "start_time",
    "status",
    "user_id",
];

/// Attribute keys an `order_by` may name.
pub const ORDER_BY_ATTRIBUTES: &[&str] = &[
    "Created",
    "artifact_uri",
    "created",
    "end_time",
    "run_id",
    "run_name",
    "start_time",
    "status",
    "user_id",
];

const NUMERIC_ATTRIBUTES: &[&str] = &["start_time", "end_time", "created", "Created"];
const DATASET_ATTRIBUTES: &[&str] = &["name", "digest", "context"];
const METRIC_COMPARATORS: &[&str] = &[">", ">=", "!=", "=", "<", "<="];
const PARAM_COMPARATORS: &[&str] = &["!=", "=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"];
const STRING_ATTRIBUTE_COMPARATORS: &[&str] = &["!=", "=", "LIKE", "ILIKE", "IN", "NOT IN"];
const DATASET_COMPARATORS: &[&str] = STRING_ATTRIBUTE_COMPARATORS;

/// `translate_key_alias`: `created` is `start_time`, `Run name` is `run_name`.
pub fn translate_key_alias(key: &str) -> &str {
    match key {
        "created" | "Created" => "start_time",
        "run name" | "Run name" | "Run Name" => "run_name",
        other => other,
    }
}

pub fn is_numeric_attribute(key: &str) -> bool {
    NUMERIC_ATTRIBUTES.contains(&key)
}

fn is_quoted(s: &str, q: char) -> bool {
    s.chars().count() >= 2 && s.starts_with(q) && s.ends_with(q)
}

fn trim_ends(s: &str) -> &str {
    let mut chars = s.chars();
    chars.next();
    chars.next_back();
    chars.as_str()
}

fn trim_backticks(s: &str) -> &str {
    if is_quoted(s, '`') { trim_ends(s) } else { s }
}

fn strip_quotes(s: &str) -> &str {
    if is_quoted(s, '\'') || is_quoted(s, '"') {
        trim_ends(s)
    } else {
        s
    }
}

fn strip_quotes_expected(s: &str) -> Result<String, String> {
    if is_quoted(s, '\'') || is_quoted(s, '"') {
        Ok(trim_ends(s).to_owned())
    } else {
        Err(format!(
            "Parameter value is either not quoted or unidentified quote types used for string \
             value {s}. Use either single or double quotes."
        ))
    }
}

/// `_valid_entity_type`.
fn entity_type(raw: &str) -> Result<Entity, String> {
    let e = trim_backticks(raw);
    match e {
        "metric" | "metrics" => Ok(Entity::Metric),
        "parameter" | "parameters" | "param" | "params" => Ok(Entity::Param),
        "tag" | "tags" => Ok(Entity::Tag),
        "attribute" | "attr" | "attributes" | "run" => Ok(Entity::Attribute),
        "dataset" | "datasets" => Ok(Entity::Dataset),
        _ => Err(format!(
            "Invalid entity type '{e}'. Valid values are ['metric', 'parameter', 'tag', \
             'attribute', 'dataset']"
        )),
    }
}

/// `_get_identifier`: `entity.key` (or a bare attribute key), checked against
/// `valid_attributes`.
pub fn identifier(text: &str, valid_attributes: &[&str]) -> Result<(Entity, String), String> {
    let (entity, key) = match text.split_once('.') {
        Some((e, k)) => (entity_type(e)?, k),
        None => (Entity::Attribute, text),
    };
    let key = trim_backticks(strip_quotes(key)).to_owned();
    if entity == Entity::Attribute && !valid_attributes.contains(&key.as_str()) {
        return Err(format!(
            "Invalid attribute key '{key}' specified. Valid keys are '{}'",
            repr_set(valid_attributes)
        ));
    }
    if entity == Entity::Dataset && !DATASET_ATTRIBUTES.contains(&key.as_str()) {
        return Err(format!(
            "Invalid dataset key '{key}' specified. Valid keys are '{}'",
            repr_set(DATASET_ATTRIBUTES)
        ));
    }
    Ok((entity, key))
}

/// `parse_search_filter`: the comparisons of a filter, or MLflow's message for why it is not
/// one.
pub fn parse(filter: &str) -> Result<Vec<Comparison>, String> {
    if filter.is_empty() {
        return Ok(Vec::new());
    }
    if filter.trim().is_empty() {
        // sqlparse finds no statement at all in blank text.
        return Err(format!("Invalid filter '{filter}'. Could not be parsed."));
    }
    let mut statements = lex::statements(filter);
    if statements.len() > 1 {
        return Err(format!(
            "Search filter contained multiple expression {}. Provide AND-ed expression list.",
            repr(filter)
        ));
    }
    let tokens = lex::join_special(statements.pop().unwrap_or_default());
    let invalid: Vec<String> = tokens
        .iter()
        .filter(|t| {
            !matches!(t, Node::Comparison(..))
                && !matches!(t, Node::Keyword(k) if k.eq_ignore_ascii_case("AND"))
        })
        .map(|t| format!("'{}'", t.raw()))
        .collect();
    if !invalid.is_empty() {
        return Err(format!(
            "Invalid clause(s) in filter string: {}",
            invalid.join(", ")
        ));
    }
    tokens
        .into_iter()
        .filter_map(|t| match t {
            Node::Comparison(parts, _) => Some(comparison(&parts)),
            _ => None,
        })
        .collect()
}

/// Whether an `order_by` clause is, to sqlparse, a single identifier (possibly with a
/// direction or an alias after it): what `_validate_order_by_and_generate_token` requires.
pub fn is_single_identifier(clause: &str) -> bool {
    let statements = lex::statements(clause);
    let [nodes] = statements.as_slice() else {
        return false;
    };
    match nodes.as_slice() {
        [Node::Ident(_)] => true,
        [Node::Ident(_), Node::Keyword(k)] => {
            k.eq_ignore_ascii_case("ASC") || k.eq_ignore_ascii_case("DESC")
        }
        [Node::Ident(_), Node::Ident(alias)] => !alias.contains('.'),
        _ => false,
    }
}

/// `_get_comparison`.
fn comparison(parts: &[Node]) -> Result<Comparison, String> {
    const BASE: &str = "Invalid comparison clause";
    if let [ident, op] = parts {
        let comparator = op.raw().to_uppercase();
        if comparator == "IS NULL" || comparator == "IS NOT NULL" {
            if !matches!(ident, Node::Ident(_)) {
                return Err(format!(
                    "{BASE}. Expected 'Identifier' found '{}'",
                    ident.raw()
                ));
            }
            let (entity, key) = identifier(ident.raw(), SEARCH_ATTRIBUTES)?;
            if !matches!(entity, Entity::Tag | Entity::Param) {
                return Err(format!(
                    "IS NULL / IS NOT NULL is only supported for tags and params, not for '{}' \
                     '{key}'",
                    entity.name()
                ));
            }
            return Ok(Comparison {
                entity,
                key,
                comparator,
                value: Value::None,
            });
        }
    }
    let [left, op, right] = parts else {
        return Err(format!("{BASE}. Expected 3 tokens found {}", parts.len()));
    };
    if !matches!(left, Node::Ident(_)) {
        return Err(format!(
            "{BASE}. Expected 'Identifier' found '{}'",
            left.raw()
        ));
    }
    let (entity, key) = identifier(left.raw(), SEARCH_ATTRIBUTES)?;
    let value = value(entity, &key, right)?;
    Ok(Comparison {
        entity,
        key,
        comparator: op.raw().to_owned(),
        value,
    })
}

/// `_get_value`.
fn value(entity: Entity, key: &str, token: &Node) -> Result<Value, String> {
    let is_number = matches!(token, Node::Int(_) | Node::Float(_));
    let is_string = matches!(token, Node::Str(_) | Node::Ident(_));
    let raw = token.raw();
    match entity {
        Entity::Metric => {
            if is_number {
                Ok(Value::Number(raw.to_owned()))
            } else {
                Err(format!(
                    "Expected numeric value type for metric. Found {raw}"
                ))
            }
        }
        Entity::Param | Entity::Tag => {
            if is_string {
                strip_quotes_expected(raw).map(Value::Text)
            } else {
                Err(format!(
                    "Expected a quoted string value for {} (e.g. 'my-value'). Got value {raw}",
                    entity.name()
                ))
            }
        }
        Entity::Attribute if is_numeric_attribute(key) => match token {
            Node::Int(t) => Ok(t
                .parse::<i64>()
                .map_or_else(|_| Value::Float(parse_float(t)), Value::Int)),
            Node::Float(t) => Ok(Value::Float(parse_float(t))),
            _ => Err(format!(
                "Expected numeric value type for numeric attribute: {key}. Found {raw}"
            )),
        },
        Entity::Attribute => {
            if is_string {
                strip_quotes_expected(raw).map(Value::Text)
            } else if matches!(token, Node::Paren(_)) {
                if key != "run_id" {
                    return Err(
                        "Only ['run_id'] attributes support comparison with a list of \
                                quoted string values."
                            .to_owned(),
                    );
                }
                list(raw)
            } else {
                Err(format!(
                    "Expected a quoted string value for attributes. Got value {raw}"
                ))
            }
        }
        Entity::Dataset => {
            if is_string {
                strip_quotes_expected(raw).map(Value::Text)
            } else if matches!(token, Node::Paren(_)) {
                list(raw)
            } else {
                Err(format!(
                    "Expected a quoted string value for dataset attributes. Got value {raw}"
                ))
            }
        }
    }
}

fn parse_float(t: &str) -> f64 {
    t.parse().unwrap_or(f64::NAN)
}

/// `_parse_list_from_sql_token`.
fn list(raw: &str) -> Result<Value, String> {
    literal_strings(raw).map(Value::List).map_err(|e| match e {
        ListError::Syntax => "While parsing a list in the query, expected a non-empty list of \
                              string values, but got ill-formed list."
            .to_owned(),
        ListError::Empty => "While parsing a list in the query, expected a non-empty list of \
                             string values, but got empty list"
            .to_owned(),
        ListError::NotStrings(t) => format!(
            "While parsing a list in the query, expected string value, punctuation, or \
             whitespace, but got different type in list: {t}"
        ),
    })
}

/// The checks `_get_sqlalchemy_filter_clauses` makes while building SQL: the comparator must
/// suit the entity (`is_metric`, `is_param`… with their messages, missing quotes included).
pub fn check_comparator(entity: Entity, key: &str, comparator: &str) -> Result<(), String> {
    let (allowed, closing) = match entity {
        Entity::Attribute if is_numeric_attribute(key) => {
            // MLflow names the string comparators in this message.
            if METRIC_COMPARATORS.contains(&comparator) {
                return Ok(());
            }
            return Err(format!(
                "Invalid comparator '{comparator}' not one of '{}",
                repr_set(STRING_ATTRIBUTE_COMPARATORS)
            ));
        }
        Entity::Attribute => (STRING_ATTRIBUTE_COMPARATORS, "'"),
        Entity::Metric => (METRIC_COMPARATORS, ""),
        Entity::Param => (PARAM_COMPARATORS, "'"),
        Entity::Tag => (PARAM_COMPARATORS, ""),
        Entity::Dataset => (DATASET_COMPARATORS, ""),
    };
    if allowed.contains(&comparator) {
        Ok(())
    } else {
        Err(format!(
            "Invalid comparator '{comparator}' not one of '{}{closing}",
            repr_set(allowed)
        ))
    }
}

#[cfg(test)]
pub(crate) mod tests;

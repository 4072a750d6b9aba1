//! One parsed comparison, checked as the sqlite store checks it while building SQL, then
//! evaluated against a run.

use super::filter::{self, Comparison, Entity, Value, translate_key_alias};
use super::like::{ilike, like};
use crate::domain::{Name, Run};

/// A comparison ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `metrics.<key> <op> <number>`.
    Metric { key: String, op: Op, value: f64 },
    /// `attributes.start_time` / `end_time` `<op> <number>` (milliseconds).
    Time { end: bool, op: Op, value: f64 },
    /// A text comparison on a param, a tag or a text attribute.
    Text { field: Field, test: TextTest },
}

/// A numeric comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Where a text comparison looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Param(String),
    Tag(String),
    RunName,
    RunId,
    Status,
    User,
    /// Runs held in memory carry no artifact location: the empty string.
    ArtifactUri,
}

/// A text comparator with its operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextTest {
    Eq(String),
    Ne(String),
    Like(String),
    ILike(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    IsNull,
    IsNotNull,
}

impl Op {
    fn parse(comparator: &str) -> Option<Self> {
        Some(match comparator {
            "=" => Self::Eq,
            "!=" => Self::Ne,
            "<" => Self::Lt,
            "<=" => Self::Le,
            ">" => Self::Gt,
            ">=" => Self::Ge,
            _ => return None,
        })
    }

    /// IEEE comparison, which is SQL's for the stored values: a NaN satisfies only `!=`.
    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Self::Eq => left == right,
            Self::Ne => left != right,
            Self::Lt => left < right,
            Self::Le => left <= right,
            Self::Gt => left > right,
            Self::Ge => left >= right,
        }
    }
}

fn cannot_compare(comparator: &str) -> String {
    format!("Invalid comparison: '{comparator}' cannot compare with the value given")
}

impl Check {
    /// Checks a comparison as the sqlite store does (MLflow's comparator rules and
    /// messages), or says why it cannot be evaluated here.
    pub fn new(c: &Comparison) -> Result<Self, String> {
        let comparator = c.comparator.to_uppercase();
        let key = translate_key_alias(&c.key);
        filter::check_comparator(c.entity, key, &comparator)?;
        match c.entity {
            Entity::Dataset => Err(format!(
                "this store records no dataset inputs, so it cannot filter on 'datasets.{key}'"
            )),
            Entity::Metric => {
                let Value::Number(text) = &c.value else {
                    return Err(cannot_compare(&comparator));
                };
                let value = text.trim().parse::<f64>().map_err(|_| {
                    format!("could not convert string to float: {}", filter::repr(text))
                })?;
                let op = Op::parse(&comparator).ok_or_else(|| cannot_compare(&comparator))?;
                Ok(Self::Metric {
                    key: key.to_owned(),
                    op,
                    value,
                })
            }
            Entity::Attribute if filter::is_numeric_attribute(key) => {
                let value = match &c.value {
                    Value::Int(i) => *i as f64,
                    Value::Float(f) => *f,
                    _ => return Err(cannot_compare(&comparator)),
                };
                let op = Op::parse(&comparator).ok_or_else(|| cannot_compare(&comparator))?;
                Ok(Self::Time {
                    end: key == "end_time",
                    op,
                    value,
                })
            }
            Entity::Attribute | Entity::Param | Entity::Tag => {
                let field = match (c.entity, key) {
                    (Entity::Param, k) => Field::Param(k.to_owned()),
                    (Entity::Tag, k) => Field::Tag(k.to_owned()),
                    (_, "run_name") => Field::RunName,
                    (_, "run_id") => Field::RunId,
                    (_, "status") => Field::Status,
                    (_, "user_id") => Field::User,
                    (_, "artifact_uri") => Field::ArtifactUri,
                    (_, other) => {
                        return Err(format!("the attribute '{other}' cannot be searched here"));
                    }
                };
                let test = match (comparator.as_str(), &c.value) {
                    ("IS NULL", _) => TextTest::IsNull,
                    ("IS NOT NULL", _) => TextTest::IsNotNull,
                    ("IN", Value::List(items)) => TextTest::In(items.clone()),
                    ("NOT IN", Value::List(items)) => TextTest::NotIn(items.clone()),
                    ("=", Value::Text(s)) => TextTest::Eq(s.clone()),
                    ("!=", Value::Text(s)) => TextTest::Ne(s.clone()),
                    ("LIKE", Value::Text(s)) => TextTest::Like(s.clone()),
                    ("ILIKE", Value::Text(s)) => TextTest::ILike(s.clone()),
                    (other, _) => return Err(cannot_compare(other)),
                };
                Ok(Self::Text { field, test })
            }
        }
    }

    /// Whether `run` satisfies the comparison.
    pub fn matches(&self, run: &Run) -> bool {
        match self {
            Self::Metric { key, op, value } => run.metric(key).is_some_and(|m| op.holds(m, *value)),
            Self::Time { end, op, value } => {
                let time = if *end { run.end_time } else { run.start_time };
                time.is_some_and(|t| op.holds(t.timestamp_millis() as f64, *value))
            }
            Self::Text { field, test } => {
                let text = match field {
                    Field::Param(k) => run.params.get(k).map(Name::as_str),
                    Field::Tag(k) => run.tags.get(k).map(Name::as_str),
                    Field::RunName => Some(run.name.as_str()),
                    Field::RunId => Some(run.id.as_str()),
                    Field::Status => Some(run.status.as_str()),
                    Field::User => Some(run.user.as_str()),
                    Field::ArtifactUri => Some(""),
                };
                match (test, text) {
                    (TextTest::IsNull, t) => t.is_none(),
                    (TextTest::IsNotNull, t) => t.is_some(),
                    // SQL: a comparison with a missing value is never true.
                    (_, None) => false,
                    (TextTest::Eq(s), Some(t)) => t == s,
                    (TextTest::Ne(s), Some(t)) => t != s,
                    (TextTest::Like(p), Some(t)) => like(t, p),
                    (TextTest::ILike(p), Some(t)) => ilike(t, p),
                    (TextTest::In(items), Some(t)) => items.iter().any(|i| i == t),
                    (TextTest::NotIn(items), Some(t)) => !items.iter().any(|i| i == t),
                }
            }
        }
    }
}

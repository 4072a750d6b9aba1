//! The sqlite store's `ORDER BY` over runs in memory: per key, present values first in
//! either direction (for metrics: numbers, then NaN, then missing), then the value; then
//! newest start first unless a key sorted on it already, then the run id.

use std::cmp::Ordering;

use super::filter::Entity;
use super::order_parser::OrderKey;
use crate::domain::Run;

/// A sortable value: its class (present first) and what compares within the class.
#[derive(Debug, PartialEq, PartialOrd)]
enum Sortable<'a> {
    Number(f64),
    Text(&'a str),
    Time(i64),
}

fn value<'a>(run: &'a Run, key: &OrderKey) -> (u8, Option<Sortable<'a>>) {
    match key.entity {
        Entity::Metric => match run.metric(&key.key) {
            Some(v) if v.is_nan() => (1, None),
            Some(v) => (0, Some(Sortable::Number(v))),
            None => (2, None),
        },
        Entity::Param => present(run.params.get(&key.key).map(|s| Sortable::Text(s))),
        Entity::Tag => present(run.tags.get(&key.key).map(|s| Sortable::Text(s))),
        Entity::Attribute => present(match key.key.as_str() {
            "start_time" => run.start_time.map(|t| Sortable::Time(t.timestamp_millis())),
            "end_time" => run.end_time.map(|t| Sortable::Time(t.timestamp_millis())),
            "run_name" => Some(Sortable::Text(&run.name)),
            "run_id" => Some(Sortable::Text(run.id.as_str())),
            "status" => Some(Sortable::Text(run.status.as_str())),
            "user_id" => Some(Sortable::Text(&run.user)),
            _ => Some(Sortable::Text("")),
        }),
        // Refused by the order parser.
        Entity::Dataset => (1, None),
    }
}

fn present(v: Option<Sortable<'_>>) -> (u8, Option<Sortable<'_>>) {
    match v {
        Some(v) => (0, Some(v)),
        None => (1, None),
    }
}

/// The order of two runs under `keys`.
pub fn compare(keys: &[OrderKey], a: &Run, b: &Run) -> Ordering {
    for key in keys {
        let (class_a, va) = value(a, key);
        let (class_b, vb) = value(b, key);
        let by_value = va.partial_cmp(&vb).unwrap_or(Ordering::Equal);
        let ord = class_a.cmp(&class_b).then(if key.ascending {
            by_value
        } else {
            by_value.reverse()
        });
        if ord != Ordering::Equal {
            return ord;
        }
    }
    let sorted_on_start = keys
        .iter()
        .any(|k| k.entity == Entity::Attribute && k.key == "start_time");
    // sqlite sorts NULL lowest, so descending puts runs without a start last.
    let start = if sorted_on_start {
        Ordering::Equal
    } else {
        b.start_time.cmp(&a.start_time)
    };
    start.then_with(|| a.id.cmp(&b.id))
}

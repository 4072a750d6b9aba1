//! W&B's `JSONString` fields (`config`, `summaryMetrics`, `metadata`, history rows) hold JSON
//! text as Python writes it: NaN and infinities appear as the bare tokens `NaN`, `Infinity`
//! and `-Infinity`, which strict JSON parsers (`serde_json` included) reject. The SDK reads them
//! with Python's `json.loads`, which accepts them; so does this module, by quoting those
//! tokens before parsing and reading such strings back as numbers.

use serde_json::Value;

/// Parses JSON that may hold bare `NaN`/`Infinity`/`-Infinity` (read as the strings
/// `"NaN"`, `"Infinity"`, `"-Infinity"`; [`number`] turns them into floats).
pub use crate::store::python_json::parse as parse_lenient;

/// A `JSONString` field's value: the text parsed, or (should a server send the object
/// itself) the object as it is. `null` and empty text are an empty object.
pub fn json_string_field(v: Option<&Value>) -> Result<Value, serde_json::Error> {
    match v {
        None | Some(Value::Null) => Ok(Value::Object(serde_json::Map::new())),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Value::Object(serde_json::Map::new())),
        Some(Value::String(s)) => parse_lenient(s),
        Some(other) => Ok(other.clone()),
    }
}

/// A metric value: a JSON number, or one of the non-finite spellings W&B and Python use.
/// `None` for anything else (booleans, text, media objects).
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" | "nan" => Some(f64::NAN),
            "Infinity" | "inf" | "+Infinity" => Some(f64::INFINITY),
            "-Infinity" | "-inf" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn bare_non_finite_tokens_become_numbers() {
        let v =
            parse_lenient(r#"{"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, NaN]}"#).unwrap();
        assert!(number(&v["a"]).unwrap().is_nan());
        assert_eq!(number(&v["b"]), Some(f64::INFINITY));
        assert_eq!(number(&v["c"]), Some(f64::NEG_INFINITY));
        assert!(number(&v["d"][1]).unwrap().is_nan());
    }

    #[test]
    fn strings_that_spell_the_tokens_stay_strings() {
        let v = parse_lenient(r#"{"note": "NaN is \"Infinity\"", "x": NaN}"#).unwrap();
        assert_eq!(v["note"], json!("NaN is \"Infinity\""));
    }

    #[test]
    fn broken_json_is_still_an_error() {
        assert!(parse_lenient("{\"a\": }").is_err());
        assert!(parse_lenient("{\"a\": NaN").is_err());
    }

    #[test]
    fn json_string_fields_accept_text_objects_and_nothing() {
        assert_eq!(
            json_string_field(Some(&json!("{\"lr\": 1}"))).unwrap(),
            json!({"lr": 1})
        );
        assert_eq!(
            json_string_field(Some(&json!({"lr": 1}))).unwrap(),
            json!({"lr": 1})
        );
        assert_eq!(json_string_field(None).unwrap(), json!({}));
        assert_eq!(json_string_field(Some(&json!(""))).unwrap(), json!({}));
    }

    #[test]
    fn numbers_and_what_is_not_one() {
        assert_eq!(number(&json!(0.5)), Some(0.5));
        assert_eq!(number(&json!(3)), Some(3.0));
        assert_eq!(number(&json!(true)), None);
        assert_eq!(number(&json!("0.5")), None);
        assert_eq!(number(&json!({"_type": "histogram"})), None);
    }
}

//! JSON as Python writes it: `json.dump` spells non-finite floats as bare `NaN`, `Infinity`
//! and `-Infinity`, which JSON does not allow and serde rejects. DVC passes such values
//! through from a metrics file to `dvc exp show --json`, and W&B's `JSONString` fields
//! (`config`, `summaryMetrics`, history rows) hold them too.

/// Parses JSON that may hold Python's non-finite literals; each becomes the string
/// `"NaN"`, `"Infinity"` or `"-Infinity"` (which the metric reader takes as the number).
pub fn parse(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(e) => match quote_non_finite(text) {
            Some(fixed) => serde_json::from_str(&fixed),
            None => Err(e),
        },
    }
}

/// The text with bare non-finite literals quoted, or `None` when it has none. Outside
/// strings, valid JSON holds letters only in `true`, `false` and `null`, so any `NaN` or
/// `Infinity` found there is Python's literal.
fn quote_non_finite(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else {
            let literal = ["-Infinity", "Infinity", "NaN"]
                .into_iter()
                .find(|lit| rest.starts_with(lit));
            if let Some(lit) = literal {
                out.push('"');
                out.push_str(lit);
                out.push('"');
                rest = &rest[lit.len()..];
                changed = true;
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn python_literals_become_strings_outside_strings_only() {
        let v = parse(r#"{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN \" Infinity", "d": 1}"#)
            .unwrap();
        assert_eq!(
            v,
            json!({"a": "NaN", "b": ["Infinity", "-Infinity"], "c": "NaN \" Infinity", "d": 1})
        );
    }

    #[test]
    fn plain_json_and_real_errors_pass_through() {
        assert_eq!(parse("[1, 2.5]").unwrap(), json!([1, 2.5]));
        assert!(parse("{\"a\": ").is_err());
        assert!(parse("{\"a\": NaN").is_err());
    }
}

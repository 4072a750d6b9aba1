//! The checks MLflow makes before a write (`mlflow/utils/validation.py` and the handlers'
//! required fields), with its messages, so a refused write reads the same over both backends.

use std::fmt::Write as _;

use crate::store::BackendError;

const MAX_KEY: usize = 250;
const MAX_RUN_TAG_VALUE: usize = 8000;
const MAX_VERSION_TAG_VALUE: usize = 100_000;
const MAX_ALIAS: usize = 255;

fn invalid(message: String) -> BackendError {
    BackendError::InvalidRequest(message)
}

/// A handler's `_assert_required` on a string field.
pub fn required(field: &str, value: &str) -> Result<(), BackendError> {
    if value.is_empty() {
        Err(invalid(format!(
            "Missing value for required parameter '{field}'. See the API docs for more \
             information about request parameters."
        )))
    } else {
        Ok(())
    }
}

/// `_validate_model_name`.
pub fn model_name(name: &str) -> Result<(), BackendError> {
    if name.trim().is_empty() {
        return Err(invalid(
            "Missing value for required parameter 'name'.".to_owned(),
        ));
    }
    if name.contains(['/', ':']) {
        return Err(invalid(format!(
            "Invalid model name '{name}'. Names cannot contain '/' or ':'."
        )));
    }
    if path_not_unique(name) {
        return Err(invalid(invalid_value(
            "name",
            name,
            &bad_path_message(name),
        )));
    }
    Ok(())
}

/// `_validate_model_version`: Python's `int()`.
pub fn version(v: &str) -> Result<i64, BackendError> {
    let t = v.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    let well_formed = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
    well_formed
        .then(|| t.replace('_', "").parse::<i64>().ok())
        .flatten()
        .ok_or_else(|| {
            invalid(format!(
                "Parameter 'version' must be an integer, got '{v}'."
            ))
        })
}

/// `_validate_model_alias_name`.
pub fn alias_name(alias: &str) -> Result<(), BackendError> {
    if alias.is_empty() {
        return Err(invalid(
            "Registered model alias name cannot be empty.".to_owned(),
        ));
    }
    if !alias
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return Err(invalid(format!(
            "Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores \
             (_), and dashes (-)."
        )));
    }
    if alias.chars().count() > MAX_ALIAS {
        return Err(invalid(format!(
            "'Registered model alias name' exceeds the maximum length of {MAX_ALIAS} characters"
        )));
    }
    Ok(())
}

/// `_validate_model_alias_name_reserved`.
pub fn alias_not_reserved(alias: &str) -> Result<(), BackendError> {
    if alias.to_lowercase() == "latest" {
        return Err(invalid(
            "'latest' alias name (case insensitive) is reserved.".to_owned(),
        ));
    }
    let mut chars = alias.chars();
    if matches!(chars.next(), Some('v' | 'V'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
    {
        return Err(invalid(format!(
            "Version alias name '{alias}' is reserved."
        )));
    }
    Ok(())
}

/// `_validate_tag_name`.
pub fn tag_name(key: &str) -> Result<(), BackendError> {
    let ok = key
        .chars()
        .all(|c| c.is_alphanumeric() || "_/.- :".contains(c));
    if !ok {
        return Err(invalid(invalid_value(
            "key",
            key,
            "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), \
             spaces ( ), colon(:) and slashes (/).",
        )));
    }
    if path_not_unique(key) {
        return Err(invalid(invalid_value("key", key, &bad_path_message(key))));
    }
    Ok(())
}

/// `_validate_tag` for a run tag: the value is cut to 8000 characters, as MLflow does by
/// default (`MLFLOW_TRUNCATE_LONG_VALUES`).
pub fn run_tag(key: &str, value: &str) -> Result<String, BackendError> {
    tag_name(key)?;
    key_length(key)?;
    Ok(value.chars().take(MAX_RUN_TAG_VALUE).collect())
}

/// `_validate_model_version_tag`.
pub fn version_tag(key: &str, value: &str) -> Result<(), BackendError> {
    tag_name(key)?;
    key_length(key)?;
    if value.chars().count() > MAX_VERSION_TAG_VALUE {
        return Err(invalid(format!(
            "'value' exceeds the maximum length of {MAX_VERSION_TAG_VALUE} characters"
        )));
    }
    Ok(())
}

fn key_length(key: &str) -> Result<(), BackendError> {
    if key.chars().count() > MAX_KEY {
        return Err(invalid(format!(
            "'key' exceeds the maximum length of {MAX_KEY} characters"
        )));
    }
    Ok(())
}

/// `invalid_value`: the value as `json.dumps` writes it.
fn invalid_value(path: &str, value: &str, message: &str) -> String {
    format!(
        "Invalid value {} for parameter '{path}' supplied: {message}",
        json_dumps(value)
    )
}

fn bad_path_message(name: &str) -> String {
    format!(
        "Names may be treated as files in certain cases, and must not resolve to other names \
         when treated as such. This name would resolve to {}",
        crate::store::query::filter::repr(&normpath(name))
    )
}

fn path_not_unique(name: &str) -> bool {
    let norm = normpath(name);
    norm != name || norm == "." || norm.starts_with("..") || norm.starts_with('/')
}

/// Python's `posixpath.normpath`.
fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let initial = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else {
        usize::from(path.starts_with('/'))
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else {
            comps.pop();
        }
    }
    let joined = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    }
}

/// Python's `json.dumps(str)` (ASCII only, `\uXXXX` escapes).
fn json_dumps(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions() {
        assert!(model_name("fraud-classifier").is_ok());
        assert_eq!(
            model_name("a/b"),
            Err(invalid(
                "Invalid model name 'a/b'. Names cannot contain '/' or ':'.".into()
            ))
        );
        assert_eq!(version(" 3 "), Ok(3));
        assert_eq!(
            version("v3"),
            Err(invalid(
                "Parameter 'version' must be an integer, got 'v3'.".into()
            ))
        );
        assert!(alias_name("champion").is_ok());
        assert!(alias_name("bad alias").is_err());
        assert!(alias_not_reserved("Latest").is_err());
        assert!(alias_not_reserved("v3").is_err());
        assert!(alias_not_reserved("v3a").is_ok());
    }

    #[test]
    fn tag_keys() {
        assert!(tag_name("mlflow.note.content").is_ok());
        assert_eq!(
            tag_name("a*b"),
            Err(invalid(
                "Invalid value \"a*b\" for parameter 'key' supplied: Names may only contain \
                 alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) \
                 and slashes (/)."
                    .into()
            ))
        );
        assert!(tag_name("../x").is_err());
        assert_eq!(normpath("a//b/./c/.."), "a/b");
        assert_eq!(json_dumps("é\""), "\"\\u00e9\\\"\"");
    }
}

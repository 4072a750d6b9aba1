//! YAML (params files, `dvc.yaml`) as JSON values, so both readers flatten one kind of
//! value. YAML 1.2's core schema, as DVC's `ruamel.yaml` reads it: `1e-3` is a number,
//! `.inf` and `.nan` are non-finite (kept as the strings `inf`/`nan`, which JSON can hold).

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// The first document of `text` (an empty file is `null`).
pub fn parse(text: &str) -> Result<Value, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    Ok(docs.into_iter().next().map_or(Value::Null, to_json))
}

fn to_json(y: Yaml) -> Value {
    match y {
        Yaml::Real(text) => match Yaml::Real(text.clone()).as_f64() {
            Some(f) if f.is_finite() => {
                Number::from_f64(f).map_or(Value::String(text), Value::Number)
            }
            Some(f) if f.is_nan() => Value::String("nan".into()),
            Some(f) if f > 0.0 => Value::String("inf".into()),
            Some(_) => Value::String("-inf".into()),
            None => Value::String(text),
        },
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (k, v) in hash {
                map.insert(key_text(k), to_json(v));
            }
            Value::Object(map)
        }
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// A mapping key as text (`1: x` has the key `1`).
fn key_text(k: Yaml) -> String {
    match k {
        Yaml::String(s) | Yaml::Real(s) => s,
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        other => match to_json(other) {
            Value::String(s) => s,
            v => v.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_params_as_dvc_does() {
        let v = parse(
            "train:\n  lr: 1e-3\n  epochs: 20\n  name: ß-run\n  on: true\n  ratio: .inf\n\
             layers: [64, 32]\n1: one\nempty:\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"train": {"lr": 0.001, "epochs": 20, "name": "ß-run", "on": true,
                              "ratio": "inf"},
                   "layers": [64, 32], "1": "one", "empty": null})
        );
    }

    #[test]
    fn empty_files_are_null_and_bad_yaml_is_an_error() {
        assert_eq!(parse("").unwrap(), Value::Null);
        assert!(parse("a: [1, 2").is_err());
    }
}

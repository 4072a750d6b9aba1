//! Metric values: formatting for people and for JSON, where non-finite numbers have no
//! representation and travel as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.

use serde::Serializer;

/// A metric value in a JSON document: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JsonNumber(pub f64);

impl serde::Serialize for JsonNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_value(&self.0, s)
    }
}

impl schemars::JsonSchema for JsonNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MetricValue".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number; JSON has none for the non-finite values, which are the \
                strings NaN, Infinity and -Infinity.",
            "oneOf": [
                { "type": "number" },
                { "enum": ["NaN", "Infinity", "-Infinity"] }
            ]
        })
    }
}

/// The JSON text for a value that may be non-finite.
pub fn json_value(v: f64) -> serde_json::Value {
    match non_finite_name(v) {
        Some(name) => serde_json::Value::String(name.to_owned()),
        None => serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into),
    }
}

/// `"NaN"`, `"Infinity"` or `"-Infinity"`; `None` for a finite value.
pub fn non_finite_name(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v == f64::INFINITY {
        Some("Infinity")
    } else if v == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

/// serde helper: `#[serde(serialize_with = "serialize_value")]`.
pub fn serialize_value<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match non_finite_name(*v) {
        Some(name) => s.serialize_str(name),
        None => s.serialize_f64(*v),
    }
}

/// serde helper for `Option<f64>`: `None` becomes `null`.
pub fn serialize_opt_value<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_value(v, s),
        None => s.serialize_none(),
    }
}

/// A compact human form: four significant digits, scientific outside 1e-3..1e6.
pub fn format_value(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "-∞" }.to_owned();
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let abs = v.abs();
    if !(1e-3..1e6).contains(&abs) {
        return format!("{v:.3e}");
    }
    if abs.fract() == 0.0 {
        return format!("{v:.0}");
    }
    let int_digits = if abs >= 1.0 {
        abs.log10().floor() as i32 + 1
    } else {
        0
    };
    let decimals = (4 - int_digits).clamp(0, 6) as usize;
    let decimals = if abs < 1.0 {
        // Keep four significant digits for small values: 0.001234 → 0.001234.
        let leading_zeros = (-abs.log10().floor() as i32 - 1).max(0) as usize;
        (4 + leading_zeros).min(7)
    } else {
        decimals
    };
    trim_zeros(&format!("{v:.decimals$}"))
}

/// A signed change: `+0.0123`, `-3.1`.
pub fn format_delta(v: f64) -> String {
    if v.is_finite() && v > 0.0 {
        format!("+{}", format_value(v))
    } else {
        format_value(v)
    }
}

/// A signed percentage with one decimal (two under 1 %): `+1.2%`, `-0.05%`.
pub fn format_pct(p: f64) -> String {
    if !p.is_finite() {
        return format_value(p);
    }
    let body = if p.abs() < 1.0 && p != 0.0 {
        format!("{p:+.2}")
    } else if p.abs() >= 1e6 {
        // From a baseline near zero: a 300-digit cell says nothing a mantissa does not.
        let v = format_value(p);
        if p > 0.0 { format!("+{v}") } else { v }
    } else if p.abs() >= 1000.0 {
        format!("{p:+.0}")
    } else {
        format!("{p:+.1}")
    };
    format!("{body}%")
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(0.931_234_5, "0.9312")]
    #[case(12.345_67, "12.35")]
    #[case(1234.5678, "1235")]
    #[case(0.001_234_5, "0.001234")]
    #[case(0.000_12, "1.200e-4")]
    #[case(2.0, "2")]
    #[case(-0.5, "-0.5")]
    #[case(1.5e7, "1.500e7")]
    #[case(0.0, "0")]
    #[case(f64::NAN, "NaN")]
    #[case(f64::INFINITY, "∞")]
    #[case(f64::NEG_INFINITY, "-∞")]
    fn formats_values(#[case] v: f64, #[case] want: &str) {
        assert_eq!(format_value(v), want);
    }

    #[rstest]
    #[case(1.234, "+1.2%")]
    #[case(-0.051, "-0.05%")]
    #[case(0.0, "+0.0%")]
    #[case(-25.0, "-25.0%")]
    #[case(12_345.0, "+12345%")]
    #[case(5e301, "+5.000e301%")]
    #[case(-2.5e7, "-2.500e7%")]
    fn formats_percentages(#[case] p: f64, #[case] want: &str) {
        assert_eq!(format_pct(p), want);
    }

    #[test]
    fn json_values_name_non_finite_numbers() {
        assert_eq!(json_value(f64::NAN), serde_json::json!("NaN"));
        assert_eq!(json_value(f64::INFINITY), serde_json::json!("Infinity"));
        assert_eq!(
            json_value(f64::NEG_INFINITY),
            serde_json::json!("-Infinity")
        );
        assert_eq!(json_value(0.5), serde_json::json!(0.5));
        assert_eq!(format_delta(0.25), "+0.25");
        assert_eq!(format_delta(-0.25), "-0.25");
    }
}

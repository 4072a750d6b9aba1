//! MLflow's metric `value` field: a JSON number, or the string `"NaN"` (and, from other
//! stores, `"Infinity"`/`"-Infinity"` or a numeric string). SQL stores clamp infinities to
//! ±`f64::MAX`, which is read back as ±infinity.

use serde::de::{self, Deserializer, Visitor};

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_any(ValueVisitor).map(unclamp)
}

/// Reads ±`f64::MAX` (what MLflow's SQL stores write for ±infinity) as ±infinity.
pub fn unclamp(v: f64) -> f64 {
    if v == f64::MAX {
        f64::INFINITY
    } else if v == f64::MIN {
        f64::NEG_INFINITY
    } else {
        v
    }
}

struct ValueVisitor;

impl Visitor<'_> for ValueVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v.trim() {
            "NaN" | "nan" => Ok(f64::NAN),
            "Infinity" | "inf" | "+Infinity" => Ok(f64::INFINITY),
            "-Infinity" | "-inf" => Ok(f64::NEG_INFINITY),
            other => other
                .parse()
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
        // proto3 omits zero values; an explicit null is read the same way.
        Ok(0.0)
    }
}

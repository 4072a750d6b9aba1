//! Page tokens, written as MLflow writes them (base64 of `{"offset": N}`), so that a page
//! token means the same over both backends and pages compare equal whole. The sqlite store
//! adds the sort key of the page's last row (`{"offset": N, "after": [...]}`), so that its next
//! page starts after that row rather than counting `N` rows again; MLflow reads only the offset
//! of such a token, and a token without `after` still pages by offset.

use crate::store::BackendError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The token for the page that starts at `offset`.
pub fn encode(offset: u64) -> String {
    // Python's json.dumps({"offset": n}) spelling, byte for byte.
    base64(format!("{{\"offset\": {offset}}}").as_bytes())
}

/// The token for the page that starts at `offset`, after the row whose sort key is `after`
/// in the order `order` names (see [`order_mark`]).
pub fn encode_after(offset: u64, after: &[serde_json::Value], order: &str) -> String {
    let key = serde_json::Value::Array(after.to_vec());
    let order = serde_json::Value::String(order.to_owned());
    base64(format!("{{\"offset\": {offset}, \"after\": {key}, \"order\": {order}}}").as_bytes())
}

/// The sort key a token names (`after`), for a token [`decode`] accepts and written for the
/// same order (`order`, see [`order_mark`]); `None` for a token that names only an offset
/// (MLflow's) or one from another order, whose key would mean other columns.
pub fn after(token: Option<&str>, order: &str) -> Option<Vec<serde_json::Value>> {
    let bytes = unbase64(token?)?;
    let mut parsed: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    if parsed.get("order").and_then(serde_json::Value::as_str) != Some(order) {
        return None;
    }
    match parsed.get_mut("after")?.take() {
        serde_json::Value::Array(key) => Some(key),
        _ => None,
    }
}

/// A short mark of an `order_by` list, kept in keyset tokens: FNV-1a of its clauses.
pub fn order_mark(order_by: &[String]) -> String {
    let h = crate::domain::fingerprint::fnv1a(
        order_by.iter().flat_map(|clause| clause.bytes().chain([0])),
    );
    format!("{h:016x}")
}

/// The offset a token names (0 without one), with MLflow's messages for bad tokens.
pub fn decode(token: Option<&str>) -> Result<u64, BackendError> {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(0);
    };
    let invalid = |m: String| BackendError::InvalidRequest(m);
    let bytes = unbase64(token)
        .ok_or_else(|| invalid("Invalid page token, could not base64-decode".to_owned()))?;
    let parsed: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| {
        invalid(format!(
            "Invalid page token, decoded value={}",
            String::from_utf8_lossy(&bytes)
        ))
    })?;
    let offset = parsed.get("offset").filter(|v| match v {
        serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
        serde_json::Value::String(s) => !s.is_empty(),
        serde_json::Value::Null | serde_json::Value::Bool(false) => false,
        _ => true,
    });
    let Some(offset) = offset else {
        return Err(invalid(format!(
            "Invalid page token, parsed value={parsed}"
        )));
    };
    let n = match offset {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match n {
        // MLflow accepts negative offsets and sqlite reads them as no offset.
        Some(n) => Ok(u64::try_from(n).unwrap_or(0)),
        None => Err(invalid(format!(
            "Invalid page token, not stringable {offset}"
        ))),
    }
}

fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    (bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_mlflows() {
        // The token an mlflow server answered for the second page of 2 experiments.
        assert_eq!(encode(2), "eyJvZmZzZXQiOiAyfQ==");
        assert_eq!(decode(Some("eyJvZmZzZXQiOiAyfQ==")), Ok(2));
        assert_eq!(decode(Some(&encode(1000))), Ok(1000));
        assert_eq!(decode(None), Ok(0));
        assert_eq!(decode(Some("")), Ok(0));
        assert_eq!(after(Some(&encode(2)), &order_mark(&[])), None);
    }

    #[test]
    fn a_token_with_a_sort_key_names_its_offset_too() {
        let key = [
            serde_json::json!(0),
            serde_json::json!(1.5),
            serde_json::json!(null),
        ];
        let key = [key.as_slice(), &[serde_json::json!("a\"b")]].concat();
        let by_a = order_mark(&["params.a".to_owned()]);
        let by_b = order_mark(&["params.b".to_owned()]);
        assert_ne!(by_a, by_b);
        let t = encode_after(1000, &key, &by_a);
        assert_eq!(decode(Some(&t)), Ok(1000));
        assert_eq!(after(Some(&t), &by_a), Some(key));
        assert_eq!(
            after(Some(&t), &by_b),
            None,
            "another order's key is not used"
        );
        assert_eq!(after(None, &by_a), None);
    }

    #[test]
    fn bad_tokens_are_invalid_requests() {
        assert_eq!(
            decode(Some("not base64!")),
            Err(BackendError::InvalidRequest(
                "Invalid page token, could not base64-decode".into()
            ))
        );
        assert!(matches!(
            decode(Some(&base64(b"{\"offset\": 0}"))),
            Err(BackendError::InvalidRequest(m)) if m.starts_with("Invalid page token, parsed value=")
        ));
    }
}

//! Lenient decoding helpers for response fields the vendors document inconsistently.

use serde::Deserialize;
use serde::Deserializer;
use serde_json::Value;

/// Reads a scalar as text: strings as they are, numbers and booleans as their JSON text.
pub fn scalar_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or number, found {other}"
        ))),
    }
}

/// For `Option<String>` fields documented as a string that servers also send as a number
/// (WUYING's `Code`: `"200"` on one page, `200` on another). `null` and absence are `None`.
pub fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or number, found {other}"
        ))),
    }
}

/// For `Option<i64>` fields that servers may also send as a numeric string.
pub fn integer_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a 64-bit integer"))),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not an integer"))),
        other => Err(serde::de::Error::custom(format!(
            "expected an integer, found {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "string_or_number")]
        code: Option<String>,
        #[serde(default, deserialize_with = "integer_or_string")]
        n: Option<i64>,
    }

    #[test]
    fn accepts_both_forms() {
        let a: Body = serde_json::from_str(r#"{"code": "200", "n": "7"}"#).unwrap();
        let b: Body = serde_json::from_str(r#"{"code": 200, "n": 7}"#).unwrap();
        assert_eq!(a.code.as_deref(), Some("200"));
        assert_eq!(b.code.as_deref(), Some("200"));
        assert_eq!((a.n, b.n), (Some(7), Some(7)));
        let c: Body = serde_json::from_str(r#"{"code": null}"#).unwrap();
        assert_eq!((c.code, c.n), (None, None));
        assert!(serde_json::from_str::<Body>(r#"{"code": [1]}"#).is_err());
        assert!(serde_json::from_str::<Body>(r#"{"n": "x"}"#).is_err());
    }
}

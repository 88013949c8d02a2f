//! Decoding response bodies into the generated types.
//!
//! A response body is parsed once into a `serde_json::Value` (the error check and the envelope
//! need it anyway); the generated types then take their fields out of it through [`FromJson`],
//! which `#[derive(FromWire)]` implements with one [`Object::field`] call per field. No
//! per-type serde visitor is generated: every consumer compiles that code, and it was the
//! largest part of the generated crate's build.
//!
//! Decoding is as strict as serde's derives were: a string field takes a JSON string, an
//! integer field an integer that fits `i64`, a number field any number, a boolean field a
//! boolean; absent and `null` fields are `None`; unknown members are ignored. Fields the
//! vendors document inconsistently are marked `#[cloudspec(lenient)]` and take both forms
//! ([`Lenient`]). An error names the path of the member that did not fit (`Data.Size`).

use std::collections::BTreeMap;
use std::fmt;

pub use serde_json::Value;
use serde_json::{Map, Number};

/// Why a JSON value does not fit a generated type, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Member names and array indexes from the outermost value in, e.g. `["Data", "Tags", "2"]`.
    path: Vec<String>,
    /// What did not fit.
    reason: String,
}

impl DecodeError {
    /// An error at the value being decoded.
    pub fn new(reason: impl Into<String>) -> Self {
        DecodeError {
            path: Vec::new(),
            reason: reason.into(),
        }
    }

    /// The same error one level further out, inside member or index `segment`.
    pub fn at(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }

    /// The path of the member that did not fit, dot-separated (empty for the whole value).
    pub fn path(&self) -> String {
        self.path.join(".")
    }

    /// What did not fit.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "`{}`: {}", self.path(), self.reason)
        }
    }
}

impl std::error::Error for DecodeError {}

/// A type decoded from a JSON value.
pub trait FromJson: Sized {
    /// Decodes `value`, or says where and why it does not fit.
    fn from_json(value: Value) -> Result<Self, DecodeError>;
}

/// Decodes a JSON text into `T` (what `serde_json::from_str` is for serde types).
pub fn from_str<T: FromJson>(text: &str) -> Result<T, DecodeError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| DecodeError::new(format!("not JSON: {e}")))?;
    T::from_json(value)
}

/// A short description of a JSON value for error messages: its type and, for scalars, the
/// value (strings cut to 64 characters).
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) if s.chars().count() > 64 => {
            format!("string {:?}…", s.chars().take(64).collect::<String>())
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn mismatch(expected: &str, value: &Value) -> DecodeError {
    DecodeError::new(format!("expected {expected}, found {}", found(value)))
}

impl FromJson for String {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::String(s) => Ok(s),
            other => Err(mismatch("a string", &other)),
        }
    }
}

fn integer(n: &Number) -> Result<i64, DecodeError> {
    n.as_i64()
        .ok_or_else(|| DecodeError::new(format!("expected a 64-bit integer, found number `{n}`")))
}

impl FromJson for i64 {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match &value {
            Value::Number(n) => integer(n),
            other => Err(mismatch("an integer", other)),
        }
    }
}

impl FromJson for f64 {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match &value {
            Value::Number(n) => n
                .as_f64()
                .ok_or_else(|| DecodeError::new(format!("`{n}` is not a finite number"))),
            other => Err(mismatch("a number", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Bool(b) => Ok(b),
            other => Err(mismatch("a boolean", &other)),
        }
    }
}

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        Ok(value)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

/// A field of a type that contains itself is boxed.
impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        T::from_json(value).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item).map_err(|e| e.at(i.to_string())))
                .collect(),
            other => Err(mismatch("an array", &other)),
        }
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object(members) => members
                .into_iter()
                .map(|(k, v)| match T::from_json(v) {
                    Ok(v) => Ok((k, v)),
                    Err(e) => Err(e.at(k)),
                })
                .collect(),
            other => Err(mismatch("an object", &other)),
        }
    }
}

/// A field type that servers send either as a string or as a number (WUYING's `Code`: `"200"`
/// on one page, `200` on another).
pub trait Lenient: Sized {
    /// Decodes either form; `null` is handled by the caller.
    fn from_lenient(value: Value) -> Result<Self, DecodeError>;
}

impl Lenient for String {
    /// A string as it is; a number or boolean as its JSON text.
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(mismatch("a string or number", &other)),
        }
    }
}

impl Lenient for i64 {
    /// An integer, or a string holding one (surrounding whitespace ignored).
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        match &value {
            Value::Number(n) => integer(n),
            Value::String(s) => s
                .trim()
                .parse()
                .map_err(|_| DecodeError::new(format!("`{s}` is not an integer"))),
            other => Err(mismatch("an integer", other)),
        }
    }
}

impl Lenient for f64 {
    /// A number, or a string holding one (surrounding whitespace ignored).
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        match &value {
            Value::Number(n) => n
                .as_f64()
                .ok_or_else(|| DecodeError::new(format!("{n} is not a finite number"))),
            Value::String(s) => match s.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(n),
                _ => Err(DecodeError::new(format!("`{s}` is not a number"))),
            },
            other => Err(mismatch("a number", other)),
        }
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    /// An array whose elements each take either form (a `null` element is refused, as a
    /// strict array refuses it).
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Null => Err(DecodeError::new("null in an array").at(i.to_string())),
                    item => T::from_lenient(item).map_err(|e| e.at(i.to_string())),
                })
                .collect(),
            other => Err(mismatch("an array", &other)),
        }
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    /// An object whose values each take either form (a `null` value is refused, as the strict
    /// map refuses it).
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object(members) => members
                .into_iter()
                .map(|(k, v)| match T::from_lenient(v) {
                    Ok(v) => Ok((k, v)),
                    Err(e) => Err(e.at(k)),
                })
                .collect(),
            other => Err(mismatch("an object", &other)),
        }
    }
}

/// The members of a JSON object, taken out one field at a time by the derived decoders.
#[derive(Debug)]
pub struct Object(Map<String, Value>);

impl Object {
    /// The members of `value`, which must be an object.
    pub fn new(value: Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object(members) => Ok(Object(members)),
            other => Err(mismatch("an object", &other)),
        }
    }

    /// Takes member `name` out as a `T` (an absent member decodes as `null`).
    pub fn field<T: FromJson>(&mut self, name: &str) -> Result<T, DecodeError> {
        let value = self.0.swap_remove(name).unwrap_or(Value::Null);
        T::from_json(value).map_err(|e| e.at(name))
    }

    /// Takes member `name` out as an optional `T` that arrives as JSON text inside a string
    /// (`"[\"a\",\"b\"]"`); a member sent as the JSON value itself decodes too.
    pub fn json_text<T: FromJson>(&mut self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.0.swap_remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => {
                let value: Value = serde_json::from_str(&text).map_err(|e| {
                    DecodeError::new(format!(
                        "a string that is not the JSON text it should hold: {e}"
                    ))
                    .at(name)
                })?;
                T::from_json(value).map(Some).map_err(|e| e.at(name))
            }
            Some(value) => T::from_json(value).map(Some).map_err(|e| e.at(name)),
        }
    }

    /// Takes member `name` out as an optional [`Lenient`] `T`.
    pub fn lenient<T: Lenient>(&mut self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.0.swap_remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::from_lenient(value).map(Some).map_err(|e| e.at(name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Body {
        code: Option<String>,
        n: Option<i64>,
        items: Option<Vec<Item>>,
    }

    #[derive(Debug, PartialEq)]
    struct Item {
        size: Option<i64>,
        ok: Option<bool>,
    }

    impl FromJson for Body {
        fn from_json(value: Value) -> Result<Self, DecodeError> {
            let mut o = Object::new(value)?;
            Ok(Body {
                code: o.lenient("Code")?,
                n: o.lenient("N")?,
                items: o.field("Items")?,
            })
        }
    }

    impl FromJson for Item {
        fn from_json(value: Value) -> Result<Self, DecodeError> {
            let mut o = Object::new(value)?;
            Ok(Item {
                size: o.field("Size")?,
                ok: o.field("Ok")?,
            })
        }
    }

    fn decode(v: Value) -> Result<Body, DecodeError> {
        Body::from_json(v)
    }

    #[test]
    fn json_text_members() {
        let mut o = Object::new(json!({
            "A": "[\"x\", \"y\"]",
            "B": ["z"],
            "C": "not json",
            "D": null,
            "E": "{\"k\": 1}"
        }))
        .unwrap();
        assert_eq!(
            o.json_text::<Vec<String>>("A"),
            Ok(Some(vec!["x".into(), "y".into()]))
        );
        assert_eq!(o.json_text::<Vec<String>>("B"), Ok(Some(vec!["z".into()])));
        assert_eq!(o.json_text::<Vec<String>>("C").unwrap_err().path(), "C");
        assert_eq!(o.json_text::<Vec<String>>("D"), Ok(None));
        assert_eq!(o.json_text::<Vec<String>>("Missing"), Ok(None));
        let e = o.json_text::<BTreeMap<String, String>>("E").unwrap_err();
        assert_eq!(e.path(), "E.k");
    }

    #[test]
    fn lenient_numbers_and_arrays() {
        assert_eq!(f64::from_lenient(json!(" 2.5 ")), Ok(2.5));
        assert_eq!(f64::from_lenient(json!(3)), Ok(3.0));
        assert!(f64::from_lenient(json!("NaN")).is_err());
        assert!(f64::from_lenient(json!(true)).is_err());
        assert_eq!(
            Vec::<String>::from_lenient(json!(["a", 1, 2.5])),
            Ok(vec!["a".to_string(), "1".into(), "2.5".into()])
        );
        assert_eq!(Vec::<i64>::from_lenient(json!([1, "2"])), Ok(vec![1, 2]));
        let e = Vec::<i64>::from_lenient(json!([1, "x"])).unwrap_err();
        assert_eq!(e.path(), "1");
        assert_eq!(
            Vec::<i64>::from_lenient(json!([null])).unwrap_err().path(),
            "0"
        );
        assert!(Vec::<i64>::from_lenient(json!({"a": 1})).is_err());
        let m = BTreeMap::<String, String>::from_lenient(json!({"a": 1, "b": "x"})).unwrap();
        assert_eq!(m.get("a").map(String::as_str), Some("1"));
        let e = BTreeMap::<String, i64>::from_lenient(json!({"a": null})).unwrap_err();
        assert_eq!(e.path(), "a");
    }

    #[test]
    fn lenient_fields_accept_both_forms() {
        let a = decode(json!({"Code": "200", "N": "7"})).unwrap();
        let b = decode(json!({"Code": 200, "N": 7})).unwrap();
        assert_eq!(a.code.as_deref(), Some("200"));
        assert_eq!(b.code.as_deref(), Some("200"));
        assert_eq!((a.n, b.n), (Some(7), Some(7)));
        let c = decode(json!({"Code": null})).unwrap();
        assert_eq!((c.code, c.n, c.items), (None, None, None));
        assert!(decode(json!({"Code": [1]})).is_err());
        assert_eq!(
            decode(json!({"N": "x"})).unwrap_err().to_string(),
            "`N`: `x` is not an integer"
        );
    }

    #[test]
    fn strict_fields_say_where_and_why() {
        let e = decode(json!({"Items": [{"Size": 1}, {"Size": "big"}]})).unwrap_err();
        assert_eq!(e.path(), "Items.1.Size");
        assert_eq!(
            e.to_string(),
            "`Items.1.Size`: expected an integer, found string \"big\""
        );
        let e = decode(json!({"Items": [{"Size": 1.5}]})).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`Items.0.Size`: expected a 64-bit integer, found number `1.5`"
        );
        let e = decode(json!({"Items": [{"Ok": "true"}]})).unwrap_err();
        assert_eq!(e.reason(), "expected a boolean, found string \"true\"");
        assert!(decode(json!([1])).is_err());
        assert!(decode(json!({"Items": {}})).is_err());
    }

    #[test]
    fn unknown_members_are_ignored_and_absent_ones_are_none() {
        let b = decode(json!({"Other": {"x": 1}, "Items": [{}]})).unwrap();
        assert_eq!(
            b.items,
            Some(vec![Item {
                size: None,
                ok: None
            }])
        );
    }

    #[test]
    fn scalars_and_maps() {
        assert_eq!(f64::from_json(json!(1)).unwrap(), 1.0);
        assert!(i64::from_json(json!(u64::MAX)).is_err());
        assert!(String::from_json(json!(1)).is_err());
        let m: BTreeMap<String, i64> = FromJson::from_json(json!({"a": 1, "b": 2})).unwrap();
        assert_eq!(m.len(), 2);
        let e = BTreeMap::<String, i64>::from_json(json!({"a": "x"})).unwrap_err();
        assert_eq!(e.path(), "a");
        let long = "x".repeat(100);
        let e = i64::from_json(json!(long)).unwrap_err();
        assert!(e.reason().ends_with('…'), "{e}");
        assert_eq!(from_str::<Option<i64>>("null").unwrap(), None);
        assert!(
            from_str::<i64>("{")
                .unwrap_err()
                .reason()
                .starts_with("not JSON")
        );
    }
}

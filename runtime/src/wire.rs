//! Request parameters to the wire, driven by each parameter's
//! [`ParamSpec`](crate::schema::ParamSpec) `location` and
//! `style`, as the vendors' official SDKs lay them out (`shared/reference/wire.md`).
//!
//! * **Query / form, flat style** (Alibaba): arrays become `Name.1`, `Name.2`, … (1-based),
//!   objects `Name.Key`, recursively (`Tag.1.Key`, `TagList.2.Value`). `null` and absent
//!   fields are skipped; empty strings are kept (`Tag.2.Value=`). Scalars are written as text:
//!   strings verbatim, integers in decimal, booleans as lower-case `true` / `false`.
//!   *Booleans differ between the vendors' own SDKs:* the Python SDK sends `str(True)` =
//!   `True`, the Go SDK `fmt.Sprintf("%v")` = `true`; this client sends `true`, like Go and like
//!   every JSON body.
//! * **Query / form, JSON style**: the value as compact JSON text in one parameter.
//! * **JSON body** (Tencent): the parameters in spec order (the SDK's model attribute order),
//!   `null` members dropped at every depth, written with [`python_json`] so the bytes equal
//!   the Python SDK's `json.dumps` (and so does the signed payload hash).
//! * **Header**: the scalar text as a header value.
//!
//! Query parameters are ordered as the SDK's generated code inserts them (alphabetically by
//! top-level wire name, arrays in index order); form parameters are sorted by flattened key (the
//! SDK's `Form.to_form_string` sorts). The signatures sort on their own.

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::schema::{Location, OperationSpec, Style};
use crate::tree::{self, Members, Node, from_map, from_value, try_to_node};

/// The serialized parameters of one request, by location.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WireParams {
    /// URL query parameters, in wire order, unencoded.
    pub query: Vec<(String, String)>,
    /// Form body parameters, sorted by key, unencoded.
    pub form: Vec<(String, String)>,
    /// Whether the operation has form parameters at all (the Alibaba SDK then sends the
    /// form content type even when the body is empty).
    pub has_form: bool,
    /// JSON body members, in spec order.
    pub json: Map<String, Value>,
    /// Header parameters.
    pub headers: Vec<(String, String)>,
    /// Path parameters (ROA's `{ClusterId}`), unencoded, in parameter order.
    pub path: Vec<(String, String)>,
    /// Whether the operation has JSON body parameters at all (the Alibaba SDK then sends a
    /// JSON body, `{}` when none is set).
    pub has_json: bool,
}

/// How a protocol writes JSON body text, byte for byte as its official SDK does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFormat {
    /// Python's `json.dumps(value)` defaults (the Tencent SDK): see [`python_json`].
    Python,
    /// `json.dumps(value, ensure_ascii=False, separators=(',', ':'))` (the Alibaba SDK): see
    /// [`compact_json_object`].
    Compact,
}

/// The request could not be turned into wire parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub String);

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot serialize the request: {}", self.0)
    }
}

impl std::error::Error for WireError {}

/// Serializes a request to JSON members (its serde names are the wire names).
pub fn to_members<T: Serialize>(request: &T) -> Result<Map<String, Value>, WireError> {
    match serde_json::to_value(request).map_err(|e| WireError(e.to_string()))? {
        Value::Object(map) => Ok(map),
        other => Err(WireError(format!("expected a struct, got {other}"))),
    }
}

/// The request as [`Node`] members, for the client's hot path: [`to_members`] without building a
/// `serde_json::Map` (see [`crate::tree`]). A request must serialize as a struct or map.
pub(crate) fn to_node_members<T: Serialize>(
    request: &T,
) -> Result<Vec<(Cow<'static, str>, Node)>, WireError> {
    match try_to_node(request) {
        Ok(Node::Object(members)) => Ok(members),
        Ok(other) => Err(WireError(format!(
            "expected a struct, got {}",
            other.to_value_without_nulls()
        ))),
        Err(declined) => Err(WireError(declined.to_string())),
    }
}

/// [`fill_token`] on [`Node`] members.
pub(crate) fn fill_token_node(
    members: &mut Vec<(Cow<'static, str>, Node)>,
    name: &'static str,
    token: impl FnOnce() -> String,
) -> bool {
    let empty = match members.iter().find(|(k, _)| k == name).map(|(_, v)| v) {
        None | Some(Node::Null) => true,
        Some(Node::String(s)) => s.is_empty(),
        Some(_) => false,
    };
    if empty {
        tree::insert(members, Cow::Borrowed(name), Node::String(token()));
    }
    empty
}

/// Sets the idempotency-token member of `members` to `token()` when it is absent, null or
/// empty; returns whether it did.
pub fn fill_token(
    members: &mut Map<String, Value>,
    name: &str,
    token: impl FnOnce() -> String,
) -> bool {
    let empty = match members.get(name) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    };
    if empty {
        members.insert(name.to_string(), Value::String(token()));
    }
    empty
}

/// Lays out `members` (from [`to_members`]) by the operation's parameter specs.
pub fn serialize(
    members: &Map<String, Value>,
    op: &OperationSpec,
) -> Result<WireParams, WireError> {
    serialize_members(&from_map(members), op, JsonBody::Map).map(|(params, _)| params)
}

/// How [`serialize_members`] lays out the JSON body members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonBody {
    /// In [`WireParams::json`], as [`serialize`] does.
    Map,
    /// As the body text itself (what [`python_json_object`] writes from that map), leaving
    /// [`WireParams::json`] empty: the client's path, which needs only the text.
    Text,
}

/// [`serialize`] of [`Node`] members; with [`JsonBody::Text`], also the JSON body text.
pub(crate) fn serialize_members(
    members: &[(Cow<'static, str>, Node)],
    op: &OperationSpec,
    json: JsonBody,
) -> Result<(WireParams, Option<String>), WireError> {
    let mut out = WireParams::default();
    let mut body = (json == JsonBody::Text).then(|| String::from("{"));
    // Query pairs in parameter order, and each parameter's run of them, to be put in the
    // order of the top-level names below.
    let mut query: Vec<(String, String)> = Vec::new();
    let mut groups: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    let mut lookup = Members::new(members);
    let format = op.service.protocol.json_format();
    for param in op.params {
        match param.location {
            Location::Form => out.has_form = true,
            Location::Json => out.has_json = true,
            _ => {}
        }
        let value = lookup.get(param.name).filter(|v| !v.is_null());
        let Some(value) = value else {
            if param.location == Location::Path {
                // Even with validation off: the URL cannot be built without it.
                return Err(WireError(format!(
                    "path parameter `{}` has no value",
                    param.name
                )));
            }
            continue;
        };
        match param.location {
            Location::Query | Location::Form => {
                let pairs = if param.location == Location::Query {
                    &mut query
                } else {
                    &mut out.form
                };
                let start = pairs.len();
                match param.style {
                    Style::Flat => flatten_node(param.name, value, pairs),
                    Style::Json => pairs.push((param.name.to_string(), compact_json(value))),
                    Style::Comma => pairs.push((param.name.to_string(), comma_joined(value))),
                }
                if param.location == Location::Query {
                    groups.push((param.name, start..query.len()));
                }
            }
            Location::Json => match &mut body {
                Some(text) => {
                    if text.len() > 1 {
                        text.push_str(format.item_separator());
                    }
                    format.write_string(text, param.name);
                    text.push_str(format.key_separator());
                    format.write_node(text, value);
                }
                None => {
                    out.json
                        .insert(param.name.to_string(), value.to_value_without_nulls());
                }
            },
            Location::Path => {
                let Some(text) = node_text(value) else {
                    return Err(WireError(format!(
                        "path parameter `{}` is not a single value",
                        param.name
                    )));
                };
                out.path.push((param.name.to_string(), text));
            }
            Location::Header => {
                let text = node_text(value).unwrap_or_else(|| compact_json(value));
                if text.contains(['\r', '\n']) {
                    return Err(WireError(format!(
                        "header parameter `{}` contains a line break",
                        param.name
                    )));
                }
                out.headers.push((param.name.to_string(), text));
            }
        }
    }
    if groups.is_sorted_by(|a, b| a.0 <= b.0) {
        out.query = query;
    } else {
        // A stable sort of the groups by name, then their pairs moved out in that order.
        groups.sort_by(|a, b| a.0.cmp(b.0));
        let mut slots: Vec<Option<(String, String)>> = query.into_iter().map(Some).collect();
        out.query = Vec::with_capacity(slots.len());
        for (_, range) in groups {
            out.query
                .extend(slots[range].iter_mut().filter_map(Option::take));
        }
    }
    out.form.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(text) = &mut body {
        text.push('}');
    }
    Ok((out, body))
}

/// Flattens `value` under `prefix` the way the Alibaba SDK's `_object_handler` does.
pub fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    flatten_node(prefix, &from_value(value), out);
}

/// [`flatten`] of a [`Node`].
fn flatten_node(prefix: &str, value: &Node, out: &mut Vec<(String, String)>) {
    let mut key = String::with_capacity(prefix.len() + 16);
    key.push_str(prefix);
    flatten_into(&mut key, value, out);
}

/// [`flatten`] with the key built in one buffer: each level appends `.N` or `.Key` and
/// truncates it again, instead of formatting a new prefix string per level.
fn flatten_into(key: &mut String, value: &Node, out: &mut Vec<(String, String)>) {
    let len = key.len();
    match value {
        Node::Null => {}
        Node::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let _ = write!(key, ".{}", i + 1);
                flatten_into(key, item, out);
                key.truncate(len);
            }
        }
        Node::Object(members) => {
            for (name, member) in members {
                key.push('.');
                key.push_str(name);
                flatten_into(key, member, out);
                key.truncate(len);
            }
        }
        scalar => {
            if let Some(text) = node_text(scalar) {
                out.push((key.clone(), text));
            }
        }
    }
}

/// The texts of an array's scalar items joined with `,` (a scalar alone as its text; `null`
/// items left out); anything else as compact JSON.
fn comma_joined(value: &Node) -> String {
    match value {
        Node::Array(items) => items
            .iter()
            .filter_map(node_text)
            .collect::<Vec<_>>()
            .join(","),
        other => node_text(other).unwrap_or_else(|| compact_json(other)),
    }
}

/// [`scalar_text`] of a [`Node`].
fn node_text(value: &Node) -> Option<String> {
    match value {
        Node::String(s) => Some(s.clone()),
        Node::Number(n) => Some(n.to_string()),
        Node::Bool(b) => Some(b.to_string()),
        Node::Null | Node::Array(_) | Node::Object(_) => None,
    }
}

/// The wire text of a scalar: strings verbatim, numbers in decimal, booleans `true`/`false`.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn compact_json(value: &Node) -> String {
    serde_json::to_string(&value.to_value_without_nulls()).unwrap_or_default()
}

/// `value` without `null` object members, at every depth (array elements are kept).
pub fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// JSON text exactly as Python's `json.dumps(value)` writes it with its defaults, which is
/// what the Tencent SDK sends: `", "` and `": "` separators, `ensure_ascii` (every non-ASCII
/// character as `\uXXXX` with lower-case hex, astral characters as surrogate pairs), `/` not
/// escaped, and object members in their order.
pub fn python_json(value: &Value) -> String {
    let mut out = String::new();
    write_python_json(&mut out, value);
    out
}

/// JSON text of `Value::Object(members)` as the Alibaba SDK writes a JSON body
/// (`json.dumps(…, ensure_ascii=False, separators=(',', ':'))`): compact, non-ASCII characters
/// as they are, members in their order.
pub fn compact_json_object(members: &Map<String, Value>) -> String {
    let mut out = String::from("{");
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(name.as_str()).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
    out
}

impl JsonFormat {
    /// The JSON text of `Value::Object(members)` in this format (the body a protocol sends when
    /// it was not written from the request directly).
    pub fn object(self, members: &Map<String, Value>) -> String {
        match self {
            JsonFormat::Python => python_json_object(members),
            JsonFormat::Compact => compact_json_object(members),
        }
    }

    fn item_separator(self) -> &'static str {
        match self {
            JsonFormat::Python => ", ",
            JsonFormat::Compact => ",",
        }
    }

    fn key_separator(self) -> &'static str {
        match self {
            JsonFormat::Python => ": ",
            JsonFormat::Compact => ":",
        }
    }

    fn write_string(self, out: &mut String, s: &str) {
        match self {
            JsonFormat::Python => write_python_string(out, s),
            // serde_json escapes exactly what `ensure_ascii=False` escapes: `"`, `\\` and
            // the control characters.
            JsonFormat::Compact => out.push_str(&Value::from(s).to_string()),
        }
    }

    /// The value a [`Node`] stands for, `null` object members left out at every depth (what
    /// `python_json(&strip_nulls(..))` writes, for the Python format).
    fn write_node(self, out: &mut String, value: &Node) {
        match value {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Number(n) => out.push_str(&n.to_string()),
            Node::String(s) => self.write_string(out, s),
            Node::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(self.item_separator());
                    }
                    self.write_node(out, item);
                }
                out.push(']');
            }
            Node::Object(members) => {
                out.push('{');
                let mut first = true;
                for (key, member) in members.iter().filter(|(_, v)| !v.is_null()) {
                    if !first {
                        out.push_str(self.item_separator());
                    }
                    first = false;
                    self.write_string(out, key);
                    out.push_str(self.key_separator());
                    self.write_node(out, member);
                }
                out.push('}');
            }
        }
    }
}

/// [`python_json`] of `Value::Object(members)`, without building that value.
pub fn python_json_object(members: &Map<String, Value>) -> String {
    let mut out = String::new();
    write_python_object(&mut out, members);
    out
}

fn write_python_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_python_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python_json(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => write_python_object(out, members),
    }
}

fn write_python_object(out: &mut String, members: &Map<String, Value>) {
    out.push('{');
    for (i, (key, member)) in members.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_python_string(out, key);
        out.push_str(": ");
        write_python_json(out, member);
    }
    out.push('}');
}

fn write_python_string(out: &mut String, s: &str) {
    out.push('"');
    // Printable ASCII other than the quote and the backslash is copied in runs.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if (' '..='~').contains(&c) && c != '"' && c != '\\' {
            continue;
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(char::from(HEX[usize::from((*unit >> shift) & 0xf)]));
                    }
                }
            }
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// A random (version 4) UUID in the usual lower-case text form, for idempotency tokens
/// (`ClientToken`) and Tencent's `X-TC-TraceId`.
pub fn uuid_v4() -> String {
    let mut b = crate::clock::random_16();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, chunk) in [&b[0..4], &b[4..6], &b[6..8], &b[8..10], &b[10..16]]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push('-');
        }
        crate::sign::push_hex_lower(&mut out, chunk);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::{Kind, ParamSpec, ServiceSpec};

    static SERVICE: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "demo",
        version: "2020-01-01",
        signing_name: "demo",
        endpoint_rule: crate::schema::EndpointRule::Central,
        host: "demo.aliyuncs.com",
        region_map: &[],
        international_host: None,
        network_hosts: crate::schema::NetworkHosts::LabelSuffix,
    };

    const TAG: &[ParamSpec] = &[
        ParamSpec::new("Key", Kind::String),
        ParamSpec::new("Value", Kind::String),
    ];

    static OP: OperationSpec = OperationSpec {
        service: &SERVICE,
        name: "Demo",
        params: &[
            ParamSpec::new("RegionId", Kind::String),
            ParamSpec::new("Tag", Kind::Array(&ParamSpec::new("", Kind::Object(TAG)))),
            ParamSpec::new("ImageName", Kind::String),
            ParamSpec::new("Flag", Kind::Boolean).wire(Location::Form, Style::Flat),
            ParamSpec::new("Count", Kind::Integer).wire(Location::Form, Style::Flat),
            ParamSpec::new("Attrs", Kind::Array(&ParamSpec::new("", Kind::String)))
                .wire(Location::Query, Style::Json),
            ParamSpec::new("Body", Kind::Object(TAG)).wire(Location::Json, Style::Json),
            ParamSpec::new("X-Extra", Kind::String).wire(Location::Header, Style::Flat),
        ],
        rules: &[],
        envelope: None,
        idempotency_token: Some("ClientToken"),
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    fn members(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn flat_query_is_one_based_sorted_by_top_level_name_and_skips_nulls() {
        let m = members(json!({
            "RegionId": "cn-hangzhou",
            "Tag": [
                {"Key": "a", "Value": null},
                {"Key": "b", "Value": ""},
                {"Key": null, "Value": "c d"}
            ],
            "ImageName": "my image",
            "Flag": null,
        }));
        let w = serialize(&m, &OP).unwrap();
        assert_eq!(
            w.query,
            vec![
                ("ImageName".to_string(), "my image".to_string()),
                ("RegionId".into(), "cn-hangzhou".into()),
                ("Tag.1.Key".into(), "a".into()),
                ("Tag.2.Key".into(), "b".into()),
                ("Tag.2.Value".into(), "".into()),
                ("Tag.3.Value".into(), "c d".into()),
            ]
        );
        assert!(w.form.is_empty());
        assert!(w.has_form, "the operation declares form parameters");
        // On the wire a space is `+`; in the ACS3 canonical query it is `%20`.
        assert_eq!(
            crate::encode::encode_pairs_plus(&w.query),
            "ImageName=my+image&RegionId=cn-hangzhou&Tag.1.Key=a&Tag.2.Key=b&Tag.2.Value=&Tag.3.Value=c+d"
        );
        assert_eq!(
            crate::encode::canonical_query(&w.query),
            "ImageName=my%20image&RegionId=cn-hangzhou&Tag.1.Key=a&Tag.2.Key=b&Tag.2.Value=&Tag.3.Value=c%20d"
        );
    }

    #[test]
    fn ten_or_more_items_keep_index_order_on_the_wire() {
        let tags: Vec<Value> = (1..=11).map(|i| json!({"Key": format!("k{i}")})).collect();
        let w = serialize(&members(json!({ "Tag": tags })), &OP).unwrap();
        let keys: Vec<&str> = w.query.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys[0], "Tag.1.Key");
        assert_eq!(keys[1], "Tag.2.Key");
        assert_eq!(keys[10], "Tag.11.Key");
        // The canonical query sorts them as strings.
        assert!(
            crate::encode::canonical_query(&w.query)
                .starts_with("Tag.1.Key=k1&Tag.10.Key=k10&Tag.11.Key=k11&Tag.2.Key")
        );
    }

    #[test]
    fn form_scalars_booleans_lower_case_integers_decimal() {
        let w = serialize(&members(json!({"Flag": true, "Count": 1})), &OP).unwrap();
        assert_eq!(
            w.form,
            vec![
                ("Count".to_string(), "1".to_string()),
                ("Flag".into(), "true".into())
            ]
        );
        assert_eq!(
            crate::encode::encode_pairs_plus(&w.form),
            "Count=1&Flag=true"
        );
        let w = serialize(&members(json!({"Flag": false})), &OP).unwrap();
        assert_eq!(w.form, vec![("Flag".to_string(), "false".to_string())]);
    }

    #[test]
    fn json_style_in_query_json_body_and_headers() {
        let w = serialize(
            &members(json!({
                "Attrs": ["a", "b c"],
                "Body": {"Key": "k", "Value": null},
                "X-Extra": "v"
            })),
            &OP,
        )
        .unwrap();
        assert_eq!(
            w.query,
            vec![("Attrs".to_string(), r#"["a","b c"]"#.to_string())]
        );
        assert_eq!(Value::Object(w.json.clone()), json!({"Body": {"Key": "k"}}));
        assert_eq!(w.headers, vec![("X-Extra".to_string(), "v".to_string())]);
        assert!(serialize(&members(json!({"X-Extra": "a\r\nb"})), &OP).is_err());
    }

    #[test]
    fn token_is_filled_only_when_empty() {
        let mut m = members(json!({"ClientToken": ""}));
        assert!(fill_token(&mut m, "ClientToken", || "t1".into()));
        assert_eq!(m["ClientToken"], "t1");
        assert!(!fill_token(&mut m, "ClientToken", || "t2".into()));
        assert_eq!(m["ClientToken"], "t1");
        let mut m = members(json!({"ClientToken": null}));
        assert!(fill_token(&mut m, "ClientToken", || "t3".into()));
        let mut m = Map::new();
        assert!(fill_token(&mut m, "ClientToken", uuid_v4));
    }

    #[test]
    fn python_json_matches_json_dumps() {
        // json.dumps({"Limit": 1, "Filters": [{"Values": ["未命名"], "Name": "instance-name"}]})
        let v = json!({"Limit": 1, "Filters": [{"Values": ["未命名"], "Name": "instance-name"}]});
        assert_eq!(
            python_json(&v),
            r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#
        );
        // The public TC3 vector's payload hash (signing.md P4).
        assert_eq!(
            crate::sign::sha256_hex(python_json(&v).as_bytes()),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            python_json(
                &json!({"a": "q\"b\\s/\n\t\u{1}\u{7f}😀é", "b": [], "c": {}, "d": null, "e": false, "f": -2.5})
            ),
            r#"{"a": "q\"b\\s/\n\t\u0001\u007f\ud83d\ude00\u00e9", "b": [], "c": {}, "d": null, "e": false, "f": -2.5}"#
        );
    }

    #[test]
    fn uuids_are_v4() {
        let a = uuid_v4();
        let b = uuid_v4();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
        assert!(
            a.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }

    #[test]
    fn non_objects_are_refused() {
        assert!(to_members(&1).is_err());
        assert!(to_members(&json!({"a": 1})).is_ok());
    }

    #[test]
    fn members_in_any_order_lay_out_the_same() {
        // The generated structs serialize in parameter order (the fast path of
        // `tree::Members`);
        // any other order gives the same wire parameters.
        let in_order = members(json!({
            "RegionId": "cn-hangzhou",
            "Tag": [{"Key": "a", "Value": "b"}],
            "ImageName": "n",
            "Flag": true,
            "Count": 2,
            "Attrs": ["x"],
            "Body": {"Key": "k"},
            "X-Extra": "v"
        }));
        let mut reversed = Map::new();
        for (k, v) in in_order.iter().rev() {
            reversed.insert(k.clone(), v.clone());
        }
        let a = serialize(&in_order, &OP).unwrap();
        assert_eq!(a, serialize(&reversed, &OP).unwrap());
        assert_eq!(
            a.query.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["Attrs", "ImageName", "RegionId", "Tag.1.Key", "Tag.1.Value"]
        );
        // The client's path: the request as nodes, the token filled once.
        let mut nodes = to_node_members(&in_order).unwrap();
        assert_eq!(
            serialize_members(&nodes, &OP, JsonBody::Map).unwrap(),
            (a.clone(), None)
        );
        // The JSON body as text is what the protocol's writer writes from the map: compact
        // for Alibaba (this operation's), Python's defaults for Tencent.
        let (text_params, body) = serialize_members(&nodes, &OP, JsonBody::Text).unwrap();
        assert!(text_params.json.is_empty() && text_params.has_json);
        assert_eq!(body.as_deref(), Some(compact_json_object(&a.json).as_str()));
        assert_eq!(body.as_deref(), Some(r#"{"Body":{"Key":"k"}}"#));
        assert_eq!(python_json_object(&a.json), r#"{"Body": {"Key": "k"}}"#);
        assert!(fill_token_node(&mut nodes, "ClientToken", || "t".into()));
        assert!(!fill_token_node(&mut nodes, "ClientToken", || "u".into()));
        assert_eq!(
            nodes.last(),
            Some(&(Cow::Borrowed("ClientToken"), Node::String("t".into())))
        );
        assert!(to_node_members(&1).is_err());
    }

    #[test]
    fn comma_style_joins_item_texts() {
        static ITEM: ParamSpec = ParamSpec::new("", Kind::String);
        // `OP` with other parameters.
        const BASE: OperationSpec = OperationSpec {
            service: &SERVICE,
            name: "Demo",
            params: &[],
            rules: &[],
            envelope: None,
            idempotency_token: None,
            method: "POST",
            path: "/",
            regions: &[],
            region_required: false,
        };
        static OP: OperationSpec = OperationSpec {
            params: &[
                ParamSpec::new("Status", Kind::Array(&ITEM)).wire(Location::Query, Style::Comma),
                ParamSpec::new("Ids", Kind::Array(&ITEM)).wire(Location::Form, Style::Comma),
            ],
            ..BASE
        };
        let params = serialize(
            &members(json!({"Status": ["Available", "Creating"], "Ids": [1, null, 2]})),
            &OP,
        )
        .unwrap();
        assert_eq!(
            params.query,
            [("Status".into(), "Available,Creating".into())]
        );
        assert_eq!(params.form, [("Ids".into(), "1,2".into())]);
        let one = serialize(&members(json!({"Status": []})), &OP).unwrap();
        assert_eq!(one.query, [("Status".into(), String::new())]);
    }

    #[test]
    fn flatten_nests_keys() {
        let mut out = Vec::new();
        flatten(
            "P",
            &json!([{"A": [1, {"B": null, "C": false}]}, "s"]),
            &mut out,
        );
        assert_eq!(
            out,
            vec![
                ("P.1.A.1".to_string(), "1".to_string()),
                ("P.1.A.2.C".into(), "false".into()),
                ("P.2".into(), "s".into()),
            ]
        );
        assert_eq!(
            python_json_object(&members(json!({"a": [1, "é"]}))),
            python_json(&json!({"a": [1, "é"]}))
        );
    }

    #[test]
    fn python_json_of_nodes_is_python_json_without_nulls() {
        let values = [
            json!({"a": null, "b": [null, {"c": null, "d": "é\"\\/\n"}], "e": {"f": null}}),
            json!([1, -2.5, 1e300, true, false, null, "😀", "\u{1}\u{7f}~ "]),
            json!({}),
            json!("plain"),
        ];
        for value in values {
            let mut text = String::new();
            JsonFormat::Python.write_node(&mut text, &from_value(&value));
            assert_eq!(text, python_json(&strip_nulls(&value)), "{value}");
        }
    }
}

//! The vendors' machine-readable API metadata, read into one neutral shape.
//!
//! Tencent publishes `api.json` (with `examples.json` and, in this project, `errors.json`
//! beside it: [`tencent`]); Alibaba publishes "api-docs" ([`alibaba`]). Both are read into a
//! [`VendorService`]: what the metadata says about each operation, its parameters, response,
//! errors and examples, and which of those things the file carries at all ([`Carries`]: a
//! mirror that stripped descriptions says nothing about them, which is not the same as saying
//! they are empty). `import` drafts specs from it and `drift` compares specs with it; neither
//! reads vendor JSON itself.
//!
//! Bad metadata is an error naming the file and the JSON path of the offending value; nothing
//! here panics on input.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::spec::{Format, Protocol, Provider, WireLocation, WireStyle};

pub mod alibaba;
pub mod tencent;

/// What went wrong reading a metadata file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorError {
    /// The file, as given.
    pub file: String,
    /// A JSON pointer to the offending value (`/actions/CreateImage/input`), empty for the
    /// whole file.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VendorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: at {}: {}", self.file, self.at, self.message)
        }
    }
}

impl std::error::Error for VendorError {}

/// Which kinds of facts a metadata file carries (a stripped mirror carries fewer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carries {
    /// Summaries and parameter descriptions.
    pub descriptions: bool,
    /// Parameter examples and request/response examples.
    pub examples: bool,
    /// Response fields.
    pub responses: bool,
    /// Per-operation error codes.
    pub errors: bool,
    /// Enumerations as data (`enum` in a schema), not prose.
    pub enums: bool,
    /// Length, range, item-count and pattern constraints as data.
    pub constraints: bool,
}

/// One service version as its metadata describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorService {
    /// Alibaba or Tencent.
    pub provider: Provider,
    /// The product id used in spec paths (`cvm`, `swas-open`).
    pub product: String,
    /// The API version (`2017-03-12`).
    pub version: String,
    /// The calling convention.
    pub protocol: Protocol,
    /// Where the facts come from, for provenance (`shared/vendor/…/api.json`, with the
    /// publishing package where known).
    pub source: String,
    /// The language of the descriptions (`en`, `zh`), when it can be told.
    pub language: Option<String>,
    /// Which kinds of facts the file carries.
    pub carries: Carries,
    /// Region id → host, as the metadata lists them.
    pub endpoints: Vec<(String, String)>,
    /// Every operation, by name.
    pub operations: BTreeMap<String, VendorOperation>,
    /// Named object types (Tencent's `objects`), by name.
    pub types: BTreeMap<String, VendorType>,
    /// Error code → message, for the codes the operations name.
    pub error_messages: BTreeMap<String, String>,
    /// What the file restored from another source than the vendor's own metadata (Alibaba's
    /// `info["x-cloudspec-restored"]`: descriptions and response fields from the official
    /// Python SDK, which the public mirror strips), said once per service in the spec.
    pub restored: Option<Restored>,
}

/// Facts a metadata file holds from another source, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What was restored, from which package version, by what (a provenance note).
    pub note: String,
    /// The package's page (`https://pypi.org/project/<package>/<version>/`).
    pub source: String,
}

/// A named object type.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorType {
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: Option<String>,
    /// Its members.
    pub members: Vec<VendorParam>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorOperation {
    /// The action name.
    pub name: String,
    /// One line.
    pub summary: Option<String>,
    /// More, when the metadata has it.
    pub description: Option<String>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// ROA's HTTP method (lower case in the metadata, upper case here).
    pub method: Option<String>,
    /// ROA's path template.
    pub path: Option<String>,
    /// Request parameters in metadata order.
    pub parameters: Vec<VendorParam>,
    /// Response fields, when the metadata has them.
    pub response: Option<Vec<VendorParam>>,
    /// The wrapper object of the response (Tencent's `Response`).
    pub response_envelope: Option<String>,
    /// The error codes the operation may return.
    pub errors: Vec<ErrorCode>,
    /// Documented request/response examples.
    pub examples: Vec<VendorExample>,
}

/// An error code an operation may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code.
    pub code: String,
    /// HTTP status, where the metadata gives one.
    pub status: Option<u16>,
    /// The message the service sends.
    pub message: Option<String>,
    /// What it means.
    pub description: Option<String>,
}

/// A documented example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorExample {
    /// Its title.
    pub title: String,
    /// `request`, `success` or `error` (the spec's example kinds).
    pub kind: &'static str,
    /// HTTP status of a response example.
    pub status: Option<u16>,
    /// The body.
    pub body: String,
}

/// What a value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `string`, `integer`, `number` or `boolean`.
    Scalar(&'static str),
    /// A named object type.
    Named(String),
    /// A list of something.
    Array(Box<VendorParam>),
    /// An object with these members, written in place.
    Object(Vec<VendorParam>),
    /// A map from strings to something.
    Map(Box<VendorParam>),
}

impl Shape {
    /// The spec's `type` for it.
    pub fn spec_type(&self) -> String {
        match self {
            Shape::Scalar(t) => (*t).to_string(),
            Shape::Named(n) => n.clone(),
            Shape::Array(_) => "array".into(),
            Shape::Object(_) => "object".into(),
            Shape::Map(_) => "map".into(),
        }
    }
}

/// A parameter, a response field, an object member or an array's items (unnamed).
#[derive(Debug, Clone, PartialEq)]
pub struct VendorParam {
    /// The wire name (empty for items).
    pub name: String,
    /// What it is.
    pub shape: Shape,
    /// `date-time` for timestamps.
    pub format: Option<Format>,
    /// Must be sent (request) or is always present (response).
    pub required: bool,
    /// May arrive as `null`.
    pub nullable: bool,
    /// Not for public use (Tencent `disabled`); such members are left out of drafts.
    pub hidden: bool,
    /// Marked deprecated.
    pub deprecated: bool,
    /// What it means.
    pub description: Option<String>,
    /// An example value.
    pub example: Option<Value>,
    /// A documented default.
    pub default: Option<Value>,
    /// Valid values, as data.
    pub enum_values: Vec<Value>,
    /// What each valid value means.
    pub enum_titles: BTreeMap<String, String>,
    /// Length, range and count constraints, as data.
    pub min_length: Option<u64>,
    /// See `min_length`.
    pub max_length: Option<u64>,
    /// See `min_length`.
    pub minimum: Option<i64>,
    /// See `min_length`.
    pub maximum: Option<i64>,
    /// See `min_length`.
    pub min_items: Option<u64>,
    /// See `min_length`.
    pub max_items: Option<u64>,
    /// A regular expression the value matches.
    pub pattern: Option<String>,
    /// Where it travels, when the metadata says.
    pub location: Option<WireLocation>,
    /// How it is flattened, when the metadata says.
    pub style: Option<WireStyle>,
}

impl VendorParam {
    /// A parameter with only a name and a shape.
    pub fn new(name: impl Into<String>, shape: Shape) -> VendorParam {
        VendorParam {
            name: name.into(),
            shape,
            format: None,
            required: false,
            nullable: false,
            hidden: false,
            deprecated: false,
            description: None,
            example: None,
            default: None,
            enum_values: Vec::new(),
            enum_titles: BTreeMap::new(),
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            min_items: None,
            max_items: None,
            pattern: None,
            location: None,
            style: None,
        }
    }
}

/// How a metadata file is named in specs: the path as given without leading `./` and `../`
/// (`shared/vendor/tencent/cvm/2017-03-12/api.json`), so it reads the same from any directory
/// of the project.
pub fn source_name(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    let mut rest = text.as_str();
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            rest = r;
        } else {
            break;
        }
    }
    rest.to_string()
}

/// Reads one metadata file, telling the format from its content: Tencent's `api.json` has
/// `actions` and `objects`; Alibaba's api-docs has `info` and `apis`.
pub fn read(path: &Path) -> Result<VendorService, VendorError> {
    let file = path.display().to_string();
    let err = |at: &str, message: String| VendorError {
        file: file.clone(),
        at: at.to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| err("", format!("cannot read: {e}")))?;
    let doc: Value = serde_json::from_slice(&bytes).map_err(|e| {
        err(
            "",
            format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Some(obj) = doc.as_object() else {
        return Err(err("", "expected a JSON object at the top level".into()));
    };
    if obj.contains_key("actions") && obj.contains_key("objects") {
        tencent::read(path, &doc)
    } else if obj.contains_key("apis") && obj.contains_key("info") {
        alibaba::read(path, &doc)
    } else {
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(8).collect();
        Err(err(
            "",
            format!(
                "neither Tencent api.json (`actions` and `objects`) nor Alibaba api-docs (`info` and `apis`); top-level keys: {}",
                keys.join(", ")
            ),
        ))
    }
}

/// Reads every file, in the order given.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<VendorService>, VendorError> {
    paths.iter().map(|p| read(p)).collect()
}

/// Reading helpers shared by the two readers.
pub(crate) struct Reader<'a> {
    pub file: &'a str,
}

impl Reader<'_> {
    pub fn err(&self, at: &str, message: impl Into<String>) -> VendorError {
        VendorError {
            file: self.file.to_string(),
            at: at.to_string(),
            message: message.into(),
        }
    }

    /// The object at `at`, or an error.
    pub fn object<'v>(
        &self,
        v: &'v Value,
        at: &str,
    ) -> Result<&'v serde_json::Map<String, Value>, VendorError> {
        v.as_object()
            .ok_or_else(|| self.err(at, format!("expected an object, found {}", kind(v))))
    }

    /// An optional string member.
    pub fn opt_str<'v>(
        &self,
        o: &'v serde_json::Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<&'v str>, VendorError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(self.err(
                &format!("{at}/{}", escape_pointer(key)),
                format!("expected a string, found {}", kind(v)),
            )),
        }
    }

    /// A required string member.
    pub fn str<'v>(
        &self,
        o: &'v serde_json::Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<&'v str, VendorError> {
        self.opt_str(o, key, at)?
            .ok_or_else(|| self.err(at, format!("missing `{key}`")))
    }

    /// An optional boolean member (`"true"` and `"false"` as strings too: the Alibaba mirror
    /// converted PHP arrays and writes some flags as strings).
    pub fn opt_bool(
        &self,
        o: &serde_json::Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<bool>, VendorError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" => Ok(Some(true)),
            Some(Value::String(s)) if s == "false" => Ok(Some(false)),
            Some(v) => Err(self.err(
                &format!("{at}/{}", escape_pointer(key)),
                format!("expected a boolean, found {}", kind(v)),
            )),
        }
    }

    /// An optional integer member (numbers written as strings too, as the mirror does).
    pub fn opt_i64(
        &self,
        o: &serde_json::Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<i64>, VendorError> {
        let bad = |v: &Value| {
            self.err(
                &format!("{at}/{}", escape_pointer(key)),
                format!("expected an integer, found {}", describe(v)),
            )
        };
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => Ok(Some(i)),
                // A whole number written as a float (`100.0`) is still that number.
                None => match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                    _ => Err(bad(&Value::Number(n.clone()))),
                },
            },
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s.trim().parse::<i64>().map(Some).map_err(|_| {
                // A bound like "1.5" cannot be an integer constraint.
                bad(&Value::String(s.clone()))
            }),
            Some(v) => Err(bad(v)),
        }
    }

    /// An optional non-negative integer member.
    pub fn opt_u64(
        &self,
        o: &serde_json::Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<u64>, VendorError> {
        match self.opt_i64(o, key, at)? {
            None => Ok(None),
            Some(i) => u64::try_from(i).map(Some).map_err(|_| {
                self.err(
                    &format!("{at}/{}", escape_pointer(key)),
                    format!("expected a count (0 or more), found {i}"),
                )
            }),
        }
    }
}

/// `a string`, `an array`, … for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The kind and, for scalars, the value (`a string "abc"`).
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("a string {short:?}")
        }
        Value::Number(n) => format!("the number {n}"),
        other => kind(other).to_string(),
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub(crate) fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether a description says the field may be null (Tencent writes "Note: This field may
/// return null, indicating that no valid value was found.").
pub(crate) fn says_nullable(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("may return null") || lower.contains("may return `null`")
}

/// A scalar's text for an enum value or example given as a JSON string.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Metadata text (Markdown with some HTML) as the plain text a spec records: links reduced to
/// their text, `<br>` and `<li>` as line breaks and bullets, Markdown `* ` bullets as `• `,
/// other known tags removed, entities decoded, trailing spaces and blank lines gone (the
/// vendors' pages render paragraphs and list items as single line breaks).
pub fn plain_text(text: &str) -> String {
    static LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*\)")
            .expect("a constant pattern")
    });
    static TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)</?(br|li|ul|ol|p|strong|b|em|i|code|span|div|font|a|table|tr|td|th|tbody|thead|h[1-6]|sup|sub|pre|blockquote)(\s[^<>]*)?/?>",
        )
        .expect("a constant pattern")
    });
    let text = text.replace("\r\n", "\n");
    let text = LINK.replace_all(&text, "$1");
    let text = TAG.replace_all(&text, |c: &regex::Captures<'_>| {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let closing = whole.starts_with("</");
        match c.get(1).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
            Some("br") => "\n".to_string(),
            Some("li") if !closing => "\n• ".to_string(),
            Some("p" | "div" | "tr" | "ul" | "ol") if !closing => "\n".to_string(),
            _ => String::new(),
        }
    });
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    static EMPHASIS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\*{2,3}([^*\n]+?)\*{2,3}").expect("a constant pattern")
    });
    let text = EMPHASIS.replace_all(&text, "$1");
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        // Markdown block quotes and code fences: the text stays, the markers go.
        let line = match line.trim_start().strip_prefix('>') {
            Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
            None => line,
        };
        if line.trim_start().starts_with("```") {
            continue;
        }
        let line = match line.trim_start().strip_prefix("* ") {
            Some(rest) => format!("• {}", rest.trim_start()),
            None => line.to_string(),
        };
        let line = line.trim_start_matches(' ').to_string();
        if line.trim() == "•" {
            continue;
        }
        // The pages render paragraphs and list items as single line breaks.
        if line.is_empty() {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reduces_markdown_and_html() {
        assert_eq!(
            plain_text(
                "Filters.<br><li>Call [DescribeImages](https://x/y?a=1) and look.<br><li><strong>id</strong>&nbsp;x"
            ),
            "Filters.\n• Call DescribeImages and look.\n• id x"
        );
        assert_eq!(
            plain_text("Lead.\n\n* one\n* two  \n\n\n\nEnd"),
            "Lead.\n• one\n• two\nEnd"
        );
        assert_eq!(
            plain_text("a <Common request parameters> b"),
            "a <Common request parameters> b"
        );
    }
}

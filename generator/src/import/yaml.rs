//! Writes a spec document (a `serde_json::Value` in spec key order) as YAML in the house
//! style of the hand-written specs: block mappings and sequences indented by two, lists of
//! scalars in flow style (`enum: [A, B]`), text plain where YAML allows it, folded (`>-`) and
//! wrapped at 100 columns when long, literal (`|-`) when it has line breaks, double-quoted
//! otherwise. The result is checked by parsing it back: a document that would not read back
//! as the same value is an error, never a written file.

use serde_json::{Map, Value};

/// Lines are wrapped to this width where the text allows.
const WIDTH: usize = 100;

/// The key order of every block of the format: keys are written in this order, unknown keys
/// after them in their own order.
const KEY_ORDER: &[&str] = &[
    "provider",
    "product",
    "name",
    "title",
    "rustName",
    "kind",
    "status",
    "code",
    "about",
    "version",
    "protocol",
    "signingName",
    "lenientScalars",
    "endpoints",
    "rule",
    "host",
    "internationalHost",
    "regionMap",
    "regions",
    "wire",
    "type",
    "required",
    "format",
    "nullable",
    "idempotencyToken",
    "protocolFilled",
    "summary",
    "description",
    "message",
    "note",
    "requests",
    "per",
    "parameters",
    "when",
    "says",
    "for",
    "limit",
    "url",
    "lastUpdated",
    "language",
    "role",
    "source",
    "authorization",
    "action",
    "accessLevel",
    "resourceTypes",
    "arn",
    "conditionKeys",
    "dependentActions",
    "rateLimit",
    "notes",
    "commonParameters",
    "example",
    "default",
    "enum",
    "enumDescriptions",
    "enumRustNames",
    "notPublic",
    "minLength",
    "maxLength",
    "pattern",
    "allowedChars",
    "classes",
    "chars",
    "firstChar",
    "forbiddenPrefixes",
    "forbiddenSubstrings",
    "asciiOnly",
    "nonEmpty",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "members",
    "citations",
    "proposed",
    "items",
    "values",
    "properties",
    "in",
    "style",
    "alsoAccept",
    "commonErrors",
    "rules",
    "method",
    "path",
    "response",
    "responseEnvelope",
    "paginator",
    "waiters",
    "errors",
    "examples",
    "body",
    "provenance",
];

/// An operation's keys, in the order of the hand-written specs (where `parameters` follows
/// the notes, not the rule keys it sits beside in [`KEY_ORDER`]).
const OPERATION_ORDER: &[&str] = &[
    "name",
    "rustName",
    "summary",
    "description",
    "source",
    "authorization",
    "rateLimit",
    "regions",
    "notes",
    "method",
    "path",
    "commonParameters",
    "parameters",
    "rules",
    "response",
    "responseEnvelope",
    "paginator",
    "waiters",
    "errors",
    "examples",
    "provenance",
];

/// The rank of a key in [`KEY_ORDER`].
fn rank(key: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(KEY_ORDER.len())
}

/// The entries of a mapping in the format's key order (a stable sort: unknown keys keep their
/// order). Blocks whose keys mean something else in context keep their own order: the
/// top-level document, `service`, and maps from names to values.
fn ordered(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    // An operation is the one block with a `summary` beside its `name`.
    if map.contains_key("summary") && map.contains_key("name") {
        let at = |k: &str| {
            OPERATION_ORDER
                .iter()
                .position(|o| *o == k)
                .unwrap_or(OPERATION_ORDER.len())
        };
        entries.sort_by_key(|(k, _)| at(k));
    } else {
        entries.sort_by_key(|(k, _)| rank(k));
    }
    entries
}

/// Keys whose value is a map from names (regions, enum values) to text, written in their own
/// order.
fn is_name_map(key: &str) -> bool {
    matches!(key, "regionMap" | "enumDescriptions" | "enumRustNames")
}

/// Writes `doc` (an object with `service`, `types`, `operations`) after `header` (comment lines
/// without the trailing newline, may be empty).
pub fn write(header: &str, doc: &Value) -> Result<String, String> {
    let Value::Object(top) = doc else {
        return Err("a spec document is a mapping".into());
    };
    let mut out = String::new();
    if !header.is_empty() {
        out.push_str(header.trim_end());
        out.push('\n');
    }
    let mut first = true;
    for key in ["service", "types", "operations"] {
        let Some(v) = top.get(key) else { continue };
        if matches!(v, Value::Array(a) if a.is_empty()) {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        entry(&mut out, 0, key, v);
    }
    for (k, v) in top {
        if !matches!(k.as_str(), "service" | "types" | "operations") {
            out.push('\n');
            entry(&mut out, 0, k, v);
        }
    }
    let back: Value = serde_saphyr::from_str(&out)
        .map_err(|e| format!("the written YAML does not parse back: {e}"))?;
    if !super::merge::same(&back, doc) {
        return Err(
            "the written YAML does not read back as the same document (a bug in the writer)".into(),
        );
    }
    Ok(out)
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// `key: value` at `ind` (the key's column).
fn entry(out: &mut String, ind: usize, key: &str, v: &Value) {
    indent(out, ind);
    out.push_str(&key_text(key));
    out.push(':');
    value_after_key(out, ind, key, v);
}

/// Writes what follows `key:` (a space and a scalar, or a newline and a block).
fn value_after_key(out: &mut String, ind: usize, key: &str, v: &Value) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str(" {}\n"),
        Value::Object(m) => {
            out.push('\n');
            let entries: Vec<(&String, &Value)> = if is_name_map(key) {
                m.iter().collect()
            } else {
                ordered(m)
            };
            for (k, v) in entries {
                entry(out, ind + 2, k, v);
            }
        }
        Value::Array(a) if a.is_empty() => out.push_str(" []\n"),
        Value::Array(a) if a.iter().all(is_flow_scalar) => {
            out.push(' ');
            out.push_str(&flow(v));
            out.push('\n');
        }
        Value::Array(a) => {
            out.push('\n');
            for item in a {
                list_item(out, ind + 2, item);
            }
        }
        Value::String(s) => {
            out.push_str(&block_string(s, ind, key.len() + 2));
        }
        scalar => {
            out.push(' ');
            out.push_str(&flow(scalar));
            out.push('\n');
        }
    }
}

/// `- …` at `ind`.
fn list_item(out: &mut String, ind: usize, v: &Value) {
    indent(out, ind);
    out.push_str("- ");
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (i, (k, v)) in ordered(m).into_iter().enumerate() {
                if i > 0 {
                    indent(out, ind + 2);
                }
                out.push_str(&key_text(k));
                out.push(':');
                value_after_key(out, ind + 2, k, v);
            }
        }
        Value::String(s) => {
            // The item's text starts after "- ": reuse the block-string logic with the dash
            // as the key.
            let mut s2 = block_string(s, ind, 2);
            if s2.starts_with(' ') {
                s2.remove(0);
            }
            out.push_str(&s2);
        }
        other => {
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
}

fn is_flow_scalar(v: &Value) -> bool {
    match v {
        Value::String(s) => !s.contains('\n') && s.chars().count() <= 80,
        Value::Number(_) | Value::Bool(_) | Value::Null => true,
        _ => false,
    }
}

/// A key as YAML (keys of the format are plain; enum values and regions may need quotes).
fn key_text(k: &str) -> String {
    if plain_ok(k, false) {
        k.to_string()
    } else {
        quoted(k)
    }
}

/// A value in flow style (`[a, "b c"]`, `{k: v}`, scalars).
fn flow(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            if plain_ok(s, true) {
                s.clone()
            } else {
                quoted(s)
            }
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", flow(&Value::String(k.clone())), flow(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// A double-quoted YAML string (JSON escapes are valid YAML escapes).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
}

/// Whether `s` can be written plain: it reads back as the same string, not a number, boolean
/// or null, and has nothing YAML would take as syntax. `in_flow` adds the flow indicators.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.contains('\n') || s.contains('\t') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // `-` followed by a non-space is fine ("-1" is a number, handled below).
        if !(first == '-' && s.len() > 1 && !s[1..].starts_with(' ')) {
            return false;
        }
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    if s.chars()
        .any(|c| c.is_control() || crate::text::is_bidi_control(c) || c == '\u{feff}')
    {
        return false;
    }
    // Anything YAML 1.1 or 1.2 might read as another type, and anything that looks like a
    // number or a date: quoted, as the hand-written specs quote versions.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    ) {
        return false;
    }
    if s.parse::<f64>().is_ok() || lower == ".inf" || lower == ".nan" {
        return false;
    }
    // Dates, versions and times are quoted, as the hand-written specs quote versions.
    if s.chars().all(|c| c.is_ascii_digit() || "-.:".contains(c)) {
        return false;
    }
    // Last, the parser's own word: the text alone must read back as this string (this
    // catches hexadecimal and octal numbers and whatever else a YAML reader types).
    matches!(serde_saphyr::from_str::<Value>(s), Ok(Value::String(back)) if back == s)
}

/// A string value after `key:` (column `ind`, the key and colon taking `lead` columns): plain,
/// folded and wrapped, literal, or quoted; ends with a newline.
fn block_string(s: &str, ind: usize, lead: usize) -> String {
    let single_line = !s.contains('\n');
    if single_line && plain_ok(s, false) && ind + lead + 1 + s.chars().count() <= WIDTH {
        return format!(" {s}\n");
    }
    if single_line && folds(s) && ind + lead + 1 + s.chars().count() > WIDTH {
        let lines = wrap(s, WIDTH.saturating_sub(ind + 2).max(40));
        let mut out = String::from(" >-\n");
        for l in lines {
            indent(&mut out, ind + 2);
            out.push_str(&l);
            out.push('\n');
        }
        return out;
    }
    if !single_line && literal_ok(s) {
        let (body, chomp) = match s.strip_suffix('\n') {
            Some(b) if !b.ends_with('\n') => (b, ""),
            _ => (s, "-"),
        };
        let mut out = format!(" |{chomp}\n");
        for l in body.split('\n') {
            if !l.is_empty() {
                indent(&mut out, ind + 2);
                out.push_str(l);
            }
            out.push('\n');
        }
        return out;
    }
    format!(" {}\n", quoted(s))
}

/// Whether a one-line text can be folded: words separated by single spaces, nothing YAML
/// would read differently at a line start.
fn folds(s: &str) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.contains("  ")
        && !s.contains('\t')
        && !s
            .chars()
            .any(|c| c.is_control() || crate::text::is_bidi_control(c) || c == '\u{feff}')
        && !s.starts_with([
            '#', '-', '?', ':', '>', '|', '!', '&', '*', '%', '@', '`', '"', '\'',
        ])
}

/// Whether a multi-line text can be a literal block: no line starts with a space (the
/// indentation would be ambiguous without an indicator), no trailing spaces lost, no control
/// characters.
fn literal_ok(s: &str) -> bool {
    let body = s.strip_suffix('\n').unwrap_or(s);
    !body.is_empty()
        && !body.starts_with(' ')
        && !body.starts_with('\n')
        && !body.ends_with('\n')
        && body
            .split('\n')
            .all(|l| l == l.trim_end() && !l.contains('\t'))
        && !s.chars().any(|c| {
            (c.is_control() && c != '\n') || crate::text::is_bidi_control(c) || c == '\u{feff}'
        })
}

/// Words greedily packed into lines of at most `width` characters (a longer word stays whole
/// on its own line). A line never starts with `#` or another character a folded block would
/// read differently, so such words stay attached to the line before.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ') {
        let risky = word.starts_with(['#', '-', '*', '•']) || word.is_empty();
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width && !risky {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_house_style_and_reads_back() {
        let doc = json!({
            "service": {"provider": "tencent", "product": "cvm", "version": "2017-03-12",
                        "name": "Cloud Virtual Machine"},
            "operations": [{
                "name": "CreateImage",
                "summary": "This API is used to create a new image with the system disk of an instance. The image can be used to create new instances.",
                "parameters": [
                    {"type": "string", "name": "ImageName", "required": true, "description": "Image name: with a colon.",
                     "enum": ["true", "a,b", "x"], "example": "yes"},
                    {"name": "Ids", "type": "array", "items": {"type": "string"},
                     "description": "Line one\nline two\n  indented"},
                ],
                "examples": [{"title": "Example1", "kind": "success", "status": 200, "body": "{\n    \"a\": 1\n}\n"}]
            }]
        });
        let text = write("# header", &doc).unwrap();
        insta::assert_snapshot!(text, @r#"
        # header
        service:
          provider: tencent
          product: cvm
          name: Cloud Virtual Machine
          version: "2017-03-12"

        operations:
          - name: CreateImage
            summary: >-
              This API is used to create a new image with the system disk of an instance. The image can be
              used to create new instances.
            parameters:
              - name: ImageName
                type: string
                required: true
                description: "Image name: with a colon."
                example: "yes"
                enum: ["true", "a,b", x]
              - name: Ids
                type: array
                description: |-
                  Line one
                  line two
                    indented
                items:
                  type: string
            examples:
              - title: Example1
                kind: success
                status: 200
                body: |
                  {
                      "a": 1
                  }
        "#);
    }

    #[test]
    fn every_string_reads_back() {
        for s in [
            "",
            " lead",
            "trail ",
            "- dash",
            "-1",
            "1.5",
            "0x1F",
            "2020-06-01",
            "null",
            "~",
            "a: b",
            "a #b",
            "#x",
            "multi\nline\n",
            "multi\n\nblank",
            "tab\there",
            "\u{202e}x",
            "ends with colon:",
            "@at",
            "`tick",
            "quote'",
            "\"dq\"",
            "long word ".repeat(30).trim(),
            "é 中文 text",
            "x\r\ny",
        ] {
            let doc = json!({"operations": [{"name": s, "enum": [s], "description": s}]});
            write("", &doc).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        }
    }
}

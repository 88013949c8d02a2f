//! Tencent Cloud's API metadata: `api.json` as published in `tccli` (`actions`, `objects`,
//! `metadata`), with `examples.json` and `errors.json` read from the same directory when
//! present.
//!
//! `errors.json` is this project's shape (`messages`: code → English message; `actions`:
//! action → codes), recorded from the official SDKs, which publish no such file.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{
    Carries, ErrorCode, Reader, Shape, VendorError, VendorExample, VendorOperation, VendorParam,
    VendorService, VendorType, escape_pointer, plain_text, says_nullable,
};
use crate::spec::{Format, Protocol, Provider};

/// Reads `api.json` (already parsed) and its siblings.
pub fn read(path: &Path, doc: &Value) -> Result<VendorService, VendorError> {
    let file = path.display().to_string();
    let r = Reader { file: &file };
    let top = r.object(doc, "")?;
    let meta = match top.get("metadata") {
        Some(m) => r.object(m, "/metadata")?.clone(),
        None => serde_json::Map::new(),
    };
    let version = match r.opt_str(&meta, "apiVersion", "/metadata")? {
        Some(v) => v.to_string(),
        None => r.str(top, "version", "")?.to_string(),
    };
    let product = match r.opt_str(&meta, "serviceShortName", "/metadata")? {
        Some(p) => p.to_string(),
        None => product_from_path(path).ok_or_else(|| {
            r.err(
                "/metadata",
                "missing `serviceShortName`, and the path does not name the product (…/<product>/v<version>/api.json)",
            )
        })?,
    };
    let objects = r.object(&top["objects"], "/objects")?;
    let actions = r.object(&top["actions"], "/actions")?;

    // The actions' own request and response structures; every other object is a named type.
    let mut io_names = std::collections::BTreeSet::new();
    for a in actions.values() {
        for key in ["input", "output"] {
            if let Some(Value::String(n)) = a.get(key) {
                io_names.insert(n.clone());
            }
        }
    }
    let mut types = BTreeMap::new();
    let mut io_objects = BTreeMap::new();
    for (name, v) in objects {
        let at = format!("/objects/{}", escape_pointer(name));
        let o = r.object(v, &at)?;
        let members = match o.get("members") {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, m) in items.iter().enumerate() {
                    out.push(member(&r, m, &format!("{at}/members/{i}"))?);
                }
                out
            }
            Some(other) => {
                return Err(r.err(
                    &format!("{at}/members"),
                    format!("expected an array, found {}", super::kind(other)),
                ));
            }
        };
        let description = r.opt_str(o, "document", &at)?.map(plain_text);
        // Whether a type is only returned is told by where the operations use it (`usage`
        // says so too, but not for every object), so `usage` is not read.
        let ty = VendorType {
            name: name.clone(),
            description,
            members,
        };
        if io_names.contains(name) {
            io_objects.insert(name.clone(), ty);
        } else {
            types.insert(name.clone(), ty);
        }
    }

    let dir = path.parent().unwrap_or(Path::new("."));
    let examples = read_sibling(&dir.join("examples.json"))?;
    let errors = read_sibling(&dir.join("errors.json"))?;

    let mut operations = BTreeMap::new();
    for (name, v) in actions {
        let at = format!("/actions/{}", escape_pointer(name));
        let a = r.object(v, &at)?;
        let input = r.str(a, "input", &at)?;
        let output = r.str(a, "output", &at)?;
        let request = io_objects.get(input).ok_or_else(|| {
            r.err(
                &format!("{at}/input"),
                format!("names `{input}`, which is not in `objects`"),
            )
        })?;
        let response = io_objects.get(output).ok_or_else(|| {
            r.err(
                &format!("{at}/output"),
                format!("names `{output}`, which is not in `objects`"),
            )
        })?;
        let document = r.opt_str(a, "document", &at)?.map(plain_text);
        let (summary, description) = split_summary(document.as_deref());
        let status = r.opt_str(a, "status", &at)?;
        let mut op = VendorOperation {
            name: name.clone(),
            summary,
            description,
            deprecated: matches!(status, Some("deprecated" | "offline")),
            method: None,
            path: None,
            parameters: request.members.clone(),
            response: Some(response.members.clone()),
            response_envelope: Some("Response".into()),
            errors: Vec::new(),
            examples: Vec::new(),
        };
        if let Some((file, ex)) = &examples {
            op.examples = action_examples(file, ex, name)?;
        }
        if let Some((file, errs)) = &errors {
            op.errors = action_errors(file, errs, name)?;
        }
        operations.insert(name.clone(), op);
    }
    let mut error_messages = BTreeMap::new();
    if let Some((_, errs)) = &errors
        && let Some(Value::Object(m)) = errs.get("messages")
    {
        for (code, msg) in m {
            if let Value::String(s) = msg {
                error_messages.insert(code.clone(), s.clone());
            }
        }
    }
    let language = Some(
        if looks_chinese(&operations) {
            "zh"
        } else {
            "en"
        }
        .to_string(),
    );
    Ok(VendorService {
        provider: Provider::Tencent,
        product,
        version,
        protocol: Protocol::TencentApi3,
        source: super::source_name(path),
        language,
        carries: Carries {
            descriptions: true,
            examples: true,
            responses: true,
            errors: errors.is_some(),
            enums: false,
            constraints: false,
        },
        endpoints: Vec::new(),
        operations,
        types,
        error_messages,
        restored: None,
    })
}

/// `tccli/services/cvm/v20170312/api.json` → `cvm`.
fn product_from_path(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    let version_dir = dir.file_name()?.to_str()?;
    let product_dir = if version_dir.starts_with('v') || version_dir.contains('-') {
        dir.parent()?.file_name()?.to_str()?
    } else {
        version_dir
    };
    Some(product_dir.to_string())
}

/// Whether most summaries are in Chinese.
fn looks_chinese(ops: &BTreeMap<String, VendorOperation>) -> bool {
    let (mut zh, mut all) = (0usize, 0usize);
    for op in ops.values() {
        if let Some(s) = &op.summary {
            all += 1;
            if s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
                zh += 1;
            }
        }
    }
    all > 0 && zh * 2 > all
}

/// The first paragraph is the summary; the rest, if any, the description.
fn split_summary(document: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(doc) = document.map(str::trim).filter(|d| !d.is_empty()) else {
        return (None, None);
    };
    match doc.split_once('\n') {
        Some((first, rest)) if !rest.trim().is_empty() => (
            Some(first.trim().to_string()),
            Some(rest.trim().to_string()),
        ),
        _ => (Some(doc.to_string()), None),
    }
}

/// One member of an object.
fn member(r: &Reader<'_>, v: &Value, at: &str) -> Result<VendorParam, VendorError> {
    let o = r.object(v, at)?;
    let name = r.str(o, "name", at)?;
    let ty = r.str(o, "type", at)?;
    let member = r.str(o, "member", at)?;
    let scalar = |m: &str| -> Result<(Shape, Option<Format>), VendorError> {
        Ok(match m {
            "string" | "datetime" => (Shape::Scalar("string"), None),
            "datetime_iso" => (Shape::Scalar("string"), Some(Format::DateTime)),
            "int64" | "uint64" | "int" | "integer" => (Shape::Scalar("integer"), None),
            "float" | "double" => (Shape::Scalar("number"), None),
            "bool" | "boolean" => (Shape::Scalar("boolean"), None),
            other if other.chars().next().is_some_and(|c| c.is_ascii_uppercase()) => {
                (Shape::Named(other.to_string()), None)
            }
            other => {
                return Err(r.err(
                    &format!("{at}/member"),
                    format!("unknown member type `{other}`"),
                ));
            }
        })
    };
    let (shape, format) = match ty {
        "list" => {
            let (inner, format) = scalar(member)?;
            let mut item = VendorParam::new("", inner);
            item.format = format;
            (Shape::Array(Box::new(item)), None)
        }
        "object" => match scalar(member)? {
            (Shape::Named(n), _) => (Shape::Named(n), None),
            _ => {
                return Err(r.err(
                    &format!("{at}/member"),
                    format!("an `object` member names the scalar type `{member}`"),
                ));
            }
        },
        "string" | "int" | "bool" | "float" => scalar(member)?,
        other => {
            return Err(r.err(
                &format!("{at}/type"),
                format!(
                    "unknown type `{other}` (expected string, int, bool, float, list or object)"
                ),
            ));
        }
    };
    let mut p = VendorParam::new(name, shape);
    p.format = format;
    let description = r.opt_str(o, "document", at)?.map(plain_text);
    // `required` is the request flag; `output_required` says a returned member is always there.
    let required = r.opt_bool(o, "required", at)?;
    let output_required = r.opt_bool(o, "output_required", at)?;
    p.required = required.or(output_required).unwrap_or(false);
    p.nullable = r.opt_bool(o, "value_allowed_null", at)?.unwrap_or(false)
        || description.as_deref().is_some_and(says_nullable);
    p.hidden = r.opt_bool(o, "disabled", at)?.unwrap_or(false);
    p.description = description.filter(|d| !d.is_empty());
    p.example = match r.opt_str(o, "example", at)? {
        Some(text) => example_value(&p.shape, text),
        None => None,
    };
    Ok(p)
}

/// The metadata writes every example as text; it becomes a value of the member's type, or
/// nothing when it is a placeholder ("无", "None") or does not parse.
fn example_value(shape: &Shape, text: &str) -> Option<Value> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "无" | "None" | "null" | "-") {
        return None;
    }
    match shape {
        Shape::Scalar("string") => Some(Value::String(t.to_string())),
        Shape::Scalar("integer") => t.parse::<i64>().ok().map(Value::from),
        Shape::Scalar("number") => t
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Shape::Scalar("boolean") => match t {
            "true" | "TRUE" | "True" => Some(Value::Bool(true)),
            "false" | "FALSE" | "False" => Some(Value::Bool(false)),
            _ => None,
        },
        Shape::Array(item) => match serde_json::from_str::<Value>(t) {
            Ok(Value::Array(items))
                if items
                    .iter()
                    .all(|i| matches!(i, Value::String(_) | Value::Number(_) | Value::Bool(_)))
                    && matches!(item.shape, Shape::Scalar(_)) =>
            {
                Some(Value::Array(items))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Reads `examples.json` or `errors.json` beside `api.json`, if there.
fn read_sibling(path: &Path) -> Result<Option<(String, Value)>, VendorError> {
    if !path.is_file() {
        return Ok(None);
    }
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| VendorError {
        file: file.clone(),
        at: String::new(),
        message: format!("cannot read: {e}"),
    })?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| VendorError {
        file: file.clone(),
        at: String::new(),
        message: format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ),
    })?;
    Ok(Some((file, v)))
}

/// The documented examples of one action: each becomes a request example (the JSON body of
/// the documented HTTP request) and a success example (the response).
fn action_examples(
    file: &str,
    doc: &Value,
    action: &str,
) -> Result<Vec<VendorExample>, VendorError> {
    let r = Reader { file };
    let at = format!("/actions/{}", escape_pointer(action));
    let list = match doc.get("actions").and_then(|a| a.get(action)) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(other) => {
            return Err(r.err(
                &at,
                format!(
                    "expected an array of examples, found {}",
                    super::kind(other)
                ),
            ));
        }
    };
    let mut out = Vec::new();
    for (i, e) in list.iter().enumerate() {
        let at = format!("{at}/{i}");
        let o = r.object(e, &at)?;
        let title = r.opt_str(o, "title", &at)?.unwrap_or("Example").trim();
        let n = i + 1;
        if let Some(input) = r.opt_str(o, "input", &at)?
            && let Some(body) = request_body(input)
        {
            out.push(VendorExample {
                title: format!("Example{n} {title} (input)"),
                kind: "request",
                status: None,
                body,
            });
        }
        if let Some(output) = r.opt_str(o, "output", &at)? {
            let body = format!("{}\n", output.trim_end());
            let kind = if output.contains("\"Error\"") {
                "error"
            } else {
                "success"
            };
            out.push(VendorExample {
                title: format!("Example{n} {title} (output)"),
                kind,
                status: Some(200),
                body,
            });
        }
    }
    Ok(out)
}

/// The JSON body of a documented HTTP request (after the blank line ending the headers), or
/// the whole text when it is already JSON.
fn request_body(input: &str) -> Option<String> {
    let body = match input.split_once("\n\n") {
        Some((head, body)) if head.starts_with("POST") || head.starts_with("GET") => body,
        _ => input,
    };
    let body = body.trim();
    (body.starts_with('{') && serde_json::from_str::<Value>(body).is_ok())
        .then(|| format!("{body}\n"))
}

/// The codes an action may return, with their messages.
fn action_errors(file: &str, doc: &Value, action: &str) -> Result<Vec<ErrorCode>, VendorError> {
    let r = Reader { file };
    let at = format!("/actions/{}", escape_pointer(action));
    let codes = match doc.get("actions").and_then(|a| a.get(action)) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(codes)) => codes,
        Some(other) => {
            return Err(r.err(
                &at,
                format!("expected an array of codes, found {}", super::kind(other)),
            ));
        }
    };
    let messages = doc.get("messages").and_then(Value::as_object);
    let mut out = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        let Value::String(code) = c else {
            return Err(r.err(
                &format!("{at}/{i}"),
                format!("expected an error code, found {}", super::kind(c)),
            ));
        };
        let description = messages
            .and_then(|m| m.get(code))
            .and_then(Value::as_str)
            .map(str::to_string);
        out.push(ErrorCode {
            code: code.clone(),
            status: None,
            message: None,
            description,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out.dedup_by(|a, b| a.code == b.code);
    Ok(out)
}

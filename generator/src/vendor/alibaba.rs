//! Alibaba Cloud's API metadata ("api-docs"): `info` (style, product, version), `apis` (per
//! operation `methods`, `path` for ROA, `parameters` with `in`, `style` and a JSON-Schema-like
//! `schema`), `endpoints` (region id → host) and, in the full format the vendor serves,
//! `summary`, `description`, schema `description`/`example`/`enumValueTitles`, `responses` and
//! `errorCodes`. The public mirror strips those; whatever the file has is read.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{
    Carries, ErrorCode, Reader, Restored, Shape, VendorError, VendorExample, VendorOperation,
    VendorParam, VendorService, escape_pointer, plain_text, scalar_text,
};
use crate::spec::{Format, Protocol, Provider, WireLocation, WireStyle};

/// Reads an api-docs document (already parsed).
pub fn read(path: &Path, doc: &Value) -> Result<VendorService, VendorError> {
    let file = path.display().to_string();
    let r = Reader { file: &file };
    let top = r.object(doc, "")?;
    let info = r.object(&top["info"], "/info")?;
    let style = r.str(info, "style", "/info")?;
    let protocol = match style.to_ascii_uppercase().as_str() {
        "RPC" => Protocol::AlibabaRpc,
        "ROA" => Protocol::AlibabaRoa,
        other => {
            return Err(r.err(
                "/info/style",
                format!("unknown API style `{other}` (expected RPC or ROA)"),
            ));
        }
    };
    let version = r.str(info, "version", "/info")?.to_string();
    let product_name = r.str(info, "product", "/info")?;
    let product =
        product_from_path(path, &version).unwrap_or_else(|| product_name.to_ascii_lowercase());

    let schemas = match top.get("components").and_then(|c| c.get("schemas")) {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let cx = Cx {
        r: &r,
        schemas: &schemas,
    };
    let apis = r.object(&top["apis"], "/apis")?;
    let mut carries = Carries {
        enums: true,
        constraints: true,
        ..Carries::default()
    };
    let mut operations = BTreeMap::new();
    for (name, v) in apis {
        let at = format!("/apis/{}", escape_pointer(name));
        let a = r.object(v, &at)?;
        let op = operation(&cx, name, a, &at, protocol, &mut carries)?;
        operations.insert(name.clone(), op);
    }

    let mut endpoints = Vec::new();
    match top.get("endpoints") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, e) in list.iter().enumerate() {
                let at = format!("/endpoints/{i}");
                let o = r.object(e, &at)?;
                endpoints.push((
                    r.str(o, "regionId", &at)?.to_string(),
                    r.str(o, "endpoint", &at)?.to_string(),
                ));
            }
        }
        Some(other) => {
            return Err(r.err(
                "/endpoints",
                format!("expected an array, found {}", super::kind(other)),
            ));
        }
    }
    let source = super::source_name(path);
    let restored = match info.get("x-cloudspec-restored") {
        None | Some(Value::Null) => None,
        Some(v) => Some(restored(&r, v, &source)?),
    };
    Ok(VendorService {
        provider: Provider::Alibaba,
        product,
        version,
        protocol,
        source,
        language: None,
        carries,
        endpoints,
        operations,
        types: BTreeMap::new(),
        error_messages: BTreeMap::new(),
        restored,
    })
}

/// `info["x-cloudspec-restored"]`: what `scripts/alibaba_sdk_metadata.py` added to the
/// mirror's file from the official Python SDK (`package`, `version`, `script`), as the note
/// the spec's service says once.
fn restored(r: &Reader<'_>, v: &Value, source: &str) -> Result<Restored, VendorError> {
    let at = "/info/x-cloudspec-restored";
    let o = r.object(v, at)?;
    let package = r.str(o, "package", at)?;
    let version = r.str(o, "version", at)?;
    let script = r.str(o, "script", at)?;
    Ok(Restored {
        note: format!(
            "{RESTORED_PREFIX} {source} were restored there from the official Python SDK, \
             {package} {version} (the comments on its request and response models), by {script}: \
             the public mirror of the vendor's metadata strips them. The SDK has no operation \
             summaries."
        ),
        source: format!("https://pypi.org/project/{package}/{version}/"),
    })
}

/// How the service's note on restored facts begins, so a re-import finds and replaces it.
pub const RESTORED_PREFIX: &str =
    "Parameter descriptions and response fields of the operations drafted from";

/// `…/swas-open/2020-06-01/api-docs.json` → `swas-open`, when the directory names the version.
fn product_from_path(path: &Path, version: &str) -> Option<String> {
    let dir = path.parent()?;
    (dir.file_name()?.to_str()? == version)
        .then(|| dir.parent()?.file_name()?.to_str().map(str::to_string))
        .flatten()
}

struct Cx<'a> {
    r: &'a Reader<'a>,
    schemas: &'a Map<String, Value>,
}

fn operation(
    cx: &Cx<'_>,
    name: &str,
    a: &Map<String, Value>,
    at: &str,
    protocol: Protocol,
    carries: &mut Carries,
) -> Result<VendorOperation, VendorError> {
    let r = cx.r;
    let summary = r
        .opt_str(a, "summary", at)?
        .or(r.opt_str(a, "title", at)?)
        .map(plain_text)
        .filter(|s| !s.is_empty());
    let description = r
        .opt_str(a, "description", at)?
        .map(plain_text)
        .filter(|s| !s.is_empty());
    if summary.is_some() {
        carries.descriptions = true;
    }
    let method = match (protocol, a.get("methods")) {
        (Protocol::AlibabaRoa, Some(Value::Array(m))) => m
            .first()
            .and_then(Value::as_str)
            .map(str::to_ascii_uppercase),
        _ => None,
    };
    let path = match protocol {
        Protocol::AlibabaRoa => r.opt_str(a, "path", at)?.map(str::to_string),
        _ => None,
    };
    let mut parameters = Vec::new();
    match a.get("parameters") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, p) in list.iter().enumerate() {
                let pat = format!("{at}/parameters/{i}");
                parameters.extend(parameter(cx, p, &pat, carries)?);
            }
        }
        Some(other) => {
            return Err(r.err(
                &format!("{at}/parameters"),
                format!("expected an array, found {}", super::kind(other)),
            ));
        }
    }
    let response = match a.get("responses").and_then(|x| x.get("200")) {
        Some(resp) => {
            carries.responses = true;
            let rat = format!("{at}/responses/200");
            match resp.get("schema") {
                Some(schema) => {
                    let p = schema_param(cx, "", schema, &format!("{rat}/schema"), carries, 0)?;
                    match p.shape {
                        Shape::Object(fields) => Some(fields),
                        _ => Some(Vec::new()),
                    }
                }
                None => Some(Vec::new()),
            }
        }
        None => None,
    };
    let mut errors = Vec::new();
    if let Some(codes) = a.get("errorCodes") {
        carries.errors = true;
        let eat = format!("{at}/errorCodes");
        let by_status = r.object(codes, &eat)?;
        for (status, list) in by_status {
            let sat = format!("{eat}/{}", escape_pointer(status));
            let Value::Array(list) = list else {
                return Err(r.err(&sat, "expected an array of error codes"));
            };
            let status = status.parse::<u16>().ok();
            for (i, e) in list.iter().enumerate() {
                let iat = format!("{sat}/{i}");
                let o = r.object(e, &iat)?;
                errors.push(ErrorCode {
                    code: r.str(o, "errorCode", &iat)?.to_string(),
                    status,
                    message: r.opt_str(o, "errorMessage", &iat)?.map(str::to_string),
                    description: r
                        .opt_str(o, "description", &iat)?
                        .map(plain_text)
                        .filter(|d| !d.is_empty()),
                });
            }
        }
        errors.sort_by(|a, b| a.code.cmp(&b.code));
        errors.dedup_by(|a, b| a.code == b.code);
    }
    let mut examples = Vec::new();
    if let Some(demo) = r.opt_str(a, "responseDemo", at)? {
        carries.examples = true;
        if let Ok(Value::Array(list)) = serde_json::from_str::<Value>(demo) {
            for (i, d) in list.iter().enumerate() {
                let body = d.get("example").and_then(Value::as_str);
                let kind = match d.get("type").and_then(Value::as_str) {
                    Some("json") | None => "success",
                    Some(_) => continue,
                };
                if let Some(body) = body {
                    examples.push(VendorExample {
                        title: format!("Example{} (output)", i + 1),
                        kind,
                        status: Some(200),
                        body: format!("{}\n", body.trim_end()),
                    });
                }
            }
        }
    }
    Ok(VendorOperation {
        name: name.to_string(),
        summary,
        description,
        deprecated: r.opt_bool(a, "deprecated", at)?.unwrap_or(false),
        method,
        path,
        parameters,
        response,
        response_envelope: None,
        errors,
        examples,
    })
}

/// One parameter; a ROA JSON body given as one object parameter becomes its members.
fn parameter(
    cx: &Cx<'_>,
    v: &Value,
    at: &str,
    carries: &mut Carries,
) -> Result<Vec<VendorParam>, VendorError> {
    let r = cx.r;
    let o = r.object(v, at)?;
    let name = r.str(o, "name", at)?;
    let location = match r.opt_str(o, "in", at)? {
        None | Some("query") => WireLocation::Query,
        Some("formData") => WireLocation::Form,
        Some("body") => WireLocation::Json,
        Some("path") => WireLocation::Path,
        Some("header") => WireLocation::Header,
        Some(other) => {
            return Err(r.err(
                &format!("{at}/in"),
                format!(
                    "unknown location `{other}` (expected query, formData, body, path or header)"
                ),
            ));
        }
    };
    let style = match r.opt_str(o, "style", at)? {
        None => None,
        Some("repeatList" | "flat") => Some(WireStyle::Flat),
        Some("json") => Some(WireStyle::Json),
        Some("simple") => Some(WireStyle::Comma),
        Some(other) => {
            return Err(r.err(
                &format!("{at}/style"),
                format!("unknown style `{other}` (expected repeatList, flat, json or simple)"),
            ));
        }
    };
    let Some(schema) = o.get("schema") else {
        return Err(r.err(at, "missing `schema`"));
    };
    let mut p = schema_param(cx, name, schema, &format!("{at}/schema"), carries, 0)?;
    // ROA sends a JSON body described as one object parameter (`body`): its members are the
    // operation's parameters, each in the JSON body.
    if location == WireLocation::Json
        && let Shape::Object(members) = &p.shape
        && !members.is_empty()
    {
        return Ok(members
            .iter()
            .cloned()
            .map(|mut m| {
                m.location = Some(WireLocation::Json);
                m
            })
            .collect());
    }
    p.location = Some(location);
    p.style = match (style, &p.shape) {
        // A scalar has no flattening style.
        (_, Shape::Scalar(_)) => None,
        (s, _) => s,
    };
    Ok(vec![p])
}

/// A schema as a parameter named `name`.
fn schema_param(
    cx: &Cx<'_>,
    name: &str,
    schema: &Value,
    at: &str,
    carries: &mut Carries,
    depth: usize,
) -> Result<VendorParam, VendorError> {
    let r = cx.r;
    if depth > 32 {
        return Err(r.err(
            at,
            "schemas nest more than 32 levels deep (a reference cycle?)",
        ));
    }
    let o = r.object(schema, at)?;
    if let Some(reference) = r.opt_str(o, "$ref", at)? {
        let target = reference
            .strip_prefix("#/components/schemas/")
            .and_then(|n| cx.schemas.get(n))
            .ok_or_else(|| {
                r.err(
                    &format!("{at}/$ref"),
                    format!("`{reference}` is not in `components.schemas`"),
                )
            })?;
        return schema_param(cx, name, target, at, carries, depth + 1);
    }
    let ty = r.opt_str(o, "type", at)?.unwrap_or("string");
    let format = r.opt_str(o, "format", at)?;
    let shape = match ty {
        "string" => Shape::Scalar("string"),
        "integer" => Shape::Scalar("integer"),
        "number" => Shape::Scalar("number"),
        "boolean" => Shape::Scalar("boolean"),
        "array" => {
            let items = match o.get("items") {
                Some(items) => {
                    schema_param(cx, "", items, &format!("{at}/items"), carries, depth + 1)?
                }
                None => VendorParam::new("", Shape::Scalar("string")),
            };
            Shape::Array(Box::new(items))
        }
        "object" => {
            if let Some(props) = o.get("properties") {
                let pat = format!("{at}/properties");
                let props = r.object(props, &pat)?;
                let mut members = Vec::new();
                for (k, s) in props {
                    let kat = format!("{pat}/{}", escape_pointer(k));
                    members.push(schema_param(cx, k, s, &kat, carries, depth + 1)?);
                }
                Shape::Object(members)
            } else if let Some(values) = o.get("additionalProperties").filter(|v| v.is_object()) {
                let vat = format!("{at}/additionalProperties");
                Shape::Map(Box::new(schema_param(
                    cx,
                    "",
                    values,
                    &vat,
                    carries,
                    depth + 1,
                )?))
            } else {
                // An object without members is free-form: a map of strings to any JSON text
                // is not expressible, so it travels as a string holding JSON.
                Shape::Map(Box::new(VendorParam::new("", Shape::Scalar("string"))))
            }
        }
        "any" => Shape::Scalar("string"),
        other => {
            return Err(r.err(
                &format!("{at}/type"),
                format!("unknown type `{other}` (expected string, integer, number, boolean, array or object)"),
            ));
        }
    };
    let mut p = VendorParam::new(name, shape);
    p.format = match format {
        Some("date-time") => Some(Format::DateTime),
        _ => None,
    };
    p.required = r.opt_bool(o, "required", at)?.unwrap_or(false);
    p.deprecated = r.opt_bool(o, "deprecated", at)?.unwrap_or(false);
    if let Some(d) = r.opt_str(o, "description", at)? {
        carries.descriptions = true;
        p.description = Some(plain_text(d)).filter(|d| !d.is_empty());
    }
    if let Some(e) = o.get("example") {
        carries.examples = true;
        p.example = example_value(&p.shape, e);
    }
    p.default = o.get("default").and_then(|d| example_value(&p.shape, d));
    if let Some(Value::Array(values)) = o.get("enum") {
        p.enum_values = values
            .iter()
            .filter_map(|v| typed_scalar(&p.shape, v))
            .collect();
    }
    if let Some(Value::Object(titles)) = o.get("enumValueTitles") {
        for (k, v) in titles {
            if let Some(t) = scalar_text(v).filter(|t| !t.trim().is_empty()) {
                p.enum_titles.insert(k.clone(), plain_text(&t));
            }
        }
    }
    p.min_length = r.opt_u64(o, "minLength", at)?;
    p.max_length = r.opt_u64(o, "maxLength", at)?;
    p.min_items = r.opt_u64(o, "minItems", at)?;
    p.max_items = r.opt_u64(o, "maxItems", at)?;
    // Bounds of a `number` may be fractional; only whole bounds are constraints the spec can
    // state, so fractional ones are left to the description.
    if matches!(p.shape, Shape::Scalar("integer") | Shape::Scalar("number")) {
        p.minimum = r.opt_i64(o, "minimum", at).ok().flatten();
        p.maximum = r.opt_i64(o, "maximum", at).ok().flatten();
    }
    p.pattern = r.opt_str(o, "pattern", at)?.map(str::to_string);
    Ok(p)
}

/// A schema value (`example`, `default`, an `enum` member) as a value of the parameter's
/// type: the mirror writes numbers and booleans as strings.
fn typed_scalar(shape: &Shape, v: &Value) -> Option<Value> {
    let text = scalar_text(v)?;
    match shape {
        Shape::Scalar("integer") => text.trim().parse::<i64>().ok().map(Value::from),
        Shape::Scalar("number") => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Shape::Scalar("boolean") => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Shape::Scalar(_) => Some(Value::String(text)),
        _ => None,
    }
}

/// An example: scalars typed, arrays of scalars given as JSON text parsed.
fn example_value(shape: &Shape, v: &Value) -> Option<Value> {
    match shape {
        Shape::Scalar(_) => typed_scalar(shape, v).filter(|v| v.as_str() != Some("")),
        Shape::Array(item) => {
            let parsed = match v {
                Value::String(s) => serde_json::from_str::<Value>(s).ok()?,
                other => other.clone(),
            };
            let Value::Array(items) = parsed else {
                return None;
            };
            let typed: Option<Vec<Value>> =
                items.iter().map(|i| typed_scalar(&item.shape, i)).collect();
            typed.map(Value::Array)
        }
        _ => None,
    }
}

//! A [`VendorService`] drafted as spec blocks (`serde_json::Value`s with the format's keys),
//! as a person transcribing the metadata would write them: wire locations and styles only
//! where they differ from the service's defaults, named types for the metadata's named
//! objects, nullable and required flags from the metadata, and the constraints its prose
//! states proposed ([`super::prose`]) with the sentence each comes from, marked `proposed:
//! true` for a curator to confirm or remove.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::prose::{self, Proposed, Subject};
use crate::spec::{Format, Protocol, Provider, WireLocation, WireStyle};
use crate::vendor::{Shape, VendorOperation, VendorParam, VendorService, VendorType};

/// The note of a provenance entry naming the metadata as the source of a constraint it
/// states as data (so the constraint needs no cited sentence).
pub const FROM_METADATA: &str = "Stated as data in the API metadata.";

/// Where parameters travel unless they say otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireDefaults {
    /// The default location.
    pub location: WireLocation,
    /// The default style of structured values.
    pub style: WireStyle,
}

impl WireDefaults {
    /// The protocol's defaults (`spec::Protocol`'s table), which a drafted service declares.
    pub fn for_protocol(protocol: Protocol) -> WireDefaults {
        WireDefaults {
            location: protocol.default_location(),
            style: protocol.default_style(),
        }
    }
}

/// The `service` block of a new spec file.
pub fn service(v: &VendorService) -> Value {
    let mut s = Map::new();
    s.insert("provider".into(), json!(v.provider));
    s.insert("product".into(), json!(v.product));
    s.insert("name".into(), json!(v.product.to_ascii_uppercase()));
    s.insert("version".into(), json!(v.version));
    s.insert("protocol".into(), json!(v.protocol));
    if v.provider == Provider::Tencent {
        s.insert("signingName".into(), json!(v.product));
    }
    if v.provider == Provider::Alibaba {
        s.insert("lenientScalars".into(), json!(true));
    }
    s.insert("endpoints".into(), endpoints(v));
    let wire = WireDefaults::for_protocol(v.protocol);
    s.insert(
        "wire".into(),
        json!({"in": wire.location.spec_name(), "style": wire.style.spec_name()}),
    );
    if v.provider == Provider::Tencent {
        s.insert("commonParameters".into(), tencent_common_parameters());
    }
    let mut provenance = vec![
        json!({"about": "name", "note": "The metadata has no English service name; this one is the product id in capitals."}),
        json!({"about": "source", "note": format!("Drafted by `cloudspec import` from {}.", v.source), "source": v.source}),
    ];
    provenance.extend(restored(v));
    s.insert("provenance".into(), Value::Array(provenance));
    Value::Object(s)
}

/// The service's provenance entry on what the metadata file restored from another source
/// (said once for the service, not per operation or parameter).
pub fn restored(v: &VendorService) -> Option<Value> {
    v.restored
        .as_ref()
        .map(|r| json!({"about": "source", "note": r.note, "source": r.source}))
}

/// Tencent API 3.0's common parameters: the action and version travel as headers the protocol
/// fills; the region as a header from the client's configuration.
fn tencent_common_parameters() -> Value {
    json!([
        {"name": "Action", "type": "string", "required": true,
         "description": "Common Params. The name of the API.", "in": "header", "protocolFilled": true},
        {"name": "Version", "type": "string", "required": true,
         "description": "Common Params. The API version.", "in": "header", "protocolFilled": true},
        {"name": "Region", "type": "string", "required": true,
         "description": "Common Params. For more information, please see the list of regions supported by the product.",
         "in": "header"},
    ])
}

/// The endpoint rule the metadata's region list implies: Tencent has one central host per
/// product; Alibaba lists a host per region, mostly `{product}.{region}.aliyuncs.com`.
fn endpoints(v: &VendorService) -> Value {
    if v.provider == Provider::Tencent || v.endpoints.is_empty() {
        let host = match v.provider {
            Provider::Tencent => format!("{}.tencentcloudapi.com", v.product),
            Provider::Alibaba => format!("{}.aliyuncs.com", v.product),
        };
        let mut e = Map::new();
        e.insert("rule".into(), json!("central"));
        e.insert("host".into(), json!(host));
        if v.provider == Provider::Tencent {
            e.insert(
                "internationalHost".into(),
                json!(format!("{}.intl.tencentcloudapi.com", v.product)),
            );
        }
        return Value::Object(e);
    }
    // Count the templates the hosts follow.
    let mut templates: BTreeMap<String, usize> = BTreeMap::new();
    for (region, host) in &v.endpoints {
        if let Some((pre, post)) = host.split_once(&format!(".{region}.")) {
            *templates
                .entry(format!("{pre}.{{region}}.{post}"))
                .or_default() += 1;
        }
    }
    let best = templates
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(t, n)| (t.clone(), *n));
    let mut e = Map::new();
    match best {
        Some((template, n)) if n * 2 >= v.endpoints.len() => {
            let mut regions = Vec::new();
            let mut map = Map::new();
            for (region, host) in &v.endpoints {
                regions.push(json!(region));
                if template.replace("{region}", region) != *host {
                    map.insert(region.clone(), json!(host));
                }
            }
            e.insert("rule".into(), json!("regional"));
            e.insert("host".into(), json!(template));
            if !map.is_empty() {
                e.insert("regionMap".into(), Value::Object(map));
            }
            e.insert("regions".into(), Value::Array(regions));
        }
        _ => {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for (_, host) in &v.endpoints {
                *counts.entry(host).or_default() += 1;
            }
            let central = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(h, _)| h.to_string())
                .unwrap_or_default();
            let mut map = Map::new();
            for (region, host) in &v.endpoints {
                if *host != central {
                    map.insert(region.clone(), json!(host));
                }
            }
            e.insert("rule".into(), json!("central"));
            e.insert("host".into(), json!(central));
            if !map.is_empty() {
                e.insert("regionMap".into(), Value::Object(map));
            }
        }
    }
    Value::Object(e)
}

/// What drafting needs besides the parameter.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The service's wire defaults.
    pub wire: WireDefaults,
    /// Whether the value is received (a response field or a member of a returned type).
    pub response: bool,
    /// The names of the operation's other parameters (for mutual exclusion).
    pub siblings: &'a [&'a str],
    /// Whether to propose constraints from prose.
    pub propose: bool,
    /// The metadata file, named in the provenance of constraints it states as data.
    pub source: &'a str,
}

/// A drafted operation, with the mutual-exclusion rules its parameters' prose proposes.
pub fn operation(v: &VendorService, op: &VendorOperation, wire: WireDefaults) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(op.name));
    let summary = op
        .summary
        .clone()
        .unwrap_or_else(|| format!("{}.", words(&op.name)));
    o.insert("summary".into(), json!(summary));
    if let Some(d) = &op.description {
        o.insert("description".into(), json!(d));
    }
    o.insert(
        "source".into(),
        json!([{
            "url": v.source,
            "language": v.language.as_deref().unwrap_or("en"),
            "role": "metadata",
        }]),
    );
    let (request, mut repeated) = distinct(&op.parameters, "parameters");
    let names: Vec<&str> = request.iter().map(|p| p.name.as_str()).collect();
    let cx = Cx {
        wire,
        response: false,
        siblings: &names,
        propose: true,
        source: &v.source,
    };
    let mut params = Vec::new();
    let mut rules: Vec<Value> = Vec::new();
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for p in request {
        let (value, exclusive) = param(p, cx);
        params.push(value);
        for (other, says) in exclusive {
            let pair = if p.name < other {
                (p.name.clone(), other.clone())
            } else {
                (other.clone(), p.name.clone())
            };
            if pairs.insert(pair.clone()) {
                rules.push(json!({
                    "kind": "mutuallyExclusive",
                    "parameters": [pair.0, pair.1],
                    "says": says,
                    "proposed": true,
                }));
            }
        }
    }
    if let Some(m) = &op.method {
        o.insert("method".into(), json!(m));
    }
    if let Some(p) = &op.path {
        o.insert("path".into(), json!(p));
    }
    o.insert("parameters".into(), Value::Array(params));
    if !rules.is_empty() {
        o.insert("rules".into(), Value::Array(rules));
    }
    if let Some(response) = &op.response {
        let rcx = Cx {
            response: true,
            propose: false,
            ..cx
        };
        let (fields, dropped) = distinct(response, "response");
        repeated.extend(dropped);
        let fields: Vec<Value> = fields.into_iter().map(|p| param(p, rcx).0).collect();
        o.insert("response".into(), Value::Array(fields));
    }
    if let Some(env) = &op.response_envelope {
        o.insert("responseEnvelope".into(), json!(env));
    }
    if !op.errors.is_empty() {
        let errors: Vec<Value> = op
            .errors
            .iter()
            .map(|e| {
                let mut m = Map::new();
                if let Some(s) = e.status {
                    m.insert("status".into(), json!(s));
                }
                m.insert("code".into(), json!(e.code));
                if let Some(msg) = &e.message {
                    m.insert("message".into(), json!(msg));
                }
                let description = e
                    .description
                    .clone()
                    .or_else(|| v.error_messages.get(&e.code).cloned());
                if let Some(d) = description {
                    m.insert("description".into(), json!(d));
                }
                Value::Object(m)
            })
            .collect();
        o.insert("errors".into(), Value::Array(errors));
    }
    let mut provenance = repeated;
    let mut examples = Vec::new();
    for e in &op.examples {
        // A response example must be JSON; the metadata's few broken ones are left out, with
        // the reason, rather than written into a spec that would not check.
        match serde_json::from_str::<Value>(&e.body) {
            Err(err) if e.kind != "request" => provenance.push(json!({
                "about": "examples",
                "note": format!(
                    "The metadata's example \"{}\" is not valid JSON (line {}, column {}: {}); it is left out.",
                    e.title,
                    err.line(),
                    err.column(),
                    err
                ),
            })),
            _ => examples.push(example(e)),
        }
    }
    if !examples.is_empty() {
        o.insert("examples".into(), Value::Array(examples));
    }
    if op.summary.is_none() {
        provenance.push(json!({
            "about": "summary",
            "note": "The metadata has no summary; this one is the operation's name in words.",
        }));
    }
    if op.deprecated {
        provenance.push(json!({
            "about": "deprecated",
            "note": "The metadata marks this operation deprecated.",
        }));
    }
    if !provenance.is_empty() {
        o.insert("provenance".into(), Value::Array(provenance));
    }
    Value::Object(o)
}

/// A documented example.
pub fn example(e: &crate::vendor::VendorExample) -> Value {
    let mut m = Map::new();
    m.insert("title".into(), json!(e.title));
    m.insert("kind".into(), json!(e.kind));
    if let Some(s) = e.status {
        m.insert("status".into(), json!(s));
    }
    m.insert("body".into(), json!(e.body));
    Value::Object(m)
}

/// `CreateCustomImage` → `Create custom image`.
fn words(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase()
                || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            out.push(' ');
        }
        let lower_it =
            i > 0 && boundary && !chars.get(i + 1).is_some_and(|n| n.is_ascii_uppercase());
        if lower_it {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// The kind of value a shape is, for the prose extractor.
fn subject(shape: &Shape) -> Subject {
    match shape {
        Shape::Scalar("string") => Subject::String,
        Shape::Scalar("integer") => Subject::Integer,
        Shape::Scalar("number") => Subject::Number,
        Shape::Scalar(_) => Subject::Boolean,
        Shape::Array(_) => Subject::Array,
        Shape::Named(_) | Shape::Object(_) | Shape::Map(_) => Subject::Object,
    }
}

/// A drafted parameter (or response field, or member), and the parameters its prose says it
/// cannot be sent with (with the sentence).
pub fn param(p: &VendorParam, cx: Cx<'_>) -> (Value, Vec<(String, String)>) {
    let mut m = Map::new();
    if !p.name.is_empty() {
        m.insert("name".into(), json!(p.name));
    }
    m.insert("type".into(), json!(p.shape.spec_type()));
    // A path segment cannot be left out, whatever the metadata's flag says.
    let in_path = !cx.response && p.location == Some(WireLocation::Path);
    if p.required || in_path {
        m.insert("required".into(), json!(true));
    }
    if p.format == Some(Format::DateTime) {
        m.insert("format".into(), json!("date-time"));
    }
    if cx.response && p.nullable {
        m.insert("nullable".into(), json!(true));
    }
    if let Some(d) = &p.description {
        m.insert("description".into(), json!(d));
    }
    if let Some(e) = &p.example {
        m.insert("example".into(), e.clone());
    }
    if let Some(d) = &p.default {
        m.insert("default".into(), d.clone());
    }
    if !p.enum_values.is_empty() {
        m.insert("enum".into(), Value::Array(p.enum_values.clone()));
        let titles: Map<String, Value> = p
            .enum_values
            .iter()
            .filter_map(|v| {
                let key = crate::vendor::scalar_text(v)?;
                let title = p.enum_titles.get(&key)?;
                (title != &key).then(|| (key, json!(title)))
            })
            .collect();
        if !titles.is_empty() {
            m.insert("enumDescriptions".into(), Value::Object(titles));
        }
    }
    let structural = [
        ("minLength", p.min_length.map(Value::from)),
        ("maxLength", p.max_length.map(Value::from)),
        ("pattern", p.pattern.clone().map(Value::from)),
        ("minItems", p.min_items.map(Value::from)),
        ("maxItems", p.max_items.map(Value::from)),
        ("minimum", p.minimum.map(Value::from)),
        ("maximum", p.maximum.map(Value::from)),
    ];
    let mut sourced = Vec::new();
    if in_path && !p.required {
        sourced.push(json!({
            "about": "required",
            "note": "In the URL path, so required; the metadata marks it optional.",
        }));
    }
    if p.deprecated {
        sourced.push(json!({
            "about": "deprecated",
            "note": "The metadata marks this parameter deprecated.",
        }));
    }
    for (k, v) in structural {
        // Only what fits the type: the metadata puts `maxLength` on arrays now and then.
        let fits = match k {
            "minLength" | "maxLength" | "pattern" => matches!(p.shape, Shape::Scalar("string")),
            "minItems" | "maxItems" => matches!(p.shape, Shape::Array(_)),
            _ => matches!(p.shape, Shape::Scalar("integer" | "number")),
        };
        if let Some(v) = v.filter(|_| fits && !cx.response) {
            m.insert(k.into(), v);
            sourced.push(json!({
                "about": k,
                "note": FROM_METADATA,
                "source": cx.source,
            }));
        }
    }
    let mut exclusive = Vec::new();
    if cx.propose
        && !cx.response
        && let Some(d) = &p.description
    {
        exclusive = propose(&mut m, p, d, cx.siblings);
    }
    match &p.shape {
        Shape::Array(item) | Shape::Map(item) => {
            let key = if matches!(p.shape, Shape::Array(_)) {
                "items"
            } else {
                "values"
            };
            let (value, dropped) = items(item, cx);
            m.insert(key.into(), value);
            sourced.extend(dropped);
        }
        Shape::Object(members) => {
            let inner = Cx {
                siblings: &[],
                ..cx
            };
            let (props, dropped) = members_of(members, inner);
            m.insert("properties".into(), Value::Array(props));
            sourced.extend(dropped);
        }
        _ => {}
    }
    if !sourced.is_empty() {
        m.insert("provenance".into(), Value::Array(sourced));
    }
    if !cx.response {
        if let Some(loc) = p.location.filter(|l| *l != cx.wire.location) {
            m.insert("in".into(), json!(loc.spec_name()));
        }
        let structured = !matches!(p.shape, Shape::Scalar(_));
        if let Some(style) = p.style.filter(|s| structured && *s != cx.wire.style) {
            m.insert("style".into(), json!(style.spec_name()));
        }
    }
    (Value::Object(m), exclusive)
}

/// An array's items or a map's values, and the provenance of members left out.
fn items(item: &VendorParam, cx: Cx<'_>) -> (Value, Vec<Value>) {
    let mut m = Map::new();
    m.insert("type".into(), json!(item.shape.spec_type()));
    if item.format == Some(Format::DateTime) {
        m.insert("format".into(), json!("date-time"));
    }
    if let Some(d) = &item.description {
        m.insert("description".into(), json!(d));
    }
    if !item.enum_values.is_empty() {
        m.insert("enum".into(), Value::Array(item.enum_values.clone()));
    }
    if let Shape::Object(members) = &item.shape {
        let inner = Cx {
            siblings: &[],
            ..cx
        };
        let (props, dropped) = members_of(members, inner);
        m.insert("properties".into(), Value::Array(props));
        return (Value::Object(m), dropped);
    }
    (Value::Object(m), Vec::new())
}

/// The entries of a list that a spec can hold: not hidden, not repeating an earlier one's
/// name, exactly or in other case (the Alibaba metadata lists `Key` and `key` for one tag
/// member; the names, and the generated Rust names, would collide), and of a shape the format
/// states (not a list or map of lists or maps). Of two with one name, one in the URL path
/// wins (the route needs it; CS lists `cluster_id` in the path and in the body). Each entry
/// left out gets a provenance entry saying so (`about`: what the list is).
pub fn distinct<'p>(list: &'p [VendorParam], about: &str) -> (Vec<&'p VendorParam>, Vec<Value>) {
    let mut kept: Vec<&VendorParam> = Vec::new();
    let mut dropped = Vec::new();
    let mut note = |text: String| dropped.push(json!({"about": about, "note": text}));
    for p in list.iter().filter(|p| !p.hidden) {
        if !expressible(&p.shape) {
            note(format!(
                "The metadata's `{}` is a list or map of lists or maps, which the spec format cannot state; it is left out.",
                p.name
            ));
            continue;
        }
        if let Some(i) = kept
            .iter()
            .position(|k| k.name.eq_ignore_ascii_case(&p.name))
        {
            let first = kept[i];
            let how = if first.name == p.name {
                "a second time".to_string()
            } else {
                format!("as `{}` in other case", p.name)
            };
            note(format!(
                "The metadata lists `{}` {how}; the repetition is left out.",
                first.name
            ));
            let in_path = |q: &VendorParam| q.location == Some(WireLocation::Path);
            if in_path(p) && !in_path(first) {
                kept[i] = p;
            }
            continue;
        }
        kept.push(p);
    }
    (kept, dropped)
}

/// Whether the spec format can state a shape: an array's items and a map's values are a
/// scalar, a named type or an object, never another array or map.
fn expressible(shape: &Shape) -> bool {
    match shape {
        Shape::Array(item) | Shape::Map(item) => {
            !matches!(item.shape, Shape::Array(_) | Shape::Map(_)) && expressible(&item.shape)
        }
        Shape::Object(members) => members.iter().all(|m| expressible(&m.shape)),
        Shape::Scalar(_) | Shape::Named(_) => true,
    }
}

/// An object's members drafted, and the provenance of members left out ([`distinct`]).
fn members_of(members: &[VendorParam], cx: Cx<'_>) -> (Vec<Value>, Vec<Value>) {
    let (kept, dropped) = distinct(members, "members");
    (kept.into_iter().map(|p| param(p, cx).0).collect(), dropped)
}

/// Adds the constraints the description states, each cited with its sentence and marked
/// proposed; returns the mutual exclusions it states.
fn propose(
    m: &mut Map<String, Value>,
    p: &VendorParam,
    description: &str,
    siblings: &[&str],
) -> Vec<(String, String)> {
    let others: Vec<&str> = siblings.iter().copied().filter(|s| *s != p.name).collect();
    let mut exclusive = Vec::new();
    let mut cited: Vec<(String, Vec<&'static str>)> = Vec::new();
    for proposal in prose::extract(description, subject(&p.shape), &others) {
        let key = proposal.proposed.keyword();
        if m.contains_key(key) {
            // The metadata states it as data already.
            continue;
        }
        let value = match &proposal.proposed {
            Proposed::MinLength(n)
            | Proposed::MaxLength(n)
            | Proposed::MinItems(n)
            | Proposed::MaxItems(n) => json!(n),
            Proposed::Minimum(n) | Proposed::Maximum(n) => json!(n),
            Proposed::FirstChar { classes, chars } | Proposed::AllowedChars { classes, chars } => {
                let mut cs = Map::new();
                cs.insert("classes".into(), json!(classes));
                if !chars.is_empty() {
                    cs.insert("chars".into(), json!(chars));
                }
                Value::Object(cs)
            }
            Proposed::ForbiddenPrefixes(list) => json!(list),
            Proposed::Enum {
                values,
                descriptions,
            } => {
                let Some(typed) = typed_values(&p.shape, values) else {
                    continue;
                };
                if !descriptions.is_empty() {
                    let d: Map<String, Value> = descriptions
                        .iter()
                        .filter(|(k, v)| values.contains(k) && !v.is_empty())
                        .map(|(k, v)| (k.clone(), json!(v)))
                        .collect();
                    if !d.is_empty() && !m.contains_key("enumDescriptions") {
                        m.insert("enumDescriptions".into(), Value::Object(d));
                    }
                }
                Value::Array(typed)
            }
            Proposed::Default(text) => match typed_values(&p.shape, std::slice::from_ref(text)) {
                Some(mut v) if v.len() == 1 => v.remove(0),
                _ => continue,
            },
            Proposed::MutuallyExclusive(other) => {
                exclusive.push((other.clone(), proposal.says.clone()));
                continue;
            }
        };
        m.insert(key.into(), value);
        match cited.iter_mut().find(|(s, _)| *s == proposal.says) {
            Some((_, keys)) => keys.push(key),
            None => cited.push((proposal.says.clone(), vec![key])),
        }
    }
    if !cited.is_empty() {
        let list: Vec<Value> = cited
            .into_iter()
            .map(|(says, keys)| json!({"says": says, "for": keys, "proposed": true}))
            .collect();
        m.insert("citations".into(), Value::Array(list));
    }
    exclusive
}

/// Texts as values of the parameter's type, or `None` when one does not fit.
fn typed_values(shape: &Shape, texts: &[String]) -> Option<Vec<Value>> {
    texts
        .iter()
        .map(|t| match shape {
            Shape::Scalar("string") => Some(json!(t)),
            Shape::Scalar("integer") => t.trim().parse::<i64>().ok().map(Value::from),
            Shape::Scalar("boolean") => match t.trim() {
                "true" => Some(json!(true)),
                "false" => Some(json!(false)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The named types the operations reach, in order of first reference, each drafted.
pub fn types(v: &VendorService, ops: &[&VendorOperation], wire: WireDefaults) -> Vec<Value> {
    let source = v.source.as_str();
    let mut order: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut request_side: BTreeSet<String> = BTreeSet::new();
    fn walk(
        shape: &Shape,
        v: &VendorService,
        request: bool,
        order: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
        request_side: &mut BTreeSet<String>,
    ) {
        match shape {
            Shape::Named(n) => {
                // Each type's members are walked at most twice: when it is first reached, and
                // when it is first reached from a request; so types that contain themselves
                // (directly or through lists) end.
                let first = seen.insert(n.clone());
                if first {
                    order.push(n.clone());
                }
                let newly_request = request && request_side.insert(n.clone());
                if (first || newly_request)
                    && let Some(t) = v.types.get(n)
                {
                    for m in t.members.iter().filter(|m| !m.hidden) {
                        walk(&m.shape, v, request, order, seen, request_side);
                    }
                }
            }
            Shape::Array(i) | Shape::Map(i) => {
                walk(&i.shape, v, request, order, seen, request_side)
            }
            Shape::Object(ms) => {
                for m in ms {
                    walk(&m.shape, v, request, order, seen, request_side);
                }
            }
            Shape::Scalar(_) => {}
        }
    }
    for op in ops {
        for p in op.parameters.iter().filter(|p| !p.hidden) {
            walk(&p.shape, v, true, &mut order, &mut seen, &mut request_side);
        }
        for p in op.response.iter().flatten().filter(|p| !p.hidden) {
            walk(&p.shape, v, false, &mut order, &mut seen, &mut request_side);
        }
    }
    order
        .iter()
        .filter_map(|n| v.types.get(n))
        .map(|t| named_type(t, wire, !request_side.contains(&t.name), source))
        .collect()
}

/// One named type; `returned_only` types get `nullable` and no proposals.
fn named_type(t: &VendorType, wire: WireDefaults, returned_only: bool, source: &str) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(t.name));
    if let Some(d) = &t.description {
        m.insert("description".into(), json!(d));
    }
    let (members, dropped) = distinct(&t.members, "members");
    let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
    let cx = Cx {
        wire,
        response: returned_only,
        siblings: &names,
        propose: !returned_only,
        source,
    };
    let props: Vec<Value> = members.into_iter().map(|p| param(p, cx).0).collect();
    m.insert("properties".into(), Value::Array(props));
    if !dropped.is_empty() {
        m.insert("provenance".into(), Value::Array(dropped));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> Cx<'static> {
        Cx {
            wire: WireDefaults::for_protocol(Protocol::AlibabaRoa),
            response: false,
            siblings: &[],
            propose: false,
            source: "metadata/x/api-docs.json",
        }
    }

    #[test]
    fn a_path_parameter_is_required_whatever_the_metadata_says() {
        let mut p = VendorParam::new("cluster_id", Shape::Scalar("string"));
        p.location = Some(WireLocation::Path);
        p.deprecated = true;
        let (v, _) = param(&p, cx());
        assert_eq!(v["required"], json!(true));
        assert_eq!(v["in"], json!("path"));
        let abouts: Vec<&str> = v["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["about"].as_str().unwrap())
            .collect();
        assert_eq!(abouts, ["required", "deprecated"]);
    }

    #[test]
    fn distinct_keeps_the_path_one_and_leaves_out_what_the_format_cannot_state() {
        let mut body = VendorParam::new("cluster_id", Shape::Scalar("string"));
        body.location = Some(WireLocation::Json);
        let mut path = VendorParam::new("cluster_id", Shape::Scalar("string"));
        path.location = Some(WireLocation::Path);
        let nested = VendorParam::new(
            "priorities",
            Shape::Map(Box::new(VendorParam::new(
                "",
                Shape::Array(Box::new(VendorParam::new("", Shape::Scalar("string")))),
            ))),
        );
        let list = [body, nested, path];
        let (kept, notes) = distinct(&list, "parameters");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].location, Some(WireLocation::Path));
        let notes: Vec<&str> = notes.iter().map(|n| n["note"].as_str().unwrap()).collect();
        assert!(
            notes[0].contains("`priorities` is a list or map of lists or maps"),
            "{notes:?}"
        );
        assert!(notes[1].contains("`cluster_id` a second time"), "{notes:?}");
    }

    #[test]
    fn names_in_words() {
        assert_eq!(words("CreateCustomImage"), "Create custom image");
        assert_eq!(words("DescribeDBInstances"), "Describe DB instances");
        assert_eq!(words("ListImage"), "List image");
    }
}

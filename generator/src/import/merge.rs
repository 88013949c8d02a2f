//! Re-import: the metadata's facts laid over a spec without losing what a person added.
//!
//! Each key of the format is owned by the metadata or by the curator. The metadata owns the
//! shape of things (names, `type`, `items`, `properties`, `required`, `format`, `nullable` on
//! received fields, `in`, `style`, ROA's `method` and `path`) and, where the file carries
//! them ([`Carries`]), descriptions, examples, enumerations and constraints stated as data,
//! and error codes. Everything else (constraints from prose and their citations, rules,
//! notes, rate limits, paginators, waiters, Rust names, overrides, provenance) is the
//! curator's and is kept as written.
//!
//! A curator records a deliberate difference with a provenance entry on the element whose
//! `about` names the aspect (`required`, `type`, `enum`, `description`, `example`, `wire` for
//! `in` and `style`, a constraint keyword such as `maxItems`, or `drift` for all of them):
//! that aspect then keeps the spec's value. A parameter, field or error the metadata no
//! longer has is removed unless its provenance says why it is there (`about: row` or
//! `drift`); a member the metadata adds is left out when the container's `members` or
//! `drift` provenance names it.
//!
//! Values that mean the same are not rewritten (`required: false` and no `required`, a
//! location equal to the service's default), so re-importing unchanged metadata changes
//! nothing.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::draft::{self, WireDefaults};
use crate::vendor::{Carries, VendorOperation, VendorService};

/// What a merge did, for the command's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Operations added to the spec.
    pub added: Vec<String>,
    /// Operations the metadata changed.
    pub updated: Vec<String>,
    /// Operations of the spec the metadata does not have (kept).
    pub missing_upstream: Vec<String>,
    /// Metadata values the merge did not take, and why.
    pub notes: Vec<String>,
}

/// The spec `existing` (or a new one) with the metadata's view of `selected` laid over it.
/// `respect_explanations` is off only to list what the explanations hide.
pub fn merge(
    existing: Option<&Value>,
    v: &VendorService,
    selected: &[&VendorOperation],
    respect_explanations: bool,
) -> (Value, Outcome) {
    let mut out = Outcome::default();
    let mut doc = match existing {
        Some(Value::Object(m)) => m.clone(),
        _ => {
            let mut m = Map::new();
            m.insert("service".into(), draft::service(v));
            m
        }
    };
    if let Some(entry) = draft::restored(v)
        && let Some(Value::Object(service)) = doc.get_mut("service")
    {
        restored_provenance(service, entry);
    }
    let wire = wire_defaults(doc.get("service"), v);
    let notes = RefCell::new(Vec::new());
    let cx = Cx {
        carries: v.carries,
        wire,
        respect: respect_explanations,
        notes: &notes,
        page_prose: false,
    };

    // Named types.
    let drafted_types = draft::types(v, selected, wire);
    if !drafted_types.is_empty() {
        let mut types = match doc.remove("types") {
            Some(Value::Array(t)) => t,
            _ => Vec::new(),
        };
        for t in drafted_types {
            let name = t.get("name").cloned();
            match types.iter_mut().find(|e| e.get("name") == name.as_ref()) {
                Some(e) => *e = merge_type(e, &t, cx),
                None => types.push(t),
            }
        }
        doc.insert("types".into(), Value::Array(types));
    }

    // Operations.
    let mut ops = match doc.remove("operations") {
        Some(Value::Array(o)) => o,
        _ => Vec::new(),
    };
    let selected_names: BTreeSet<&str> = selected.iter().map(|o| o.name.as_str()).collect();
    for op in selected {
        let d = draft::operation(v, op, wire);
        match ops
            .iter_mut()
            .find(|e| e.get("name").and_then(Value::as_str) == Some(op.name.as_str()))
        {
            Some(e) => {
                // Prose the file restored from an SDK does not replace the prose of an
                // operation transcribed from its page.
                let cx = Cx {
                    page_prose: v.restored.is_some() && transcribed(e),
                    ..cx
                };
                let merged = merge_operation(e, &d, cx);
                if !same(e, &merged) {
                    out.updated.push(op.name.clone());
                }
                *e = merged;
            }
            None => {
                out.added.push(op.name.clone());
                ops.push(d);
            }
        }
    }
    for e in &ops {
        if let Some(name) = e.get("name").and_then(Value::as_str)
            && !v.operations.contains_key(name)
            && !selected_names.contains(name)
        {
            out.missing_upstream.push(name.to_string());
        }
    }
    doc.insert("operations".into(), Value::Array(ops));
    out.notes = notes.into_inner();
    (Value::Object(doc), out)
}

/// The service's note on what the metadata restored from another source: replaced where it
/// is (so a re-import of the same file changes nothing), added after the others otherwise.
fn restored_provenance(service: &mut Map<String, Value>, entry: Value) {
    let ours = |p: &Value| {
        p.get("note")
            .and_then(Value::as_str)
            .is_some_and(|n| n.starts_with(crate::vendor::alibaba::RESTORED_PREFIX))
    };
    let list = service
        .entry("provenance")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        match list.iter_mut().find(|p| ours(p)) {
            Some(p) => *p = entry,
            None => list.push(entry),
        }
    }
}

/// Whether an operation of the spec was transcribed from (or checked against) a documentation
/// page: a `source` whose role is not `metadata`.
fn transcribed(op: &Value) -> bool {
    op.get("source").and_then(Value::as_array).is_some_and(|l| {
        l.iter()
            .any(|s| s.get("role").and_then(Value::as_str) != Some("metadata"))
    })
}

#[derive(Clone, Copy)]
struct Cx<'a> {
    /// The operation's descriptions are its page's: the metadata's (restored from an SDK)
    /// neither replace them nor propose from them.
    page_prose: bool,
    carries: Carries,
    wire: WireDefaults,
    respect: bool,
    /// What the merge left as it was although the metadata differs, and why.
    notes: &'a RefCell<Vec<String>>,
}

/// The wire defaults of the spec's service block, or the protocol's.
fn wire_defaults(service: Option<&Value>, v: &VendorService) -> WireDefaults {
    let mut w = WireDefaults::for_protocol(v.protocol);
    if let Some(wire) = service.and_then(|s| s.get("wire")) {
        // The format's own spellings, read by its own types.
        if let Some(l) = wire
            .get("in")
            .cloned()
            .and_then(|l| serde_json::from_value(l).ok())
        {
            w.location = l;
        }
        if let Some(s) = wire
            .get("style")
            .cloned()
            .and_then(|s| serde_json::from_value(s).ok())
        {
            w.style = s;
        }
    }
    w
}

/// Equality that ignores key order and treats numbers by value.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The `about`s of an element's provenance (with their notes), but for the entries `import`
/// writes for constraints the metadata states: those record where a value came from, not a
/// deliberate difference from it.
fn abouts(e: &Value) -> Vec<(&str, &str)> {
    e.get("provenance")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|p| !from_metadata(p))
                .filter_map(|p| {
                    Some((
                        p.get("about")?.as_str()?,
                        p.get("note").and_then(Value::as_str).unwrap_or(""),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the element's provenance explains a difference in `aspect`.
fn explained(e: &Value, aspect: &str, cx: Cx<'_>) -> bool {
    if !cx.respect {
        return false;
    }
    let aliases: &[&str] = match aspect {
        "in" => &["wire", "in"],
        // How a value is flattened follows from its type: a curated type keeps its style.
        "style" => &["wire", "style", "type"],
        "type" | "format" | "items" | "values" | "properties" => &["type", "format"],
        "enum" | "enumDescriptions" => &["enum"],
        other => std::slice::from_ref(match other {
            "required" => &"required",
            "description" => &"description",
            "summary" => &"summary",
            "example" => &"example",
            "nullable" => &"nullable",
            "default" => &"default",
            _ => &"",
        }),
    };
    abouts(e)
        .iter()
        .any(|(a, _)| *a == "drift" || aliases.contains(a) || (*a == aspect && !aspect.is_empty()))
}

/// Whether an element the metadata no longer has stays: its provenance says why it is there.
fn kept_without_upstream(e: &Value, cx: Cx<'_>) -> bool {
    cx.respect && abouts(e).iter().any(|(a, _)| matches!(*a, "row" | "drift"))
}

/// Whether the container's provenance leaves out a member the metadata adds.
fn left_out(container: &Value, name: &str, cx: Cx<'_>) -> bool {
    cx.respect
        && abouts(container).iter().any(|(a, note)| {
            matches!(*a, "members" | "drift")
                && note
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .any(|w| w.trim_end_matches('.') == name)
        })
}

/// The keys of a parameter the metadata owns, given what it carries.
fn owned(carries: Carries) -> Vec<&'static str> {
    let mut keys = vec![
        "type",
        "format",
        "required",
        "nullable",
        "in",
        "style",
        "items",
        "values",
        "properties",
    ];
    if carries.descriptions {
        keys.push("description");
    }
    // The values before the example, which is checked against them.
    if carries.enums {
        keys.extend(["enum", "enumDescriptions", "default"]);
    }
    if carries.examples {
        keys.push("example");
    }
    if carries.constraints {
        keys.extend([
            "minLength",
            "maxLength",
            "pattern",
            "minItems",
            "maxItems",
            "minimum",
            "maximum",
        ]);
    }
    keys
}

/// Keys whose absence in the metadata keeps the spec's value: the metadata's silence about a
/// description, an example, a list of values, a default, a constraint or a null is not a
/// statement that there is none (the mirrors strip much of it, and pages state more). Only
/// the shape (`type`, `format`, `items`, `values`, `properties`), `required` and the wire
/// (`in`, `style`) are stated by their absence.
fn silence_keeps(key: &str) -> bool {
    !matches!(
        key,
        "type" | "format" | "required" | "in" | "style" | "items" | "values" | "properties"
    )
}

/// A value as it means: `required: false` is no `required`, a default location is none.
fn normalized(key: &str, v: Option<&Value>, cx: Cx<'_>) -> Option<Value> {
    match (key, v) {
        ("required" | "nullable", Some(Value::Bool(false))) => None,
        ("in", Some(Value::String(s))) if s == cx.wire.location.spec_name() => None,
        ("style", Some(Value::String(s))) if s == cx.wire.style.spec_name() => None,
        (_, v) => v.cloned(),
    }
}

/// A parameter (or member, or field) of the spec with the metadata's draft laid over it.
fn merge_param(e: &Value, d: &Value, cx: Cx<'_>) -> Value {
    let (Value::Object(em), Value::Object(dm)) = (e, d) else {
        return d.clone();
    };
    let mut r = em.clone();
    let same_type = em.get("type") == dm.get("type");
    // A named type where the metadata writes the object in place: the curator named it, and
    // the name stays (with its members, which the type's own entry holds).
    let named_in_place = |x: Option<&Value>, y: Option<&Value>| {
        x.and_then(Value::as_str)
            .is_some_and(|t| !BUILTIN.contains(&t))
            && y.and_then(Value::as_str) == Some("object")
    };
    let keep_named = named_in_place(em.get("type"), dm.get("type"));
    let keep_named_items = named_in_place(
        em.get("items").and_then(|i| i.get("type")),
        dm.get("items").and_then(|i| i.get("type")),
    );
    // What the draft proposes from prose (cited, `proposed: true`) is no statement of data:
    // it joins the spec only when the description changes, and never over a curated value.
    let from_prose: BTreeSet<&str> = match dm.get("citations") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|c| c.get("for").and_then(Value::as_array))
            .flatten()
            .filter_map(Value::as_str)
            .collect(),
        _ => BTreeSet::new(),
    };
    for key in owned(cx.carries) {
        if explained(e, key, cx)
            || (keep_named && matches!(key, "type" | "properties"))
            || (keep_named_items && key == "items")
            || (cx.page_prose && key == "description")
            || from_prose.contains(key)
            || (key == "enumDescriptions" && from_prose.contains("enum"))
        {
            continue;
        }
        let ev = normalized(key, em.get(key), cx);
        let dv = normalized(key, dm.get(key), cx);
        match (key, &ev, &dv) {
            (_, _, None) if silence_keeps(key) => {}
            ("items" | "values", Some(ei), Some(di)) if same_type => {
                r.insert(key.into(), merge_param(ei, di, cx));
            }
            ("properties", Some(ep), Some(dp)) if same_type => {
                r.insert(key.into(), merge_list(e, ep, dp, cx));
            }
            (_, ev, dv)
                if ev
                    .as_ref()
                    .zip(dv.as_ref())
                    .is_some_and(|(a, b)| same(a, b)) => {}
            // An example outside the spec's own list of values would not check: the spec's
            // list is the curator's, so the example is not taken.
            ("example", _, Some(dv))
                if r.get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| !values.iter().any(|x| same(x, dv))) =>
            {
                cx.notes.borrow_mut().push(format!(
                    "{}: the metadata's example {dv} is not one of the spec's values; not taken",
                    em.get("name").and_then(Value::as_str).unwrap_or("(items)")
                ));
            }
            (_, None, None) => {}
            (_, _, Some(dv)) => {
                r.insert(key.into(), dv.clone());
            }
            (_, _, None) => {
                r.remove(key);
                // A sentence cited for the value (`required`, say) goes with it.
                uncite(&mut r, &[key]);
            }
        }
    }
    if r.get("type") != em.get("type") {
        drop_unfitting(&mut r);
    }
    sourced_provenance(&mut r, dm);
    // New prose, new proposals: a changed description proposes what it states, for the
    // constraints the parameter does not have yet.
    let description_changed = cx.carries.descriptions
        && !cx.page_prose
        && !explained(e, "description", cx)
        && dm.get("description").is_some()
        && em.get("description") != dm.get("description");
    if description_changed && let Some(Value::Array(dc)) = dm.get("citations") {
        let mut added = Vec::new();
        for c in dc {
            let keys: Vec<&str> = c
                .get("for")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if keys.iter().all(|k| !em.contains_key(*k)) {
                for k in &keys {
                    if let Some(v) = dm.get(*k) {
                        r.insert((*k).to_string(), v.clone());
                    }
                }
                added.push(c.clone());
            }
        }
        if !added.is_empty() {
            let mut list = match r.remove("citations") {
                Some(Value::Array(l)) => l,
                _ => Vec::new(),
            };
            list.extend(added);
            r.insert("citations".into(), Value::Array(list));
        }
    }
    Value::Object(r)
}

/// The provenance entries that name this metadata as the source of a value follow the
/// values: the draft's are added, and the spec's go with the value they were about.
fn sourced_provenance(r: &mut Map<String, Value>, dm: &Map<String, Value>) {
    let from_here = |p: &Value| from_metadata(p);
    let about = |p: &Value| p.get("about").and_then(Value::as_str).map(str::to_string);
    let mut list = match r.remove("provenance") {
        Some(Value::Array(l)) => l,
        _ => Vec::new(),
    };
    list.retain(|p| !from_here(p) || about(p).is_some_and(|a| r.contains_key(&a)));
    if let Some(Value::Array(drafted)) = dm.get("provenance") {
        for p in drafted.iter().filter(|p| from_here(p)) {
            let a = about(p);
            // Not where the value already says where it comes from (a cited sentence, or a
            // note about it).
            let cited = a.as_ref().is_some_and(|a| {
                r.get("citations")
                    .and_then(Value::as_array)
                    .is_some_and(|cs| {
                        cs.iter().any(|c| {
                            c.get("for")
                                .and_then(Value::as_array)
                                .is_some_and(|f| f.iter().any(|k| k.as_str() == Some(a)))
                        })
                    })
                    || list.iter().any(|q| about(q).as_ref() == Some(a))
            });
            if a.as_ref().is_some_and(|a| r.contains_key(a)) && !cited {
                list.push(p.clone());
            }
        }
    }
    if !list.is_empty() {
        r.insert("provenance".into(), Value::Array(list));
    }
}

/// Whether a provenance entry is one `import` wrote for a constraint the metadata states as
/// data (whichever file, and however its path was given).
fn from_metadata(p: &Value) -> bool {
    p.get("note").and_then(Value::as_str) == Some(draft::FROM_METADATA)
}

/// The format's own types; any other `type` names a named type.
const BUILTIN: &[&str] = &[
    "string", "integer", "number", "boolean", "array", "object", "map",
];

/// After a type change, the constraints (and their citations) that do not apply to the new
/// type go: a re-import must write a spec that checks.
fn drop_unfitting(r: &mut Map<String, Value>) {
    let ty = r
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let fits = |k: &str| match k {
        "minLength"
        | "maxLength"
        | "pattern"
        | "allowedChars"
        | "firstChar"
        | "forbiddenPrefixes"
        | "forbiddenSubstrings"
        | "asciiOnly"
        | "nonEmpty" => ty == "string",
        "minItems" | "maxItems" | "items" => ty == "array",
        "minimum" | "maximum" => ty == "integer" || ty == "number",
        "values" => ty == "map",
        "properties" => ty == "object",
        "enum" | "enumDescriptions" | "default" | "example" => {
            !matches!(ty.as_str(), "array" | "object" | "map")
        }
        _ => true,
    };
    // An example or default of another JSON type than the new type's.
    let kind_fits = |v: &Value| match ty.as_str() {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        _ => true,
    };
    let gone: Vec<String> = r
        .iter()
        .filter(|(k, v)| {
            !fits(k)
                || (matches!(k.as_str(), "example" | "default") && !kind_fits(v))
                || (k.as_str() == "enum" && v.as_array().is_some_and(|a| !a.iter().all(kind_fits)))
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in &gone {
        r.remove(k);
    }
    let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
    uncite(r, &gone);
}

/// Takes `gone` out of what the citations back, and the citations left backing nothing.
fn uncite(r: &mut Map<String, Value>, gone: &[&str]) {
    if let Some(Value::Array(cites)) = r.get_mut("citations") {
        for c in cites.iter_mut() {
            if let Some(Value::Array(backs)) = c.get_mut("for") {
                backs.retain(|b| b.as_str().is_none_or(|b| !gone.contains(&b)));
            }
        }
        cites.retain(|c| {
            c.get("for")
                .and_then(Value::as_array)
                .is_some_and(|b| !b.is_empty())
        });
        if cites.is_empty() {
            r.remove("citations");
        }
    }
}

/// Lists of named entries (parameters, fields, members) merged by name: the spec's order,
/// then the metadata's new entries in its order; entries the metadata lacks are removed
/// unless their provenance keeps them.
fn merge_list(container: &Value, e: &Value, d: &Value, cx: Cx<'_>) -> Value {
    let (Value::Array(el), Value::Array(dl)) = (e, d) else {
        return d.clone();
    };
    let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_string);
    let mut out = Vec::new();
    for item in el {
        match dl.iter().find(|x| name(x) == name(item)) {
            Some(di) => out.push(merge_param(item, di, cx)),
            None if kept_without_upstream(item, cx) || name(item).is_none() => {
                out.push(item.clone())
            }
            None => {}
        }
    }
    for di in dl {
        let n = name(di);
        if !el.iter().any(|x| name(x) == n)
            && !n.as_deref().is_some_and(|n| left_out(container, n, cx))
        {
            out.push(di.clone());
        }
    }
    Value::Array(out)
}

/// A named type.
fn merge_type(e: &Value, d: &Value, cx: Cx<'_>) -> Value {
    let mut r = match e {
        Value::Object(m) => m.clone(),
        _ => return d.clone(),
    };
    if cx.carries.descriptions
        && !explained(e, "description", cx)
        && let Some(desc) = d.get("description")
    {
        r.insert("description".into(), desc.clone());
    }
    if let (Some(ep), Some(dp)) = (e.get("properties"), d.get("properties")) {
        r.insert("properties".into(), merge_list(e, ep, dp, cx));
    }
    Value::Object(r)
}

/// An operation.
fn merge_operation(e: &Value, d: &Value, cx: Cx<'_>) -> Value {
    let mut r = match e {
        Value::Object(m) => m.clone(),
        _ => return d.clone(),
    };
    if cx.carries.descriptions {
        for key in ["summary", "description"] {
            if !explained(e, key, cx)
                && let Some(v) = d.get(key)
            {
                // A summary the metadata lacks was made from the name: never over a real one.
                let made_up = key == "summary"
                    && d.get("provenance").is_some_and(|p| {
                        p.as_array().is_some_and(|l| {
                            l.iter()
                                .any(|x| x.get("about").and_then(Value::as_str) == Some("summary"))
                        })
                    });
                if !made_up {
                    r.insert(key.into(), v.clone());
                }
            }
        }
    }
    for key in ["method", "path", "responseEnvelope"] {
        match d.get(key) {
            Some(v) => {
                r.insert(key.into(), v.clone());
            }
            None if key != "responseEnvelope" => {
                r.remove(key);
            }
            None => {}
        }
    }
    if let (Some(ep), Some(dp)) = (e.get("parameters"), d.get("parameters")) {
        r.insert("parameters".into(), merge_list(e, ep, dp, cx));
    } else if let Some(dp) = d.get("parameters") {
        r.insert("parameters".into(), dp.clone());
    }
    if cx.carries.responses
        && let Some(dr) = d.get("response")
    {
        let merged = match e.get("response") {
            Some(er) => merge_list(e, er, dr, cx),
            None => dr.clone(),
        };
        r.insert("response".into(), merged);
    }
    if cx.carries.errors
        && let Some(Value::Array(de)) = d.get("errors")
    {
        r.insert("errors".into(), merge_errors(e.get("errors"), de, cx));
    }
    if cx.carries.examples
        && let Some(Value::Array(dx)) = d.get("examples")
    {
        let mut list = match e.get("examples") {
            Some(Value::Array(l)) => l.clone(),
            _ => Vec::new(),
        };
        for x in dx {
            let title = x.get("title");
            match list.iter_mut().find(|y| y.get("title") == title) {
                Some(y) if !explained(y, "example", cx) => {
                    if let (Some(ym), Some(body)) = (y.as_object_mut(), x.get("body")) {
                        ym.insert("body".into(), body.clone());
                    }
                }
                Some(_) => {}
                None => list.push(x.clone()),
            }
        }
        if !list.is_empty() {
            r.insert("examples".into(), Value::Array(list));
        }
    }
    Value::Object(r)
}

/// Error codes: the spec's entries for codes the metadata has (their text updated where the
/// metadata has text), the metadata's new codes, and the spec's others only when their
/// provenance keeps them.
fn merge_errors(e: Option<&Value>, de: &[Value], cx: Cx<'_>) -> Value {
    let code = |v: &Value| v.get("code").and_then(Value::as_str).map(str::to_string);
    let el: Vec<Value> = match e {
        Some(Value::Array(l)) => l.clone(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for item in &el {
        match de.iter().find(|x| code(x) == code(item)) {
            Some(d) => {
                let mut m = item.as_object().cloned().unwrap_or_default();
                for key in ["status", "message", "description"] {
                    if let Some(v) = d.get(key)
                        && !explained(item, key, cx)
                    {
                        m.insert(key.into(), v.clone());
                    }
                }
                out.push(Value::Object(m));
            }
            None if kept_without_upstream(item, cx) => out.push(item.clone()),
            None => {}
        }
    }
    for d in de {
        if !el.iter().any(|x| code(x) == code(d)) {
            out.push(d.clone());
        }
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cx(notes: &RefCell<Vec<String>>) -> Cx<'_> {
        Cx {
            carries: Carries {
                descriptions: true,
                examples: true,
                responses: true,
                errors: true,
                enums: true,
                constraints: true,
            },
            wire: WireDefaults::for_protocol(crate::spec::Protocol::AlibabaRpc),
            respect: true,
            notes,
            page_prose: false,
        }
    }

    #[test]
    fn a_proposal_from_prose_does_not_replace_a_curated_value() {
        let notes = RefCell::new(Vec::new());
        let spec = json!({"name": "PageSize", "type": "integer", "default": 10,
            "description": "The number of entries per page. Default value: 10.",
            "provenance": [{"about": "type", "note": "An integer for the paginator."}]});
        let meta = json!({"name": "PageSize", "type": "string", "default": "10",
            "description": "The number of entries per page. Default value: 10.",
            "citations": [{"says": "Default value: 10.", "for": ["default"], "proposed": true}]});
        let merged = merge_param(&spec, &meta, cx(&notes));
        assert_eq!(merged["default"], json!(10));
        // The metadata's `default` as data is taken.
        let data = json!({"name": "PageSize", "type": "string", "default": "10"});
        assert_eq!(
            merge_param(&spec, &data, cx(&notes))["default"],
            json!("10")
        );
    }

    #[test]
    fn restored_prose_leaves_a_transcribed_operation_s_descriptions() {
        let notes = RefCell::new(Vec::new());
        let spec = json!({"name": "InstanceId", "type": "string",
            "description": "The ID of the instance."});
        let meta = json!({"name": "InstanceId", "type": "string",
            "description": "The instance ID. Up to 5 characters.",
            "maxLength": 5,
            "citations": [{"says": "Up to 5 characters.", "for": ["maxLength"], "proposed": true}]});
        let page = Cx {
            page_prose: true,
            ..cx(&notes)
        };
        assert_eq!(merge_param(&spec, &meta, page), spec);
        let drafted = merge_param(&spec, &meta, cx(&notes));
        assert_eq!(drafted["description"], meta["description"]);
        assert_eq!(drafted["maxLength"], json!(5));
        assert!(transcribed(
            &json!({"source": [{"url": "https://x", "role": "secondary"}]})
        ));
        assert!(transcribed(&json!({"source": [{"url": "https://x"}]})));
        assert!(transcribed(
            &json!({"source": [{"url": "https://x", "role": "primary"}]})
        ));
        assert!(!transcribed(
            &json!({"source": [{"url": "m.json", "role": "metadata"}]})
        ));
    }

    #[test]
    fn a_type_change_takes_the_constraints_that_no_longer_fit_and_their_citations() {
        let notes = RefCell::new(Vec::new());
        let spec = json!({"name": "Ids", "type": "array", "items": {"type": "string"},
            "maxItems": 5, "example": ["a"], "style": "json",
            "citations": [{"says": "Up to 5.", "for": ["maxItems"]}]});
        let meta = json!({"name": "Ids", "type": "string", "description": "The IDs."});
        let merged = merge_param(&spec, &meta, cx(&notes));
        assert_eq!(
            merged,
            json!({"name": "Ids", "type": "string", "description": "The IDs."})
        );
    }

    #[test]
    fn explained_aspects_and_curated_keys_stay() {
        let notes = RefCell::new(Vec::new());
        let spec = json!({"name": "N", "type": "integer", "required": true, "maxLength": 3,
            "rustName": "n", "provenance": [{"about": "required", "note": "The page says so."}]});
        let meta = json!({"name": "N", "type": "integer", "description": "A number."});
        let merged = merge_param(&spec, &meta, cx(&notes));
        assert_eq!(merged["required"], json!(true));
        assert_eq!(merged["rustName"], json!("n"));
        assert_eq!(merged["description"], json!("A number."));
        // Silence about a constraint is no statement.
        assert_eq!(merged["maxLength"], json!(3));
        // Without the explanations (what `drift --explained` compares), `required` goes.
        let bare = Cx {
            respect: false,
            ..cx(&notes)
        };
        assert!(merge_param(&spec, &meta, bare).get("required").is_none());
        // A sentence cited for `required` goes with it (the result must still check).
        let cited = json!({"name": "N", "type": "integer", "required": true,
            "citations": [{"says": "One of the two is required.", "for": ["required"]},
                          {"says": "At most 3.", "for": ["maxLength"]}],
            "maxLength": 3,
            "provenance": [{"about": "required", "note": "The other one is not public."}]});
        let bare = Cx {
            respect: false,
            ..cx(&notes)
        };
        let merged = merge_param(&cited, &meta, bare);
        assert!(merged.get("required").is_none());
        assert_eq!(
            merged["citations"],
            json!([{"says": "At most 3.", "for": ["maxLength"]}])
        );
    }

    #[test]
    fn a_named_type_written_in_place_keeps_its_name() {
        let notes = RefCell::new(Vec::new());
        let spec = json!({"name": "Window", "type": "MaintenanceWindow"});
        let meta = json!({"name": "Window", "type": "object", "properties": [{"name": "a", "type": "string"}]});
        let merged = merge_param(&spec, &meta, cx(&notes));
        assert_eq!(
            merged,
            json!({"name": "Window", "type": "MaintenanceWindow"})
        );
    }

    #[test]
    fn members_named_in_a_note_are_left_out_and_others_kept_by_their_row() {
        let notes = RefCell::new(Vec::new());
        let container = json!({"provenance": [{"about": "members", "note": "The metadata's `key` and `value` repeat Key and Value."}]});
        let spec = json!([{"name": "Key", "type": "string"},
            {"name": "Old", "type": "string", "provenance": [{"about": "row", "note": "SDK only."}]},
            {"name": "Gone", "type": "string"}]);
        let meta = json!([{"name": "Key", "type": "string"}, {"name": "key", "type": "string"},
            {"name": "New", "type": "string"}]);
        let merged = merge_list(&container, &spec, &meta, cx(&notes));
        let names: Vec<&str> = merged
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Key", "Old", "New"]);
    }
}

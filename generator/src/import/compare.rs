//! Several metadata files for one service (Tencent's English and Chinese metadata, say):
//! where they disagree, and the limits only the others state.
//!
//! Both sides are drafted the same way and compared key by key on what is not prose
//! (descriptions and examples are in different languages): operations and parameters present
//! on one side only, `type`, `required`, `in`, `style`, enumerations, and every constraint,
//! whether stated as data or proposed from the prose.

use serde_json::{Map, Value};

use super::draft::{self, WireDefaults};
use crate::vendor::{VendorOperation, VendorService};

/// The keys compared.
const KEYS: &[&str] = &[
    "type",
    "required",
    "format",
    "in",
    "style",
    "enum",
    "default",
    "minLength",
    "maxLength",
    "pattern",
    "allowedChars",
    "firstChar",
    "forbiddenPrefixes",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
];

/// Constraint keys another source may add as proposals.
const CONSTRAINTS: &[&str] = &[
    "minLength",
    "maxLength",
    "allowedChars",
    "firstChar",
    "forbiddenPrefixes",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "enum",
];

fn name(v: &Value) -> Option<&str> {
    v.get("name").and_then(Value::as_str)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn short(v: Option<&Value>) -> String {
    match v {
        None => "absent".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The sentence a drafted parameter cites for `key`, if any.
fn cites<'a>(p: &'a Value, key: &str) -> Option<&'a str> {
    list(p, "citations").iter().find_map(|c| {
        list(c, "for")
            .iter()
            .any(|k| k.as_str() == Some(key))
            .then(|| c.get("says").and_then(Value::as_str))
            .flatten()
    })
}

/// Where `b` disagrees with `a`, one line each (`a` drafts; `b` is another source).
pub fn disagreements(
    a: &VendorService,
    b: &VendorService,
    a_ops: &[&VendorOperation],
    b_ops: &[&VendorOperation],
) -> Vec<String> {
    let wire = WireDefaults::for_protocol(a.protocol);
    let mut out = Vec::new();
    let (an, bn) = (&a.source, &b.source);
    for op in a_ops {
        let Some(theirs) = b_ops.iter().find(|o| o.name == op.name) else {
            out.push(format!("{}: only in {an}", op.name));
            continue;
        };
        let da = draft::operation(a, op, wire);
        let db = draft::operation(b, theirs, wire);
        params(
            &op.name,
            list(&da, "parameters"),
            list(&db, "parameters"),
            an,
            bn,
            &mut out,
        );
    }
    for op in b_ops {
        if !a_ops.iter().any(|o| o.name == op.name) {
            out.push(format!("{}: only in {bn}", op.name));
        }
    }
    let ta = draft::types(a, a_ops, wire);
    let tb = draft::types(b, b_ops, wire);
    for t in &ta {
        if let Some(u) = tb.iter().find(|u| name(u) == name(t)) {
            params(
                name(t).unwrap_or_default(),
                list(t, "properties"),
                list(u, "properties"),
                an,
                bn,
                &mut out,
            );
        }
    }
    out
}

fn params(at: &str, a: &[Value], b: &[Value], an: &str, bn: &str, out: &mut Vec<String>) {
    for p in a {
        let pn = name(p).unwrap_or_default();
        let here = format!("{at}.{pn}");
        let Some(q) = b.iter().find(|q| name(q) == name(p)) else {
            out.push(format!("{here}: only in {an}"));
            continue;
        };
        for key in KEYS {
            let (x, y) = (p.get(*key), q.get(*key));
            let same = match (x, y) {
                (Some(x), Some(y)) => super::merge::same(x, y),
                (None, None) => true,
                _ => false,
            };
            if !same {
                let mut line = format!(
                    "{here}: `{key}` is {} in {an} but {} in {bn}",
                    short(x),
                    short(y)
                );
                for (side, v) in [(an, p), (bn, q)] {
                    if let Some(says) = cites(v, key) {
                        line.push_str(&format!(" ({side} says: \"{says}\")"));
                    }
                }
                out.push(line);
            }
        }
        params(
            &here,
            list(p, "properties"),
            list(q, "properties"),
            an,
            bn,
            out,
        );
    }
    for q in b {
        if !a.iter().any(|p| name(p) == name(q)) {
            out.push(format!(
                "{at}.{}: only in {bn}",
                name(q).unwrap_or_default()
            ));
        }
    }
}

/// Adds to the spec document the constraints another source proposes where the document has
/// none of that kind, each with that source's sentence and marked proposed, so a curator sees
/// every documented limit.
pub fn add_proposals(doc: &mut Value, other: &VendorService, theirs: &[&VendorOperation]) {
    let wire = WireDefaults::for_protocol(other.protocol);
    let Some(ops) = doc.get_mut("operations").and_then(Value::as_array_mut) else {
        return;
    };
    for op in ops {
        let Some(name) = op.get("name").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let Some(t) = theirs.iter().find(|o| o.name == name) else {
            continue;
        };
        let drafted = draft::operation(other, t, wire);
        let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
            continue;
        };
        for p in params {
            let pname = p.get("name").cloned();
            let Some(q) = list(&drafted, "parameters")
                .iter()
                .find(|q| q.get("name") == pname.as_ref())
            else {
                continue;
            };
            let Some(pm) = p.as_object_mut() else {
                continue;
            };
            add_from(pm, q);
        }
    }
}

fn add_from(pm: &mut Map<String, Value>, q: &Value) {
    for c in list(q, "citations") {
        // The constraints of this sentence the document lacks (a sentence may state two, one of
        // which the first source states too).
        let keys: Vec<&str> = list(c, "for")
            .iter()
            .filter_map(Value::as_str)
            .filter(|k| CONSTRAINTS.contains(k) && !pm.contains_key(*k))
            .collect();
        if keys.is_empty() {
            continue;
        }
        for k in &keys {
            if let Some(v) = q.get(*k) {
                pm.insert((*k).to_string(), v.clone());
            }
        }
        let mut cited = c.clone();
        if let Some(m) = cited.as_object_mut() {
            m.insert("for".into(), Value::from(keys.clone()));
        }
        let cites = pm
            .entry("citations")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(list) = cites.as_array_mut() {
            list.push(cited);
        }
    }
}

//! Checking values (examples and defaults) against a field's type, enum and constraints.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{article, value_text};
use crate::model::{ConstraintKind, Field, Type};

/// Checks `value` against `field`'s type, enum and constraints, appending each problem.
pub fn value_problems(
    field: &Field,
    value: &Value,
    types: &BTreeMap<String, Vec<Field>>,
    path: &str,
    out: &mut Vec<String>,
) {
    type_problems(&field.ty, value, types, path, out);
    if !field.enum_values.is_empty() && !field.enum_values.iter().any(|e| &e.value == value) {
        let allowed: Vec<String> = field.enum_values.iter().map(|e| e.wire()).collect();
        out.push(format!(
            "{path} is {}, which is not one of {}",
            shown(&value_text(value)),
            allowed.join(", ")
        ));
    }
    for c in &field.constraints {
        if let Some(why) = violation(&c.kind, value) {
            out.push(format!(
                "{path} {why}; `{}` allows {}",
                c.kind.keyword(),
                c.kind.describe()
            ));
        }
    }
}

fn type_problems(
    ty: &Type,
    value: &Value,
    types: &BTreeMap<String, Vec<Field>>,
    path: &str,
    out: &mut Vec<String>,
) {
    let ok = match (ty, value) {
        (Type::String, Value::String(_)) => true,
        (Type::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Type::Number, Value::Number(_)) => true,
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                type_problems(inner, item, types, &format!("{path}[{}]", i + 1), out);
            }
            true
        }
        (Type::Object(fields), Value::Object(map)) => {
            object_problems(fields, map, types, path, out);
            true
        }
        (Type::Named(name), Value::Object(map)) => {
            if let Some(fields) = types.get(name) {
                object_problems(fields, map, types, path, out);
            }
            true
        }
        _ => false,
    };
    if !ok {
        out.push(format!(
            "{path} should be {}, found {}",
            article(&ty.spec_name()),
            shown(&value.to_string())
        ));
    }
}

fn object_problems(
    fields: &[Field],
    map: &serde_json::Map<String, Value>,
    types: &BTreeMap<String, Vec<Field>>,
    path: &str,
    out: &mut Vec<String>,
) {
    for (k, v) in map {
        match fields.iter().find(|f| &f.name == k) {
            Some(f) => value_problems(f, v, types, &format!("{path}.{k}"), out),
            None => out.push(format!("{path} has an unknown member `{k}`")),
        }
    }
}

/// A value for messages: quoted, and cut to 40 characters.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("`{cut}…`")
    } else {
        format!("`{s}`")
    }
}

/// Why `value` breaks one constraint (`is 167 characters long`), or `None` when it holds.
/// Values of the wrong type are left to the type check.
pub fn violation(kind: &ConstraintKind, value: &Value) -> Option<String> {
    let chars = |s: &str| s.chars().count() as u64;
    match (kind, value) {
        (ConstraintKind::MinLength { value: n }, Value::String(s)) if chars(s) < *n => {
            Some(format!("is {} characters long", chars(s)))
        }
        (ConstraintKind::MaxLength { value: n }, Value::String(s)) if chars(s) > *n => {
            Some(format!("is {} characters long", chars(s)))
        }
        (ConstraintKind::Pattern { regex }, Value::String(s))
            if !regex::Regex::new(&format!("^(?:{regex})$")).is_ok_and(|r| r.is_match(s)) =>
        {
            Some(format!("{} does not match", shown(s)))
        }
        (ConstraintKind::AllowedChars { set }, Value::String(s)) => s
            .chars()
            .find(|c| !set.contains(*c))
            .map(|c| format!("contains `{}`", c.escape_default())),
        (ConstraintKind::FirstChar { set }, Value::String(s)) => s
            .chars()
            .next()
            .filter(|c| !set.contains(*c))
            .map(|c| format!("starts with `{}`", c.escape_default())),
        (ConstraintKind::ForbiddenPrefixes { values }, Value::String(s)) => values
            .iter()
            .find(|p| s.starts_with(p.as_str()))
            .map(|p| format!("starts with `{p}`")),
        (ConstraintKind::ForbiddenSubstrings { values }, Value::String(s)) => values
            .iter()
            .find(|p| s.contains(p.as_str()))
            .map(|p| format!("contains `{p}`")),
        (ConstraintKind::AsciiOnly, Value::String(s)) => s
            .chars()
            .find(|c| !c.is_ascii())
            .map(|c| format!("contains the non-ASCII `{c}`")),
        (ConstraintKind::NonEmpty, Value::String(s)) if s.is_empty() => Some("is empty".into()),
        (ConstraintKind::NonEmpty, Value::Array(a)) if a.is_empty() => Some("is empty".into()),
        (ConstraintKind::MinItems { value: n }, Value::Array(a)) if (a.len() as u64) < *n => {
            Some(format!("has {} items", a.len()))
        }
        (ConstraintKind::MaxItems { value: n }, Value::Array(a)) if (a.len() as u64) > *n => {
            Some(format!("has {} items", a.len()))
        }
        (ConstraintKind::Minimum { value: n }, Value::Number(x))
            if x.as_f64().is_some_and(|x| x < *n as f64) =>
        {
            Some(format!("is {x}"))
        }
        (ConstraintKind::Maximum { value: n }, Value::Number(x))
            if x.as_f64().is_some_and(|x| x > *n as f64) =>
        {
            Some(format!("is {x}"))
        }
        _ => None,
    }
}

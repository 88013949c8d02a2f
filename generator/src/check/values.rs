//! Checking values (examples and defaults) against a field's type, enum and constraints.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{article, value_text};
use crate::model::{ConstraintKind, Field, Type};
use crate::text::{is_masked, masked_number};

/// Whether a value outside a field's enum is a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enums {
    /// Request values: the client sends only the listed values (or says it sends others).
    Closed,
    /// Response values: the service may send values the spec does not list (the generated enum
    /// keeps them as `Unknown`), so a vendor's example holding one is not wrong.
    Open,
}

/// Checks `value` against `field`'s type, enum and constraints, appending each problem.
pub fn value_problems(
    field: &Field,
    value: &Value,
    types: &BTreeMap<String, Vec<Field>>,
    path: &str,
    enums: Enums,
    out: &mut Vec<String>,
) {
    type_problems(&field.ty, value, types, path, enums, out);
    // A masked example hides its real characters: only its type and length can be judged.
    let masked = is_masked(value);
    if !masked && enums == Enums::Closed && !field.enum_values.is_empty() {
        // An array's documented values are its items' (`items.enum`).
        let judged: Vec<(String, &Value)> = match (&field.ty, value) {
            (Type::Array(_), Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("{path}[{i}]"), item))
                .collect(),
            _ => vec![(path.to_string(), value)],
        };
        for (at, v) in judged {
            if !is_masked(v) && !field.enum_values.iter().any(|e| &e.value == v) {
                let allowed: Vec<String> = field.enum_values.iter().map(|e| e.wire()).collect();
                out.push(format!(
                    "{at} is {}, which is not one of {}",
                    shown(&value_text(v)),
                    allowed.join(", ")
                ));
            }
        }
    }
    for c in &field.constraints {
        let judged = !masked
            || matches!(
                c.kind,
                ConstraintKind::MinLength { .. }
                    | ConstraintKind::MaxLength { .. }
                    | ConstraintKind::NonEmpty
            );
        if !judged {
            continue;
        }
        if let Some(why) = violation(&c.kind, value) {
            out.push(format!(
                "{path} {why} (`{}`: {})",
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
    enums: Enums,
    out: &mut Vec<String>,
) {
    let ok = match (ty, value) {
        (Type::String | Type::DateTime, Value::String(_)) => true,
        (Type::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Type::Number, Value::Number(_)) => true,
        (Type::Integer | Type::Number, Value::String(s)) => masked_number(s).is_some(),
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                type_problems(
                    inner,
                    item,
                    types,
                    &format!("{path}[{}]", i + 1),
                    enums,
                    out,
                );
            }
            true
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                type_problems(inner, item, types, &format!("{path}.{key}"), enums, out);
            }
            true
        }
        (Type::Object(fields), Value::Object(map)) => {
            object_problems(fields, map, types, path, enums, out);
            true
        }
        (Type::Named(name), Value::Object(map)) => {
            if let Some(fields) = types.get(name) {
                object_problems(fields, map, types, path, enums, out);
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
    enums: Enums,
    out: &mut Vec<String>,
) {
    for (k, v) in map {
        match fields.iter().find(|f| &f.name == k) {
            Some(f) => value_problems(f, v, types, &format!("{path}.{k}"), enums, out),
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

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, check_errors};

    fn errors(spec: Spec) -> Vec<String> {
        check_errors(&spec)
    }

    #[test]
    fn response_enums_are_open_in_examples() {
        let spec = Spec::new().response(
            "- {name: Status, type: string, description: S., example: Deprecated, enum: [Available, Creating]}\n\
             - name: Image\n  type: object\n  description: I.\n  example: {State: Gone}\n  properties:\n    - {name: State, type: string, description: S., enum: [Ready]}",
        );
        assert_eq!(errors(spec), Vec::<String>::new());
        let request = Spec::new().param(
            "- {name: Status, type: string, description: S., example: Deprecated, enum: [Available, Creating]}",
        );
        let found = errors(request);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].contains("not one of Available, Creating"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn enum_lists_check_each_item_and_join_only_scalars() {
        let list = |extra: &str| {
            Spec::new().param(&format!(
                "- {{name: Status, type: array, description: S., style: comma, items: {{type: string, enum: [Available, Creating]}}{extra}}}"
            ))
        };
        assert_eq!(errors(list("")), Vec::<String>::new());
        assert_eq!(
            errors(list(", example: [Available, Gone]")),
            [
                "the example breaks its own rules: Status[1] is `Gone`, which is not one of Available, Creating"
            ]
        );
        assert_eq!(
            errors(list(", enum: [Available]")),
            [
                "`Status` lists valid values twice: for the array (`enum`) and for its items (`items.enum`)"
            ]
        );
        assert_eq!(
            errors(
                Spec::new().param("- {name: Status, type: string, description: S., style: comma}")
            ),
            ["`style: comma` joins the items of an array of scalars; `Status` is `string`"]
        );
    }

    #[test]
    fn member_constraints_name_members_of_the_named_type() {
        let filters = |members: &str| {
            Spec::new()
                .types("- name: Filter\n  description: F.\n  properties:\n    - {name: Values, type: array, description: V., items: {type: string}}")
                .param(&format!(
                    "- {{name: Filters, type: array, description: F., items: {{type: Filter}}, members: [{members}]}}"
                ))
        };
        assert_eq!(
            errors(filters("{name: Values, maxItems: 5}")),
            Vec::<String>::new()
        );
        assert_eq!(
            errors(filters("{name: Value, maxItems: 5}")),
            ["`Filter` has no member `Value`"]
        );
        assert_eq!(
            errors(filters("{name: Values, maxLength: 5}")),
            ["`maxLength` applies to strings, but `Values` is `array<string>`"]
        );
        assert_eq!(
            errors(Spec::new().param("- {name: Ids, type: array, description: I., items: {type: string}, members: [{name: X, maxItems: 1}]}")),
            ["`members` constrains members of a named type where `Ids` uses it; `Ids` is `array<string>`"]
        );
    }

    #[test]
    fn nullable_is_for_what_is_received() {
        let ok = Spec::new().response(
            "- {name: SyncPercent, type: integer, description: S., nullable: true, required: true}",
        );
        assert_eq!(errors(ok), Vec::<String>::new());
        assert_eq!(
            errors(
                Spec::new().param("- {name: Size, type: integer, description: S., nullable: true}")
            ),
            ["`nullable` says a response field may arrive as `null`; `Size` is sent, not received"]
        );
    }

    #[test]
    fn maps_need_values_of_a_declared_type() {
        let map = |values: &str| {
            Spec::new().response(&format!(
                "- {{name: Labels, type: map, description: L.{values}}}"
            ))
        };
        assert_eq!(
            errors(map(", values: {type: integer}, example: {a: 1, b: 2}")),
            Vec::<String>::new()
        );
        assert_eq!(errors(map("")), ["a map needs `values`"]);
        assert_eq!(
            errors(map(", values: {type: integer}, example: {a: x}")),
            ["the example breaks its own rules: Labels.a should be an integer, found `\"x\"`"]
        );
        assert_eq!(
            errors(map(
                ", values: {type: object, properties: [{name: A, type: string, description: A.}]}"
            )),
            ["a map's values are scalars, arrays or a named type, not an inline object"]
        );
    }

    #[test]
    fn masked_examples_are_judged_by_type_and_length_only() {
        let clean = Spec::new()
            .param("- {name: Size, type: integer, description: S., example: \"180185828710****\", minimum: 1}")
            .param("- {name: Id, type: string, description: I., example: \"i-ab****\", pattern: \"i-[a-z]{8}\", maxLength: 10}")
            .param("- {name: Kind, type: string, description: K., example: \"Sys****\", enum: [System, Custom]}");
        assert_eq!(errors(clean), Vec::<String>::new());

        let broken = Spec::new()
            .param("- {name: Size, type: integer, description: S., example: \"18a0****\"}")
            .param("- {name: Id, type: string, description: I., example: \"i-abcdefgh****\", maxLength: 10}");
        let found = errors(broken);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("should be an integer"), "{}", found[0]);
        assert!(found[1].contains("is 14 characters long"), "{}", found[1]);
    }
}

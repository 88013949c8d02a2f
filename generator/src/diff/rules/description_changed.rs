//! `description-changed`: prose that only reaches rustdoc and reference pages changed: a
//! service's display name, an operation's summary or description, a field's description (or
//! its elements', or its values'), a type's description, an error's description, the "not
//! publicly available" mark, and a request default or error status that is newly documented or
//! no longer documented.

use crate::diff::{Emit, FieldCx, Role, Subject, code, value_text};
use crate::model::Field;

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Service { scope, old, new } if old.name != new.name => {
            e.push(
                scope.at("name", Some(&old.loc), Some(&new.loc)),
                format!(
                    "service name changed from {} to {}",
                    code(&old.name),
                    code(&new.name)
                ),
                format!("the rustdoc of module `{}` changes", scope.module),
            );
        }
        Subject::Type { scope, old, new } if old.description != new.description => {
            e.push(
                scope.at(
                    format!("types.{}", new.name),
                    Some(&old.loc),
                    Some(&new.loc),
                ),
                format!("description of type {} changed", code(&new.name)),
                format!(
                    "the rustdoc of struct `{}` changes",
                    crate::emit::names::type_name(&new.name)
                ),
            );
        }
        Subject::Operation { scope, old, new } => {
            let doc = format!("the rustdoc of `{}` changes", scope.request());
            if old.summary != new.summary {
                e.push(
                    scope.at("summary", Some(&old.loc), Some(&new.loc)),
                    format!("summary of {} changed", code(&new.name)),
                    doc.clone(),
                );
            }
            if old.description != new.description {
                e.push(
                    scope.at("description", Some(&old.loc), Some(&new.loc)),
                    format!("description of {} changed", code(&new.name)),
                    doc,
                );
            }
        }
        Subject::Field { cx, old, new } => field(cx, old, new, e),
        Subject::Error { cx, old, new } => {
            let doc = format!(
                "the rustdoc of variant `{}` of {} changes",
                cx.variant(new),
                cx.kinds_text()
            );
            if old.description != new.description {
                e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!("description of error {} changed", code(&new.code)),
                    doc.clone(),
                );
            }
            match (old.status, new.status) {
                (None, Some(b)) => e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!("HTTP status of {} documented: {b}", code(&new.code)),
                    doc,
                ),
                (Some(a), None) => e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!(
                        "HTTP status of {} ({a}) no longer documented",
                        code(&new.code)
                    ),
                    doc,
                ),
                _ => {}
            }
        }
        _ => {}
    }
}

fn field(cx: &FieldCx, old: &Field, new: &Field, e: &mut Emit<'_>) {
    let doc = match cx.rust_field(new) {
        Some(f) => format!("the rustdoc of `{f}` changes"),
        None => "none in the generated Rust".to_string(),
    };
    let at = || cx.at(new, Some(old), Some(new));
    if old.description != new.description {
        e.push(
            at(),
            format!("description of {} changed", cx.what(new)),
            doc.clone(),
        );
    }
    if old.item_description != new.item_description {
        e.push(
            at(),
            format!("description of the elements of {} changed", cx.what(new)),
            doc.clone(),
        );
    }
    for v in &new.enum_values {
        let Some(before) = old.enum_values.iter().find(|o| o.value == v.value) else {
            continue;
        };
        if before.description != v.description {
            e.push(
                at(),
                format!(
                    "meaning of value {} of {} changed",
                    code(&v.wire()),
                    cx.what(new)
                ),
                if FieldCx::is_rust_enum(new) && cx.struct_name.is_some() {
                    format!("the rustdoc of enum `{}` changes", cx.enum_name(new))
                } else {
                    doc.clone()
                },
            );
        }
    }
    if old.not_public != new.not_public {
        e.push(
            at(),
            format!(
                "{} is {} marked not publicly available",
                cx.what(new),
                if new.not_public { "now" } else { "no longer" }
            ),
            doc.clone(),
        );
    }
    if cx.role == Role::Request {
        match (&old.default, &new.default) {
            (None, Some(b)) => e.push(
                at(),
                format!(
                    "default of {} documented: {}",
                    cx.what(new),
                    code(&value_text(b))
                ),
                doc,
            ),
            (Some(a), None) => e.push(
                at(),
                format!(
                    "default ({}) of {} no longer documented",
                    code(&value_text(a)),
                    cx.what(new)
                ),
                doc,
            ),
            _ => {}
        }
    }
}

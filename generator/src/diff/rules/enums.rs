//! Listed values: `request-parameter-enum-added` and `-removed` (a request parameter starts or
//! stops listing its valid values; for a string, the field becomes a Rust enum or stops being
//! one), and the values of a listed field added or removed on either side of the wire
//! (`request-parameter-enum-value-added` and `-removed`, `response-field-enum-value-added` and
//! `-removed`). A removed request value stops compiling where the variant is named and is
//! rejected by `validate`; a new response value breaks exhaustive `match`es and no longer
//! decodes as `Unknown`.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, FieldCx, Role, Subject, code_list, same_shape};

/// A request parameter that took any value now lists its values (`Added`), or the reverse.
pub(super) fn listed(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old, new);
    if cx.role != Role::Request
        || !same_shape(&old.ty, &new.ty)
        || !from.enum_values.is_empty()
        || to.enum_values.is_empty()
    {
        return;
    }
    let (message, effect) = match dir {
        Added => {
            let values: Vec<String> = new.enum_values.iter().map(|v| v.wire()).collect();
            let effect = match cx.rust_field(new) {
                Some(field) if FieldCx::is_rust_enum(new) => format!(
                    "new enum `{}`; field `{field}` changes from `Option<String>` to `Option<{}>` (the setter still takes `&str`), and {}",
                    cx.enum_name(new),
                    cx.enum_name(new),
                    cx.validation("reject other values")
                ),
                _ => format!(
                    "{}; the service is documented to reject other values",
                    cx.no_enum()
                ),
            };
            (
                format!("{} now only accepts {}", cx.what(new), code_list(&values)),
                effect,
            )
        }
        Removed => {
            let effect = match cx.rust_field(old) {
                Some(field) if FieldCx::is_rust_enum(old) => format!(
                    "enum `{}` is removed and field `{field}` becomes `Option<String>`: code that names the enum no longer compiles",
                    cx.enum_name(old)
                ),
                _ => cx.no_enum().to_string(),
            };
            (
                format!("{} no longer lists valid values", cx.what(new)),
                effect,
            )
        }
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

/// Values a listed field on the `role` side gains (`Added`) or loses (`Removed`).
pub(super) fn values(s: &Subject<'_>, e: &mut Emit<'_>, role: Role, dir: Dir) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != role
        || !same_shape(&old.ty, &new.ty)
        || old.enum_values.is_empty()
        || new.enum_values.is_empty()
    {
        return;
    }
    // `to` has the values `from` lacks, and the variants they get.
    let (from, to) = dir.order(old, new);
    let had: Vec<String> = from.enum_values.iter().map(|v| v.wire()).collect();
    let moved: Vec<(String, String)> = cx
        .variant_names(to)
        .into_iter()
        .filter(|(wire, _)| !had.contains(wire))
        .collect();
    if moved.is_empty() {
        return;
    }
    let wires: Vec<&String> = moved.iter().map(|(w, _)| w).collect();
    let variants: Vec<&String> = moved.iter().map(|(_, v)| v).collect();
    let (wire_list, variant_list) = (code_list(&wires), code_list(&variants));
    let one = variants.len() == 1;
    let variant_word = if one { "variant" } else { "variants" };
    let it = if one { "it" } else { "them" };
    let is_enum = FieldCx::is_rust_enum(to);
    let enum_name = cx.enum_name(to);
    let (message, effect) = match (role, dir) {
        (Role::Request, Added) => (
            format!(
                "{} accepts new value{} {wire_list}",
                cx.what(new),
                if wires.len() == 1 { "" } else { "s" }
            ),
            if is_enum && cx.struct_name.is_some() {
                format!("enum `{enum_name}` gains {variant_word} {variant_list}")
            } else {
                cx.no_enum().to_string()
            },
        ),
        (Role::Request, Removed) => {
            let rejects = cx.validation(&format!("reject {wire_list}"));
            (
                format!("{} no longer accepts {wire_list}", cx.what(new)),
                if is_enum && cx.struct_name.is_some() {
                    format!(
                        "enum `{enum_name}` loses {variant_word} {variant_list}: code that names {it} no longer compiles, and {rejects}"
                    )
                } else {
                    rejects
                },
            )
        }
        (Role::Response, Added) => (
            format!("{} may now be {wire_list}", cx.what(new)),
            if is_enum {
                format!(
                    "enum `{enum_name}` gains {variant_word} {variant_list}: exhaustive `match`es on it need new arms, and {wire_list} no longer decode{} as `Unknown`",
                    if wires.len() == 1 { "s" } else { "" }
                )
            } else {
                cx.no_enum().to_string()
            },
        ),
        (Role::Response, Removed) => (
            format!("{} is no longer documented to be {wire_list}", cx.what(new)),
            if is_enum {
                format!(
                    "enum `{enum_name}` loses {variant_word} {variant_list}: code that names {it} no longer compiles ({wire_list} would decode as `Unknown`)"
                )
            } else {
                cx.no_enum().to_string()
            },
        ),
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

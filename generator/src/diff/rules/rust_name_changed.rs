//! `rust-name-changed`: a wire name kept its place but its Rust name changed (a collision
//! appeared or went away, or a `rustName` override was added, changed or removed): code that
//! names the old field, setter, struct, enum or variant stops compiling.

use crate::diff::{Emit, FieldCx, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Field { cx, old, new } if old.name == new.name => {
            let Some((o, n)) = cx.sides(old, new) else {
                return;
            };
            let holder = cx.struct_name.clone().unwrap_or_default();
            if o.ident != n.ident {
                e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!(
                        "the Rust name of {} changed from {} to {}",
                        cx.what(new),
                        code(&o.ident),
                        code(&n.ident)
                    ),
                    format!(
                        "field and setter `{holder}::{}` become `{}` (and `{}` becomes `{}`): code that uses the old names no longer compiles",
                        o.ident, n.ident, o.set, n.set
                    ),
                );
            }
            if let (Some(a), Some(b)) = (&o.nested, &n.nested)
                && a != b
            {
                e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!(
                        "the Rust type of {}'s members or values changed name from {} to {}",
                        cx.what(new),
                        code(a),
                        code(b)
                    ),
                    format!("`{a}` is renamed `{b}`: code that names it no longer compiles"),
                );
            }
            if FieldCx::is_rust_enum(old) && FieldCx::is_rust_enum(new) {
                variants(cx, old, new, e);
            }
        }
        Subject::Error { cx, old, new } => {
            let Some((a, b)) = cx.sides(old) else {
                return;
            };
            if a != b && cx.sides(new).is_some() {
                e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!(
                        "the Rust variant of error code {} changed from {} to {}",
                        code(&new.code),
                        code(&a),
                        code(&b)
                    ),
                    match cx.new_code_of(&a) {
                        // The old name stays, for another code: matches compile and mean it.
                        Some(other) => format!(
                            "{} renames variant `{a}` to `{b}`, and `{a}` now stands for code `{other}`: code that matches `{a}` still compiles but no longer catches `{}`",
                            cx.kinds_text(),
                            new.code
                        ),
                        None => format!(
                            "{} renames variant `{a}` to `{b}`: code that matches the old name no longer compiles",
                            cx.kinds_text()
                        ),
                    },
                );
            }
        }
        Subject::Type { scope, old, new } => {
            let (a, b) = (
                scope.old_names.named_type(&old.name),
                scope.new_names.named_type(&new.name),
            );
            if a != b {
                e.push(
                    scope.at(
                        format!("types.{}", new.name),
                        Some(&old.loc),
                        Some(&new.loc),
                    ),
                    format!(
                        "the Rust name of type {} changed from {} to {}",
                        code(&new.name),
                        code(a),
                        code(b)
                    ),
                    format!("struct `{a}` is renamed `{b}`: code that names it no longer compiles"),
                );
            }
        }
        _ => {}
    }
}

/// Values on both sides whose variant changed name.
fn variants(cx: &FieldCx, old: &crate::model::Field, new: &crate::model::Field, e: &mut Emit<'_>) {
    let (Some(old_enum), Some(new_enum)) = (
        cx.old_struct
            .as_deref()
            .and_then(|s| cx.scope.old_names.field(s, &old.name).nested.clone()),
        cx.new_struct
            .as_deref()
            .and_then(|s| cx.scope.new_names.field(s, &new.name).nested.clone()),
    ) else {
        return;
    };
    for v in &new.enum_values {
        let wire = v.wire();
        let a = cx.scope.old_names.variant(&old_enum, &wire);
        let b = cx.scope.new_names.variant(&new_enum, &wire);
        if !a.is_empty() && !b.is_empty() && a != b {
            e.push(
                cx.at(new, Some(old), Some(new)),
                format!(
                    "the Rust variant of value {} of {} changed from {} to {}",
                    code(&wire),
                    cx.what(new),
                    code(a),
                    code(b)
                ),
                format!(
                    "enum `{new_enum}` renames variant `{a}` to `{b}`: code that names the old variant no longer compiles"
                ),
            );
        }
    }
}

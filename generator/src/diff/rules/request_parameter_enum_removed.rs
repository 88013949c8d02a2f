//! `request-parameter-enum-removed`: a request parameter no longer lists valid values. For a
//! string, its Rust enum disappears and the field becomes `String`.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-enum-removed",
    severity: Severity::Breaking,
    summary: "a request parameter no longer lists valid values: a string field's enum type is removed",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request
        || !same_shape(&old.ty, &new.ty)
        || old.enum_values.is_empty()
        || !new.enum_values.is_empty()
    {
        return;
    }
    let effect = match cx.rust_field(old) {
        Some(field) if FieldCx::is_rust_enum(old) => format!(
            "enum `{}` is removed and field `{field}` becomes `Option<String>`: code that names the enum no longer compiles",
            cx.enum_name(old)
        ),
        _ => cx.no_enum().to_string(),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} no longer lists valid values", cx.what(new)),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new()
                .param("- {name: Mode, type: string, description: The mode., enum: [fast, safe]}"),
            &Spec::new().param("- {name: Mode, type: string, description: The mode.}"),
        );
        assert_eq!(c.id, "request-parameter-enum-removed");
        assert!(
            c.effect.starts_with("enum `CreateThingMode` is removed"),
            "{}",
            c.effect
        );
    }
}

//! `request-parameter-enum-added`: a request parameter that took any value now lists its valid
//! values. For a string, the field becomes a Rust enum and `validate` rejects other values.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code_list, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-enum-added",
    severity: Severity::PotentiallyBreaking,
    summary: "a request parameter now lists its valid values: other values are rejected, and a string field becomes an enum",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request
        || !same_shape(&old.ty, &new.ty)
        || !old.enum_values.is_empty()
        || new.enum_values.is_empty()
    {
        return;
    }
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
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} now only accepts {}", cx.what(new), code_list(&values)),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn mode(values: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: Mode, type: string, description: The mode.{values}}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&mode(""), &mode(", enum: [fast, safe]"));
        assert_eq!(c.id, "request-parameter-enum-added");
        assert!(
            c.effect.starts_with("new enum `CreateThingMode`"),
            "{}",
            c.effect
        );
        assert_eq!(
            ids(&mode(", enum: [fast, safe]"), &mode("")),
            ["request-parameter-enum-removed"]
        );
    }
}

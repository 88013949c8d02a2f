//! `response-field-type-changed`: a response field decodes into another Rust type: its type
//! changed shape, or a string gained (or lost) its list of values and with it a Rust enum.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code, same_shape};
use crate::model::Field;

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-type-changed",
    severity: Severity::Breaking,
    summary: "a response field's type changed (or a string became an enum, or stopped being one): code that reads it may no longer compile",
    check,
};

fn spec_type(f: &Field) -> String {
    if FieldCx::is_rust_enum(f) {
        "string (enum)".into()
    } else {
        f.ty.spec_name()
    }
}

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response
        || (same_shape(&old.ty, &new.ty)
            && FieldCx::is_rust_enum(old) == FieldCx::is_rust_enum(new))
    {
        return;
    }
    let effect = match cx.rust_field(new) {
        Some(field) => format!(
            "field `{field}` changes from `Option<{}>` to `Option<{}>`: code that reads it may no longer compile, and bodies of the old type no longer decode",
            cx.rust_type(old),
            cx.rust_type(new)
        ),
        None => "the decoded type changes".into(),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "type of {} changed from {} to {}",
            cx.what(new),
            code(&spec_type(old)),
            code(&spec_type(new))
        ),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new(),
            &Spec::new()
                .response("- {name: RequestId, type: integer, description: The request ID.}"),
        );
        assert_eq!(c.id, "response-field-type-changed");
        assert!(
            c.effect.contains("from `Option<String>` to `Option<i64>`"),
            "{}",
            c.effect
        );
        let c = one(
            &Spec::new(),
            &Spec::new().response(
                "- {name: RequestId, type: string, description: The request ID., enum: [a, b]}",
            ),
        );
        assert_eq!(c.id, "response-field-type-changed");
        assert!(
            c.effect.contains("`Option<CreateThingResponseRequestId>`"),
            "{}",
            c.effect
        );
    }
}

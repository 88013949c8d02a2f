//! `request-parameter-added-required`: a new required request parameter (or required member of
//! a request object). Existing calls do not set it, so `build()` fails for them.

use super::DiffRule;
use crate::diff::{Emit, FieldKind, Role, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-added-required",
    severity: Severity::Breaking,
    summary: "a required request parameter added: `build()` fails for every existing call until it is set",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldAdded { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Request || !field.required {
        return;
    }
    let effect = if field.protocol_filled {
        cx.gains(field)
    } else {
        match cx.kind {
            FieldKind::Parameter => format!(
                "`{}` gains required setter `{}` (field `{}: Option<{}>`): `build()` fails until it is called",
                cx.scope.builder(),
                cx.setter(field),
                cx.setter(field),
                cx.rust_type(field)
            ),
            FieldKind::Common => {
                cx.validation(&format!("reject requests without {}", code(&field.name)))
            }
            _ => format!(
                "{}; {}",
                cx.gains(field),
                cx.validation(&format!(
                    "now reject {} values without {}",
                    code(cx.parent.trim_end_matches('.')),
                    code(&field.name)
                ))
            ),
        }
    };
    e.push(
        cx.at(field, None, Some(field)),
        format!("required {} added", cx.what(field)),
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
            &Spec::new().param(
                "- {name: ImageFamily, type: string, required: true, description: Image family}",
            ),
        );
        assert_eq!(c.id, "request-parameter-added-required");
        assert_eq!(
            c.effect,
            "`CreateThingRequestBuilder` gains required setter `image_family` (field `image_family: Option<String>`): `build()` fails until it is called"
        );
    }
}

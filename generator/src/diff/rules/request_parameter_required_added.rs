//! `request-parameter-required-added`: an optional request parameter became required.

use super::DiffRule;
use crate::diff::{Emit, FieldKind, Role, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-required-added",
    severity: Severity::Breaking,
    summary: "a request parameter became required: `build()` fails for calls that do not set it",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request || old.required || !new.required {
        return;
    }
    let effect = match cx.kind {
        _ if new.protocol_filled => "none: the protocol fills it in".to_string(),
        FieldKind::Parameter => format!(
            "setter `{}` of `{}` becomes required: `build()` fails until it is called",
            cx.setter(new),
            cx.scope.builder()
        ),
        FieldKind::Common => cx.validation(&format!("reject requests without {}", code(&new.name))),
        _ => cx.validation(&format!(
            "now reject {} values without {}",
            code(cx.parent.trim_end_matches('.')),
            code(&new.name)
        )),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} became required", cx.what(new)),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn family(required: bool) -> Spec {
        Spec::new().param(&format!(
            "- {{name: ImageFamily, type: string, required: {required}, description: Image family}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&family(false), &family(true));
        assert_eq!(c.id, "request-parameter-required-added");
        assert_eq!(
            c.effect,
            "setter `image_family` of `CreateThingRequestBuilder` becomes required: `build()` fails until it is called"
        );
        assert_eq!(
            ids(&family(true), &family(false)),
            ["request-parameter-required-removed"]
        );
    }
}

//! `response-field-removed`: a response field (or member of a response object) is gone.

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-removed",
    severity: Severity::Breaking,
    summary: "a response field removed: code that reads it no longer compiles",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRemoved { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    e.push(
        cx.at(field, Some(field), None),
        format!("{} removed", cx.what(field)),
        cx.loses(field),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(&Spec::new(), &Spec::new().response(""));
        assert_eq!(c.id, "response-field-removed");
        assert_eq!(c.path, "response.RequestId");
        assert!(
            c.effect.contains("loses field `request_id`"),
            "{}",
            c.effect
        );
    }
}

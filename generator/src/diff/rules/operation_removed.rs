//! `operation-removed`: an operation is gone.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "operation-removed",
    severity: Severity::Breaking,
    summary: "an operation removed: its request, builder, response and error types disappear",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::OperationRemoved { scope, op } = *s else {
        return;
    };
    e.push(
        scope.at("operation", Some(&op.loc), None),
        format!("operation {} removed", code(&op.name)),
        format!(
            "`{}`, `{}`, `{}`, `{}` and `{}` are removed from `{}`: code that uses them no longer compiles",
            scope.request(),
            scope.builder(),
            scope.response(),
            scope.error_kind(),
            scope.error(),
            scope.module
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let more = Spec::new().ops(
            "- name: DeleteThing\n  summary: Deletes a thing.\n  source: [{url: \"https://example.com/d\", language: en}]",
        );
        let c = one(&more, &Spec::new());
        assert_eq!(c.id, "operation-removed");
        assert!(c.effect.contains("`DeleteThingRequest`"), "{}", c.effect);
        assert!(c.new.is_none());
    }
}

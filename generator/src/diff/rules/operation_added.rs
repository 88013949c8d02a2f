//! `operation-added`: a new operation.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "operation-added",
    severity: Severity::NonBreaking,
    summary: "an operation added: the module gains its request, builder, response and error types",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::OperationAdded { scope, op } = *s else {
        return;
    };
    e.push(
        scope.at("operation", None, Some(&op.loc)),
        format!("operation {} added", code(&op.name)),
        format!(
            "module `{}` gains `{}`, `{}`, `{}`, `{}` and `{}`",
            scope.module,
            scope.request(),
            scope.builder(),
            scope.response(),
            scope.error_kind(),
            scope.error()
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
        let c = one(&Spec::new(), &more);
        assert_eq!(c.id, "operation-added");
        assert_eq!(c.operation.as_deref(), Some("DeleteThing"));
        assert!(
            c.effect.contains("`DeleteThingRequestBuilder`"),
            "{}",
            c.effect
        );
        assert_eq!(one(&more, &Spec::new()).id, "operation-removed");
    }
}

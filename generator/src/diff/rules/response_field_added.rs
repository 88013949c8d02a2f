//! `response-field-added`: a new response field (or member of a response object).

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-added",
    severity: Severity::NonBreaking,
    summary: "a response field added: the response struct gains an `Option` field",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldAdded { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    e.push(
        cx.at(field, None, Some(field)),
        format!("{} added", cx.what(field)),
        cx.gains(field),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let base = "- {name: RequestId, type: string, description: The request ID.}";
        let c = one(
            &Spec::new(),
            &Spec::new().response(&format!(
                "{base}\n- {{name: TaskId, type: string, description: The task.}}"
            )),
        );
        assert_eq!(c.id, "response-field-added");
        assert_eq!(
            c.effect,
            "struct `CreateThingResponse` gains field `task_id: Option<String>`"
        );
    }
}

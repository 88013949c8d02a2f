//! `request-parameter-removed`: a request parameter (or member of a request object) is gone.

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-removed",
    severity: Severity::Breaking,
    summary: "a request parameter removed: its field and setter disappear",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRemoved { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Request {
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
        let c = one(
            &Spec::new().param("- {name: DryRun, type: boolean, description: Checks only.}"),
            &Spec::new(),
        );
        assert_eq!(c.id, "request-parameter-removed");
        assert!(c.new.is_none() && c.old.is_some());
        assert!(c.effect.contains("loses setter `dry_run`"), "{}", c.effect);
    }
}

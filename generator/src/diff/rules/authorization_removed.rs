//! `authorization-removed`: an operation loses its authorization row.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "authorization-removed",
    severity: Severity::Breaking,
    summary: "authorization no longer documented: `RAM_ACTION` and related constants disappear",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (Some(a), None) = (&old.authorization, &new.authorization) else {
        return;
    };
    e.push(
        scope.at("authorization", Some(&old.loc), Some(&new.loc)),
        format!("authorization (action {}) removed", code(&a.action)),
        format!(
            "`{}` loses constants `RAM_ACTION`, `ACCESS_LEVEL`, `RESOURCE_ARNS`, `CONDITION_KEYS` and `DEPENDENT_ACTIONS`: code that reads them no longer compiles",
            scope.request()
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let auth = Spec::new().op("authorization: {action: demo:CreateThing, accessLevel: create}");
        let c = one(&auth, &Spec::new());
        assert_eq!(c.id, "authorization-removed");
        assert_eq!(c.path, "authorization");
    }
}

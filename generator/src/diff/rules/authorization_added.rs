//! `authorization-added`: an operation gains its authorization row (policy action, resources).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "authorization-added",
    severity: Severity::NonBreaking,
    summary: "authorization documented: the request type gains `RAM_ACTION` and related constants",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (None, Some(a)) = (&old.authorization, &new.authorization) else {
        return;
    };
    e.push(
        scope.at("authorization", Some(&old.loc), Some(&new.loc)),
        format!("authorization documented: action {}", code(&a.action)),
        format!(
            "`{}` gains constants `RAM_ACTION`, `ACCESS_LEVEL`, `RESOURCE_ARNS`, `CONDITION_KEYS` and `DEPENDENT_ACTIONS`",
            scope.request()
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires() {
        let auth = Spec::new().op("authorization: {action: demo:CreateThing, accessLevel: create}");
        assert_eq!(ids(&Spec::new(), &auth), ["authorization-added"]);
        assert_eq!(ids(&auth, &Spec::new()), ["authorization-removed"]);
    }
}

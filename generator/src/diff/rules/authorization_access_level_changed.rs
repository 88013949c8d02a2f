//! `authorization-access-level-changed`: the documented access level of the policy action
//! changed (`create` → `update`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "authorization-access-level-changed",
    severity: Severity::NonBreaking,
    summary: "access level of the policy action changed: the `ACCESS_LEVEL` constant changes value",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (Some(o), Some(n)) = (&old.authorization, &new.authorization) else {
        return;
    };
    if o.access_level == n.access_level {
        return;
    }
    e.push(
        scope.at("authorization.accessLevel", Some(&old.loc), Some(&new.loc)),
        format!(
            "access level changed from {} to {}",
            code(&o.access_level),
            code(&n.access_level)
        ),
        format!(
            "`{}::ACCESS_LEVEL` becomes {}",
            scope.request(),
            code(&n.access_level)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires() {
        let level = |l: &str| {
            Spec::new().op(&format!(
                "authorization: {{action: demo:CreateThing, accessLevel: {l}}}"
            ))
        };
        assert_eq!(
            ids(&level("create"), &level("update")),
            ["authorization-access-level-changed"]
        );
    }
}

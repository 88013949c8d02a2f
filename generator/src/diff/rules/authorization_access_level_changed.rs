//! `authorization-access-level-changed`: the documented access level of the policy action
//! changed (`create` → `update`).

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
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

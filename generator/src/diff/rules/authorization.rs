//! `authorization-added` and `-removed`: an operation gains its authorization row (policy
//! action, resources), and with it the request type's constants, or loses them.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Subject, code};

const CONSTANTS: &str = "constants `RAM_ACTION`, `ACCESS_LEVEL`, `RESOURCE_ARNS`, `CONDITION_KEYS` and `DEPENDENT_ACTIONS`";

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (None, Some(a)) = dir.order(&old.authorization, &new.authorization) else {
        return;
    };
    let (message, effect) = match dir {
        Added => (
            format!("authorization documented: action {}", code(&a.action)),
            format!("`{}` gains {CONSTANTS}", scope.request()),
        ),
        Removed => (
            format!("authorization (action {}) removed", code(&a.action)),
            format!(
                "`{}` loses {CONSTANTS}: code that reads them no longer compiles",
                scope.request()
            ),
        ),
    };
    e.push(
        scope.at("authorization", Some(&old.loc), Some(&new.loc)),
        message,
        effect,
    );
}

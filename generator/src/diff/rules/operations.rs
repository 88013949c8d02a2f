//! `operation-added` and `operation-removed`: an operation, and with it its request, builder,
//! response and error types, is new or gone.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let (scope, op) = match (*s, dir) {
        (Subject::OperationAdded { scope, op }, Added)
        | (Subject::OperationRemoved { scope, op }, Removed) => (scope, op),
        _ => return,
    };
    let (old, new) = dir.locs(&op.loc);
    let items = format!(
        "`{}`, `{}`, `{}`, `{}` and `{}`",
        scope.request(),
        scope.builder(),
        scope.response(),
        scope.error_kind(),
        scope.error()
    );
    e.push(
        scope.at("operation", old, new),
        format!("operation {} {}", code(&op.name), dir.word()),
        match dir {
            Added => format!("module `{}` gains {items}", scope.module),
            Removed => format!(
                "{items} are removed from `{}`: code that uses them no longer compiles",
                scope.module
            ),
        },
    );
}

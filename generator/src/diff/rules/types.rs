//! `type-added` and `type-removed`: a named data type, and with it a struct of the module, is
//! new or gone.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Subject, code};
use crate::emit::names::type_name;

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let (scope, ty) = match (*s, dir) {
        (Subject::TypeAdded { scope, ty }, Added)
        | (Subject::TypeRemoved { scope, ty }, Removed) => (scope, ty),
        _ => return,
    };
    let (old, new) = dir.locs(&ty.loc);
    let name = type_name(&ty.name);
    e.push(
        scope.at(format!("types.{}", ty.name), old, new),
        format!("type {} {}", code(&ty.name), dir.word()),
        match dir {
            Added => format!("module `{}` gains struct `{name}`", scope.module),
            Removed => format!(
                "struct `{name}` is removed from `{}`: code that names it no longer compiles",
                scope.module
            ),
        },
    );
}

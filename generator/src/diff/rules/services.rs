//! Service versions only one side has: `service-added` and `service-removed` when the other
//! side has no version of the product at all (a module behind a feature comes or goes),
//! `service-version-added` and `service-version-removed` when it has others (a version module
//! comes or goes).

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Scope, Subject, code};
use crate::model::Service;

/// The service a subject adds (`Added`) or removes, when the other side has other versions of
/// its product (`versions`) or not.
fn subject<'a>(s: &Subject<'a>, dir: Dir, versions: bool) -> Option<(&'a Scope, &'a Service)> {
    match (*s, dir) {
        (
            Subject::ServiceAdded {
                scope,
                service,
                other_versions,
            },
            Added,
        )
        | (
            Subject::ServiceRemoved {
                scope,
                service,
                other_versions,
            },
            Removed,
        ) if other_versions == versions => Some((scope, service)),
        _ => None,
    }
}

/// `service-added`, `service-removed`.
pub(super) fn product(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Some((scope, service)) = subject(s, dir, false) else {
        return;
    };
    let (old, new) = dir.locs(&service.loc);
    e.push(
        scope.at("service", old, new),
        format!(
            "service {} version {} {}",
            code(&scope.product()),
            code(&service.version),
            dir.word()
        ),
        match dir {
            Added => format!(
                "the crate gains module `{}` behind the new feature `{}`",
                scope.module, scope.feature
            ),
            Removed => format!(
                "module `{}` and feature `{}` are removed: code that uses them no longer compiles",
                scope.module, scope.feature
            ),
        },
    );
}

/// `service-version-added`, `service-version-removed`.
pub(super) fn version(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Some((scope, service)) = subject(s, dir, true) else {
        return;
    };
    let (old, new) = dir.locs(&service.loc);
    e.push(
        scope.at("service", old, new),
        format!(
            "version {} of {} {}",
            code(&service.version),
            code(&scope.product()),
            dir.word()
        ),
        match dir {
            Added => format!(
                "the crate gains module `{}` (feature `{}`)",
                scope.module, scope.feature
            ),
            Removed => format!(
                "module `{}` is removed: code that uses it no longer compiles (feature `{}` stays for the other versions)",
                scope.module, scope.feature
            ),
        },
    );
}

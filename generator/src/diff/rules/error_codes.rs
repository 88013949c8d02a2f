//! `error-code-added` and `error-code-removed`: an error code the error kinds did not name, or
//! no longer name (and no common error keeps the variant). The kinds are `#[non_exhaustive]`,
//! so a new variant breaks no `match` (the code decoded as `Unknown` before); a removed one
//! stops compiling where it is named, and the code decodes as `Unknown`.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let (cx, error) = match (*s, dir) {
        (Subject::ErrorAdded { cx, error }, Added)
        | (Subject::ErrorRemoved { cx, error }, Removed) => (cx, error),
        _ => return,
    };
    let (old, new) = dir.locs(error);
    let s = if cx.kinds.len() == 1 { "s" } else { "" };
    let (kinds, variant) = (cx.kinds_text(), cx.variant(error));
    e.push(
        cx.at(error, old, new),
        format!(
            "{} {} {}",
            if cx.common {
                "common error"
            } else {
                "error code"
            },
            code(&error.code),
            dir.word()
        ),
        match dir {
            Added => format!(
                "{kinds} gain{s} variant `{variant}` (the code decoded as `Unknown` before)"
            ),
            Removed => format!(
                "{kinds} lose{s} variant `{variant}`: code that names it no longer compiles, and the code decodes as `Unknown`"
            ),
        },
    );
}

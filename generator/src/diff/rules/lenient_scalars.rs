//! `lenient-scalars-on` and `lenient-scalars-off`: a service's responses take (or no longer
//! take) numbers and numeric strings for each other (`lenientScalars`).

use super::Dir;
use crate::diff::{Emit, Subject};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Service { scope, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old, new);
    if from.lenient_scalars || !to.lenient_scalars {
        return;
    }
    let (message, effect) = match dir {
        Dir::Added => (
            "responses' scalar fields now take numbers and numeric strings for each other",
            "a response with a number in a string field (or the reverse) now decodes instead of failing as malformed",
        ),
        Dir::Removed => (
            "responses' scalar fields no longer take numbers and numeric strings for each other",
            "a response with a number in a string field (or the reverse) now fails as malformed unless the field says `alsoAccept`",
        ),
    };
    e.push(
        scope.at("lenientScalars", Some(&old.loc), Some(&new.loc)),
        message.to_string(),
        effect,
    );
}

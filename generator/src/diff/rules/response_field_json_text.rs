//! `response-field-json-text-added` and `-removed`: a response field is (or is no longer)
//! declared to arrive as JSON text inside a string (`style: json`).

use super::Dir;
use crate::diff::{Emit, Role, Subject};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old, new);
    if cx.role != Role::Response || from.arrives_as_json_text() || !to.arrives_as_json_text() {
        return;
    }
    let (message, effect) = match dir {
        Dir::Added => (
            format!("{} now arrives as JSON text inside a string", cx.what(new)),
            "the text is decoded into the field's type; a body with the value itself still decodes",
        ),
        Dir::Removed => (
            format!(
                "{} no longer arrives as JSON text inside a string",
                cx.what(new)
            ),
            "a body carrying the value as JSON text no longer decodes: it is a malformed response",
        ),
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

//! `response-field-also-accept-added` and `-removed`: a response field also decodes from more
//! JSON types (`alsoAccept`, such as WUYING's `Code` sent as a number), or from fewer, so
//! bodies that decoded may now fail.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Role, Subject, code_list};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    let moved = dir.moved(&old.also_accept, &new.also_accept);
    if moved.is_empty() {
        return;
    }
    let (what, types) = (cx.what(new), code_list(&moved));
    let (message, effect) = match dir {
        Added => (
            format!("{what} also decodes from JSON {types}"),
            format!(
                "field `{}` decodes {types} values too, instead of failing the response",
                cx.rust_field(new).unwrap_or_else(|| cx.name(new))
            ),
        ),
        Removed => (
            format!("{what} no longer decodes from JSON {types}"),
            format!(
                "responses that send {} as {types} fail to decode",
                cx.rust_field(new)
                    .map_or_else(|| cx.name(new), |f| format!("`{f}`"))
            ),
        ),
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

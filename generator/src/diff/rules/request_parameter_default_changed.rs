//! `request-parameter-default-changed`: the documented default of a request parameter changed
//! from one value to another, so callers that omit it get other behaviour. (A default that is
//! newly documented or no longer documented is a docs change: `description-changed`.)

use crate::diff::{Emit, Role, Subject, code, value_text};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request {
        return;
    }
    let (Some(a), Some(b)) = (&old.default, &new.default) else {
        return;
    };
    if a == b {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "default of {} changed from {} to {}",
            cx.what(new),
            code(&value_text(a)),
            code(&value_text(b))
        ),
        format!(
            "none in the generated Rust (defaults are not sent); the service applies {} when {} is omitted",
            code(&value_text(b)),
            code(&cx.name(new))
        ),
    );
}

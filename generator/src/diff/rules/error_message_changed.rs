//! `error-message-changed`: the documented message of an error code changed. Errors are
//! mapped by code, never by message, so only the rustdoc of the variant changes.

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Error { cx, old, new } = *s else {
        return;
    };
    if old.message == new.message {
        return;
    }
    let what = match (&old.message, &new.message) {
        (None, Some(_)) => "documented",
        (Some(_), None) => "no longer documented",
        _ => "changed",
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("message of {} {what}", code(&new.code)),
        format!(
            "the rustdoc of variant `{}` of {} changes",
            cx.variant(new),
            cx.kinds_text()
        ),
    );
}

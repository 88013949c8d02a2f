//! `error-status-changed`: the documented HTTP status of an error code changed from one value
//! to another. (A status newly documented or no longer documented is `description-changed`.)

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Error { cx, old, new } = *s else {
        return;
    };
    let (Some(a), Some(b)) = (old.status, new.status) else {
        return;
    };
    if a == b {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("HTTP status of {} changed from {a} to {b}", code(&new.code)),
        format!(
            "`OperationError::status` is {b} for variant `{}` of {}; code that branches on the status sees another value",
            cx.variant(new),
            cx.kinds_text()
        ),
    );
}

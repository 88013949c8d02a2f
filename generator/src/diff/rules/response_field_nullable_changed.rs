//! `response-field-nullable-changed`: a response field is (or is no longer) documented as
//! possibly `null`. Decoding is unchanged (absent and `null` are both `None`); the rustdoc and
//! the reference pages say it. (A change of `required`, "always present", is
//! `response-field-constraint-changed`.)

use crate::diff::{Emit, Role, Subject};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response || old.nullable == new.nullable {
        return;
    }
    let message = if new.nullable {
        format!("{} may now be `null`", cx.what(new))
    } else {
        format!(
            "{} is no longer documented as possibly `null`",
            cx.what(new)
        )
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        "the field's rustdoc and reference row say so; decoding is unchanged (absent and `null` are both `None`)",
    );
}

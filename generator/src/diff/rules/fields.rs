//! Fields only one side has: `request-parameter-added` (an optional one),
//! `request-parameter-added-required`, `request-parameter-removed`, `response-field-added` and
//! `response-field-removed`, for parameters and members of objects alike.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, FieldKind, Role, Subject, code};

/// A field on the `role` side added (`Added`; on the request side, only optional ones) or
/// removed.
pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, role: Role, dir: Dir) {
    let (cx, field) = match (*s, dir) {
        (Subject::FieldAdded { cx, field }, Added)
        | (Subject::FieldRemoved { cx, field }, Removed) => (cx, field),
        _ => return,
    };
    let optional = role == Role::Request && dir == Added;
    if cx.role != role || (optional && field.required) {
        return;
    }
    let (old, new) = dir.locs(field);
    e.push(
        cx.at(field, old, new),
        format!(
            "{}{} {}",
            if optional { "optional " } else { "" },
            cx.what(field),
            dir.word()
        ),
        match dir {
            Added => cx.gains(field),
            Removed => cx.loses(field),
        },
    );
}

/// `request-parameter-added-required`: a new required request parameter (or required member
/// of a request object). Existing calls do not set it, so `build()` fails for them.
pub(super) fn added_required(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldAdded { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Request || !field.required {
        return;
    }
    let effect = if field.protocol_filled {
        cx.gains(field)
    } else {
        match cx.kind {
            FieldKind::Parameter => format!(
                "`{}` gains required setter `{}` (field `{}: Option<{}>`): `build()` fails until it is called",
                cx.scope.builder(),
                cx.setter(field),
                cx.setter(field),
                cx.rust_type(field)
            ),
            FieldKind::Common => {
                cx.validation(&format!("reject requests without {}", code(&field.name)))
            }
            _ => format!(
                "{}; {}",
                cx.gains(field),
                cx.validation(&format!(
                    "now reject {} values without {}",
                    code(cx.parent.trim_end_matches('.')),
                    code(&field.name)
                ))
            ),
        }
    };
    e.push(
        cx.at(field, None, Some(field)),
        format!("required {} added", cx.what(field)),
        effect,
    );
}

//! `response-field-renamed`: a response field disappeared while one with the same description
//! appeared: most likely a rename.

use crate::diff::{Emit, Role, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRenamed { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    let effect = match cx.rust_field(old) {
        Some(field) if cx.setter(old) == cx.setter(new) => format!(
            "field `{field}` keeps its Rust name; it now decodes from {}",
            code(&new.name)
        ),
        Some(field) => format!(
            "field `{field}` becomes `{}`: code that reads the old name no longer compiles",
            cx.setter(new)
        ),
        None => "the wire name changes".into(),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} likely renamed to {} (same description)",
            cx.what(old),
            code(&new.name)
        ),
        effect,
    );
}

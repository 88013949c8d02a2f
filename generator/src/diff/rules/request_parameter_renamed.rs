//! `request-parameter-renamed`: a request parameter disappeared while one with the same
//! description appeared: most likely a rename. The pair is then compared like any other.

use crate::diff::{Emit, FieldKind, Role, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRenamed { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request {
        return;
    }
    let effect = match (cx.kind, cx.rust_field(old)) {
        (_, Some(field)) if cx.setter(old) == cx.setter(new) => format!(
            "`{field}` keeps its Rust name; the client now sends it as {}",
            code(&new.name)
        ),
        (FieldKind::Parameter, Some(_)) => format!(
            "setter `{}` of `{}` becomes `{}` (and field `{}::{}` becomes `{}`): code that uses the old name no longer compiles",
            cx.setter(old),
            cx.scope.builder(),
            cx.setter(new),
            cx.scope.request(),
            cx.setter(old),
            cx.setter(new)
        ),
        (_, Some(field)) => format!(
            "field `{field}` becomes `{}`: code that uses the old name no longer compiles",
            cx.setter(new)
        ),
        (_, None) => "none in the generated API; the wire name changes".into(),
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

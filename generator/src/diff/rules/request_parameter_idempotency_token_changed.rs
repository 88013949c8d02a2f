//! `request-parameter-idempotency-token-changed`: a request parameter became (or stopped being)
//! the operation's idempotency token, so the client now fills it with a fresh UUID when it is
//! left empty and retries the call after connection failures (or no longer does either).

use heck::ToShoutySnakeCase;

use crate::diff::{Emit, FieldKind, Role, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request
        || cx.kind != FieldKind::Parameter
        || old.idempotency_token == new.idempotency_token
    {
        return;
    }
    let op_static = cx
        .scope
        .operation
        .as_deref()
        .unwrap_or_default()
        .to_shouty_snake_case();
    let name = code(&cx.name(new));
    let (message, effect) = if new.idempotency_token {
        (
            format!("{} is now the idempotency token", cx.what(new)),
            format!(
                "the client (`{op_static}` static) fills {name} with a fresh UUID when a call leaves it empty, and retries such calls after connection failures"
            ),
        )
    } else {
        (
            format!("{} is no longer the idempotency token", cx.what(new)),
            format!(
                "the client (`{op_static}` static) sends {name} only when the caller sets it, and no longer retries the call after connection failures"
            ),
        )
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

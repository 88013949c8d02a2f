//! `request-parameter-protocol-filled-changed`: a request parameter is now (or no longer)
//! filled in by the protocol (Tencent's `Action`, `Version`), so it leaves (or joins) the
//! request struct and builder.

use crate::diff::{Emit, FieldKind, Role, Subject};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request || old.protocol_filled == new.protocol_filled {
        return;
    }
    let parameter = cx.kind == FieldKind::Parameter;
    let (message, effect) = if new.protocol_filled {
        (
            format!("{} is now filled in by the protocol", cx.what(new)),
            if parameter {
                format!(
                    "`{}` loses field `{}` and `{}` loses setter `{}`: code that sets it no longer compiles",
                    cx.scope.request(),
                    cx.setter(new),
                    cx.scope.builder(),
                    cx.setter(new)
                )
            } else {
                "none in the generated API".to_string()
            },
        )
    } else {
        let mut effect = if parameter {
            format!(
                "`{}` gains field `{}` and `{}` gains setter `{}`",
                cx.scope.request(),
                cx.setter(new),
                cx.scope.builder(),
                cx.setter(new)
            )
        } else {
            "none in the generated API".to_string()
        };
        if parameter && new.required {
            effect.push_str(": it is required, so `build()` fails until it is called");
        }
        (
            format!("{} is no longer filled in by the protocol", cx.what(new)),
            effect,
        )
    };
    e.push(cx.at(new, Some(old), Some(new)), message, effect);
}

//! `request-parameter-wire-changed`: where a request parameter travels (`in`: query, form, JSON
//! body, header) or how it is flattened (`style`: flat, json) changed.

use heck::ToShoutySnakeCase;

use crate::diff::{Emit, FieldKind, Role, Subject, code};
use crate::model::{WireLocation, WireStyle};

fn location(l: Option<WireLocation>) -> &'static str {
    l.map_or("default", WireLocation::spec_name)
}

fn where_sent(l: Option<WireLocation>) -> &'static str {
    l.map_or("where the service default says", WireLocation::phrase)
}

fn style(s: Option<WireStyle>) -> &'static str {
    s.map_or("default", WireStyle::spec_name)
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request {
        return;
    }
    let sender = if cx.kind == FieldKind::Common {
        "the runtime".to_string()
    } else {
        format!(
            "the client (`{}` static)",
            cx.scope
                .operation
                .as_deref()
                .unwrap_or_default()
                .to_shouty_snake_case()
        )
    };
    if old.location != new.location {
        e.push(
            cx.at(new, Some(old), Some(new)),
            format!(
                "{} moves from {} to {}",
                cx.what(new),
                code(location(old.location)),
                code(location(new.location))
            ),
            format!(
                "{sender} sends {} {} instead of {}",
                code(&cx.name(new)),
                where_sent(new.location),
                where_sent(old.location)
            ),
        );
    }
    if old.style != new.style {
        e.push(
            cx.at(new, Some(old), Some(new)),
            format!(
                "wire style of {} changed from {} to {}",
                cx.what(new),
                code(style(old.style)),
                code(style(new.style))
            ),
            format!(
                "{sender} encodes {} {}",
                code(&cx.name(new)),
                new.style.unwrap_or(WireStyle::Flat).phrase()
            ),
        );
    }
}

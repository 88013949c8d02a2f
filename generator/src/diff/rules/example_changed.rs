//! `example-changed`: a field's example value, or an operation's request or response example,
//! changed. They feed the rustdoc, the doc-test example and the generated example tests.

use crate::diff::{Emit, Subject, code, value_text};
use crate::model::{Example, ExampleKind};

fn kind(k: ExampleKind) -> &'static str {
    match k {
        ExampleKind::Request => "request",
        ExampleKind::Success => "success",
        ExampleKind::Error => "error",
    }
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Field { cx, old, new } => {
            if old.example == new.example {
                return;
            }
            let show = |v: &Option<serde_json::Value>| {
                v.as_ref()
                    .map_or_else(|| "none".to_string(), |v| code(&value_text(v)))
            };
            e.push(
                cx.at(new, Some(old), Some(new)),
                format!(
                    "example of {} changed from {} to {}",
                    cx.what(new),
                    show(&old.example),
                    show(&new.example)
                ),
                match cx.rust_field(new) {
                    Some(f) => format!("the rustdoc of `{f}` (and the doc-test example) changes"),
                    None => "none in the generated Rust".to_string(),
                },
            );
        }
        Subject::Operation { scope, old, new } => {
            let effect = |ex: &Example| match ex.kind {
                ExampleKind::Request => {
                    format!("the doc-test example of `{}` changes", scope.request())
                }
                _ => format!(
                    "the generated example tests of `{}` change",
                    scope.response()
                ),
            };
            let at = || scope.at("examples", Some(&old.loc), Some(&new.loc));
            for o in &old.examples {
                match new.examples.iter().find(|n| n.title == o.title) {
                    Some(n) if (n.kind, n.status, &n.body) != (o.kind, o.status, &o.body) => e
                        .push(
                            at(),
                            format!("{} example {} changed", kind(n.kind), code(&n.title)),
                            effect(n),
                        ),
                    Some(_) => {}
                    None => e.push(
                        at(),
                        format!("{} example {} removed", kind(o.kind), code(&o.title)),
                        effect(o),
                    ),
                }
            }
            for n in &new.examples {
                if !old.examples.iter().any(|o| o.title == n.title) {
                    e.push(
                        at(),
                        format!("{} example {} added", kind(n.kind), code(&n.title)),
                        effect(n),
                    );
                }
            }
        }
        _ => {}
    }
}

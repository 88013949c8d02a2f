//! `source-changed`: the documentation pages an operation was transcribed from changed (a page
//! added or removed, its "last updated" date, language or role).

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let at = || scope.at("source", Some(&old.loc), Some(&new.loc));
    let effect = |primary: bool| {
        if primary {
            format!(
                "the \"Documented at\" line of `{}`'s rustdoc changes",
                scope.request()
            )
        } else {
            "none in the generated Rust".to_string()
        }
    };
    let first =
        |list: &[crate::model::SourcePage], url: &str| list.first().is_some_and(|p| p.url == url);
    for o in &old.sources {
        match new.sources.iter().find(|n| n.url == o.url) {
            None => e.push(
                at(),
                format!("source page {} removed", code(&o.url)),
                effect(first(&old.sources, &o.url)),
            ),
            Some(n) if n != o => {
                let mut what = Vec::new();
                if n.last_updated != o.last_updated {
                    what.push(format!(
                        "last updated {} (was {})",
                        n.last_updated
                            .as_deref()
                            .map_or_else(|| "unknown".into(), code),
                        o.last_updated
                            .as_deref()
                            .map_or_else(|| "unknown".into(), code)
                    ));
                }
                if n.language != o.language {
                    what.push(format!(
                        "language {} (was {})",
                        code(&n.language),
                        code(&o.language)
                    ));
                }
                if n.role != o.role {
                    what.push(format!("role {} (was {})", code(&n.role), code(&o.role)));
                }
                e.push(
                    at(),
                    format!("source page {}: {}", code(&n.url), what.join(", ")),
                    effect(first(&new.sources, &n.url)),
                );
            }
            Some(_) => {}
        }
    }
    for n in &new.sources {
        if !old.sources.iter().any(|o| o.url == n.url) {
            e.push(
                at(),
                format!("source page {} added", code(&n.url)),
                effect(first(&new.sources, &n.url)),
            );
        }
    }
}

//! `paginator-added`, `paginator-removed` and `paginator-changed`: an operation gained or lost
//! its paginator (the client's `…_paginator` method and the request's `Paginated`
//! implementation), or pages another way.

use super::Dir;
use crate::diff::{Emit, Scope, Subject, code};
use crate::model::Paginator;
use crate::rust_names::RustNames;

/// One line on how a paginator pages: `offset `Offset`/`Limit`, items `ImageSet`, total
/// `TotalCount``.
fn describe(p: &Paginator) -> String {
    let mut out = format!("{} {}", p.style.spec_name(), code(&p.cursor));
    if let Some(size) = &p.page_size {
        out.push_str(&format!("/{}", code(size)));
    }
    out.push_str(&format!(", items {}", code(&p.items.join("."))));
    if let Some(total) = &p.total {
        out.push_str(&format!(", total {}", code(&total.join("."))));
    }
    if let Some(token) = &p.next_token {
        out.push_str(&format!(", next token {}", code(&token.join("."))));
    }
    out
}

/// The client method of the scope's operation's paginator, as `names` has it.
fn paginator_method(names: &RustNames, scope: &Scope) -> String {
    let op = scope.operation.as_deref().unwrap_or_default();
    names.operation(op).paginator.clone().unwrap_or_default()
}

/// `paginator-added` / `paginator-removed`.
pub(super) fn presence(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old, new);
    let (None, Some(p)) = (&from.paginator, &to.paginator) else {
        return;
    };
    // The naming pass decides the method's name: the side that has the paginator names it.
    let names = match dir {
        Dir::Added => &scope.new_names,
        Dir::Removed => &scope.old_names,
    };
    let method = paginator_method(names, scope);
    let effect = match dir {
        Dir::Added => format!(
            "the client gains `{method}` and `{}` implements `Paginated`; existing calls are unaffected",
            scope.request()
        ),
        Dir::Removed => format!(
            "the client's `{method}` and `{}`'s `Paginated` implementation are gone: code that pages with them no longer compiles",
            scope.request()
        ),
    };
    e.push(
        scope.at("paginator", Some(&old.loc), Some(&new.loc)),
        format!("paginator {} ({})", dir.word(), describe(p)),
        effect,
    );
}

/// `paginator-changed`.
pub(super) fn changed(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (Some(before), Some(after)) = (&old.paginator, &new.paginator) else {
        return;
    };
    if before == after {
        return;
    }
    let method = paginator_method(&scope.new_names, scope);
    let effect = if before.items == after.items {
        format!("`{method}` steps through or stops at the pages differently")
    } else {
        format!(
            "`{method}` steps through the pages differently, and its items come from elsewhere: `Paginated::Item` may be another type"
        )
    };
    e.push(
        scope.at("paginator", Some(&old.loc), Some(&new.loc)),
        format!(
            "paginator changed from {} to {}",
            describe(before),
            describe(after)
        ),
        effect,
    );
}

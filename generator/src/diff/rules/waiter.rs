//! `waiter-added`, `waiter-removed` and `waiter-changed`: an operation gained or lost a waiter
//! (a `wait_until_…` client method), or one waits for other values, at another path, or with
//! other delays or time limit.

use super::Dir;
use crate::diff::{Emit, Scope, Subject, code};
use crate::model::Waiter;
use crate::rust_names::RustNames;

/// One line on what a waiter waits for: ``ImageSet.ImageState` in `NORMAL` (failure
/// `CREATEFAILED`), every 5–30 s for at most 1800 s`.
fn describe(w: &Waiter) -> String {
    let list = |v: &[String]| v.iter().map(|s| code(s)).collect::<Vec<_>>().join(", ");
    let mut done = list(&w.success);
    if w.success_when_absent {
        done = if done.is_empty() {
            "none left".to_string()
        } else {
            format!("{done}, or none left")
        };
    }
    let mut out = format!("{} in {}", code(&w.path.join(".")), done);
    if !w.failure.is_empty() {
        out.push_str(&format!(" (failure {})", list(&w.failure)));
    }
    out.push_str(&format!(
        ", every {}–{} s for at most {} s",
        w.delay, w.max_delay, w.timeout
    ));
    out
}

/// The client method of waiter `w` of the scope's operation, as `names` has it.
fn method(names: &RustNames, scope: &Scope, op_waiters: &[Waiter], w: &Waiter) -> String {
    let op = scope.operation.as_deref().unwrap_or_default();
    let at = op_waiters.iter().position(|x| x.name == w.name);
    at.and_then(|i| names.operation(op).waiters.get(i).cloned())
        .unwrap_or_default()
}

/// `waiter-added` / `waiter-removed`.
pub(super) fn presence(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old, new);
    for w in &to.waiters {
        if from.waiters.iter().any(|x| x.name == w.name) {
            continue;
        }
        // The naming pass decides the method's name: the side that has the waiter names it.
        let names = match dir {
            Dir::Added => &scope.new_names,
            Dir::Removed => &scope.old_names,
        };
        let m = method(names, scope, &to.waiters, w);
        let effect = match dir {
            Dir::Added => format!("the client gains `{m}`; existing calls are unaffected"),
            Dir::Removed => {
                format!("the client's `{m}` is gone: code that waits with it no longer compiles")
            }
        };
        e.push(
            scope.at(
                format!("waiters.{}", w.name),
                Some(&old.loc),
                Some(&new.loc),
            ),
            format!("waiter {} {} ({})", code(&w.name), dir.word(), describe(w)),
            effect,
        );
    }
}

/// `waiter-changed`.
pub(super) fn changed(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    for before in &old.waiters {
        let Some(after) = new.waiters.iter().find(|w| w.name == before.name) else {
            continue;
        };
        if before == after {
            continue;
        }
        let m = method(&scope.new_names, scope, &new.waiters, after);
        let effect = if (
            &before.path,
            &before.success,
            before.success_when_absent,
            &before.failure,
        ) == (
            &after.path,
            &after.success,
            after.success_when_absent,
            &after.failure,
        ) {
            format!("`{m}` polls at another pace or gives up at another time")
        } else {
            format!(
                "`{m}` decides differently when the wait is over: it may return, fail or keep polling where it did not"
            )
        };
        e.push(
            scope.at(
                format!("waiters.{}", before.name),
                Some(&old.loc),
                Some(&new.loc),
            ),
            format!(
                "waiter {} changed from {} to {}",
                code(&before.name),
                describe(before),
                describe(after)
            ),
            effect,
        );
    }
}

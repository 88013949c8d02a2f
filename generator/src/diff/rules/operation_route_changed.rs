//! `operation-route-changed`: a ROA operation's HTTP method or path template changed.

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    if (old.method, &old.path) == (new.method, &new.path) {
        return;
    }
    let route = |o: &crate::model::Operation| code(&format!("{} {}", o.method.as_str(), o.path));
    let key = if old.method == new.method {
        "path"
    } else {
        "method"
    };
    e.push(
        scope.at(key, Some(&old.loc), Some(&new.loc)),
        format!("request line changed from {} to {}", route(old), route(new)),
        format!(
            "`{}` is sent as {} now: a client built from the old spec calls a route the service may no longer serve",
            scope.request(),
            route(new)
        ),
    );
}

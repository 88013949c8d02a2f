//! `error-status-changed`: the documented HTTP status of an error code changed from one value
//! to another. (A status newly documented or no longer documented is `description-changed`.)

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "error-status-changed",
    severity: Severity::PotentiallyBreaking,
    summary: "an error's HTTP status changed: code that branches on the status sees another value",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Error { cx, old, new } = *s else {
        return;
    };
    let (Some(a), Some(b)) = (old.status, new.status) else {
        return;
    };
    if a == b {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("HTTP status of {} changed from {a} to {b}", code(&new.code)),
        format!(
            "`OperationError::status` is {b} for variant `{}` of {}; code that branches on the status sees another value",
            cx.variant(new),
            cx.kinds_text()
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires() {
        let status = |s: &str| {
            Spec::new().errors(&format!(
                "- {{status: {s}, code: Thing.NotFound, message: No thing.}}"
            ))
        };
        assert_eq!(
            ids(&status("400"), &status("404")),
            ["error-status-changed"]
        );
    }
}

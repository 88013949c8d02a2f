//! `error-message-changed`: the documented message of an error code changed. Errors are
//! mapped by code, never by message, so only the rustdoc of the variant changes.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "error-message-changed",
    severity: Severity::DocsOnly,
    summary: "an error's documented message changed: rustdoc only (errors are mapped by code)",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Error { cx, old, new } = *s else {
        return;
    };
    if old.message == new.message {
        return;
    }
    let what = match (&old.message, &new.message) {
        (None, Some(_)) => "documented",
        (Some(_), None) => "no longer documented",
        _ => "changed",
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("message of {} {what}", code(&new.code)),
        format!(
            "the rustdoc of variant `{}` of {} changes",
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
        let msg = |m: &str| {
            Spec::new().errors(&format!(
                "- {{status: 400, code: Thing.NotFound, message: {m}}}"
            ))
        };
        assert_eq!(
            ids(&msg("No thing."), &msg("The thing does not exist.")),
            ["error-message-changed"]
        );
    }
}

//! `request-parameter-default-changed`: the documented default of a request parameter changed
//! from one value to another, so callers that omit it get other behaviour. (A default that is
//! newly documented or no longer documented is a docs change: `description-changed`.)

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject, code, value_text};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-default-changed",
    severity: Severity::PotentiallyBreaking,
    summary: "a request parameter's default changed: callers that omit it get another behaviour",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request {
        return;
    }
    let (Some(a), Some(b)) = (&old.default, &new.default) else {
        return;
    };
    if a == b {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "default of {} changed from {} to {}",
            cx.what(new),
            code(&value_text(a)),
            code(&value_text(b))
        ),
        format!(
            "none in the generated Rust (defaults are not sent); the service applies {} when {} is omitted",
            code(&value_text(b)),
            code(&cx.name(new))
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn with_default(d: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: Mode, type: string, description: The mode.{d}}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(
            &with_default(", default: fast"),
            &with_default(", default: safe"),
        );
        assert_eq!(c.id, "request-parameter-default-changed");
        assert_eq!(
            c.message,
            "default of request parameter `Mode` changed from `fast` to `safe`"
        );
    }

    #[test]
    fn a_newly_documented_default_is_docs_only() {
        assert_eq!(
            ids(&with_default(""), &with_default(", default: safe")),
            ["description-changed"]
        );
    }
}

//! `request-parameter-ascii-only-removed`: a request value may now contain non-ASCII characters.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-ascii-only-removed",
    severity: Severity::NonBreaking,
    summary: "asciiOnly removed from a request value: non-ASCII values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::flag_change(s, e, "asciiOnly", false);
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn spec(extra: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: Code, type: string, description: A code.{extra}}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&spec(r#", asciiOnly: true"#), &spec(r#""#));
        assert_eq!(c.id, "request-parameter-ascii-only-removed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#""#), &spec(r#", asciiOnly: true"#)),
            ["request-parameter-ascii-only-added"]
        );
        assert!(ids(&spec(r#""#), &spec(r#""#)).is_empty());
    }
}

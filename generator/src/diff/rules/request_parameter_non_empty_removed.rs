//! `request-parameter-non-empty-removed`: a request value may now be empty.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-non-empty-removed",
    severity: Severity::NonBreaking,
    summary: "nonEmpty removed from a request value: empty values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::flag_change(s, e, "nonEmpty", false);
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
        let c = one(&spec(r#", nonEmpty: true"#), &spec(r#""#));
        assert_eq!(c.id, "request-parameter-non-empty-removed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#""#), &spec(r#", nonEmpty: true"#)),
            ["request-parameter-non-empty-added"]
        );
        assert!(ids(&spec(r#""#), &spec(r#""#)).is_empty());
    }
}

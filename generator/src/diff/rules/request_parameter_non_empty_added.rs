//! `request-parameter-non-empty-added`: a request value must now not be empty.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-non-empty-added",
    severity: Severity::PotentiallyBreaking,
    summary: "nonEmpty added to a request value: empty values are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::flag_change(s, e, "nonEmpty", true);
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
        let c = one(&spec(r#""#), &spec(r#", nonEmpty: true"#));
        assert_eq!(c.id, "request-parameter-non-empty-added");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", nonEmpty: true"#), &spec(r#""#)),
            ["request-parameter-non-empty-removed"]
        );
        assert!(ids(&spec(r#", nonEmpty: true"#), &spec(r#", nonEmpty: true"#)).is_empty());
    }
}

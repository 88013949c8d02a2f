//! `request-parameter-ascii-only-added`: a request value must now be ASCII only.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-ascii-only-added",
    severity: Severity::PotentiallyBreaking,
    summary: "asciiOnly added to a request value: values with other characters are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::flag_change(s, e, "asciiOnly", true);
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
        let c = one(&spec(r#""#), &spec(r#", asciiOnly: true"#));
        assert_eq!(c.id, "request-parameter-ascii-only-added");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", asciiOnly: true"#), &spec(r#""#)),
            ["request-parameter-ascii-only-removed"]
        );
        assert!(ids(&spec(r#", asciiOnly: true"#), &spec(r#", asciiOnly: true"#)).is_empty());
    }
}

//! `request-parameter-maximum-increased`: a request number's `maximum` was raised (or removed).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-maximum-increased",
    severity: Severity::NonBreaking,
    summary: "maximum of a request number raised or removed: larger values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MAXIMUM, false);
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn spec(extra: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: Code, type: integer, description: A code.{extra}}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&spec(r#", maximum: 50"#), &spec(r#", maximum: 100"#));
        assert_eq!(c.id, "request-parameter-maximum-increased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", maximum: 50"#), &spec("")),
            ["request-parameter-maximum-increased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", maximum: 100"#), &spec(r#", maximum: 50"#)),
            ["request-parameter-maximum-decreased"]
        );
        assert!(ids(&spec(r#", maximum: 50"#), &spec(r#", maximum: 50"#)).is_empty());
    }
}

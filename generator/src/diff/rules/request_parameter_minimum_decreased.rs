//! `request-parameter-minimum-decreased`: a request number's `minimum` was lowered (or removed).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-minimum-decreased",
    severity: Severity::NonBreaking,
    summary: "minimum of a request number lowered or removed: smaller values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MINIMUM, false);
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
        let c = one(&spec(r#", minimum: 5"#), &spec(r#", minimum: 1"#));
        assert_eq!(c.id, "request-parameter-minimum-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", minimum: 5"#), &spec("")),
            ["request-parameter-minimum-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minimum: 1"#), &spec(r#", minimum: 5"#)),
            ["request-parameter-minimum-increased"]
        );
        assert!(ids(&spec(r#", minimum: 5"#), &spec(r#", minimum: 5"#)).is_empty());
    }
}

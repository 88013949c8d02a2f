//! `request-parameter-max-length-increased`: a request value's `maxLength` was raised (or removed): every value that passed still passes.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-max-length-increased",
    severity: Severity::NonBreaking,
    summary: "maxLength of a request value raised or removed: more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MAX_LENGTH, false);
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
        let c = one(&spec(r#", maxLength: 32"#), &spec(r#", maxLength: 64"#));
        assert_eq!(c.id, "request-parameter-max-length-increased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", maxLength: 32"#), &spec("")),
            ["request-parameter-max-length-increased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", maxLength: 64"#), &spec(r#", maxLength: 32"#)),
            ["request-parameter-max-length-decreased"]
        );
        assert!(ids(&spec(r#", maxLength: 32"#), &spec(r#", maxLength: 32"#)).is_empty());
    }
}

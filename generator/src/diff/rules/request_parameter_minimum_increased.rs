//! `request-parameter-minimum-increased`: a request number's `minimum` was raised (or added): smaller values may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-minimum-increased",
    severity: Severity::PotentiallyBreaking,
    summary: "minimum of a request number raised or added: smaller values that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MINIMUM, true);
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
        let c = one(&spec(r#", minimum: 1"#), &spec(r#", minimum: 5"#));
        assert_eq!(c.id, "request-parameter-minimum-increased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", minimum: 5"#)),
            ["request-parameter-minimum-increased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minimum: 5"#), &spec(r#", minimum: 1"#)),
            ["request-parameter-minimum-decreased"]
        );
        assert!(ids(&spec(r#", minimum: 1"#), &spec(r#", minimum: 1"#)).is_empty());
    }
}

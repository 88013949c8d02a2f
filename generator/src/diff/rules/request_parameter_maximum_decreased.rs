//! `request-parameter-maximum-decreased`: a request number's `maximum` was lowered (or added): larger values may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-maximum-decreased",
    severity: Severity::PotentiallyBreaking,
    summary: "maximum of a request number lowered or added: larger values that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MAXIMUM, true);
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
        let c = one(&spec(r#", maximum: 100"#), &spec(r#", maximum: 50"#));
        assert_eq!(c.id, "request-parameter-maximum-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", maximum: 50"#)),
            ["request-parameter-maximum-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", maximum: 50"#), &spec(r#", maximum: 100"#)),
            ["request-parameter-maximum-increased"]
        );
        assert!(ids(&spec(r#", maximum: 100"#), &spec(r#", maximum: 100"#)).is_empty());
    }
}

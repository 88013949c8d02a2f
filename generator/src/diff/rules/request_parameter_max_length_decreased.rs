//! `request-parameter-max-length-decreased`: a request value's `maxLength` was lowered (or added): values that passed `validate` may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-max-length-decreased",
    severity: Severity::PotentiallyBreaking,
    summary: "maxLength of a request value lowered or added: longer values that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MAX_LENGTH, true);
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
        let c = one(&spec(r#", maxLength: 64"#), &spec(r#", maxLength: 32"#));
        assert_eq!(c.id, "request-parameter-max-length-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", maxLength: 32"#)),
            ["request-parameter-max-length-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", maxLength: 32"#), &spec(r#", maxLength: 64"#)),
            ["request-parameter-max-length-increased"]
        );
        assert!(ids(&spec(r#", maxLength: 64"#), &spec(r#", maxLength: 64"#)).is_empty());
    }
}

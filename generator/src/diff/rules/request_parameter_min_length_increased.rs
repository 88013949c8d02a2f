//! `request-parameter-min-length-increased`: a request value's `minLength` was raised (or added): short values that passed may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-min-length-increased",
    severity: Severity::PotentiallyBreaking,
    summary: "minLength of a request value raised or added: shorter values that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MIN_LENGTH, true);
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
        let c = one(&spec(r#", minLength: 2"#), &spec(r#", minLength: 4"#));
        assert_eq!(c.id, "request-parameter-min-length-increased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", minLength: 4"#)),
            ["request-parameter-min-length-increased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minLength: 4"#), &spec(r#", minLength: 2"#)),
            ["request-parameter-min-length-decreased"]
        );
        assert!(ids(&spec(r#", minLength: 2"#), &spec(r#", minLength: 2"#)).is_empty());
    }
}

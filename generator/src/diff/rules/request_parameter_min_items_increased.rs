//! `request-parameter-min-items-increased`: a request array's `minItems` was raised (or added): shorter lists may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-min-items-increased",
    severity: Severity::PotentiallyBreaking,
    summary: "minItems of a request array raised or added: shorter lists that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MIN_ITEMS, true);
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn spec(extra: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: Code, type: array, items: {{type: string}}, description: A code.{extra}}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&spec(r#", minItems: 1"#), &spec(r#", minItems: 2"#));
        assert_eq!(c.id, "request-parameter-min-items-increased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", minItems: 2"#)),
            ["request-parameter-min-items-increased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minItems: 2"#), &spec(r#", minItems: 1"#)),
            ["request-parameter-min-items-decreased"]
        );
        assert!(ids(&spec(r#", minItems: 1"#), &spec(r#", minItems: 1"#)).is_empty());
    }
}

//! `request-parameter-max-items-decreased`: a request array's `maxItems` was lowered (or added): longer lists may now be rejected.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-max-items-decreased",
    severity: Severity::PotentiallyBreaking,
    summary: "maxItems of a request array lowered or added: longer lists that passed validation are now rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MAX_ITEMS, true);
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
        let c = one(&spec(r#", maxItems: 20"#), &spec(r#", maxItems: 10"#));
        assert_eq!(c.id, "request-parameter-max-items-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", maxItems: 10"#)),
            ["request-parameter-max-items-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", maxItems: 10"#), &spec(r#", maxItems: 20"#)),
            ["request-parameter-max-items-increased"]
        );
        assert!(ids(&spec(r#", maxItems: 20"#), &spec(r#", maxItems: 20"#)).is_empty());
    }
}

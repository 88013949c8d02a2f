//! `request-parameter-min-items-decreased`: a request array's `minItems` was lowered (or removed).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-min-items-decreased",
    severity: Severity::NonBreaking,
    summary: "minItems of a request array lowered or removed: shorter lists pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MIN_ITEMS, false);
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
        let c = one(&spec(r#", minItems: 2"#), &spec(r#", minItems: 1"#));
        assert_eq!(c.id, "request-parameter-min-items-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", minItems: 2"#), &spec("")),
            ["request-parameter-min-items-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minItems: 1"#), &spec(r#", minItems: 2"#)),
            ["request-parameter-min-items-increased"]
        );
        assert!(ids(&spec(r#", minItems: 2"#), &spec(r#", minItems: 2"#)).is_empty());
    }
}

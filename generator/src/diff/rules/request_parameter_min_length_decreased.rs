//! `request-parameter-min-length-decreased`: a request value's `minLength` was lowered (or removed).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-min-length-decreased",
    severity: Severity::NonBreaking,
    summary: "minLength of a request value lowered or removed: more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::bound_change(s, e, &super::MIN_LENGTH, false);
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
        let c = one(&spec(r#", minLength: 4"#), &spec(r#", minLength: 2"#));
        assert_eq!(c.id, "request-parameter-min-length-decreased");
        assert_eq!(c.path, "request.Code");
        assert!(c.effect.contains("CreateThingRequest"), "{}", c.effect);
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", minLength: 4"#), &spec("")),
            ["request-parameter-min-length-decreased"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(&spec(r#", minLength: 2"#), &spec(r#", minLength: 4"#)),
            ["request-parameter-min-length-increased"]
        );
        assert!(ids(&spec(r#", minLength: 4"#), &spec(r#", minLength: 4"#)).is_empty());
    }
}

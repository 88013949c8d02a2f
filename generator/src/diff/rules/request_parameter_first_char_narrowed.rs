//! `request-parameter-first-char-narrowed`: a request value may start with fewer characters than before (`firstChar`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-first-char-narrowed",
    severity: Severity::PotentiallyBreaking,
    summary: "firstChar of a request value narrowed (or added): values starting with a character now outside the set are rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::charset_change(s, e, "firstChar", true);
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
        let c = one(
            &spec(r#", firstChar: {classes: [letter, digit]}"#),
            &spec(r#", firstChar: {classes: [letter]}"#),
        );
        assert_eq!(c.id, "request-parameter-first-char-narrowed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(&spec(""), &spec(r#", firstChar: {classes: [letter]}"#)),
            ["request-parameter-first-char-narrowed"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", firstChar: {classes: [letter]}"#),
                &spec(r#", firstChar: {classes: [letter, digit]}"#)
            ),
            ["request-parameter-first-char-widened"]
        );
    }
}

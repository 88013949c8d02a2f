//! `request-parameter-first-char-widened`: a request value may start with more characters than before (`firstChar`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-first-char-widened",
    severity: Severity::NonBreaking,
    summary: "firstChar of a request value widened (or removed): more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::charset_change(s, e, "firstChar", false);
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
            &spec(r#", firstChar: {classes: [letter]}"#),
            &spec(r#", firstChar: {classes: [letter, chinese]}"#),
        );
        assert_eq!(c.id, "request-parameter-first-char-widened");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(&spec(r#", firstChar: {classes: [letter]}"#), &spec("")),
            ["request-parameter-first-char-widened"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", firstChar: {classes: [letter, chinese]}"#),
                &spec(r#", firstChar: {classes: [letter]}"#)
            ),
            ["request-parameter-first-char-narrowed"]
        );
    }
}

//! `request-parameter-allowed-chars-widened`: a request value may contain more characters than before (`allowedChars`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-allowed-chars-widened",
    severity: Severity::NonBreaking,
    summary: "allowedChars of a request value widened (or removed): more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::charset_change(s, e, "allowedChars", false);
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
            &spec(r#", allowedChars: {classes: [lowercase]}"#),
            &spec(r#", allowedChars: {classes: [letter, digit]}"#),
        );
        assert_eq!(c.id, "request-parameter-allowed-chars-widened");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_when_removed() {
        assert_eq!(
            ids(
                &spec(r#", allowedChars: {classes: [lowercase]}"#),
                &spec("")
            ),
            ["request-parameter-allowed-chars-widened"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", allowedChars: {classes: [letter, digit]}"#),
                &spec(r#", allowedChars: {classes: [lowercase]}"#)
            ),
            ["request-parameter-allowed-chars-narrowed"]
        );
    }
}

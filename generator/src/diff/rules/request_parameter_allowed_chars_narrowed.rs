//! `request-parameter-allowed-chars-narrowed`: a request value may contain fewer characters than before (`allowedChars`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-allowed-chars-narrowed",
    severity: Severity::PotentiallyBreaking,
    summary: "allowedChars of a request value narrowed (or added): values with characters now outside the set are rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::charset_change(s, e, "allowedChars", true);
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
            &spec(r#", allowedChars: {classes: [letter, digit], chars: ":_-"}"#),
            &spec(r#", allowedChars: {classes: [letter, digit], chars: "_"}"#),
        );
        assert_eq!(c.id, "request-parameter-allowed-chars-narrowed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_when_added() {
        assert_eq!(
            ids(
                &spec(""),
                &spec(r#", allowedChars: {classes: [letter, digit], chars: "_"}"#)
            ),
            ["request-parameter-allowed-chars-narrowed"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", allowedChars: {classes: [letter, digit], chars: "_"}"#),
                &spec(r#", allowedChars: {classes: [letter, digit], chars: ":_-"}"#)
            ),
            ["request-parameter-allowed-chars-widened"]
        );
    }
}

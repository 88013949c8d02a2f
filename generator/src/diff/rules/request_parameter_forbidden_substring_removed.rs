//! `request-parameter-forbidden-substring-removed`: a request value lost forbidden substrings (`forbiddenSubstrings`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-forbidden-substring-removed",
    severity: Severity::NonBreaking,
    summary: "forbidden substrings removed from a request value: more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::list_change(s, e, "forbiddenSubstrings", "contain", false);
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
            &spec(r#", forbiddenSubstrings: ["http://", "https://"]"#),
            &spec(r#", forbiddenSubstrings: ["http://"]"#),
        );
        assert_eq!(c.id, "request-parameter-forbidden-substring-removed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_for_the_whole_list() {
        assert_eq!(
            ids(
                &spec(r#", forbiddenSubstrings: ["http://", "https://"]"#),
                &spec("")
            ),
            ["request-parameter-forbidden-substring-removed"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", forbiddenSubstrings: ["http://"]"#),
                &spec(r#", forbiddenSubstrings: ["http://", "https://"]"#)
            ),
            ["request-parameter-forbidden-substring-added"]
        );
    }
}

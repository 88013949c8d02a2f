//! `request-parameter-forbidden-prefix-removed`: a request value lost forbidden prefixes (`forbiddenPrefixes`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-forbidden-prefix-removed",
    severity: Severity::NonBreaking,
    summary: "forbidden prefixes removed from a request value: more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::list_change(s, e, "forbiddenPrefixes", "start with", false);
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
            &spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#),
            &spec(r#", forbiddenPrefixes: ["acs:"]"#),
        );
        assert_eq!(c.id, "request-parameter-forbidden-prefix-removed");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_for_the_whole_list() {
        assert_eq!(
            ids(&spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#), &spec("")),
            ["request-parameter-forbidden-prefix-removed"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", forbiddenPrefixes: ["acs:"]"#),
                &spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#)
            ),
            ["request-parameter-forbidden-prefix-added"]
        );
    }
}

//! `request-parameter-forbidden-prefix-added`: a request value gained forbidden prefixes (`forbiddenPrefixes`).

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-forbidden-prefix-added",
    severity: Severity::PotentiallyBreaking,
    summary: "forbidden prefixes added to a request value: values that passed validation may now be rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    super::list_change(s, e, "forbiddenPrefixes", "start with", true);
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
            &spec(r#", forbiddenPrefixes: ["acs:"]"#),
            &spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#),
        );
        assert_eq!(c.id, "request-parameter-forbidden-prefix-added");
        assert_eq!(c.path, "request.Code");
    }

    #[test]
    fn fires_for_the_whole_list() {
        assert_eq!(
            ids(&spec(""), &spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#)),
            ["request-parameter-forbidden-prefix-added"]
        );
    }

    #[test]
    fn the_other_direction_is_another_rule() {
        assert_eq!(
            ids(
                &spec(r#", forbiddenPrefixes: ["acs:", aliyun]"#),
                &spec(r#", forbiddenPrefixes: ["acs:"]"#)
            ),
            ["request-parameter-forbidden-prefix-removed"]
        );
    }
}

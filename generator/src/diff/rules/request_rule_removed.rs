//! `request-rule-removed`: a rule across request parameters is gone.

use super::DiffRule;
use super::request_rule_added::{describe, kind_name, path, validator};
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-rule-removed",
    severity: Severity::NonBreaking,
    summary: "a rule across request parameters removed: more requests pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::RuleRemoved { scope, rule } = *s else {
        return;
    };
    e.push(
        scope.at(path(rule), Some(&rule.loc), None),
        format!(
            "rule across request parameters removed: {} ({})",
            describe(rule),
            code(&kind_name(rule.kind))
        ),
        format!("{} no longer enforce {}", validator(scope), describe(rule)),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let spec = |rules: &str| {
            Spec::new()
                .param("- {name: A, type: string, description: First.}\n- {name: B, type: string, description: Second.}")
                .rules(rules)
        };
        let c = one(
            &spec("- {kind: atLeastOneOf, parameters: [A, B], says: One at least.}"),
            &spec(""),
        );
        assert_eq!(c.id, "request-rule-removed");
        assert!(c.new.is_none());
    }
}

//! `request-rule-added`: a new rule across request parameters (`mutuallyExclusive`,
//! `exactlyOneOf`, `atLeastOneOf`, `requiredWhen`), which `validate` enforces.

use super::DiffRule;
use crate::diff::{Emit, Scope, Severity, Subject, code, code_list};
use crate::model::{Rule, RuleKind};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-rule-added",
    severity: Severity::PotentiallyBreaking,
    summary: "a rule across request parameters added: requests that passed validation may be rejected",
    check,
};

/// The rule's kind as in specs (`mutuallyExclusive`).
pub(crate) fn kind_name(kind: RuleKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{kind:?}"),
    }
}

/// `rules.mutuallyExclusive(InstanceId, SnapshotIds)`.
pub(crate) fn path(r: &Rule) -> String {
    let mut s = format!("rules.{}({})", kind_name(r.kind), r.parameters.join(", "));
    if let Some(w) = &r.when {
        s.push_str(&format!(" when {w}"));
    }
    s
}

/// `at most one of `A`, `B``.
pub(crate) fn describe(r: &Rule) -> String {
    let names = code_list(&r.parameters);
    match r.kind {
        RuleKind::MutuallyExclusive => format!("at most one of {names}"),
        RuleKind::ExactlyOneOf => format!("exactly one of {names}"),
        RuleKind::AtLeastOneOf => format!("at least one of {names}"),
        RuleKind::RequiredWhen => format!(
            "{names} required when {} is set",
            code(r.when.as_deref().unwrap_or_default())
        ),
    }
}

pub(crate) fn validator(scope: &Scope) -> String {
    format!("`validate`/`build` of `{}`", scope.request())
}

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::RuleAdded { scope, rule } = *s else {
        return;
    };
    e.push(
        scope.at(path(rule), None, Some(&rule.loc)),
        format!(
            "new rule across request parameters: {} ({})",
            describe(rule),
            code(&kind_name(rule.kind))
        ),
        format!("{} now enforce {}", validator(scope), describe(rule)),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn spec(rules: &str) -> Spec {
        Spec::new()
            .param("- {name: A, type: string, description: First.}\n- {name: B, type: string, description: Second.}\n- {name: C, type: string, description: Third.}")
            .rules(rules)
    }

    #[test]
    fn fires() {
        let c = one(
            &spec(""),
            &spec("- {kind: mutuallyExclusive, parameters: [A, B], says: One only.}"),
        );
        assert_eq!(c.id, "request-rule-added");
        assert_eq!(c.path, "rules.mutuallyExclusive(A, B)");
        assert_eq!(
            c.effect,
            "`validate`/`build` of `CreateThingRequest` now enforce at most one of `A`, `B`"
        );
    }

    #[test]
    fn a_rule_on_other_members_is_a_change_not_an_addition() {
        assert_eq!(
            ids(
                &spec("- {kind: mutuallyExclusive, parameters: [A, B], says: One only.}"),
                &spec("- {kind: mutuallyExclusive, parameters: [A, B, C], says: One only.}")
            ),
            ["request-rule-changed"]
        );
        assert_eq!(
            ids(
                &spec("- {kind: mutuallyExclusive, parameters: [A, B], says: One only.}"),
                &spec("- {kind: mutuallyExclusive, parameters: [B, A], says: One only.}")
            ),
            Vec::<&str>::new()
        );
    }
}

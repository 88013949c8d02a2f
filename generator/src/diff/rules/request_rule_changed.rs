//! `request-rule-changed`: a rule across request parameters of the same kind now names other
//! parameters or another trigger.

use super::DiffRule;
use super::request_rule_added::{describe, path, validator};
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-rule-changed",
    severity: Severity::PotentiallyBreaking,
    summary: "a rule across request parameters changed its members or trigger: requests that passed validation may be rejected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::RuleChanged { scope, old, new } = *s else {
        return;
    };
    e.push(
        scope.at(path(new), Some(&old.loc), Some(&new.loc)),
        format!(
            "rule across request parameters changed from {} to {}",
            describe(old),
            describe(new)
        ),
        format!(
            "{} now enforce {} instead of {}",
            validator(scope),
            describe(new),
            describe(old)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires_on_a_new_trigger() {
        let spec = |when: &str| {
            Spec::new()
                .param("- {name: A, type: string, description: First.}\n- {name: B, type: string, description: Second.}\n- {name: C, type: string, description: Third.}")
                .rules(&format!("- {{kind: requiredWhen, parameters: [A], when: {when}, says: A with it.}}"))
        };
        let c = one(&spec("B"), &spec("C"));
        assert_eq!(c.id, "request-rule-changed");
        assert!(c.old.is_some() && c.new.is_some());
    }
}

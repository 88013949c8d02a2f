//! `request-parameter-pattern-changed`: a request value must match a new or different regular
//! expression. Whether the new one accepts more or less cannot be told in general, so any
//! change counts as potentially breaking.

use super::{DiffRule, comparable, constraint};
use crate::diff::{Emit, Severity, Subject, code};
use crate::model::ConstraintKind;

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-pattern-changed",
    severity: Severity::PotentiallyBreaking,
    summary: "a request value's pattern added or changed: values that passed validation may be rejected",
    check,
};

pub(crate) fn pattern(f: &crate::model::Field) -> Option<&str> {
    match constraint(f, "pattern") {
        Some(ConstraintKind::Pattern { regex }) => Some(regex),
        _ => None,
    }
}

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (pattern(old), pattern(new));
    let message = match (o, n) {
        (Some(a), Some(b)) if a != b => format!(
            "{} of {} changed from {} to {}",
            code("pattern"),
            cx.what(new),
            code(a),
            code(b)
        ),
        (None, Some(b)) => format!("{} {} added to {}", code("pattern"), code(b), cx.what(new)),
        _ => return,
    };
    let Some(b) = n else { return };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(&format!(
            "now check that {} matches {}",
            code(&cx.name(new)),
            code(b)
        )),
    );
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
            &spec(r#", pattern: "[a-z]+""#),
            &spec(r#", pattern: "[a-z]{1,8}""#),
        );
        assert_eq!(c.id, "request-parameter-pattern-changed");
        assert_eq!(
            ids(&spec(""), &spec(r#", pattern: "[a-z]+""#)),
            ["request-parameter-pattern-changed"]
        );
        assert_eq!(
            ids(&spec(r#", pattern: "[a-z]+""#), &spec("")),
            ["request-parameter-pattern-removed"]
        );
    }
}

//! `request-parameter-pattern-removed`: a request value no longer has to match a pattern.

use super::request_parameter_pattern_changed::pattern;
use super::{DiffRule, comparable};
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-pattern-removed",
    severity: Severity::NonBreaking,
    summary: "a request value's pattern removed: more values pass validation",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (Some(a), None) = (pattern(old), pattern(new)) else {
        return;
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} {} removed from {}",
            code("pattern"),
            code(a),
            cx.what(new)
        ),
        cx.validation(&format!(
            "no longer check that {} matches {}",
            code(&cx.name(new)),
            code(a)
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new()
                .param(r#"- {name: Code, type: string, description: A code., pattern: "[a-z]+"}"#),
            &Spec::new().param("- {name: Code, type: string, description: A code.}"),
        );
        assert_eq!(c.id, "request-parameter-pattern-removed");
    }
}

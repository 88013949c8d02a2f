//! `response-field-also-accept-removed`: a response field no longer decodes from some JSON
//! types, so bodies that decoded may now fail.

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject, code_list};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-also-accept-removed",
    severity: Severity::PotentiallyBreaking,
    summary: "a response field no longer decodes from some JSON types: bodies that decoded may now fail",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    let removed: Vec<&String> = old
        .also_accept
        .iter()
        .filter(|t| !new.also_accept.contains(t))
        .collect();
    if removed.is_empty() {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} no longer decodes from JSON {}",
            cx.what(new),
            code_list(&removed)
        ),
        format!(
            "responses that send {} as {} fail to decode",
            cx.rust_field(new)
                .map_or_else(|| cx.name(new), |f| format!("`{f}`")),
            code_list(&removed)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new().response(
                "- {name: Code, type: string, description: The code., alsoAccept: [integer]}",
            ),
            &Spec::new().response("- {name: Code, type: string, description: The code.}"),
        );
        assert_eq!(c.id, "response-field-also-accept-removed");
    }
}

//! `response-field-also-accept-added`: a response field also decodes from more JSON types
//! (`alsoAccept`, such as WUYING's `Code` sent as a number).

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject, code_list};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-also-accept-added",
    severity: Severity::NonBreaking,
    summary: "a response field also decodes from more JSON types: bodies that failed to decode now decode",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    let added: Vec<&String> = new
        .also_accept
        .iter()
        .filter(|t| !old.also_accept.contains(t))
        .collect();
    if added.is_empty() {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} also decodes from JSON {}",
            cx.what(new),
            code_list(&added)
        ),
        format!(
            "field `{}` decodes {} values too, instead of failing the response",
            cx.rust_field(new).unwrap_or_else(|| cx.name(new)),
            code_list(&added)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires() {
        let code = |accept: &str| {
            Spec::new().response(&format!(
                "- {{name: Code, type: string, description: The code.{accept}}}"
            ))
        };
        assert_eq!(
            ids(&code(""), &code(", alsoAccept: [integer]")),
            ["response-field-also-accept-added"]
        );
        assert_eq!(
            ids(&code(", alsoAccept: [integer]"), &code("")),
            ["response-field-also-accept-removed"]
        );
    }
}

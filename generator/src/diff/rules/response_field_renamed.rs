//! `response-field-renamed`: a response field disappeared while one with the same description
//! appeared: most likely a rename.

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-renamed",
    severity: Severity::Breaking,
    summary: "a response field likely renamed (removed and added with the same description): its Rust field is renamed",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRenamed { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response {
        return;
    }
    let effect = match cx.rust_field(old) {
        Some(field) if cx.setter(old) == cx.setter(new) => format!(
            "field `{field}` keeps its Rust name; it now decodes from {}",
            code(&new.name)
        ),
        Some(field) => format!(
            "field `{field}` becomes `{}`: code that reads the old name no longer compiles",
            cx.setter(new)
        ),
        None => "the wire name changes".into(),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} likely renamed to {} (same description)",
            cx.what(old),
            code(&new.name)
        ),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new(),
            &Spec::new().response("- {name: ReqId, type: string, description: The request ID.}"),
        );
        assert_eq!(c.id, "response-field-renamed");
        assert_eq!(
            c.effect,
            "field `CreateThingResponse::request_id` becomes `req_id`: code that reads the old name no longer compiles"
        );
    }
}

//! `request-parameter-added`: a new optional request parameter (or member of a request object).

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-added",
    severity: Severity::NonBreaking,
    summary: "an optional request parameter added: a new field and setter; existing calls are unaffected",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldAdded { cx, field } = *s else {
        return;
    };
    if cx.role != Role::Request || field.required {
        return;
    }
    e.push(
        cx.at(field, None, Some(field)),
        format!("optional {} added", cx.what(field)),
        cx.gains(field),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let c = one(
            &Spec::new(),
            &Spec::new().param("- {name: ImageFamily, type: string, description: Image family}"),
        );
        assert_eq!(c.id, "request-parameter-added");
        assert_eq!(c.path, "request.ImageFamily");
        assert_eq!(
            c.effect,
            "`CreateThingRequest` gains field `image_family: Option<String>` and `CreateThingRequestBuilder` gains setter `image_family`"
        );
    }

    #[test]
    fn fires_for_members_of_request_objects() {
        let tags = |members: &str| {
            Spec::new().param(&format!(
                "- name: Tag\n  type: array\n  description: Tags.\n  items:\n    type: object\n    properties:\n{members}"
            ))
        };
        let key = "      - {name: Key, type: string, description: The key.}";
        let value = "      - {name: Value, type: string, description: The value.}";
        let c = one(&tags(key), &tags(&format!("{key}\n{value}")));
        assert_eq!(c.id, "request-parameter-added");
        assert_eq!(c.path, "request.Tag[].Value");
        assert_eq!(
            c.effect,
            "struct `CreateThingTag` gains field `value: Option<String>`"
        );
    }
}

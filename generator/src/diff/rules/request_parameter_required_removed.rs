//! `request-parameter-required-removed`: a required request parameter became optional.

use super::DiffRule;
use crate::diff::{Emit, Role, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-required-removed",
    severity: Severity::NonBreaking,
    summary: "a request parameter became optional: `build()` no longer requires it",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request || !old.required || new.required {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} became optional", cx.what(new)),
        cx.validation(&format!(
            "no longer require {}",
            crate::diff::code(&cx.name(new))
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
                .params("- {name: Name, type: string, required: true, description: The name.}"),
            &Spec::new(),
        );
        assert_eq!(c.id, "request-parameter-required-removed");
        assert_eq!(
            c.effect,
            "`validate`/`build` of `CreateThingRequest` no longer require `Name`"
        );
    }
}

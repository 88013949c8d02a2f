//! `request-parameter-renamed`: a request parameter disappeared while one with the same
//! description appeared: most likely a rename. The pair is then compared like any other.

use super::DiffRule;
use crate::diff::{Emit, FieldKind, Role, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-renamed",
    severity: Severity::Breaking,
    summary: "a request parameter likely renamed (removed and added with the same description): its setter is renamed",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::FieldRenamed { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request {
        return;
    }
    let effect = match (cx.kind, cx.rust_field(old)) {
        (_, Some(field)) if cx.setter(old) == cx.setter(new) => format!(
            "`{field}` keeps its Rust name; the client now sends it as {}",
            code(&new.name)
        ),
        (FieldKind::Parameter, Some(_)) => format!(
            "setter `{}` of `{}` becomes `{}` (and field `{}::{}` becomes `{}`): code that uses the old name no longer compiles",
            cx.setter(old),
            cx.scope.builder(),
            cx.setter(new),
            cx.scope.request(),
            cx.setter(old),
            cx.setter(new)
        ),
        (_, Some(field)) => format!(
            "field `{field}` becomes `{}`: code that uses the old name no longer compiles",
            cx.setter(new)
        ),
        (_, None) => "none in the generated API; the wire name changes".into(),
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
    use crate::diff::testing::{Spec, ids, one};

    #[test]
    fn fires_for_the_same_description() {
        let c = one(
            &Spec::new().param("- {name: ImageFamily, type: string, description: Image family}"),
            &Spec::new().param("- {name: Family, type: string, description: Image family}"),
        );
        assert_eq!(c.id, "request-parameter-renamed");
        assert_eq!(c.path, "request.Family");
        assert!(c.effect.contains("setter `image_family`"), "{}", c.effect);
    }

    #[test]
    fn other_descriptions_are_a_removal_and_an_addition() {
        assert_eq!(
            ids(
                &Spec::new()
                    .param("- {name: ImageFamily, type: string, description: Image family}"),
                &Spec::new().param("- {name: Family, type: string, description: The family.}"),
            ),
            ["request-parameter-removed", "request-parameter-added"]
        );
    }

    #[test]
    fn the_renamed_pair_is_compared() {
        assert_eq!(
            ids(
                &Spec::new()
                    .param("- {name: ImageFamily, type: string, description: Image family}"),
                &Spec::new().param(
                    "- {name: Family, type: string, description: Image family, maxLength: 10}"
                ),
            ),
            [
                "request-parameter-renamed",
                "request-parameter-max-length-decreased"
            ]
        );
    }
}

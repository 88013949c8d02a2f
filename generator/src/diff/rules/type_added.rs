//! `type-added`: a new named data type.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};
use crate::emit::names::type_name;

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "type-added",
    severity: Severity::NonBreaking,
    summary: "a named type added: the module gains a struct",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::TypeAdded { scope, ty } = *s else {
        return;
    };
    e.push(
        scope.at(format!("types.{}", ty.name), None, Some(&ty.loc)),
        format!("type {} added", code(&ty.name)),
        format!(
            "module `{}` gains struct `{}`",
            scope.module,
            type_name(&ty.name)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    const TAG: &str = "- name: Tag\n  description: A tag.\n  properties:\n    - {name: Key, type: string, description: The key.}";

    #[test]
    fn fires() {
        assert_eq!(ids(&Spec::new(), &Spec::new().types(TAG)), ["type-added"]);
        assert_eq!(ids(&Spec::new().types(TAG), &Spec::new()), ["type-removed"]);
    }
}

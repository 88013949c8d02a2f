//! `type-removed`: a named data type is gone.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};
use crate::emit::names::type_name;

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "type-removed",
    severity: Severity::Breaking,
    summary: "a named type removed: its struct disappears from the module",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::TypeRemoved { scope, ty } = *s else {
        return;
    };
    e.push(
        scope.at(format!("types.{}", ty.name), Some(&ty.loc), None),
        format!("type {} removed", code(&ty.name)),
        format!(
            "struct `{}` is removed from `{}`: code that names it no longer compiles",
            type_name(&ty.name),
            scope.module
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let tag = "- name: Tag\n  description: A tag.\n  properties:\n    - {name: Key, type: string, description: The key.}";
        let c = one(&Spec::new().types(tag), &Spec::new());
        assert_eq!(c.id, "type-removed");
        assert_eq!(c.path, "types.Tag");
        assert!(c.effect.contains("struct `Tag`"));
    }
}

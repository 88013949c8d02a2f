//! `request-parameter-member-constraint-changed`: the constraints a parameter puts on members
//! of its named type where it uses it (`members`) changed.

use crate::diff::{Emit, Role, Subject, code};
use crate::model::Field;

/// `Values: at most 5 items; …` for each constrained member.
fn describe(f: &Field) -> String {
    if f.member_constraints.is_empty() {
        return "none".into();
    }
    f.member_constraints
        .iter()
        .map(|(member, cs)| {
            let rules: Vec<String> = cs.iter().map(|c| c.kind.describe()).collect();
            format!("{}: {}", code(member), rules.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request || old.member_constraints == new.member_constraints {
        return;
    }
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "constraints on members of {} changed from {} to {}",
            cx.what(new),
            describe(old),
            describe(new)
        ),
        cx.validation(&format!(
            "check {}'s members by the new constraints",
            code(&cx.name(new))
        )),
    );
}

//! `request-parameter-enum-value-removed`: a request parameter no longer accepts a listed
//! value. Code that names the variant stops compiling, and `validate` rejects the value.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code_list, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-enum-value-removed",
    severity: Severity::Breaking,
    summary: "a request parameter no longer accepts a value: its enum loses the variant and `validate` rejects the value",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request
        || !same_shape(&old.ty, &new.ty)
        || old.enum_values.is_empty()
        || new.enum_values.is_empty()
    {
        return;
    }
    let after: Vec<String> = new.enum_values.iter().map(|v| v.wire()).collect();
    let removed: Vec<(String, String)> = cx
        .variant_names(old)
        .into_iter()
        .filter(|(wire, _)| !after.contains(wire))
        .collect();
    if removed.is_empty() {
        return;
    }
    let wires: Vec<&String> = removed.iter().map(|(w, _)| w).collect();
    let variants: Vec<&String> = removed.iter().map(|(_, v)| v).collect();
    let plural = if variants.len() == 1 { "" } else { "s" };
    let effect = if FieldCx::is_rust_enum(old) && cx.struct_name.is_some() {
        format!(
            "enum `{}` loses variant{plural} {}: code that names {} no longer compiles, and {}",
            cx.enum_name(old),
            code_list(&variants),
            if variants.len() == 1 { "it" } else { "them" },
            cx.validation(&format!("reject {}", code_list(&wires)))
        )
    } else {
        cx.validation(&format!("reject {}", code_list(&wires)))
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} no longer accepts {}", cx.what(new), code_list(&wires)),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let sysprep = |values: &str| {
            Spec::new().param(&format!(
                "- {{name: Sysprep, type: string, description: Sysprep., enum: [{values}]}}"
            ))
        };
        let c = one(&sysprep("\"TRUE\", \"FALSE\""), &sysprep("\"FALSE\""));
        assert_eq!(c.id, "request-parameter-enum-value-removed");
        assert!(
            c.effect
                .starts_with("enum `CreateThingSysprep` loses variant `True`"),
            "{}",
            c.effect
        );
    }
}

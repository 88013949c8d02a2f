//! `response-field-enum-value-removed`: a response field no longer lists a value. Its enum
//! loses the variant, so code that names it stops compiling.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code_list, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-enum-value-removed",
    severity: Severity::Breaking,
    summary: "a response field no longer lists a value: its enum loses the variant",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response
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
    let effect = if FieldCx::is_rust_enum(old) {
        format!(
            "enum `{}` loses {} {}: code that names {} no longer compiles ({} would decode as `Unknown`)",
            cx.enum_name(old),
            if variants.len() == 1 {
                "variant"
            } else {
                "variants"
            },
            code_list(&variants),
            if variants.len() == 1 { "it" } else { "them" },
            code_list(&wires)
        )
    } else {
        cx.no_enum().to_string()
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} is no longer documented to be {}",
            cx.what(new),
            code_list(&wires)
        ),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, one};

    #[test]
    fn fires() {
        let status = |values: &str| {
            Spec::new().response(&format!(
                "- {{name: Status, type: string, description: The status., enum: [{values}]}}"
            ))
        };
        let c = one(&status("Creating, Failed"), &status("Creating"));
        assert_eq!(c.id, "response-field-enum-value-removed");
        assert!(
            c.effect
                .starts_with("enum `CreateThingResponseStatus` loses variant `Failed`"),
            "{}",
            c.effect
        );
    }
}

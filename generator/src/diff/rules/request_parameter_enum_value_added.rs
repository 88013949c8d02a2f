//! `request-parameter-enum-value-added`: a request parameter accepts a new listed value.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code_list, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "request-parameter-enum-value-added",
    severity: Severity::NonBreaking,
    summary: "a request parameter accepts new values: its enum gains variants",
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
    let before: Vec<String> = old.enum_values.iter().map(|v| v.wire()).collect();
    let added: Vec<(String, String)> = cx
        .variant_names(new)
        .into_iter()
        .filter(|(wire, _)| !before.contains(wire))
        .collect();
    if added.is_empty() {
        return;
    }
    let wires: Vec<&String> = added.iter().map(|(w, _)| w).collect();
    let variants: Vec<&String> = added.iter().map(|(_, v)| v).collect();
    let effect = if FieldCx::is_rust_enum(new) && cx.struct_name.is_some() {
        format!(
            "enum `{}` gains variant{} {}",
            cx.enum_name(new),
            if variants.len() == 1 { "" } else { "s" },
            code_list(&variants)
        )
    } else {
        cx.no_enum().to_string()
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} accepts new value{} {}",
            cx.what(new),
            if wires.len() == 1 { "" } else { "s" },
            code_list(&wires)
        ),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn kind(values: &str) -> Spec {
        Spec::new().param(&format!(
            "- {{name: InstanceType, type: string, description: The type., enum: [{values}]}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(&kind("CloudDesktop"), &kind("CloudDesktop, WuyingServer"));
        assert_eq!(c.id, "request-parameter-enum-value-added");
        assert_eq!(
            c.effect,
            "enum `CreateThingInstanceType` gains variant `WuyingServer`"
        );
        assert_eq!(
            ids(&kind("CloudDesktop, WuyingServer"), &kind("CloudDesktop")),
            ["request-parameter-enum-value-removed"]
        );
    }
}

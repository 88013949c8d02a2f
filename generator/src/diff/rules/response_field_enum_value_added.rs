//! `response-field-enum-value-added`: a response field may carry a new listed value. Its enum
//! gains a variant: exhaustive `match`es need a new arm, and the value no longer decodes as
//! `Unknown`.

use super::DiffRule;
use crate::diff::{Emit, FieldCx, Role, Severity, Subject, code_list, same_shape};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-field-enum-value-added",
    severity: Severity::PotentiallyBreaking,
    summary: "a response field may carry new values: its enum gains variants (exhaustive matches break; the value no longer decodes as `Unknown`)",
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
    let effect = if FieldCx::is_rust_enum(new) {
        format!(
            "enum `{}` gains {} {}: exhaustive `match`es on it need new arms, and {} no longer decode{} as `Unknown`",
            cx.enum_name(new),
            if variants.len() == 1 {
                "variant"
            } else {
                "variants"
            },
            code_list(&variants),
            code_list(&wires),
            if wires.len() == 1 { "s" } else { "" }
        )
    } else {
        cx.no_enum().to_string()
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!("{} may now be {}", cx.what(new), code_list(&wires)),
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn status(values: &str) -> Spec {
        Spec::new().response(&format!(
            "- {{name: Status, type: string, description: The status., enum: [{values}]}}"
        ))
    }

    #[test]
    fn fires() {
        let c = one(
            &status("Creating, Available"),
            &status("Creating, Available, Failed"),
        );
        assert_eq!(c.id, "response-field-enum-value-added");
        assert!(
            c.effect
                .starts_with("enum `CreateThingResponseStatus` gains variant `Failed`"),
            "{}",
            c.effect
        );
        assert_eq!(
            ids(&status("Creating, Failed"), &status("Creating")),
            ["response-field-enum-value-removed"]
        );
    }
}

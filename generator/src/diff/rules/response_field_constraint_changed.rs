//! `response-field-constraint-changed`: what a response field is documented to hold changed
//! (a constraint, the required flag, the default). Responses are decoded, never validated, so
//! only the rustdoc changes.

use crate::diff::{Emit, FieldCx, Role, Subject, code, code_list, same_shape, value_text};
use crate::model::ConstraintKind;

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response || !same_shape(&old.ty, &new.ty) {
        return;
    }
    let at = || cx.at(new, Some(old), Some(new));
    let doc = || {
        format!(
            "the rustdoc of `{}` changes; responses are not validated",
            cx.rust_field(new).unwrap_or_else(|| cx.name(new))
        )
    };
    let kinds = |f: &crate::model::Field| -> Vec<ConstraintKind> {
        f.constraints.iter().map(|c| c.kind.clone()).collect()
    };
    let (ko, kn) = (kinds(old), kinds(new));
    let mut keywords: Vec<&'static str> =
        ko.iter().chain(&kn).map(ConstraintKind::keyword).collect();
    keywords.sort_unstable();
    keywords.dedup();
    for kw in keywords {
        let find = |list: &[ConstraintKind]| list.iter().find(|k| k.keyword() == kw).cloned();
        let (a, b) = (find(&ko), find(&kn));
        if a == b {
            continue;
        }
        let message = match (&a, &b) {
            (Some(a), Some(b)) => format!(
                "{} of {} changed from {} to {}",
                code(kw),
                cx.what(new),
                a.describe(),
                b.describe()
            ),
            (None, Some(b)) => format!(
                "{} of {} documented: {}",
                code(kw),
                cx.what(new),
                b.describe()
            ),
            (Some(a), None) => format!(
                "{} ({}) of {} no longer documented",
                code(kw),
                a.describe(),
                cx.what(new)
            ),
            (None, None) => continue,
        };
        e.push(at(), message, doc());
    }
    // Values of non-string fields are documented only (strings with values become enums:
    // `response-field-type-changed` and the enum-value rules).
    if !FieldCx::is_rust_enum(old) && !FieldCx::is_rust_enum(new) {
        let values = |f: &crate::model::Field| -> Vec<String> {
            f.enum_values.iter().map(|v| v.wire()).collect()
        };
        let (a, b) = (values(old), values(new));
        if a != b {
            let show = |v: &[String]| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    code_list(v)
                }
            };
            e.push(
                at(),
                format!(
                    "documented values of {} changed from {} to {}",
                    cx.what(new),
                    show(&a),
                    show(&b)
                ),
                doc(),
            );
        }
    }
    if old.required != new.required {
        e.push(
            at(),
            format!(
                "{} is {} documented as always present",
                cx.what(new),
                if new.required { "now" } else { "no longer" }
            ),
            format!("{} (the field stays an `Option`)", doc()),
        );
    }
    if old.default != new.default {
        let show = |v: &Option<serde_json::Value>| {
            v.as_ref()
                .map_or_else(|| "none".to_string(), |v| code(&value_text(v)))
        };
        e.push(
            at(),
            format!(
                "default of {} changed from {} to {}",
                cx.what(new),
                show(&old.default),
                show(&new.default)
            ),
            doc(),
        );
    }
}

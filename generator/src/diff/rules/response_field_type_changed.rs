//! `response-field-type-changed`: a response field decodes into another Rust type: its type
//! changed shape, or a string gained (or lost) its list of values and with it a Rust enum.

use crate::diff::{Emit, FieldCx, Role, Subject, code, same_shape};
use crate::model::Field;

fn spec_type(f: &Field) -> String {
    if FieldCx::is_rust_enum(f) {
        "string (enum)".into()
    } else {
        f.ty.spec_name()
    }
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Response
        || (same_shape(&old.ty, &new.ty)
            && FieldCx::is_rust_enum(old) == FieldCx::is_rust_enum(new))
    {
        return;
    }
    let effect = match cx.rust_field(new) {
        Some(field) => format!(
            "field `{field}` changes from `Option<{}>` to `Option<{}>`: code that reads it may no longer compile, and bodies of the old type no longer decode",
            cx.rust_type(old),
            cx.rust_type(new)
        ),
        None => "the decoded type changes".into(),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "type of {} changed from {} to {}",
            cx.what(new),
            code(&spec_type(old)),
            code(&spec_type(new))
        ),
        effect,
    );
}

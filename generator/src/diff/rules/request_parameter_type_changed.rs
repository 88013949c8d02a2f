//! `request-parameter-type-changed`: a request parameter's type changed shape (`string` →
//! `integer`, `array<string>` → `string`, another named type). Members of objects are compared
//! one by one, so an object stays an object.

use crate::diff::{Emit, FieldKind, Role, Subject, code, same_shape};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    if cx.role != Role::Request || same_shape(&old.ty, &new.ty) {
        return;
    }
    let effect = match (cx.kind, cx.rust_field(new)) {
        (FieldKind::Parameter, Some(field)) => format!(
            "field `{field}` changes from `Option<{}>` to `Option<{}>` and setter `{}` takes the new type: code that sets it may no longer compile",
            cx.rust_type(old),
            cx.rust_type(new),
            cx.setter(new)
        ),
        (_, Some(field)) => format!(
            "field `{field}` changes from `Option<{}>` to `Option<{}>`: code that uses it may no longer compile",
            cx.rust_type(old),
            cx.rust_type(new)
        ),
        (_, None) => format!(
            "none in the generated API; the service expects {}",
            code(&new.ty.spec_name())
        ),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "type of {} changed from {} to {}",
            cx.what(new),
            code(&old.ty.spec_name()),
            code(&new.ty.spec_name())
        ),
        effect,
    );
}

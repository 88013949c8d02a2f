//! `request-parameter-required-added` and `-removed`: an optional request parameter became
//! required (`build()` fails for calls that do not set it), or a required one optional.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, FieldKind, Role, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let Subject::Field { cx, old, new } = *s else {
        return;
    };
    let (from, to) = dir.order(old.required, new.required);
    if cx.role != Role::Request || from || !to {
        return;
    }
    let region = cx.kind == FieldKind::Common && cx.scope.region_parameter == Some(&new.name);
    let effect = match (dir, cx.kind) {
        (Added, _) if region => "the client (with validation on) refuses calls without a region (`Config::region`) with `ConfigError::MissingRegion` before sending".to_string(),
        (Removed, _) if region => "the client no longer refuses calls without a region".to_string(),
        (Removed, _) => cx.validation(&format!("no longer require {}", code(&cx.name(new)))),
        _ if new.protocol_filled => "none: the protocol fills it in".to_string(),
        (_, FieldKind::Parameter) => format!(
            "setter `{}` of `{}` becomes required: `build()` fails until it is called",
            cx.setter(new),
            cx.scope.builder()
        ),
        (_, FieldKind::Common) => {
            cx.validation(&format!("reject requests without {}", code(&new.name)))
        }
        _ => cx.validation(&format!(
            "now reject {} values without {}",
            code(cx.parent.trim_end_matches('.')),
            code(&new.name)
        )),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        format!(
            "{} became {}",
            cx.what(new),
            match dir {
                Added => "required",
                Removed => "optional",
            }
        ),
        effect,
    );
}

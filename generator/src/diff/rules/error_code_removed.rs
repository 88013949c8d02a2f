//! `error-code-removed`: an error code is no longer documented, and no common error keeps its
//! variant. Code that names the variant stops compiling; the code decodes as `Unknown`.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "error-code-removed",
    severity: Severity::Breaking,
    summary: "an error code removed: the error kind loses its variant",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ErrorRemoved { cx, error } = *s else {
        return;
    };
    let message = if cx.common {
        format!("common error {} removed", code(&error.code))
    } else {
        format!("error code {} removed", code(&error.code))
    };
    e.push(
        cx.at(error, Some(error), None),
        message,
        format!(
            "{} lose{} variant `{}`: code that names it no longer compiles, and the code decodes as `Unknown`",
            cx.kinds_text(),
            if cx.kinds.len() == 1 { "s" } else { "" },
            cx.variant(error)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    #[test]
    fn fires() {
        let c = one(&Spec::new(), &Spec::new().errors(""));
        assert_eq!(c.id, "error-code-removed");
        assert!(
            c.effect
                .starts_with("error kind `CreateThingErrorKind` loses variant `ThingNotFound`"),
            "{}",
            c.effect
        );
    }

    #[test]
    fn a_code_kept_as_a_common_error_keeps_its_variant() {
        let listed = Spec::new().errors("- {status: 400, code: Thing.NotFound, message: No thing.}\n- {status: 400, code: Throttling.User, message: Slow down.}");
        assert!(ids(&listed, &Spec::new()).is_empty());
    }
}

//! `error-code-added`: a documented error code the error kind did not name. The kind is
//! `#[non_exhaustive]`, so the new variant breaks no `match`; the code used to decode as
//! `Unknown`.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "error-code-added",
    severity: Severity::NonBreaking,
    summary: "an error code added: the error kind gains a variant (the code decoded as `Unknown` before)",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ErrorAdded { cx, error } = *s else {
        return;
    };
    let message = if cx.common {
        format!("common error {} added", code(&error.code))
    } else {
        format!("error code {} added", code(&error.code))
    };
    e.push(
        cx.at(error, None, Some(error)),
        message,
        format!(
            "{} gain{} variant `{}` (the code decoded as `Unknown` before)",
            cx.kinds_text(),
            if cx.kinds.len() == 1 { "s" } else { "" },
            cx.variant(error)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    const BASE: &str = "- {status: 400, code: Thing.NotFound, message: No thing.}";

    #[test]
    fn fires() {
        let c = one(
            &Spec::new(),
            &Spec::new().errors(&format!("{BASE}\n- {{code: InvalidZone.MismatchRegion, description: The zone does not exist.}}")),
        );
        assert_eq!(c.id, "error-code-added");
        assert_eq!(c.path, "errors.InvalidZone.MismatchRegion");
        assert_eq!(
            c.effect,
            "error kind `CreateThingErrorKind` gains variant `InvalidZoneMismatchRegion` (the code decoded as `Unknown` before)"
        );
    }

    #[test]
    fn a_code_moving_from_the_common_errors_keeps_its_variant() {
        let moved = Spec::new().errors(&format!(
            "{BASE}\n- {{status: 400, code: Throttling.User, message: Slow down.}}"
        ));
        assert!(ids(&Spec::new(), &moved).is_empty());
    }

    #[test]
    fn a_new_common_error_reaches_every_operation() {
        let common = "commonErrors:\n  - {status: 400, code: Throttling.User, message: Slow down.}\n  - {status: 503, code: ServiceUnavailable, message: Try later.}";
        let c = one(&Spec::new(), &Spec::new().service(common));
        assert_eq!(c.id, "error-code-added");
        assert_eq!(c.path, "commonErrors.ServiceUnavailable");
        assert!(
            c.effect
                .starts_with("error kind `CreateThingErrorKind` gains"),
            "{}",
            c.effect
        );
    }
}

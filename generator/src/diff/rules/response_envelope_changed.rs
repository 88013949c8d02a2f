//! `response-envelope-changed`: responses are (or are no longer) wrapped in an envelope key
//! such as Tencent's `Response`.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "response-envelope-changed",
    severity: Severity::PotentiallyBreaking,
    summary: "response envelope changed: every response of the operation is unwrapped differently",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    if old.response_envelope == new.response_envelope {
        return;
    }
    let show = |v: &Option<String>| v.as_deref().map_or_else(|| "none".to_string(), code);
    e.push(
        scope.at("responseEnvelope", Some(&old.loc), Some(&new.loc)),
        format!(
            "response envelope changed from {} to {}",
            show(&old.response_envelope),
            show(&new.response_envelope)
        ),
        format!(
            "`cloudspec_runtime::decode_response` unwraps `{}` differently: bodies in the old shape no longer decode",
            scope.response()
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires() {
        assert_eq!(
            ids(&Spec::new(), &Spec::new().op("responseEnvelope: Response")),
            ["response-envelope-changed"]
        );
    }
}

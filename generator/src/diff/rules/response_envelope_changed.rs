//! `response-envelope-changed`: responses are (or are no longer) wrapped in an envelope key
//! such as Tencent's `Response`.

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
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

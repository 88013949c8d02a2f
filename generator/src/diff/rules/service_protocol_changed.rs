//! `service-protocol-changed`: the calling convention or the signing name of a service changed.

use crate::diff::{Emit, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Service { scope, old, new } = *s else {
        return;
    };
    if old.protocol != new.protocol {
        let name = |p| match serde_json::to_value(p) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{p:?}"),
        };
        e.push(
            scope.at("protocol", Some(&old.loc), Some(&new.loc)),
            format!(
                "protocol changed from {} to {}",
                code(&name(old.protocol)),
                code(&name(new.protocol))
            ),
            "every request of the service is encoded and signed by the other protocol's rules (`SERVICE` static of the module)",
        );
    }
    if old.signing_name != new.signing_name {
        e.push(
            scope.at("signingName", Some(&old.loc), Some(&new.loc)),
            format!(
                "signing name changed from {} to {}",
                code(&old.signing_name),
                code(&new.signing_name)
            ),
            format!(
                "`SERVICE.signing_name` becomes {}: every request is signed for the new name",
                code(&new.signing_name)
            ),
        );
    }
}

//! `service-version-removed`: an API version dropped while the product keeps other versions.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "service-version-removed",
    severity: Severity::Breaking,
    summary: "an API version removed: its version module disappears from the crate",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ServiceRemoved {
        scope,
        service,
        other_versions: true,
    } = *s
    else {
        return;
    };
    e.push(
        scope.at("service", Some(&service.loc), None),
        format!(
            "version {} of {} removed",
            code(&service.version),
            code(&scope.product())
        ),
        format!(
            "module `{}` is removed: code that uses it no longer compiles (feature `{}` stays for the other versions)",
            scope.module, scope.feature
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::diff;
    use crate::diff::testing::{Spec, model_of};

    #[test]
    fn fires_for_a_dropped_version() {
        let new = model_of("new.yaml", &Spec::new().yaml());
        let mut old = new.clone();
        let v0 = Spec::new().yaml().replace("2024-01-01", "2023-01-01");
        old.services.extend(model_of("v0.yaml", &v0).services);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].id, "service-version-removed");
        assert!(changes[0].effect.contains("v2023_01_01"));
    }
}

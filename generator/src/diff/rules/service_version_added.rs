//! `service-version-added`: a new API version of a product the old side already has.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "service-version-added",
    severity: Severity::NonBreaking,
    summary: "a new API version of a known product: the crate gains a version module",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ServiceAdded {
        scope,
        service,
        other_versions: true,
    } = *s
    else {
        return;
    };
    e.push(
        scope.at("service", None, Some(&service.loc)),
        format!(
            "version {} of {} added",
            code(&service.version),
            code(&scope.product())
        ),
        format!(
            "the crate gains module `{}` (feature `{}`)",
            scope.module, scope.feature
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::diff;
    use crate::diff::testing::{Spec, model_of};

    #[test]
    fn fires_for_a_second_version() {
        let old = model_of("old.yaml", &Spec::new().yaml());
        let mut new = old.clone();
        let v2 = Spec::new().yaml().replace("2024-01-01", "2025-01-01");
        new.services.extend(model_of("v2.yaml", &v2).services);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].id, "service-version-added");
        assert!(changes[0].effect.contains("v2025_01_01"));
    }

    #[test]
    fn a_version_bump_is_a_removal_and_an_addition() {
        let old = model_of("old.yaml", &Spec::new().yaml());
        let new = model_of(
            "new.yaml",
            &Spec::new().yaml().replace("2024-01-01", "2025-01-01"),
        );
        let ids: Vec<_> = diff(&old, &new).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["service-version-removed", "service-version-added"]);
    }
}

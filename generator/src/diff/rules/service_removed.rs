//! `service-removed`: a product the new side no longer has at all.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "service-removed",
    severity: Severity::Breaking,
    summary: "a service (product) removed: its module and feature disappear from the crate",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ServiceRemoved {
        scope,
        service,
        other_versions: false,
    } = *s
    else {
        return;
    };
    e.push(
        scope.at("service", Some(&service.loc), None),
        format!(
            "service {} version {} removed",
            code(&scope.product()),
            code(&service.version)
        ),
        format!(
            "module `{}` and feature `{}` are removed: code that uses them no longer compiles",
            scope.module, scope.feature
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::diff;
    use crate::diff::testing::{Spec, model_of};
    use crate::model::Model;

    #[test]
    fn fires_for_a_product_that_is_gone() {
        let old = model_of("old.yaml", &Spec::new().yaml());
        let changes = diff(&old, &Model::default());
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].id, "service-removed");
        assert!(changes[0].old.is_some() && changes[0].new.is_none());
    }

    #[test]
    fn a_dropped_version_of_a_kept_product_is_another_rule() {
        let new = model_of("new.yaml", &Spec::new().yaml());
        let extra = Spec::new().yaml().replace("2024-01-01", "2023-01-01");
        let mut old = new.clone();
        old.services.extend(model_of("old.yaml", &extra).services);
        let ids: Vec<_> = diff(&old, &new).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["service-version-removed"]);
    }
}

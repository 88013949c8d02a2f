//! `service-added`: a product the old side does not have at all.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "service-added",
    severity: Severity::NonBreaking,
    summary: "a new service (product): the crate gains a module behind a new feature",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::ServiceAdded {
        scope,
        service,
        other_versions: false,
    } = *s
    else {
        return;
    };
    e.push(
        scope.at("service", None, Some(&service.loc)),
        format!(
            "service {} version {} added",
            code(&scope.product()),
            code(&service.version)
        ),
        format!(
            "the crate gains module `{}` behind the new feature `{}`",
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
    fn fires_for_a_new_product() {
        let new = model_of("new.yaml", &Spec::new().yaml());
        let changes = diff(&Model::default(), &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].id, "service-added");
        assert!(
            changes[0]
                .effect
                .contains("cloudspec_clients::alibaba::demo::v2024_01_01")
        );
        assert!(changes[0].old.is_none() && changes[0].new.is_some());
    }

    #[test]
    fn a_new_version_of_a_known_product_is_another_rule() {
        let old = model_of("old.yaml", &Spec::new().yaml());
        let new_yaml = Spec::new().yaml().replace("2024-01-01", "2025-01-01");
        let mut both = old.clone();
        both.services
            .extend(model_of("new.yaml", &new_yaml).services);
        let ids: Vec<_> = diff(&old, &both).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["service-version-added"]);
    }
}

//! `region-added`: a service or an operation is documented in more regions.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code_list};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "region-added",
    severity: Severity::NonBreaking,
    summary: "regions added to a service or an operation (or an operation no longer narrows the service's list)",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Service { scope, old, new } => {
            let added = added(&old.endpoints.regions, &new.endpoints.regions);
            if !added.is_empty() {
                e.push(
                    scope.at("endpoints.regions", Some(&old.loc), Some(&new.loc)),
                    format!(
                        "the service is now also documented in {}",
                        code_list(&added)
                    ),
                    "none in the generated Rust (regions are documented, not checked)",
                );
            }
        }
        Subject::Operation { scope, old, new } => {
            if !old.regions.is_empty() && new.regions.is_empty() {
                e.push(
                    scope.at("regions", Some(&old.loc), Some(&new.loc)),
                    "the operation no longer narrows the service's regions",
                    "none in the generated Rust (regions are documented, not checked)",
                );
                return;
            }
            if old.regions.is_empty() {
                return;
            }
            let added = added(&old.regions, &new.regions);
            if !added.is_empty() {
                e.push(
                    scope.at("regions", Some(&old.loc), Some(&new.loc)),
                    format!(
                        "the operation is now also documented in {}",
                        code_list(&added)
                    ),
                    "none in the generated Rust (regions are documented, not checked)",
                );
            }
        }
        _ => {}
    }
}

fn added(old: &[String], new: &[String]) -> Vec<String> {
    new.iter().filter(|r| !old.contains(r)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, ids_of};

    #[test]
    fn fires_on_new_service_regions() {
        let old = Spec::new().yaml();
        let new = old.replace(
            "regions: [cn-hangzhou]",
            "regions: [cn-hangzhou, cn-beijing]",
        );
        assert_eq!(ids_of(&old, &new), ["region-added"]);
        assert_eq!(ids_of(&new, &old), ["region-removed"]);
    }

    #[test]
    fn fires_on_new_operation_regions() {
        let old = Spec::new().op("regions: [cn-hangzhou]");
        let new = Spec::new().op("regions: [cn-hangzhou, cn-shanghai]");
        assert_eq!(ids(&old, &new), ["region-added"]);
        assert_eq!(ids(&old, &Spec::new()), ["region-added"]);
    }
}

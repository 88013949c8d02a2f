//! `region-removed`: a service or an operation is documented in fewer regions.

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject, code_list};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "region-removed",
    severity: Severity::PotentiallyBreaking,
    summary: "regions removed from a service or an operation (or an operation starts narrowing the service's list): requests there may be refused",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    const EFFECT: &str = "none in the generated Rust (regions are documented, not checked); requests for the removed regions may be refused";
    match *s {
        Subject::Service { scope, old, new } => {
            let removed = removed(&old.endpoints.regions, &new.endpoints.regions);
            if !removed.is_empty() {
                e.push(
                    scope.at("endpoints.regions", Some(&old.loc), Some(&new.loc)),
                    format!(
                        "the service is no longer documented in {}",
                        code_list(&removed)
                    ),
                    EFFECT,
                );
            }
        }
        Subject::Operation { scope, old, new } => {
            if old.regions.is_empty() && !new.regions.is_empty() {
                e.push(
                    scope.at("regions", Some(&old.loc), Some(&new.loc)),
                    format!(
                        "the operation now supports only {} of the service's regions: {}",
                        new.regions.len(),
                        code_list(&new.regions)
                    ),
                    EFFECT,
                );
                return;
            }
            if new.regions.is_empty() {
                return;
            }
            let removed = removed(&old.regions, &new.regions);
            if !removed.is_empty() {
                e.push(
                    scope.at("regions", Some(&old.loc), Some(&new.loc)),
                    format!(
                        "the operation is no longer documented in {}",
                        code_list(&removed)
                    ),
                    EFFECT,
                );
            }
        }
        _ => {}
    }
}

fn removed(old: &[String], new: &[String]) -> Vec<String> {
    old.iter().filter(|r| !new.contains(r)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    #[test]
    fn fires_on_fewer_operation_regions() {
        let old = Spec::new().op("regions: [cn-hangzhou, cn-shanghai]");
        let new = Spec::new().op("regions: [cn-hangzhou]");
        assert_eq!(ids(&old, &new), ["region-removed"]);
        assert_eq!(ids(&Spec::new(), &new), ["region-removed"]);
    }
}

//! `region-added` and `region-removed`: a service or an operation is documented in more
//! regions, or in fewer (requests there may be refused). An operation without a list of its own
//! has the service's regions, so dropping its list widens it and adding one narrows it. The
//! client (with validation on) refuses a call to a region outside that list before sending.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Subject, code_list};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let effect = match dir {
        Added => "the client no longer refuses calls to these regions",
        Removed => {
            "the client (with validation on) refuses calls to the removed regions with `ConfigError::UnsupportedRegion` before sending"
        }
    };
    let also = |what: &str, moved: &[&String]| match dir {
        Added => format!("the {what} is now also documented in {}", code_list(moved)),
        Removed => format!("the {what} is no longer documented in {}", code_list(moved)),
    };
    match *s {
        Subject::Service { scope, old, new } => {
            let moved = dir.moved(&old.endpoints.regions, &new.endpoints.regions);
            if !moved.is_empty() {
                e.push(
                    scope.at("endpoints.regions", Some(&old.loc), Some(&new.loc)),
                    also("service", &moved),
                    effect,
                );
            }
        }
        Subject::Operation { scope, old, new } => {
            let at = || scope.at("regions", Some(&old.loc), Some(&new.loc));
            let (from, to) = dir.order(&old.regions, &new.regions);
            if !from.is_empty() && to.is_empty() {
                let message = match dir {
                    Added => "the operation no longer narrows the service's regions".to_string(),
                    Removed => format!(
                        "the operation now supports only {} of the service's regions: {}",
                        new.regions.len(),
                        code_list(&new.regions)
                    ),
                };
                e.push(at(), message, effect);
                return;
            }
            if from.is_empty() {
                return;
            }
            let moved = dir.moved(&old.regions, &new.regions);
            if !moved.is_empty() {
                e.push(at(), also("operation", &moved), effect);
            }
        }
        _ => {}
    }
}

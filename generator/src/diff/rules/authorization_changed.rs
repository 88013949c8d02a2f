//! `authorization-changed`: the policy action, resource types, condition keys or dependent
//! actions of an operation changed, so policies written for the old row may no longer allow
//! the call.

use crate::diff::{Emit, Subject, code, code_list};
use crate::model::ResourceType;

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (Some(o), Some(n)) = (&old.authorization, &new.authorization) else {
        return;
    };
    let at = |path: &str| scope.at(path, Some(&old.loc), Some(&new.loc));
    let req = scope.request();
    if o.action != n.action {
        e.push(
            at("authorization.action"),
            format!(
                "policy action changed from {} to {}",
                code(&o.action),
                code(&n.action)
            ),
            format!(
                "`{req}::RAM_ACTION` becomes {}: policies that allow only {} no longer allow the call",
                code(&n.action),
                code(&o.action)
            ),
        );
    }
    let show = |r: &ResourceType| {
        let mut s = r.name.clone();
        if r.required {
            s.push('*');
        }
        if let Some(arn) = &r.arn {
            s.push_str(&format!(" {arn}"));
        }
        s
    };
    let (ro, rn): (Vec<String>, Vec<String>) = (
        o.resource_types.iter().map(show).collect(),
        n.resource_types.iter().map(show).collect(),
    );
    if ro != rn {
        let added: Vec<&String> = rn.iter().filter(|r| !ro.contains(r)).collect();
        let removed: Vec<&String> = ro.iter().filter(|r| !rn.contains(r)).collect();
        e.push(
            at("authorization.resourceTypes"),
            format!(
                "resource types changed (added: {}; removed: {})",
                none_or(&added),
                none_or(&removed)
            ),
            format!("`{req}::RESOURCE_ARNS` changes: policies must name the new resources"),
        );
    }
    for (label, konst, a, b) in [
        (
            "condition keys",
            "CONDITION_KEYS",
            &o.condition_keys,
            &n.condition_keys,
        ),
        (
            "dependent actions",
            "DEPENDENT_ACTIONS",
            &o.dependent_actions,
            &n.dependent_actions,
        ),
    ] {
        if a == b {
            continue;
        }
        let added: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
        let removed: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
        e.push(
            at(&format!(
                "authorization.{}",
                if konst == "CONDITION_KEYS" {
                    "conditionKeys"
                } else {
                    "dependentActions"
                }
            )),
            format!(
                "{label} changed (added: {}; removed: {})",
                none_or(&added),
                none_or(&removed)
            ),
            format!("`{req}::{konst}` changes: policies may need updating"),
        );
    }
}

fn none_or(items: &[&String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        code_list(items)
    }
}

//! Proposals: constraints and rules `cloudspec import` drafted from prose, marked
//! `proposed: true` until a person confirms them (removes the mark) or rejects them (removes
//! the constraint). Until then they are documented in the spec but not part of the model:
//! a guess never refuses a request the service would accept. `lint` lists each one as an
//! `unconfirmed-proposal` warning.

use crate::spec::{Citation, Items, Loc, Param, Rule, SpecFile};

/// One unconfirmed proposal: where its mark is and what it proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The `proposed: true` mark (or the sentence, when the mark has no location).
    pub at: Loc,
    /// What it proposes, in words.
    pub what: String,
}

/// The spec without its unconfirmed proposals, and the proposals; `None` when it has none
/// (the common case, which costs no copy).
pub fn set_aside(spec: &SpecFile) -> Option<(SpecFile, Vec<Proposal>)> {
    if !has_any(spec) {
        return None;
    }
    let mut out = spec.clone();
    let mut found = Vec::new();
    for p in &mut out.service.common_parameters {
        param(p, &mut found);
    }
    for t in &mut out.types {
        for p in &mut t.properties {
            param(p, &mut found);
        }
    }
    for op in &mut out.operations {
        for p in op
            .common_parameters
            .iter_mut()
            .chain(op.parameters.iter_mut())
            .chain(op.response.iter_mut())
        {
            param(p, &mut found);
        }
        rules(&mut op.rules, &op.name.value, &mut found);
    }
    Some((out, found))
}

fn is_proposed(c: &Citation) -> bool {
    c.proposed.as_ref().is_some_and(|p| p.value)
}

fn rule_proposed(r: &Rule) -> bool {
    r.proposed.as_ref().is_some_and(|p| p.value)
}

fn has_any(spec: &SpecFile) -> bool {
    fn in_param(p: &Param) -> bool {
        p.citations.iter().any(is_proposed)
            || p.properties.iter().any(in_param)
            || p.items.as_deref().is_some_and(in_items)
            || p.values.as_deref().is_some_and(in_items)
    }
    fn in_items(i: &Items) -> bool {
        i.properties.iter().any(in_param)
    }
    spec.service.common_parameters.iter().any(in_param)
        || spec.types.iter().any(|t| t.properties.iter().any(in_param))
        || spec.operations.iter().any(|op| {
            op.rules.iter().any(rule_proposed)
                || op
                    .common_parameters
                    .iter()
                    .chain(&op.parameters)
                    .chain(&op.response)
                    .any(in_param)
        })
}

fn rules(rules: &mut Vec<Rule>, op: &str, found: &mut Vec<Proposal>) {
    rules.retain(|r| {
        if !rule_proposed(r) {
            return true;
        }
        let names: Vec<&str> = r.parameters.iter().map(|p| p.value.as_str()).collect();
        found.push(Proposal {
            at: r.proposed.as_ref().map_or(r.says.at, |p| p.at),
            what: format!(
                "the `{}` rule on {} of `{op}` is proposed from \"{}\" and not yet confirmed",
                serde_json::to_value(r.kind.value)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                names.join(" and "),
                r.says.value
            ),
        });
        false
    });
}

fn param(p: &mut Param, found: &mut Vec<Proposal>) {
    for q in &mut p.properties {
        param(q, found);
    }
    for items in [p.items.as_deref_mut(), p.values.as_deref_mut()]
        .into_iter()
        .flatten()
    {
        for q in &mut items.properties {
            param(q, found);
        }
    }
    if !p.citations.iter().any(is_proposed) {
        return;
    }
    // A keyword a confirmed citation also backs stays.
    let confirmed: Vec<String> = p
        .citations
        .iter()
        .filter(|c| !is_proposed(c))
        .flat_map(|c| c.backs.iter().map(|b| b.value.clone()))
        .collect();
    let proposed: Vec<Citation> = p
        .citations
        .iter()
        .filter(|c| is_proposed(c))
        .cloned()
        .collect();
    p.citations.retain(|c| !is_proposed(c));
    for c in proposed {
        // A keyword the parameter does not have stays cited (unproposed), so the usual check
        // reports the citation of a missing constraint.
        let (keys, absent): (Vec<&str>, Vec<&str>) = c
            .backs
            .iter()
            .map(|b| b.value.as_str())
            .filter(|k| !confirmed.iter().any(|x| x == k))
            .partition(|k| p.has(k));
        if !absent.is_empty() {
            let mut kept = c.clone();
            kept.proposed = None;
            kept.backs.retain(|b| absent.contains(&b.value.as_str()));
            p.citations.push(kept);
        }
        if keys.is_empty() {
            continue;
        }
        for k in &keys {
            p.clear(k);
        }
        found.push(Proposal {
            at: c.proposed.as_ref().map_or(c.says.at, |m| m.at),
            what: format!(
                "{} on `{}` {} proposed from \"{}\" and not yet confirmed",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                p.name.value,
                if keys.len() == 1 { "is" } else { "are" },
                c.says.value
            ),
        });
    }
}

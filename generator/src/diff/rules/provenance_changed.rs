//! `provenance-changed`: the notes on where a value came from (an SDK, another page, a
//! resolved conflict) changed on a service, type, operation, example, field, rule or error.
//! They are for reviewers and reference pages; the generated Rust does not carry them.

use super::request_rules::path as rule_path;
use crate::diff::{Emit, Place, Subject, code};
use crate::model::Provenance;

const EFFECT: &str = "none in the generated Rust";

fn report(e: &mut Emit<'_>, place: Place, what: &str, old: &[Provenance], new: &[Provenance]) {
    if old == new {
        return;
    }
    let key = |p: &Provenance| (p.about.clone(), p.note.clone(), p.source.clone());
    let added: Vec<&Provenance> = new
        .iter()
        .filter(|n| !old.iter().any(|o| key(o) == key(n)))
        .collect();
    let removed: Vec<&Provenance> = old
        .iter()
        .filter(|o| !new.iter().any(|n| key(o) == key(n)))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return;
    }
    let abouts = |list: &[&Provenance]| {
        let mut a: Vec<String> = list.iter().map(|p| code(&p.about)).collect();
        a.dedup();
        a.join(", ")
    };
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("{} added ({})", added.len(), abouts(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("{} removed ({})", removed.len(), abouts(&removed)));
    }
    e.push(
        place,
        format!("provenance notes of {what} changed: {}", parts.join(", ")),
        EFFECT,
    );
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Service { scope, old, new } => report(
            e,
            scope.at("provenance", Some(&old.loc), Some(&new.loc)),
            "the service",
            &old.provenance,
            &new.provenance,
        ),
        Subject::Type { scope, old, new } => report(
            e,
            scope.at(
                format!("types.{}", new.name),
                Some(&old.loc),
                Some(&new.loc),
            ),
            &format!("type {}", code(&new.name)),
            &old.provenance,
            &new.provenance,
        ),
        Subject::Operation { scope, old, new } => {
            report(
                e,
                scope.at("provenance", Some(&old.loc), Some(&new.loc)),
                &format!("operation {}", code(&new.name)),
                &old.provenance,
                &new.provenance,
            );
            for n in &new.examples {
                if let Some(o) = old.examples.iter().find(|o| o.title == n.title) {
                    report(
                        e,
                        scope.at("examples", Some(&old.loc), Some(&new.loc)),
                        &format!("example {}", code(&n.title)),
                        &o.provenance,
                        &n.provenance,
                    );
                }
            }
        }
        Subject::Field { cx, old, new } => report(
            e,
            cx.at(new, Some(old), Some(new)),
            &cx.what(new),
            &old.provenance,
            &new.provenance,
        ),
        Subject::Rule { scope, old, new } | Subject::RuleChanged { scope, old, new } => report(
            e,
            scope.at(rule_path(new), Some(&old.loc), Some(&new.loc)),
            &format!("rule {}", code(&rule_path(new)["rules.".len()..])),
            &old.provenance,
            &new.provenance,
        ),
        Subject::Error { cx, old, new } => report(
            e,
            cx.at(new, Some(old), Some(new)),
            &format!("error {}", code(&new.code)),
            &old.provenance,
            &new.provenance,
        ),
        _ => {}
    }
}

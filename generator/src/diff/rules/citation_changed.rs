//! `citation-changed`: the documented sentence behind a constraint, `required`, `enum`, a rule
//! across parameters or a rate limit changed. Validation errors quote these sentences.

use super::request_rules::path as rule_path;
use crate::diff::{Emit, Role, Subject, code};

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    match *s {
        Subject::Field { cx, old, new } => {
            // `required` and `enum` where both sides have them, then every constraint both
            // sides have.
            let mut pairs: Vec<(&str, &Option<String>, &Option<String>)> = Vec::new();
            if old.required && new.required {
                pairs.push(("required", &old.required_says, &new.required_says));
            }
            if !old.enum_values.is_empty() && !new.enum_values.is_empty() {
                pairs.push(("enum", &old.enum_says, &new.enum_says));
            }
            for c in &new.constraints {
                let kw = c.kind.keyword();
                if let Some(before) = old.constraints.iter().find(|o| o.kind.keyword() == kw) {
                    pairs.push((kw, &before.says, &c.says));
                }
            }
            for (kw, before, after) in pairs {
                if before == after {
                    continue;
                }
                e.push(
                    cx.at(new, Some(old), Some(new)),
                    format!(
                        "sentence cited for {} of {} changed",
                        code(kw),
                        cx.what(new)
                    ),
                    if cx.role == Role::Request && cx.struct_name.is_some() {
                        format!(
                            "validation errors of {} for {} quote the new sentence",
                            code(&cx.name(new)),
                            code(kw)
                        )
                    } else {
                        "none in the generated Rust".to_string()
                    },
                );
            }
        }
        Subject::Rule { scope, old, new } if old.says != new.says => {
            e.push(
                scope.at(rule_path(new), Some(&old.loc), Some(&new.loc)),
                format!(
                    "sentence of rule {} changed",
                    code(&rule_path(new)["rules.".len()..])
                ),
                format!(
                    "validation errors of `{}` for the rule and its rustdoc quote the new sentence",
                    scope.request()
                ),
            );
        }
        Subject::Operation { scope, old, new } => {
            if let (Some(a), Some(b)) = (&old.rate_limit, &new.rate_limit)
                && a.says != b.says
            {
                e.push(
                    scope.at("rateLimit", Some(&old.loc), Some(&new.loc)),
                    "sentence of the rate limit changed",
                    "none in the generated Rust".to_string(),
                );
            }
        }
        _ => {}
    }
}

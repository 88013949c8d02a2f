//! The rules of `cloudspec diff`, one module per rule id.
//!
//! A rule looks at one [`Subject`] (something added, removed, or a pair to compare) and
//! reports changes through [`Emit`], which stamps them with the rule's id and severity. Rules
//! never see YAML and never depend on each other; the registry [`RULES`] fixes their order in
//! listings. Ids are stable: a rule may be reworded or refined, never renamed.

use crate::diff::{Emit, Role, Severity, Subject, code, code_list, same_shape};
use crate::model::{CharClass, CharSet, ConstraintKind, Field};

/// A diff rule: a stable id, its severity, one line on what it reports, and the check.
pub struct DiffRule {
    /// Stable kebab-case id (`request-parameter-max-length-decreased`).
    pub id: &'static str,
    /// The severity of every change it reports.
    pub severity: Severity,
    /// What it reports, in one line.
    pub summary: &'static str,
    /// The check.
    pub check: fn(&Subject<'_>, &mut Emit<'_>),
}

impl std::fmt::Debug for DiffRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiffRule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .finish()
    }
}

mod authorization_access_level_changed;
mod authorization_added;
mod authorization_changed;
mod authorization_removed;
mod citation_changed;
mod description_changed;
mod endpoint_changed;
mod error_code_added;
mod error_code_removed;
mod error_message_changed;
mod error_status_changed;
mod example_changed;
mod notes_changed;
mod operation_added;
mod operation_removed;
mod provenance_changed;
mod rate_limit_decreased;
mod rate_limit_increased;
mod region_added;
mod region_removed;
mod request_parameter_added;
mod request_parameter_added_required;
mod request_parameter_allowed_chars_narrowed;
mod request_parameter_allowed_chars_widened;
mod request_parameter_ascii_only_added;
mod request_parameter_ascii_only_removed;
mod request_parameter_default_changed;
mod request_parameter_enum_added;
mod request_parameter_enum_removed;
mod request_parameter_enum_value_added;
mod request_parameter_enum_value_removed;
mod request_parameter_first_char_narrowed;
mod request_parameter_first_char_widened;
mod request_parameter_forbidden_prefix_added;
mod request_parameter_forbidden_prefix_removed;
mod request_parameter_forbidden_substring_added;
mod request_parameter_forbidden_substring_removed;
mod request_parameter_max_items_decreased;
mod request_parameter_max_items_increased;
mod request_parameter_max_length_decreased;
mod request_parameter_max_length_increased;
mod request_parameter_maximum_decreased;
mod request_parameter_maximum_increased;
mod request_parameter_min_items_decreased;
mod request_parameter_min_items_increased;
mod request_parameter_min_length_decreased;
mod request_parameter_min_length_increased;
mod request_parameter_minimum_decreased;
mod request_parameter_minimum_increased;
mod request_parameter_non_empty_added;
mod request_parameter_non_empty_removed;
mod request_parameter_pattern_changed;
mod request_parameter_pattern_removed;
mod request_parameter_protocol_filled_changed;
mod request_parameter_removed;
mod request_parameter_renamed;
mod request_parameter_required_added;
mod request_parameter_required_removed;
mod request_parameter_type_changed;
mod request_parameter_wire_changed;
mod request_rule_added;
mod request_rule_changed;
mod request_rule_removed;
mod response_envelope_changed;
mod response_field_added;
mod response_field_also_accept_added;
mod response_field_also_accept_removed;
mod response_field_constraint_changed;
mod response_field_enum_value_added;
mod response_field_enum_value_removed;
mod response_field_removed;
mod response_field_renamed;
mod response_field_type_changed;
mod rust_name_changed;
mod service_added;
mod service_protocol_changed;
mod service_removed;
mod service_version_added;
mod service_version_removed;
mod source_changed;
mod type_added;
mod type_removed;

/// Every rule, grouped by what it looks at.
pub static RULES: &[&DiffRule] = &[
    // Services.
    &service_added::RULE,
    &service_removed::RULE,
    &service_version_added::RULE,
    &service_version_removed::RULE,
    &service_protocol_changed::RULE,
    &endpoint_changed::RULE,
    &region_added::RULE,
    &region_removed::RULE,
    &type_added::RULE,
    &type_removed::RULE,
    // Operations.
    &operation_added::RULE,
    &operation_removed::RULE,
    &authorization_added::RULE,
    &authorization_removed::RULE,
    &authorization_changed::RULE,
    &authorization_access_level_changed::RULE,
    &rate_limit_decreased::RULE,
    &rate_limit_increased::RULE,
    &response_envelope_changed::RULE,
    // Request parameters.
    &request_parameter_added::RULE,
    &request_parameter_added_required::RULE,
    &request_parameter_removed::RULE,
    &request_parameter_renamed::RULE,
    &request_parameter_required_added::RULE,
    &request_parameter_required_removed::RULE,
    &request_parameter_type_changed::RULE,
    &request_parameter_protocol_filled_changed::RULE,
    &request_parameter_wire_changed::RULE,
    &request_parameter_default_changed::RULE,
    &request_parameter_enum_added::RULE,
    &request_parameter_enum_removed::RULE,
    &request_parameter_enum_value_added::RULE,
    &request_parameter_enum_value_removed::RULE,
    &request_parameter_max_length_decreased::RULE,
    &request_parameter_max_length_increased::RULE,
    &request_parameter_min_length_increased::RULE,
    &request_parameter_min_length_decreased::RULE,
    &request_parameter_pattern_changed::RULE,
    &request_parameter_pattern_removed::RULE,
    &request_parameter_allowed_chars_narrowed::RULE,
    &request_parameter_allowed_chars_widened::RULE,
    &request_parameter_first_char_narrowed::RULE,
    &request_parameter_first_char_widened::RULE,
    &request_parameter_forbidden_prefix_added::RULE,
    &request_parameter_forbidden_prefix_removed::RULE,
    &request_parameter_forbidden_substring_added::RULE,
    &request_parameter_forbidden_substring_removed::RULE,
    &request_parameter_ascii_only_added::RULE,
    &request_parameter_ascii_only_removed::RULE,
    &request_parameter_non_empty_added::RULE,
    &request_parameter_non_empty_removed::RULE,
    &request_parameter_max_items_decreased::RULE,
    &request_parameter_max_items_increased::RULE,
    &request_parameter_min_items_increased::RULE,
    &request_parameter_min_items_decreased::RULE,
    &request_parameter_maximum_decreased::RULE,
    &request_parameter_maximum_increased::RULE,
    &request_parameter_minimum_increased::RULE,
    &request_parameter_minimum_decreased::RULE,
    // Rules across parameters.
    &request_rule_added::RULE,
    &request_rule_removed::RULE,
    &request_rule_changed::RULE,
    // Responses.
    &response_field_added::RULE,
    &response_field_removed::RULE,
    &response_field_renamed::RULE,
    &response_field_type_changed::RULE,
    &response_field_enum_value_added::RULE,
    &response_field_enum_value_removed::RULE,
    &response_field_also_accept_added::RULE,
    &response_field_also_accept_removed::RULE,
    &response_field_constraint_changed::RULE,
    // Rust names.
    &rust_name_changed::RULE,
    // Errors.
    &error_code_added::RULE,
    &error_code_removed::RULE,
    &error_status_changed::RULE,
    &error_message_changed::RULE,
    // Documentation.
    &description_changed::RULE,
    &example_changed::RULE,
    &source_changed::RULE,
    &notes_changed::RULE,
    &citation_changed::RULE,
    &provenance_changed::RULE,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static DiffRule> {
    RULES.iter().copied().find(|r| r.id == id)
}

// ---------------------------------------------------------------------------------------------
// Shared by the constraint rules.

/// The constraint with this keyword, if the field has it.
pub(crate) fn constraint<'f>(f: &'f Field, keyword: &str) -> Option<&'f ConstraintKind> {
    f.constraints
        .iter()
        .map(|c| &c.kind)
        .find(|k| k.keyword() == keyword)
}

/// Whether a request-side field pair can have its constraints compared (same shape; a type
/// change is reported on its own).
pub(crate) fn comparable<'a>(
    s: &Subject<'a>,
) -> Option<(&'a crate::diff::FieldCx, &'a Field, &'a Field)> {
    match *s {
        Subject::Field { cx, old, new }
            if cx.role == Role::Request && same_shape(&old.ty, &new.ty) =>
        {
            Some((cx, old, new))
        }
        _ => None,
    }
}

/// A numeric bound: its keyword, whether it is an upper bound, and how to read it.
pub(crate) struct Bound {
    pub keyword: &'static str,
    pub upper: bool,
    pub value: fn(&ConstraintKind) -> Option<i128>,
}

pub(crate) const MAX_LENGTH: Bound = Bound {
    keyword: "maxLength",
    upper: true,
    value: |k| match k {
        ConstraintKind::MaxLength { value } => Some(i128::from(*value)),
        _ => None,
    },
};
pub(crate) const MIN_LENGTH: Bound = Bound {
    keyword: "minLength",
    upper: false,
    value: |k| match k {
        ConstraintKind::MinLength { value } => Some(i128::from(*value)),
        _ => None,
    },
};
pub(crate) const MAX_ITEMS: Bound = Bound {
    keyword: "maxItems",
    upper: true,
    value: |k| match k {
        ConstraintKind::MaxItems { value } => Some(i128::from(*value)),
        _ => None,
    },
};
pub(crate) const MIN_ITEMS: Bound = Bound {
    keyword: "minItems",
    upper: false,
    value: |k| match k {
        ConstraintKind::MinItems { value } => Some(i128::from(*value)),
        _ => None,
    },
};
pub(crate) const MAXIMUM: Bound = Bound {
    keyword: "maximum",
    upper: true,
    value: |k| match k {
        ConstraintKind::Maximum { value } => Some(i128::from(*value)),
        _ => None,
    },
};
pub(crate) const MINIMUM: Bound = Bound {
    keyword: "minimum",
    upper: false,
    value: |k| match k {
        ConstraintKind::Minimum { value } => Some(i128::from(*value)),
        _ => None,
    },
};

/// Reports a bound that moved in the given direction (`tighter`: fewer values pass).
pub(crate) fn bound_change(s: &Subject<'_>, e: &mut Emit<'_>, bound: &Bound, tighter: bool) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let read = |f: &Field| constraint(f, bound.keyword).and_then(bound.value);
    let (o, n) = (read(old), read(new));
    let is_tighter = match (o, n) {
        (Some(a), Some(b)) if a == b => return,
        (None, None) => return,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => {
            if bound.upper {
                b < a
            } else {
                b > a
            }
        }
    };
    if is_tighter != tighter {
        return;
    }
    let kw = code(bound.keyword);
    let what = cx.what(new);
    let name = code(&cx.name(new));
    let words = |v: i128| bound_words(bound, v);
    let (message, clause) = match (o, n) {
        (Some(a), Some(b)) => (
            format!(
                "{kw} of {what} {} from {a} to {b}",
                if b < a { "lowered" } else { "raised" }
            ),
            format!("now check that {name} is {} (was {})", words(b), words(a)),
        ),
        (None, Some(b)) => (
            format!("{kw} {b} added to {what}"),
            format!("now check that {name} is {}", words(b)),
        ),
        (Some(a), None) => (
            format!("{kw} {a} removed from {what}"),
            format!("no longer check that {name} is {}", words(a)),
        ),
        (None, None) => return,
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(&clause),
    );
}

/// `at most 1 character`, `at least 2 items`, `at most 10`.
fn bound_words(bound: &Bound, v: i128) -> String {
    let side = if bound.upper { "at most" } else { "at least" };
    let unit = match bound.keyword {
        "maxLength" | "minLength" => Some(("character", "characters")),
        "maxItems" | "minItems" => Some(("item", "items")),
        _ => None,
    };
    match unit {
        Some((one, _)) if v == 1 => format!("{side} 1 {one}"),
        Some((_, many)) => format!("{side} {v} {many}"),
        None => format!("{side} {v}"),
    }
}

/// Values of a list constraint (`forbiddenPrefixes`), or none.
fn list_values(f: &Field, keyword: &str) -> Vec<String> {
    match constraint(f, keyword) {
        Some(ConstraintKind::ForbiddenPrefixes { values })
        | Some(ConstraintKind::ForbiddenSubstrings { values }) => values.clone(),
        _ => Vec::new(),
    }
}

/// Reports values added to (`added`) or removed from a forbidden-values list. `verb` says what
/// a forbidden value does (`start with`, `contain`).
pub(crate) fn list_change(
    s: &Subject<'_>,
    e: &mut Emit<'_>,
    keyword: &str,
    verb: &str,
    added: bool,
) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (list_values(old, keyword), list_values(new, keyword));
    let moved: Vec<&String> = if added {
        n.iter().filter(|v| !o.contains(v)).collect()
    } else {
        o.iter().filter(|v| !n.contains(v)).collect()
    };
    if moved.is_empty() {
        return;
    }
    let kw = code(keyword);
    let what = cx.what(new);
    let list = code_list(&moved);
    let (message, clause) = if added {
        (
            format!("{kw} of {what} gains {list}"),
            format!(
                "now reject values of {} that {verb} {list}",
                code(&cx.name(new))
            ),
        )
    } else {
        (
            format!("{kw} of {what} loses {list}"),
            format!(
                "no longer reject values of {} that {verb} {list}",
                code(&cx.name(new))
            ),
        )
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(&clause),
    );
}

/// Reports a flag constraint (`asciiOnly`, `nonEmpty`) that appeared (`added`) or went away.
pub(crate) fn flag_change(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, added: bool) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (
        constraint(old, keyword).is_some(),
        constraint(new, keyword).is_some(),
    );
    if o == n || n != added {
        return;
    }
    let describe = match keyword {
        "asciiOnly" => "ASCII only",
        _ => "not empty",
    };
    let kw = code(keyword);
    let what = cx.what(new);
    let name = code(&cx.name(new));
    let (message, clause) = if added {
        (
            format!("{kw} added to {what}"),
            format!("now check that {name} is {describe}"),
        )
    } else {
        (
            format!("{kw} removed from {what}"),
            format!("no longer check that {name} is {describe}"),
        )
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(&clause),
    );
}

fn class_covered(set: &CharSet, class: CharClass) -> bool {
    set.classes.contains(&class)
        || (matches!(class, CharClass::Lowercase | CharClass::Uppercase)
            && set.classes.contains(&CharClass::Letter))
        || (class == CharClass::Letter
            && set.classes.contains(&CharClass::Lowercase)
            && set.classes.contains(&CharClass::Uppercase))
}

/// Whether `outer` allows every character `inner` allows (`None`: no restriction).
pub(crate) fn covers(outer: Option<&CharSet>, inner: Option<&CharSet>) -> bool {
    match (outer, inner) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => {
            i.classes.iter().all(|c| class_covered(o, *c)) && i.chars.chars().all(|c| o.contains(c))
        }
    }
}

fn charset<'f>(f: &'f Field, keyword: &str) -> Option<&'f CharSet> {
    match constraint(f, keyword) {
        Some(ConstraintKind::AllowedChars { set }) | Some(ConstraintKind::FirstChar { set }) => {
            Some(set)
        }
        _ => None,
    }
}

/// Reports a character-set constraint that now allows less (`narrowed`) or strictly more.
/// A set that changes sideways (allows some new characters but drops others) is narrowed.
pub(crate) fn charset_change(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, narrowed: bool) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (charset(old, keyword), charset(new, keyword));
    let is_narrowed = !covers(n, o);
    let is_widened = !is_narrowed && !covers(o, n);
    if (narrowed && !is_narrowed) || (!narrowed && !is_widened) {
        return;
    }
    let describe = |set: Option<&CharSet>| match set {
        Some(s) => s.describe(),
        None => "any character".to_string(),
    };
    let kw = code(keyword);
    let what = cx.what(new);
    let name = code(&cx.name(new));
    let verb = if keyword == "firstChar" {
        "start with"
    } else {
        "contain only"
    };
    let message = format!(
        "{kw} of {what} {} from {} to {}",
        if narrowed { "narrowed" } else { "widened" },
        describe(o),
        describe(n)
    );
    let clause = match n {
        Some(set) => format!(
            "now check that {name} values {verb} {} (was {})",
            set.describe(),
            describe(o)
        ),
        None => format!("no longer check that {name} values {verb} {}", describe(o)),
    };
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(&clause),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !r.id.starts_with('-')
                    && !r.id.ends_with('-')
                    && !r.id.contains("--"),
                "{} is not kebab-case",
                r.id
            );
            assert!(!r.summary.is_empty());
            assert_eq!(find(r.id).map(|f| f.id), Some(r.id));
        }
    }

    #[test]
    fn charset_coverage() {
        let set = |classes: &[CharClass], chars: &str| CharSet {
            classes: classes.to_vec(),
            chars: chars.into(),
        };
        let letters = set(&[CharClass::Letter], "");
        let lower = set(&[CharClass::Lowercase], "");
        let both = set(&[CharClass::Lowercase, CharClass::Uppercase], "");
        assert!(covers(Some(&letters), Some(&lower)));
        assert!(!covers(Some(&lower), Some(&letters)));
        assert!(covers(Some(&both), Some(&letters)));
        assert!(covers(None, Some(&letters)));
        assert!(!covers(Some(&letters), None));
        assert!(covers(Some(&letters), Some(&set(&[], "ab"))));
        assert!(!covers(Some(&letters), Some(&set(&[], "a-"))));
    }
}

//! The constraints `validate` checks on request values, each a pair of rules: a bound
//! (`maxLength`, `minLength`, `maxItems`, `minItems`, `maximum`, `minimum`) lowered or raised,
//! a flag (`asciiOnly`, `nonEmpty`) or forbidden values (`forbiddenPrefixes`,
//! `forbiddenSubstrings`) added or removed, a character set (`allowedChars`, `firstChar`)
//! narrowed or widened, a `pattern` added, changed or removed. Each check reports the
//! direction its row asks for ([`Strictness`]): `Stricter`, fewer values pass; `Looser`, more.

use super::Strictness::{self, Looser, Stricter};
use crate::diff::{Emit, FieldCx, Role, Subject, code, code_list, same_shape};
use crate::model::{CharClass, CharSet, ConstraintKind, Field};

/// The constraint with this keyword, if the field has it.
fn constraint<'f>(f: &'f Field, keyword: &str) -> Option<&'f ConstraintKind> {
    f.constraints
        .iter()
        .map(|c| &c.kind)
        .find(|k| k.keyword() == keyword)
}

/// Whether a request-side field pair can have its constraints compared (same shape; a type
/// change is reported on its own).
fn comparable<'a>(s: &Subject<'a>) -> Option<(&'a FieldCx, &'a Field, &'a Field)> {
    match *s {
        Subject::Field { cx, old, new }
            if cx.role == Role::Request && same_shape(&old.ty, &new.ty) =>
        {
            Some((cx, old, new))
        }
        _ => None,
    }
}

/// Reports a change: the place is the field, the effect is what validation now does.
fn push(e: &mut Emit<'_>, cx: &FieldCx, old: &Field, new: &Field, message: String, clause: &str) {
    e.push(
        cx.at(new, Some(old), Some(new)),
        message,
        cx.validation(clause),
    );
}

/// The value of a numeric constraint (`maxLength`, `minimum`, …).
fn number(k: &ConstraintKind) -> Option<i128> {
    match *k {
        ConstraintKind::MinLength { value }
        | ConstraintKind::MaxLength { value }
        | ConstraintKind::MinItems { value }
        | ConstraintKind::MaxItems { value } => Some(i128::from(value)),
        ConstraintKind::Minimum { value } | ConstraintKind::Maximum { value } => {
            Some(i128::from(value))
        }
        _ => None,
    }
}

/// A numeric bound (`maxLength`, `minItems`, `maximum`, …; a `max…` keyword is an upper
/// bound) that appeared or moved in (`Stricter`), or went away or moved out (`Looser`).
pub(super) fn bound(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, way: Strictness) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let upper = keyword.starts_with("max");
    let read = |f: &Field| constraint(f, keyword).and_then(number);
    let (o, n) = (read(old), read(new));
    let stricter = match (o, n) {
        (Some(a), Some(b)) if a == b => return,
        (None, None) => return,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => {
            if upper {
                b < a
            } else {
                b > a
            }
        }
    };
    if stricter != (way == Stricter) {
        return;
    }
    let kw = code(keyword);
    let what = cx.what(new);
    let name = code(&cx.name(new));
    let words = |v: i128| bound_words(keyword, upper, v);
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
    push(e, cx, old, new, message, &clause);
}

/// `at most 1 character`, `at least 2 items`, `at most 10`.
fn bound_words(keyword: &str, upper: bool, v: i128) -> String {
    let side = if upper { "at most" } else { "at least" };
    let unit = match keyword {
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

/// Values added to (`Stricter`) or removed from (`Looser`) a forbidden-values list. `verb`
/// says what a forbidden value does (`start with`, `contain`).
pub(super) fn list(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, verb: &str, way: Strictness) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (list_values(old, keyword), list_values(new, keyword));
    let (from, to) = match way {
        Stricter => (&o, &n),
        Looser => (&n, &o),
    };
    let moved: Vec<&String> = to.iter().filter(|v| !from.contains(v)).collect();
    if moved.is_empty() {
        return;
    }
    let list = code_list(&moved);
    let (gains, now) = match way {
        Stricter => ("gains", "now"),
        Looser => ("loses", "no longer"),
    };
    push(
        e,
        cx,
        old,
        new,
        format!("{} of {} {gains} {list}", code(keyword), cx.what(new)),
        &format!(
            "{now} reject values of {} that {verb} {list}",
            code(&cx.name(new))
        ),
    );
}

/// A flag constraint (`asciiOnly`, `nonEmpty`) that appeared (`Stricter`) or went away.
pub(super) fn flag(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, way: Strictness) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (
        constraint(old, keyword).is_some(),
        constraint(new, keyword).is_some(),
    );
    if o == n || n != (way == Stricter) {
        return;
    }
    let describe = match keyword {
        "asciiOnly" => "ASCII only",
        _ => "not empty",
    };
    let (added, now) = match way {
        Stricter => ("added to", "now"),
        Looser => ("removed from", "no longer"),
    };
    push(
        e,
        cx,
        old,
        new,
        format!("{} {added} {}", code(keyword), cx.what(new)),
        &format!("{now} check that {} is {describe}", code(&cx.name(new))),
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
fn covers(outer: Option<&CharSet>, inner: Option<&CharSet>) -> bool {
    match (outer, inner) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => {
            i.classes.iter().all(|c| class_covered(o, *c)) && i.chars.chars().all(|c| o.contains(c))
        }
    }
}

fn charset_of<'f>(f: &'f Field, keyword: &str) -> Option<&'f CharSet> {
    match constraint(f, keyword) {
        Some(ConstraintKind::AllowedChars { set }) | Some(ConstraintKind::FirstChar { set }) => {
            Some(set)
        }
        _ => None,
    }
}

/// A character-set constraint that now allows less (`Stricter`: narrowed) or strictly more
/// (`Looser`: widened). A set that changes sideways (allows some new characters but drops
/// others) is narrowed.
pub(super) fn charset(s: &Subject<'_>, e: &mut Emit<'_>, keyword: &str, way: Strictness) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (o, n) = (charset_of(old, keyword), charset_of(new, keyword));
    let narrowed = !covers(n, o);
    let widened = !narrowed && !covers(o, n);
    if !match way {
        Stricter => narrowed,
        Looser => widened,
    } {
        return;
    }
    let describe = |set: Option<&CharSet>| match set {
        Some(s) => s.describe(),
        None => "any character".to_string(),
    };
    let name = code(&cx.name(new));
    let verb = if keyword == "firstChar" {
        "start with"
    } else {
        "contain only"
    };
    let message = format!(
        "{} of {} {} from {} to {}",
        code(keyword),
        cx.what(new),
        if way == Stricter {
            "narrowed"
        } else {
            "widened"
        },
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
    push(e, cx, old, new, message, &clause);
}

fn regex_of(f: &Field) -> Option<&str> {
    match constraint(f, "pattern") {
        Some(ConstraintKind::Pattern { regex }) => Some(regex),
        _ => None,
    }
}

/// A `pattern` added or changed (`Stricter`: whether the new one accepts more or less cannot be
/// told in general, so any change counts), or removed (`Looser`).
pub(super) fn pattern(s: &Subject<'_>, e: &mut Emit<'_>, way: Strictness) {
    let Some((cx, old, new)) = comparable(s) else {
        return;
    };
    let (kw, what, name) = (code("pattern"), cx.what(new), code(&cx.name(new)));
    let (message, clause) = match (regex_of(old), regex_of(new), way) {
        (Some(a), Some(b), Stricter) if a != b => (
            format!("{kw} of {what} changed from {} to {}", code(a), code(b)),
            format!("now check that {name} matches {}", code(b)),
        ),
        (None, Some(b), Stricter) => (
            format!("{kw} {} added to {what}", code(b)),
            format!("now check that {name} matches {}", code(b)),
        ),
        (Some(a), None, Looser) => (
            format!("{kw} {} removed from {what}", code(a)),
            format!("no longer check that {name} matches {}", code(a)),
        ),
        _ => return,
    };
    push(e, cx, old, new, message, &clause);
}

#[cfg(test)]
mod tests {
    use super::*;

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

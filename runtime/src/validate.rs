//! Client-side validation of requests against their [`OperationSpec`].
//!
//! Every documented constraint is checked and every violation is reported, not just the
//! first, each with the parameter path (`Tag[3].Key`, 1-based like the wire's `Tag.3.Key`), the
//! rule, and the documented sentence it comes from.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::fmt::Write as _;
use std::sync::{OnceLock, RwLock};

use serde::Serialize;
use serde_json::Value;

use crate::schema::{Check, CheckRule, Kind, OperationSpec, ParamSpec, RuleKind};
use crate::tree::{Members, Node, from_value, try_to_node};

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Path of the offending value (`ImageName`, `Tag[3].Key`); for cross-parameter rules, the
    /// parameters joined with `, `.
    pub path: String,
    /// The rule's spec keyword (`maxLength`, `required`, `enum`, `mutuallyExclusive`, ...).
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// The documented sentence the rule comes from. A `required` rule without a cited
    /// sentence says what the parameter table says ([`REQUIRED_BY_TABLE`]), an `enum` rule
    /// without one lists the documented values; other rules the spec cites nothing for are
    /// empty.
    pub says: Cow<'static, str>,
}

/// What a violation of `required` cites when the spec quotes no sentence: the parameter table's
/// "Required" column, which both vendors' API references have.
pub const REQUIRED_BY_TABLE: &str = "Required: Yes (the parameter table).";

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message, self.rule)?;
        if !self.says.is_empty() {
            write!(f, " (documented: \"{}\")", self.says)?;
        }
        Ok(())
    }
}

/// All the violations of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    /// The operation.
    pub operation: &'static str,
    /// Every violation, in parameter order.
    pub violations: Vec<Violation>,
}

impl ValidationErrors {
    /// Whether a violation of `rule` at `path` is present.
    pub fn has(&self, path: &str, rule: &str) -> bool {
        self.violations
            .iter()
            .any(|v| v.path == path && v.rule == rule)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} request breaks {} documented rule{}",
            self.operation,
            self.violations.len(),
            if self.violations.len() == 1 { "" } else { "s" }
        )?;
        for v in &self.violations {
            write!(f, "\n  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Validates a request value against its operation.
pub fn validate<T: Serialize>(
    request: &T,
    op: &'static OperationSpec,
) -> Result<(), ValidationErrors> {
    match try_to_node(request) {
        Ok(node) => validate_node(&node, op),
        Err(declined) => Err(ValidationErrors {
            operation: op.name,
            violations: vec![Violation {
                path: String::new(),
                rule: "serializable",
                message: format!("the request cannot be serialized: {declined}"),
                says: Cow::Borrowed(""),
            }],
        }),
    }
}

/// Validates an already-serialized request (a JSON object keyed by wire names).
pub fn validate_value(value: &Value, op: &'static OperationSpec) -> Result<(), ValidationErrors> {
    validate_node(&from_value(value), op)
}

/// Validates a request serialized as a [`Node`] (a non-object is validated as an empty one).
pub(crate) fn validate_node(
    node: &Node,
    op: &'static OperationSpec,
) -> Result<(), ValidationErrors> {
    match node {
        Node::Object(members) => validate_object(members, op),
        _ => validate_object(&[], op),
    }
}

/// Validates a request serialized as [`Node`] members.
pub(crate) fn validate_object(
    obj: &[(Cow<'static, str>, Node)],
    op: &'static OperationSpec,
) -> Result<(), ValidationErrors> {
    let mut out = Vec::new();
    check_members(obj, op.params, &Path::Root, &mut out);
    for rule in op.rules {
        let set: Vec<&str> = rule
            .params
            .iter()
            .copied()
            .filter(|p| is_set(member(obj, p)))
            .collect();
        let (name, message) = match rule.kind {
            RuleKind::MutuallyExclusive if set.len() > 1 => (
                "mutuallyExclusive",
                format!(
                    "at most one of these may be set, but {} are",
                    set.join(" and ")
                ),
            ),
            RuleKind::ExactlyOneOf if set.len() != 1 => (
                "exactlyOneOf",
                if set.is_empty() {
                    "exactly one of these must be set, but none is".to_string()
                } else {
                    format!(
                        "exactly one of these must be set, but {} are",
                        set.join(" and ")
                    )
                },
            ),
            RuleKind::AtLeastOneOf if set.is_empty() => (
                "atLeastOneOf",
                "at least one of these must be set, but none is".to_string(),
            ),
            RuleKind::RequiredWhen(when) if is_set(member(obj, when)) => {
                let missing: Vec<&str> = rule
                    .params
                    .iter()
                    .copied()
                    .filter(|p| !is_set(member(obj, p)))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                out.push(Violation {
                    path: missing.join(", "),
                    rule: "requiredWhen",
                    message: format!("required when {when} is set"),
                    says: Cow::Borrowed(rule.says),
                });
                continue;
            }
            _ => continue,
        };
        out.push(Violation {
            path: rule.params.join(", "),
            rule: name,
            message,
            says: Cow::Borrowed(rule.says),
        });
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors {
            operation: op.name,
            violations: out,
        })
    }
}

fn is_set(v: Option<&Node>) -> bool {
    !matches!(v, None | Some(Node::Null))
}

fn member<'a>(obj: &'a [(Cow<'static, str>, Node)], name: &str) -> Option<&'a Node> {
    obj.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Where a value sits in the request, written out only when a violation needs it (most
/// requests break no rule, and formatting every path cost more than the checks).
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    /// A member: `prefix.Name` (or `Name` under an empty prefix).
    Member(&'a Path<'a>, &'a str),
    /// An array element, 1-based like the wire: `prefix[N]`.
    Element(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Member(prefix, name) => {
                prefix.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Path::Element(prefix, index) => {
                prefix.write(out);
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

fn check_members(
    obj: &[(Cow<'static, str>, Node)],
    params: &[ParamSpec],
    prefix: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let mut lookup = Members::new(obj);
    for p in params {
        let path = Path::Member(prefix, p.name);
        match lookup.get(p.name) {
            None | Some(Node::Null) => {
                if p.required {
                    out.push(Violation {
                        path: path.render(),
                        rule: "required",
                        message: "is required but not set".into(),
                        says: Cow::Borrowed(if p.required_says.is_empty() {
                            REQUIRED_BY_TABLE
                        } else {
                            p.required_says
                        }),
                    });
                }
            }
            Some(v) => check_value(v, p, &path, out),
        }
    }
}

fn check_value(v: &Node, p: &ParamSpec, path: &Path<'_>, out: &mut Vec<Violation>) {
    if !p.enum_values.is_empty()
        && let Node::String(s) = v
        && !p.enum_values.contains(&s.as_str())
    {
        out.push(Violation {
            path: path.render(),
            rule: "enum",
            message: format!("`{s}` is not one of {}", p.enum_values.join(", ")),
            says: if p.enum_says.is_empty() {
                Cow::Owned(format!("Valid values: {}.", p.enum_values.join(", ")))
            } else {
                Cow::Borrowed(p.enum_says)
            },
        });
    }
    for check in p.checks {
        if let Some(message) = broken(check, v) {
            out.push(Violation {
                path: path.render(),
                rule: check.rule.keyword(),
                message,
                says: Cow::Borrowed(check.says),
            });
        }
    }
    match (p.kind, v) {
        (Kind::Array(item), Node::Array(items)) => {
            for (i, element) in items.iter().enumerate() {
                check_value(element, item, &Path::Element(path, i + 1), out);
            }
        }
        (Kind::Object(members), Node::Object(obj)) => check_members(obj, members, path, out),
        (Kind::Map(value), Node::Object(obj)) => {
            for (key, element) in obj {
                if !element.is_null() {
                    check_value(element, value, &Path::Member(path, key), out);
                }
            }
        }
        _ => {}
    }
}

fn regex_matches(pattern: &'static str, s: &str) -> bool {
    static CACHE: OnceLock<RwLock<HashMap<&'static str, Option<regex::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(map) = cache.read()
        && let Some(re) = map.get(pattern)
    {
        return re.as_ref().is_some_and(|r| r.is_match(s));
    }
    let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok();
    let ok = re.as_ref().is_some_and(|r| r.is_match(s));
    if let Ok(mut map) = cache.write() {
        map.insert(pattern, re);
    }
    ok
}

/// Why `v` breaks `check`, or `None` when it holds (or does not apply to this JSON type).
fn broken(check: &Check, v: &Node) -> Option<String> {
    let chars = |s: &str| s.chars().count() as u64;
    match (&check.rule, v) {
        (CheckRule::MinLength(n), Node::String(s)) if chars(s) < *n => Some(format!(
            "has {} characters, fewer than the minimum {n}",
            chars(s)
        )),
        (CheckRule::MaxLength(n), Node::String(s)) if chars(s) > *n => Some(format!(
            "has {} characters, more than the maximum {n}",
            chars(s)
        )),
        (CheckRule::Pattern(p), Node::String(s)) if !regex_matches(p, s) => {
            Some(format!("does not match the pattern `{p}`"))
        }
        (CheckRule::AllowedChars(set), Node::String(s)) => s
            .chars()
            .find(|c| !set.contains(*c))
            .map(|c| format!("contains `{}`, which is not allowed", c.escape_default())),
        (CheckRule::FirstChar(set), Node::String(s)) => s
            .chars()
            .next()
            .filter(|c| !set.contains(*c))
            .map(|c| format!("starts with `{}`, which is not allowed", c.escape_default())),
        (CheckRule::ForbiddenPrefixes(list), Node::String(s)) => list
            .iter()
            .find(|p| s.starts_with(**p))
            .map(|p| format!("starts with `{p}`")),
        (CheckRule::ForbiddenSubstrings(list), Node::String(s)) => list
            .iter()
            .find(|p| s.contains(**p))
            .map(|p| format!("contains `{p}`")),
        (CheckRule::AsciiOnly, Node::String(s)) => s
            .chars()
            .find(|c| !c.is_ascii())
            .map(|c| format!("contains the non-ASCII character `{c}`")),
        (CheckRule::NonEmpty, Node::String(s)) if s.is_empty() => Some("is empty".into()),
        (CheckRule::NonEmpty, Node::Array(a)) if a.is_empty() => Some("is empty".into()),
        (CheckRule::MinItems(n), Node::Array(a)) if (a.len() as u64) < *n => {
            Some(format!("has {} items, fewer than the minimum {n}", a.len()))
        }
        (CheckRule::MaxItems(n), Node::Array(a)) if (a.len() as u64) > *n => {
            Some(format!("has {} items, more than the maximum {n}", a.len()))
        }
        (CheckRule::Minimum(n), Node::Number(x)) if x.as_f64().is_some_and(|x| x < *n as f64) => {
            Some(format!("is {x}, less than the minimum {n}"))
        }
        (CheckRule::Maximum(n), Node::Number(x)) if x.as_f64().is_some_and(|x| x > *n as f64) => {
            Some(format!("is {x}, more than the maximum {n}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::CheckRule;

    static VALUE: ParamSpec = ParamSpec::new("", Kind::String)
        .checks(&[Check::new(CheckRule::MaxLength(3), "At most 3 characters.")]);
    static OP: OperationSpec = OperationSpec {
        service: &crate::testing::CVM,
        name: "Demo",
        params: &[ParamSpec::new("Labels", Kind::Map(&VALUE))],
        rules: &[],
        envelope: None,
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    #[test]
    fn every_value_of_a_map_is_checked() {
        assert!(validate_value(&json!({"Labels": {"a": "x", "b": null}}), &OP).is_ok());
        let e = validate_value(&json!({"Labels": {"a": "long", "b": "ok"}}), &OP).unwrap_err();
        let paths: Vec<&str> = e.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["Labels.a"]);
        assert_eq!(e.violations[0].says, "At most 3 characters.");
    }
}

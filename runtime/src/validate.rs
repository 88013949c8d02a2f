//! Client-side validation of requests against their [`OperationSpec`].
//!
//! Every documented constraint is checked and every violation is reported, not just the
//! first, each with the parameter path (`Tag[3].Key`, 1-based like the wire's `Tag.3.Key`), the
//! rule, and the documented sentence it comes from.

use std::collections::HashMap;
use std::fmt;
use std::sync::{OnceLock, RwLock};

use serde::Serialize;
use serde_json::Value;

use crate::schema::{Check, CheckRule, Kind, OperationSpec, ParamSpec, RuleKind};

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
    /// The documented sentence the rule comes from (empty when the spec cites none).
    pub says: &'static str,
}

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
    let value = match serde_json::to_value(request) {
        Ok(v) => v,
        Err(e) => {
            return Err(ValidationErrors {
                operation: op.name,
                violations: vec![Violation {
                    path: String::new(),
                    rule: "serializable",
                    message: format!("the request cannot be serialized: {e}"),
                    says: "",
                }],
            });
        }
    };
    validate_value(&value, op)
}

/// Validates an already-serialized request (a JSON object keyed by wire names).
pub fn validate_value(value: &Value, op: &'static OperationSpec) -> Result<(), ValidationErrors> {
    let mut out = Vec::new();
    let empty = serde_json::Map::new();
    let obj = value.as_object().unwrap_or(&empty);
    check_members(obj, op.params, "", &mut out);
    for rule in op.rules {
        let set: Vec<&str> = rule
            .params
            .iter()
            .copied()
            .filter(|p| is_set(obj.get(*p)))
            .collect();
        let path = rule.params.join(", ");
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
            RuleKind::RequiredWhen(when) if is_set(obj.get(when)) => {
                let missing: Vec<&str> = rule
                    .params
                    .iter()
                    .copied()
                    .filter(|p| !is_set(obj.get(*p)))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                out.push(Violation {
                    path: missing.join(", "),
                    rule: "requiredWhen",
                    message: format!("required when {when} is set"),
                    says: rule.says,
                });
                continue;
            }
            _ => continue,
        };
        out.push(Violation {
            path,
            rule: name,
            message,
            says: rule.says,
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

fn is_set(v: Option<&Value>) -> bool {
    !matches!(v, None | Some(Value::Null))
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_members(
    obj: &serde_json::Map<String, Value>,
    params: &[ParamSpec],
    prefix: &str,
    out: &mut Vec<Violation>,
) {
    for p in params {
        let path = join(prefix, p.name);
        match obj.get(p.name) {
            None | Some(Value::Null) => {
                if p.required {
                    out.push(Violation {
                        path,
                        rule: "required",
                        message: "is required but not set".into(),
                        says: "",
                    });
                }
            }
            Some(v) => check_value(v, p, &path, out),
        }
    }
}

fn check_value(v: &Value, p: &ParamSpec, path: &str, out: &mut Vec<Violation>) {
    if !p.enum_values.is_empty()
        && let Value::String(s) = v
        && !p.enum_values.contains(&s.as_str())
    {
        out.push(Violation {
            path: path.to_string(),
            rule: "enum",
            message: format!("`{s}` is not one of {}", p.enum_values.join(", ")),
            says: "",
        });
    }
    for check in p.checks {
        if let Some(message) = broken(check, v) {
            out.push(Violation {
                path: path.to_string(),
                rule: check.rule.keyword(),
                message,
                says: check.says,
            });
        }
    }
    match (p.kind, v) {
        (Kind::Array(item), Value::Array(items)) => {
            for (i, element) in items.iter().enumerate() {
                check_value(element, item, &format!("{path}[{}]", i + 1), out);
            }
        }
        (Kind::Object(members), Value::Object(obj)) => check_members(obj, members, path, out),
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
fn broken(check: &Check, v: &Value) -> Option<String> {
    let chars = |s: &str| s.chars().count() as u64;
    match (&check.rule, v) {
        (CheckRule::MinLength(n), Value::String(s)) if chars(s) < *n => Some(format!(
            "has {} characters, fewer than the minimum {n}",
            chars(s)
        )),
        (CheckRule::MaxLength(n), Value::String(s)) if chars(s) > *n => Some(format!(
            "has {} characters, more than the maximum {n}",
            chars(s)
        )),
        (CheckRule::Pattern(p), Value::String(s)) if !regex_matches(p, s) => {
            Some(format!("does not match the pattern `{p}`"))
        }
        (CheckRule::AllowedChars(set), Value::String(s)) => s
            .chars()
            .find(|c| !set.contains(*c))
            .map(|c| format!("contains `{}`, which is not allowed", c.escape_default())),
        (CheckRule::FirstChar(set), Value::String(s)) => s
            .chars()
            .next()
            .filter(|c| !set.contains(*c))
            .map(|c| format!("starts with `{}`, which is not allowed", c.escape_default())),
        (CheckRule::ForbiddenPrefixes(list), Value::String(s)) => list
            .iter()
            .find(|p| s.starts_with(**p))
            .map(|p| format!("starts with `{p}`")),
        (CheckRule::ForbiddenSubstrings(list), Value::String(s)) => list
            .iter()
            .find(|p| s.contains(**p))
            .map(|p| format!("contains `{p}`")),
        (CheckRule::AsciiOnly, Value::String(s)) => s
            .chars()
            .find(|c| !c.is_ascii())
            .map(|c| format!("contains the non-ASCII character `{c}`")),
        (CheckRule::NonEmpty, Value::String(s)) if s.is_empty() => Some("is empty".into()),
        (CheckRule::NonEmpty, Value::Array(a)) if a.is_empty() => Some("is empty".into()),
        (CheckRule::MinItems(n), Value::Array(a)) if (a.len() as u64) < *n => {
            Some(format!("has {} items, fewer than the minimum {n}", a.len()))
        }
        (CheckRule::MaxItems(n), Value::Array(a)) if (a.len() as u64) > *n => {
            Some(format!("has {} items, more than the maximum {n}", a.len()))
        }
        (CheckRule::Minimum(n), Value::Number(x)) if x.as_f64().is_some_and(|x| x < *n as f64) => {
            Some(format!("is {x}, less than the minimum {n}"))
        }
        (CheckRule::Maximum(n), Value::Number(x)) if x.as_f64().is_some_and(|x| x > *n as f64) => {
            Some(format!("is {x}, more than the maximum {n}"))
        }
        _ => None,
    }
}

//! Rules across request parameters (`mutuallyExclusive`, `exactlyOneOf`, `atLeastOneOf`,
//! `requiredWhen`), which `validate` enforces: `request-rule-added` and `request-rule-removed`,
//! and `request-rule-changed` for a rule of the same kind that now names other parameters or
//! another trigger.

use super::Dir::{self, Added, Removed};
use crate::diff::{Emit, Scope, Subject, code, code_list};
use crate::model::{Rule, RuleKind};

/// The rule's kind as in specs (`mutuallyExclusive`).
fn kind_name(kind: RuleKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{kind:?}"),
    }
}

/// `rules.mutuallyExclusive(InstanceId, SnapshotIds)`.
pub(super) fn path(r: &Rule) -> String {
    let mut s = format!("rules.{}({})", kind_name(r.kind), r.parameters.join(", "));
    if let Some(w) = &r.when {
        s.push_str(&format!(" when {w}"));
    }
    s
}

/// `at most one of `A`, `B``.
fn describe(r: &Rule) -> String {
    let names = code_list(&r.parameters);
    match r.kind {
        RuleKind::MutuallyExclusive => format!("at most one of {names}"),
        RuleKind::ExactlyOneOf => format!("exactly one of {names}"),
        RuleKind::AtLeastOneOf => format!("at least one of {names}"),
        RuleKind::RequiredWhen => format!(
            "{names} required when {} is set",
            code(r.when.as_deref().unwrap_or_default())
        ),
    }
}

fn validator(scope: &Scope) -> String {
    format!("`validate`/`build` of `{}`", scope.request())
}

/// `request-rule-added`, `request-rule-removed`.
pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, dir: Dir) {
    let (scope, rule) = match (*s, dir) {
        (Subject::RuleAdded { scope, rule }, Added)
        | (Subject::RuleRemoved { scope, rule }, Removed) => (scope, rule),
        _ => return,
    };
    let (old, new) = dir.locs(&rule.loc);
    let (what, kind) = (describe(rule), code(&kind_name(rule.kind)));
    let (message, now) = match dir {
        Added => (
            format!("new rule across request parameters: {what} ({kind})"),
            "now",
        ),
        Removed => (
            format!("rule across request parameters removed: {what} ({kind})"),
            "no longer",
        ),
    };
    e.push(
        scope.at(path(rule), old, new),
        message,
        format!("{} {now} enforce {what}", validator(scope)),
    );
}

/// `request-rule-changed`.
pub(super) fn changed(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::RuleChanged { scope, old, new } = *s else {
        return;
    };
    e.push(
        scope.at(path(new), Some(&old.loc), Some(&new.loc)),
        format!(
            "rule across request parameters changed from {} to {}",
            describe(old),
            describe(new)
        ),
        format!(
            "{} now enforce {} instead of {}",
            validator(scope),
            describe(new),
            describe(old)
        ),
    );
}

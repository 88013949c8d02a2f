//! `rate-limit-increased`: an operation's documented rate limit went up (or was dropped).

use std::cmp::Ordering;

use super::DiffRule;
use super::rate_limit_decreased::{compare, describe};
use crate::diff::{Emit, Severity, Subject};

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "rate-limit-increased",
    severity: Severity::NonBreaking,
    summary: "rate limit raised (or no longer documented): callers may send more",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let (message, effect) = match (&old.rate_limit, &new.rate_limit) {
        (Some(o), None) => (
            format!("rate limit ({}) no longer documented", describe(o)),
            format!(
                "the rustdoc of `{}` no longer states a rate limit",
                scope.request()
            ),
        ),
        (Some(o), Some(n)) if compare(o, n) == Some(Ordering::Less) => (
            format!("rate limit raised from {} to {}", describe(o), describe(n)),
            format!(
                "the rustdoc of `{}` states {}",
                scope.request(),
                describe(n)
            ),
        ),
        _ => return,
    };
    e.push(
        scope.at("rateLimit", Some(&old.loc), Some(&new.loc)),
        message,
        effect,
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids};

    fn limit(n: u32) -> Spec {
        Spec::new().op(&format!(
            "rateLimit: {{requests: {n}, per: second, says: \"The limit.\"}}"
        ))
    }

    #[test]
    fn fires_when_raised_or_dropped() {
        assert_eq!(ids(&limit(10), &limit(20)), ["rate-limit-increased"]);
        assert_eq!(ids(&limit(10), &Spec::new()), ["rate-limit-increased"]);
    }
}

//! `rate-limit-decreased`: an operation's documented rate limit went down (or appeared).

use std::cmp::Ordering;

use super::DiffRule;
use crate::diff::{Emit, Severity, Subject};
use crate::model::RateLimit;

/// See the module docs.
pub const RULE: DiffRule = DiffRule {
    id: "rate-limit-decreased",
    severity: Severity::PotentiallyBreaking,
    summary: "rate limit lowered (or newly documented): callers that sent more are throttled",
    check,
};

fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let message = match (&old.rate_limit, &new.rate_limit) {
        (None, Some(n)) => format!("rate limit documented: {}", describe(n)),
        (Some(o), Some(n)) if compare(o, n) == Some(Ordering::Greater) => {
            format!("rate limit lowered from {} to {}", describe(o), describe(n))
        }
        (Some(o), Some(n)) if compare(o, n).is_none() => {
            format!("rate limit changed from {} to {}", describe(o), describe(n))
        }
        _ => return,
    };
    let n = new.rate_limit.as_ref().map(describe).unwrap_or_default();
    e.push(
        scope.at("rateLimit", Some(&old.loc), Some(&new.loc)),
        message,
        format!(
            "the rustdoc of `{}` states {n}; callers that send more are throttled by the service",
            scope.request()
        ),
    );
}

/// `10 requests per second`.
pub(crate) fn describe(r: &RateLimit) -> String {
    format!(
        "{} request{} per {}",
        r.requests,
        if r.requests == 1 { "" } else { "s" },
        r.per
    )
}

fn seconds(per: &str) -> Option<u64> {
    match per.trim().to_ascii_lowercase().as_str() {
        "second" | "s" => Some(1),
        "minute" | "min" => Some(60),
        "hour" | "h" => Some(3600),
        "day" | "d" => Some(86_400),
        _ => None,
    }
}

/// Compares two limits as rates; `None` when the periods cannot be compared.
pub(crate) fn compare(a: &RateLimit, b: &RateLimit) -> Option<Ordering> {
    if a.per == b.per {
        return Some(a.requests.cmp(&b.requests));
    }
    let (pa, pb) = (seconds(&a.per)?, seconds(&b.per)?);
    Some((u64::from(a.requests) * pb).cmp(&(u64::from(b.requests) * pa)))
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, ids, one};

    fn limit(n: u32, per: &str) -> Spec {
        Spec::new().op(&format!(
            "rateLimit: {{requests: {n}, per: {per}, says: \"The limit.\"}}"
        ))
    }

    #[test]
    fn fires_when_lowered_or_added() {
        let c = one(&limit(10, "second"), &limit(5, "second"));
        assert_eq!(c.id, "rate-limit-decreased");
        assert_eq!(
            c.message,
            "rate limit lowered from 10 requests per second to 5 requests per second"
        );
        assert_eq!(
            ids(&Spec::new(), &limit(10, "second")),
            ["rate-limit-decreased"]
        );
        assert_eq!(
            ids(&limit(10, "second"), &limit(300, "minute")),
            ["rate-limit-decreased"]
        );
    }

    #[test]
    fn an_equal_rate_in_other_units_is_no_change() {
        assert!(ids(&limit(10, "second"), &limit(600, "minute")).is_empty());
    }
}

//! `rate-limit-decreased` and `-increased`: an operation's documented rate limit went down (or
//! appeared, or changed to a period that cannot be compared), so callers that sent more are
//! throttled; or it went up (or was dropped).

use std::cmp::Ordering::{Greater, Less};

use super::Strictness::{self, Looser, Stricter};
use crate::diff::{Emit, Subject};
use crate::model::RateLimit;

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>, way: Strictness) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let request = scope.request();
    let throttled = |n: &RateLimit| {
        format!(
            "the rustdoc of `{request}` states {}; callers that send more are throttled by the service",
            describe(n)
        )
    };
    let (message, effect) = match (&old.rate_limit, &new.rate_limit, way) {
        (None, Some(n), Stricter) => (
            format!("rate limit documented: {}", describe(n)),
            throttled(n),
        ),
        (Some(o), None, Looser) => (
            format!("rate limit ({}) no longer documented", describe(o)),
            format!("the rustdoc of `{request}` no longer states a rate limit"),
        ),
        (Some(o), Some(n), _) => {
            let (a, b) = (describe(o), describe(n));
            match (compare(o, n), way) {
                (Some(Greater), Stricter) => {
                    (format!("rate limit lowered from {a} to {b}"), throttled(n))
                }
                (None, Stricter) => (format!("rate limit changed from {a} to {b}"), throttled(n)),
                (Some(Less), Looser) => (
                    format!("rate limit raised from {a} to {b}"),
                    format!("the rustdoc of `{request}` states {b}"),
                ),
                _ => return,
            }
        }
        _ => return,
    };
    e.push(
        scope.at("rateLimit", Some(&old.loc), Some(&new.loc)),
        message,
        effect,
    );
}

/// `10 requests per second`.
fn describe(r: &RateLimit) -> String {
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
fn compare(a: &RateLimit, b: &RateLimit) -> Option<std::cmp::Ordering> {
    if a.per == b.per {
        return Some(a.requests.cmp(&b.requests));
    }
    let (pa, pb) = (seconds(&a.per)?, seconds(&b.per)?);
    Some((u64::from(a.requests) * pb).cmp(&(u64::from(b.requests) * pa)))
}

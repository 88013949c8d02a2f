//! When and how long to wait before trying a request again.
//!
//! Only failures that are safe to repeat are retried:
//!
//! * throttling error codes ([`is_throttling_code`]: `Throttling*`, `RequestLimitExceeded*`,
//!   `ServiceUnavailable`, …), whatever the HTTP status (Alibaba sends `Throttling.User` with
//!   400, Tencent every error with 200);
//! * HTTP 5xx responses;
//! * connection failures (the request never left);
//! * read timeouts and connections broken mid-request, but only for requests carrying an
//!   idempotency token (SWAS `ClientToken`), which the server uses to recognise a repeat.
//!
//! Delays are exponential with full jitter (`random(0, min(max, initial · 2^(n-1)))`), unless
//! the server says how long to wait: Alibaba's `x-acs-retry-after` header, an integer number of
//! **milliseconds** (the SDK's `Utils.get_throttling_time_left` reads it as an int and
//! darabonba sleeps `retry_after / 1000` seconds; values ≤ 0 or not integers are ignored),
//! capped at [`RetryPolicy::max_backoff`].
//!
//! Waiting goes through a [`Sleeper`], so tests can record the delays instead of sleeping.

use std::time::Duration;

use crate::transport::{BoxFuture, TransportErrorKind};

/// How many attempts and how long between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, the first included (at least 1; 0 is treated as 1). Default 3.
    pub max_attempts: u32,
    /// The backoff cap before the first retry. Default 200 ms.
    pub initial_backoff: Duration,
    /// The largest wait, computed or asked for by the server. Default 20 s.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The default policy with other attempt count and initial backoff.
    pub fn new(max_attempts: u32, initial_backoff: Duration) -> Self {
        RetryPolicy {
            max_attempts,
            initial_backoff,
            ..RetryPolicy::default()
        }
    }

    /// Total attempts allowed (at least 1).
    pub fn attempts(&self) -> u32 {
        self.max_attempts.max(1)
    }

    /// The full-jitter delay before retry number `retry` (1 for the first retry), given a
    /// uniform random number `jitter` in `[0, 1)`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(30);
        let cap = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        cap.mul_f64(jitter)
    }

    /// The delay before retry number `retry`: the server's hint when there is one (capped at
    /// `max_backoff`), else [`Self::backoff`].
    pub fn delay(&self, retry: u32, server_hint: Option<Duration>, jitter: f64) -> Duration {
        match server_hint {
            Some(hint) => hint.min(self.max_backoff),
            None => self.backoff(retry, jitter),
        }
    }
}

/// Whether a service error code means "slow down and try again".
///
/// Matches `Throttling` and every `Throttling.*` / `Throttling*` code (Alibaba), every
/// `RequestLimitExceeded*` code (Tencent), and `ServiceUnavailable`, `ServiceUnavailableTemp`,
/// `SystemBusy` (both vendors' "temporarily unavailable, not processed" codes).
pub fn is_throttling_code(code: &str) -> bool {
    code.starts_with("Throttling")
        || code.starts_with("RequestLimitExceeded")
        || matches!(
            code,
            "ServiceUnavailable" | "ServiceUnavailableTemp" | "SystemBusy" | "TooManyRequests"
        )
}

/// Whether a response with `status` and (if it carried one) service error `code` is retried.
pub fn is_retryable_response(status: u16, code: Option<&str>) -> bool {
    (500..600).contains(&status) || status == 429 || code.is_some_and(is_throttling_code)
}

/// Whether a transport failure is retried; `idempotent` is true when the request carries an
/// idempotency token.
pub fn is_retryable_transport(kind: TransportErrorKind, idempotent: bool) -> bool {
    match kind {
        TransportErrorKind::Connect => true,
        TransportErrorKind::Timeout | TransportErrorKind::Io => idempotent,
        TransportErrorKind::Other => false,
    }
}

/// Parses Alibaba's `x-acs-retry-after` header: a positive integer number of milliseconds.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let ms: i64 = value.trim().parse().ok()?;
    (ms > 0).then(|| Duration::from_millis(ms.unsigned_abs()))
}

/// Waits. The client calls it between attempts; tests inject one that records and returns at
/// once.
pub trait Sleeper: Send + Sync {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Sleeps on the tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A uniform random number in `[0, 1)` from the operating system's generator (0.5 if it fails).
pub fn random_unit() -> f64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    let bits = u64::from_le_bytes(bytes) >> 11;
    // 53 random bits over 2^53.
    bits as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_exponential_full_jitter_and_capped() {
        let p = RetryPolicy::new(5, Duration::from_millis(100));
        assert_eq!(p.backoff(1, 0.0), Duration::ZERO);
        assert_eq!(p.backoff(1, 0.5), Duration::from_millis(50));
        assert_eq!(p.backoff(2, 0.5), Duration::from_millis(100));
        assert_eq!(p.backoff(3, 0.5), Duration::from_millis(200));
        assert!(p.backoff(3, 0.999_999) < Duration::from_millis(400));
        // Capped by max_backoff, even for huge retry numbers.
        assert_eq!(p.backoff(64, 1.0), Duration::from_secs(20));
        assert_eq!(p.backoff(u32::MAX, 0.5), Duration::from_secs(10));
        // Bad jitter never panics.
        assert_eq!(p.backoff(2, f64::NAN), Duration::ZERO);
        assert_eq!(p.backoff(2, -3.0), Duration::ZERO);
    }

    #[test]
    fn server_hint_wins_but_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Some(Duration::from_millis(1500)), 0.0),
            Duration::from_millis(1500)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(600)), 0.0),
            Duration::from_secs(20)
        );
        assert_eq!(p.delay(1, None, 0.5), Duration::from_millis(100));
    }

    #[test]
    fn attempts_are_bounded() {
        assert_eq!(RetryPolicy::default().attempts(), 3);
        assert_eq!(RetryPolicy::none().attempts(), 1);
        assert_eq!(RetryPolicy::new(0, Duration::ZERO).attempts(), 1);
    }

    #[test]
    fn throttling_codes() {
        for code in [
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
            "ThrottlingException",
            "RequestLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
            "ServiceUnavailable",
        ] {
            assert!(is_throttling_code(code), "{code}");
        }
        for code in [
            "InvalidParameter",
            "LimitExceeded",
            "InternalError",
            "QuotaExceed.Image",
            "",
        ] {
            assert!(!is_throttling_code(code), "{code}");
        }
    }

    #[test]
    fn retryable_responses() {
        assert!(is_retryable_response(503, None));
        assert!(is_retryable_response(500, Some("InternalError")));
        assert!(is_retryable_response(502, None));
        assert!(is_retryable_response(429, None));
        assert!(is_retryable_response(400, Some("Throttling.User")));
        assert!(is_retryable_response(200, Some("RequestLimitExceeded")));
        assert!(!is_retryable_response(400, Some("InvalidParameter")));
        assert!(!is_retryable_response(404, None));
        assert!(!is_retryable_response(200, Some("InternalError")));
    }

    #[test]
    fn retryable_transport_failures() {
        assert!(is_retryable_transport(TransportErrorKind::Connect, false));
        assert!(!is_retryable_transport(TransportErrorKind::Timeout, false));
        assert!(is_retryable_transport(TransportErrorKind::Timeout, true));
        assert!(!is_retryable_transport(TransportErrorKind::Io, false));
        assert!(!is_retryable_transport(TransportErrorKind::Other, true));
    }

    #[test]
    fn retry_after_is_positive_milliseconds() {
        assert_eq!(parse_retry_after("1500"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_millis(3)));
        assert_eq!(parse_retry_after("0"), None);
        assert_eq!(parse_retry_after("-5"), None);
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after(""), None);
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn random_unit_is_in_range() {
        for _ in 0..100 {
            let r = random_unit();
            assert!((0.0..1.0).contains(&r), "{r}");
        }
    }

    #[tokio::test]
    async fn tokio_sleeper_sleeps() {
        let start = std::time::Instant::now();
        TokioSleeper.sleep(Duration::from_millis(5)).await;
        assert!(start.elapsed() >= Duration::from_millis(5));
    }
}

//! Time and nonce sources for request signing, plus dependency-free UTC formatting.
//!
//! Signers need "now" (Alibaba `x-acs-date` / `Timestamp`, Tencent `X-TC-Timestamp`) and a fresh
//! nonce (Alibaba `x-acs-signature-nonce` / `SignatureNonce`). Both are injected through the
//! [`Clock`] and [`NonceSource`] traits so that tests can pin them with [`FixedClock`] and
//! [`FixedNonce`]; production code uses [`SystemClock`] and [`RandomNonce`].
//!
//! The formatting functions ([`format_iso8601_utc`], [`format_date_utc`]) convert Unix seconds to
//! the proleptic Gregorian calendar with Howard Hinnant's `civil_from_days` algorithm. They are
//! total: every `i64` input, including negative ones, gives a well-formed result without panicking.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// Seconds in one day.
const SECONDS_PER_DAY: i64 = 86_400;

/// A source of the current time.
///
/// Implementations must be cheap to call and thread-safe; the signers call them once per request.
pub trait Clock: fmt::Debug + Send + Sync {
    /// Returns the current time as whole seconds since the Unix epoch (UTC), rounded towards
    /// negative infinity.
    fn now_unix(&self) -> i64;

    /// Returns the current time as whole milliseconds since the Unix epoch (UTC).
    ///
    /// The default implementation is `now_unix() * 1000` (saturating).
    fn now_unix_millis(&self) -> i64 {
        self.now_unix().saturating_mul(1000)
    }
}

/// The operating system's wall clock ([`SystemTime::now`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

/// Converts a signed offset from the epoch to whole units of `unit_nanos`, rounding towards
/// negative infinity and saturating at the `i64` bounds.
fn floor_units(now: SystemTime, unit_nanos: u128) -> i64 {
    match now.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos() / unit_nanos).unwrap_or(i64::MAX),
        Err(error) => {
            let before = error.duration().as_nanos();
            let whole = before.div_ceil(unit_nanos);
            i64::try_from(whole).map_or(i64::MIN, |units| -units)
        }
    }
}

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 {
        floor_units(SystemTime::now(), 1_000_000_000)
    }

    fn now_unix_millis(&self) -> i64 {
        floor_units(SystemTime::now(), 1_000_000)
    }
}

/// A clock frozen at a given number of seconds since the Unix epoch; for tests and for
/// reproducing recorded requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixedClock(pub i64);

impl Clock for FixedClock {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

/// A source of signature nonces (Alibaba `x-acs-signature-nonce` / `SignatureNonce`).
pub trait NonceSource: fmt::Debug + Send + Sync {
    /// Returns a nonce that has not been returned before (for practical purposes).
    fn nonce(&self) -> String;
}

/// Random nonces of 32 lower-case hexadecimal characters (128 bits), the shape the Alibaba SDK
/// sends.
///
/// The bytes come from the operating system's random number generator. Should that ever fail,
/// the nonce is derived instead from the current time, the process id, the thread id and a
/// process-wide counter (hashed with SHA-256), which keeps nonces unique without panicking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RandomNonce;

/// Counter mixed into fallback nonces so that two calls in the same nanosecond still differ.
static FALLBACK_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Derives 16 nonce bytes without the OS random number generator.
fn fallback_nonce_bytes() -> [u8; 16] {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    let mut hasher = Sha256::new();
    hasher.update(since_epoch.as_nanos().to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(
        FALLBACK_COUNTER
            .fetch_add(1, Ordering::Relaxed)
            .to_le_bytes(),
    );
    hasher.update(format!("{:?}", std::thread::current().id()).as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    for (dst, src) in bytes.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    bytes
}

impl NonceSource for RandomNonce {
    fn nonce(&self) -> String {
        crate::sign::hex_lower(&random_16())
    }
}

/// Bytes of one refill of a thread's random pool: 32 draws per system call.
const POOL_BYTES: usize = 512;

/// A thread's buffer of OS randomness, and the process it was filled in.
struct RandomPool {
    bytes: [u8; POOL_BYTES],
    next: usize,
    pid: u32,
}

std::thread_local! {
    static POOL: std::cell::RefCell<RandomPool> = const {
        std::cell::RefCell::new(RandomPool { bytes: [0; POOL_BYTES], next: POOL_BYTES, pid: 0 })
    };
}

/// 16 random bytes (nonces, idempotency tokens, trace ids).
///
/// One `getrandom` call per draw cost a system call on every request; the bytes now come from a
/// per-thread pool the OS fills 512 bytes at a time. Handed-out bytes are zeroed in the pool.
/// A forked child never reuses its parent's pool: the pool records the process id it was
/// filled in and is refilled when that is not the current one (a child's id always differs
/// from its parent's, which is alive when it forks). Should the OS generator fail, the bytes
/// are derived as [`RandomNonce`] documents.
pub(crate) fn random_16() -> [u8; 16] {
    let pid = std::process::id();
    POOL.with(|pool| {
        let Ok(mut pool) = pool.try_borrow_mut() else {
            return fallback_nonce_bytes();
        };
        if pool.next + 16 > POOL_BYTES || pool.pid != pid {
            if getrandom::fill(&mut pool.bytes).is_err() {
                return fallback_nonce_bytes();
            }
            pool.next = 0;
            pool.pid = pid;
        }
        let start = pool.next;
        let mut out = [0u8; 16];
        out.copy_from_slice(&pool.bytes[start..start + 16]);
        pool.bytes[start..start + 16].fill(0);
        pool.next += 16;
        out
    })
}

/// A nonce source that always returns the same string; for tests and for reproducing recorded
/// requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixedNonce(pub String);

impl NonceSource for FixedNonce {
    fn nonce(&self) -> String {
        self.0.clone()
    }
}

/// A calendar date and time of day in UTC (proleptic Gregorian calendar, astronomical year
/// numbering: the year before 1 is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDateTime {
    /// Year, e.g. `2019`; may be zero or negative for dates before 1 CE.
    pub year: i64,
    /// Month of the year, `1..=12`.
    pub month: u8,
    /// Day of the month, `1..=31`.
    pub day: u8,
    /// Hour of the day, `0..=23`.
    pub hour: u8,
    /// Minute of the hour, `0..=59`.
    pub minute: u8,
    /// Second of the minute, `0..=59` (Unix time has no leap seconds).
    pub second: u8,
}

/// Narrows a value already known to lie in `0..=255` to `u8` (saturating, never panicking).
fn small(value: i64) -> u8 {
    u8::try_from(value).unwrap_or(u8::MAX)
}

/// Converts days since 1970-01-01 to `(year, month, day)`; Howard Hinnant's `civil_from_days`.
///
/// Valid for every `days` whose magnitude is at most `i64::MAX / 86_400` (all values produced by
/// [`UtcDateTime::from_unix`]); the intermediate values stay far from overflow.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // year of era, [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1st, [0, 365]
    let mp = (5 * doy + 2) / 153; // month from March, [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl UtcDateTime {
    /// Converts seconds since the Unix epoch to a UTC calendar date and time.
    ///
    /// Every `i64` is accepted; negative values are dates before 1970.
    #[must_use]
    pub fn from_unix(unix_secs: i64) -> Self {
        let days = unix_secs.div_euclid(SECONDS_PER_DAY);
        let second_of_day = unix_secs.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month: small(month),
            day: small(day),
            hour: small(second_of_day / 3_600),
            minute: small(second_of_day % 3_600 / 60),
            second: small(second_of_day % 60),
        }
    }

    /// Formats the date as `YYYY-MM-DD`.
    ///
    /// Years `0..=9999` use four digits; other years use the ISO 8601 expanded form with an
    /// explicit sign and at least four digits (`-0001`, `+10000`).
    #[must_use]
    pub fn date_string(&self) -> String {
        format!(
            "{}-{:02}-{:02}",
            format_year(self.year),
            self.month,
            self.day
        )
    }

    /// Formats the date and time as `YYYY-MM-DDTHH:MM:SSZ` (Python
    /// `strftime('%Y-%m-%dT%H:%M:%SZ')`), with years formatted as in [`Self::date_string`].
    #[must_use]
    pub fn iso8601_string(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date_string(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

/// Formats a year with four digits, or in ISO 8601 expanded form outside `0..=9999`.
fn format_year(year: i64) -> String {
    if (0..=9_999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// Formats Unix seconds as a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`, the format of Alibaba's
/// `x-acs-date` header and RPC `Timestamp` parameter.
///
/// ```
/// use cloudspec_runtime::clock::format_iso8601_utc;
/// assert_eq!(format_iso8601_utc(1_551_113_065), "2019-02-25T16:44:25Z");
/// ```
#[must_use]
pub fn format_iso8601_utc(unix_secs: i64) -> String {
    UtcDateTime::from_unix(unix_secs).iso8601_string()
}

/// Formats the UTC date of Unix seconds as `YYYY-MM-DD`, the date in Tencent's TC3 credential
/// scope.
///
/// ```
/// use cloudspec_runtime::clock::format_date_utc;
/// assert_eq!(format_date_utc(1_551_113_065), "2019-02-25");
/// ```
#[must_use]
pub fn format_date_utc(unix_secs: i64) -> String {
    UtcDateTime::from_unix(unix_secs).date_string()
}

/// Formats Unix seconds as an HTTP date (RFC 1123, always `GMT`), the `date` header of
/// Alibaba's legacy ROA signature (Python's `formatdate(usegmt=True)`).
///
/// ```
/// use cloudspec_runtime::clock::format_http_date;
/// assert_eq!(format_http_date(1_698_315_752), "Thu, 26 Oct 2023 10:22:32 GMT");
/// ```
#[must_use]
pub fn format_http_date(unix_secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = UtcDateTime::from_unix(unix_secs);
    // 1970-01-01 was a Thursday.
    let weekday =
        DAYS[usize::try_from(unix_secs.div_euclid(SECONDS_PER_DAY).rem_euclid(7)).unwrap_or(0)];
    let month = MONTHS[usize::from(t.month).saturating_sub(1).min(11)];
    format!(
        "{weekday}, {:02} {month} {} {:02}:{:02}:{:02} GMT",
        t.day,
        format_year(t.year),
        t.hour,
        t.minute,
        t.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_timestamps() {
        assert_eq!(format_iso8601_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_date_utc(0), "1970-01-01");
        // The TC3 vector's X-TC-Timestamp.
        assert_eq!(format_date_utc(1_551_113_065), "2019-02-25");
        assert_eq!(format_iso8601_utc(1_551_113_065), "2019-02-25T16:44:25Z");
        // The ACS3 vector's x-acs-date and the RPC vectors' Timestamp.
        assert_eq!(format_iso8601_utc(1_698_315_752), "2023-10-26T10:22:32Z");
        assert_eq!(format_iso8601_utc(1_678_696_470), "2023-03-13T08:34:30Z");
        assert_eq!(format_iso8601_utc(1_456_231_584), "2016-02-23T12:46:24Z");
        assert_eq!(format_iso8601_utc(1_000_000_000), "2001-09-09T01:46:40Z");
        assert_eq!(format_iso8601_utc(1_234_567_890), "2009-02-13T23:31:30Z");
        assert_eq!(format_iso8601_utc(2_147_483_647), "2038-01-19T03:14:07Z");
        assert_eq!(format_iso8601_utc(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(format_iso8601_utc(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(
            format_iso8601_utc(253_402_300_800),
            "+10000-01-01T00:00:00Z"
        );
    }

    #[test]
    fn handles_leap_days() {
        assert_eq!(format_iso8601_utc(951_782_400), "2000-02-29T00:00:00Z"); // 400-year leap
        assert_eq!(format_iso8601_utc(951_868_799), "2000-02-29T23:59:59Z");
        assert_eq!(format_iso8601_utc(951_868_800), "2000-03-01T00:00:00Z");
        assert_eq!(format_iso8601_utc(1_582_934_400), "2020-02-29T00:00:00Z");
        assert_eq!(format_iso8601_utc(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(format_iso8601_utc(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(format_iso8601_utc(1_709_251_200), "2024-03-01T00:00:00Z");
        // 2100 is not a leap year: Feb 28 is followed by Mar 1.
        assert_eq!(format_date_utc(4_107_456_000), "2100-02-28");
        assert_eq!(format_date_utc(4_107_542_400), "2100-03-01");
        // 2023 is not a leap year either.
        assert_eq!(format_date_utc(1_677_542_400), "2023-02-28");
        assert_eq!(format_date_utc(1_677_628_800), "2023-03-01");
    }

    #[test]
    fn handles_year_boundaries() {
        assert_eq!(format_iso8601_utc(1_704_067_199), "2023-12-31T23:59:59Z");
        assert_eq!(format_iso8601_utc(1_704_067_200), "2024-01-01T00:00:00Z");
        assert_eq!(format_iso8601_utc(946_684_799), "1999-12-31T23:59:59Z");
        assert_eq!(format_iso8601_utc(946_684_800), "2000-01-01T00:00:00Z");
        assert_eq!(format_date_utc(1_735_689_599), "2024-12-31");
        assert_eq!(format_date_utc(1_735_689_600), "2025-01-01");
    }

    #[test]
    fn handles_negative_timestamps() {
        assert_eq!(format_iso8601_utc(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_iso8601_utc(-86_400), "1969-12-31T00:00:00Z");
        assert_eq!(format_iso8601_utc(-86_401), "1969-12-30T23:59:59Z");
        assert_eq!(format_iso8601_utc(-2_208_988_800), "1900-01-01T00:00:00Z");
        assert_eq!(format_date_utc(-2_203_977_600), "1900-02-28"); // 1900: no Feb 29
        assert_eq!(format_date_utc(-2_203_891_200), "1900-03-01");
        assert_eq!(format_iso8601_utc(-62_135_596_800), "0001-01-01T00:00:00Z");
        assert_eq!(format_iso8601_utc(-62_135_596_801), "0000-12-31T23:59:59Z");
        assert_eq!(format_iso8601_utc(-62_167_219_200), "0000-01-01T00:00:00Z");
        assert_eq!(format_iso8601_utc(-62_167_219_201), "-0001-12-31T23:59:59Z");
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        for secs in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1] {
            let text = format_iso8601_utc(secs);
            assert!(text.ends_with('Z'), "{text}");
            let date = format_date_utc(secs);
            assert!(text.starts_with(&date), "{text} / {date}");
        }
        let max = UtcDateTime::from_unix(i64::MAX);
        assert_eq!((max.hour, max.minute, max.second), (15, 30, 7));
        assert_eq!(
            format_iso8601_utc(i64::MAX),
            "+292277026596-12-04T15:30:07Z"
        );
        assert_eq!(
            format_iso8601_utc(i64::MIN),
            "-292277022657-01-27T08:29:52Z"
        );
    }

    #[test]
    fn civil_from_days_round_trips_day_by_day() {
        // Walk 1600-03-01 .. 2400-03-01 and check each day follows the previous one.
        let start = -135_080; // 1600-03-01
        let (mut year, mut month, mut day) = civil_from_days(start);
        assert_eq!((year, month, day), (1600, 3, 1));
        for days in (start + 1)..(start + 292_194) {
            let next = civil_from_days(days);
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let month_len = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let expected = if day < month_len {
                (year, month, day + 1)
            } else if month < 12 {
                (year, month + 1, 1)
            } else {
                (year + 1, 1, 1)
            };
            assert_eq!(next, expected, "days = {days}");
            (year, month, day) = next;
        }
        assert_eq!((year, month, day), (2400, 2, 29));
    }

    #[test]
    fn utc_date_time_fields() {
        let value = UtcDateTime::from_unix(1_551_113_065);
        assert_eq!(
            value,
            UtcDateTime {
                year: 2019,
                month: 2,
                day: 25,
                hour: 16,
                minute: 44,
                second: 25,
            }
        );
    }

    #[test]
    fn fixed_clock_and_nonce() {
        let clock = FixedClock(1_551_113_065);
        assert_eq!(clock.now_unix(), 1_551_113_065);
        assert_eq!(clock.now_unix_millis(), 1_551_113_065_000);
        assert_eq!(FixedClock(i64::MAX).now_unix_millis(), i64::MAX);
        let nonce = FixedNonce("3156853299f313e23d1673dc12e1703d".to_owned());
        assert_eq!(nonce.nonce(), "3156853299f313e23d1673dc12e1703d");
        assert_eq!(nonce.nonce(), "3156853299f313e23d1673dc12e1703d");
    }

    #[test]
    fn system_clock_is_plausible() {
        let clock = SystemClock;
        let secs = clock.now_unix();
        let millis = clock.now_unix_millis();
        assert!(secs > 1_700_000_000, "{secs}");
        assert!(
            millis / 1000 >= secs && millis / 1000 - secs < 60,
            "{secs} {millis}"
        );
        let dyn_clock: &dyn Clock = &clock;
        assert!(dyn_clock.now_unix() >= secs);
    }

    #[test]
    fn floor_units_rounds_towards_negative_infinity() {
        let before = UNIX_EPOCH - Duration::from_millis(1_500);
        assert_eq!(floor_units(before, 1_000_000_000), -2);
        assert_eq!(floor_units(before, 1_000_000), -1_500);
        let exactly = UNIX_EPOCH - Duration::from_secs(3);
        assert_eq!(floor_units(exactly, 1_000_000_000), -3);
        let after = UNIX_EPOCH + Duration::from_millis(1_500);
        assert_eq!(floor_units(after, 1_000_000_000), 1);
    }

    fn is_nonce_shaped(nonce: &str) -> bool {
        nonce.len() == 32
            && nonce
                .bytes()
                .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    }

    #[test]
    fn random_nonces_are_32_lower_hex_and_distinct() {
        let source = RandomNonce;
        let nonces: Vec<String> = (0..64).map(|_| source.nonce()).collect();
        for nonce in &nonces {
            assert!(is_nonce_shaped(nonce), "{nonce}");
        }
        let mut unique = nonces.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), nonces.len());
    }

    #[test]
    fn pooled_draws_are_distinct_across_refills() {
        let draws: std::collections::HashSet<[u8; 16]> =
            (0..3 * POOL_BYTES / 16).map(|_| random_16()).collect();
        assert_eq!(draws.len(), 3 * POOL_BYTES / 16);
        let nonces: std::collections::HashSet<String> =
            (0..100).map(|_| RandomNonce.nonce()).collect();
        assert_eq!(nonces.len(), 100);
        assert!(nonces.iter().all(|n| n.len() == 32));
    }

    #[test]
    fn a_pool_filled_in_another_process_is_refilled() {
        random_16();
        // What a forked child sees: a pool recorded under its parent's process id.
        POOL.with(|p| {
            let mut p = p.borrow_mut();
            p.pid = std::process::id().wrapping_add(1);
            p.next = 16;
        });
        random_16();
        POOL.with(|p| {
            let p = p.borrow();
            assert_eq!(p.pid, std::process::id());
            assert_eq!(p.next, 16, "refilled, then one draw");
            assert!(
                p.bytes[..16].iter().all(|&b| b == 0),
                "handed-out bytes are zeroed"
            );
        });
    }

    #[test]
    fn fallback_nonces_are_distinct() {
        let first = hex::encode(fallback_nonce_bytes());
        let second = hex::encode(fallback_nonce_bytes());
        assert!(is_nonce_shaped(&first), "{first}");
        assert_ne!(first, second);
    }
}

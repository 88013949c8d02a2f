//! Temporary credentials kept until shortly before they expire.
//!
//! [`CachedCredentials`] asks its source once, then hands out the same credentials until the
//! refresh window before their [`Credentials::expiry`] begins. Inside the window one caller
//! refreshes while the others keep using the still-valid credentials; once they have expired
//! (or before the first success) callers wait for that one refresh instead of each calling
//! the source ("single flight"). A failed refresh inside the window keeps the valid
//! credentials and is tried again at most every [`RETRY_AFTER_FAILURE`]. Errors are not
//! cached: the callers that waited on a failed fetch get its error, and the next call asks
//! again.
//!
//! The window is the vendors' figure: [`ALIBABA_REFRESH_WINDOW`] (180 s, the window of the
//! `alibabacloud_credentials` session credentials; its newer `RefreshCachedSupplier` goes
//! stale 15 minutes before) and [`TENCENT_REFRESH_WINDOW`] (300 s, the Tencent SDK's
//! `CVMRoleCredential._expired_timeout`: a signature more than 300 s old is refused).
//! Credentials that come back already inside the window are used for half their remaining
//! life before the next refresh, so a source handing out short-lived credentials is not asked
//! at every call. Credentials without an expiry are kept for good.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::http::system_time_to_unix;
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::clock::{Clock, SystemClock};
use crate::schema::Provider;
use crate::transport::BoxFuture;

/// Alibaba Cloud's refresh window: 180 s before expiry.
pub const ALIBABA_REFRESH_WINDOW: Duration = Duration::from_secs(180);
/// Tencent Cloud's refresh window: 300 s before expiry.
pub const TENCENT_REFRESH_WINDOW: Duration = Duration::from_secs(300);
/// How long a failed refresh is not retried while the cached credentials are still valid.
pub const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// A cache in front of a credentials source.
///
/// [`CachedCredentials`] asks its source once, then hands out the same credentials until the
/// refresh window before their [`Credentials::expiry`] begins. Inside the window one caller
/// refreshes while the others keep using the still-valid credentials; once they have expired
/// (or before the first success) callers wait for that one refresh instead of each calling
/// the source ("single flight"). A failed refresh inside the window keeps the valid
/// credentials and is tried again at most every [`RETRY_AFTER_FAILURE`]. Errors are not
/// cached: the callers that waited on a failed fetch get its error, and the next call asks
/// again.
///
/// The window is the vendors' figure: [`ALIBABA_REFRESH_WINDOW`] (180 s, the window of the
/// `alibabacloud_credentials` session credentials; its newer `RefreshCachedSupplier` goes
/// stale 15 minutes before) and [`TENCENT_REFRESH_WINDOW`] (300 s, the Tencent SDK's
/// `CVMRoleCredential._expired_timeout`: a signature more than 300 s old is refused).
/// Credentials that come back already inside the window are used for half their remaining
/// life before the next refresh, so a source handing out short-lived credentials is not asked
/// at every call. Credentials without an expiry are kept for good.
pub struct CachedCredentials<P> {
    source: P,
    clock: Arc<dyn Clock>,
    refresh_window: Duration,
    slots: [Slot; 2],
}

/// What is cached for one vendor.
#[derive(Default)]
struct Slot {
    state: Mutex<Entry>,
    /// Held by the one caller that refreshes.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Entry {
    credentials: Option<Credentials>,
    /// When to refresh (Unix seconds); `None` for credentials that do not expire.
    refresh_at: Option<i64>,
    /// When they expire (Unix seconds).
    expires_at: Option<i64>,
    /// How many times the source has been asked.
    attempts: u64,
    /// Why the last attempt failed, if it did.
    last_error: Option<CredentialsError>,
}

/// What the cache holds for a caller at a given time.
enum Held {
    /// Valid and outside the refresh window.
    Fresh(Credentials),
    /// Valid, inside the refresh window.
    Refreshable(Credentials),
    /// Nothing valid.
    Empty,
}

impl Entry {
    fn held(&self, now: i64) -> Held {
        let Some(credentials) = &self.credentials else {
            return Held::Empty;
        };
        if self.expires_at.is_some_and(|e| now >= e) {
            return Held::Empty;
        }
        match self.refresh_at {
            Some(at) if now >= at => Held::Refreshable(credentials.clone()),
            _ => Held::Fresh(credentials.clone()),
        }
    }
}

fn lock(state: &Mutex<Entry>) -> MutexGuard<'_, Entry> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<P: fmt::Debug> fmt::Debug for CachedCredentials<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expiries: Vec<Option<i64>> = self
            .slots
            .iter()
            .map(|s| lock(&s.state).expires_at)
            .collect();
        f.debug_struct("CachedCredentials")
            .field("source", &self.source)
            .field("refresh_window", &self.refresh_window)
            .field("clock", &self.clock)
            .field("cached_until", &expiries)
            .finish()
    }
}

impl<P: ProvideCredentials> CachedCredentials<P> {
    /// Caches what `source` gives, refreshing [`ALIBABA_REFRESH_WINDOW`] (180 s) before
    /// expiry, by the system clock.
    pub fn new(source: P) -> Self {
        CachedCredentials {
            source,
            clock: Arc::new(SystemClock),
            refresh_window: ALIBABA_REFRESH_WINDOW,
            slots: Default::default(),
        }
    }

    /// Refreshes this long before the credentials expire.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    /// Reads the time from `clock` (a test clock, so tests need not wait).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub(crate) fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    pub(crate) fn set_refresh_window(&mut self, window: Duration) {
        self.refresh_window = window;
    }

    /// The source.
    pub fn source(&self) -> &P {
        &self.source
    }

    pub(crate) fn source_mut(&mut self) -> &mut P {
        &mut self.source
    }

    /// Forgets what is cached, so the next call asks the source.
    pub fn invalidate(&self) {
        for slot in &self.slots {
            *lock(&slot.state) = Entry::default();
        }
    }

    async fn get(&self, provider: Provider) -> Result<Credentials, CredentialsError> {
        let slot = &self.slots[match provider {
            Provider::Alibaba => 0,
            Provider::Tencent => 1,
        }];
        let held = lock(&slot.state).held(self.clock.now_unix());
        match held {
            Held::Fresh(credentials) => Ok(credentials),
            Held::Refreshable(credentials) => {
                // Someone else is refreshing: the cached ones are still valid meanwhile.
                let Ok(_refreshing) = slot.refresh.try_lock() else {
                    return Ok(credentials);
                };
                if let Held::Fresh(c) = lock(&slot.state).held(self.clock.now_unix()) {
                    return Ok(c);
                }
                match self.refresh(slot, provider).await {
                    Ok(c) => Ok(c),
                    Err(error) => {
                        tracing::warn!(
                            error = %error,
                            "refreshing credentials failed; the cached ones are still valid"
                        );
                        let retry = self
                            .clock
                            .now_unix()
                            .saturating_add(seconds(RETRY_AFTER_FAILURE));
                        let mut entry = lock(&slot.state);
                        entry.refresh_at = Some(entry.refresh_at.map_or(retry, |at| at.max(retry)));
                        Ok(credentials)
                    }
                }
            }
            Held::Empty => {
                let attempts = lock(&slot.state).attempts;
                let _refreshing = slot.refresh.lock().await;
                {
                    // The caller that held the lock may have refreshed meanwhile; if it failed,
                    // its error is this caller's too (each waiter asking in turn would make the
                    // last wait for all of them).
                    let entry = lock(&slot.state);
                    match entry.held(self.clock.now_unix()) {
                        Held::Fresh(c) | Held::Refreshable(c) => return Ok(c),
                        Held::Empty => {}
                    }
                    if entry.attempts != attempts
                        && let Some(error) = &entry.last_error
                    {
                        return Err(error.clone());
                    }
                }
                self.refresh(slot, provider).await
            }
        }
    }

    /// Asks the source and caches the answer.
    async fn refresh(
        &self,
        slot: &Slot,
        provider: Provider,
    ) -> Result<Credentials, CredentialsError> {
        let credentials = match self.source.provide_credentials(provider).await {
            Ok(c) => c,
            Err(error) => {
                let mut entry = lock(&slot.state);
                entry.attempts += 1;
                entry.last_error = Some(error.clone());
                return Err(error);
            }
        };
        let now = self.clock.now_unix();
        let expires_at = credentials.expiry().map(system_time_to_unix);
        let refresh_at = expires_at.map(|expires| {
            let at = expires.saturating_sub(seconds(self.refresh_window));
            if at > now {
                at
            } else {
                // Already inside the window: use them for half of what is left.
                now.saturating_add(expires.saturating_sub(now).max(0) / 2)
            }
        });
        let mut entry = lock(&slot.state);
        *entry = Entry {
            credentials: Some(credentials.clone()),
            refresh_at,
            expires_at,
            attempts: entry.attempts + 1,
            last_error: None,
        };
        drop(entry);
        Ok(credentials)
    }
}

fn seconds(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

impl<P: ProvideCredentials> ProvideCredentials for CachedCredentials<P> {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(self.get(provider))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::credentials::http::unix_to_system_time;
    use crate::testing::{TestClock, now};

    const T0: i64 = 1_796_040_000;

    /// Counts its calls; the n-th call (from 1) gives key `key-n` expiring `life` seconds after
    /// the clock's time, or fails when `fail(n)`; each call yields `yields` times first.
    #[derive(Debug)]
    struct Counting {
        calls: AtomicUsize,
        clock: TestClock,
        life: Option<i64>,
        fail: fn(usize) -> bool,
        yields: usize,
    }

    impl Counting {
        fn new(clock: &TestClock, life: Option<i64>) -> Self {
            Counting {
                calls: AtomicUsize::new(0),
                clock: clock.clone(),
                life,
                fail: |_| false,
                yields: 0,
            }
        }
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials<'a>(
            &'a self,
            provider: Provider,
        ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
            Box::pin(async move {
                for _ in 0..self.yields {
                    tokio::task::yield_now().await;
                }
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                if (self.fail)(n) {
                    return Err(CredentialsError::new(provider, format!("call {n} failed")));
                }
                let c = Credentials::new(format!("key-{n}"), "SECRET").with_security_token("TOKEN");
                Ok(match self.life {
                    Some(life) => {
                        c.with_expiry(unix_to_system_time(self.clock.now_unix() + life).unwrap())
                    }
                    None => c,
                })
            })
        }
    }

    fn id(c: Result<Credentials, CredentialsError>) -> String {
        c.unwrap().access_key_id().to_string()
    }

    #[tokio::test]
    async fn cached_until_the_refresh_window_then_refreshed() {
        let clock = TestClock::at(T0);
        let cache = CachedCredentials::new(Counting::new(&clock, Some(1000)))
            .refresh_window(Duration::from_secs(180))
            .clock(clock.clone());
        let get = || cache.provide_credentials(Provider::Alibaba);
        assert_eq!(id(get().await), "key-1");
        clock.set(T0 + 819);
        assert_eq!(id(get().await), "key-1", "outside the window: cached");
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 1);
        clock.set(T0 + 820);
        assert_eq!(id(get().await), "key-2", "180 s before expiry: refreshed");
        clock.set(T0 + 1000);
        assert_eq!(id(get().await), "key-2", "the new ones last from T0 + 820");
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 2);
        // Each vendor has its own entry.
        assert_eq!(
            id(cache.provide_credentials(Provider::Tencent).await),
            "key-3"
        );
        cache.invalidate();
        assert_eq!(id(get().await), "key-4");
    }

    #[tokio::test]
    async fn expired_credentials_are_never_handed_out() {
        let clock = TestClock::at(T0);
        let mut source = Counting::new(&clock, Some(1000));
        source.fail = |n| n > 1;
        let cache = CachedCredentials::new(source)
            .refresh_window(Duration::from_secs(180))
            .clock(clock.clone());
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-1"
        );
        clock.set(T0 + 1000);
        let e = cache
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert_eq!(e.tried, vec!["call 2 failed".to_string()]);
        // Errors are not cached: the next call asks again.
        assert!(cache.provide_credentials(Provider::Alibaba).await.is_err());
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_valid_credentials_and_waits_before_trying_again() {
        let clock = TestClock::at(T0);
        let mut source = Counting::new(&clock, Some(1000));
        source.fail = |n| n == 2 || n == 3;
        let cache = CachedCredentials::new(source)
            .refresh_window(Duration::from_secs(180))
            .clock(clock.clone());
        let get = || cache.provide_credentials(Provider::Tencent);
        let calls = || cache.source().calls.load(Ordering::SeqCst);
        assert_eq!(id(get().await), "key-1");
        clock.set(T0 + 900);
        assert_eq!(id(get().await), "key-1", "refresh failed, still valid");
        assert_eq!(calls(), 2);
        clock.set(T0 + 905);
        assert_eq!(id(get().await), "key-1", "no new attempt within 10 s");
        assert_eq!(calls(), 2);
        clock.set(T0 + 910);
        assert_eq!(id(get().await), "key-1", "tried again, failed again");
        assert_eq!(calls(), 3);
        clock.set(T0 + 920);
        assert_eq!(id(get().await), "key-4");
    }

    #[tokio::test]
    async fn short_lived_and_lasting_credentials() {
        // Credentials that come back inside the window are used for half their life.
        let clock = TestClock::at(T0);
        let cache = CachedCredentials::new(Counting::new(&clock, Some(100)))
            .refresh_window(Duration::from_secs(180))
            .clock(clock.clone());
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-1"
        );
        clock.set(T0 + 49);
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-1"
        );
        clock.set(T0 + 50);
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-2"
        );
        // Credentials without an expiry are kept.
        let cache = CachedCredentials::new(Counting::new(&clock, None)).clock(clock.clone());
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-1"
        );
        clock.set(i64::MAX);
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-1"
        );
    }

    #[tokio::test]
    async fn one_fetch_when_many_calls_race_for_empty_or_expired_credentials() {
        let clock = TestClock::at(T0);
        let mut source = Counting::new(&clock, Some(1000));
        source.yields = 5;
        let cache = CachedCredentials::new(source).clock(clock.clone());
        let calls = (0..32).map(|_| cache.provide_credentials(Provider::Alibaba));
        let all = futures_util::future::join_all(calls).await;
        assert!(all.into_iter().all(|c| id(c) == "key-1"));
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 1);
        // Expired: again one refresh for all.
        clock.set(T0 + 2000);
        let calls = (0..32).map(|_| cache.provide_credentials(Provider::Alibaba));
        let all = futures_util::future::join_all(calls).await;
        assert!(all.into_iter().all(|c| id(c) == "key-2"));
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 2);
        // Inside the window: one caller refreshes, the others keep the valid ones meanwhile.
        clock.set(T0 + 2000 + 900);
        let calls = (0..32).map(|_| cache.provide_credentials(Provider::Alibaba));
        let all: Vec<String> = futures_util::future::join_all(calls)
            .await
            .into_iter()
            .map(id)
            .collect();
        assert_eq!(all.iter().filter(|k| *k == "key-3").count(), 1, "{all:?}");
        assert_eq!(all.iter().filter(|k| *k == "key-2").count(), 31, "{all:?}");
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn callers_that_waited_on_a_failed_fetch_share_its_error() {
        let clock = TestClock::at(T0);
        let mut source = Counting::new(&clock, Some(1000));
        source.yields = 5;
        source.fail = |n| n == 1;
        let cache = CachedCredentials::new(source).clock(clock.clone());
        let calls = (0..16).map(|_| cache.provide_credentials(Provider::Alibaba));
        let all = futures_util::future::join_all(calls).await;
        assert!(
            all.iter()
                .all(|c| c.as_ref().is_err_and(|e| e.tried == ["call 1 failed"]))
        );
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 1);
        // A later call asks again.
        assert_eq!(
            id(cache.provide_credentials(Provider::Alibaba).await),
            "key-2"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_fetch_across_threads() {
        let clock = TestClock::at(T0);
        let mut source = Counting::new(&clock, Some(3600));
        source.yields = 20;
        let cache = Arc::new(CachedCredentials::new(source).clock(clock.clone()));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.provide_credentials(Provider::Tencent).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(id(task.await.unwrap()), "key-1");
        }
        assert_eq!(cache.source().calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn debug_shows_no_secret() {
        let clock = TestClock::at(T0);
        let cache = CachedCredentials::new(Counting::new(&clock, Some(1000))).clock(clock.clone());
        now(cache.provide_credentials(Provider::Alibaba)).unwrap();
        let text = format!("{cache:?} {cache:#?}");
        assert!(
            !text.contains("SECRET") && !text.contains("TOKEN"),
            "{text}"
        );
        assert!(text.contains(&format!("Some({})", T0 + 1000)), "{text}");
    }
}

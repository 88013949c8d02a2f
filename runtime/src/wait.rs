//! Waiters: poll an operation until a value in its response says a resource is ready.
//!
//! A spec declares an operation's waiters (`waiters:` in the spec format): a path into the
//! response (wire names through objects and arrays, `ImageSet.ImageState`), the values that mean
//! success, failure or keep waiting, the delay between polls and a time limit. The generated
//! client gets a `wait_until_…` method per waiter returning a [`Waiter`]; awaiting it polls.
//!
//! Each poll is one call of the operation (with the client's own retries). Then:
//! - any value at the path is a failure value: [`WaitError::Failure`];
//! - there are values and every one is a success value, or there is none and the waiter
//!   waits for the resource to go away ([`WaiterSpec::success_when_absent`]): the response is
//!   returned;
//! - otherwise (no value yet, a value that means keep waiting, or one the spec does not list)
//!   the waiter sleeps and polls again.
//!
//! The delay before poll `n + 1` is drawn between the minimum delay and
//! `min(max_delay, delay × 2ⁿ⁻¹)` (exponential backoff with jitter). The time limit counts the
//! waiter's sleeps and the time its polls took; the last sleep is cut to end at the limit, where
//! one more poll decides, and then [`WaitError::Timeout`]. A poll that fails (a service error,
//! a transport failure after the client's retries) ends the wait with [`WaitError::Call`].
//!
//! ```no_run
//! # use std::time::Duration;
//! # use cloudspec_runtime::wait::{Waiter, WaiterSpec};
//! # async fn example<O>(client: cloudspec_runtime::Client, request: O, spec: &'static WaiterSpec)
//! # -> Result<(), Box<dyn std::error::Error>>
//! # where O: cloudspec_runtime::response::Operation + Clone + Send + 'static,
//! #       O::Response: Send, O::ErrorKind: Send + Sync + 'static {
//! let response = Waiter::new(client, request, spec)
//!     .timeout(Duration::from_secs(300))
//!     .await?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::client::{Client, Error};
use crate::error::ErrorKind;
use crate::response::Operation;
use crate::retry::random_unit;

/// A waiter's static description, emitted by the generator.
#[derive(Debug)]
pub struct WaiterSpec {
    /// The waiter's name (`ImageAvailable`).
    pub name: &'static str,
    /// Wire names from the response object to the values, through objects and arrays.
    pub path: &'static [&'static str],
    /// Values that mean done, when every value at the path is one.
    pub success: &'static [&'static str],
    /// Done when the response has no value at the path: the resource is gone (a deletion
    /// waiter polls a describe call until it lists none).
    pub success_when_absent: bool,
    /// Values that mean the resource will not get there, when any value at the path is one.
    pub failure: &'static [&'static str],
    /// Values documented to mean "not yet".
    pub pending: &'static [&'static str],
    /// The minimum delay between polls, in seconds.
    pub delay: u64,
    /// The maximum delay between polls, in seconds.
    pub max_delay: u64,
    /// The default time limit, in seconds.
    pub timeout: u64,
}

/// What one poll's response says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Every value is a success value.
    Success,
    /// This value is a failure value.
    Failure(String),
    /// Keep polling; the values found (empty: none yet).
    Pending(Vec<String>),
}

impl WaiterSpec {
    /// The values at [`WaiterSpec::path`] in `response` (the success object, after any
    /// envelope), scalars as their wire text.
    pub fn values(&self, response: &Value) -> Vec<String> {
        let mut out = Vec::new();
        collect(response, self.path, &mut out);
        out
    }

    /// What `response` says.
    pub fn state(&self, response: &Value) -> State {
        let values = self.values(response);
        if let Some(v) = values.iter().find(|v| self.failure.contains(&v.as_str())) {
            return State::Failure(v.clone());
        }
        if values.is_empty() {
            if self.success_when_absent {
                return State::Success;
            }
        } else if values.iter().all(|v| self.success.contains(&v.as_str())) {
            return State::Success;
        }
        State::Pending(values)
    }

    /// The delay before the poll after poll `poll` (1-based), for a uniform `jitter` in
    /// `[0, 1)`: between the minimum delay and `min(max_delay, delay × 2^(poll − 1))`.
    pub fn delay_after(&self, poll: u32, jitter: f64) -> Duration {
        let min = self.delay;
        let max = self.max_delay.max(min);
        let ceiling = min
            .saturating_mul(1u64 << poll.saturating_sub(1).min(32))
            .min(max);
        let secs = min as f64 + (ceiling - min) as f64 * jitter.clamp(0.0, 1.0);
        Duration::from_secs_f64(secs)
    }
}

fn collect(value: &Value, path: &[&str], out: &mut Vec<String>) {
    match (value, path.split_first()) {
        (Value::Array(items), _) => {
            for item in items {
                collect(item, path, out);
            }
        }
        (Value::Object(members), Some((first, rest))) => {
            if let Some(member) = members.get(*first) {
                collect(member, rest, out);
            }
        }
        (Value::String(s), None) => out.push(s.clone()),
        (Value::Number(n), None) => out.push(n.to_string()),
        (Value::Bool(b), None) => out.push(b.to_string()),
        _ => {}
    }
}

/// Why a wait ended without success.
#[derive(Debug)]
pub enum WaitError<K> {
    /// A value at the path is one of the failure values.
    Failure {
        /// The waiter.
        waiter: &'static str,
        /// The failure value found.
        state: String,
        /// Polls made.
        polls: u32,
    },
    /// The time limit passed before success.
    Timeout {
        /// The waiter.
        waiter: &'static str,
        /// The time limit.
        limit: Duration,
        /// Polls made.
        polls: u32,
        /// The values the last poll found (empty: none).
        last: Vec<String>,
    },
    /// A poll failed: the operation's own error.
    Call(Error<K>),
}

impl<K: ErrorKind> fmt::Display for WaitError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failure {
                waiter,
                state,
                polls,
            } => write!(
                f,
                "waiter {waiter} failed: the resource reached `{state}`, which means it will not succeed ({polls} polls)"
            ),
            WaitError::Timeout {
                waiter,
                limit,
                polls,
                last,
            } => {
                write!(
                    f,
                    "waiter {waiter} timed out after {:.0?} ({polls} polls); ",
                    limit
                )?;
                if last.is_empty() {
                    f.write_str("the last response had no value at the waiter's path")
                } else {
                    write!(f, "last state: {}", last.join(", "))
                }
            }
            WaitError::Call(e) => write!(f, "a poll failed: {e}"),
        }
    }
}

impl<K: ErrorKind + fmt::Debug> std::error::Error for WaitError<K> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Call(e) => Some(e),
            _ => None,
        }
    }
}

/// Polls one request until its waiter says done (from the generated client's `wait_until_…`
/// methods). Await it, or call [`Waiter::wait`].
#[derive(Debug, Clone)]
#[must_use = "a waiter sends nothing until it is awaited"]
pub struct Waiter<O> {
    client: Client,
    request: O,
    spec: &'static WaiterSpec,
    timeout: Duration,
}

impl<O> Waiter<O>
where
    O: Operation + Clone + Send + 'static,
    O::Response: Send,
    O::ErrorKind: Send + Sync + 'static,
{
    /// Waits with `client` by polling `request` as `spec` says, within the spec's time limit.
    pub fn new(client: Client, request: O, spec: &'static WaiterSpec) -> Self {
        Self {
            client,
            request,
            spec,
            timeout: Duration::from_secs(spec.timeout),
        }
    }

    /// Another time limit than the spec's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Polls until success (the last response), failure, the time limit, or a failed poll.
    pub async fn wait(self) -> Result<O::Response, WaitError<O::ErrorKind>> {
        let Waiter {
            client,
            request,
            spec,
            timeout,
        } = self;
        let sleeper = client.config().sleeper.clone();
        let mut waited = Duration::ZERO;
        let mut polls = 0u32;
        loop {
            polls += 1;
            let started = Instant::now();
            let (response, state) = client
                .call_inspecting(request.clone(), |value| spec.state(value))
                .await
                .map_err(WaitError::Call)?;
            waited += started.elapsed();
            tracing::debug!(waiter = spec.name, polls, ?state, "polled");
            let last = match state {
                State::Success => return Ok(response),
                State::Failure(state) => {
                    return Err(WaitError::Failure {
                        waiter: spec.name,
                        state,
                        polls,
                    });
                }
                State::Pending(values) => values,
            };
            let remaining = timeout.saturating_sub(waited);
            if remaining.is_zero() {
                return Err(WaitError::Timeout {
                    waiter: spec.name,
                    limit: timeout,
                    polls,
                    last,
                });
            }
            let delay = spec.delay_after(polls, random_unit()).min(remaining);
            sleeper.sleep(delay).await;
            waited += delay;
        }
    }
}

impl<O> IntoFuture for Waiter<O>
where
    O: Operation + Clone + Send + 'static,
    O::Response: Send,
    O::ErrorKind: Send + Sync + 'static,
{
    type Output = Result<O::Response, WaitError<O::ErrorKind>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    static SPEC: WaiterSpec = WaiterSpec {
        name: "ImageAvailable",
        path: &["ImageSet", "ImageState"],
        success: &["NORMAL"],
        success_when_absent: false,
        failure: &["CREATEFAILED"],
        pending: &["CREATING"],
        delay: 5,
        max_delay: 60,
        timeout: 600,
    };

    #[test]
    fn states_from_values_through_arrays() {
        let body = |states: &[&str]| json!({"ImageSet": states.iter().map(|s| json!({"ImageState": s})).collect::<Vec<_>>()});
        assert_eq!(SPEC.values(&body(&["A", "B"])), ["A", "B"]);
        assert_eq!(SPEC.state(&body(&["NORMAL", "NORMAL"])), State::Success);
        assert_eq!(
            SPEC.state(&body(&["NORMAL", "CREATING"])),
            State::Pending(vec!["NORMAL".into(), "CREATING".into()])
        );
        assert_eq!(
            SPEC.state(&body(&["CREATING", "CREATEFAILED"])),
            State::Failure("CREATEFAILED".into())
        );
        // No value yet (an empty list, a missing member) keeps waiting.
        assert_eq!(SPEC.state(&body(&[])), State::Pending(vec![]));
        assert_eq!(SPEC.state(&json!({})), State::Pending(vec![]));
        // A value no list names keeps waiting too.
        assert_eq!(
            SPEC.state(&body(&["SYNCING"])),
            State::Pending(vec!["SYNCING".into()])
        );
        // Scalars other than strings, and a path through a single object.
        let flat = WaiterSpec {
            path: &["Image", "Ready"],
            success: &["true"],
            ..SPEC
        };
        assert_eq!(
            flat.state(&json!({"Image": {"Ready": true}})),
            State::Success
        );
        assert_eq!(flat.values(&json!({"Image": {"Ready": 3}})), ["3"]);
    }

    #[test]
    fn a_deletion_waiter_is_done_when_nothing_is_left() {
        let deleted = WaiterSpec {
            name: "ImageDeleted",
            success: &[],
            success_when_absent: true,
            failure: &[],
            pending: &[],
            ..SPEC
        };
        let body = |states: &[&str]| json!({"ImageSet": states.iter().map(|s| json!({"ImageState": s})).collect::<Vec<_>>()});
        assert_eq!(deleted.state(&body(&[])), State::Success);
        assert_eq!(deleted.state(&json!({})), State::Success);
        assert_eq!(
            deleted.state(&body(&["NORMAL"])),
            State::Pending(vec!["NORMAL".into()])
        );
        // A failure value still ends the wait.
        let failing = WaiterSpec {
            failure: &["DELETEFAILED"],
            ..deleted
        };
        assert_eq!(
            failing.state(&body(&["DELETEFAILED"])),
            State::Failure("DELETEFAILED".into())
        );
    }

    #[test]
    fn delays_back_off_between_the_bounds() {
        assert_eq!(SPEC.delay_after(1, 0.0), Duration::from_secs(5));
        assert_eq!(SPEC.delay_after(1, 0.99), Duration::from_secs(5));
        assert_eq!(SPEC.delay_after(2, 1.0), Duration::from_secs(10));
        assert_eq!(SPEC.delay_after(3, 1.0), Duration::from_secs(20));
        assert_eq!(SPEC.delay_after(10, 1.0), Duration::from_secs(60));
        assert_eq!(SPEC.delay_after(u32::MAX, 1.0), Duration::from_secs(60));
        assert_eq!(SPEC.delay_after(10, 0.0), Duration::from_secs(5));
        let odd = WaiterSpec {
            delay: 10,
            max_delay: 2,
            ..SPEC
        };
        assert_eq!(odd.delay_after(4, 0.5), Duration::from_secs(10));
    }

    #[test]
    fn errors_say_what_happened() {
        let timeout: WaitError<crate::error::Untyped> = WaitError::Timeout {
            waiter: "ImageAvailable",
            limit: Duration::from_secs(600),
            polls: 12,
            last: vec!["CREATING".into()],
        };
        assert_eq!(
            timeout.to_string(),
            "waiter ImageAvailable timed out after 600s (12 polls); last state: CREATING"
        );
        let failure: WaitError<crate::error::Untyped> = WaitError::Failure {
            waiter: "ImageAvailable",
            state: "CREATEFAILED".into(),
            polls: 2,
        };
        assert_eq!(
            failure.to_string(),
            "waiter ImageAvailable failed: the resource reached `CREATEFAILED`, which means it will not succeed (2 polls)"
        );
    }
}

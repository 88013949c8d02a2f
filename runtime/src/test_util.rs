//! Test doubles for code that calls cloudspec clients (cargo feature `test-util`).
//!
//! A [`MockTransport`] answers requests without a network: in order ([`MockTransport::reply`]),
//! or by rule ([`MockTransport::on`]: a [`Match`] on the operation and its parameters, and the
//! replies it gives), and records every request it saw ([`MockTransport::requests`]), with the
//! operation and parameters read back from the wire as the vendor's server would read them.
//! [`config`] puts it in a client [`Config`] with [`credentials`] and a [`NoSleep`] sleeper, so
//! retries do not wait:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use cloudspec_runtime::test_util::{Match, MockTransport, Reply, config};
//! use cloudspec_runtime::transport::{HttpRequest, Transport};
//!
//! let mock = MockTransport::new()
//!     .on(Match::operation("CreateImage"), Reply::json(200, r#"{"Response": {"ImageId": "img-1", "RequestId": "r"}}"#));
//! let _config = config(mock.clone()); // hand this to `CvmClient::new`
//! # let request = HttpRequest { method: "POST".into(), url: "https://cvm.tencentcloudapi.com/".into(),
//! #     headers: vec![("X-TC-Action".into(), "CreateImage".into())], body: br#"{"ImageName":"x"}"#.to_vec() };
//! # mock.send(request).await.unwrap();
//! assert_eq!(mock.requests()[0].param("ImageName"), Some("x"));
//! # }
//! ```
//!
//! A request no rule and no queued reply answers fails the call with a transport error that
//! names the operation, so a test that forgot a reply says so.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::client::Config;
use crate::credentials::Credentials;
use crate::retry::Sleeper;
use crate::transport::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};

/// Credentials for tests: a fixed, obviously fake key pair (never valid for any vendor).
pub fn credentials() -> Credentials {
    Credentials::new("TEST_ACCESS_KEY_ID", "TEST_ACCESS_KEY_SECRET")
}

/// A client configuration for tests: `transport` answers, [`credentials`] sign, a region
/// (`cn-hangzhou`, which Alibaba hosts need; Tencent sends it as `X-TC-Region`) is set, and
/// retries do not wait ([`NoSleep`]).
pub fn config(transport: impl Transport + 'static) -> Config {
    Config::new()
        .credentials(credentials())
        .region("cn-hangzhou")
        .transport(transport)
        .sleeper(NoSleep::default())
}

/// A [`Sleeper`] that returns at once and records how long it was asked to wait (clones share
/// the record).
#[derive(Debug, Clone, Default)]
pub struct NoSleep {
    slept: Arc<Mutex<Vec<Duration>>>,
}

impl NoSleep {
    /// Every wait asked for, in order.
    pub fn slept(&self) -> Vec<Duration> {
        lock(&self.slept).clone()
    }
}

impl Sleeper for NoSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        lock(&self.slept).push(duration);
        Box::pin(async {})
    }
}

/// What the mock answers: an HTTP response, or a failure to get one.
#[derive(Debug)]
pub struct Reply {
    outcome: Result<HttpResponse, (TransportErrorKind, String)>,
}

impl Reply {
    /// A response with this status and JSON body (`content-type: application/json`).
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            outcome: Ok(HttpResponse {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body: body.into().into_bytes(),
            }),
        }
    }

    /// A response as given.
    pub fn response(response: HttpResponse) -> Reply {
        Reply {
            outcome: Ok(response),
        }
    }

    /// No response: the transport fails with `kind` (a `Connect` failure is retried, a
    /// `Timeout` only for idempotent requests).
    pub fn failure(kind: TransportErrorKind, message: impl Into<String>) -> Reply {
        Reply {
            outcome: Err((kind, message.into())),
        }
    }

    /// Adds a response header (`x-acs-request-id`, `Retry-After`, …).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        if let Ok(r) = &mut self.outcome {
            r.headers.push((name.into(), value.into()));
        }
        self
    }

    fn get(&self) -> Result<HttpResponse, TransportError> {
        match &self.outcome {
            Ok(r) => Ok(r.clone()),
            Err((kind, message)) => Err(TransportError::new(*kind, message.clone())),
        }
    }
}

/// A request the mock received, with what the server would read from it.
#[derive(Clone)]
pub struct Captured {
    /// The request as sent (signed; its `Debug` redacts secrets).
    pub request: HttpRequest,
    operation: Option<String>,
    params: BTreeMap<String, String>,
}

impl fmt::Debug for Captured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Captured")
            .field("operation", &self.operation)
            .field("params", &self.params)
            .field("request", &self.request)
            .finish()
    }
}

impl Captured {
    /// Reads a request: the operation from `X-TC-Action`, `x-acs-action` or the `Action` query
    /// parameter; parameters from the query, a form body and a JSON body's top level (a JSON
    /// string as its text, other JSON values as compact JSON text).
    pub fn new(request: HttpRequest) -> Captured {
        let mut params = BTreeMap::new();
        if let Some((_, query)) = request.url.split_once('?') {
            params.extend(form_pairs(query));
        }
        let content_type = request.header("content-type").unwrap_or_default();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            params.extend(form_pairs(&String::from_utf8_lossy(&request.body)));
        } else if let Ok(serde_json::Value::Object(body)) =
            serde_json::from_slice::<serde_json::Value>(&request.body)
        {
            for (k, v) in body {
                let text = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                params.insert(k, text);
            }
        }
        let operation = request
            .header("x-tc-action")
            .or_else(|| request.header("x-acs-action"))
            .map(str::to_string)
            .or_else(|| params.get("Action").cloned());
        Captured {
            request,
            operation,
            params,
        }
    }

    /// The operation (`CreateImage`), when the request names it.
    pub fn operation(&self) -> Option<&str> {
        self.operation.as_deref()
    }

    /// One parameter's value as the wire carries it (`Tag.1.Key` for a flattened one).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// Every parameter read from the request, by wire name.
    pub fn params(&self) -> &BTreeMap<String, String> {
        &self.params
    }
}

/// `a=1&b=x%20y` → pairs, percent- and `+`-decoded.
fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

type Predicate = Arc<dyn Fn(&Captured) -> bool + Send + Sync>;

/// Which requests a rule answers: all of the conditions given.
#[derive(Clone, Default)]
pub struct Match {
    operation: Option<String>,
    params: Vec<(String, String)>,
    when: Option<Predicate>,
}

impl fmt::Debug for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Match")
            .field("operation", &self.operation)
            .field("params", &self.params)
            .field("when", &self.when.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Match {
    /// Every request.
    pub fn any() -> Match {
        Match::default()
    }

    /// Requests for one operation (`CreateImage`).
    pub fn operation(name: impl Into<String>) -> Match {
        Match {
            operation: Some(name.into()),
            ..Match::default()
        }
    }

    /// And a parameter with this value on the wire (`ImageName` = `web`, `Tag.1.Key` = `team`).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Match {
        self.params.push((name.into(), value.into()));
        self
    }

    /// And whatever `predicate` accepts.
    pub fn when(mut self, predicate: impl Fn(&Captured) -> bool + Send + Sync + 'static) -> Match {
        self.when = Some(Arc::new(predicate));
        self
    }

    /// Whether the request matches.
    pub fn matches(&self, request: &Captured) -> bool {
        self.operation
            .as_deref()
            .is_none_or(|op| request.operation() == Some(op))
            && self
                .params
                .iter()
                .all(|(k, v)| request.param(k) == Some(v.as_str()))
            && self.when.as_ref().is_none_or(|p| p(request))
    }
}

struct Rule {
    matcher: Match,
    replies: VecDeque<Reply>,
    /// Answer with the last reply for ever (`on`), or stop when the replies run out
    /// (`on_sequence`).
    repeat_last: bool,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    queue: VecDeque<Reply>,
    requests: Vec<Captured>,
}

/// A [`Transport`] that answers from rules and a queue, and records what it is sent. Clones
/// share the rules, the queue and the record, so a test keeps one and gives the client another.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = lock(&self.state);
        f.debug_struct("MockTransport")
            .field("rules", &s.rules.len())
            .field("queued", &s.queue.len())
            .field("requests", &s.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// A mock with no rules and nothing queued.
    pub fn new() -> MockTransport {
        MockTransport::default()
    }

    /// Queues a reply for the next request no rule answers (replies go out in order).
    pub fn reply(self, reply: Reply) -> MockTransport {
        lock(&self.state).queue.push_back(reply);
        self
    }

    /// Answers every request `matcher` accepts with `reply` (rules are tried in the order
    /// added; the first that matches and has a reply answers).
    pub fn on(self, matcher: Match, reply: Reply) -> MockTransport {
        lock(&self.state).rules.push(Rule {
            matcher,
            replies: VecDeque::from([reply]),
            repeat_last: true,
        });
        self
    }

    /// Answers the requests `matcher` accepts with `replies` in order, one each; then the rule
    /// is spent and later requests go to the next rule or the queue (a throttled attempt and
    /// then a success, say).
    pub fn on_sequence(
        self,
        matcher: Match,
        replies: impl IntoIterator<Item = Reply>,
    ) -> MockTransport {
        lock(&self.state).rules.push(Rule {
            matcher,
            replies: replies.into_iter().collect(),
            repeat_last: false,
        });
        self
    }

    /// Every request received, in order (retries included).
    pub fn requests(&self) -> Vec<Captured> {
        lock(&self.state).requests.clone()
    }

    /// How many requests `matcher` accepts.
    pub fn count(&self, matcher: &Match) -> usize {
        lock(&self.state)
            .requests
            .iter()
            .filter(|r| matcher.matches(r))
            .count()
    }

    fn answer(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let captured = Captured::new(request);
        let mut state = lock(&self.state);
        state.requests.push(captured.clone());
        let n = state.requests.len();
        for rule in &mut state.rules {
            if rule.replies.is_empty() || !rule.matcher.matches(&captured) {
                continue;
            }
            if rule.repeat_last && rule.replies.len() == 1 {
                return rule.replies[0].get();
            }
            if let Some(reply) = rule.replies.pop_front() {
                return reply.get();
            }
        }
        match state.queue.pop_front() {
            Some(reply) => reply.get(),
            None => Err(TransportError::new(
                TransportErrorKind::Other,
                format!(
                    "MockTransport has no reply for request {n} ({}): no rule matches and nothing is queued",
                    captured.operation().unwrap_or("operation not named")
                ),
            )),
        }
    }
}

impl Transport for MockTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let result = self.answer(request);
        Box::pin(async move { result })
    }
}

/// A poisoned lock (a test panicked while holding it) still holds consistent data here.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)], url: &str, body: &str) -> HttpRequest {
        HttpRequest {
            method: "POST".into(),
            url: url.into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reads_operation_and_parameters_from_every_layout() {
        let tencent = Captured::new(request(
            &[
                ("X-TC-Action", "CreateImage"),
                ("Content-Type", "application/json"),
            ],
            "https://cvm.tencentcloudapi.com/",
            r#"{"ImageName": "web", "DataDiskIds": ["d-1"], "DryRun": true}"#,
        ));
        assert_eq!(tencent.operation(), Some("CreateImage"));
        assert_eq!(tencent.param("ImageName"), Some("web"));
        assert_eq!(tencent.param("DataDiskIds"), Some(r#"["d-1"]"#));
        assert_eq!(tencent.param("DryRun"), Some("true"));
        let rpc = Captured::new(request(
            &[("x-acs-action", "CreateCustomImage")],
            "https://swas.cn-hangzhou.aliyuncs.com/?ImageName=my%20image&Tag.1.Key=team+a",
            "",
        ));
        assert_eq!(rpc.operation(), Some("CreateCustomImage"));
        assert_eq!(rpc.param("ImageName"), Some("my image"));
        assert_eq!(rpc.param("Tag.1.Key"), Some("team a"));
        let form = Captured::new(request(
            &[("content-type", "application/x-www-form-urlencoded")],
            "https://x/?Action=ListImage",
            "ImageId=img%2D1&Bad=%zz&Trail=%4",
        ));
        assert_eq!(form.operation(), Some("ListImage"));
        assert_eq!(form.param("ImageId"), Some("img-1"));
        assert_eq!(form.param("Bad"), Some("%zz"));
        assert_eq!(form.param("Trail"), Some("%4"));
    }

    #[tokio::test]
    async fn rules_then_queue_then_a_clear_failure() {
        let mock = MockTransport::new()
            .on_sequence(
                Match::operation("A"),
                [Reply::json(503, "{}"), Reply::json(200, r#"{"n": 1}"#)],
            )
            .on(
                Match::operation("B").param("K", "v"),
                Reply::json(200, "{}"),
            )
            .reply(Reply::failure(TransportErrorKind::Connect, "refused"));
        let a = || request(&[("x-acs-action", "A")], "https://h/", "");
        assert_eq!(mock.send(a()).await.unwrap().status, 503);
        assert_eq!(mock.send(a()).await.unwrap().status, 200);
        // The sequence is spent: the queue answers.
        let e = mock.send(a()).await.unwrap_err();
        assert_eq!(e.kind(), TransportErrorKind::Connect);
        let b = || request(&[("x-acs-action", "B")], "https://h/?K=v", "");
        for _ in 0..3 {
            assert_eq!(mock.send(b()).await.unwrap().status, 200);
        }
        let e = mock.send(a()).await.unwrap_err();
        assert!(e.message().contains("no reply for request 7 (A)"), "{e}");
        assert_eq!(mock.count(&Match::operation("A")), 4);
        assert_eq!(
            mock.count(&Match::any().when(|r| r.param("K").is_some())),
            3
        );
    }

    #[test]
    fn no_sleep_records() {
        let s = NoSleep::default();
        let copy = s.clone();
        drop(copy.sleep(Duration::from_millis(5)));
        assert_eq!(s.slept(), [Duration::from_millis(5)]);
    }
}

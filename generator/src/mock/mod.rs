//! `cloudspec mock`: a local HTTP server that answers as the specs document the services.
//!
//! Any client, in any language, pointed at it (`http://127.0.0.1:PORT` as its endpoint) gets
//! what the vendor would answer, as far as the specs say:
//!
//! 1. **Routing by protocol**: Tencent API 3.0 by `X-TC-Action`, `X-TC-Version` and the
//!    credential scope's service; Alibaba RPC by `x-acs-action`/`x-acs-version` (ACS3) or the
//!    `Action`/`Version` parameters (the legacy signature); Alibaba ROA by method, path template
//!    and `x-acs-version`. An action no spec has gets the vendor's `InvalidAction` error.
//! 2. **Signatures**, when the server is given a key pair: ACS3, RPC and ROA HMAC-SHA1, TC3,
//!    verified from the bytes received ([`verify`], independent of the runtime's signers).
//! 3. **Validation** as the service documents it: the parameters are read back from the wire
//!    ([`decode`]) and checked by the runtime's validator against the same [`OperationSpec`]
//!    the generated clients use, so a request the spec forbids gets the vendor's
//!    `MissingParameter` or `InvalidParameter` error with the documented sentence.
//! 4. **Answers**: a [`Script`] matching the request (a documented error by code, throttling, a
//!    server error, a given response, a cut-off body, a reset connection, no answer, after a
//!    delay, a number of times; scripts used up in turn answer a sequence), else a Rust
//!    responder hook, else the operation's documented success example with this request's id.
//!    Scripts of errors and faults answer before validation; those standing for success
//!    ([`ScriptReply::stands_for_success`]) only requests that pass it. The responder also
//!    sees requests no spec routes, so a test can stand in for a service the specs do not
//!    cover (STS, an instance metadata service); their signatures are still verified when
//!    they carry one.
//!
//! Every request is recorded with what the mock made of it ([`Recorded`]). The control API
//! under `/__mock/` serves other languages: `GET /__mock/requests`, `GET /__mock/operations`,
//! `POST /__mock/scripts` (one script or a list), `DELETE /__mock/scripts`, `POST
//! /__mock/reset`.
//!
//! [`OperationSpec`]: cloudspec_runtime::schema::OperationSpec

pub mod catalog;
pub mod decode;
pub mod reply;
pub mod request;
pub mod verify;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::model::{Model, Protocol, Provider};
pub use catalog::{Catalog, Entry};
use reply::Raised;
pub use reply::{Reply, Script, ScriptReply};
pub use request::Recorded;
use verify::{Mismatch, Signature};

/// The largest request body the mock reads (the vendors' own limits are lower).
const MAX_BODY: usize = 16 << 20;

/// A Rust hook answering requests the scripts leave unanswered (`None`: the documented
/// answer).
pub type Responder = Arc<dyn Fn(&Recorded) -> Option<Reply> + Send + Sync>;

/// How a [`MockServer`] behaves.
#[derive(Clone)]
pub struct MockOptions {
    /// Where to listen (default `127.0.0.1:0`: a free loopback port).
    pub addr: SocketAddr,
    /// Verify signatures with this access key id and secret; `None` accepts any request,
    /// signed or not.
    pub credentials: Option<(String, String)>,
    /// Validate requests against the specs (default `true`).
    pub validate: bool,
    /// Scripts in place from the start.
    pub scripts: Vec<Script>,
    /// The Rust hook (see [`Responder`]).
    pub responder: Option<Responder>,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            credentials: None,
            validate: true,
            scripts: Vec::new(),
            responder: None,
        }
    }
}

impl std::fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOptions")
            .field("addr", &self.addr)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|(id, _)| (id, "<redacted>")),
            )
            .field("validate", &self.validate)
            .field("scripts", &self.scripts)
            .field("responder", &self.responder.is_some())
            .finish()
    }
}

impl MockOptions {
    /// Verifies signatures with this key pair.
    pub fn credentials(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.credentials = Some((id.into(), secret.into()));
        self
    }

    /// Validates requests (or not).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Adds a script.
    pub fn script(mut self, script: Script) -> Self {
        self.scripts.push(script);
        self
    }

    /// Answers through `responder` what no script answers.
    pub fn responder(
        mut self,
        responder: impl Fn(&Recorded) -> Option<Reply> + Send + Sync + 'static,
    ) -> Self {
        self.responder = Some(Arc::new(responder));
        self
    }

    /// Listens on `addr`.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }
}

struct Shared {
    catalog: Catalog,
    options: MockOptions,
    state: Mutex<State>,
    accepted: AtomicUsize,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    scripts: Vec<Script>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-changed (every change is
        // one push or one retain), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running mock server. It stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("operations", &self.shared.catalog.entries.len())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Serves the operations of `model` on the current tokio runtime.
    pub async fn start(model: &Model, options: MockOptions) -> std::io::Result<MockServer> {
        MockServer::start_catalog(Catalog::new(model), options).await
    }

    /// Serves the operations of `catalog`.
    pub async fn start_catalog(
        catalog: Catalog,
        options: MockOptions,
    ) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(options.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            catalog,
            state: Mutex::new(State {
                requests: Vec::new(),
                scripts: options.scripts.clone(),
            }),
            options,
            accepted: AtomicUsize::new(0),
        });
        let task_shared = Arc::clone(&shared);
        let task = tokio::spawn(async move {
            // Dropping the set (when the server stops) aborts every connection.
            let mut connections = JoinSet::new();
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // keep serving the others.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(1)).await;
                        continue;
                    }
                };
                task_shared.accepted.fetch_add(1, Ordering::Relaxed);
                let shared = Arc::clone(&task_shared);
                connections.spawn(async move {
                    let service = service_fn(move |request| {
                        let shared = Arc::clone(&shared);
                        async move { serve(shared, request).await }
                    });
                    // A client that goes away mid-request is not the server's problem.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
                // Reap finished connections so a long run does not accumulate them.
                while connections.try_join_next().is_some() {}
            }
        });
        Ok(MockServer { addr, shared, task })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the endpoint to give a client.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`: the `Host` requests carry.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.state().requests.clone()
    }

    /// How many requests it has received.
    pub fn request_count(&self) -> usize {
        self.shared.state().requests.len()
    }

    /// How many TCP connections it has accepted.
    pub fn connections_accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::Relaxed)
    }

    /// Everything it refused so far (signatures, routing, validation), `request N: why`.
    pub fn problems(&self) -> Vec<String> {
        self.shared
            .state()
            .requests
            .iter()
            .flat_map(|r| {
                r.problems
                    .iter()
                    .map(move |p| format!("request {}: {p}", r.index))
            })
            .collect()
    }

    /// Adds a script (after those in place).
    pub fn script(&self, script: Script) {
        self.shared.state().scripts.push(script);
    }

    /// Forgets the requests and the scripts.
    pub fn reset(&self) {
        let mut state = self.shared.state();
        state.requests.clear();
        state.scripts.clear();
    }

    /// The operations it serves.
    pub fn catalog(&self) -> &Catalog {
        &self.shared.catalog
    }
}

/// Serves until Ctrl-C: the `cloudspec mock` command. Prints the endpoint on the first line of
/// standard output, so a script can read it.
pub fn run_until_interrupted(model: &Model, options: MockOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        let server = MockServer::start(model, options.clone())
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        println!("{}", server.endpoint());
        eprintln!(
            "cloudspec mock: serving {} operations on {} (signatures {}, validation {}); Ctrl-C stops",
            server.catalog().entries.len(),
            server.endpoint(),
            if options.credentials.is_some() { "verified" } else { "not checked" },
            if options.validate { "on" } else { "off" },
        );
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
        drop(server);
        Ok(())
    })
}

type Response = hyper::Response<Full<Bytes>>;

async fn serve(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<Response, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(e) => {
            return Ok(plain(400, &format!("cannot read the request body: {e}")));
        }
    };
    let headers = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let path = parts.uri.path().to_string();
    let recorded = Recorded {
        index: 0,
        method: parts.method.as_str().to_string(),
        path,
        raw_query: parts.uri.query().unwrap_or_default().to_string(),
        headers,
        body,
        operation: None,
        service: None,
        parameters: None,
        signature: None,
        problems: Vec::new(),
    };
    if recorded.path == "/__mock" || recorded.path.starts_with("/__mock/") {
        return Ok(to_response(control(&shared, &recorded)));
    }
    let (reply, delay) = handle(&shared, recorded);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match reply {
        Reply::Respond { .. } => Ok(to_response(reply)),
        Reply::Hang => {
            // Long enough for any client timeout; the connection closes when the server stops.
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(plain(504, "the mock was told not to answer"))
        }
        Reply::Reset => Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "the mock was told to reset the connection",
        )),
    }
}

fn plain(status: u16, text: &str) -> Response {
    to_response(Reply::with_content_type(
        status,
        "text/plain; charset=utf-8",
        text,
    ))
}

fn to_response(reply: Reply) -> Response {
    let Reply::Respond {
        status,
        headers,
        body,
    } = reply
    else {
        return plain(500, "no response");
    };
    let mut builder = hyper::Response::builder().status(status);
    let has_type = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    for (name, value) in &headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if !has_type && !body.is_empty() {
        builder = builder.header("content-type", "application/json;charset=utf-8");
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|e| {
            let mut fallback = hyper::Response::new(Full::new(Bytes::from(format!(
                "the scripted response cannot be sent: {e}"
            ))));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}

/// Routes, verifies, validates and answers one request; records it.
fn handle(shared: &Shared, mut recorded: Recorded) -> (Reply, Duration) {
    let catalog = &shared.catalog;
    let signature = Signature::of(&recorded);
    recorded.signature = signature.map(Signature::name);
    let mut state = shared.state();
    recorded.index = state.requests.len();
    let id = reply::request_id(recorded.index);
    let route = route(catalog, &recorded);
    let (reply, delay) = match route {
        // A stand-in for a service the specs do not cover (STS, an instance metadata service):
        // the responder answers it once its signature, if any, verifies.
        Err(_)
            if let Some(responder) = &shared.options.responder
                && let Some(reply) = unrouted(shared, &mut recorded, signature, responder) =>
        {
            (reply, Duration::ZERO)
        }
        Err(provider) => {
            let action = action_name(&recorded).unwrap_or_else(|| "(none)".into());
            let why = format!(
                "no spec has action `{action}` at version `{}` ({} {})",
                version_of(&recorded).unwrap_or_default(),
                recorded.method,
                recorded.path
            );
            recorded.problems.push(why.clone());
            let (code, status) = Raised::UnknownAction.code(provider);
            (
                reply::error(provider, None, status, code, &why, &id),
                Duration::ZERO,
            )
        }
        Ok(entry) => {
            recorded.operation = Some(entry.name.clone());
            recorded.service = Some(entry.product.clone());
            let reply = answer(
                shared,
                &mut state.scripts,
                entry,
                &mut recorded,
                signature,
                &id,
            );
            (reply.0, reply.1)
        }
    };
    state.requests.push(recorded);
    (reply, delay)
}

/// The responder's answer to a request no spec routes, after checking a signature it carries
/// (TC3 against the service its credential scope names); `None` when the responder has none.
fn unrouted(
    shared: &Shared,
    recorded: &mut Recorded,
    signature: Option<Signature>,
    responder: &Responder,
) -> Option<Reply> {
    if let (Some((key, secret)), Some(signature)) = (&shared.options.credentials, signature) {
        let scope = credential_scope(recorded).unwrap_or_default();
        if let Err(why) = signature.verify(recorded, key, secret, &scope) {
            recorded.problems.push(format!("signature: {why}"));
        }
    }
    responder(recorded)
}

/// The service a TC3 credential scope names (`AKID/2023-10-26/cvm/tc3_request`).
fn credential_scope(r: &Recorded) -> Option<String> {
    r.header("authorization")
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split('/').nth(2))
        .map(str::to_string)
}

fn answer(
    shared: &Shared,
    scripts: &mut Vec<Script>,
    entry: &Entry,
    recorded: &mut Recorded,
    signature: Option<Signature>,
    id: &str,
) -> (Reply, Duration) {
    let options = &shared.options;
    let error = |raised: Raised, message: &str| {
        let (code, status) = raised.code(entry.provider);
        reply::error(
            entry.provider,
            Some(entry.protocol),
            status,
            code,
            message,
            id,
        )
    };
    if let Some((key, secret)) = &options.credentials {
        let verified = match signature {
            None => Err((Raised::Unsigned, "the request is not signed".to_string())),
            Some(signature) => signature
                .verify(recorded, key, secret, &entry.signing_name)
                .map_err(|m| match m {
                    Mismatch::UnknownKey(_) => (Raised::UnknownKey, m.to_string()),
                    Mismatch::Signature(_) => (Raised::BadSignature, m.to_string()),
                }),
        };
        if let Err((raised, why)) = verified {
            recorded.problems.push(format!("signature: {why}"));
            return (error(raised, &why), Duration::ZERO);
        }
    }
    let parameters = decode::parameters(recorded, entry.spec);
    if let Ok(value) = &parameters {
        recorded.parameters = Some(value.clone());
    }
    // A script of an error or a fault answers before validation: a vendor throttles or fails
    // before it looks at the parameters, and a test scripting an error wants that error. A
    // script standing for success answers only a request the service would accept, after
    // validation (which leaves it in place when it refuses the request).
    let position = scripts.iter().position(|s| s.matches(Some(entry)));
    let success = position.is_some_and(|p| scripts[p].reply.stands_for_success());
    if let Some(position) = position
        && !success
    {
        return use_script(scripts, position, entry, recorded, id);
    }
    if options.validate {
        let invalid = match &parameters {
            Err(e) => Some((Raised::InvalidParameter, e.to_string())),
            Ok(value) => cloudspec_runtime::validate::validate_value(value, entry.spec)
                .err()
                .map(|errors| {
                    let missing = errors.violations.iter().all(|v| v.rule == "required");
                    let raised = if missing {
                        Raised::MissingParameter
                    } else {
                        Raised::InvalidParameter
                    };
                    (raised, errors.to_string())
                }),
        };
        if let Some((raised, why)) = invalid {
            recorded.problems.push(format!("validation: {why}"));
            return (error(raised, &why), Duration::ZERO);
        }
    }
    if let Some(position) = position {
        return use_script(scripts, position, entry, recorded, id);
    }
    if let Some(responder) = &options.responder
        && let Some(reply) = responder(recorded)
    {
        return (reply, Duration::ZERO);
    }
    (reply::success(entry, id), Duration::ZERO)
}

/// The answer of script `position`, counting it used (and removing it when used up).
fn use_script(
    scripts: &mut Vec<Script>,
    position: usize,
    entry: &Entry,
    recorded: &mut Recorded,
    id: &str,
) -> (Reply, Duration) {
    let script = scripts[position].clone();
    if let Some(times) = &mut scripts[position].times {
        *times = times.saturating_sub(1);
        if *times == 0 {
            scripts.remove(position);
        }
    }
    let delay = Duration::from_millis(script.delay_ms);
    (scripted(entry, &script.reply, recorded, id), delay)
}

fn scripted(entry: &Entry, script: &ScriptReply, recorded: &mut Recorded, id: &str) -> Reply {
    let provider = entry.provider;
    let raised = |raised: Raised, message: &str| {
        let (code, status) = raised.code(provider);
        reply::error(provider, Some(entry.protocol), status, code, message, id)
    };
    match script {
        ScriptReply::Example => reply::success(entry, id),
        ScriptReply::Error {
            code,
            message,
            status,
        } => match (entry.error(code), status) {
            (Some(documented), _) => reply::error(
                provider,
                Some(entry.protocol),
                status
                    .or(documented.status)
                    .unwrap_or_else(|| reply::usual_status(provider)),
                code,
                message
                    .as_deref()
                    .or(documented.message.as_deref())
                    .unwrap_or("An error scripted in cloudspec mock."),
                id,
            ),
            (None, Some(status)) => reply::error(
                provider,
                Some(entry.protocol),
                *status,
                code,
                message
                    .as_deref()
                    .unwrap_or("An error scripted in cloudspec mock."),
                id,
            ),
            (None, None) => {
                let why = format!(
                    "the script names error `{code}`, which the spec of {} does not document \
                     (give a `status` to send it anyway)",
                    entry.name
                );
                recorded.problems.push(format!("script: {why}"));
                Reply::json(500, &json!({"cloudspecMock": why}).to_string())
            }
        },
        ScriptReply::Throttle => raised(
            Raised::Throttled,
            "Request was denied due to user flow control (scripted in cloudspec mock).",
        ),
        ScriptReply::ServerError { status } => {
            let (code, _) = Raised::Internal.code(provider);
            let status = if provider == Provider::Tencent && *status < 500 {
                200
            } else {
                *status
            };
            reply::error(
                provider,
                Some(entry.protocol),
                status,
                code,
                "An internal error occurred (scripted in cloudspec mock).",
                id,
            )
        }
        ScriptReply::Respond {
            status,
            headers,
            body,
        } => {
            let text = match body {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            Reply::Respond {
                status: *status,
                headers: headers
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect(),
                body: text.into_bytes(),
            }
        }
        ScriptReply::Malformed => Reply::json(200, &format!("{{\"RequestId\":\"{id}\",\"Truncat")),
        ScriptReply::Reset => Reply::Reset,
        ScriptReply::Hang => Reply::Hang,
    }
}

/// The action a request names, as any protocol carries it.
fn action_name(r: &Recorded) -> Option<String> {
    r.header("x-tc-action")
        .or_else(|| r.header("x-acs-action"))
        .map(str::to_string)
        .or_else(|| param(r, "Action"))
}

/// The API version a request names.
fn version_of(r: &Recorded) -> Option<String> {
    r.header("x-tc-version")
        .or_else(|| r.header("x-acs-version"))
        .map(str::to_string)
        .or_else(|| param(r, "Version"))
}

fn param(r: &Recorded, name: &str) -> Option<String> {
    r.query_value(name).or_else(|| {
        r.form()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    })
}

/// The operation `r` calls, or the vendor whose `InvalidAction` error it gets.
fn route<'c>(catalog: &'c Catalog, r: &Recorded) -> Result<&'c Entry, Provider> {
    let version = version_of(r);
    if let Some(action) = r.header("x-tc-action") {
        // The credential scope names the service (`AKID/2023-10-26/cvm/tc3_request`); the
        // host's first label does for an unsigned request.
        let scope = credential_scope(r);
        let host = r
            .header("host")
            .and_then(|h| h.split('.').next())
            .map(str::to_string);
        let candidates: Vec<&Entry> = catalog
            .entries
            .iter()
            .filter(|e| e.provider == Provider::Tencent && e.name == action)
            .filter(|e| version.as_deref().is_none_or(|v| v == e.version))
            .collect();
        return candidates
            .iter()
            .find(|e| scope.as_deref() == Some(e.signing_name.as_str()))
            .or_else(|| {
                candidates
                    .iter()
                    .find(|e| host.as_deref() == Some(e.signing_name.as_str()))
            })
            .or(candidates.first())
            .copied()
            .ok_or(Provider::Tencent);
    }
    let alibaba = catalog
        .entries
        .iter()
        .filter(|e| e.provider == Provider::Alibaba)
        .filter(|e| version.as_deref().is_none_or(|v| v == e.version));
    let action = r
        .header("x-acs-action")
        .map(str::to_string)
        .or_else(|| param(r, "Action"));
    let host = r.header("host").unwrap_or_default().to_string();
    let by_host = |e: &&&Entry| host.starts_with(&format!("{}.", e.product));
    let candidates: Vec<&Entry> = match &action {
        Some(action) => alibaba.filter(|e| &e.name == action).collect(),
        // The legacy ROA signature names no action: the method and path do.
        None => alibaba
            .filter(|e| e.protocol == Protocol::AlibabaRoa)
            .filter(|e| e.method == r.method && decode::match_path(&e.path, &r.path).is_some())
            .collect(),
    };
    candidates
        .iter()
        .find(by_host)
        .or(candidates.first())
        .copied()
        .ok_or(Provider::Alibaba)
}

/// The control API under `/__mock/`.
fn control(shared: &Shared, r: &Recorded) -> Reply {
    let ok = |value: Value| Reply::json(200, &value.to_string());
    let fail = |status: u16, why: String| Reply::json(status, &json!({"error": why}).to_string());
    match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/__mock/requests") => {
            ok(serde_json::to_value(&shared.state().requests).unwrap_or(Value::Null))
        }
        ("GET", "/__mock/operations") => ok(Value::Array(
            shared
                .catalog
                .entries
                .iter()
                .map(|e| {
                    json!({
                        "service": e.product,
                        "version": e.version,
                        "operation": e.name,
                        "method": e.method,
                        "path": e.path,
                        "errors": e.errors.iter().map(|x| x.code.clone()).collect::<Vec<_>>(),
                        "example": e.success.is_some(),
                    })
                })
                .collect(),
        )),
        ("POST", "/__mock/scripts") => {
            match parse_scripts(&r.body).and_then(|s| check_scripts(&shared.catalog, s)) {
                Ok(scripts) => {
                    let n = scripts.len();
                    shared.state().scripts.extend(scripts);
                    ok(json!({"added": n}))
                }
                Err(why) => fail(400, why),
            }
        }
        ("DELETE", "/__mock/scripts") => {
            shared.state().scripts.clear();
            ok(json!({}))
        }
        ("POST", "/__mock/reset") => {
            let mut state = shared.state();
            state.requests.clear();
            state.scripts.clear();
            ok(json!({}))
        }
        (method, path) => fail(
            404,
            format!(
                "no control endpoint `{method} {path}`: GET /__mock/requests, GET /__mock/operations, \
                 POST /__mock/scripts, DELETE /__mock/scripts, POST /__mock/reset"
            ),
        ),
    }
}

/// Scripts from JSON text: one script, or a list of them (`--script FILE`, `POST
/// /__mock/scripts`).
pub fn parse_scripts(json: &[u8]) -> Result<Vec<Script>, String> {
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| serde_json::from_value(v).map_err(|e| format!("script {i}: {e}")))
            .collect(),
        Ok(one) => serde_json::from_value(one)
            .map(|s| vec![s])
            .map_err(|e| e.to_string()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

/// Refuses scripts naming an operation, service or undocumented error code (without a status)
/// the mock does not serve, so a typo fails where it is made.
pub fn check_scripts(catalog: &Catalog, scripts: Vec<Script>) -> Result<Vec<Script>, String> {
    for (i, script) in scripts.iter().enumerate() {
        let entries: Vec<&Entry> = catalog
            .entries
            .iter()
            .filter(|e| script.matches(Some(e)))
            .collect();
        if entries.is_empty() {
            return Err(format!(
                "script {i}: no served operation is {}{}",
                script.operation.as_deref().unwrap_or("(any)"),
                script
                    .service
                    .as_deref()
                    .map(|s| format!(" of service {s}"))
                    .unwrap_or_default()
            ));
        }
        if let ScriptReply::Error {
            code, status: None, ..
        } = &script.reply
            && !entries.iter().any(|e| e.error(code).is_some())
        {
            return Err(format!(
                "script {i}: error `{code}` is not documented for {}; give a `status` to send it anyway",
                script.operation.as_deref().unwrap_or("any operation")
            ));
        }
    }
    Ok(scripts)
}

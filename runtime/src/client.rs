//! The client: validate, serialize, sign, send, retry, decode — for any generated operation,
//! driven by its static [`OperationSpec`].
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use cloudspec_runtime::client::{Client, Config};
//! use cloudspec_runtime::credentials::Credentials;
//! # static SERVICE: cloudspec_runtime::ServiceSpec = cloudspec_runtime::ServiceSpec {
//! #     protocol: &cloudspec_runtime::protocol::TencentApi3, product: "cvm", version: "2017-03-12",
//! #     signing_name: "cvm", endpoint_rule: cloudspec_runtime::EndpointRule::Central,
//! #     host: "cvm.tencentcloudapi.com", region_map: &[], international_host: None,
//! #     network_hosts: cloudspec_runtime::NetworkHosts::PublicOnly };
//! let config = Config::new()
//!     .credentials(Credentials::new("AKID…", "secret"))
//!     .region("ap-guangzhou");
//! let client = Client::new(&SERVICE, config);
//! // client.call(request).await? — generated clients wrap this in one method per operation.
//! # Ok(()) }
//! ```
//!
//! One call is: [`validate`](crate::validate()) (unless [`Config::validate`] is off) → fill the
//! idempotency token (SWAS `ClientToken`) with a fresh UUID v4 if empty, once, so every retry
//! carries the same token → lay the parameters out ([`crate::wire`]) → choose the endpoint
//! ([`crate::endpoint`]) and credentials ([`crate::credentials`]) → per attempt: sign with a fresh
//! timestamp and nonce ([`crate::prepare`]), send through the [`Transport`], decode
//! ([`crate::response`]) and retry what is safe to retry ([`crate::retry`]).
//!
//! Each call runs in a `tracing` span `cloudspec.call` with the service, version, operation,
//! attempt, HTTP status and request id; no header, URL, body or secret is ever recorded.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tracing::Instrument as _;
use tracing::field::Empty;

use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock};
use crate::credentials::{Credentials, CredentialsError, DefaultCredentials, ProvideCredentials};
use crate::endpoint::{Endpoint, EndpointError, Network, resolve};
use crate::error::{ErrorKind, OperationError, Untyped};
use crate::prepare::{RequestContext, SignatureVersion, USER_AGENT, signed_request_with_json_body};
use crate::protocol::Protocol;
use crate::response::{Operation, ResponseError, decode_http_body, decode_success};
use crate::retry::{
    RetryPolicy, Sleeper, TokioSleeper, is_retryable_response, is_retryable_transport,
    parse_retry_after, random_unit,
};
use crate::schema::{OperationSpec, ServiceSpec};
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportError, TransportOptions};
use crate::tree::Node;
use crate::validate::{ValidationErrors, validate, validate_object};
use crate::wire::{
    JsonBody, WireError, WireParams, fill_token_node, serialize_members, to_node_members, uuid_v4,
};

/// How a [`Client`] signs, where it sends, how it retries. Build it with the chained setters;
/// every field is public too.
#[derive(Clone)]
pub struct Config {
    /// Where credentials come from. Default: the vendor's environment variables, then its
    /// profile file (`~/.aliyun/config.json`, `~/.tencentcloud/credentials`), read at every
    /// call, then the instance's role ([`DefaultCredentials`]).
    pub credentials: Arc<dyn ProvideCredentials>,
    /// The region: substituted into regional hosts, looked up in region maps, sent as
    /// `X-TC-Region` to Tencent. For Alibaba operations with a `RegionId` parameter, the
    /// request's `RegionId` is used when this is unset.
    pub region: Option<String>,
    /// An explicit endpoint, overriding the service's rules: `https://host`, `http://127.0.0.1:PORT`
    /// or a bare host (https). Its authority is the `Host` header.
    pub endpoint: Option<String>,
    /// Use the service's international host where it has one (`cvm.intl.tencentcloudapi.com`,
    /// the Tencent SDK's `rootDomain='intl.tencentcloudapi.com'`); public network only.
    pub international: bool,
    /// The network to reach the service through (default [`Network::PUBLIC`]): for Alibaba
    /// services, `vpc`, `share`, `inner`, `intl` or any other network name gives the host the
    /// Alibaba SDKs build for it (`ecs-vpc.cn-beijing.aliyuncs.com`); a service with public
    /// hosts only (Tencent) refuses other networks. See [`crate::endpoint`].
    pub network: Network,
    /// Alibaba signature: ACS3-HMAC-SHA256 (default) or the legacy RPC HMAC-SHA1.
    pub signature_version: SignatureVersion,
    /// Validate requests against the spec before sending (default `true`).
    pub validate: bool,
    /// Retry policy (default: 3 attempts, 200 ms initial backoff, full jitter, 20 s cap).
    pub retry: RetryPolicy,
    /// Connect and read timeouts of the default transport (5 s and 10 s, the Alibaba SDK's).
    pub timeouts: TransportOptions,
    /// A transport to use instead of the default `reqwest` one. Required when the runtime is
    /// built without its `default-transport` feature.
    pub transport: Option<Arc<dyn Transport>>,
    /// How to wait between attempts (default: the tokio timer).
    pub sleeper: Arc<dyn Sleeper>,
    /// The time source for signatures (default: the system clock).
    pub clock: Arc<dyn Clock>,
    /// The signature nonce source (default: 128 random bits as hex).
    pub nonce: Arc<dyn NonceSource>,
    /// Appended to the `user-agent` header.
    pub user_agent: Option<String>,
    /// The whole `user-agent` value instead of cloudspec's (and any suffix): for a proxy or a
    /// service that allow-lists agents. Alibaba signs the header, so the signature covers it.
    pub user_agent_override: Option<String>,
    /// `http` instead of `https` for the host the service's rules choose (an explicit
    /// [`Config::endpoint`] keeps its own scheme). Default: `https`.
    pub scheme: Scheme,
    /// Where Tencent's per-attempt trace id (`X-TC-TraceId`) comes from; `None` draws a UUID v4
    /// per attempt. Pin it to correlate a call with the vendor's logs.
    pub trace_id: Option<Arc<dyn NonceSource>>,
    /// Fill an empty idempotency token (SWAS `ClientToken`) with a UUID that every retry reuses
    /// (default `true`). With `false`, a token is sent only when the request sets one, and a
    /// timed-out attempt is not retried (the service could not tell a retry from a new call).
    pub fill_idempotency_token: bool,
    /// Tencent `X-TC-Language` (`zh-CN`, the SDK's default, or `en-US`); `None` omits it.
    pub language: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            credentials: Arc::new(DefaultCredentials::new()),
            region: None,
            endpoint: None,
            international: false,
            network: Network::PUBLIC,
            signature_version: SignatureVersion::Acs3,
            validate: true,
            retry: RetryPolicy::default(),
            timeouts: TransportOptions::default(),
            transport: None,
            sleeper: Arc::new(TokioSleeper),
            clock: Arc::new(SystemClock),
            nonce: Arc::new(RandomNonce),
            user_agent: None,
            user_agent_override: None,
            scheme: Scheme::Https,
            trace_id: None,
            fill_idempotency_token: true,
            language: Some("zh-CN".into()),
        }
    }
}

impl Config {
    /// The defaults: credentials from the environment, no region, ACS3, validation on, 3
    /// attempts.
    pub fn new() -> Self {
        Config::default()
    }

    /// Signs with these credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Arc::new(credentials);
        self
    }

    /// Gets credentials from `provider` at every call.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Arc::new(provider);
        self
    }

    /// Sets the region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to this endpoint.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Uses the international host where the service has one.
    pub fn international(mut self, international: bool) -> Self {
        self.international = international;
        self
    }

    /// Reaches the service through `network` ([`Network::VPC`], or any name: `"share"`).
    pub fn network(mut self, network: impl Into<Network>) -> Self {
        self.network = network.into();
        self
    }

    /// Chooses the Alibaba signature.
    pub fn signature_version(mut self, version: SignatureVersion) -> Self {
        self.signature_version = version;
        self
    }

    /// Switches client-side validation on or off: the documented constraints of the request,
    /// and the operation's documented regions and required region. Off is the escape hatch for
    /// a spec behind the vendor (a new region, a relaxed limit).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the default transport's connect timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect_timeout = timeout;
        self
    }

    /// Sets the default transport's read timeout.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.read_timeout = timeout;
        self
    }

    /// Sends through `transport` instead of the default one.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Waits between attempts with `sleeper`.
    pub fn sleeper(mut self, sleeper: impl Sleeper + 'static) -> Self {
        self.sleeper = Arc::new(sleeper);
        self
    }

    /// Takes the signing time from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Takes signature nonces from `nonce`.
    pub fn nonce(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.nonce = Arc::new(nonce);
        self
    }

    /// Sends `user_agent` as the whole `user-agent` value (see
    /// [`Config::user_agent_override`]).
    pub fn replace_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent_override = Some(user_agent.into());
        self
    }

    /// Uses `scheme` for the hosts the service's rules choose.
    pub fn scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// Takes Tencent's trace ids from `source` (one per attempt).
    pub fn trace_id(mut self, source: impl NonceSource + 'static) -> Self {
        self.trace_id = Some(Arc::new(source));
        self
    }

    /// Whether to fill an empty idempotency token (see [`Config::fill_idempotency_token`]).
    pub fn fill_idempotency_token(mut self, fill: bool) -> Self {
        self.fill_idempotency_token = fill;
        self
    }

    /// Appends `suffix` to the `user-agent`.
    pub fn user_agent(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent = Some(suffix.into());
        self
    }

    /// Sets Tencent's `X-TC-Language` (`None` omits the header).
    pub fn language(mut self, language: Option<&str>) -> Self {
        self.language = language.map(str::to_string);
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("international", &self.international)
            .field("network", &self.network)
            .field("signature_version", &self.signature_version)
            .field("validate", &self.validate)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("custom_transport", &self.transport.is_some())
            .field("clock", &self.clock)
            .field("nonce", &self.nonce)
            .field("user_agent", &self.user_agent)
            .field("user_agent_override", &self.user_agent_override)
            .field("scheme", &self.scheme)
            .field("trace_id", &self.trace_id)
            .field("fill_idempotency_token", &self.fill_idempotency_token)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// The URL scheme for the hosts a service's rules choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// TLS (the default).
    #[default]
    Https,
    /// Plain HTTP (a proxy or a private network that terminates TLS elsewhere).
    Http,
}

/// What can go wrong before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// No credentials.
    Credentials(CredentialsError),
    /// No usable endpoint.
    Endpoint(EndpointError),
    /// The request could not be serialized.
    Serialize(WireError),
    /// The operation belongs to another service than the client's.
    WrongService {
        /// The operation.
        operation: &'static str,
        /// The client's service.
        service: &'static str,
    },
    /// The default transport could not be built.
    Transport(String),
    /// The operation needs a region and none is set.
    MissingRegion {
        /// The operation.
        operation: &'static str,
    },
    /// The region is not one the operation is documented to support.
    UnsupportedRegion {
        /// The operation.
        operation: &'static str,
        /// The region the call would have gone to.
        region: String,
        /// The regions the spec lists for the operation.
        supported: &'static [&'static str],
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Credentials(e) => fmt::Display::fmt(e, f),
            ConfigError::Endpoint(e) => fmt::Display::fmt(e, f),
            ConfigError::Serialize(e) => fmt::Display::fmt(e, f),
            ConfigError::WrongService { operation, service } => write!(
                f,
                "operation `{operation}` does not belong to the client's service `{service}`"
            ),
            ConfigError::Transport(e) => write!(f, "cannot build the HTTP transport: {e}"),
            ConfigError::MissingRegion { operation } => write!(
                f,
                "operation `{operation}` needs a region: set `Config::region`"
            ),
            ConfigError::UnsupportedRegion {
                operation,
                region,
                supported,
            } => write!(
                f,
                "operation `{operation}` is not documented for region `{region}` (it supports {}); \
                 `Config::validate(false)` sends it anyway",
                supported.join(", ")
            ),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Credentials(e) => Some(e),
            ConfigError::Endpoint(e) => Some(e),
            ConfigError::Serialize(e) => Some(e),
            _ => None,
        }
    }
}

/// Why a call failed. Never contains a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<K> {
    /// The request breaks documented rules; nothing was sent.
    Validation(ValidationErrors),
    /// The service answered with an error: its typed kind, code, message, HTTP status and
    /// request id.
    Service(OperationError<K>),
    /// No response arrived (connection failure, timeout), after `attempts` attempts.
    Transport {
        /// The last failure.
        error: TransportError,
        /// How many attempts were made.
        attempts: u32,
    },
    /// A response arrived that is neither the documented success nor an error document (an
    /// HTML 502 page, truncated JSON, a field of the wrong type).
    Malformed {
        /// HTTP status.
        status: u16,
        /// What did not fit.
        reason: String,
        /// The body, lossily decoded as UTF-8 and cut to 4 KiB.
        body: String,
        /// The request id from the response headers, if any.
        request_id: Option<String>,
    },
    /// The client is not configured to make the call (credentials, endpoint, …); nothing was
    /// sent.
    Config(ConfigError),
}

impl<K: ErrorKind> Error<K> {
    /// The service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&OperationError<K>> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The typed error kind, if the service answered with an error.
    pub fn kind(&self) -> Option<&K> {
        self.service_error().map(|e| &e.kind)
    }

    /// The service's error code (`InvalidImageName.Duplicate`), when it answered with one.
    pub fn code(&self) -> Option<&str> {
        self.service_error().map(OperationError::code)
    }

    /// The service's error message, when it answered with an error; for the other failures,
    /// `Display` says what went wrong.
    pub fn message(&self) -> Option<&str> {
        self.service_error().map(OperationError::message)
    }

    /// The HTTP status, when a response arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.http_status()),
            Error::Malformed { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The request id, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id(),
            Error::Malformed { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

impl<K: ErrorKind> fmt::Display for Error<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => fmt::Display::fmt(e, f),
            Error::Service(e) => write!(f, "service error: {e}"),
            Error::Transport { error, attempts } => {
                write!(
                    f,
                    "{error} (after {attempts} attempt{})",
                    if *attempts == 1 { "" } else { "s" }
                )
            }
            Error::Malformed {
                status,
                reason,
                request_id,
                ..
            } => {
                write!(f, "malformed response (HTTP {status}): {reason}")?;
                if let Some(id) = request_id {
                    write!(f, " [request id {id}]")?;
                }
                Ok(())
            }
            Error::Config(e) => write!(f, "configuration error: {e}"),
        }
    }
}

impl<K: ErrorKind> std::error::Error for Error<K> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Transport { error, .. } => Some(error),
            Error::Malformed { .. } => None,
            Error::Config(e) => Some(e),
        }
    }
}

impl Error<Untyped> {
    /// The same error with the kind of operation `K`.
    fn typed<K: ErrorKind>(self) -> Error<K> {
        match self {
            Error::Validation(e) => Error::Validation(e),
            Error::Service(e) => Error::Service(e.typed()),
            Error::Transport { error, attempts } => Error::Transport { error, attempts },
            Error::Malformed {
                status,
                reason,
                body,
                request_id,
            } => Error::Malformed {
                status,
                reason,
                body,
                request_id,
            },
            Error::Config(e) => Error::Config(e),
        }
    }
}

impl<K> From<ValidationErrors> for Error<K> {
    fn from(e: ValidationErrors) -> Self {
        Error::Validation(e)
    }
}

impl<K> From<ConfigError> for Error<K> {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

/// A client of one service version. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static ServiceSpec,
    config: Config,
    transport: Result<Arc<dyn Transport>, String>,
    /// The `user-agent` value, with the configured suffix.
    user_agent: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service.product)
            .field("version", &self.inner.service.version)
            .field("config", &self.inner.config)
            .finish()
    }
}

/// A request serialized into members.
type Members = Vec<(Cow<'static, str>, Node)>;

/// A success document: the response and its JSON value (inside the envelope), to be decoded
/// into the operation's type.
struct Success {
    response: HttpResponse,
    value: Value,
}

/// One request, laid out and ready to be signed for each attempt.
struct Prepared {
    op: &'static OperationSpec,
    params: WireParams,
    /// The JSON body text, when `params.json` was left empty for it.
    json_body: Option<String>,
    endpoint: Endpoint,
    credentials: Credentials,
    region: Option<String>,
    /// The request carries an idempotency token, so a timed-out attempt may be retried.
    idempotent: bool,
}

/// The transport used when the config names none: reqwest, with the `default-transport` feature.
#[cfg(feature = "default-transport")]
fn default_transport(options: TransportOptions) -> Result<Arc<dyn Transport>, String> {
    crate::transport::ReqwestTransport::new(options)
        .map(|t| Arc::new(t) as Arc<dyn Transport>)
        .map_err(|e| e.to_string())
}

/// Without the `default-transport` feature there is no transport to fall back on.
#[cfg(not(feature = "default-transport"))]
fn default_transport(_: TransportOptions) -> Result<Arc<dyn Transport>, String> {
    Err(
        "no transport is configured: set `Config::transport`, or enable the `default-transport` \
         feature of cloudspec-runtime"
            .into(),
    )
}

impl Client {
    /// A client of `service`. The default transport is built here; if that fails (no TLS
    /// backend), every call returns [`Error::Config`].
    pub fn new(service: &'static ServiceSpec, config: Config) -> Self {
        let transport = match &config.transport {
            Some(t) => Ok(Arc::clone(t)),
            None => default_transport(config.timeouts),
        };
        let user_agent = match (&config.user_agent_override, &config.user_agent) {
            (Some(whole), _) => whole.clone(),
            (None, Some(suffix)) => format!("{USER_AGENT} {suffix}"),
            (None, None) => USER_AGENT.to_string(),
        };
        Client {
            inner: Arc::new(Inner {
                service,
                config,
                transport,
                user_agent,
            }),
        }
    }

    /// The service.
    pub fn service(&self) -> &'static ServiceSpec {
        self.inner.service
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The request serialized into members: the one step of preparing a call that depends on
    /// the request's type (everything after it is compiled once, not once per operation).
    /// A request that does not serialize is reported as a validation error when `validate`
    /// rejects it, as a configuration error otherwise.
    fn serialize<O: Operation>(&self, request: &O) -> Result<Members, Error<Untyped>> {
        self.check_service(O::SPEC)?;
        to_node_members(request).map_err(|e| {
            if self.inner.config.validate
                && let Err(violations) = validate(request, O::SPEC)
            {
                return Error::Validation(violations);
            }
            ConfigError::Serialize(e).into()
        })
    }

    fn check_service(&self, op: &'static OperationSpec) -> Result<(), ConfigError> {
        let service = self.inner.service;
        if !std::ptr::eq(op.service, service)
            && (op.service.product, op.service.version) != (service.product, service.version)
        {
            return Err(ConfigError::WrongService {
                operation: op.name,
                service: service.product,
            });
        }
        Ok(())
    }

    async fn prepare(
        &self,
        op: &'static OperationSpec,
        members: Members,
    ) -> Result<Prepared, Error<Untyped>> {
        let service = self.inner.service;
        let config = &self.inner.config;
        let mut members = members;
        if config.validate {
            validate_object(&members, op)?;
        }
        if let Some(token) = op
            .idempotency_token
            .filter(|_| config.fill_idempotency_token)
            && fill_token_node(&mut members, token, uuid_v4)
        {
            tracing::debug!(parameter = token, "filled the idempotency token");
        }
        let idempotent = op.idempotency_token.is_some_and(|token| {
            members
                .iter()
                .any(|(k, v)| k == token && v.as_str().is_some_and(|s| !s.is_empty()))
        });
        // The JSON body is written as text straight from the request (see `JsonBody`); a
        // protocol without JSON parameters ignores it.
        let (params, json_body) =
            serialize_members(&members, op, JsonBody::Text).map_err(ConfigError::Serialize)?;
        let region = config.region.clone().filter(|r| !r.is_empty()).or_else(|| {
            let name = service.protocol.region_parameter()?;
            members
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.as_str())
                .filter(|r| !r.is_empty())
                .map(str::to_string)
        });
        if config.validate {
            check_region(op, region.as_deref())?;
        }
        let mut endpoint = resolve(
            service,
            region.as_deref(),
            &config.network,
            config.international,
            config.endpoint.as_deref(),
        )
        .map_err(ConfigError::Endpoint)?;
        if config.scheme == Scheme::Http && config.endpoint.is_none() {
            endpoint = Endpoint::parse(&format!("http://{}", endpoint.authority()))
                .map_err(ConfigError::Endpoint)?;
        }
        let credentials = config
            .credentials
            .provide_credentials(service.provider())
            .await
            .map_err(ConfigError::Credentials)?;
        Ok(Prepared {
            op,
            params,
            json_body,
            endpoint,
            credentials,
            region,
            idempotent,
        })
    }

    fn sign(&self, prepared: &Prepared) -> HttpRequest {
        let config = &self.inner.config;
        let protocol = prepared.op.service.protocol;
        // Draw only the per-attempt values the protocol sends.
        let nonce = if protocol.signs_nonce() {
            config.nonce.nonce()
        } else {
            String::new()
        };
        let trace_id = if protocol.sends_trace_id() {
            match &config.trace_id {
                Some(source) => source.nonce(),
                None => uuid_v4(),
            }
        } else {
            String::new()
        };
        signed_request_with_json_body(
            &prepared.params,
            prepared.json_body.as_deref(),
            &RequestContext {
                op: prepared.op,
                endpoint: &prepared.endpoint,
                credentials: &prepared.credentials,
                region: prepared.region.as_deref(),
                timestamp: config.clock.now_unix(),
                nonce: &nonce,
                trace_id: &trace_id,
                signature: config.signature_version,
                user_agent: &self.inner.user_agent,
                language: config.language.as_deref(),
            },
        )
    }

    /// The signed HTTP request the first attempt of `request` would send (validation and the
    /// idempotency token included), without sending it. Asynchronous because the credentials
    /// provider may fetch.
    pub async fn build_request<O: Operation>(
        &self,
        request: &O,
    ) -> Result<HttpRequest, Error<O::ErrorKind>> {
        let members = self.serialize(request).map_err(Error::typed)?;
        self.build_request_from(O::SPEC, members)
            .await
            .map_err(Error::typed)
    }

    async fn build_request_from(
        &self,
        op: &'static OperationSpec,
        members: Members,
    ) -> Result<HttpRequest, Error<Untyped>> {
        let prepared = self.prepare(op, members).await?;
        Ok(self.sign(&prepared))
    }

    /// Calls the operation: validates the request against the spec (unless
    /// [`Config::validate`] is off), signs it, sends it to the service's endpoint (or
    /// `Config::endpoint`), retries throttling, 5xx and connection failures with backoff
    /// ([`Config::retry`]), and decodes the typed response.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with the operation's typed error kind when the service answers with
    /// an error document; [`Error::Validation`] (nothing sent), [`Error::Transport`] (no
    /// response after the retries), [`Error::Malformed`] (a response that is neither success
    /// nor error document) or [`Error::Config`] (credentials, endpoint) otherwise.
    ///
    /// Only serializing the request and decoding the success body depend on the operation's
    /// types; the rest (validation, signing, the retry loop, error documents) is one copy in
    /// this crate instead of one per operation in every generated crate.
    pub async fn call<O: Operation>(&self, request: O) -> Result<O::Response, Error<O::ErrorKind>> {
        self.call_inspecting(request, |_| ())
            .await
            .map(|(response, ())| response)
    }

    /// [`Client::call`], also giving what arrived beside the decoded response: the HTTP
    /// status, the request id (from the protocol's header, else the body) and the headers.
    ///
    /// # Errors
    ///
    /// As [`Client::call`].
    pub async fn call_with_metadata<O: Operation>(
        &self,
        request: O,
    ) -> Result<Output<O::Response>, Error<O::ErrorKind>> {
        let protocol = O::SPEC.service.protocol;
        self.call_inspecting_response(request, |_, response| ResponseMetadata {
            status: response.status,
            request_id: protocol
                .request_id_header()
                .and_then(|h| response.header(h))
                .map(str::to_string)
                .or_else(|| body_request_id(protocol, &response.body)),
            headers: response.headers.clone(),
        })
        .await
        .map(|(value, metadata)| Output { value, metadata })
    }

    /// [`Client::call`], also giving what `inspect` makes of the success object's JSON value
    /// (after any envelope) before it is decoded: the waiters read their paths there.
    pub(crate) async fn call_inspecting<O: Operation, T>(
        &self,
        request: O,
        inspect: impl FnOnce(&Value) -> T,
    ) -> Result<(O::Response, T), Error<O::ErrorKind>> {
        self.call_inspecting_response(request, |value, _| inspect(value))
            .await
    }

    /// [`Client::call_inspecting`], with the HTTP response too.
    async fn call_inspecting_response<O: Operation, T>(
        &self,
        request: O,
        inspect: impl FnOnce(&Value, &HttpResponse) -> T,
    ) -> Result<(O::Response, T), Error<O::ErrorKind>> {
        let members = self.serialize(&request);
        drop(request);
        let success = self.send(O::SPEC, members).await.map_err(Error::typed)?;
        let inspected = inspect(&success.value, &success.response);
        decode_success(
            success.value,
            success.response.status,
            &success.response.body,
        )
        .map(|response| (response, inspected))
        .map_err(|e| match e {
            ResponseError::Malformed {
                status,
                reason,
                body,
            } => {
                tracing::debug!(status, reason, "malformed success");
                Error::Malformed {
                    status,
                    reason,
                    body,
                    request_id: O::SPEC
                        .service
                        .protocol
                        .request_id_header()
                        .and_then(|h| success.response.header(h))
                        .map(str::to_string),
                }
            }
            ResponseError::Api(e) => Error::Service(e),
        })
    }

    /// Prepares and sends a serialized request in its `cloudspec.call` span: the success
    /// document, or why there is none.
    async fn send(
        &self,
        op: &'static OperationSpec,
        members: Result<Members, Error<Untyped>>,
    ) -> Result<Success, Error<Untyped>> {
        let span = tracing::info_span!(
            "cloudspec.call",
            service = op.service.product,
            version = op.service.version,
            operation = op.name,
            attempt = Empty,
            status = Empty,
            request_id = Empty,
        );
        let prepared = match members {
            Ok(m) => self.prepare(op, m).instrument(span.clone()).await,
            Err(e) => Err(e),
        };
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                span.in_scope(|| tracing::debug!(error = %e, "not sent"));
                return Err(e);
            }
        };
        self.send_with_retries(prepared, span.clone())
            .instrument(span)
            .await
    }

    async fn send_with_retries(
        &self,
        prepared: Prepared,
        span: tracing::Span,
    ) -> Result<Success, Error<Untyped>> {
        let config = &self.inner.config;
        let transport = match &self.inner.transport {
            Ok(t) => Arc::clone(t),
            Err(e) => return Err(ConfigError::Transport(e.clone()).into()),
        };
        let protocol = prepared.op.service.protocol;
        let header = |response: &HttpResponse, name: Option<&'static str>| {
            name.and_then(|h| response.header(h)).map(str::to_string)
        };
        let attempts = config.retry.attempts();
        let idempotent = prepared.idempotent;
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let request = self.sign(&prepared);
            let retry_hint;
            match transport.send(request).await {
                Err(error) => {
                    let retry =
                        attempt < attempts && is_retryable_transport(error.kind(), idempotent);
                    tracing::debug!(attempt, error = %error, retry, "no response");
                    if !retry {
                        return Err(Error::Transport {
                            error,
                            attempts: attempt,
                        });
                    }
                    retry_hint = None;
                }
                Ok(response) => {
                    span.record("status", response.status);
                    let header_id = header(&response, protocol.request_id_header());
                    match decode_http_body(prepared.op, &response) {
                        Ok(value) => {
                            if let Some(id) =
                                header_id.or_else(|| body_request_id(protocol, &response.body))
                            {
                                span.record("request_id", id.as_str());
                            }
                            tracing::debug!(attempt, status = response.status, "success");
                            return Ok(Success { response, value });
                        }
                        Err(ResponseError::Api(error)) => {
                            if let Some(id) = error.request_id() {
                                span.record("request_id", id);
                            }
                            let retry = attempt < attempts
                                && is_retryable_response(error.http_status(), Some(error.code()));
                            tracing::debug!(
                                attempt,
                                status = response.status,
                                code = error.code(),
                                retry,
                                "service error"
                            );
                            if !retry {
                                return Err(Error::Service(error));
                            }
                            retry_hint = header(&response, protocol.retry_after_header())
                                .as_deref()
                                .and_then(parse_retry_after);
                        }
                        Err(ResponseError::Malformed {
                            status,
                            reason,
                            body,
                        }) => {
                            let retry = attempt < attempts && is_retryable_response(status, None);
                            tracing::debug!(attempt, status, retry, "malformed response");
                            if !retry {
                                return Err(Error::Malformed {
                                    status,
                                    reason,
                                    body,
                                    request_id: header_id,
                                });
                            }
                            retry_hint = header(&response, protocol.retry_after_header())
                                .as_deref()
                                .and_then(parse_retry_after);
                        }
                    }
                }
            }
            let delay = config.retry.delay(attempt, retry_hint, random_unit());
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
            config.sleeper.sleep(delay).await;
        }
    }
}

/// A decoded response with what arrived beside it ([`Client::call_with_metadata`]). It
/// dereferences to the response.
#[derive(Debug, Clone)]
pub struct Output<T> {
    value: T,
    metadata: ResponseMetadata,
}

impl<T> Output<T> {
    /// The decoded response.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The decoded response and the metadata.
    pub fn into_parts(self) -> (T, ResponseMetadata) {
        (self.value, self.metadata)
    }

    /// What arrived beside the response.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// The request id (see [`ResponseMetadata::request_id`]).
    pub fn request_id(&self) -> Option<&str> {
        self.metadata.request_id()
    }
}

impl<T> std::ops::Deref for Output<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The HTTP status, request id and headers of a successful response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMetadata {
    status: u16,
    request_id: Option<String>,
    headers: Vec<(String, String)>,
}

impl ResponseMetadata {
    /// The HTTP status (200 for the RPC and API 3.0 protocols; ROA operations may answer 2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id: the protocol's header (`x-acs-request-id`), else the body's
    /// (`RequestId`, Tencent's `Response.RequestId`). Quote it to the vendor's support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The response headers, names in lower case as received.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Refuses a call without the region the operation requires, or to a region outside the
/// operation's documented list.
fn check_region(op: &'static OperationSpec, region: Option<&str>) -> Result<(), ConfigError> {
    match region {
        None if op.region_required => Err(ConfigError::MissingRegion { operation: op.name }),
        Some(region) if !op.regions.is_empty() && !op.regions.contains(&region) => {
            Err(ConfigError::UnsupportedRegion {
                operation: op.name,
                region: region.to_string(),
                supported: op.regions,
            })
        }
        _ => Ok(()),
    }
}

/// The request id of a JSON body, where `protocol` puts it.
fn body_request_id(protocol: &dyn Protocol, body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    protocol.body_request_id(&value)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use serde::Serialize;

    use super::*;
    use crate::clock::{FixedClock, FixedNonce};
    use crate::protocol::{AlibabaRpc, TencentApi3};
    use crate::schema::Provider;
    use crate::schema::{CheckRule, EndpointRule, Kind, ParamSpec};
    use crate::transport::{BoxFuture, HttpResponse, TransportErrorKind};

    static SERVICE: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "swas-open",
        version: "2020-06-01",
        signing_name: "swas-open",
        endpoint_rule: EndpointRule::Regional,
        host: "swas.{region}.aliyuncs.com",
        region_map: &[],
        international_host: None,
        network_hosts: crate::schema::NetworkHosts::LabelSuffix,
    };
    static OTHER: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "ens",
        version: "2017-11-10",
        signing_name: "ens",
        endpoint_rule: EndpointRule::Central,
        host: "ens.aliyuncs.com",
        region_map: &[],
        international_host: None,
        network_hosts: crate::schema::NetworkHosts::LabelSuffix,
    };
    static OP: OperationSpec = OperationSpec {
        service: &SERVICE,
        name: "CreateCustomImage",
        params: &[
            ParamSpec::new("RegionId", Kind::String),
            ParamSpec::new("ClientToken", Kind::String),
            ParamSpec::new("ImageName", Kind::String).checks(&[crate::schema::Check::new(
                CheckRule::MaxLength(5),
                "At most 5.",
            )]),
        ],
        rules: &[],
        envelope: None,
        idempotency_token: Some("ClientToken"),
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Kinds {
        Throttling,
        Unknown,
    }
    impl ErrorKind for Kinds {
        fn from_code(code: &str) -> Self {
            if code == "Throttling.User" {
                Kinds::Throttling
            } else {
                Kinds::Unknown
            }
        }
    }

    #[derive(Serialize, Default)]
    struct Req {
        #[serde(rename = "RegionId")]
        region_id: Option<String>,
        #[serde(rename = "ClientToken")]
        client_token: Option<String>,
        #[serde(rename = "ImageName")]
        image_name: Option<String>,
    }
    #[derive(crate::FromWire, Debug, PartialEq)]
    struct Resp {
        #[cloudspec(wire = "ImageId")]
        image_id: Option<String>,
    }
    impl Operation for Req {
        type Response = Resp;
        type ErrorKind = Kinds;
        const SPEC: &'static OperationSpec = &OP;
    }

    /// Answers from a script and records every request.
    #[derive(Default)]
    struct Scripted {
        answers: Mutex<Vec<Result<HttpResponse, TransportErrorKind>>>,
        seen: Mutex<Vec<HttpRequest>>,
    }
    impl Transport for Arc<Scripted> {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            self.seen.lock().unwrap().push(request);
            let next = self.answers.lock().unwrap().remove(0);
            Box::pin(async move { next.map_err(|k| TransportError::new(k, "scripted")) })
        }
    }
    #[derive(Default, Clone)]
    struct Recorder(Arc<Mutex<Vec<Duration>>>);
    impl Sleeper for Recorder {
        fn sleep(&self, d: Duration) -> BoxFuture<'static, ()> {
            self.0.lock().unwrap().push(d);
            Box::pin(async {})
        }
    }

    fn ok(
        status: u16,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Result<HttpResponse, TransportErrorKind> {
        Ok(HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        })
    }

    fn client(
        answers: Vec<Result<HttpResponse, TransportErrorKind>>,
    ) -> (Client, Arc<Scripted>, Recorder) {
        let scripted = Arc::new(Scripted {
            answers: Mutex::new(answers),
            seen: Mutex::default(),
        });
        let sleeper = Recorder::default();
        let config = Config::new()
            .credentials(Credentials::new("id", "TOP-SECRET"))
            .transport(Arc::clone(&scripted))
            .sleeper(sleeper.clone())
            .clock(FixedClock(1_698_315_752))
            .nonce(FixedNonce("n".into()));
        (Client::new(&SERVICE, config), scripted, sleeper)
    }

    fn req() -> Req {
        Req {
            region_id: Some("cn-hangzhou".into()),
            ..Req::default()
        }
    }

    use crate::testing::CVM as TC;
    static TC_OP: OperationSpec = OperationSpec {
        service: &TC,
        name: "DescribeImages",
        params: &[],
        rules: &[],
        envelope: Some("Response"),
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &["ap-beijing", "ap-guangzhou"],
        region_required: true,
    };
    #[derive(Serialize, Default)]
    struct TcReq {}
    impl Operation for TcReq {
        type Response = Resp;
        type ErrorKind = Kinds;
        const SPEC: &'static OperationSpec = &TC_OP;
    }
    static ALI_OP: OperationSpec = OperationSpec {
        service: &SERVICE,
        name: "ListImages",
        params: &[ParamSpec::new("RegionId", Kind::String)],
        rules: &[],
        envelope: None,
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &["cn-hangzhou"],
        region_required: false,
    };
    #[derive(Serialize, Default)]
    struct AliReq {
        #[serde(rename = "RegionId")]
        region_id: Option<String>,
    }
    impl Operation for AliReq {
        type Response = Resp;
        type ErrorKind = Kinds;
        const SPEC: &'static OperationSpec = &ALI_OP;
    }

    #[test]
    fn regions_are_enforced_before_sending() {
        let base = || {
            Config::new()
                .credentials(Credentials::new("id", "secret"))
                .transport(Arc::new(Scripted::default()))
        };
        let tc =
            |config: Config| crate::testing::now(Client::new(&TC, config).build_request(&TcReq {}));
        match tc(base()) {
            Err(Error::Config(ConfigError::MissingRegion { operation })) => {
                assert_eq!(operation, "DescribeImages");
            }
            other => panic!("expected a missing region, got {other:?}"),
        }
        match tc(base().region("ap-tokyo")) {
            Err(Error::Config(e @ ConfigError::UnsupportedRegion { .. })) => assert_eq!(
                e.to_string(),
                "operation `DescribeImages` is not documented for region `ap-tokyo` (it supports \
                 ap-beijing, ap-guangzhou); `Config::validate(false)` sends it anyway"
            ),
            other => panic!("expected an unsupported region, got {other:?}"),
        }
        let sent = tc(base().region("ap-beijing")).unwrap();
        assert!(
            sent.headers
                .contains(&("X-TC-Region".into(), "ap-beijing".into()))
        );
        // Validation off is the escape hatch for a spec behind the vendor: neither the list nor
        // the required region is enforced, and the request goes out as configured.
        assert!(tc(base().region("ap-tokyo").validate(false)).is_ok());
        assert!(tc(base().validate(false)).is_ok());

        // Alibaba: the region comes from the `RegionId` parameter.
        let ali = |region: &str| {
            crate::testing::now(Client::new(&SERVICE, base()).build_request(&AliReq {
                region_id: Some(region.into()),
            }))
        };
        assert!(ali("cn-hangzhou").is_ok());
        assert!(matches!(
            ali("cn-beijing"),
            Err(Error::Config(ConfigError::UnsupportedRegion { .. }))
        ));
    }

    #[tokio::test]
    async fn success_uses_request_region_and_fills_token_once() {
        let (c, t, s) = client(vec![
            ok(
                503,
                r#"{"Code":"ServiceUnavailable","RequestId":"r0"}"#,
                &[],
            ),
            ok(200, r#"{"ImageId":"m-1","RequestId":"r1"}"#, &[]),
        ]);
        let out = c.call(req()).await.unwrap();
        assert_eq!(out.image_id.as_deref(), Some("m-1"));
        let seen = t.seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        assert!(
            seen[0]
                .url
                .starts_with("https://swas.cn-hangzhou.aliyuncs.com/?ClientToken=")
        );
        let token = |r: &HttpRequest| r.url.split("ClientToken=").nth(1).unwrap()[..36].to_string();
        assert_eq!(token(&seen[0]), token(&seen[1]), "retries reuse the token");
        assert_eq!(s.0.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn caller_token_is_kept() {
        let (c, t, _) = client(vec![ok(200, r#"{"ImageId":"m"}"#, &[])]);
        let mut r = req();
        r.client_token = Some("mine".into());
        c.call(r).await.unwrap();
        assert!(t.seen.lock().unwrap()[0].url.contains("ClientToken=mine&"));
    }

    #[tokio::test]
    async fn throttling_honours_retry_after_then_gives_up() {
        let throttled = r#"{"Code":"Throttling.User","Message":"slow","RequestId":"r"}"#;
        let (c, t, s) = client(vec![
            ok(400, throttled, &[("x-acs-retry-after", "1500")]),
            ok(400, throttled, &[]),
            ok(400, throttled, &[]),
        ]);
        let e = c.call(req()).await.unwrap_err();
        assert_eq!(e.kind(), Some(&Kinds::Throttling));
        assert_eq!(e.http_status(), Some(400));
        assert_eq!(e.request_id(), Some("r"));
        assert_eq!(t.seen.lock().unwrap().len(), 3);
        let delays = s.0.lock().unwrap().clone();
        assert_eq!(delays.len(), 2);
        assert_eq!(delays[0], Duration::from_millis(1500));
        assert!(delays[1] <= Duration::from_millis(400));
    }

    #[tokio::test]
    async fn client_errors_are_not_retried() {
        let (c, t, _) = client(vec![ok(400, r#"{"Code":"InvalidParameter"}"#, &[])]);
        let e = c.call(req()).await.unwrap_err();
        assert_eq!(e.kind(), Some(&Kinds::Unknown));
        assert_eq!(t.seen.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn transport_failures() {
        let (c, t, _) = client(vec![
            Err(TransportErrorKind::Connect),
            Err(TransportErrorKind::Timeout),
            Err(TransportErrorKind::Connect),
        ]);
        // The operation has an idempotency token, so a timeout is retried too.
        let e = c.call(req()).await.unwrap_err();
        assert!(matches!(e, Error::Transport { attempts: 3, .. }), "{e}");
        assert_eq!(t.seen.lock().unwrap().len(), 3);
        assert!(e.to_string().ends_with("(after 3 attempts)"), "{e}");
    }

    /// With no transport configured, the client falls back on reqwest when the
    /// `default-transport` feature is on, and otherwise fails every call with a config error
    /// that says what to set; nothing panics either way.
    #[tokio::test]
    async fn missing_transport_falls_back_or_says_what_to_set() {
        // A port nobody listens on: the reqwest fallback fails to connect.
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let config = Config::new()
            .credentials(Credentials::new("id", "TOP-SECRET"))
            .endpoint(format!("http://127.0.0.1:{port}"))
            .retry(RetryPolicy {
                max_attempts: 1,
                ..RetryPolicy::default()
            });
        let e = Client::new(&SERVICE, config).call(req()).await.unwrap_err();
        if cfg!(feature = "default-transport") {
            assert!(matches!(e, Error::Transport { attempts: 1, .. }), "{e}");
        } else {
            assert!(matches!(e, Error::Config(ConfigError::Transport(_))), "{e}");
            assert!(e.to_string().contains("`Config::transport`"), "{e}");
            assert!(e.to_string().contains("`default-transport`"), "{e}");
        }
    }

    #[tokio::test]
    async fn malformed_502_keeps_status_and_body() {
        let html = "<html><body>502 Bad Gateway</body></html>";
        let (c, _, _) = client(vec![
            ok(502, html, &[("x-acs-request-id", "hdr-id")]),
            ok(502, html, &[]),
            ok(502, html, &[("x-acs-request-id", "hdr-id")]),
        ]);
        match c.call(req()).await.unwrap_err() {
            Error::Malformed {
                status,
                body,
                request_id,
                ..
            } => {
                assert_eq!(status, 502);
                assert_eq!(body, html);
                assert_eq!(request_id.as_deref(), Some("hdr-id"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn validation_and_config_errors_send_nothing() {
        let (c, t, _) = client(vec![]);
        let mut r = req();
        r.image_name = Some("too long".into());
        assert!(matches!(c.call(r).await, Err(Error::Validation(_))));
        let e = c.call(Req::default()).await.unwrap_err();
        assert!(
            matches!(
                e,
                Error::Config(ConfigError::Endpoint(EndpointError::RegionRequired { .. }))
            ),
            "{e}"
        );
        assert!(t.seen.lock().unwrap().is_empty());
        let other = Client::new(
            &OTHER,
            Config::new().credentials(Credentials::new("a", "b")),
        );
        let e = other.call(req()).await.unwrap_err();
        assert!(
            matches!(e, Error::Config(ConfigError::WrongService { .. })),
            "{e}"
        );
    }

    #[tokio::test]
    async fn validation_can_be_switched_off() {
        let (c, t, _) = client(vec![ok(200, "{}", &[])]);
        let c = Client::new(&SERVICE, c.config().clone().validate(false));
        let mut r = req();
        r.image_name = Some("too long".into());
        c.call(r).await.unwrap();
        assert!(t.seen.lock().unwrap()[0].url.contains("ImageName=too+long"));
    }

    #[tokio::test]
    async fn missing_credentials_are_a_config_error() {
        #[derive(Debug)]
        struct Nothing;
        impl ProvideCredentials for Nothing {
            fn provide_credentials<'a>(
                &'a self,
                provider: Provider,
            ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
                Box::pin(async move {
                    Err(CredentialsError {
                        provider,
                        missing: vec!["ALIBABA_CLOUD_ACCESS_KEY_ID"],
                        tried: Vec::new(),
                    })
                })
            }
        }
        let (c, _, _) = client(vec![]);
        let c = Client::new(&SERVICE, c.config().clone().credentials_provider(Nothing));
        let e = c.call(req()).await.unwrap_err();
        assert!(e.to_string().contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{e}");
    }

    #[test]
    fn nothing_secret_in_debug_or_display() {
        let (c, _, _) = client(vec![]);
        let debug = format!("{c:?} {:?}", c.config());
        assert!(!debug.contains("TOP-SECRET"), "{debug}");
        let request = crate::testing::now(c.build_request(&req())).unwrap();
        assert!(
            !format!("{request:?}").contains("Signature="),
            "{request:?}"
        );
        let e: Error<Kinds> = Error::Transport {
            error: TransportError::new(TransportErrorKind::Connect, "refused"),
            attempts: 1,
        };
        assert_eq!(
            e.to_string(),
            "connection failed: refused (after 1 attempt)"
        );
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn body_request_ids() {
        assert_eq!(
            body_request_id(&AlibabaRpc, br#"{"RequestId":"a"}"#).as_deref(),
            Some("a")
        );
        assert_eq!(
            body_request_id(&TencentApi3, br#"{"Response":{"RequestId":"b"}}"#).as_deref(),
            Some("b")
        );
        // Each protocol looks where it puts the id, not where the other does.
        assert_eq!(
            body_request_id(&AlibabaRpc, br#"{"Response":{"RequestId":"b"}}"#),
            None
        );
        assert_eq!(body_request_id(&AlibabaRpc, b"<html>"), None);
    }
}

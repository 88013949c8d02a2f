//! Temporary credentials of a role, from the vendor's STS `AssumeRole`, signed with source
//! credentials from any other provider, as the official SDKs call it, and cached until shortly
//! before they expire.
//!
//! * Alibaba Cloud ([`RamRoleArnCredentials`], `alibabacloud_credentials`'
//!   `RamRoleArnCredentialsProvider`): `GET https://sts.aliyuncs.com/?Action=AssumeRole&
//!   Format=JSON&Version=2015-04-01&DurationSeconds&RoleArn&RoleSessionName[&Policy]
//!   [&ExternalId]&…`, signed with the RPC `HMAC-SHA1` signature
//!   (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, `AccessKeyId`, `SecurityToken` when
//!   the source credentials have one). The answer's `Credentials` holds `AccessKeyId`,
//!   `AccessKeySecret`, `SecurityToken` and `Expiration`. `ALIBABA_CLOUD_ROLE_ARN` and
//!   `ALIBABA_CLOUD_ROLE_SESSION_NAME` give the role and session name when not set here;
//!   `ALIBABA_CLOUD_STS_REGION` picks `sts.<region>.aliyuncs.com` and
//!   `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true` its `sts-vpc` form.
//! * Tencent Cloud ([`StsAssumeRoleCredentials`], `tencentcloud-sdk-python-common`'s
//!   `STSAssumeRoleCredential`): API 3.0 `AssumeRole` of `sts` version `2018-08-13` at
//!   `sts.tencentcloudapi.com`, region `ap-guangzhou`, a JSON body `RoleArn`, `RoleSessionName`,
//!   `DurationSeconds`, signed with TC3-HMAC-SHA256 as every Tencent request. The answer's
//!   `Response.Credentials` holds `TmpSecretId`, `TmpSecretKey`, `Token`, and
//!   `Response.ExpiredTime` the expiry.
//!
//! An error document from STS becomes a [`CredentialsError`] naming the provider, the endpoint,
//! the role, the service's code and message and the request id; a body that is not the
//! documented answer is described, never quoted.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use super::cache::{ALIBABA_REFRESH_WINDOW, CachedCredentials, TENCENT_REFRESH_WINDOW};
use super::http::{HttpSource, alibaba_temporary, parse_utc, strings, unix_to_system_time};
use super::{Credentials, CredentialsError, ProvideCredentials, ready};
use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock, format_iso8601_utc};
use crate::endpoint::Endpoint;
use crate::prepare::{
    RequestContext, SignatureVersion, USER_AGENT, signed_request, url_with_query,
};
use crate::response::{ResponseError, decode_http_body};
use crate::schema::{EndpointRule, NetworkHosts, OperationSpec, Provider, ServiceSpec};
use crate::sign::rpc_v1;
use crate::transport::{BoxFuture, HttpResponse, Transport, TransportOptions};
use crate::wire::{WireParams, uuid_v4};

/// Alibaba Cloud's STS endpoint.
pub const ALIBABA_STS_ENDPOINT: &str = "https://sts.aliyuncs.com";
/// Tencent Cloud's STS endpoint.
pub const TENCENT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";

/// The shortest session Alibaba's STS grants (the SDK refuses less): 900 s.
const ALIBABA_MIN_DURATION: u32 = 900;

static ALIBABA_STS: ServiceSpec = ServiceSpec {
    protocol: &crate::protocol::AlibabaRpc,
    product: "Sts",
    version: "2015-04-01",
    signing_name: "sts",
    endpoint_rule: EndpointRule::Central,
    host: "sts.aliyuncs.com",
    region_map: &[],
    international_host: None,
    network_hosts: NetworkHosts::PublicOnly,
};

static ALIBABA_ASSUME_ROLE: OperationSpec = OperationSpec {
    service: &ALIBABA_STS,
    name: "AssumeRole",
    params: &[],
    rules: &[],
    envelope: None,
    idempotency_token: None,
    method: "GET",
    path: "/",
    regions: &[],
    region_required: false,
};

static TENCENT_STS: ServiceSpec = ServiceSpec {
    protocol: &crate::protocol::TencentApi3,
    product: "sts",
    version: "2018-08-13",
    signing_name: "sts",
    endpoint_rule: EndpointRule::Central,
    host: "sts.tencentcloudapi.com",
    region_map: &[],
    international_host: None,
    network_hosts: NetworkHosts::PublicOnly,
};

static TENCENT_ASSUME_ROLE: OperationSpec = OperationSpec {
    service: &TENCENT_STS,
    name: "AssumeRole",
    params: &[],
    rules: &[],
    envelope: Some("Response"),
    idempotency_token: None,
    method: "POST",
    path: "/",
    regions: &[],
    region_required: false,
};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The session name when none is set: the SDKs' `<sdk>-<unix time>`.
fn default_session_name(clock: &dyn Clock) -> String {
    format!("cloudspec-{}", clock.now_unix())
}

/// What an answer of STS means: the success object, or why there is none (the service's code,
/// message and request id, or a description of the body).
fn decode(op: &'static OperationSpec, response: &HttpResponse) -> Result<Value, String> {
    decode_http_body(op, response).map_err(|e| match e {
        ResponseError::Api(e) => {
            let mut text = format!(
                "{}: {} (HTTP {}",
                e.code(),
                e.message(),
                e.error.http_status
            );
            if let Some(id) = e.request_id() {
                text.push_str(&format!(", request id {id}"));
            }
            text.push(')');
            text
        }
        ResponseError::Malformed { status, reason, .. } => {
            format!("not an AssumeRole answer (HTTP {status}): {reason}")
        }
    })
}

/// The source credentials, or their error with a note of what they were for.
async fn source_credentials(
    source: &dyn ProvideCredentials,
    provider: Provider,
    what: &str,
) -> Result<Credentials, CredentialsError> {
    source.provide_credentials(provider).await.map_err(|mut e| {
        e.tried
            .push(format!("(these are the source credentials of {what})"));
        e
    })
}

/// Alibaba Cloud credentials of a RAM role, from STS `AssumeRole`, cached and refreshed 180 s
/// before they expire.
///
/// As `alibabacloud_credentials`' `RamRoleArnCredentialsProvider` calls it: `GET
/// https://sts.aliyuncs.com/?Action=AssumeRole&
/// Format=JSON&Version=2015-04-01&DurationSeconds&RoleArn&RoleSessionName[&Policy]
/// [&ExternalId]&…`, signed with the RPC `HMAC-SHA1` signature (`SignatureMethod=HMAC-SHA1`,
/// `SignatureVersion=1.0`, `AccessKeyId`, `SecurityToken` when the source credentials have one).
/// The answer's `Credentials` holds `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and
/// `Expiration`. `ALIBABA_CLOUD_ROLE_ARN` and `ALIBABA_CLOUD_ROLE_SESSION_NAME` give the role and
/// session name when not set here; `ALIBABA_CLOUD_STS_REGION` picks `sts.<region>.aliyuncs.com` and
/// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true` its `sts-vpc` form.
///
/// An error document from STS becomes a [`CredentialsError`] naming the provider, the endpoint,
/// the role, the service's code and message and the request id; a body that is not the
/// documented answer is described, never quoted.
///
/// ```no_run
/// use cloudspec_runtime::client::Config;
/// use cloudspec_runtime::credentials::{EnvironmentCredentials, RamRoleArnCredentials};
///
/// // The keys in the environment assume the role for an hour at a time.
/// let role = RamRoleArnCredentials::new(EnvironmentCredentials)
///     .role_arn("acs:ram::123456789012****:role/deployer")
///     .role_session_name("deploy-job");
/// let config = Config::new().credentials_provider(role);
/// ```
pub struct RamRoleArnCredentials {
    cache: CachedCredentials<RamRoleArnSource>,
}

struct RamRoleArnSource {
    source: Arc<dyn ProvideCredentials>,
    role_arn: Option<String>,
    role_session_name: Option<String>,
    duration_seconds: u32,
    policy: Option<String>,
    external_id: Option<String>,
    http: HttpSource,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
}

impl fmt::Debug for RamRoleArnCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RamRoleArnCredentials")
            .field("cache", &self.cache)
            .finish()
    }
}

impl fmt::Debug for RamRoleArnSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RamRoleArn")
            .field("source", &self.source)
            .field("role_arn", &self.role_arn)
            .field("role_session_name", &self.role_session_name)
            .field("duration_seconds", &self.duration_seconds)
            .field("policy", &self.policy)
            .field("external_id", &self.external_id)
            .field("http", &self.http)
            .finish()
    }
}

impl RamRoleArnCredentials {
    /// Assumes a role with the credentials `source` gives (any provider: `Credentials`,
    /// `EnvironmentCredentials`, an ECS role, another role). The role ARN and session name come
    /// from `ALIBABA_CLOUD_ROLE_ARN` and `ALIBABA_CLOUD_ROLE_SESSION_NAME` unless set here; the
    /// endpoint from `ALIBABA_CLOUD_STS_REGION` and `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`, else
    /// [`ALIBABA_STS_ENDPOINT`]. Sessions last 3600 s.
    pub fn new(source: impl ProvideCredentials + 'static) -> Self {
        Self::from_lookup(Arc::new(source), env)
    }

    pub(crate) fn from_lookup(
        source: Arc<dyn ProvideCredentials>,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let prefix = if get("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            "sts-vpc"
        } else {
            "sts"
        };
        let endpoint = match get("ALIBABA_CLOUD_STS_REGION") {
            Some(region) => format!("https://{prefix}.{region}.aliyuncs.com"),
            None if prefix == "sts" => ALIBABA_STS_ENDPOINT.to_string(),
            None => format!("https://{prefix}.aliyuncs.com"),
        };
        let source = RamRoleArnSource {
            source,
            role_arn: get("ALIBABA_CLOUD_ROLE_ARN"),
            role_session_name: get("ALIBABA_CLOUD_ROLE_SESSION_NAME"),
            duration_seconds: 3600,
            policy: None,
            external_id: None,
            http: HttpSource::new(&endpoint, TransportOptions::default()),
            clock: Arc::new(SystemClock),
            nonce: Arc::new(RandomNonce),
        };
        RamRoleArnCredentials {
            cache: CachedCredentials::new(source).refresh_window(ALIBABA_REFRESH_WINDOW),
        }
    }

    fn source(&mut self) -> &mut RamRoleArnSource {
        self.cache.source_mut()
    }

    /// The role to assume (`acs:ram::<account>:role/<name>`).
    pub fn role_arn(mut self, arn: impl Into<String>) -> Self {
        self.source().role_arn = Some(arn.into()).filter(|a| !a.is_empty());
        self
    }

    /// The session name (`RoleSessionName`; default `cloudspec-<unix time>`).
    pub fn role_session_name(mut self, name: impl Into<String>) -> Self {
        self.source().role_session_name = Some(name.into()).filter(|n| !n.is_empty());
        self
    }

    /// How long the credentials last (`DurationSeconds`, at least 900; default 3600).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.source().duration_seconds = seconds;
        self
    }

    /// A policy (JSON text) that narrows what the role may do in this session (`Policy`).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.source().policy = Some(policy.into()).filter(|p| !p.is_empty());
        self
    }

    /// The role's external id (`ExternalId`).
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.source().external_id = Some(id.into()).filter(|i| !i.is_empty());
        self
    }

    /// Calls STS at `endpoint` (`https://sts.cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:8080`).
    pub fn endpoint(mut self, endpoint: &str) -> Self {
        self.source().http.set_endpoint(endpoint);
        self
    }

    /// Sends through `transport` instead of a default one with [`Self::timeouts`].
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.source().http.set_transport(Arc::new(transport));
        self
    }

    /// The default transport's timeouts (the SDK's 5 s to connect and 10 s to read).
    pub fn timeouts(mut self, timeouts: TransportOptions) -> Self {
        self.source().http.set_timeouts(timeouts);
        self
    }

    /// Reads the time (the request's `Timestamp`, the cache) from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(clock);
        self.source().clock = Arc::clone(&clock);
        self.cache.set_clock(clock);
        self
    }

    /// Takes `SignatureNonce` values from `nonce`.
    pub fn nonce(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.source().nonce = Arc::new(nonce);
        self
    }

    /// Refreshes this long before expiry instead of 180 s.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.cache.set_refresh_window(window);
        self
    }
}

impl ProvideCredentials for RamRoleArnCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials(provider)
    }
}

impl ProvideCredentials for RamRoleArnSource {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        if provider != Provider::Alibaba {
            return ready(Err(CredentialsError::new(
                provider,
                "a RAM role signs only Alibaba Cloud services",
            )));
        }
        Box::pin(self.assume(provider))
    }
}

impl RamRoleArnSource {
    async fn assume(&self, provider: Provider) -> Result<Credentials, CredentialsError> {
        let fail = |why: String| {
            CredentialsError::new(
                provider,
                format!(
                    "RAM role through STS AssumeRole at {}: {why}",
                    self.http.endpoint_text()
                ),
            )
        };
        let Some(role_arn) = &self.role_arn else {
            return Err(CredentialsError {
                provider,
                missing: vec!["ALIBABA_CLOUD_ROLE_ARN"],
                tried: vec![
                    "RAM role: no role ARN (set ALIBABA_CLOUD_ROLE_ARN or \
                     `RamRoleArnCredentials::role_arn`)"
                        .into(),
                ],
            });
        };
        if self.duration_seconds < ALIBABA_MIN_DURATION {
            return Err(fail(format!(
                "DurationSeconds {} is below the minimum of {ALIBABA_MIN_DURATION}",
                self.duration_seconds
            )));
        }
        let endpoint = self.http.endpoint().map_err(fail)?;
        let source = source_credentials(
            self.source.as_ref(),
            provider,
            &format!("the RAM role {role_arn}"),
        )
        .await?;
        let request = self.request(endpoint, role_arn, &source);
        let response = self.http.send(request).await.map_err(fail)?;
        let value = decode(&ALIBABA_ASSUME_ROLE, &response)
            .map_err(|why| fail(format!("role {role_arn}: {why}")))?;
        parse_alibaba(&value).map_err(|why| fail(format!("role {role_arn}: {why}")))
    }

    fn request(
        &self,
        endpoint: &Endpoint,
        role_arn: &str,
        source: &Credentials,
    ) -> crate::transport::HttpRequest {
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        let session = self
            .role_session_name
            .clone()
            .unwrap_or_else(|| default_session_name(self.clock.as_ref()));
        let mut query = vec![
            pair("Action", "AssumeRole"),
            pair("Format", "JSON"),
            pair("Version", ALIBABA_STS.version),
            pair("DurationSeconds", &self.duration_seconds.to_string()),
            pair("RoleArn", role_arn),
            pair("RoleSessionName", &session),
            pair("SignatureMethod", rpc_v1::SIGNATURE_METHOD),
            pair("SignatureVersion", rpc_v1::SIGNATURE_VERSION),
            pair("Timestamp", &format_iso8601_utc(self.clock.now_unix())),
            pair("SignatureNonce", &self.nonce.nonce()),
        ];
        if let Some(policy) = &self.policy {
            query.push(pair("Policy", policy));
        }
        if let Some(id) = &self.external_id {
            query.push(pair("ExternalId", id));
        }
        query.push(pair("AccessKeyId", source.access_key_id()));
        if let Some(token) = source.security_token() {
            query.push(pair("SecurityToken", token.expose_secret()));
        }
        let signature = rpc_v1::sign(
            &rpc_v1::RpcV1Request {
                method: ALIBABA_ASSUME_ROLE.method,
                query: &query,
                form: &[],
            },
            source.secret().expose_secret(),
        );
        query.push(pair(rpc_v1::SIGNATURE_PARAM, &signature.signature));
        crate::transport::HttpRequest {
            method: ALIBABA_ASSUME_ROLE.method.into(),
            url: url_with_query(endpoint, "/", &query),
            headers: vec![
                pair("host", endpoint.authority()),
                pair("user-agent", USER_AGENT),
            ],
            body: Vec::new(),
        }
    }
}

/// The `Credentials` of Alibaba's AssumeRole answer.
fn parse_alibaba(value: &Value) -> Result<Credentials, String> {
    let credentials = value
        .get("Credentials")
        .and_then(Value::as_object)
        .ok_or("the answer has no Credentials")?;
    alibaba_temporary(credentials).map_err(|why| format!("Credentials: {why}"))
}

/// Tencent Cloud credentials of a CAM role, from STS `AssumeRole`, cached and refreshed 300 s
/// before they expire.
///
/// As `tencentcloud-sdk-python-common`'s `STSAssumeRoleCredential` calls it: API 3.0 `AssumeRole`
/// of `sts` version `2018-08-13` at `sts.tencentcloudapi.com`, region `ap-guangzhou`, a JSON body
/// `RoleArn`, `RoleSessionName`, `DurationSeconds`, signed with TC3-HMAC-SHA256 as every Tencent
/// request. The answer's `Response.Credentials` holds `TmpSecretId`, `TmpSecretKey`, `Token`, and
/// `Response.ExpiredTime` the expiry.
///
/// The Python SDK assumes the role again once a tenth of the session has passed; this provider
/// does so 300 s before expiry, as the SDK's CVM role does ([`Self::refresh_window`] changes
/// it).
///
/// An error document from STS becomes a [`CredentialsError`] naming the provider, the endpoint,
/// the role, the service's code and message and the request id; a body that is not the
/// documented answer is described, never quoted.
///
/// ```no_run
/// use cloudspec_runtime::client::Config;
/// use cloudspec_runtime::credentials::{EnvironmentCredentials, StsAssumeRoleCredentials};
///
/// let role = StsAssumeRoleCredentials::new(
///     EnvironmentCredentials,
///     "qcs::cam::uin/100000000001:roleName/deployer",
///     "deploy-job",
/// );
/// let config = Config::new().credentials_provider(role);
/// ```
pub struct StsAssumeRoleCredentials {
    cache: CachedCredentials<StsAssumeRoleSource>,
}

struct StsAssumeRoleSource {
    source: Arc<dyn ProvideCredentials>,
    role_arn: String,
    role_session_name: String,
    duration_seconds: u32,
    region: String,
    http: HttpSource,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for StsAssumeRoleCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StsAssumeRoleCredentials")
            .field("cache", &self.cache)
            .finish()
    }
}

impl fmt::Debug for StsAssumeRoleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StsAssumeRole")
            .field("source", &self.source)
            .field("role_arn", &self.role_arn)
            .field("role_session_name", &self.role_session_name)
            .field("duration_seconds", &self.duration_seconds)
            .field("region", &self.region)
            .field("http", &self.http)
            .finish()
    }
}

impl StsAssumeRoleCredentials {
    /// Assumes `role_arn` (`qcs::cam::uin/<account>:roleName/<name>`) as session
    /// `role_session_name` with the credentials `source` gives, for 7200 s at a time (the
    /// SDK's default), at [`TENCENT_STS_ENDPOINT`] in region `ap-guangzhou`.
    pub fn new(
        source: impl ProvideCredentials + 'static,
        role_arn: impl Into<String>,
        role_session_name: impl Into<String>,
    ) -> Self {
        let source = StsAssumeRoleSource {
            source: Arc::new(source),
            role_arn: role_arn.into(),
            role_session_name: role_session_name.into(),
            duration_seconds: 7200,
            region: "ap-guangzhou".into(),
            http: HttpSource::new(TENCENT_STS_ENDPOINT, TransportOptions::default()),
            clock: Arc::new(SystemClock),
        };
        StsAssumeRoleCredentials {
            cache: CachedCredentials::new(source).refresh_window(TENCENT_REFRESH_WINDOW),
        }
    }

    /// How long the credentials last (`DurationSeconds`, at most 43200; default 7200).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.cache.source_mut().duration_seconds = seconds;
        self
    }

    /// The region sent as `X-TC-Region` (default `ap-guangzhou`, as the SDK).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.cache.source_mut().region = region.into();
        self
    }

    /// Calls STS at `endpoint` (`https://sts.tencentcloudapi.com`, `http://127.0.0.1:8080`).
    pub fn endpoint(mut self, endpoint: &str) -> Self {
        self.cache.source_mut().http.set_endpoint(endpoint);
        self
    }

    /// Sends through `transport` instead of a default one with [`Self::timeouts`].
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.cache
            .source_mut()
            .http
            .set_transport(Arc::new(transport));
        self
    }

    /// The default transport's timeouts (5 s to connect, 10 s to read).
    pub fn timeouts(mut self, timeouts: TransportOptions) -> Self {
        self.cache.source_mut().http.set_timeouts(timeouts);
        self
    }

    /// Reads the time (`X-TC-Timestamp`, the cache) from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(clock);
        self.cache.source_mut().clock = Arc::clone(&clock);
        self.cache.set_clock(clock);
        self
    }

    /// Refreshes this long before expiry instead of 300 s.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.cache.set_refresh_window(window);
        self
    }
}

impl ProvideCredentials for StsAssumeRoleCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials(provider)
    }
}

impl ProvideCredentials for StsAssumeRoleSource {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        if provider != Provider::Tencent {
            return ready(Err(CredentialsError::new(
                provider,
                "a Tencent STS role signs only Tencent Cloud services",
            )));
        }
        Box::pin(self.assume(provider))
    }
}

impl StsAssumeRoleSource {
    async fn assume(&self, provider: Provider) -> Result<Credentials, CredentialsError> {
        let role_arn = &self.role_arn;
        let fail = |why: String| {
            CredentialsError::new(
                provider,
                format!(
                    "CAM role {role_arn} through STS AssumeRole at {}: {why}",
                    self.http.endpoint_text()
                ),
            )
        };
        let endpoint = self.http.endpoint().map_err(fail)?;
        let source = source_credentials(
            self.source.as_ref(),
            provider,
            &format!("the CAM role {role_arn}"),
        )
        .await?;
        let mut json = Map::new();
        json.insert("RoleArn".into(), Value::from(role_arn.as_str()));
        json.insert(
            "RoleSessionName".into(),
            Value::from(self.role_session_name.as_str()),
        );
        json.insert("DurationSeconds".into(), Value::from(self.duration_seconds));
        let params = WireParams {
            json,
            has_json: true,
            ..WireParams::default()
        };
        let trace_id = uuid_v4();
        let request = signed_request(
            &params,
            &RequestContext {
                op: &TENCENT_ASSUME_ROLE,
                endpoint,
                credentials: &source,
                region: Some(&self.region),
                timestamp: self.clock.now_unix(),
                nonce: "",
                trace_id: &trace_id,
                signature: SignatureVersion::default(),
                user_agent: USER_AGENT,
                language: Some("zh-CN"),
            },
        );
        let response = self.http.send(request).await.map_err(fail)?;
        let value = decode(&TENCENT_ASSUME_ROLE, &response).map_err(fail)?;
        parse_tencent(&value).map_err(fail)
    }
}

/// The credentials of Tencent's AssumeRole answer (inside `Response`).
fn parse_tencent(value: &Value) -> Result<Credentials, String> {
    let credentials = value
        .get("Credentials")
        .and_then(Value::as_object)
        .ok_or("the answer has no Credentials")?;
    let [id, key, token] = strings(credentials, ["TmpSecretId", "TmpSecretKey", "Token"])
        .map_err(|why| format!("Credentials: {why}"))?;
    let expiry = match value.get("ExpiredTime") {
        Some(t) => t
            .as_i64()
            .and_then(unix_to_system_time)
            .ok_or("ExpiredTime is not a time in Unix seconds")?,
        None => {
            let object = value.as_object().ok_or("the answer is not an object")?;
            let [expiration] =
                strings(object, ["Expiration"]).map_err(|_| "the answer lacks ExpiredTime")?;
            parse_utc(&expiration)
                .ok_or_else(|| format!("Expiration `{expiration}` is not a UTC time"))?
        }
    };
    Ok(Credentials::new(id, key)
        .with_security_token(token)
        .with_expiry(expiry))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedNonce;
    use crate::credentials::http::system_time_to_unix;
    use crate::sign::tc3;
    use crate::testing::{Stand, TestClock, reply};
    use crate::transport::{HttpRequest, TransportError, TransportErrorKind};

    const NOW: i64 = 1_796_036_400;
    const ALI_OK: &str = r#"{"RequestId":"r-1","AssumedRoleUser":{"Arn":"acs:ram::1:role/x/s","AssumedRoleId":"3:s"},"Credentials":{"SecurityToken":"sts-TOKEN","AccessKeyId":"STS.role-id","AccessKeySecret":"role-SECRET","Expiration":"2026-11-30T12:00:00Z"}}"#;
    const TC_OK: &str = r#"{"Response":{"Credentials":{"Token":"tc-TOKEN","TmpSecretId":"AKID-tmp","TmpSecretKey":"tmp-SECRET"},"ExpiredTime":1796040000,"Expiration":"2026-11-30T12:00:00Z","RequestId":"r-2"}}"#;

    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    }

    fn query(r: &HttpRequest) -> Vec<(String, String)> {
        let (_, q) = r.url.split_once('?').unwrap();
        q.split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (decode(k), decode(v))
            })
            .collect()
    }

    fn source() -> Credentials {
        Credentials::new("LTAI-source", "source-SECRET").with_security_token("source-TOKEN")
    }

    fn ali(stand: &Stand) -> RamRoleArnCredentials {
        RamRoleArnCredentials::from_lookup(Arc::new(source()), |_| None)
            .role_arn("acs:ram::1:role/x")
            .role_session_name("s")
            .endpoint("http://sts.test")
            .transport(stand.clone())
            .clock(TestClock::at(NOW))
            .nonce(FixedNonce("nonce-1".into()))
    }

    #[tokio::test]
    async fn alibaba_assume_role_request_and_answer() {
        let stand = Stand::new(|_, _| reply(200, ALI_OK));
        let p = ali(&stand)
            .policy(r#"{"Statement": []}"#)
            .external_id("ext");
        let c = p.provide_credentials(Provider::Alibaba).await.unwrap();
        assert_eq!(c.access_key_id(), "STS.role-id");
        assert_eq!(c.secret().expose_secret(), "role-SECRET");
        assert_eq!(
            c.security_token().map(|t| t.expose_secret()),
            Some("sts-TOKEN")
        );
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        let seen = stand.seen();
        assert_eq!(seen.len(), 1);
        let r = &seen[0];
        assert_eq!(r.method, "GET");
        assert!(
            r.url.starts_with("http://sts.test/?Action=AssumeRole&"),
            "{}",
            r.url
        );
        assert_eq!(r.header("host"), Some("sts.test"));
        let q = query(r);
        let names: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "Action",
                "Format",
                "Version",
                "DurationSeconds",
                "RoleArn",
                "RoleSessionName",
                "SignatureMethod",
                "SignatureVersion",
                "Timestamp",
                "SignatureNonce",
                "Policy",
                "ExternalId",
                "AccessKeyId",
                "SecurityToken",
                "Signature"
            ]
        );
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("Format"), Some("JSON"));
        assert_eq!(get("Version"), Some("2015-04-01"));
        assert_eq!(get("DurationSeconds"), Some("3600"));
        assert_eq!(get("RoleArn"), Some("acs:ram::1:role/x"));
        assert_eq!(get("Policy"), Some(r#"{"Statement": []}"#));
        assert_eq!(get("Timestamp"), Some("2026-11-30T11:00:00Z"));
        assert_eq!(get("SignatureMethod"), Some("HMAC-SHA1"));
        assert_eq!(get("AccessKeyId"), Some("LTAI-source"));
        assert_eq!(get("SecurityToken"), Some("source-TOKEN"));
        let unsigned: Vec<(String, String)> = q
            .iter()
            .filter(|(k, _)| k != "Signature")
            .cloned()
            .collect();
        let expected = rpc_v1::sign(
            &rpc_v1::RpcV1Request {
                method: "GET",
                query: &unsigned,
                form: &[],
            },
            "source-SECRET",
        );
        assert_eq!(get("Signature"), Some(expected.signature.as_str()));
        // Cached until 180 s before 12:00:00.
        p.provide_credentials(Provider::Alibaba).await.unwrap();
        assert_eq!(stand.seen().len(), 1);
        let text = format!("{p:?} {c:?}");
        assert!(
            !text.contains("SECRET") && !text.contains("TOKEN"),
            "{text}"
        );
    }

    #[tokio::test]
    async fn alibaba_errors_name_the_endpoint_code_and_message() {
        let stand = Stand::new(|_, _| {
            reply(
                403,
                r#"{"RequestId":"r-9","HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action."}"#,
            )
        });
        let e = ali(&stand)
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert_eq!(
            e.tried,
            [
                "RAM role through STS AssumeRole at http://sts.test: role acs:ram::1:role/x: \
              NoPermission: You are not authorized to do this action. (HTTP 403, request id r-9)"
            ]
        );
        for (status, body, why) in [
            (200, r#"{"RequestId":"r"}"#, "the answer has no Credentials"),
            (
                200,
                r#"{"Credentials":{"AccessKeyId":"a","AccessKeySecret":"b-SECRET","Expiration":"2026-11-30T12:00:00Z"}}"#,
                "Credentials: the answer lacks SecurityToken",
            ),
            (
                200,
                r#"{"Credentials":{"AccessKeyId":"a","AccessKeySecret":"b-SECRET","SecurityToken":"t","Expiration":"x"}}"#,
                "Expiration `x` is not a UTC time",
            ),
            (
                500,
                "<html>SECRET</html>",
                "not an AssumeRole answer (HTTP 500)",
            ),
            (200, "SECRET", "not an AssumeRole answer (HTTP 200)"),
        ] {
            let stand = Stand::new(move |_, _| reply(status, body));
            let e = ali(&stand)
                .provide_credentials(Provider::Alibaba)
                .await
                .unwrap_err();
            let text = format!("{e} {e:?}");
            assert!(text.contains(why), "{why}: {text}");
            assert!(!text.contains("SECRET"), "{text}");
        }
        let stand =
            Stand::new(|_, _| Err(TransportError::new(TransportErrorKind::Connect, "refused")));
        let e = ali(&stand)
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert_eq!(
            e.tried,
            ["RAM role through STS AssumeRole at http://sts.test: connection failed: refused"]
        );
    }

    #[tokio::test]
    async fn alibaba_configuration_from_the_environment_and_its_errors() {
        let stand = Stand::new(|_, _| reply(200, ALI_OK));
        // No role ARN: the variable is named, nothing is sent.
        let p = RamRoleArnCredentials::from_lookup(Arc::new(source()), |_| None)
            .transport(stand.clone());
        let e = p.provide_credentials(Provider::Alibaba).await.unwrap_err();
        assert_eq!(e.missing, ["ALIBABA_CLOUD_ROLE_ARN"]);
        let e = ali(&stand)
            .duration_seconds(600)
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("DurationSeconds 600 is below the minimum of 900"),
            "{e}"
        );
        let e = p.provide_credentials(Provider::Tencent).await.unwrap_err();
        assert!(e.to_string().contains("only Alibaba Cloud"), "{e}");
        assert!(stand.seen().is_empty());
        // The variables the SDK reads.
        let p = RamRoleArnCredentials::from_lookup(Arc::new(source()), |k| match k {
            "ALIBABA_CLOUD_ROLE_ARN" => Some("acs:ram::2:role/env".into()),
            "ALIBABA_CLOUD_STS_REGION" => Some("cn-shanghai".into()),
            "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED" => Some("true".into()),
            _ => None,
        })
        .transport(stand.clone())
        .clock(TestClock::at(NOW));
        p.provide_credentials(Provider::Alibaba).await.unwrap();
        let r = &stand.seen()[0];
        assert!(
            r.url
                .starts_with("https://sts-vpc.cn-shanghai.aliyuncs.com/?"),
            "{}",
            r.url
        );
        let q = query(r);
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(get("RoleArn").as_deref(), Some("acs:ram::2:role/env"));
        assert_eq!(get("RoleSessionName"), Some(format!("cloudspec-{NOW}")));
        assert_eq!(get("SecurityToken").as_deref(), Some("source-TOKEN"));
        // The source's failure is the error, with a note of what it was for.
        let p = RamRoleArnCredentials::from_lookup(
            Arc::new(RamRoleArnCredentials::from_lookup(
                Arc::new(source()),
                |_| None,
            )),
            |_| None,
        )
        .role_arn("acs:ram::1:role/outer");
        let e = p.provide_credentials(Provider::Alibaba).await.unwrap_err();
        assert_eq!(e.missing, ["ALIBABA_CLOUD_ROLE_ARN"]);
        assert!(
            e.tried
                .last()
                .unwrap()
                .contains("source credentials of the RAM role acs:ram::1:role/outer"),
            "{e:?}"
        );
    }

    fn tc(stand: &Stand) -> StsAssumeRoleCredentials {
        StsAssumeRoleCredentials::new(
            Credentials::new("AKID-source", "source-SECRET"),
            "qcs::cam::uin/1:roleName/x",
            "session-1",
        )
        .endpoint("http://sts.test")
        .transport(stand.clone())
        .clock(TestClock::at(NOW))
    }

    #[tokio::test]
    async fn tencent_assume_role_request_and_answer() {
        let stand = Stand::new(|_, _| reply(200, TC_OK));
        let p = tc(&stand);
        let c = p.provide_credentials(Provider::Tencent).await.unwrap();
        assert_eq!(c.access_key_id(), "AKID-tmp");
        assert_eq!(c.secret().expose_secret(), "tmp-SECRET");
        assert_eq!(
            c.security_token().map(|t| t.expose_secret()),
            Some("tc-TOKEN")
        );
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        let seen = stand.seen();
        let r = &seen[0];
        assert_eq!(
            (r.method.as_str(), r.url.as_str()),
            ("POST", "http://sts.test/")
        );
        assert_eq!(r.header("X-TC-Action"), Some("AssumeRole"));
        assert_eq!(r.header("X-TC-Version"), Some("2018-08-13"));
        assert_eq!(r.header("X-TC-Region"), Some("ap-guangzhou"));
        assert_eq!(r.header("X-TC-Timestamp"), Some(NOW.to_string().as_str()));
        assert_eq!(r.header("X-TC-Token"), None);
        assert_eq!(
            String::from_utf8_lossy(&r.body),
            r#"{"RoleArn": "qcs::cam::uin/1:roleName/x", "RoleSessionName": "session-1", "DurationSeconds": 7200}"#
        );
        let signed = [
            ("content-type".to_string(), "application/json".to_string()),
            ("host".to_string(), "sts.test".to_string()),
        ];
        let expected = tc3::sign(
            &tc3::Tc3Request {
                method: "POST",
                canonical_uri: "/",
                canonical_query: "",
                headers: &signed,
                payload: &r.body,
                service: "sts",
                timestamp: NOW,
            },
            "AKID-source",
            "source-SECRET",
        );
        assert_eq!(
            r.header("Authorization"),
            Some(expected.authorization.as_str())
        );
        assert!(
            expected
                .authorization
                .contains("Credential=AKID-source/2026-11-30/sts/tc3_request")
        );
        p.provide_credentials(Provider::Tencent).await.unwrap();
        assert_eq!(stand.seen().len(), 1, "cached");
        let text = format!("{p:?} {c:?}");
        assert!(
            !text.contains("SECRET") && !text.contains("TOKEN"),
            "{text}"
        );
    }

    #[tokio::test]
    async fn tencent_errors_name_the_code_and_message() {
        let stand = Stand::new(|_, _| {
            reply(
                200,
                r#"{"Response":{"Error":{"Code":"InvalidParameter.AccountNotAvaliable","Message":"account not available"},"RequestId":"r-3"}}"#,
            )
        });
        let e = tc(&stand)
            .provide_credentials(Provider::Tencent)
            .await
            .unwrap_err();
        assert_eq!(
            e.tried,
            [
                "CAM role qcs::cam::uin/1:roleName/x through STS AssumeRole at http://sts.test: \
              InvalidParameter.AccountNotAvaliable: account not available (HTTP 200, request id r-3)"
            ]
        );
        for (status, body, why) in [
            (
                200,
                r#"{"Response":{"RequestId":"r"}}"#,
                "the answer has no Credentials",
            ),
            (
                200,
                r#"{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"k-SECRET"},"ExpiredTime":1}}"#,
                "Credentials: the answer lacks Token",
            ),
            (
                200,
                r#"{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"k-SECRET","Token":"t"}}}"#,
                "the answer lacks ExpiredTime",
            ),
            (
                502,
                "<html>bad gateway SECRET</html>",
                "not an AssumeRole answer (HTTP 502)",
            ),
        ] {
            let stand = Stand::new(move |_, _| reply(status, body));
            let e = tc(&stand)
                .provide_credentials(Provider::Tencent)
                .await
                .unwrap_err();
            let text = format!("{e} {e:?}");
            assert!(text.contains(why), "{why}: {text}");
            assert!(!text.contains("SECRET"), "{text}");
        }
        let e = tc(&stand)
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("only Tencent Cloud"), "{e}");
        // The Tencent response with `Expiration` only, and the region setter.
        let stand = Stand::new(|_, _| {
            reply(
                200,
                r#"{"Response":{"Credentials":{"Token":"t","TmpSecretId":"a","TmpSecretKey":"k"},"Expiration":"2026-11-30T12:00:00Z"}}"#,
            )
        });
        let c = tc(&stand)
            .region("ap-beijing")
            .duration_seconds(900)
            .provide_credentials(Provider::Tencent)
            .await
            .unwrap();
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        assert_eq!(stand.seen()[0].header("X-TC-Region"), Some("ap-beijing"));
    }
}

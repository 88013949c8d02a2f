//! The role of the instance the program runs on, from the vendor's instance metadata service,
//! fetched as the official SDKs fetch it and cached until shortly before it expires.
//!
//! * Alibaba Cloud ECS ([`EcsRamRoleCredentials`], `alibabacloud_credentials`'
//!   `EcsRamRoleCredentialsProvider`): `PUT /latest/api/token` with
//!   `X-aliyun-ecs-metadata-token-ttl-seconds: 21600` for an IMDSv2 token, sent as
//!   `X-aliyun-ecs-metadata-token`; then, unless a role name is given
//!   (`ALIBABA_CLOUD_ECS_METADATA`), `GET /latest/meta-data/ram/security-credentials/` for it;
//!   then `GET /latest/meta-data/ram/security-credentials/<role>`, a JSON document with `Code`
//!   (`Success`), `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and `Expiration`
//!   (`2026-11-30T12:00:00Z`). Without a token (the service refused one or is IMDSv1 only),
//!   or when a request with the token fails, the request is made again without it, unless
//!   `ALIBABA_CLOUD_IMDSV1_DISABLED=true` makes the token mandatory.
//!   `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` turns the provider off.
//! * Tencent Cloud CVM ([`CvmRoleCredentials`], `tencentcloud-sdk-python-common`'s
//!   `CVMRoleCredential`): `GET /latest/meta-data/cam/security-credentials/` for the role name
//!   unless given, then `GET /latest/meta-data/cam/security-credentials/<role>`, a JSON document
//!   with `Code` (`Success`), `TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime` (Unix
//!   seconds) and `Expiration`.
//!
//! Both connect and read with 1 s timeouts (the Alibaba SDK's), so a machine without the
//! service gives up quickly, and both take another base URL ([`EcsRamRoleCredentials::endpoint`])
//! for a stand-in. Errors name the provider, the endpoint and what failed, never a response body.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::cache::{ALIBABA_REFRESH_WINDOW, CachedCredentials, TENCENT_REFRESH_WINDOW};
use super::http::{
    HttpSource, METADATA_TIMEOUTS, alibaba_temporary, json_object, parse_utc, strings,
    unix_to_system_time,
};
use super::{Credentials, CredentialsError, ProvideCredentials, ready};
use crate::clock::Clock;
use crate::encode::percent_encode_rfc3986;
use crate::schema::Provider;
use crate::transport::{BoxFuture, Transport, TransportOptions};

/// The Alibaba Cloud ECS instance metadata service.
pub const ECS_METADATA_ENDPOINT: &str = "http://100.100.100.200";
/// The Tencent Cloud CVM instance metadata service.
pub const CVM_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";

const ECS_TOKEN_PATH: &str = "/latest/api/token";
const ECS_CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const ECS_TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const ECS_TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";
/// The token lifetime the SDK asks for: 6 hours.
const ECS_TOKEN_TTL_SECONDS: &str = "21600";
const CVM_CREDENTIALS_PATH: &str = "/latest/meta-data/cam/security-credentials/";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn is_true(value: Option<String>) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// The role name a listing gives: its first non-empty line.
fn role_from_listing(body: &[u8]) -> Option<String> {
    String::from_utf8_lossy(body)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

/// Alibaba Cloud credentials of the ECS instance's RAM role, cached and refreshed 180 s before
/// they expire.
///
/// As `alibabacloud_credentials`' `EcsRamRoleCredentialsProvider` does it: `PUT /latest/api/token`
/// with `X-aliyun-ecs-metadata-token-ttl-seconds: 21600` for an IMDSv2 token, sent as
/// `X-aliyun-ecs-metadata-token`; then, unless a role name is given (`ALIBABA_CLOUD_ECS_METADATA`),
/// `GET /latest/meta-data/ram/security-credentials/` for it; then `GET
/// /latest/meta-data/ram/security-credentials/<role>`, a JSON document with `Code` (`Success`),
/// `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and `Expiration` (`2026-11-30T12:00:00Z`).
/// Without a token (the service refused one or is IMDSv1 only), or when a request with the token
/// fails, the request is made again without it, unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true` makes
/// the token mandatory. `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` turns the provider off.
///
/// It connects and reads with 1 s timeouts (the Alibaba SDK's), so a machine without the
/// service gives up quickly, and takes another base URL (`endpoint`) for a stand-in. Errors
/// name the provider, the endpoint and what failed, never a response body.
///
/// ```no_run
/// use cloudspec_runtime::client::Config;
/// use cloudspec_runtime::credentials::EcsRamRoleCredentials;
///
/// // The role attached to the instance; `.role_name("…")` saves a request.
/// let config = Config::new().credentials_provider(EcsRamRoleCredentials::new());
/// ```
pub struct EcsRamRoleCredentials {
    cache: CachedCredentials<EcsRamRoleSource>,
}

struct EcsRamRoleSource {
    role_name: Option<String>,
    disable_imds_v1: bool,
    disabled: bool,
    http: HttpSource,
}

impl fmt::Debug for EcsRamRoleCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcsRamRoleCredentials")
            .field("cache", &self.cache)
            .finish()
    }
}

impl fmt::Debug for EcsRamRoleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcsRamRole")
            .field("role_name", &self.role_name)
            .field("disable_imds_v1", &self.disable_imds_v1)
            .field("disabled", &self.disabled)
            .field("http", &self.http)
            .finish()
    }
}

impl Default for EcsRamRoleCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl EcsRamRoleCredentials {
    /// The instance's role, as the environment configures it: `ALIBABA_CLOUD_ECS_METADATA` (the
    /// role name; else asked of the service), `ALIBABA_CLOUD_IMDSV1_DISABLED=true` (the IMDSv2
    /// token is mandatory), `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` (every call fails).
    pub fn new() -> Self {
        Self::from_lookup(env)
    }

    pub(crate) fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let source = EcsRamRoleSource {
            role_name: lookup("ALIBABA_CLOUD_ECS_METADATA").filter(|v| !v.is_empty()),
            disable_imds_v1: is_true(lookup("ALIBABA_CLOUD_IMDSV1_DISABLED")),
            disabled: is_true(lookup("ALIBABA_CLOUD_ECS_METADATA_DISABLED")),
            http: HttpSource::new(ECS_METADATA_ENDPOINT, METADATA_TIMEOUTS),
        };
        EcsRamRoleCredentials {
            cache: CachedCredentials::new(source).refresh_window(ALIBABA_REFRESH_WINDOW),
        }
    }

    /// Uses this role instead of asking the service for the instance's.
    pub fn role_name(mut self, name: impl Into<String>) -> Self {
        self.cache.source_mut().role_name = Some(name.into()).filter(|n| !n.is_empty());
        self
    }

    /// With `true`, fails rather than asking without an IMDSv2 token.
    pub fn disable_imds_v1(mut self, disable: bool) -> Self {
        self.cache.source_mut().disable_imds_v1 = disable;
        self
    }

    /// Asks this base URL (`http://127.0.0.1:8080`) instead of [`ECS_METADATA_ENDPOINT`].
    pub fn endpoint(mut self, url: &str) -> Self {
        self.cache.source_mut().http.set_endpoint(url);
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

    /// The default transport's timeouts (1 s to connect, 1 s to read).
    pub fn timeouts(mut self, timeouts: TransportOptions) -> Self {
        self.cache.source_mut().http.set_timeouts(timeouts);
        self
    }

    /// Reads the time for the cache from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.cache.set_clock(Arc::new(clock));
        self
    }

    /// Refreshes this long before expiry instead of 180 s.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.cache.set_refresh_window(window);
        self
    }
}

impl ProvideCredentials for EcsRamRoleCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials(provider)
    }
}

/// An instance role's credentials, which sign `vendor`'s services only: `fetch` from the
/// metadata service behind `http`, its failure named with the `role` and the endpoint asked.
fn instance_role<'a>(
    provider: Provider,
    vendor: Provider,
    role: &'static str,
    http: &'a HttpSource,
    fetch: impl std::future::Future<Output = Result<Credentials, String>> + Send + 'a,
) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
    if provider != vendor {
        return ready(Err(CredentialsError::new(
            provider,
            format!("the {role} signs only {} services", vendor.title()),
        )));
    }
    Box::pin(async move {
        fetch.await.map_err(|why| {
            CredentialsError::new(
                provider,
                format!(
                    "{role} from the metadata service at {}: {why}",
                    http.endpoint_text()
                ),
            )
        })
    })
}

impl ProvideCredentials for EcsRamRoleSource {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        instance_role(
            provider,
            Provider::Alibaba,
            "ECS RAM role",
            &self.http,
            self.fetch(),
        )
    }
}

impl EcsRamRoleSource {
    async fn fetch(&self) -> Result<Credentials, String> {
        if self.disabled {
            return Err("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true".into());
        }
        let token = self.token().await?;
        let role = match &self.role_name {
            Some(role) => role.clone(),
            None => {
                let listing = self
                    .get_with_fallback(ECS_CREDENTIALS_PATH, token.as_deref(), "the role name")
                    .await?;
                role_from_listing(&listing).ok_or("the instance has no RAM role attached")?
            }
        };
        let path = format!("{ECS_CREDENTIALS_PATH}{}", percent_encode_rfc3986(&role));
        let body = self
            .get_with_fallback(&path, token.as_deref(), &format!("role `{role}`"))
            .await?;
        parse_ecs(&body).map_err(|why| format!("role `{role}`: {why}"))
    }

    /// An IMDSv2 token; `None` when the service gives none and IMDSv1 is allowed.
    async fn token(&self) -> Result<Option<String>, String> {
        let request = self.http.request(
            "PUT",
            ECS_TOKEN_PATH,
            &[(ECS_TOKEN_TTL_HEADER, ECS_TOKEN_TTL_SECONDS)],
        )?;
        match self.http.fetch_ok(request, "the metadata token").await {
            Ok(body) => {
                Ok(Some(String::from_utf8_lossy(&body).trim().to_string())
                    .filter(|t| !t.is_empty()))
            }
            Err(why) if self.disable_imds_v1 => Err(format!(
                "{why} (ALIBABA_CLOUD_IMDSV1_DISABLED: the token is required)"
            )),
            Err(why) => {
                tracing::debug!(why, "no ECS metadata token; asking without one (IMDSv1)");
                Ok(None)
            }
        }
    }

    async fn get(&self, path: &str, token: Option<&str>, what: &str) -> Result<Vec<u8>, String> {
        let headers: Vec<(&str, &str)> = token.map(|t| (ECS_TOKEN_HEADER, t)).into_iter().collect();
        let request = self.http.request("GET", path, &headers)?;
        self.http.fetch_ok(request, what).await
    }

    /// `GET path` with the token; should that fail, without it, as the SDK does.
    async fn get_with_fallback(
        &self,
        path: &str,
        token: Option<&str>,
        what: &str,
    ) -> Result<Vec<u8>, String> {
        match self.get(path, token, what).await {
            Err(_) if token.is_some() && !self.disable_imds_v1 => self.get(path, None, what).await,
            other => other,
        }
    }
}

/// The ECS metadata service's credentials document.
fn parse_ecs(body: &[u8]) -> Result<Credentials, String> {
    let doc = json_object(body)?;
    match doc.get("Code").and_then(Value::as_str) {
        Some("Success") => {}
        Some(code) => return Err(format!("the service answered Code `{code}`")),
        None => return Err("the answer has no Code".into()),
    }
    alibaba_temporary(&doc)
}

/// Tencent Cloud credentials of the CVM instance's CAM role, cached and refreshed 300 s before
/// they expire.
///
/// As `tencentcloud-sdk-python-common`'s `CVMRoleCredential` does it: `GET
/// /latest/meta-data/cam/security-credentials/` for the role name unless given, then `GET
/// /latest/meta-data/cam/security-credentials/<role>`, a JSON document with `Code` (`Success`),
/// `TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime` (Unix seconds) and `Expiration`.
///
/// It connects and reads with 1 s timeouts (the Alibaba SDK's), so a machine without the
/// service gives up quickly, and takes another base URL (`endpoint`) for a stand-in. Errors
/// name the provider, the endpoint and what failed, never a response body.
///
/// ```no_run
/// use cloudspec_runtime::client::Config;
/// use cloudspec_runtime::credentials::CvmRoleCredentials;
///
/// let config = Config::new().credentials_provider(CvmRoleCredentials::new());
/// ```
pub struct CvmRoleCredentials {
    cache: CachedCredentials<CvmRoleSource>,
}

struct CvmRoleSource {
    role_name: Option<String>,
    http: HttpSource,
}

impl fmt::Debug for CvmRoleCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CvmRoleCredentials")
            .field("cache", &self.cache)
            .finish()
    }
}

impl fmt::Debug for CvmRoleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CvmRole")
            .field("role_name", &self.role_name)
            .field("http", &self.http)
            .finish()
    }
}

impl Default for CvmRoleCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl CvmRoleCredentials {
    /// The instance's role, its name asked of the service.
    pub fn new() -> Self {
        let source = CvmRoleSource {
            role_name: None,
            http: HttpSource::new(CVM_METADATA_ENDPOINT, METADATA_TIMEOUTS),
        };
        CvmRoleCredentials {
            cache: CachedCredentials::new(source).refresh_window(TENCENT_REFRESH_WINDOW),
        }
    }

    /// Uses this role instead of asking the service for the instance's.
    pub fn role_name(mut self, name: impl Into<String>) -> Self {
        self.cache.source_mut().role_name = Some(name.into()).filter(|n| !n.is_empty());
        self
    }

    /// Asks this base URL (`http://127.0.0.1:8080`) instead of [`CVM_METADATA_ENDPOINT`].
    pub fn endpoint(mut self, url: &str) -> Self {
        self.cache.source_mut().http.set_endpoint(url);
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

    /// The default transport's timeouts (1 s to connect, 1 s to read).
    pub fn timeouts(mut self, timeouts: TransportOptions) -> Self {
        self.cache.source_mut().http.set_timeouts(timeouts);
        self
    }

    /// Reads the time for the cache from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.cache.set_clock(Arc::new(clock));
        self
    }

    /// Refreshes this long before expiry instead of 300 s.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.cache.set_refresh_window(window);
        self
    }
}

impl ProvideCredentials for CvmRoleCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials(provider)
    }
}

impl ProvideCredentials for CvmRoleSource {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        instance_role(
            provider,
            Provider::Tencent,
            "CVM role",
            &self.http,
            self.fetch(),
        )
    }
}

impl CvmRoleSource {
    async fn fetch(&self) -> Result<Credentials, String> {
        let role = match &self.role_name {
            Some(role) => role.clone(),
            None => {
                let request = self.http.request("GET", CVM_CREDENTIALS_PATH, &[])?;
                let listing = self.http.fetch_ok(request, "the role name").await?;
                role_from_listing(&listing).ok_or("the instance has no CAM role attached")?
            }
        };
        let path = format!("{CVM_CREDENTIALS_PATH}{}", percent_encode_rfc3986(&role));
        let request = self.http.request("GET", &path, &[])?;
        let body = self
            .http
            .fetch_ok(request, &format!("role `{role}`"))
            .await?;
        parse_cvm(&body).map_err(|why| format!("role `{role}`: {why}"))
    }
}

/// The CVM metadata service's credentials document.
fn parse_cvm(body: &[u8]) -> Result<Credentials, String> {
    let doc = json_object(body)?;
    match doc.get("Code").and_then(Value::as_str) {
        Some("Success") => {}
        Some(code) => return Err(format!("the service answered Code `{code}`")),
        None => return Err("the answer has no Code".into()),
    }
    let [id, key, token] = strings(&doc, ["TmpSecretId", "TmpSecretKey", "Token"])?;
    let expiry = match doc.get("ExpiredTime") {
        Some(t) => t
            .as_i64()
            .or_else(|| t.as_str().and_then(|s| s.parse().ok()))
            .and_then(unix_to_system_time)
            .ok_or("ExpiredTime is not a time in Unix seconds")?,
        None => {
            let [expiration] =
                strings(&doc, ["Expiration"]).map_err(|_| "the answer lacks ExpiredTime")?;
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
    use crate::credentials::http::system_time_to_unix;
    use crate::testing::{Stand, TestClock, reply};
    use crate::transport::{HttpRequest, TransportError, TransportErrorKind};

    const ECS_OK: &str = r#"{"AccessKeyId":"STS.ecs-id","AccessKeySecret":"ecs-SECRET","Expiration":"2026-11-30T12:00:00Z","SecurityToken":"ecs-TOKEN","LastUpdated":"2026-11-30T06:00:00Z","Code":"Success"}"#;
    const CVM_OK: &str = r#"{"TmpSecretId":"AKID-cvm","TmpSecretKey":"cvm-SECRET","ExpiredTime":1796040000,"Expiration":"2026-11-30T12:00:00Z","Token":"cvm-TOKEN","Code":"Success"}"#;

    fn path(r: &HttpRequest) -> &str {
        r.url.strip_prefix("http://meta.test").unwrap_or(&r.url)
    }

    /// An ECS metadata service: a token, the role `ecs-role`, its credentials `creds`.
    fn ecs_service(creds: &'static str) -> Stand {
        Stand::new(move |r, _| match (r.method.as_str(), path(r)) {
            ("PUT", "/latest/api/token") => reply(200, "v2-token"),
            ("GET", "/latest/meta-data/ram/security-credentials/") => reply(200, "ecs-role\n"),
            ("GET", "/latest/meta-data/ram/security-credentials/ecs-role") => reply(200, creds),
            _ => reply(404, "not found"),
        })
    }

    fn ecs(stand: &Stand) -> EcsRamRoleCredentials {
        EcsRamRoleCredentials::from_lookup(|_| None)
            .endpoint("http://meta.test")
            .transport(stand.clone())
    }

    async fn alibaba(p: &EcsRamRoleCredentials) -> Result<Credentials, CredentialsError> {
        p.provide_credentials(Provider::Alibaba).await
    }

    #[tokio::test]
    async fn ecs_role_with_an_imdsv2_token() {
        let stand = ecs_service(ECS_OK);
        let p = ecs(&stand).clock(TestClock::at(1_796_040_000 - 3600));
        let c = alibaba(&p).await.unwrap();
        assert_eq!(c.access_key_id(), "STS.ecs-id");
        assert_eq!(c.secret().expose_secret(), "ecs-SECRET");
        assert_eq!(
            c.security_token().map(|t| t.expose_secret()),
            Some("ecs-TOKEN")
        );
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        let seen = stand.seen();
        let steps: Vec<(&str, &str)> = seen.iter().map(|r| (r.method.as_str(), path(r))).collect();
        assert_eq!(
            steps,
            [
                ("PUT", "/latest/api/token"),
                ("GET", "/latest/meta-data/ram/security-credentials/"),
                ("GET", "/latest/meta-data/ram/security-credentials/ecs-role"),
            ]
        );
        assert_eq!(
            seen[0].header("X-aliyun-ecs-metadata-token-ttl-seconds"),
            Some("21600")
        );
        assert_eq!(seen[0].header("X-aliyun-ecs-metadata-token"), None);
        for r in &seen[1..] {
            assert_eq!(r.header("X-aliyun-ecs-metadata-token"), Some("v2-token"));
            assert_eq!(r.header("host"), Some("meta.test"));
        }
        // Cached: no more requests.
        alibaba(&p).await.unwrap();
        assert_eq!(stand.seen().len(), 3);
        let text = format!("{p:?} {c:?}");
        assert!(
            !text.contains("SECRET") && !text.contains("TOKEN"),
            "{text}"
        );
        // The wrong vendor is refused without a request.
        let e = p.provide_credentials(Provider::Tencent).await.unwrap_err();
        assert!(e.to_string().contains("only Alibaba Cloud"), "{e}");
    }

    #[tokio::test]
    async fn ecs_role_falls_back_to_imdsv1_unless_disabled() {
        // No token (IMDSv1 only), a named role: one GET without the token header.
        let stand = Stand::new(|r, _| match (r.method.as_str(), path(r)) {
            ("PUT", _) => reply(403, "forbidden"),
            ("GET", "/latest/meta-data/ram/security-credentials/named") => reply(200, ECS_OK),
            _ => reply(404, ""),
        });
        let c = alibaba(&ecs(&stand).role_name("named")).await.unwrap();
        assert_eq!(c.access_key_id(), "STS.ecs-id");
        let seen = stand.seen();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].header("X-aliyun-ecs-metadata-token"), None);

        // A request with the token that fails is made again without it.
        let stand = Stand::new(|r, _| {
            let with_token = r.header("X-aliyun-ecs-metadata-token").is_some();
            match (r.method.as_str(), path(r), with_token) {
                ("PUT", _, _) => reply(200, "tok"),
                ("GET", _, true) => reply(500, "oops"),
                ("GET", p, false) if p.ends_with("/named") => reply(200, ECS_OK),
                _ => reply(404, ""),
            }
        });
        assert!(alibaba(&ecs(&stand).role_name("named")).await.is_ok());
        assert_eq!(stand.seen().len(), 3);

        // ALIBABA_CLOUD_IMDSV1_DISABLED: the token is required.
        let stand = Stand::new(|r, _| match r.method.as_str() {
            "PUT" => Err(TransportError::new(
                TransportErrorKind::Timeout,
                "no answer",
            )),
            _ => reply(200, ECS_OK),
        });
        let p = EcsRamRoleCredentials::from_lookup(|k| {
            (k == "ALIBABA_CLOUD_IMDSV1_DISABLED").then(|| "TRUE".into())
        })
        .endpoint("http://meta.test")
        .transport(stand.clone());
        let e = alibaba(&p).await.unwrap_err();
        assert_eq!(
            e.tried,
            [
                "ECS RAM role from the metadata service at http://meta.test: the metadata token: \
              timed out: no answer (ALIBABA_CLOUD_IMDSV1_DISABLED: the token is required)"
            ]
        );
        assert_eq!(stand.seen().len(), 1);
    }

    #[tokio::test]
    async fn ecs_role_failures_say_what_failed_without_secrets() {
        let cases: [(&str, &str); 6] = [
            (
                r#"{"Code":"Failed","AccessKeySecret":"x-SECRET"}"#,
                "role `ecs-role`: the service answered Code `Failed`",
            ),
            (
                "<html>SECRET</html>",
                "role `ecs-role`: the answer is not JSON (line 1, column 1)",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"b-SECRET"}"#,
                "role `ecs-role`: the answer lacks SecurityToken, Expiration",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"b-SECRET","SecurityToken":"t","Expiration":"tomorrow"}"#,
                "role `ecs-role`: Expiration `tomorrow` is not a UTC time",
            ),
            ("{}", "role `ecs-role`: the answer has no Code"),
            (
                "[]",
                "role `ecs-role`: the answer is JSON but not an object",
            ),
        ];
        for (body, why) in cases {
            let e = alibaba(&ecs(&ecs_service(body))).await.unwrap_err();
            assert_eq!(
                e.tried,
                [format!(
                    "ECS RAM role from the metadata service at http://meta.test: {why}"
                )]
            );
            assert!(!format!("{e} {e:?}").contains("SECRET"));
        }
        // HTTP 500, no role attached, a connection refused.
        let stand = Stand::new(|_, _| reply(500, "SECRET"));
        let e = alibaba(&ecs(&stand)).await.unwrap_err();
        assert!(e.tried[0].ends_with(": the role name: HTTP 500"), "{e}");
        let stand = Stand::new(|r, _| match r.method.as_str() {
            "PUT" => reply(200, "t"),
            _ => reply(200, "\n"),
        });
        let e = alibaba(&ecs(&stand)).await.unwrap_err();
        assert!(
            e.tried[0].ends_with(": the instance has no RAM role attached"),
            "{e}"
        );
        let stand =
            Stand::new(|_, _| Err(TransportError::new(TransportErrorKind::Connect, "refused")));
        let e = alibaba(&ecs(&stand)).await.unwrap_err();
        assert!(
            e.tried[0].ends_with(": the role name: connection failed: refused"),
            "{e}"
        );
        // Disabled.
        let p = EcsRamRoleCredentials::from_lookup(|k| {
            (k == "ALIBABA_CLOUD_ECS_METADATA_DISABLED").then(|| "true".into())
        })
        .transport(stand.clone());
        let before = stand.seen().len();
        let e = alibaba(&p).await.unwrap_err();
        assert!(
            e.tried[0].contains("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED"),
            "{e}"
        );
        assert_eq!(stand.seen().len(), before);
        // The role name from ALIBABA_CLOUD_ECS_METADATA, and a bad endpoint.
        let p = EcsRamRoleCredentials::from_lookup(|k| {
            (k == "ALIBABA_CLOUD_ECS_METADATA").then(|| "env-role".into())
        });
        assert!(format!("{p:?}").contains("env-role"));
        let e = alibaba(&p.endpoint("ftp://x")).await.unwrap_err();
        assert!(
            e.tried[0].contains("the scheme must be http or https"),
            "{e}"
        );
    }

    fn cvm(stand: &Stand) -> CvmRoleCredentials {
        CvmRoleCredentials::new()
            .endpoint("http://meta.test")
            .transport(stand.clone())
    }

    #[tokio::test]
    async fn cvm_role_and_its_refresh() {
        let stand = Stand::new(|r, _| match path(r) {
            "/latest/meta-data/cam/security-credentials/" => reply(200, "cvm-role"),
            "/latest/meta-data/cam/security-credentials/cvm-role" => reply(200, CVM_OK),
            _ => reply(404, ""),
        });
        let clock = TestClock::at(1_796_040_000 - 3600);
        let p = cvm(&stand).clock(clock.clone());
        let c = p.provide_credentials(Provider::Tencent).await.unwrap();
        assert_eq!(c.access_key_id(), "AKID-cvm");
        assert_eq!(c.secret().expose_secret(), "cvm-SECRET");
        assert_eq!(
            c.security_token().map(|t| t.expose_secret()),
            Some("cvm-TOKEN")
        );
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        assert!(stand.seen().iter().all(|r| r.method == "GET"));
        assert_eq!(stand.seen().len(), 2);
        // Refreshed 300 s before the expiry.
        clock.set(1_796_040_000 - 301);
        p.provide_credentials(Provider::Tencent).await.unwrap();
        assert_eq!(stand.seen().len(), 2);
        clock.set(1_796_040_000 - 300);
        p.provide_credentials(Provider::Tencent).await.unwrap();
        assert_eq!(stand.seen().len(), 4);
        let text = format!("{p:?}");
        assert!(
            !text.contains("SECRET") && !text.contains("TOKEN"),
            "{text}"
        );
        let e = p.provide_credentials(Provider::Alibaba).await.unwrap_err();
        assert!(e.to_string().contains("only Tencent Cloud"), "{e}");
    }

    #[tokio::test]
    async fn cvm_role_documents() {
        let run = |body: &'static str| async move {
            let stand = Stand::new(move |_, _| reply(200, body));
            cvm(&stand)
                .role_name("r")
                .provide_credentials(Provider::Tencent)
                .await
        };
        // `Expiration` when there is no `ExpiredTime`.
        let c = run(r#"{"TmpSecretId":"a","TmpSecretKey":"b","Token":"c","Expiration":"2026-11-30T12:00:00Z","Code":"Success"}"#)
            .await
            .unwrap();
        assert_eq!(c.expiry().map(system_time_to_unix), Some(1_796_040_000));
        for (body, why) in [
            (
                r#"{"Code":"Failure"}"#,
                "the service answered Code `Failure`",
            ),
            (
                r#"{"Code":"Success","TmpSecretKey":"k-SECRET","ExpiredTime":1}"#,
                "the answer lacks TmpSecretId, Token",
            ),
            (
                r#"{"Code":"Success","TmpSecretId":"a","TmpSecretKey":"k-SECRET","Token":"t"}"#,
                "the answer lacks ExpiredTime",
            ),
            (
                r#"{"Code":"Success","TmpSecretId":"a","TmpSecretKey":"k-SECRET","Token":"t","ExpiredTime":"soon"}"#,
                "ExpiredTime is not a time in Unix seconds",
            ),
            (
                "not json SECRET",
                "the answer is not JSON (line 1, column 2)",
            ),
        ] {
            let e = run(body).await.unwrap_err();
            assert_eq!(
                e.tried,
                [format!(
                    "CVM role from the metadata service at http://meta.test: role `r`: {why}"
                )]
            );
            assert!(!e.to_string().contains("SECRET"));
        }
    }
}

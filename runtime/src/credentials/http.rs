//! What the fetching providers share: the transport they send through (their own default one,
//! built on first use with their short timeouts, or one given), their base URL, and reading the
//! JSON documents and timestamps they get back. Nothing here puts a response body into an
//! error: a body can hold a secret.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::endpoint::Endpoint;
use crate::prepare::USER_AGENT;
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportOptions};

/// The timeouts of the instance metadata service: the Alibaba SDK's `EcsRamRoleCredentialsProvider`
/// connects and reads with 1 s each, so a machine without the service does not wait long.
pub(crate) const METADATA_TIMEOUTS: TransportOptions = TransportOptions {
    connect_timeout: Duration::from_secs(1),
    read_timeout: Duration::from_secs(1),
};

/// A transport and the base URL it is used with.
pub(crate) struct HttpSource {
    endpoint: Result<Endpoint, String>,
    given: Option<Arc<dyn Transport>>,
    options: TransportOptions,
    built: OnceLock<Result<Arc<dyn Transport>, String>>,
}

impl fmt::Debug for HttpSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoint = match &self.endpoint {
            Ok(e) => e.url(),
            Err(e) => e.clone(),
        };
        f.debug_struct("HttpSource")
            .field("endpoint", &endpoint)
            .field("custom_transport", &self.given.is_some())
            .field("timeouts", &self.options)
            .finish()
    }
}

impl HttpSource {
    /// `endpoint` (`http://host`, `https://host:port` or a bare host, https) with the default
    /// transport built with `options` when first needed.
    pub(crate) fn new(endpoint: &str, options: TransportOptions) -> Self {
        HttpSource {
            endpoint: parse_endpoint(endpoint),
            given: None,
            options,
            built: OnceLock::new(),
        }
    }

    pub(crate) fn set_endpoint(&mut self, endpoint: &str) {
        self.endpoint = parse_endpoint(endpoint);
    }

    pub(crate) fn set_transport(&mut self, transport: Arc<dyn Transport>) {
        self.given = Some(transport);
    }

    pub(crate) fn set_timeouts(&mut self, options: TransportOptions) {
        self.options = options;
        self.built = OnceLock::new();
    }

    /// The endpoint, or why it cannot be used.
    pub(crate) fn endpoint(&self) -> Result<&Endpoint, String> {
        self.endpoint.as_ref().map_err(Clone::clone)
    }

    /// The endpoint as text for messages (`http://100.100.100.200`).
    pub(crate) fn endpoint_text(&self) -> String {
        match &self.endpoint {
            Ok(e) => {
                let mut url = e.url();
                url.pop();
                url
            }
            Err(e) => e.clone(),
        }
    }

    /// A request to `path` (encoded, from `/`) of the endpoint, with `host` and `user-agent`
    /// first, then `headers`.
    pub(crate) fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<HttpRequest, String> {
        let endpoint = self.endpoint()?;
        let mut url = endpoint.url();
        url.pop();
        url.push_str(path);
        let mut all = vec![
            ("host".to_string(), endpoint.authority().to_string()),
            ("user-agent".to_string(), USER_AGENT.to_string()),
        ];
        all.extend(headers.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        Ok(HttpRequest {
            method: method.to_string(),
            url,
            headers: all,
            body: Vec::new(),
        })
    }

    /// The body of a `200` answer to `request`; any other status is an error naming it and
    /// `what` was asked for.
    pub(crate) async fn fetch_ok(
        &self,
        request: HttpRequest,
        what: &str,
    ) -> Result<Vec<u8>, String> {
        let response = self
            .send(request)
            .await
            .map_err(|e| format!("{what}: {e}"))?;
        if response.status == 200 {
            Ok(response.body)
        } else {
            Err(format!("{what}: HTTP {}", response.status))
        }
    }

    fn transport(&self) -> Result<Arc<dyn Transport>, String> {
        if let Some(t) = &self.given {
            return Ok(Arc::clone(t));
        }
        self.built
            .get_or_init(|| default_transport(self.options))
            .clone()
    }

    /// Sends `request`; any HTTP status is `Ok`. The error names what failed, never the URL's
    /// query or a header.
    pub(crate) async fn send(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        let transport = self.transport()?;
        transport.send(request).await.map_err(|e| e.to_string())
    }
}

fn parse_endpoint(text: &str) -> Result<Endpoint, String> {
    Endpoint::parse(text.trim_end_matches('/')).map_err(|e| e.to_string())
}

#[cfg(feature = "default-transport")]
fn default_transport(options: TransportOptions) -> Result<Arc<dyn Transport>, String> {
    crate::transport::ReqwestTransport::new(options)
        .map(|t| Arc::new(t) as Arc<dyn Transport>)
        .map_err(|e| e.to_string())
}

#[cfg(not(feature = "default-transport"))]
fn default_transport(_: TransportOptions) -> Result<Arc<dyn Transport>, String> {
    Err(
        "no transport: give the provider one with `.transport(…)`, or enable the \
         `default-transport` feature of cloudspec-runtime"
            .into(),
    )
}

/// The body as a JSON object, or why not (never the body itself).
pub(crate) fn json_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("the answer is JSON but not an object".into()),
        Err(e) => Err(format!(
            "the answer is not JSON (line {}, column {})",
            e.line(),
            e.column()
        )),
    }
}

/// The non-empty strings `names` of `object`, in order; or an error naming the missing ones.
pub(crate) fn strings<const N: usize>(
    object: &serde_json::Map<String, Value>,
    names: [&str; N],
) -> Result<[String; N], String> {
    let mut missing = Vec::new();
    let values = names.map(|name| {
        match object
            .get(name)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
        {
            Some(v) => v.to_string(),
            None => {
                missing.push(name);
                String::new()
            }
        }
    });
    if missing.is_empty() {
        Ok(values)
    } else {
        Err(format!("the answer lacks {}", missing.join(", ")))
    }
}

/// Alibaba's temporary credentials as both its ECS metadata service and STS give them:
/// `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and an RFC 3339 `Expiration`.
pub(crate) fn alibaba_temporary(
    object: &serde_json::Map<String, Value>,
) -> Result<super::Credentials, String> {
    let [id, secret, token, expiration] = strings(
        object,
        [
            "AccessKeyId",
            "AccessKeySecret",
            "SecurityToken",
            "Expiration",
        ],
    )?;
    let expiry = parse_utc(&expiration)
        .ok_or_else(|| format!("Expiration `{expiration}` is not a UTC time"))?;
    Ok(super::Credentials::new(id, secret)
        .with_security_token(token)
        .with_expiry(expiry))
}

/// An RFC 3339 UTC time (`2026-11-30T12:00:00Z`, the vendors' `Expiration`) as a `SystemTime`.
pub(crate) fn parse_utc(text: &str) -> Option<SystemTime> {
    let parsed =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    unix_to_system_time(parsed.unix_timestamp())
}

/// Seconds since the Unix epoch as a `SystemTime` (none before the epoch).
pub(crate) fn unix_to_system_time(seconds: i64) -> Option<SystemTime> {
    let seconds = u64::try_from(seconds).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// A `SystemTime` as seconds since the Unix epoch (negative before it, saturating).
pub(crate) fn system_time_to_unix(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_documents() {
        let t = parse_utc("2026-11-30T12:00:00Z").unwrap();
        assert_eq!(system_time_to_unix(t), 1_796_040_000);
        assert!(parse_utc("30/11/2026").is_none());
        assert!(unix_to_system_time(-1).is_none());
        assert_eq!(system_time_to_unix(UNIX_EPOCH - Duration::from_secs(5)), -5);
        let o = json_object(br#"{"A":"x","B":""}"#).unwrap();
        assert_eq!(strings(&o, ["A"]).unwrap(), ["x".to_string()]);
        assert_eq!(
            strings(&o, ["A", "B", "C"]).unwrap_err(),
            "the answer lacks B, C"
        );
        assert_eq!(
            json_object(b"<html>SECRET</html>").unwrap_err(),
            "the answer is not JSON (line 1, column 1)"
        );
        assert_eq!(
            json_object(b"[1]").unwrap_err(),
            "the answer is JSON but not an object"
        );
    }

    #[test]
    fn endpoints_and_debug() {
        let s = HttpSource::new("http://127.0.0.1:9/", METADATA_TIMEOUTS);
        assert_eq!(s.endpoint_text(), "http://127.0.0.1:9");
        let bad = HttpSource::new("ftp://x", METADATA_TIMEOUTS);
        assert!(bad.endpoint().is_err());
        assert!(format!("{s:?}").contains("custom_transport: false"));
    }
}

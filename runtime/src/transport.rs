//! The HTTP transport: a small async trait, plus the default implementation on `reqwest`
//! (rustls, connection pooling, connect and read timeouts).
//!
//! The client hands a fully signed [`HttpRequest`] to a [`Transport`] and gets an
//! [`HttpResponse`] back (any status: deciding what a status means is the client's job) or a
//! [`TransportError`] when no response arrived. Implement [`Transport`] to plug in another HTTP
//! client, or to capture requests in tests.
//!
//! Nothing here logs or displays secrets: `Debug` of [`HttpRequest`] redacts `Authorization`,
//! security-token headers and the `SecurityToken`/`Signature` query parameters, and errors
//! coming from `reqwest` are stripped of the URL (whose query can carry an STS token).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, `Send` future: what [`Transport::send`] and [`crate::retry::Sleeper::sleep`]
/// return, so that both traits stay object safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Header names whose values are secret (compared case-insensitively).
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "x-acs-security-token",
    "x-tc-token",
    "x-acs-bearer-token",
];

/// Query parameters whose values are secret or credential-derived.
const SECRET_QUERY_PARAMS: &[&str] = &["SecurityToken", "Signature", "BearerToken"];

/// Whether a header's value must never be shown.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// A request ready to send: method, absolute URL, headers in wire order, body bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// HTTP method (`POST`).
    pub method: String,
    /// Absolute URL, query included (`https://swas.cn-hangzhou.aliyuncs.com/?ImageName=…`).
    pub url: String,
    /// Headers in the order they are sent; names as the vendor's SDK spells them.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes (empty for none).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The URL with secret query values replaced by `<redacted>`.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let v = if is_secret_header(n) {
                    crate::sign::REDACTED
                } else {
                    v.as_str()
                };
                (n.as_str(), v)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// Replaces the values of secret query parameters in `url` with `<redacted>`.
fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_QUERY_PARAMS.contains(&k) => {
                format!("{k}={}", crate::sign::REDACTED)
            }
            _ => pair.to_string(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What came back: status, headers (names lower-case for the default transport) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(String, String)>,
    /// Response body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Why no response arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake, connect timeout): the
    /// request was never sent, so retrying is safe.
    Connect,
    /// The response did not arrive in time after the request was sent (read timeout).
    Timeout,
    /// The connection failed while the request or response was in flight.
    Io,
    /// The request could not be built or another failure (not retried).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "connection error",
            TransportErrorKind::Other => "transport error",
        })
    }
}

/// A failure to get any HTTP response. Its message never contains the URL or headers.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A transport error of `kind` described by `message` (which must not contain secrets).
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying error (which must not contain secrets in its `Display`).
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Sends signed requests. Implementations must be cheap to share (`Arc<dyn Transport>`).
///
/// Return `Ok` for every HTTP response, whatever its status; return `Err` only when no
/// response arrived, with the [`TransportErrorKind`] that says whether the request may have
/// reached the server (the client retries [`TransportErrorKind::Connect`] always and
/// [`TransportErrorKind::Timeout`] only for idempotent requests).
pub trait Transport: Send + Sync {
    /// Sends one request and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// Timeouts of the default transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportOptions {
    /// Time allowed to open a connection (TCP and TLS). The Alibaba SDK uses 5 s.
    pub connect_timeout: Duration,
    /// Time allowed between reads of the response. The Alibaba SDK uses 10 s.
    pub read_timeout: Duration,
}

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(10),
        }
    }
}

#[cfg(feature = "default-transport")]
mod reqwest_transport;
#[cfg(feature = "default-transport")]
pub use reqwest_transport::ReqwestTransport;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let request = HttpRequest {
            method: "POST".into(),
            url: "https://h/?Action=A&SecurityToken=tok-SECRET&Signature=sig%3D".into(),
            headers: vec![
                ("host".into(), "h".into()),
                (
                    "Authorization".into(),
                    "ACS3-HMAC-SHA256 Credential=id,Signature=abc".into(),
                ),
                ("x-acs-security-token".into(), "tok-SECRET".into()),
                ("X-TC-Token".into(), "tok-SECRET".into()),
            ],
            body: b"a=b".to_vec(),
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(!debug.contains("Signature=abc"), "{debug}");
        assert!(!debug.contains("sig%3D"), "{debug}");
        assert!(debug.contains("Action=A"), "{debug}");
        assert_eq!(request.header("HOST"), Some("h"));
        assert_eq!(
            request.redacted_url(),
            "https://h/?Action=A&SecurityToken=<redacted>&Signature=<redacted>"
        );
        assert_eq!(redact_url("https://h/"), "https://h/");
    }

    #[test]
    fn transport_error_display() {
        let e = TransportError::new(TransportErrorKind::Timeout, "no answer in 1s");
        assert_eq!(e.to_string(), "timed out: no answer in 1s");
        assert_eq!(e.kind(), TransportErrorKind::Timeout);
        assert!(std::error::Error::source(&e).is_none());
        let io = std::io::Error::other("reset");
        let e = TransportError::new(TransportErrorKind::Io, "x").with_source(io);
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn response_header_lookup_is_case_insensitive() {
        let r = HttpResponse {
            status: 200,
            headers: vec![("x-acs-request-id".into(), "r1".into())],
            body: Vec::new(),
        };
        assert_eq!(r.header("X-Acs-Request-Id"), Some("r1"));
        assert_eq!(r.header("other"), None);
    }
}

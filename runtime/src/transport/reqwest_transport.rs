//! The default [`Transport`]: reqwest with rustls on *ring* (feature `default-transport`).

use std::sync::Arc;
use std::time::Duration;

use super::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
    TransportOptions,
};

/// The default transport (feature `default-transport`, on by default): `reqwest` with rustls,
/// HTTP/1.1, a connection pool (connections are reused across calls of one client), and the
/// configured timeouts. No proxy is read from the environment and no redirect is followed.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Builds the transport; fails only if the TLS backend cannot be initialised.
    pub fn new(options: TransportOptions) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config()?)
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|e| {
                TransportError::new(
                    TransportErrorKind::Other,
                    format!("cannot build the HTTP client: {}", e.without_url()),
                )
            })?;
        Ok(ReqwestTransport { client })
    }

    /// Wraps a `reqwest::Client` configured by the caller.
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

/// TLS 1.2 and 1.3 on *ring*, server certificates checked by the platform's verifier, HTTP/1.1
/// by ALPN: what reqwest sets up by itself, with a crypto provider chosen here rather than taken
/// from process-wide state.
fn tls_config() -> Result<rustls::ClientConfig, TransportError> {
    let tls_error = |e: rustls::Error| {
        TransportError::new(TransportErrorKind::Other, format!("cannot set up TLS: {e}"))
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier =
        rustls_platform_verifier::Verifier::new(Arc::clone(&provider)).map_err(tls_error)?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

fn map_reqwest_error(error: reqwest::Error) -> TransportError {
    let error = error.without_url();
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_request() || error.is_body() || error.is_decode() {
        TransportErrorKind::Io
    } else if error.is_builder() {
        TransportErrorKind::Other
    } else {
        TransportErrorKind::Io
    };
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    TransportError::new(kind, message)
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| {
                TransportError::new(TransportErrorKind::Other, "invalid HTTP method")
            })?;
            let mut headers = reqwest::header::HeaderMap::new();
            for (name, value) in &request.headers {
                let name =
                    reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                        TransportError::new(
                            TransportErrorKind::Other,
                            format!("invalid header name `{name}`"),
                        )
                    })?;
                let value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                    TransportError::new(
                        TransportErrorKind::Other,
                        format!("invalid value for header `{name}`"),
                    )
                })?;
                headers.append(name, value);
            }
            let response = self
                .client
                .request(method, &request.url)
                .headers(headers)
                .body(request.body)
                .send()
                .await
                .map_err(map_reqwest_error)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.bytes().await.map_err(map_reqwest_error)?.to_vec();
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_is_ring_with_http1_alpn() {
        let config = tls_config().unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
        let ring = rustls::crypto::ring::default_provider();
        assert_eq!(
            config.crypto_provider().cipher_suites.len(),
            ring.cipher_suites.len()
        );
    }

    #[tokio::test]
    async fn connection_refused_is_a_connect_error() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let transport = ReqwestTransport::new(TransportOptions::default()).unwrap();
        let error = transport
            .send(HttpRequest {
                method: "POST".into(),
                url: format!("http://127.0.0.1:{port}/?SecurityToken=SECRET"),
                headers: vec![],
                body: vec![],
            })
            .await
            .unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
        assert!(!error.to_string().contains("SECRET"), "{error}");
        assert!(!format!("{error:?}").contains("SECRET"));
    }
}

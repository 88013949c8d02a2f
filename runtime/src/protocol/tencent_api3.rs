//! Tencent Cloud API 3.0 (`tencent-api3`): `POST /` with a JSON body, the action, version,
//! region and timestamp in `X-TC-*` headers, signed with TC3-HMAC-SHA256.
//!
//! Headers: `User-Agent`, `X-TC-TraceId`, `Content-Type: application/json` (no charset, as the
//! SDK), `Host`, `X-TC-Action`, `X-TC-RequestClient`, `X-TC-Timestamp`, `X-TC-Version`,
//! (`X-TC-Region`), (`X-TC-Token`), (`X-TC-Language`), header parameters, `Authorization`; only
//! `content-type;host` are signed, as the SDK does.
//!
//! Errors: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, on any status.

use serde_json::Value;

use super::{ErrorBody, Protocol, pair, scalar_text};
use crate::error::ApiError;
use crate::prepare::{JSON_CONTENT_TYPE, RequestContext, url_with_query};
use crate::schema::Provider;
use crate::sign::tc3;
use crate::transport::HttpRequest;
use crate::wire::{JsonFormat, WireParams};

/// `X-TC-RequestClient`: who sends (the Python SDK sends `SDK_PYTHON_<version>`).
pub const REQUEST_CLIENT: &str = concat!("CLOUDSPEC_RUST_", env!("CARGO_PKG_VERSION"));

/// Tencent Cloud API 3.0 (`protocol: tencent-api3`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TencentApi3;

impl Protocol for TencentApi3 {
    fn name(&self) -> &'static str {
        "tencent-api3"
    }

    fn vendor(&self) -> Provider {
        Provider::Tencent
    }

    fn sends_trace_id(&self) -> bool {
        true
    }

    fn json_format(&self) -> JsonFormat {
        JsonFormat::Python
    }

    fn signed_request(
        &self,
        params: &WireParams,
        json_body: Option<&str>,
        cx: &RequestContext<'_>,
    ) -> HttpRequest {
        let service = cx.op.service;
        let body = match json_body {
            Some(text) => text.as_bytes().to_vec(),
            None => self.json_format().object(&params.json).into_bytes(),
        };
        let signed = vec![
            pair("content-type", JSON_CONTENT_TYPE),
            pair("host", cx.endpoint.authority()),
        ];
        let authorization = tc3::authorization(
            &tc3::Tc3Request {
                method: cx.op.method,
                canonical_uri: cx.op.path,
                canonical_query: "",
                headers: &signed,
                payload: &body,
                service: service.signing_name,
                timestamp: cx.timestamp,
            },
            cx.credentials.access_key_id(),
            cx.credentials.secret().expose_secret(),
        );
        let mut headers = Vec::with_capacity(12 + params.headers.len());
        headers.extend([
            pair("User-Agent", cx.user_agent),
            pair("X-TC-TraceId", cx.trace_id),
            pair("Content-Type", JSON_CONTENT_TYPE),
            pair("Host", cx.endpoint.authority()),
            pair("X-TC-Action", cx.op.name),
            pair("X-TC-RequestClient", REQUEST_CLIENT),
            pair("X-TC-Timestamp", cx.timestamp.to_string()),
            pair("X-TC-Version", service.version),
        ]);
        if let Some(region) = cx.region.filter(|r| !r.is_empty()) {
            headers.push(pair("X-TC-Region", region));
        }
        if let Some(token) = cx.credentials.security_token() {
            headers.push(pair("X-TC-Token", token.expose_secret()));
        }
        if let Some(language) = cx.language.filter(|l| !l.is_empty()) {
            headers.push(pair("X-TC-Language", language));
        }
        headers.extend(params.headers.iter().cloned());
        headers.push(pair("Authorization", authorization));
        HttpRequest {
            method: cx.op.method.into(),
            url: url_with_query(cx.endpoint, cx.op.path, &[]),
            headers,
            body,
        }
    }

    fn decode_error(&self, status: u16, body: ErrorBody<'_>) -> Option<ApiError> {
        let ErrorBody::Json(value) = body else {
            return None;
        };
        let response = value.get("Response")?;
        let error = response.get("Error")?;
        Some(ApiError {
            code: scalar_text(error.get("Code")).unwrap_or_default(),
            message: scalar_text(error.get("Message")).unwrap_or_default(),
            http_status: status,
            request_id: scalar_text(response.get("RequestId")),
        })
    }

    fn body_request_id(&self, body: &Value) -> Option<String> {
        body.get("Response")?
            .get("RequestId")?
            .as_str()
            .map(str::to_string)
    }
}

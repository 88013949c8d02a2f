//! Alibaba Cloud's RPC style (`alibaba-rpc`): `POST /`, the action and version in headers (ACS3)
//! or in the query (the legacy signature), parameters in the query or a form body.
//!
//! **ACS3-HMAC-SHA256 (default)**: `POST /?<query>`, form body when the operation has form
//! parameters; headers in the SDK's order: `host`, `x-acs-version`, `x-acs-action`,
//! `user-agent`, `x-acs-date`, `x-acs-signature-nonce`, `accept: application/json`,
//! (`content-type: application/x-www-form-urlencoded`), `x-acs-content-sha256`,
//! `x-acs-credentials-provider` (`static_ak`, or `static_sts` with a token), (`x-acs-accesskey-id`,
//! `x-acs-security-token` with STS), header parameters, then `Authorization`. Every one of them
//! is signed, as the SDK signs every header present at signing time.
//!
//! **RPC HMAC-SHA1 (legacy)**: `POST /?Action&Format=json&Version&Timestamp&
//! SignatureNonce&<query>&[SecurityToken]&SignatureMethod&SignatureVersion&AccessKeyId&Signature`;
//! headers `host`, `x-acs-version`, `x-acs-action`, `user-agent`, (`content-type`),
//! `x-acs-credentials-provider`; no `Authorization`.
//!
//! Errors: a JSON object with `Code` (or `code`), `Message` and `RequestId` on a 4xx/5xx status
//! or with `"Success": false` (the WUYING services answer 200 so); or an XML `<Error>` document.

use serde_json::Value;

use super::alibaba::{Payload, acs3_request, credentials_kind, decode_error};
use super::{ErrorBody, Protocol, pair};
use crate::clock::format_iso8601_utc;
use crate::error::ApiError;
use crate::prepare::{RequestContext, SignatureVersion, url_with_query};
use crate::schema::Provider;
use crate::sign::rpc_v1;
use crate::transport::HttpRequest;
use crate::wire::WireParams;

/// Alibaba Cloud's RPC style (`protocol: alibaba-rpc`).
#[derive(Debug, Clone, Copy, Default)]
pub struct AlibabaRpc;

impl Protocol for AlibabaRpc {
    fn name(&self) -> &'static str {
        "alibaba-rpc"
    }

    fn vendor(&self) -> Provider {
        Provider::Alibaba
    }

    fn region_parameter(&self) -> Option<&'static str> {
        Some("RegionId")
    }

    fn signs_nonce(&self) -> bool {
        true
    }

    fn signed_request(
        &self,
        params: &WireParams,
        _json_body: Option<&str>,
        cx: &RequestContext<'_>,
    ) -> HttpRequest {
        match cx.signature {
            SignatureVersion::Acs3 => acs3_request(params, cx, cx.op.path, Payload::form(params)),
            SignatureVersion::RpcHmacSha1 => rpc_v1_request(params, cx),
        }
    }

    fn decode_error(&self, status: u16, body: ErrorBody<'_>) -> Option<ApiError> {
        decode_error(status, body)
    }

    fn request_id_header(&self) -> Option<&'static str> {
        Some("x-acs-request-id")
    }

    fn body_request_id(&self, body: &Value) -> Option<String> {
        body.get("RequestId")?.as_str().map(str::to_string)
    }

    fn retry_after_header(&self) -> Option<&'static str> {
        Some("x-acs-retry-after")
    }
}

fn rpc_v1_request(params: &WireParams, cx: &RequestContext<'_>) -> HttpRequest {
    let service = cx.op.service;
    let mut query = vec![
        pair("Action", cx.op.name),
        pair("Format", "json"),
        pair("Version", service.version),
        pair("Timestamp", format_iso8601_utc(cx.timestamp)),
        pair("SignatureNonce", cx.nonce),
    ];
    query.extend(params.query.iter().cloned());
    if let Some(token) = cx.credentials.security_token() {
        query.push(pair("SecurityToken", token.expose_secret()));
    }
    query.push(pair("SignatureMethod", rpc_v1::SIGNATURE_METHOD));
    query.push(pair("SignatureVersion", rpc_v1::SIGNATURE_VERSION));
    query.push(pair("AccessKeyId", cx.credentials.access_key_id()));
    let signature = rpc_v1::sign(
        &rpc_v1::RpcV1Request {
            method: cx.op.method,
            query: &query,
            form: &params.form,
        },
        cx.credentials.secret().expose_secret(),
    );
    query.push(pair(rpc_v1::SIGNATURE_PARAM, signature.signature));
    let body = Payload::form(params);
    let mut headers = vec![
        pair("host", cx.endpoint.authority()),
        pair("x-acs-version", service.version),
        pair("x-acs-action", cx.op.name),
        pair("user-agent", cx.user_agent),
    ];
    if let Some(content_type) = body.content_type {
        headers.push(pair("content-type", content_type));
    }
    headers.push(pair(
        "x-acs-credentials-provider",
        credentials_kind(cx.credentials),
    ));
    headers.extend(params.headers.iter().cloned());
    HttpRequest {
        method: cx.op.method.into(),
        url: url_with_query(cx.endpoint, cx.op.path, &query),
        headers,
        body: body.bytes,
    }
}

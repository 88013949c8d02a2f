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

use super::{ErrorBody, Protocol, pair, scalar_text};
use crate::clock::format_iso8601_utc;
use crate::credentials::Credentials;
use crate::encode::encode_pairs_plus;
use crate::error::ApiError;
use crate::prepare::{FORM_CONTENT_TYPE, RequestContext, SignatureVersion, url_with_query};
use crate::schema::Provider;
use crate::sign::{acs3, rpc_v1, sha256_hex};
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
            SignatureVersion::Acs3 => acs3_request(params, cx),
            SignatureVersion::RpcHmacSha1 => rpc_v1_request(params, cx),
        }
    }

    fn decode_error(&self, status: u16, body: ErrorBody<'_>) -> Option<ApiError> {
        match body {
            ErrorBody::Json(value) => json_error(status, value),
            ErrorBody::Xml(text) => xml_error(status, text),
        }
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

/// `x-acs-credentials-provider`, as the SDK names the kind of credentials.
fn credentials_kind(credentials: &Credentials) -> &'static str {
    if credentials.security_token().is_some() {
        "static_sts"
    } else {
        "static_ak"
    }
}

fn form_body(params: &WireParams) -> Vec<u8> {
    if params.has_form {
        encode_pairs_plus(&params.form).into_bytes()
    } else {
        Vec::new()
    }
}

fn acs3_request(params: &WireParams, cx: &RequestContext<'_>) -> HttpRequest {
    let service = cx.op.service;
    let body = form_body(params);
    // At most 12 SDK headers, the header parameters and `Authorization`: one allocation.
    let mut headers = Vec::with_capacity(14 + params.headers.len());
    headers.extend([
        pair("host", cx.endpoint.authority()),
        pair("x-acs-version", service.version),
        pair("x-acs-action", cx.op.name),
        pair("user-agent", cx.user_agent),
        pair("x-acs-date", format_iso8601_utc(cx.timestamp)),
        pair("x-acs-signature-nonce", cx.nonce),
        pair("accept", "application/json"),
    ]);
    if params.has_form {
        headers.push(pair("content-type", FORM_CONTENT_TYPE));
    }
    let hashed_payload = sha256_hex(&body);
    headers.push(pair("x-acs-content-sha256", hashed_payload.as_str()));
    headers.push(pair(
        "x-acs-credentials-provider",
        credentials_kind(cx.credentials),
    ));
    if let Some(token) = cx.credentials.security_token() {
        headers.push(pair("x-acs-accesskey-id", cx.credentials.access_key_id()));
        headers.push(pair("x-acs-security-token", token.expose_secret()));
    }
    headers.extend(params.headers.iter().cloned());
    let signature = acs3::sign_with_hashed_payload(
        &acs3::Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &params.query,
            headers: &headers,
            body: &body,
        },
        hashed_payload,
        cx.credentials.access_key_id(),
        cx.credentials.secret().expose_secret(),
    );
    headers.push(pair("Authorization", signature.authorization));
    HttpRequest {
        method: "POST".into(),
        url: url_with_query(cx.endpoint, &params.query),
        headers,
        body,
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
            method: "POST",
            query: &query,
            form: &params.form,
        },
        cx.credentials.secret().expose_secret(),
    );
    query.push(pair(rpc_v1::SIGNATURE_PARAM, signature.signature));
    let body = form_body(params);
    let mut headers = vec![
        pair("host", cx.endpoint.authority()),
        pair("x-acs-version", service.version),
        pair("x-acs-action", cx.op.name),
        pair("user-agent", cx.user_agent),
    ];
    if params.has_form {
        headers.push(pair("content-type", FORM_CONTENT_TYPE));
    }
    headers.push(pair(
        "x-acs-credentials-provider",
        credentials_kind(cx.credentials),
    ));
    headers.extend(params.headers.iter().cloned());
    HttpRequest {
        method: "POST".into(),
        url: url_with_query(cx.endpoint, &query),
        headers,
        body,
    }
}

fn json_error(status: u16, value: &Value) -> Option<ApiError> {
    let obj = value.as_object()?;
    let success = obj.get("Success").and_then(Value::as_bool);
    if status < 400 && success != Some(false) {
        return None;
    }
    Some(ApiError {
        code: scalar_text(obj.get("Code").or_else(|| obj.get("code")))
            .unwrap_or_else(|| format!("HTTP{status}")),
        message: scalar_text(obj.get("Message").or_else(|| obj.get("message"))).unwrap_or_default(),
        http_status: status,
        request_id: scalar_text(obj.get("RequestId").or_else(|| obj.get("requestId"))),
    })
}

fn xml_element(text: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    let raw = &text[start..end];
    let raw = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(raw);
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

fn xml_error(status: u16, text: &str) -> Option<ApiError> {
    if status < 400 && !text.contains("<Error>") {
        return None;
    }
    Some(ApiError {
        code: xml_element(text, "Code")?,
        message: xml_element(text, "Message").unwrap_or_default(),
        http_status: status,
        request_id: xml_element(text, "RequestId"),
    })
}

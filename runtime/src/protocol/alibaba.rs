//! What Alibaba Cloud's two protocols share: the `ACS3-HMAC-SHA256` request layout (the SDK's
//! `do_request`, the same for RPC and ROA but for the method, path and body), the kind of
//! credentials named in `x-acs-credentials-provider`, and the error documents.

use serde_json::Value;

use super::{ErrorBody, pair, scalar_text};
use crate::clock::format_iso8601_utc;
use crate::credentials::Credentials;
use crate::encode::encode_pairs_plus;
use crate::error::ApiError;
use crate::prepare::{FORM_CONTENT_TYPE, RequestContext, url_with_query};
use crate::sign::{acs3, sha256_hex};
use crate::transport::HttpRequest;
use crate::wire::WireParams;

/// The content type of ROA JSON bodies, as the SDK sends it.
pub(super) const JSON_UTF8_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// `x-acs-credentials-provider`, as the SDK names the kind of credentials.
pub(super) fn credentials_kind(credentials: &Credentials) -> &'static str {
    if credentials.security_token().is_some() {
        "static_sts"
    } else {
        "static_ak"
    }
}

/// `x-acs-credentials-provider`, then with STS credentials `x-acs-accesskey-id` and
/// `x-acs-security-token`, as the SDK adds them to ACS3 and legacy ROA requests alike.
pub(super) fn push_credential_headers(
    headers: &mut Vec<(String, String)>,
    cx: &RequestContext<'_>,
) {
    headers.push(pair(
        "x-acs-credentials-provider",
        credentials_kind(cx.credentials),
    ));
    if let Some(token) = cx.credentials.security_token() {
        headers.push(pair("x-acs-accesskey-id", cx.credentials.access_key_id()));
        headers.push(pair("x-acs-security-token", token.expose_secret()));
    }
}

/// An Alibaba error document: JSON (`Code`/`code`, `Message`, `RequestId`) or XML `<Error>`.
pub(super) fn decode_error(status: u16, body: ErrorBody<'_>) -> Option<ApiError> {
    match body {
        ErrorBody::Json(value) => json_error(status, value),
        ErrorBody::Xml(text) => xml_error(status, text),
    }
}

/// A request body and its content type (`None`: no `content-type` header).
#[derive(Debug, Default)]
pub(super) struct Payload {
    pub(super) bytes: Vec<u8>,
    pub(super) content_type: Option<&'static str>,
}

impl Payload {
    /// The form body of `params`: the form content type whenever the operation has form
    /// parameters, even with none set (as the SDK sends it).
    pub(super) fn form(params: &WireParams) -> Payload {
        if params.has_form {
            Payload {
                bytes: encode_pairs_plus(&params.form).into_bytes(),
                content_type: Some(FORM_CONTENT_TYPE),
            }
        } else {
            Payload::default()
        }
    }
}

/// The `ACS3-HMAC-SHA256` request: `method` and `path` (already encoded) of the operation,
/// `params.query`, the SDK's headers in its order, `body`, and `Authorization`.
pub(super) fn acs3_request(
    params: &WireParams,
    cx: &RequestContext<'_>,
    path: &str,
    body: Payload,
) -> HttpRequest {
    let service = cx.op.service;
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
    if let Some(content_type) = body.content_type {
        headers.push(pair("content-type", content_type));
    }
    let hashed_payload = sha256_hex(&body.bytes);
    headers.push(pair("x-acs-content-sha256", hashed_payload.as_str()));
    push_credential_headers(&mut headers, cx);
    headers.extend(params.headers.iter().cloned());
    let signature = acs3::sign_with_hashed_payload(
        &acs3::Acs3Request {
            method: cx.op.method,
            canonical_uri: path,
            query: &params.query,
            headers: &headers,
            body: &body.bytes,
        },
        hashed_payload,
        cx.credentials.access_key_id(),
        cx.credentials.secret().expose_secret(),
    );
    headers.push(pair("Authorization", signature.authorization));
    HttpRequest {
        method: cx.op.method.into(),
        url: url_with_query(cx.endpoint, path, &params.query),
        headers,
        body: body.bytes,
    }
}

pub(super) fn json_error(status: u16, value: &Value) -> Option<ApiError> {
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

pub(super) fn xml_error(status: u16, text: &str) -> Option<ApiError> {
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

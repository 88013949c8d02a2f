//! Alibaba Cloud's ROA style (`alibaba-roa`): each operation has its own HTTP method and path
//! (`GET /clusters/{ClusterId}`); parameters travel in the path, the query, headers, or a JSON
//! or form body.
//!
//! **Path**: each `{Name}` of [`OperationSpec::path`](crate::schema::OperationSpec::path) is
//! replaced by the parameter's value, percent-encoded as the SDK's `get_encode_param` encodes
//! it (RFC 3986: everything but `A-Z a-z 0-9 - _ . ~`, `/` included, becomes `%XX`).
//!
//! **ACS3-HMAC-SHA256 (default)**: the RPC layout of [`super::AlibabaRpc`] with the operation's
//! method, the encoded path as the URL path and canonical URI, and a JSON body
//! (`content-type: application/json; charset=utf-8`, the SDK's compact `json.dumps`) when
//! the operation has JSON parameters and any is set, or a form body.
//!
//! **ROA HMAC-SHA1 (legacy)**, the SDK's `signature_algorithm='v2'`: headers `date` (RFC 1123),
//! `host`, `accept`, `x-acs-signature-nonce`, `x-acs-signature-method: HMAC-SHA1`,
//! `x-acs-signature-version: 1.0`, `x-acs-version`, `x-acs-action`, `user-agent`,
//! (`content-type`), (`x-acs-accesskey-id`, `x-acs-security-token` with STS), header parameters,
//! then `authorization: acs <AccessKeyId>:<Signature>`, where the signature is the base64
//! HMAC-SHA1 of
//!
//! ```text
//! METHOD \n accept \n content-md5 \n content-type \n date \n
//! x-acs-*:value \n …(sorted by name)  path[?name=value&…(sorted by name; a name alone when empty)]
//! ```
//!
//! Errors: a JSON object with `code` (or `Code`), `message` and `requestId` on a 4xx/5xx
//! status, as for RPC; the request id of a success comes in `x-acs-request-id`.

use serde_json::Value;

use super::alibaba::{
    JSON_UTF8_CONTENT_TYPE, Payload, acs3_request, decode_error, push_credential_headers,
};
use super::{ErrorBody, Protocol, pair};
use crate::clock::format_http_date;
use crate::encode::percent_encode_rfc3986;
use crate::error::ApiError;
use crate::prepare::{RequestContext, SignatureVersion, url_with_query};
use crate::schema::Provider;
use crate::sign::roa_v1;
use crate::transport::HttpRequest;
use crate::wire::WireParams;

/// Alibaba Cloud's ROA style (`protocol: alibaba-roa`).
#[derive(Debug, Clone, Copy, Default)]
pub struct AlibabaRoa;

impl Protocol for AlibabaRoa {
    fn name(&self) -> &'static str {
        "alibaba-roa"
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
        json_body: Option<&str>,
        cx: &RequestContext<'_>,
    ) -> HttpRequest {
        let path = expand_path(cx.op.path, &params.path);
        let body = payload(params, json_body);
        match cx.signature {
            SignatureVersion::Acs3 => acs3_request(params, cx, &path, body),
            SignatureVersion::RpcHmacSha1 => roa_v1_request(params, cx, &path, body),
        }
    }

    fn decode_error(&self, status: u16, body: ErrorBody<'_>) -> Option<ApiError> {
        decode_error(status, body)
    }

    fn request_id_header(&self) -> Option<&'static str> {
        Some("x-acs-request-id")
    }

    fn body_request_id(&self, body: &Value) -> Option<String> {
        ["RequestId", "requestId", "request_id"]
            .iter()
            .find_map(|key| body.get(key)?.as_str())
            .map(str::to_string)
    }

    fn retry_after_header(&self) -> Option<&'static str> {
        Some("x-acs-retry-after")
    }
}

/// `template` with each `{Name}` replaced by the encoded value of path parameter `Name`; a
/// name with no value (which validation refuses first) is left as written.
pub(crate) fn expand_path(template: &str, values: &[(String, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match values.iter().find(|(n, _)| n == name) {
            Some((_, value)) => out.push_str(&percent_encode_rfc3986(value)),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The body: JSON when the operation has JSON parameters (`{}` when none is set, as the SDK
/// sends it), else the form (when it has form parameters). `json_body` is the JSON text when
/// the caller wrote it already.
fn payload(params: &WireParams, json_body: Option<&str>) -> Payload {
    if !params.has_json {
        return Payload::form(params);
    }
    let text = match json_body {
        Some(text) => text.to_string(),
        None => AlibabaRoa.json_format().object(&params.json),
    };
    Payload {
        bytes: text.into_bytes(),
        content_type: Some(JSON_UTF8_CONTENT_TYPE),
    }
}

fn roa_v1_request(
    params: &WireParams,
    cx: &RequestContext<'_>,
    path: &str,
    body: Payload,
) -> HttpRequest {
    let service = cx.op.service;
    let mut headers = vec![
        pair("date", format_http_date(cx.timestamp)),
        pair("host", cx.endpoint.authority()),
        pair("accept", "application/json"),
        pair("x-acs-signature-nonce", cx.nonce),
        pair("x-acs-signature-method", roa_v1::SIGNATURE_METHOD),
        pair("x-acs-signature-version", roa_v1::SIGNATURE_VERSION),
        pair("x-acs-version", service.version),
        pair("x-acs-action", cx.op.name),
        pair("user-agent", cx.user_agent),
    ];
    if let Some(content_type) = body.content_type {
        headers.push(pair("content-type", content_type));
    }
    push_credential_headers(&mut headers, cx);
    headers.extend(params.headers.iter().cloned());
    let signature = roa_v1::sign(
        &roa_v1::RoaV1Request {
            method: cx.op.method,
            path,
            query: &params.query,
            headers: &headers,
        },
        cx.credentials.secret().expose_secret(),
    );
    headers.push(pair(
        "authorization",
        format!("acs {}:{signature}", cx.credentials.access_key_id()),
    ));
    HttpRequest {
        method: cx.op.method.into(),
        url: url_with_query(cx.endpoint, path, &params.query),
        headers,
        body: body.bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_filled_and_encoded() {
        let values = vec![
            ("ClusterId".to_string(), "c 1/2*".to_string()),
            ("NodepoolId".to_string(), "np-1".to_string()),
        ];
        assert_eq!(
            expand_path("/clusters/{ClusterId}/nodepools/{NodepoolId}", &values),
            "/clusters/c%201%2F2%2A/nodepools/np-1"
        );
        assert_eq!(expand_path("/api/v1/clusters", &values), "/api/v1/clusters");
        // A missing value leaves the segment as written (validation refuses it before).
        assert_eq!(expand_path("/a/{Missing}", &values), "/a/{Missing}");
        assert_eq!(expand_path("/a/{open", &values), "/a/{open");
    }

    #[test]
    fn json_body_wins_over_form() {
        let mut params = WireParams::default();
        assert!(payload(&params, None).content_type.is_none());
        params.has_form = true;
        assert_eq!(
            payload(&params, None).content_type,
            Some(crate::prepare::FORM_CONTENT_TYPE)
        );
        params.has_json = true;
        assert_eq!(payload(&params, None).bytes, b"{}");
        params
            .json
            .insert("cluster_name".into(), Value::from("a é"));
        let body = payload(&params, None);
        assert_eq!(body.content_type, Some(JSON_UTF8_CONTENT_TYPE));
        assert_eq!(
            String::from_utf8(body.bytes).unwrap(),
            r#"{"cluster_name":"a é"}"#
        );
    }
}

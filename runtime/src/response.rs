//! Decoding responses: success bodies into typed responses, error bodies into typed errors.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::error::{ErrorKind, OperationError, Untyped, decode_error, decode_error_value};
use crate::schema::OperationSpec;

/// An operation the generator emitted: its request type implements this trait.
pub trait Operation: Serialize {
    /// The typed success response.
    type Response: crate::de::FromJson + fmt::Debug;
    /// The typed error kinds.
    type ErrorKind: ErrorKind;
    /// The operation's static description.
    const SPEC: &'static OperationSpec;
}

/// Why a response could not be turned into a typed success.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseError<K> {
    /// The service answered with an error document.
    Api(OperationError<K>),
    /// The body is neither the documented success nor an error document (an HTML 502 page,
    /// truncated JSON, a field of the wrong type). Status and body are kept.
    Malformed {
        /// HTTP status.
        status: u16,
        /// What did not fit.
        reason: String,
        /// The body, lossily decoded as UTF-8 and cut to 4 KiB.
        body: String,
    },
}

impl<K: ErrorKind> fmt::Display for ResponseError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(e) => fmt::Display::fmt(e, f),
            ResponseError::Malformed { status, reason, .. } => {
                write!(f, "malformed response (HTTP {status}): {reason}")
            }
        }
    }
}

impl<K: ErrorKind> std::error::Error for ResponseError<K> {}

/// Keeps at most 4 KiB of a body for error reports, cut on a character boundary.
pub fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= 4096 {
        return text.into_owned();
    }
    let mut end = 4096;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Decodes a whole HTTP response of operation `O`: [`decode_response`] on status and body, plus
/// the request id from the protocol's request-id header (Alibaba's `x-acs-request-id`) when
/// the error body has none.
///
/// The body decides, never the `Content-Type`: a Tencent `Response.Error` is found with
/// `application/json`, `application/json; charset=utf-8` or anything else (the Python SDK misses
/// errors sent with a charset), and an Alibaba XML error is read whatever its content type.
pub fn decode_http_response<O: Operation>(
    response: &crate::transport::HttpResponse,
) -> Result<O::Response, ResponseError<O::ErrorKind>> {
    let value = decode_http_body(O::SPEC, response).map_err(ResponseError::typed)?;
    decode_success(value, response.status, &response.body)
}

/// Decodes a response body of operation `O` received with HTTP `status`.
pub fn decode_response<O: Operation>(
    status: u16,
    body: &[u8],
) -> Result<O::Response, ResponseError<O::ErrorKind>> {
    let value = decode_body(O::SPEC, status, body).map_err(ResponseError::typed)?;
    decode_success(value, status, body)
}

/// The typed success from the JSON value [`decode_body`] found; a value that does not fit is a
/// malformed response. The only part of decoding that is compiled once per operation.
pub(crate) fn decode_success<T: crate::de::FromJson, K>(
    value: Value,
    status: u16,
    body: &[u8],
) -> Result<T, ResponseError<K>> {
    T::from_json(value).map_err(|e| ResponseError::Malformed {
        status,
        reason: format!("unexpected shape: {e}"),
        body: body_excerpt(body),
    })
}

impl ResponseError<Untyped> {
    /// The same error with the kind of operation `K`.
    pub(crate) fn typed<K: ErrorKind>(self) -> ResponseError<K> {
        match self {
            ResponseError::Api(e) => ResponseError::Api(e.typed()),
            ResponseError::Malformed {
                status,
                reason,
                body,
            } => ResponseError::Malformed {
                status,
                reason,
                body,
            },
        }
    }
}

/// [`decode_body`] of a whole HTTP response, with the request id from the protocol's
/// request-id header when the error body has none.
pub(crate) fn decode_http_body(
    spec: &OperationSpec,
    response: &crate::transport::HttpResponse,
) -> Result<Value, ResponseError<Untyped>> {
    decode_body(spec, response.status, &response.body).map_err(|e| match e {
        ResponseError::Api(mut api) if api.error.request_id.is_none() => {
            api.error.request_id = spec
                .service
                .protocol
                .request_id_header()
                .and_then(|h| response.header(h))
                .map(str::to_string);
            ResponseError::Api(api)
        }
        other => other,
    })
}

/// Everything of decoding that does not depend on the operation's types: the error document
/// (any status), the status check, the envelope. Gives the success object's JSON value.
pub(crate) fn decode_body(
    spec: &OperationSpec,
    status: u16,
    body: &[u8],
) -> Result<Value, ResponseError<Untyped>> {
    let malformed = |reason: String| ResponseError::Malformed {
        status,
        reason,
        body: body_excerpt(body),
    };
    // The body is parsed once. A body that is JSON as it stands is what `decode_error` would
    // parse too (it only trims a BOM and whitespace first, which JSON text cannot start with
    // and serde_json skips); anything else (XML, a BOM, not JSON at all) goes through
    // `decode_error` on the raw bytes, as before.
    // Text already known to be UTF-8 is parsed as `str`, which skips re-validating strings.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<Value>(text),
        Err(_) => serde_json::from_slice::<Value>(body),
    };
    let error = match &parsed {
        Ok(value) => decode_error_value(spec.service.protocol, status, value),
        Err(_) => decode_error(spec.service.protocol, status, body),
    };
    if let Some(error) = error {
        return Err(ResponseError::Api(OperationError::new(error)));
    }
    if !(200..300).contains(&status) {
        return Err(malformed(format!(
            "HTTP {status} without an error document"
        )));
    }
    let value = parsed.map_err(|e| malformed(format!("not JSON: {e}")))?;
    let value = match spec.envelope {
        Some(key) => match value {
            Value::Object(mut map) => map
                .remove(key)
                .ok_or_else(|| malformed(format!("no `{key}` envelope")))?,
            _ => return Err(malformed(format!("expected a JSON object with `{key}`"))),
        },
        None => value,
    };
    if !value.is_object() {
        return Err(malformed("expected a JSON object".into()));
    }
    Ok(value)
}

/// Checks a documented example against operation `O`: a success body must decode into the
/// typed response; an error body (`expected_code` given) must decode into a documented error
/// kind with that code. Used by the tests the generator emits for every example.
pub fn check_example<O: Operation>(
    status: u16,
    body: &str,
    expected_code: Option<&str>,
) -> Result<(), String> {
    let decoded = decode_response::<O>(status, body.as_bytes());
    match (expected_code, decoded) {
        (None, Ok(_)) => Ok(()),
        (None, Err(e)) => Err(format!(
            "{}: the success example does not decode: {e}",
            O::SPEC.name
        )),
        (Some(code), Err(ResponseError::Api(e))) if e.code() == code && e.kind.is_documented() => {
            Ok(())
        }
        (Some(code), Err(ResponseError::Api(e))) => Err(format!(
            "{}: expected documented error `{code}`, got `{}` ({:?})",
            O::SPEC.name,
            e.code(),
            e.kind
        )),
        (Some(code), other) => Err(format!(
            "{}: expected error `{code}`, got {other:?}",
            O::SPEC.name
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::schema::{EndpointRule, ServiceSpec};

    static ALI: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "demo",
        version: "2020-01-01",
        signing_name: "demo",
        endpoint_rule: EndpointRule::Central,
        host: "demo.aliyuncs.com",
        region_map: &[],
        international_host: None,
        network_hosts: crate::schema::NetworkHosts::LabelSuffix,
    };
    static ALI_OP: OperationSpec = OperationSpec {
        service: &ALI,
        name: "Demo",
        params: &[],
        rules: &[],
        envelope: None,
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };
    use crate::testing::CVM as TC;
    static TC_OP: OperationSpec = OperationSpec {
        service: &TC,
        name: "Demo",
        params: &[],
        rules: &[],
        envelope: Some("Response"),
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    #[derive(Debug, Clone, PartialEq)]
    struct Code(String);
    impl ErrorKind for Code {
        fn from_code(code: &str) -> Self {
            Code(code.to_string())
        }
    }
    #[derive(crate::FromWire, Debug, PartialEq)]
    struct Out {
        #[cloudspec(wire = "ImageId")]
        image_id: Option<String>,
    }
    #[derive(Serialize)]
    struct Ali;
    impl Operation for Ali {
        type Response = Out;
        type ErrorKind = Code;
        const SPEC: &'static OperationSpec = &ALI_OP;
    }
    #[derive(Serialize)]
    struct Tc;
    impl Operation for Tc {
        type Response = Out;
        type ErrorKind = Code;
        const SPEC: &'static OperationSpec = &TC_OP;
    }

    fn reason<T: fmt::Debug>(r: Result<T, ResponseError<Code>>) -> String {
        match r {
            Err(ResponseError::Malformed { reason, .. }) => reason,
            other => panic!("expected a malformed response, got {other:?}"),
        }
    }

    fn code<T: fmt::Debug>(r: Result<T, ResponseError<Code>>) -> String {
        match r {
            Err(ResponseError::Api(e)) => e.kind.0,
            other => panic!("expected a service error, got {other:?}"),
        }
    }

    /// The body is parsed once; what is not JSON as it stands still goes through
    /// `decode_error` on the raw bytes, exactly as when it was parsed twice.
    #[test]
    fn one_parse_decodes_as_two_did() {
        let ok = |body: &[u8]| decode_response::<Ali>(200, body).unwrap().image_id;
        assert_eq!(ok(br#" {"ImageId":"m-1"} "#).as_deref(), Some("m-1"));
        assert_eq!(
            decode_response::<Tc>(200, br#"{"Response":{"ImageId":"img"}}"#)
                .unwrap()
                .image_id
                .as_deref(),
            Some("img")
        );
        // Error documents, JSON or not.
        assert_eq!(
            code(decode_response::<Ali>(
                400,
                br#"{"Code":"Bad","Message":"m"}"#
            )),
            "Bad"
        );
        assert_eq!(
            code(decode_response::<Ali>(
                200,
                br#"{"Success":false,"Code":7}"#
            )),
            "7"
        );
        assert_eq!(
            code(decode_response::<Ali>(
                403,
                b"<Error><Code>Forbidden.RAM</Code></Error>"
            )),
            "Forbidden.RAM"
        );
        // A BOM: `decode_error` looks past it, the success path does not.
        assert_eq!(
            code(decode_response::<Ali>(
                400,
                "\u{feff}{\"Code\":\"Bom\"}".as_bytes()
            )),
            "Bom"
        );
        assert!(
            reason(decode_response::<Ali>(
                200,
                "\u{feff}{\"ImageId\":\"m\"}".as_bytes()
            ))
            .starts_with("not JSON: ")
        );
        // A Tencent error inside the envelope, on HTTP 200.
        assert_eq!(
            code(decode_response::<Tc>(
                200,
                br#"{"Response":{"Error":{"Code":"E","Message":"m"},"RequestId":"r"}}"#
            )),
            "E"
        );
        // Not errors, not successes.
        assert_eq!(
            reason(decode_response::<Ali>(502, b"<html>bad gateway</html>")),
            "HTTP 502 without an error document"
        );
        assert_eq!(
            code(decode_response::<Ali>(500, br#"{"ImageId":"m"}"#)),
            "HTTP500"
        );
        assert_eq!(
            reason(decode_response::<Tc>(
                500,
                br#"{"Response":{"ImageId":"m"}}"#
            )),
            "HTTP 500 without an error document"
        );
        assert_eq!(
            reason(decode_response::<Ali>(200, b"[1]")),
            "expected a JSON object"
        );
        assert_eq!(
            reason(decode_response::<Tc>(200, br#"{"ImageId":"m"}"#)),
            "no `Response` envelope"
        );
        assert!(reason(decode_response::<Ali>(200, b"{\"ImageId\":")).starts_with("not JSON: "));
        assert!(
            reason(decode_response::<Ali>(200, br#"{"ImageId":1}"#))
                .starts_with("unexpected shape: ")
        );
    }
}

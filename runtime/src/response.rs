//! Decoding responses: success bodies into typed responses, error bodies into typed errors.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ErrorKind, OperationError, decode_error};
use crate::schema::OperationSpec;

/// An operation the generator emitted: its request type implements this trait.
pub trait Operation: Serialize {
    /// The typed success response.
    type Response: DeserializeOwned + fmt::Debug;
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
/// the request id from the `x-acs-request-id` header when the error body has none.
///
/// The body decides, never the `Content-Type`: a Tencent `Response.Error` is found with
/// `application/json`, `application/json; charset=utf-8` or anything else (the Python SDK misses
/// errors sent with a charset), and an Alibaba XML error is read whatever its content type.
pub fn decode_http_response<O: Operation>(
    response: &crate::transport::HttpResponse,
) -> Result<O::Response, ResponseError<O::ErrorKind>> {
    decode_response::<O>(response.status, &response.body).map_err(|e| match e {
        ResponseError::Api(mut api) if api.error.request_id.is_none() => {
            api.error.request_id = response.header("x-acs-request-id").map(str::to_string);
            ResponseError::Api(api)
        }
        other => other,
    })
}

/// Decodes a response body of operation `O` received with HTTP `status`.
pub fn decode_response<O: Operation>(
    status: u16,
    body: &[u8],
) -> Result<O::Response, ResponseError<O::ErrorKind>> {
    let spec = O::SPEC;
    if let Some(error) = decode_error(spec.service.provider, status, body) {
        return Err(ResponseError::Api(OperationError::new(error)));
    }
    let malformed = |reason: String| ResponseError::Malformed {
        status,
        reason,
        body: body_excerpt(body),
    };
    if !(200..300).contains(&status) {
        return Err(malformed(format!(
            "HTTP {status} without an error document"
        )));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| malformed(format!("not JSON: {e}")))?;
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
    serde_json::from_value(value).map_err(|e| malformed(format!("unexpected shape: {e}")))
}

/// Checks a documented example against operation `O`: a success body must decode into the
/// typed response; an error body (`expected_code` given) must decode into a documented error
/// kind with that code. Used by the tests the generator emits for every example.
pub fn check_example<O: Operation>(status: u16, body: &str, expected_code: Option<&str>) -> Result<(), String> {
    let decoded = decode_response::<O>(status, body.as_bytes());
    match (expected_code, decoded) {
        (None, Ok(_)) => Ok(()),
        (None, Err(e)) => Err(format!("{}: the success example does not decode: {e}", O::SPEC.name)),
        (Some(code), Err(ResponseError::Api(e))) if e.code() == code && e.kind.is_documented() => Ok(()),
        (Some(code), Err(ResponseError::Api(e))) => Err(format!(
            "{}: expected documented error `{code}`, got `{}` ({:?})",
            O::SPEC.name,
            e.code(),
            e.kind
        )),
        (Some(code), other) => Err(format!("{}: expected error `{code}`, got {other:?}", O::SPEC.name)),
    }
}

//! Calling conventions, one module each, behind one trait.
//!
//! A service's [`ServiceSpec::protocol`](crate::schema::ServiceSpec::protocol) names its
//! protocol, and everything that differs between protocols is asked of it here: how a request
//! is laid out and signed, what an error document looks like, where the request id is, which
//! parameter names the region, whose credentials sign. The client, the response decoder and the
//! signers dispatch on the protocol, never on the vendor, so a new protocol is one new module
//! and one line in the generator's table of protocols.
//!
//! | spec `protocol` | type | vendor |
//! |---|---|---|
//! | `alibaba-rpc` | [`AlibabaRpc`] | Alibaba Cloud |
//! | `alibaba-roa` | [`AlibabaRoa`] | Alibaba Cloud |
//! | `tencent-api3` | [`TencentApi3`] | Tencent Cloud |

use std::fmt;

use serde_json::Value;

use crate::error::ApiError;
use crate::prepare::RequestContext;
use crate::schema::Provider;
use crate::transport::HttpRequest;
use crate::wire::{JsonFormat, WireParams};

mod alibaba;
mod alibaba_roa;
mod alibaba_rpc;
mod tencent_api3;

pub use alibaba_roa::AlibabaRoa;
pub use alibaba_rpc::AlibabaRpc;
pub use tencent_api3::{REQUEST_CLIENT, TencentApi3};

/// An error document as it arrived: JSON, or XML text (some Alibaba gateways answer in XML).
#[derive(Debug, Clone, Copy)]
pub enum ErrorBody<'a> {
    /// A body that parsed as JSON.
    Json(&'a Value),
    /// A body whose text starts with `<`.
    Xml(&'a str),
}

/// One calling convention.
pub trait Protocol: fmt::Debug + Send + Sync {
    /// The name specs give it (`alibaba-rpc`).
    fn name(&self) -> &'static str;

    /// The vendor: whose credentials sign (see
    /// [`EnvNames::of`](crate::credentials::EnvNames::of)) and whose name error messages give.
    fn vendor(&self) -> Provider;

    /// The request parameter that names the region when
    /// [`Config::region`](crate::client::Config::region) is not set (Alibaba's `RegionId`).
    fn region_parameter(&self) -> Option<&'static str> {
        None
    }

    /// Whether each attempt signs a fresh nonce ([`RequestContext::nonce`]).
    fn signs_nonce(&self) -> bool {
        false
    }

    /// Whether each attempt sends a fresh trace id ([`RequestContext::trace_id`]).
    fn sends_trace_id(&self) -> bool {
        false
    }

    /// How JSON body text is written (see [`JsonFormat`]).
    fn json_format(&self) -> JsonFormat {
        JsonFormat::Compact
    }

    /// The signed request for `params`. `json_body` is the JSON body text, written from the
    /// request's JSON parameters, when the caller has it; otherwise it is written from
    /// [`WireParams::json`].
    fn signed_request(
        &self,
        params: &WireParams,
        json_body: Option<&str>,
        cx: &RequestContext<'_>,
    ) -> HttpRequest;

    /// The service error `body` describes, or `None` when it is not an error document (a
    /// success body, or one the protocol does not know).
    fn decode_error(&self, status: u16, body: ErrorBody<'_>) -> Option<ApiError>;

    /// The response header carrying the request id, where the protocol has one.
    fn request_id_header(&self) -> Option<&'static str> {
        None
    }

    /// The request id of a JSON response body.
    fn body_request_id(&self, body: &Value) -> Option<String>;

    /// The response header that asks for a delay before the next attempt.
    fn retry_after_header(&self) -> Option<&'static str> {
        None
    }
}

/// Text of a scalar JSON value, as error documents carry codes and ids (numbers included).
pub(crate) fn scalar_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A header or query pair.
pub(crate) fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_vendors() {
        let all: [&dyn Protocol; 2] = [&AlibabaRpc, &TencentApi3];
        let names: Vec<_> = all.iter().map(|p| (p.name(), p.vendor())).collect();
        assert_eq!(
            names,
            [
                ("alibaba-rpc", Provider::Alibaba),
                ("tencent-api3", Provider::Tencent)
            ]
        );
        assert_eq!(AlibabaRpc.region_parameter(), Some("RegionId"));
        assert_eq!(TencentApi3.region_parameter(), None);
        assert!(AlibabaRpc.signs_nonce() && !AlibabaRpc.sends_trace_id());
        assert!(TencentApi3.sends_trace_id() && !TencentApi3.signs_nonce());
    }

    #[test]
    fn scalar_text_of_codes() {
        assert_eq!(scalar_text(Some(&Value::from(7))).as_deref(), Some("7"));
        assert_eq!(
            scalar_text(Some(&Value::from(true))).as_deref(),
            Some("true")
        );
        assert_eq!(scalar_text(Some(&Value::Null)), None);
        assert_eq!(scalar_text(None), None);
    }
}

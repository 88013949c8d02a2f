//! What the mock answers: the vendors' documents (success, error, throttling), scripted replies
//! and faults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::catalog::Entry;
use crate::model::{Protocol, Provider};

/// An answer, or the lack of one.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// An HTTP response.
    Respond {
        /// Status code.
        status: u16,
        /// Headers (a JSON `content-type` is added when none is given and the body is not
        /// empty).
        headers: Vec<(String, String)>,
        /// Body.
        body: Vec<u8>,
    },
    /// Read the request and never answer (the client's read timeout fires).
    Hang,
    /// Close the connection without answering.
    Reset,
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![(
                "content-type".into(),
                "application/json;charset=utf-8".into(),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A response with the given content type.
    pub fn with_content_type(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// The same response with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// The status, when it is a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Reply::Respond { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A reply the mock gives to matching requests, set up ahead (`--script`, `POST
/// /__mock/scripts`, [`MockServer::script`](super::MockServer::script)).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Script {
    /// The operation it answers (`CreateImage`); every operation when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The product of the operation's service (`cvm`), when several services have an
    /// operation of that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// How many requests it answers before it is used up; every one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Milliseconds to wait before answering.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delay_ms: u64,
    /// The answer.
    #[serde(flatten)]
    pub reply: ScriptReply,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Script {
    /// A script answering every request of `operation` (any when `None`) with `reply`.
    pub fn new(operation: Option<&str>, reply: ScriptReply) -> Script {
        Script {
            operation: operation.map(str::to_string),
            service: None,
            times: None,
            delay_ms: 0,
            reply,
        }
    }

    /// Used up after `n` requests.
    pub fn times(mut self, n: u32) -> Script {
        self.times = Some(n);
        self
    }

    /// Waits `ms` milliseconds before answering.
    pub fn delay_ms(mut self, ms: u64) -> Script {
        self.delay_ms = ms;
        self
    }

    /// Answers only the operation of this service.
    pub fn service(mut self, product: &str) -> Script {
        self.service = Some(product.to_string());
        self
    }

    /// Whether it answers `entry` (or an unrouted request, for a script of every operation).
    pub(super) fn matches(&self, entry: Option<&Entry>) -> bool {
        let operation = self
            .operation
            .as_deref()
            .is_none_or(|name| entry.is_some_and(|e| e.name == name));
        let service = self
            .service
            .as_deref()
            .is_none_or(|product| entry.is_some_and(|e| e.product == product));
        operation && service
    }
}

/// What a [`Script`] answers.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(
    tag = "reply",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ScriptReply {
    /// The operation's documented success example (`{"reply": "example"}`).
    Example,
    /// A documented error of the operation (or of its service), by code, with its documented
    /// status and message unless given (`{"reply": "error", "code": "InvalidImageName.Duplicate"}`).
    Error {
        /// The code.
        code: String,
        /// The message; the documented one when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
        /// The HTTP status; the documented one (else the vendor's usual) when absent. A code
        /// the spec does not document is answered only when a status is given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
    },
    /// The vendor's throttling error (`Throttling.User`, `RequestLimitExceeded`).
    Throttle,
    /// A server error (`status`, 500 by default) with the vendor's error document.
    ServerError {
        /// The HTTP status.
        #[serde(default = "default_server_status")]
        status: u16,
    },
    /// Exactly this response: a JSON body (a string body is sent as text).
    Respond {
        /// Status.
        #[serde(default = "default_ok")]
        status: u16,
        /// Headers.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        headers: BTreeMap<String, String>,
        /// Body.
        #[serde(default)]
        body: Value,
    },
    /// A `200` whose JSON body is cut off.
    Malformed,
    /// Close the connection without answering.
    Reset,
    /// Never answer.
    Hang,
}

impl ScriptReply {
    /// Whether it stands for the service's success: the documented example, or a `respond`
    /// with a 2xx status whose body is not a Tencent error document (`Response.Error`). The
    /// mock answers such a script only to a request the service would accept (it validates
    /// first); every other reply (an error, throttling, a fault) answers before validation, as
    /// the vendor throttles or fails before it reads the parameters.
    pub fn stands_for_success(&self) -> bool {
        match self {
            ScriptReply::Example => true,
            ScriptReply::Respond { status, body, .. } => {
                (200..300).contains(status) && body.pointer("/Response/Error").is_none()
            }
            _ => false,
        }
    }
}

fn default_server_status() -> u16 {
    500
}

fn default_ok() -> u16 {
    200
}

/// The request id the mock gives request `index`: UUID-shaped, deterministic.
pub fn request_id(index: usize) -> String {
    format!("00000000-0000-4000-8000-{index:012}")
}

/// The vendor's error document for `code`.
pub fn error(
    provider: Provider,
    protocol: Option<Protocol>,
    status: u16,
    code: &str,
    message: &str,
    id: &str,
) -> Reply {
    match provider {
        Provider::Tencent => {
            let body =
                json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": id}});
            Reply::json(status, &body.to_string())
        }
        Provider::Alibaba => {
            let body = if protocol == Some(Protocol::AlibabaRoa) {
                json!({"code": code, "message": message, "requestId": id})
            } else {
                json!({
                    "RequestId": id,
                    "HostId": "cloudspec-mock",
                    "Code": code,
                    "Message": message,
                    "Recommend": "",
                })
            };
            Reply::json(status, &body.to_string()).header("x-acs-request-id", id)
        }
    }
}

/// The status Alibaba gives an error without a documented one (Tencent answers 200).
pub fn usual_status(provider: Provider) -> u16 {
    match provider {
        Provider::Tencent => 200,
        Provider::Alibaba => 400,
    }
}

/// Codes and messages of the errors the mock raises itself.
#[derive(Debug, Clone, Copy)]
pub enum Raised {
    /// A required parameter is missing.
    MissingParameter,
    /// A parameter breaks a documented rule, or cannot be read.
    InvalidParameter,
    /// The signature does not verify.
    BadSignature,
    /// Signed with an unknown key.
    UnknownKey,
    /// No signature where one is required.
    Unsigned,
    /// The action is not served.
    UnknownAction,
    /// Throttled.
    Throttled,
    /// A server error.
    Internal,
}

impl Raised {
    /// The vendor's code, and the status for Alibaba.
    pub fn code(self, provider: Provider) -> (&'static str, u16) {
        match (provider, self) {
            (Provider::Tencent, Raised::MissingParameter) => ("MissingParameter", 200),
            (Provider::Tencent, Raised::InvalidParameter) => ("InvalidParameterValue", 200),
            (Provider::Tencent, Raised::BadSignature | Raised::Unsigned) => {
                ("AuthFailure.SignatureFailure", 200)
            }
            (Provider::Tencent, Raised::UnknownKey) => ("AuthFailure.SecretIdNotFound", 200),
            (Provider::Tencent, Raised::UnknownAction) => ("InvalidAction", 200),
            (Provider::Tencent, Raised::Throttled) => ("RequestLimitExceeded", 200),
            (Provider::Tencent, Raised::Internal) => ("InternalError", 200),
            (Provider::Alibaba, Raised::MissingParameter) => ("MissingParameter", 400),
            (Provider::Alibaba, Raised::InvalidParameter) => ("InvalidParameter", 400),
            (Provider::Alibaba, Raised::BadSignature) => ("SignatureDoesNotMatch", 400),
            (Provider::Alibaba, Raised::Unsigned) => ("IncompleteSignature", 400),
            (Provider::Alibaba, Raised::UnknownKey) => ("InvalidAccessKeyId.NotFound", 404),
            (Provider::Alibaba, Raised::UnknownAction) => ("InvalidAction.NotFound", 404),
            (Provider::Alibaba, Raised::Throttled) => ("Throttling.User", 400),
            (Provider::Alibaba, Raised::Internal) => ("InternalError", 500),
        }
    }
}

/// The success document of `entry`: its documented example with the request id replaced by
/// this request's, or a document with only the request id when the spec has no example.
pub fn success(entry: &Entry, id: &str) -> Reply {
    let (status, body) = match &entry.success {
        Some((status, body)) => {
            let body = match serde_json::from_str::<Value>(body) {
                Ok(mut value) => {
                    replace_request_id(&mut value, id);
                    value.to_string()
                }
                // Kept verbatim: the spec's example is what the vendor documents.
                Err(_) => body.clone(),
            };
            (*status, body)
        }
        None => {
            let body = match entry.protocol {
                Protocol::TencentApi3 => json!({"Response": {"RequestId": id}}),
                Protocol::AlibabaRpc => json!({"RequestId": id}),
                Protocol::AlibabaRoa => json!({"requestId": id}),
            };
            (200, body.to_string())
        }
    };
    let reply = Reply::json(status, &body);
    match entry.provider {
        Provider::Alibaba => reply.header("x-acs-request-id", id),
        Provider::Tencent => reply,
    }
}

fn replace_request_id(value: &mut Value, id: &str) {
    let Value::Object(members) = value else {
        return;
    };
    for key in ["RequestId", "requestId"] {
        if let Some(slot) = members.get_mut(key) {
            *slot = Value::String(id.to_string());
        }
    }
    if let Some(inner) = members.get_mut("Response") {
        replace_request_id(inner, id);
    }
}

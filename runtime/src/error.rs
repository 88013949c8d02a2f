//! Service errors: decoding vendor error bodies and mapping codes to typed variants.

use std::fmt;

use serde_json::Value;

use crate::protocol::{ErrorBody, Protocol};

/// What every service error carries, whatever its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The error code (`InvalidParameter.DataDiskIdContainsRootDisk`).
    pub code: String,
    /// The server's message.
    pub message: String,
    /// The HTTP status of the response.
    pub http_status: u16,
    /// The request id, when the server sent one.
    pub request_id: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}): {}",
            self.code, self.http_status, self.message
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// The per-operation error kinds the generator emits: one variant per documented code.
pub trait ErrorKind: Sized + fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    /// The kind for a code (never fails: unknown codes map to the catch-all variant).
    fn from_code(code: &str) -> Self;

    /// Whether this is a documented kind rather than the catch-all. No documented code is
    /// empty (and placeholders match only non-empty text), so the empty code gives the
    /// catch-all.
    fn is_documented(&self) -> bool {
        *self != Self::from_code("")
    }
}

/// The kind of a service error before it is typed for an operation: what the parts of the
/// runtime that are shared by every operation (one copy, not one per operation) carry. The
/// operation's [`ErrorKind`] is computed from the code when the error is handed back typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Untyped;

impl ErrorKind for Untyped {
    fn from_code(_: &str) -> Self {
        Untyped
    }
}

impl OperationError<Untyped> {
    /// The same error with the kind of operation `K`.
    pub(crate) fn typed<K: ErrorKind>(self) -> OperationError<K> {
        OperationError::new(self.error)
    }
}

/// A service error of one operation: its typed kind plus what every error carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationError<K> {
    /// Which documented error this is.
    pub kind: K,
    /// Code, message, HTTP status and request id.
    pub error: ApiError,
}

impl<K: ErrorKind> OperationError<K> {
    /// Maps a decoded service error to its typed kind.
    pub fn new(error: ApiError) -> Self {
        OperationError {
            kind: K::from_code(&error.code),
            error,
        }
    }

    /// The error code.
    pub fn code(&self) -> &str {
        &self.error.code
    }

    /// The server's message.
    pub fn message(&self) -> &str {
        &self.error.message
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        self.error.http_status
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.error.request_id.as_deref()
    }
}

impl<K: ErrorKind> fmt::Display for OperationError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<K: ErrorKind> std::error::Error for OperationError<K> {}

/// Matches `code` against a documented code with `%s` placeholders; returns what the
/// placeholders stood for, or `None` when it does not match.
pub fn match_placeholder(pattern: &str, code: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = pattern.split("%s").collect();
    if parts.len() == 1 {
        return (pattern == code).then(Vec::new);
    }
    let mut rest = code.strip_prefix(parts[0])?;
    let mut captured = Vec::new();
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let idx = if last {
            if !rest.ends_with(part) {
                return None;
            }
            rest.len() - part.len()
        } else if part.is_empty() {
            return None;
        } else {
            rest.find(part)?
        };
        let cap = &rest[..idx];
        if cap.is_empty() {
            return None;
        }
        captured.push(cap.to_string());
        rest = &rest[idx + part.len()..];
    }
    Some(captured)
}

/// Reads a service error out of a response body, if the body is one, as `protocol` writes
/// error documents (see each protocol's module). A body starting with `<` (after a BOM and
/// whitespace) is offered as XML, anything else as JSON.
///
/// Returns `None` when the body is not an error document (a success body, or text that is not
/// JSON or XML at all).
pub fn decode_error(protocol: &dyn Protocol, status: u16, body: &[u8]) -> Option<ApiError> {
    let text = std::str::from_utf8(body)
        .ok()?
        .trim_start_matches('\u{feff}')
        .trim();
    if text.starts_with('<') {
        return protocol.decode_error(status, ErrorBody::Xml(text));
    }
    let value: Value = serde_json::from_str(text).ok()?;
    decode_error_value(protocol, status, &value)
}

/// [`decode_error`] of a body already parsed as JSON.
pub fn decode_error_value(protocol: &dyn Protocol, status: u16, value: &Value) -> Option<ApiError> {
    protocol.decode_error(status, ErrorBody::Json(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{AlibabaRpc, TencentApi3};

    #[test]
    fn placeholders() {
        assert_eq!(
            match_placeholder("InvalidParameter.%s", "InvalidParameter.ImageName"),
            Some(vec!["ImageName".into()])
        );
        assert_eq!(
            match_placeholder("InvalidParameter.%s", "InvalidParameter."),
            None
        );
        assert_eq!(
            match_placeholder("InvalidParameter.%s", "InvalidParameterX"),
            None
        );
        assert_eq!(
            match_placeholder("A.%s.B", "A.x.y.B"),
            Some(vec!["x.y".into()])
        );
        assert_eq!(match_placeholder("Plain", "Plain"), Some(vec![]));
        assert_eq!(match_placeholder("Plain", "Other"), None);
        assert_eq!(match_placeholder("%s", ""), None);
    }

    #[test]
    fn decodes_vendor_error_bodies() {
        let ali = br#"{"RequestId":"r1","HostId":"h","Code":"QuotaExceed","Message":"m","Recommend":"x"}"#;
        let e = decode_error(&AlibabaRpc, 400, ali).unwrap();
        assert_eq!(
            (e.code.as_str(), e.request_id.as_deref(), e.http_status),
            ("QuotaExceed", Some("r1"), 400)
        );
        assert!(decode_error(&AlibabaRpc, 200, br#"{"RequestId":"r","ImageId":"m"}"#).is_none());
        let wuying =
            br#"{"Success":false,"Code":"Image.NotExist","Message":"no","RequestId":"r2"}"#;
        assert_eq!(
            decode_error(&AlibabaRpc, 200, wuying).unwrap().code,
            "Image.NotExist"
        );
        let xml = b"<?xml version='1.0'?><Error><RequestId>r3</RequestId><Code>Forbidden.RAM</Code><Message>a &amp; b</Message></Error>";
        let e = decode_error(&AlibabaRpc, 403, xml).unwrap();
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("Forbidden.RAM", "a & b")
        );
        let tc = br#"{"Response":{"Error":{"Code":"InvalidZone.MismatchRegion","Message":"m"},"RequestId":"r4"}}"#;
        let e = decode_error(&TencentApi3, 200, tc).unwrap();
        assert_eq!(
            (e.code.as_str(), e.request_id.as_deref()),
            ("InvalidZone.MismatchRegion", Some("r4"))
        );
        assert!(
            decode_error(
                &TencentApi3,
                200,
                br#"{"Response":{"ImageId":"img","RequestId":"r"}}"#
            )
            .is_none()
        );
        assert!(decode_error(&AlibabaRpc, 502, b"<html>bad gateway</html>").is_none());
        assert!(decode_error(&AlibabaRpc, 500, b"\xff\xfe").is_none());
        assert!(decode_error(&TencentApi3, 200, b"[1,2").is_none());
    }
}

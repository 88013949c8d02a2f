//! Alibaba Cloud legacy ROA request signature, `HMAC-SHA1` (`x-acs-signature-version: 1.0`),
//! as the official SDK computes it (`alibabacloud_openapi_util` `get_string_to_sign` and
//! `get_roasignature`):
//!
//! ```text
//! StringToSign = Method \n accept \n content-md5 \n content-type \n date \n
//!                CanonicalizedHeaders CanonicalizedResource
//! CanonicalizedHeaders  = for each header whose name starts with `x-acs-`, sorted by name:
//!                         name ":" value \n
//! CanonicalizedResource = path, then when there is a query: "?" and the parameters sorted by
//!                         name, joined with "&", each `name=value` (just `name` when empty),
//!                         unencoded
//! Signature    = base64(HMAC-SHA1(AccessKeySecret, StringToSign))
//! Authorization: acs <AccessKeyId>:<Signature>
//! ```
//!
//! The path is the one sent (path parameters already percent-encoded); header names are
//! compared in lower case, as the SDK sends them.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::hmac_sha1;

/// The `x-acs-signature-method` header value.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The `x-acs-signature-version` header value.
pub const SIGNATURE_VERSION: &str = "1.0";

/// The parts of a request that the ROA signature covers.
#[derive(Debug, Clone, Copy)]
pub struct RoaV1Request<'a> {
    /// HTTP method, upper-case as sent.
    pub method: &'a str,
    /// The path as sent (`/clusters/c-1`).
    pub path: &'a str,
    /// URL query parameters as `(name, value)`, unencoded.
    pub query: &'a [(String, String)],
    /// The headers sent (names in any case).
    pub headers: &'a [(String, String)],
}

/// The string to sign of `request` (see the module documentation).
#[must_use]
pub fn string_to_sign(request: &RoaV1Request<'_>) -> String {
    let header = |name: &str| {
        request
            .headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    };
    let mut out = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        request.method,
        header("accept"),
        header("content-md5"),
        header("content-type"),
        header("date"),
    );
    let acs: BTreeMap<String, &str> = request
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .filter(|(n, _)| n.starts_with("x-acs-"))
        .collect();
    for (name, value) in acs {
        out.push_str(&name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push_str(request.path);
    let query: BTreeMap<&str, &str> = request
        .query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    if !query.is_empty() {
        out.push('?');
        for (i, (name, value)) in query.into_iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            if !value.is_empty() {
                out.push('=');
                out.push_str(value);
            }
        }
    }
    out
}

/// The base64 signature of `request` under `access_key_secret`.
#[must_use]
pub fn sign(request: &RoaV1Request<'_>, access_key_secret: &str) -> String {
    STANDARD.encode(hmac_sha1(
        access_key_secret.as_bytes(),
        string_to_sign(request).as_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn string_to_sign_layout() {
        let headers = owned(&[
            ("date", "Thu, 26 Oct 2023 10:22:32 GMT"),
            ("host", "cs.aliyuncs.com"),
            ("accept", "application/json"),
            ("x-acs-version", "2015-12-15"),
            ("x-acs-signature-nonce", "n"),
            ("content-type", "application/json; charset=utf-8"),
            ("user-agent", "ua"),
        ]);
        let query = owned(&[("b", "2"), ("a", ""), ("c", "x y")]);
        let request = RoaV1Request {
            method: "GET",
            path: "/clusters/c-1",
            query: &query,
            headers: &headers,
        };
        assert_eq!(
            string_to_sign(&request),
            "GET\napplication/json\n\napplication/json; charset=utf-8\nThu, 26 Oct 2023 10:22:32 GMT\n\
             x-acs-signature-nonce:n\nx-acs-version:2015-12-15\n/clusters/c-1?a&b=2&c=x y"
        );
        let no_query = RoaV1Request {
            query: &[],
            ..request
        };
        assert!(string_to_sign(&no_query).ends_with("\n/clusters/c-1"));
        // Base64 of a 20-byte HMAC-SHA1.
        assert_eq!(sign(&request, "secret").len(), 28);
    }
}

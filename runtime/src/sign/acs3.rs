//! Alibaba Cloud `ACS3-HMAC-SHA256` ("V3") request signature, as implemented by the official
//! SDK (`alibabacloud_tea_openapi` `Utils.get_authorization`).
//!
//! ```text
//! HashedRequestPayload   = hex(SHA256(body))
//! CanonicalRequest       = Method \n CanonicalURI \n CanonicalQueryString \n
//!                          CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
//! StringToSign           = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
//! Signature              = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
//! Authorization          = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,
//!                          SignedHeaders=<…>,Signature=<…>        (no spaces)
//! ```
//!
//! Every header passed in is signed: the caller decides the set (the SDK signs every header it
//! sends except `Authorization` and the transport's own headers) and must already have added
//! `x-acs-content-sha256` (see [`super::sha256_hex`]).

use crate::encode::canonical_query;

use super::{build_canonical_request, canonicalize_headers, hex_lower, hmac_sha256, sha256_hex};

/// The algorithm name, first line of the string to sign and first word of `Authorization`.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The parts of a request that the ACS3 signature covers.
#[derive(Debug, Clone, Copy)]
pub struct Acs3Request<'a> {
    /// HTTP method, upper-case as sent (`POST`).
    pub method: &'a str,
    /// Canonical URI, already encoded (`/` for RPC-style APIs); an empty string means `/`.
    pub canonical_uri: &'a str,
    /// Query parameters as `(name, value)`, unencoded; the order does not matter. Leave out
    /// parameters that have no value.
    pub query: &'a [(String, String)],
    /// Headers to sign as `(name, value)`; names are lower-cased and values trimmed here.
    pub headers: &'a [(String, String)],
    /// The exact body bytes sent (empty if none).
    pub body: &'a [u8],
}

/// The ACS3 signature of a request with every intermediate value.
///
/// Holds no secret: the access key secret is only used to compute [`signature`](Self::signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acs3Signature {
    /// `HashedRequestPayload`: lower-case hex SHA-256 of the body (the `x-acs-content-sha256`
    /// value).
    pub hashed_payload: String,
    /// `CanonicalQueryString` (see [`crate::encode::canonical_query`]).
    pub canonical_query: String,
    /// `CanonicalHeaders`: one `name:value\n` line per header, sorted by name.
    pub canonical_headers: String,
    /// `SignedHeaders`: the sorted lower-case header names joined with `;`.
    pub signed_headers: String,
    /// The full `CanonicalRequest` text.
    pub canonical_request: String,
    /// Lower-case hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// `StringToSign`: `ACS3-HMAC-SHA256\n<hashed canonical request>`.
    pub string_to_sign: String,
    /// Lower-case hex HMAC-SHA256 of the string to sign under the access key secret.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Signs `request` with the given access key.
///
/// Never panics; any input gives a result (the server decides whether it is acceptable).
#[must_use]
pub fn sign(
    request: &Acs3Request<'_>,
    access_key_id: &str,
    access_key_secret: &str,
) -> Acs3Signature {
    sign_with_hashed_payload(
        request,
        sha256_hex(request.body),
        access_key_id,
        access_key_secret,
    )
}

/// [`sign`] with the body's hash already computed (`hashed_payload` must be
/// `sha256_hex(request.body)`): the client has just computed it for `x-acs-content-sha256`.
pub(crate) fn sign_with_hashed_payload(
    request: &Acs3Request<'_>,
    hashed_payload: String,
    access_key_id: &str,
    access_key_secret: &str,
) -> Acs3Signature {
    debug_assert_eq!(hashed_payload, sha256_hex(request.body));
    let canonical_query = canonical_query(request.query);
    let headers = canonicalize_headers(request.headers);
    let canonical_request = build_canonical_request(
        request.method,
        request.canonical_uri,
        &canonical_query,
        &headers,
        &hashed_payload,
    );
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + 1 + 64);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(&hashed_canonical_request);
    let signature = hex_lower(&hmac_sha256(
        access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let mut authorization = String::with_capacity(
        ALGORITHM.len() + access_key_id.len() + headers.signed.len() + signature.len() + 40,
    );
    for part in [
        ALGORITHM,
        " Credential=",
        access_key_id,
        ",SignedHeaders=",
        &headers.signed,
        ",Signature=",
        &signature,
    ] {
        authorization.push_str(part);
    }
    Acs3Signature {
        hashed_payload,
        canonical_query,
        canonical_headers: headers.canonical,
        signed_headers: headers.signed,
        canonical_request,
        hashed_canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::EMPTY_SHA256_HEX;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    fn p1_query() -> Vec<(String, String)> {
        owned(&[
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
            ("RegionId", "cn-shanghai"),
        ])
    }

    fn p1_headers(date: &str, nonce: &str) -> Vec<(String, String)> {
        owned(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", date),
            ("x-acs-signature-nonce", nonce),
            ("x-acs-content-sha256", EMPTY_SHA256_HEX),
        ])
    }

    /// P1: the "fixed parameter" worked example of Alibaba's V3 signature page.
    #[test]
    fn p1_alibaba_v3_worked_example() {
        let query = p1_query();
        let headers = p1_headers("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &headers,
            body: b"",
        };
        let result = sign(&request, "YourAccessKeyId", "YourAccessKeySecret");
        assert_eq!(
            result.hashed_payload,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            result.canonical_query,
            "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
        );
        assert_eq!(
            result.signed_headers,
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
        );
        assert_eq!(
            result.canonical_request,
            "POST\n\
             /\n\
             ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
             host:ecs.cn-shanghai.aliyuncs.com\n\
             x-acs-action:RunInstances\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2023-10-26T10:22:32Z\n\
             x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
             x-acs-version:2014-05-26\n\
             \n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            result.hashed_canonical_request,
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            result.string_to_sign,
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            result.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
        assert_eq!(
            result.authorization,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    /// P1b: the header-table values of the same page (09:01:01Z, nonce `d410180a…`).
    #[test]
    fn p1b_alibaba_v3_header_table_values() {
        let query = p1_query();
        let headers = p1_headers("2023-10-26T09:01:01Z", "d410180a5abf7fe235dd9b74aca91fc0");
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &headers,
            body: b"",
        };
        let result = sign(&request, "YourAccessKeyId", "YourAccessKeySecret");
        assert_eq!(result.hashed_payload, EMPTY_SHA256_HEX);
        assert_eq!(
            result.signature,
            "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"
        );
        assert_eq!(
            result.authorization,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"
        );
        // The header-table date/nonce must not reproduce the worked example's signature.
        assert_ne!(
            result.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn header_order_case_and_whitespace_do_not_matter() {
        let query = p1_query();
        let mut headers = p1_headers("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");
        headers.reverse();
        for (name, value) in &mut headers {
            *name = name.to_uppercase();
            *value = format!("  {value}\t");
        }
        let mut query_reversed = query;
        query_reversed.reverse();
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "",
            query: &query_reversed,
            headers: &headers,
            body: b"",
        };
        let result = sign(&request, "YourAccessKeyId", "YourAccessKeySecret");
        assert_eq!(
            result.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn body_and_query_encoding_enter_the_canonical_request() {
        let query = owned(&[("Tag.2.Key", "a b"), ("Tag.10.Key", "*"), ("Empty", "")]);
        let body = b"ImageName=my+image&InstanceId=i-1";
        let headers = owned(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("x-acs-content-sha256", &sha256_hex(body)),
        ]);
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &headers,
            body,
        };
        let result = sign(&request, "id", "secret");
        assert_eq!(result.hashed_payload, sha256_hex(body));
        assert_eq!(
            result.canonical_query,
            "Empty=&Tag.10.Key=%2A&Tag.2.Key=a%20b"
        );
        assert_eq!(
            result.canonical_request,
            format!(
                "POST\n/\nEmpty=&Tag.10.Key=%2A&Tag.2.Key=a%20b\n\
                 content-type:application/x-www-form-urlencoded\n\
                 x-acs-content-sha256:{hash}\n\n\
                 content-type;x-acs-content-sha256\n{hash}",
                hash = sha256_hex(body)
            )
        );
        assert_eq!(result.hashed_canonical_request.len(), 64);
        assert_eq!(result.signature.len(), 64);
        assert!(result.authorization.starts_with(
            "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=content-type;x-acs-content-sha256,Signature="
        ));
    }

    #[test]
    fn empty_inputs_do_not_panic() {
        let request = Acs3Request {
            method: "",
            canonical_uri: "",
            query: &[],
            headers: &[],
            body: &[],
        };
        let result = sign(&request, "", "");
        assert_eq!(
            result.canonical_request,
            format!("\n/\n\n\n\n{EMPTY_SHA256_HEX}")
        );
        assert_eq!(result.signed_headers, "");
    }

    #[test]
    fn debug_output_has_no_secret() {
        let query = p1_query();
        let headers = p1_headers("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &headers,
            body: b"",
        };
        let result = sign(&request, "YourAccessKeyId", "YourAccessKeySecret");
        let debug = format!("{request:?} {result:?}");
        assert!(!debug.contains("YourAccessKeySecret"));
    }
}

//! Tencent Cloud `TC3-HMAC-SHA256` request signature, as implemented by the official SDK
//! (`tencentcloud-sdk-python-common` `AbstractClient._get_tc3_signature` and `Sign.sign_tc3`).
//!
//! ```text
//! HashedRequestPayload = hex(SHA256(payload))
//! CanonicalRequest     = Method \n CanonicalURI \n CanonicalQueryString \n
//!                        CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
//! Date                 = UTC date of the timestamp, YYYY-MM-DD
//! CredentialScope      = Date "/" service "/tc3_request"
//! StringToSign         = "TC3-HMAC-SHA256" \n timestamp \n CredentialScope \n
//!                        hex(SHA256(CanonicalRequest))
//! SecretDate           = HMAC-SHA256("TC3" + SecretKey, Date)
//! SecretService        = HMAC-SHA256(SecretDate, service)
//! SecretSigning        = HMAC-SHA256(SecretService, "tc3_request")
//! Signature            = hex(HMAC-SHA256(SecretSigning, StringToSign))
//! Authorization        = TC3-HMAC-SHA256 Credential=<SecretId>/<CredentialScope>,
//!                        SignedHeaders=<…>, Signature=<…>     (", " separators)
//! ```
//!
//! The Python SDK signs exactly `content-type` and `host`; Tencent's current documentation also
//! signs `x-tc-action` with a lower-cased value. Any set of headers can be signed here: names are
//! lower-cased and values trimmed, but values are otherwise used as given, so the caller
//! lower-cases a value where the vendor expects it (`x-tc-action:describeinstances`).

use std::fmt;

use crate::clock::format_date_utc;

use super::{
    REDACTED, build_canonical_request, canonicalize_headers, hex_lower, hmac_sha256, sha256_hex,
};

/// The algorithm name, first line of the string to sign and first word of `Authorization`.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The terminator of the credential scope and the last key-derivation message.
pub const TERMINATOR: &str = "tc3_request";

/// The parts of a request that the TC3 signature covers.
#[derive(Debug, Clone, Copy)]
pub struct Tc3Request<'a> {
    /// HTTP method, upper-case as sent (`POST`).
    pub method: &'a str,
    /// Canonical URI (`/` for API 3.0); an empty string means `/`.
    pub canonical_uri: &'a str,
    /// Canonical query string, already encoded (empty for `POST`).
    pub canonical_query: &'a str,
    /// Headers to sign as `(name, value)`; names are lower-cased and values trimmed here.
    pub headers: &'a [(String, String)],
    /// The exact payload bytes sent (empty for `GET`).
    pub payload: &'a [u8],
    /// Service name, the first label of the endpoint (`cvm`).
    pub service: &'a str,
    /// The request time in seconds since the Unix epoch, as sent in `X-TC-Timestamp`.
    pub timestamp: i64,
}

/// The TC3 signature of a request with every intermediate value.
///
/// The derived keys ([`secret_date`](Self::secret_date), [`secret_service`](Self::secret_service),
/// [`secret_signing`](Self::secret_signing)) are secret material: they are redacted from the
/// `Debug` output and must not be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Tc3Signature {
    /// `HashedRequestPayload`: lower-case hex SHA-256 of the payload.
    pub hashed_payload: String,
    /// `CanonicalHeaders`: one `name:value\n` line per header, sorted by name.
    pub canonical_headers: String,
    /// `SignedHeaders`: the sorted lower-case header names joined with `;`.
    pub signed_headers: String,
    /// The full `CanonicalRequest` text.
    pub canonical_request: String,
    /// Lower-case hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// The UTC date of the timestamp, `YYYY-MM-DD`.
    pub date: String,
    /// `CredentialScope`: `<date>/<service>/tc3_request`.
    pub credential_scope: String,
    /// `StringToSign`.
    pub string_to_sign: String,
    /// Lower-case hex `SecretDate` (derived key; secret).
    pub secret_date: String,
    /// Lower-case hex `SecretService` (derived key; secret).
    pub secret_service: String,
    /// Lower-case hex `SecretSigning` (derived key; secret).
    pub secret_signing: String,
    /// Lower-case hex HMAC-SHA256 of the string to sign under `SecretSigning`.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl fmt::Debug for Tc3Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tc3Signature")
            .field("hashed_payload", &self.hashed_payload)
            .field("canonical_headers", &self.canonical_headers)
            .field("signed_headers", &self.signed_headers)
            .field("canonical_request", &self.canonical_request)
            .field("hashed_canonical_request", &self.hashed_canonical_request)
            .field("date", &self.date)
            .field("credential_scope", &self.credential_scope)
            .field("string_to_sign", &self.string_to_sign)
            .field("secret_date", &REDACTED)
            .field("secret_service", &REDACTED)
            .field("secret_signing", &REDACTED)
            .field("signature", &self.signature)
            .field("authorization", &self.authorization)
            .finish()
    }
}

/// What both [`sign`] and [`authorization`] compute before the keys come in.
struct Scope {
    hashed_payload: String,
    headers: super::CanonicalHeaders,
    canonical_request: String,
    hashed_canonical_request: String,
    date: String,
    credential_scope: String,
    string_to_sign: String,
}

fn scope(request: &Tc3Request<'_>) -> Scope {
    let hashed_payload = sha256_hex(request.payload);
    let headers = canonicalize_headers(request.headers);
    let canonical_request = build_canonical_request(
        request.method,
        request.canonical_uri,
        request.canonical_query,
        &headers,
        &hashed_payload,
    );
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let date = format_date_utc(request.timestamp);
    let credential_scope = format!("{date}/{service}/{TERMINATOR}", service = request.service);
    let string_to_sign = format!(
        "{ALGORITHM}\n{timestamp}\n{credential_scope}\n{hashed_canonical_request}",
        timestamp = request.timestamp,
    );
    Scope {
        hashed_payload,
        headers,
        canonical_request,
        hashed_canonical_request,
        date,
        credential_scope,
        string_to_sign,
    }
}

/// `SecretDate`, `SecretService` and `SecretSigning`.
fn derive_keys(secret_key: &str, date: &str, service: &str) -> [[u8; 32]; 3] {
    let date_key = format!("TC3{secret_key}");
    let secret_date = hmac_sha256(date_key.as_bytes(), date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, TERMINATOR.as_bytes());
    [secret_date, secret_service, secret_signing]
}

fn authorization_header(secret_id: &str, scope: &Scope, signature: &str) -> String {
    format!(
        concat!(
            "{algorithm} Credential={secret_id}/{credential_scope}, ",
            "SignedHeaders={signed_headers}, Signature={signature}"
        ),
        algorithm = ALGORITHM,
        secret_id = secret_id,
        credential_scope = scope.credential_scope,
        signature = signature,
        signed_headers = scope.headers.signed,
    )
}

/// Signs `request` with the given key pair, keeping every intermediate value (for tests and
/// for inspecting a rejected signature).
///
/// Never panics; any input gives a result (the server decides whether it is acceptable).
#[must_use]
pub fn sign(request: &Tc3Request<'_>, secret_id: &str, secret_key: &str) -> Tc3Signature {
    let scope = scope(request);
    let [secret_date, secret_service, secret_signing] =
        derive_keys(secret_key, &scope.date, request.service);
    let signature = hex_lower(&hmac_sha256(
        &secret_signing,
        scope.string_to_sign.as_bytes(),
    ));
    let authorization = authorization_header(secret_id, &scope, &signature);
    Tc3Signature {
        hashed_payload: scope.hashed_payload,
        canonical_headers: scope.headers.canonical,
        signed_headers: scope.headers.signed,
        canonical_request: scope.canonical_request,
        hashed_canonical_request: scope.hashed_canonical_request,
        date: scope.date,
        credential_scope: scope.credential_scope,
        string_to_sign: scope.string_to_sign,
        secret_date: hex_lower(&secret_date),
        secret_service: hex_lower(&secret_service),
        secret_signing: hex_lower(&secret_signing),
        signature,
        authorization,
    }
}

/// A thread's last derived signing key: the key changes once a day per secret and service, so
/// the three HMACs of the derivation run once a day instead of on every request. The secret is
/// not kept; its SHA-256 identifies it.
struct CachedKey {
    secret: [u8; 32],
    date: String,
    service: String,
    signing: [u8; 32],
}

std::thread_local! {
    static SIGNING_KEY: std::cell::RefCell<Option<CachedKey>> = const { std::cell::RefCell::new(None) };
}

fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let secret: [u8; 32] = Sha256::digest(secret_key.as_bytes()).into();
    let derive = || derive_keys(secret_key, date, service)[2];
    SIGNING_KEY.with(|cell| {
        let Ok(mut cached) = cell.try_borrow_mut() else {
            return derive();
        };
        if let Some(c) = cached.as_ref()
            && c.secret == secret
            && c.date == date
            && c.service == service
        {
            return c.signing;
        }
        let signing = derive();
        *cached = Some(CachedKey {
            secret,
            date: date.to_string(),
            service: service.to_string(),
            signing,
        });
        signing
    })
}

/// The `Authorization` header value of `request`: what [`sign`] gives in
/// [`Tc3Signature::authorization`], without the intermediate values, and with the signing key
/// derived once per day, secret and service (per thread). What the client sends.
#[must_use]
pub fn authorization(request: &Tc3Request<'_>, secret_id: &str, secret_key: &str) -> String {
    let scope = scope(request);
    let signing = signing_key(secret_key, &scope.date, request.service);
    let signature = hex_lower(&hmac_sha256(&signing, scope.string_to_sign.as_bytes()));
    authorization_header(secret_id, &scope, &signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The P4/P5 payload: exactly the bytes of the vendor example, with the `\uXXXX` escapes as
    /// literal backslash sequences (Python `json.dumps` with `ensure_ascii=True`).
    const PAYLOAD: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    const TIMESTAMP: i64 = 1_551_113_065;
    const HASHED_PAYLOAD: &str = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// P4: the earlier "Signature v3" edition, signing `content-type;host` like the SDK.
    #[test]
    fn p4_describe_instances_content_type_host() {
        let headers = owned(&[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Host", "cvm.tencentcloudapi.com"),
        ]);
        let request = Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers: &headers,
            payload: PAYLOAD.as_bytes(),
            service: "cvm",
            timestamp: TIMESTAMP,
        };
        let result = sign(
            &request,
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
            "Gu5t9xGARNpq86cd98joQYCN3*******",
        );
        assert_eq!(PAYLOAD.len(), 86);
        assert_eq!(result.hashed_payload, HASHED_PAYLOAD);
        assert_eq!(result.signed_headers, "content-type;host");
        assert_eq!(
            result.canonical_request,
            "POST\n\
             /\n\
             \n\
             content-type:application/json; charset=utf-8\n\
             host:cvm.tencentcloudapi.com\n\
             \n\
             content-type;host\n\
             35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            result.hashed_canonical_request,
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(result.date, "2019-02-25");
        assert_eq!(result.credential_scope, "2019-02-25/cvm/tc3_request");
        assert_eq!(
            result.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            result.secret_date,
            "f1cb4d518a0eda9d5cbbfdb7850983f1e603eeae484edea76e4dd8d8deb5556e"
        );
        assert_eq!(
            result.secret_service,
            "e7c609ce81bea53546bed2cc904778bef9ca14082e48e67883443ed64e227cd7"
        );
        assert_eq!(
            result.secret_signing,
            "8aa8ab5755582f576e94bcfe383b8e29325b0ca90c3590d569221c6a63a091ed"
        );
        assert_eq!(
            result.signature,
            "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        );
        assert_eq!(
            result.authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        );
    }

    /// P5: the current "Signature v3" edition, which also signs `x-tc-action` (lower-cased value)
    /// and publishes masked keys that are used literally.
    #[test]
    fn p5_describe_instances_with_x_tc_action() {
        let secret_id = format!("AKID{}", "*".repeat(32));
        let secret_key = "*".repeat(32);
        let headers = owned(&[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Host", "cvm.tencentcloudapi.com"),
            ("X-TC-Action", &"DescribeInstances".to_lowercase()),
        ]);
        let request = Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers: &headers,
            payload: PAYLOAD.as_bytes(),
            service: "cvm",
            timestamp: TIMESTAMP,
        };
        let result = sign(&request, &secret_id, &secret_key);
        assert_eq!(result.hashed_payload, HASHED_PAYLOAD);
        assert_eq!(result.signed_headers, "content-type;host;x-tc-action");
        assert_eq!(
            result.canonical_headers,
            "content-type:application/json; charset=utf-8\n\
             host:cvm.tencentcloudapi.com\n\
             x-tc-action:describeinstances\n"
        );
        assert_eq!(
            result.canonical_request,
            "POST\n\
             /\n\
             \n\
             content-type:application/json; charset=utf-8\n\
             host:cvm.tencentcloudapi.com\n\
             x-tc-action:describeinstances\n\
             \n\
             content-type;host;x-tc-action\n\
             35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            result.hashed_canonical_request,
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        assert_eq!(result.credential_scope, "2019-02-25/cvm/tc3_request");
        assert_eq!(
            result.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        assert_eq!(
            result.secret_date,
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
        );
        assert_eq!(
            result.secret_service,
            "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
        );
        assert_eq!(
            result.secret_signing,
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );
        assert_eq!(
            result.signature,
            "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
        assert_eq!(
            result.authorization,
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host;x-tc-action, \
             Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
    }

    #[test]
    fn header_order_and_whitespace_do_not_matter() {
        let headers = owned(&[
            ("HOST", " cvm.tencentcloudapi.com "),
            ("content-type", "\tapplication/json; charset=utf-8"),
        ]);
        let request = Tc3Request {
            method: "POST",
            canonical_uri: "",
            canonical_query: "",
            headers: &headers,
            payload: PAYLOAD.as_bytes(),
            service: "cvm",
            timestamp: TIMESTAMP,
        };
        let result = sign(
            &request,
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
            "Gu5t9xGARNpq86cd98joQYCN3*******",
        );
        assert_eq!(
            result.signature,
            "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        );
    }

    #[test]
    fn get_request_with_query_and_negative_timestamp() {
        let headers = owned(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("host", "cvm.tencentcloudapi.com"),
        ]);
        let request = Tc3Request {
            method: "GET",
            canonical_uri: "/",
            canonical_query: "Limit=10&Offset=0",
            headers: &headers,
            payload: b"",
            service: "cvm",
            timestamp: -1,
        };
        let result = sign(&request, "id", "key");
        assert_eq!(result.date, "1969-12-31");
        assert_eq!(result.credential_scope, "1969-12-31/cvm/tc3_request");
        assert!(
            result
                .string_to_sign
                .starts_with("TC3-HMAC-SHA256\n-1\n1969-12-31/cvm/tc3_request\n")
        );
        assert_eq!(
            result.canonical_request,
            "GET\n/\nLimit=10&Offset=0\n\
             content-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\n\
             content-type;host\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn authorization_is_signs_with_the_key_cached_per_day_secret_and_service() {
        let headers = owned(&[
            ("content-type", "application/json"),
            ("host", "cvm.tencentcloudapi.com"),
        ]);
        let request = |timestamp, service| Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers: &headers,
            payload: PAYLOAD.as_bytes(),
            service,
            timestamp,
        };
        // Same day twice (cached), the next day, another service, another secret, and back.
        let cases = [
            (TIMESTAMP, "cvm", "key-a"),
            (TIMESTAMP + 60, "cvm", "key-a"),
            (TIMESTAMP + 86_400, "cvm", "key-a"),
            (TIMESTAMP + 86_400, "cbs", "key-a"),
            (TIMESTAMP + 86_400, "cbs", "key-b"),
            (TIMESTAMP, "cvm", "key-a"),
        ];
        for (timestamp, service, secret) in cases {
            let r = request(timestamp, service);
            assert_eq!(
                authorization(&r, "AKID", secret),
                sign(&r, "AKID", secret).authorization,
                "{timestamp} {service} {secret}"
            );
        }
    }

    #[test]
    fn debug_output_redacts_derived_keys() {
        let headers = owned(&[("host", "cvm.tencentcloudapi.com")]);
        let request = Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers: &headers,
            payload: PAYLOAD.as_bytes(),
            service: "cvm",
            timestamp: TIMESTAMP,
        };
        let result = sign(&request, "AKIDexample", "Gu5t9xGARNpq86cd98joQYCN3*******");
        let debug = format!("{request:?} {result:?} {result:#?}");
        assert!(!debug.contains("Gu5t9xGARNpq86cd98joQYCN3"), "{debug}");
        assert!(!debug.contains(&result.secret_date), "{debug}");
        assert!(!debug.contains(&result.secret_service), "{debug}");
        assert!(!debug.contains(&result.secret_signing), "{debug}");
        assert!(debug.contains(&result.signature), "{debug}");
        assert!(debug.contains(REDACTED), "{debug}");
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        for timestamp in [i64::MIN, i64::MAX, 0] {
            let request = Tc3Request {
                method: "",
                canonical_uri: "",
                canonical_query: "",
                headers: &[],
                payload: &[],
                service: "",
                timestamp,
            };
            let result = sign(&request, "", "");
            assert_eq!(result.signature.len(), 64);
            assert!(
                result
                    .authorization
                    .contains(", SignedHeaders=, Signature=")
            );
        }
    }
}

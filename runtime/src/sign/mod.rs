//! Request signers for the supported vendors.
//!
//! * [`acs3`]: Alibaba Cloud `ACS3-HMAC-SHA256` ("V3"), the official SDKs' default.
//! * [`rpc_v1`]: Alibaba Cloud RPC `HMAC-SHA1` with `SignatureVersion=1.0` (legacy).
//! * [`roa_v1`]: Alibaba Cloud ROA `HMAC-SHA1` (`acs <AccessKeyId>:<Signature>`, legacy).
//! * [`tc3`]: Tencent Cloud `TC3-HMAC-SHA256`.
//!
//! Each signer is a pure function from the request parts and the credentials to a result struct
//! that exposes every intermediate value (canonical request, string to sign, …), so that the
//! public vendor test vectors can be checked step by step. None of them reads the clock or draws
//! a nonce: the caller puts the timestamp and nonce into the inputs (see [`crate::clock`]).
//!
//! Secrets are passed as `&str` and never stored in a result; [`SecretString`] is a holder for
//! secrets whose `Debug` output is redacted. Derived signing keys (Tencent's `SecretSigning`
//! and friends) are redacted from `Debug` output too.

use std::borrow::Cow;
use std::fmt;

use hmac::digest::{Key, KeyInit};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

pub mod acs3;
pub mod roa_v1;
pub mod rpc_v1;
pub mod tc3;

/// Lower-case hex SHA-256 of the empty string, the hashed payload of a request without body.
pub const EMPTY_SHA256_HEX: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Placeholder written instead of secret material in `Debug` output.
pub(crate) const REDACTED: &str = "<redacted>";

/// A secret string (access key secret, secret key, security token) whose `Debug` output is
/// redacted.
///
/// It deliberately implements neither `Display` nor `PartialEq`; use
/// [`expose_secret`](Self::expose_secret) where the value is really needed (signing).
#[derive(Clone, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// Returns the secret itself.
    #[must_use]
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Returns `true` if the secret is the empty string.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretString").field(&REDACTED).finish()
    }
}

/// Lower-case hex SHA-256 of `bytes`: the `HashedRequestPayload` of ACS3 and TC3, and the value
/// of Alibaba's `x-acs-content-sha256` header.
///
/// ```
/// use cloudspec_runtime::sign::{sha256_hex, EMPTY_SHA256_HEX};
/// assert_eq!(sha256_hex(b""), EMPTY_SHA256_HEX);
/// ```
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

/// Lower-case hex of `bytes` (what `hex::encode` gives), written through a lookup table into a
/// string allocated once: `hex::encode` collects a `char` iterator, several times slower, and
/// the signers hex-encode four to seven digests per request.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    push_hex_lower(&mut out, bytes);
    out
}

/// Appends the lower-case hex of `bytes` to `out`, 32 bytes at a time through a stack buffer.
pub(crate) fn push_hex_lower(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    let mut buffer = [0u8; 64];
    for chunk in bytes.chunks(32) {
        for (pair, &byte) in buffer.chunks_exact_mut(2).zip(chunk) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0x0f)];
        }
        // Hex digits are ASCII, so this never fails.
        if let Ok(text) = std::str::from_utf8(&buffer[..chunk.len() * 2]) {
            out.push_str(text);
        }
    }
}

/// Brings an HMAC key to the hash's block size as RFC 2104 prescribes: keys longer than the block
/// are replaced by their digest, and the result is padded with zero bytes. HMAC over the
/// normalised key equals HMAC over the original key; normalising here lets the infallible
/// [`KeyInit::new`] be used instead of the `Result`-returning `new_from_slice`.
fn hmac_key<D, M>(key: &[u8]) -> Key<M>
where
    D: Digest,
    M: KeyInit,
{
    let mut block = Key::<M>::default();
    if key.len() > block.len() {
        let digest = D::digest(key);
        for (dst, src) in block.iter_mut().zip(digest.iter()) {
            *dst = *src;
        }
    } else {
        for (dst, src) in block.iter_mut().zip(key) {
            *dst = *src;
        }
    }
    block
}

/// HMAC-SHA256 of `message` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let key = hmac_key::<Sha256, Hmac<Sha256>>(key);
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&key);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA1 of `message` under `key`.
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let key = hmac_key::<Sha1, Hmac<Sha1>>(key);
    let mut mac = <Hmac<Sha1> as KeyInit>::new(&key);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Strips leading and trailing whitespace exactly like Python's `str.strip()`: Unicode
/// `White_Space` characters plus the ASCII separators `\x1c`..=`\x1f`.
pub(crate) fn python_strip(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

/// Canonical headers shared by ACS3 and TC3.
pub(crate) struct CanonicalHeaders {
    /// `name:value\n` for every header, sorted by name (so non-empty text ends with `\n`).
    pub(crate) canonical: String,
    /// The sorted, de-duplicated names joined with `;`.
    pub(crate) signed: String,
}

/// Canonicalises `headers` the way the Alibaba SDK's `get_canonicalized_headers` does: names
/// lower-cased, values stripped, the values of names that occur more than once sorted and joined
/// with `,`, names sorted (bytewise, which is Python's code-point order).
pub(crate) fn canonicalize_headers<N, V>(headers: &[(N, V)]) -> CanonicalHeaders
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    // Sorting a short vector of (lower-cased name, value) beats a `BTreeMap` of `Vec`s, and the
    // names the clients send are already lower-case ASCII, so most need no copy. The sort is
    // stable on the name alone; the values of a repeated name are sorted below, so the result
    // does not depend on the input order.
    let mut entries: Vec<(Cow<'_, str>, &str)> = headers
        .iter()
        .map(|(name, value)| (lower_case(name.as_ref()), python_strip(value.as_ref())))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let capacity = entries
        .iter()
        .map(|(name, value)| name.len() + value.len() + 2)
        .sum();
    let mut canonical = String::with_capacity(capacity);
    let mut signed = String::with_capacity(capacity);
    let mut start = 0;
    while start < entries.len() {
        let name = &entries[start].0;
        let end = start
            + entries[start..]
                .iter()
                .take_while(|(other, _)| other == name)
                .count();
        canonical.push_str(name);
        canonical.push(':');
        if end - start == 1 {
            canonical.push_str(entries[start].1);
        } else {
            let mut values: Vec<&str> = entries[start..end].iter().map(|(_, v)| *v).collect();
            values.sort_unstable();
            canonical.push_str(&values.join(","));
        }
        canonical.push('\n');
        if !signed.is_empty() {
            signed.push(';');
        }
        signed.push_str(name);
        start = end;
    }
    CanonicalHeaders { canonical, signed }
}

/// `name.to_lowercase()`, borrowing when there is nothing to lower-case.
fn lower_case(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        }
    } else {
        Cow::Owned(name.to_lowercase())
    }
}

/// Assembles the canonical request shared by ACS3 and TC3:
/// `Method \n URI \n Query \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.
///
/// The canonical headers already end with `\n`, hence the empty line before the signed headers.
/// An empty URI is replaced by `/`, as both SDKs do.
pub(crate) fn build_canonical_request(
    method: &str,
    canonical_uri: &str,
    canonical_query: &str,
    headers: &CanonicalHeaders,
    hashed_payload: &str,
) -> String {
    let canonical_uri = if canonical_uri.is_empty() {
        "/"
    } else {
        canonical_uri
    };
    let parts = [
        method,
        canonical_uri,
        canonical_query,
        &headers.canonical,
        &headers.signed,
        hashed_payload,
    ];
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(sha256_hex(b""), EMPTY_SHA256_HEX);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hmac_sha256_rfc4231_vectors() {
        // Test case 1: short key.
        assert_eq!(
            hex::encode(hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // Test case 2: key shorter than the output.
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: 131-byte key, longer than the block, must be hashed first.
        assert_eq!(
            hex::encode(hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
        // The empty key.
        assert_eq!(
            hex::encode(hmac_sha256(b"", b"")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        );
    }

    #[test]
    fn hmac_sha1_rfc2202_vectors() {
        assert_eq!(
            hex::encode(hmac_sha1(&[0x0b; 20], b"Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00"
        );
        assert_eq!(
            hex::encode(hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        // Test case 6: 80-byte key, longer than the block.
        assert_eq!(
            hex::encode(hmac_sha1(
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112"
        );
    }

    #[test]
    fn python_strip_matches_str_strip() {
        assert_eq!(python_strip("  a b \t\r\n"), "a b");
        assert_eq!(python_strip("\u{3000}\u{a0}x\u{1c}\u{1f}\u{85}"), "x");
        assert_eq!(python_strip("\u{200b}x"), "\u{200b}x"); // zero-width space is not whitespace
        assert_eq!(python_strip(""), "");
        assert_eq!(python_strip(" \t "), "");
    }

    #[test]
    fn canonical_headers_lower_case_sort_and_join_duplicates() {
        let headers = [
            ("X-Acs-Date", " 2023-10-26T10:22:32Z "),
            ("host", "example.com"),
            ("x-acs-multi", "b"),
            ("X-ACS-MULTI", " a "),
            ("Empty", ""),
        ];
        let result = canonicalize_headers(&headers);
        assert_eq!(
            result.canonical,
            "empty:\nhost:example.com\nx-acs-date:2023-10-26T10:22:32Z\nx-acs-multi:a,b\n"
        );
        assert_eq!(result.signed, "empty;host;x-acs-date;x-acs-multi");
        let none: [(String, String); 0] = [];
        let empty = canonicalize_headers(&none);
        assert_eq!(empty.canonical, "");
        assert_eq!(empty.signed, "");
    }

    #[test]
    fn secret_string_debug_is_redacted() {
        let secret = SecretString::new("YourAccessKeySecret");
        let debug = format!("{secret:?} {secret:#?}");
        assert!(!debug.contains("YourAccessKeySecret"), "{debug}");
        assert!(debug.contains(REDACTED), "{debug}");
        assert_eq!(secret.expose_secret(), "YourAccessKeySecret");
        assert!(!secret.is_empty());
        assert!(SecretString::from("").is_empty());
        let original = SecretString::from(String::from("s"));
        let copy = original.clone();
        assert_eq!(copy.expose_secret(), original.expose_secret());
    }

    #[test]
    fn hex_lower_is_hex_encode() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(hex_lower(&all), hex::encode(&all));
        for len in [1, 31, 32, 33, 64, 65] {
            assert_eq!(hex_lower(&all[..len]), hex::encode(&all[..len]), "{len}");
        }
        assert_eq!(hex_lower(&[]), "");
        let mut out = String::from("x");
        push_hex_lower(&mut out, &[0xab, 0x01]);
        assert_eq!(out, "xab01");
    }

    #[test]
    fn canonical_header_names_are_lower_cased_like_str_lower() {
        // Non-ASCII names take `to_lowercase`, ASCII ones are borrowed or lower-cased in ASCII;
        // equal names after lower-casing group whatever their input order.
        let headers = [
            ("X-Ä", "2"),
            ("x-ä", "1"),
            ("B", "b"),
            ("a", "a"),
            ("x-ä", "0"),
        ];
        let result = canonicalize_headers(&headers);
        assert_eq!(result.canonical, "a:a\nb:b\nx-ä:0,1,2\n");
        assert_eq!(result.signed, "a;b;x-ä");
        assert!(matches!(lower_case("host"), Cow::Borrowed("host")));
        assert_eq!(lower_case("Host"), "host");
        assert_eq!(lower_case("ÄB"), "äb");
    }
}

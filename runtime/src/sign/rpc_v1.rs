//! Alibaba Cloud legacy RPC request signature, `HMAC-SHA1`.
//!
//! Sent as `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`; Alibaba's docs call it the
//! "V2 RPC signature". Implemented as the official SDK does it (`alibabacloud_tea_openapi`
//! `Utils.get_rpcsignature`):
//!
//! ```text
//! params                   = query ∪ form body (body wins on a key clash), without "Signature"
//! CanonicalizedQueryString = join("&", percent(k) "=" percent(v) for (k, v) in sorted(params))
//! StringToSign             = Method "&" percent("/") "&" percent(CanonicalizedQueryString)
//! Signature                = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//! ```
//!
//! `percent` is [`percent_encode_rfc3986`]. The caller puts every common parameter (`Action`,
//! `Format`, `Version`, `Timestamp`, `SignatureNonce`, `SignatureMethod`, `SignatureVersion`,
//! `AccessKeyId`, and `SecurityToken` with STS) into the query before signing, and appends
//! `Signature` as the last query parameter afterwards, form-encoded with
//! [`crate::encode::form_urlencode`].

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::encode::percent_encode_rfc3986;

use super::hmac_sha1;

/// The `SignatureMethod` parameter value.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The `SignatureVersion` parameter value.
pub const SIGNATURE_VERSION: &str = "1.0";
/// The parameter that carries the signature; it is never part of the signed parameters.
pub const SIGNATURE_PARAM: &str = "Signature";

/// The parts of a request that the RPC signature covers.
#[derive(Debug, Clone, Copy)]
pub struct RpcV1Request<'a> {
    /// HTTP method, upper-case as sent (`GET`, `POST`).
    pub method: &'a str,
    /// URL query parameters as `(name, value)`, unencoded, including the common parameters.
    pub query: &'a [(String, String)],
    /// Form body parameters as `(name, value)`, unencoded (empty if there is no form body).
    /// A body parameter replaces a query parameter of the same name, as in the SDK.
    pub form: &'a [(String, String)],
}

/// The RPC `HMAC-SHA1` signature of a request with every intermediate value.
///
/// Holds no secret: the access key secret is only used to compute [`signature`](Self::signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcV1Signature {
    /// `CanonicalizedQueryString`: the sorted, percent-encoded `k=v` pairs joined with `&`.
    pub canonicalized_query_string: String,
    /// `StringToSign`: `Method&%2F&<percent-encoded canonicalized query string>`.
    pub string_to_sign: String,
    /// Base64 (standard alphabet, padded) HMAC-SHA1 of the string to sign under
    /// `AccessKeySecret + "&"`; the value of the `Signature` parameter.
    pub signature: String,
}

/// Signs `request` with the given access key secret.
///
/// Parameters are merged like the SDK's Python dicts: a later occurrence of a name replaces an
/// earlier one, and form parameters come after query parameters. Names are then sorted bytewise
/// (Python's code-point order); `Signature` is left out. Never panics.
#[must_use]
pub fn sign(request: &RpcV1Request<'_>, access_key_secret: &str) -> RpcV1Signature {
    let mut params: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, value) in request.query.iter().chain(request.form) {
        params.insert(name.as_str(), value.as_str());
    }
    params.remove(SIGNATURE_PARAM);

    let mut canonicalized_query_string = String::new();
    for (name, value) in params {
        if !canonicalized_query_string.is_empty() {
            canonicalized_query_string.push('&');
        }
        canonicalized_query_string.push_str(&percent_encode_rfc3986(name));
        canonicalized_query_string.push('=');
        canonicalized_query_string.push_str(&percent_encode_rfc3986(value));
    }
    let string_to_sign = format!(
        "{method}&{slash}&{query}",
        method = request.method,
        slash = percent_encode_rfc3986("/"),
        query = percent_encode_rfc3986(&canonicalized_query_string),
    );
    let key = format!("{access_key_secret}&");
    let signature = STANDARD.encode(hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()));
    RpcV1Signature {
        canonicalized_query_string,
        string_to_sign,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::form_urlencode;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// P2: the fixed example of Alibaba's current "V2 RPC" signature page.
    #[test]
    fn p2_describe_dedicated_hosts() {
        // Deliberately not in sorted order.
        let query = owned(&[
            ("Action", "DescribeDedicatedHosts"),
            ("Format", "JSON"),
            ("Version", "2014-05-26"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("RegionId", "cn-beijing"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("AccessKeyId", "testid"),
        ]);
        let result = sign(
            &RpcV1Request {
                method: "GET",
                query: &query,
                form: &[],
            },
            "testsecret",
        );
        assert_eq!(
            result.canonicalized_query_string,
            "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing\
             &SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb\
             &SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26"
        );
        assert_eq!(
            result.string_to_sign,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON\
             %26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1\
             %26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0\
             %26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26"
        );
        assert_eq!(result.signature, "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
    }

    fn p3_query(timestamp_name: &str) -> Vec<(String, String)> {
        owned(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            (timestamp_name, "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ])
    }

    /// P3: the classic ECS `DescribeRegions` example, edition with `Timestamp`.
    #[test]
    fn p3_describe_regions_timestamp() {
        let query = p3_query("Timestamp");
        let result = sign(
            &RpcV1Request {
                method: "GET",
                query: &query,
                form: &[],
            },
            "testsecret",
        );
        assert_eq!(
            result.canonicalized_query_string,
            "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1\
             &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
             &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
        );
        assert_eq!(
            result.string_to_sign,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
             %26Version%3D2014-05-26"
        );
        assert_eq!(result.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        // Appended to the URL form-encoded.
        assert_eq!(
            form_urlencode(&result.signature),
            "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"
        );
    }

    /// P3b: the same example, edition with the parameter spelled `TimeStamp`.
    #[test]
    fn p3b_describe_regions_timestamp_capital_s() {
        let query = p3_query("TimeStamp");
        let result = sign(
            &RpcV1Request {
                method: "GET",
                query: &query,
                form: &[],
            },
            "testsecret",
        );
        // `TimeStamp` sorts at the same position as `Timestamp` ('T' < 'V', after 'S…').
        assert_eq!(
            result.canonicalized_query_string,
            "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1\
             &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
             &TimeStamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
        );
        assert_eq!(
            result.string_to_sign,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z\
             %26Version%3D2014-05-26"
        );
        assert_eq!(result.signature, "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    #[test]
    fn form_parameters_are_signed_and_win_on_clash() {
        let all_in_query = p3_query("Timestamp");
        let reference = sign(
            &RpcV1Request {
                method: "GET",
                query: &all_in_query,
                form: &[],
            },
            "testsecret",
        );
        // Move some parameters to the body and shadow one query value with the body's.
        let mut query = all_in_query;
        let form = query.split_off(5);
        query.push(("Version".to_owned(), "1999-01-01".to_owned()));
        query.push((SIGNATURE_PARAM.to_owned(), "ignored".to_owned()));
        let result = sign(
            &RpcV1Request {
                method: "GET",
                query: &query,
                form: &form,
            },
            "testsecret",
        );
        assert_eq!(result, reference);
    }

    #[test]
    fn keys_and_values_are_percent_encoded() {
        let query = owned(&[("Tag.1.Key", "a b*~"), ("名", "未命名"), ("Empty", "")]);
        let result = sign(
            &RpcV1Request {
                method: "POST",
                query: &query,
                form: &[],
            },
            "s",
        );
        assert_eq!(
            result.canonicalized_query_string,
            "Empty=&Tag.1.Key=a%20b%2A~&%E5%90%8D=%E6%9C%AA%E5%91%BD%E5%90%8D"
        );
        assert_eq!(
            result.string_to_sign,
            "POST&%2F&Empty%3D%26Tag.1.Key%3Da%2520b%252A~%26\
             %25E5%2590%258D%3D%25E6%259C%25AA%25E5%2591%25BD%25E5%2590%258D"
        );
    }

    #[test]
    fn empty_request_does_not_panic() {
        let result = sign(
            &RpcV1Request {
                method: "GET",
                query: &[],
                form: &[],
            },
            "",
        );
        assert_eq!(result.canonicalized_query_string, "");
        assert_eq!(result.string_to_sign, "GET&%2F&");
        assert_eq!(result.signature.len(), 28);
    }
}

//! Serialized parameters to a signed [`HttpRequest`]: what every protocol's request needs
//! ([`RequestContext`]), and the dispatch to the service's protocol ([`crate::protocol`]), whose
//! modules say what each one sends.
//!
//! On the wire, the query and form use `+` for a space ([`encode_pairs_plus`]); the ACS3 and RPC
//! signatures cover `%20` (the signers in [`crate::sign`] do that).

use crate::credentials::Credentials;
#[cfg(doc)]
use crate::encode::encode_pairs_plus;
use crate::encode::encode_pairs_plus_into;
use crate::endpoint::Endpoint;
use crate::schema::OperationSpec;
use crate::transport::HttpRequest;
use crate::wire::WireParams;

pub use crate::protocol::REQUEST_CLIENT;

/// Which Alibaba signature to use. Tencent services always use TC3-HMAC-SHA256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    /// `ACS3-HMAC-SHA256` ("V3"): what the official SDKs send today.
    #[default]
    Acs3,
    /// The legacy signature, the SDK's `signature_algorithm='v2'`: for RPC services `HMAC-SHA1`
    /// with `SignatureVersion=1.0` in the query; for ROA services the ROA `HMAC-SHA1` signature
    /// (`authorization: acs <AccessKeyId>:<Signature>`, see [`crate::sign::roa_v1`]).
    RpcHmacSha1,
}

/// The content type of Alibaba form bodies.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
/// The content type of Tencent JSON bodies (the SDK sends no charset).
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// Everything besides the parameters that goes into a signed request.
#[derive(Debug, Clone, Copy)]
pub struct RequestContext<'a> {
    /// The operation.
    pub op: &'static OperationSpec,
    /// Where it goes.
    pub endpoint: &'a Endpoint,
    /// Who signs.
    pub credentials: &'a Credentials,
    /// The region (`X-TC-Region` for Tencent; not sent for Alibaba, whose operations carry
    /// `RegionId` as a parameter).
    pub region: Option<&'a str>,
    /// Seconds since the Unix epoch (`x-acs-date`, `Timestamp`, `X-TC-Timestamp`).
    pub timestamp: i64,
    /// The signature nonce, for protocols that sign one
    /// ([`Protocol::signs_nonce`](crate::protocol::Protocol::signs_nonce)).
    pub nonce: &'a str,
    /// The trace id, for protocols that send one
    /// ([`Protocol::sends_trace_id`](crate::protocol::Protocol::sends_trace_id)).
    pub trace_id: &'a str,
    /// Alibaba signature choice.
    pub signature: SignatureVersion,
    /// The `user-agent` (Alibaba, signed) / `User-Agent` (Tencent) value.
    pub user_agent: &'a str,
    /// Tencent's `X-TC-Language` (`zh-CN`, `en-US`); `None` leaves it out.
    pub language: Option<&'a str>,
}

/// Builds the signed request for `params`, as the operation's protocol lays it out.
pub fn signed_request(params: &WireParams, cx: &RequestContext<'_>) -> HttpRequest {
    signed_request_with_json_body(params, None, cx)
}

/// [`signed_request`], with the JSON body given as text (`json_body`) rather than taken from
/// `params.json`.
pub(crate) fn signed_request_with_json_body(
    params: &WireParams,
    json_body: Option<&str>,
    cx: &RequestContext<'_>,
) -> HttpRequest {
    cx.op.service.protocol.signed_request(params, json_body, cx)
}

/// The endpoint's URL with `path` (already encoded, starting with `/`) and `query` encoded as
/// the SDKs encode it.
pub(crate) fn url_with_query(
    endpoint: &Endpoint,
    path: &str,
    query: &[(String, String)],
) -> String {
    let mut url = endpoint.url();
    url.pop();
    url.push_str(path);
    if !query.is_empty() {
        url.push('?');
        encode_pairs_plus_into(&mut url, query);
    }
    url
}

/// The default `user-agent`.
pub const USER_AGENT: &str = concat!("cloudspec-runtime/", env!("CARGO_PKG_VERSION"), " (Rust)");

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::{EndpointRule, Kind, Location, ParamSpec, ServiceSpec, Style};
    use crate::sign::{acs3, sha256_hex};
    use crate::wire::{serialize, to_members};

    static ALI: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "swas-open",
        version: "2020-06-01",
        signing_name: "swas-open",
        endpoint_rule: EndpointRule::Regional,
        host: "swas.{region}.aliyuncs.com",
        region_map: &[],
        international_host: None,
        network_hosts: crate::schema::NetworkHosts::LabelSuffix,
    };
    static ALI_OP: OperationSpec = OperationSpec {
        service: &ALI,
        name: "CreateCustomImage",
        params: &[
            ParamSpec::new("ImageName", Kind::String),
            ParamSpec::new("RegionId", Kind::String),
        ],
        rules: &[],
        envelope: None,
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };
    static ALI_FORM_OP: OperationSpec = OperationSpec {
        service: &ALI,
        name: "CreateImageByInstance",
        params: &[ParamSpec::new("ImageName", Kind::String).wire(Location::Form, Style::Flat)],
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
        name: "CreateImage",
        params: &[
            ParamSpec::new("ImageName", Kind::String).wire(Location::Json, Style::Json),
            ParamSpec::new("DryRun", Kind::Boolean).wire(Location::Json, Style::Json),
        ],
        rules: &[],
        envelope: Some("Response"),
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    fn cx<'a>(
        op: &'static OperationSpec,
        endpoint: &'a Endpoint,
        credentials: &'a Credentials,
        signature: SignatureVersion,
    ) -> RequestContext<'a> {
        RequestContext {
            op,
            endpoint,
            credentials,
            region: Some("ap-guangzhou"),
            timestamp: 1_698_315_752,
            nonce: "3156853299f313e23d1673dc12e1703d",
            trace_id: "00000000-0000-4000-8000-000000000000",
            signature,
            user_agent: "ua",
            language: Some("en-US"),
        }
    }

    fn names(r: &HttpRequest) -> Vec<&str> {
        r.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn acs3_query_operation() {
        let endpoint = Endpoint::parse("swas.cn-hangzhou.aliyuncs.com").unwrap();
        let creds = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
        let params = serialize(
            &to_members(&json!({"ImageName": "my image*", "RegionId": "cn-hangzhou"})).unwrap(),
            &ALI_OP,
        )
        .unwrap();
        let r = signed_request(
            &params,
            &cx(&ALI_OP, &endpoint, &creds, SignatureVersion::Acs3),
        );
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.url,
            "https://swas.cn-hangzhou.aliyuncs.com/?ImageName=my+image%2A&RegionId=cn-hangzhou"
        );
        assert!(r.body.is_empty());
        assert_eq!(
            names(&r),
            [
                "host",
                "x-acs-version",
                "x-acs-action",
                "user-agent",
                "x-acs-date",
                "x-acs-signature-nonce",
                "accept",
                "x-acs-content-sha256",
                "x-acs-credentials-provider",
                "Authorization"
            ]
        );
        assert_eq!(r.header("x-acs-date"), Some("2023-10-26T10:22:32Z"));
        assert_eq!(
            r.header("x-acs-content-sha256"),
            Some(crate::sign::EMPTY_SHA256_HEX)
        );
        assert_eq!(r.header("x-acs-credentials-provider"), Some("static_ak"));
        // Recompute: the canonical query covers %20 and %2A.
        let expected = acs3::sign(
            &acs3::Acs3Request {
                method: "POST",
                canonical_uri: "/",
                query: &params.query,
                headers: &r.headers[..r.headers.len() - 1],
                body: b"",
            },
            "YourAccessKeyId",
            "YourAccessKeySecret",
        );
        assert!(
            expected
                .canonical_request
                .contains("\nImageName=my%20image%2A&RegionId=cn-hangzhou\n")
        );
        assert_eq!(
            r.header("Authorization"),
            Some(expected.authorization.as_str())
        );
        assert!(expected.authorization.contains(
            "SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,"
        ));
    }

    #[test]
    fn acs3_form_operation_with_sts() {
        let endpoint = Endpoint::parse("http://127.0.0.1:1").unwrap();
        let creds = Credentials::new("id", "secret").with_security_token("sts-token");
        let params = serialize(&to_members(&json!({})).unwrap(), &ALI_FORM_OP).unwrap();
        let r = signed_request(
            &params,
            &cx(&ALI_FORM_OP, &endpoint, &creds, SignatureVersion::Acs3),
        );
        assert_eq!(r.url, "http://127.0.0.1:1/");
        // An empty form still gets the content type, as the SDK sends it.
        assert_eq!(r.header("content-type"), Some(FORM_CONTENT_TYPE));
        assert_eq!(r.header("host"), Some("127.0.0.1:1"));
        assert_eq!(r.header("x-acs-security-token"), Some("sts-token"));
        assert_eq!(r.header("x-acs-accesskey-id"), Some("id"));
        assert_eq!(r.header("x-acs-credentials-provider"), Some("static_sts"));
        let params = serialize(
            &to_members(&json!({"ImageName": "a b"})).unwrap(),
            &ALI_FORM_OP,
        )
        .unwrap();
        let r = signed_request(
            &params,
            &cx(&ALI_FORM_OP, &endpoint, &creds, SignatureVersion::Acs3),
        );
        assert_eq!(r.body, b"ImageName=a+b");
        assert_eq!(
            r.header("x-acs-content-sha256"),
            Some(sha256_hex(b"ImageName=a+b").as_str())
        );
        assert!(
            r.header("Authorization")
                .unwrap()
                .contains("x-acs-security-token")
        );
    }

    #[test]
    fn rpc_signature_layout() {
        let endpoint = Endpoint::parse("swas.cn-hangzhou.aliyuncs.com").unwrap();
        let creds = Credentials::new("testid", "testsecret").with_security_token("tok");
        let params = serialize(
            &to_members(&json!({"ImageName": "a b", "RegionId": "cn-hangzhou"})).unwrap(),
            &ALI_OP,
        )
        .unwrap();
        let r = signed_request(
            &params,
            &cx(&ALI_OP, &endpoint, &creds, SignatureVersion::RpcHmacSha1),
        );
        let (_, query) = r.url.split_once('?').unwrap();
        let keys: Vec<&str> = query
            .split('&')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "Action",
                "Format",
                "Version",
                "Timestamp",
                "SignatureNonce",
                "ImageName",
                "RegionId",
                "SecurityToken",
                "SignatureMethod",
                "SignatureVersion",
                "AccessKeyId",
                "Signature"
            ]
        );
        assert!(query.contains("Timestamp=2023-10-26T10%3A22%3A32Z"));
        assert!(query.contains("ImageName=a+b"));
        assert!(r.header("Authorization").is_none());
        assert!(r.header("x-acs-date").is_none());
        assert_eq!(
            names(&r),
            [
                "host",
                "x-acs-version",
                "x-acs-action",
                "user-agent",
                "x-acs-credentials-provider"
            ]
        );
    }

    #[test]
    fn tc3_layout() {
        let endpoint = Endpoint::parse("cvm.tencentcloudapi.com").unwrap();
        let creds = Credentials::new(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
            "Gu5t9xGARNpq86cd98joQYCN3*******",
        )
        .with_security_token("tc-token");
        let params = serialize(
            &to_members(&json!({"ImageName": "未命名", "DryRun": true})).unwrap(),
            &TC_OP,
        )
        .unwrap();
        let mut c = cx(&TC_OP, &endpoint, &creds, SignatureVersion::Acs3);
        c.timestamp = 1_551_113_065;
        let r = signed_request(&params, &c);
        assert_eq!(r.url, "https://cvm.tencentcloudapi.com/");
        assert_eq!(
            r.body,
            br#"{"ImageName": "\u672a\u547d\u540d", "DryRun": true}"#
        );
        assert_eq!(
            names(&r),
            [
                "User-Agent",
                "X-TC-TraceId",
                "Content-Type",
                "Host",
                "X-TC-Action",
                "X-TC-RequestClient",
                "X-TC-Timestamp",
                "X-TC-Version",
                "X-TC-Region",
                "X-TC-Token",
                "X-TC-Language",
                "Authorization"
            ]
        );
        let auth = r.header("Authorization").unwrap();
        assert!(auth.starts_with(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature="
        ), "{auth}");
        let mut c = cx(&TC_OP, &endpoint, &creds, SignatureVersion::Acs3);
        c.region = None;
        c.language = None;
        let r = signed_request(&serialize(&Default::default(), &TC_OP).unwrap(), &c);
        assert_eq!(r.body, b"{}");
        assert!(r.header("X-TC-Region").is_none());
        assert!(r.header("X-TC-Language").is_none());
    }
}

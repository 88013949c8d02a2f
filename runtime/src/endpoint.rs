//! Which host a request goes to.
//!
//! In order of precedence:
//!
//! 1. an explicit endpoint from the client's `Config` (`http://127.0.0.1:8080` for tests, or a
//!    bare host such as `swas-open.aliyuncs.com`, which means `https`); the `Host` header is its
//!    authority, exactly as the SDKs use `config.endpoint`;
//! 2. the service's region map (`ap-shanghai-fsi` → `cvm.ap-shanghai-fsi.tencentcloudapi.com`);
//! 3. the international host, when asked for and the service has one
//!    (`cvm.intl.tencentcloudapi.com`, what the SDK gives with
//!    `rootDomain='intl.tencentcloudapi.com'`);
//! 4. the service's rule: `regional` substitutes `{region}` into the host template (and needs a
//!    region, as the Alibaba SDK does: "RegionId is empty, please set a valid RegionId");
//!    `central` uses the host as it is.

use std::fmt;

use crate::schema::{EndpointRule, ServiceSpec};

/// Where requests are sent: scheme plus authority (`host[:port]`); the path is always `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    scheme: String,
    authority: String,
}

impl Endpoint {
    /// An `https` endpoint on `host`.
    pub fn https(host: &str) -> Result<Self, EndpointError> {
        Self::parse(host)
    }

    /// Parses `http://host[:port][/]`, `https://host[:port][/]` or a bare `host[:port]`
    /// (meaning `https`). Paths other than `/`, queries, fragments and user info are refused.
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let invalid = |reason: &str| EndpointError::InvalidEndpoint {
            endpoint: text.to_string(),
            reason: reason.to_string(),
        };
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
            None => ("https".to_string(), text),
        };
        if scheme != "http" && scheme != "https" {
            return Err(invalid("the scheme must be http or https"));
        }
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.is_empty() {
            return Err(invalid("no host"));
        }
        if authority.contains(['/', '?', '#']) {
            return Err(invalid(
                "only a scheme and host[:port] are allowed (the path is always `/`)",
            ));
        }
        if authority.contains('@') {
            return Err(invalid("user info is not allowed"));
        }
        if !authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
        {
            return Err(invalid("the host has characters a host name cannot have"));
        }
        Ok(Endpoint {
            scheme,
            authority: authority.to_string(),
        })
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// `host[:port]`: the value of the `Host` header, and what the signatures cover.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// The base URL with the root path: `https://host/`.
    pub fn url(&self) -> String {
        format!("{}://{}/", self.scheme, self.authority)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.authority)
    }
}

/// Why no endpoint could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The service's host depends on the region and none was configured.
    RegionRequired {
        /// The product code.
        product: &'static str,
    },
    /// The region is not a plausible region id (letters, digits and `-`).
    InvalidRegion(String),
    /// The explicit endpoint cannot be used.
    InvalidEndpoint {
        /// What was given.
        endpoint: String,
        /// Why it was refused.
        reason: String,
    },
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::RegionRequired { product } => write!(
                f,
                "`{product}` has a regional endpoint: set a region in the client's Config \
                 (or an explicit endpoint)"
            ),
            EndpointError::InvalidRegion(region) => write!(
                f,
                "`{region}` is not a region id (lower-case letters, digits and `-`)"
            ),
            EndpointError::InvalidEndpoint { endpoint, reason } => {
                write!(f, "invalid endpoint `{endpoint}`: {reason}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

/// Whether `region` looks like a region id (`cn-hangzhou`, `ap-shanghai-fsi`).
pub fn is_region_id(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
}

/// Chooses the endpoint of `service` for `region` (see the module documentation for the order).
pub fn resolve(
    service: &ServiceSpec,
    region: Option<&str>,
    international: bool,
    explicit: Option<&str>,
) -> Result<Endpoint, EndpointError> {
    if let Some(explicit) = explicit {
        return Endpoint::parse(explicit);
    }
    let region = region.filter(|r| !r.is_empty());
    if let Some(region) = region {
        if !is_region_id(region) {
            return Err(EndpointError::InvalidRegion(region.to_string()));
        }
        if let Some((_, host)) = service.region_map.iter().find(|(r, _)| *r == region) {
            return Endpoint::https(host);
        }
    }
    if international && let Some(host) = service.international_host {
        return Endpoint::https(host);
    }
    match service.endpoint_rule {
        EndpointRule::Central => Endpoint::https(service.host),
        EndpointRule::Regional => {
            let region = region.ok_or(EndpointError::RegionRequired {
                product: service.product,
            })?;
            Endpoint::https(&service.host.replace("{region}", region))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static REGIONAL: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::AlibabaRpc,
        product: "swas-open",
        version: "2020-06-01",
        signing_name: "swas-open",
        endpoint_rule: EndpointRule::Regional,
        host: "swas.{region}.aliyuncs.com",
        region_map: &[("cn-beijing", "swas.aliyuncs.com")],
        international_host: None,
    };

    static CENTRAL: ServiceSpec = ServiceSpec {
        protocol: &crate::protocol::TencentApi3,
        product: "cvm",
        version: "2017-03-12",
        signing_name: "cvm",
        endpoint_rule: EndpointRule::Central,
        host: "cvm.tencentcloudapi.com",
        region_map: &[("ap-shanghai-fsi", "cvm.ap-shanghai-fsi.tencentcloudapi.com")],
        international_host: Some("cvm.intl.tencentcloudapi.com"),
    };

    fn host(r: Result<Endpoint, EndpointError>) -> String {
        r.map(|e| e.url()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn regional_rule_substitutes_the_region() {
        assert_eq!(
            host(resolve(&REGIONAL, Some("cn-hangzhou"), false, None)),
            "https://swas.cn-hangzhou.aliyuncs.com/"
        );
        assert_eq!(
            resolve(&REGIONAL, None, false, None),
            Err(EndpointError::RegionRequired {
                product: "swas-open"
            })
        );
        assert_eq!(
            resolve(&REGIONAL, Some(""), false, None),
            Err(EndpointError::RegionRequired {
                product: "swas-open"
            })
        );
        // International has no effect without an international host.
        assert_eq!(
            host(resolve(&REGIONAL, Some("cn-hangzhou"), true, None)),
            "https://swas.cn-hangzhou.aliyuncs.com/"
        );
    }

    #[test]
    fn region_map_wins_over_the_rule() {
        assert_eq!(
            host(resolve(&REGIONAL, Some("cn-beijing"), false, None)),
            "https://swas.aliyuncs.com/"
        );
        assert_eq!(
            host(resolve(&CENTRAL, Some("ap-shanghai-fsi"), true, None)),
            "https://cvm.ap-shanghai-fsi.tencentcloudapi.com/"
        );
    }

    #[test]
    fn central_rule_ignores_the_region() {
        assert_eq!(
            host(resolve(&CENTRAL, Some("ap-guangzhou"), false, None)),
            "https://cvm.tencentcloudapi.com/"
        );
        assert_eq!(
            host(resolve(&CENTRAL, None, false, None)),
            "https://cvm.tencentcloudapi.com/"
        );
    }

    #[test]
    fn international_host_on_request() {
        assert_eq!(
            host(resolve(&CENTRAL, Some("ap-singapore"), true, None)),
            "https://cvm.intl.tencentcloudapi.com/"
        );
    }

    #[test]
    fn explicit_endpoint_wins() {
        let e = resolve(&REGIONAL, None, false, Some("http://127.0.0.1:18080")).unwrap();
        assert_eq!(e.scheme(), "http");
        assert_eq!(e.authority(), "127.0.0.1:18080");
        assert_eq!(e.url(), "http://127.0.0.1:18080/");
        assert_eq!(e.to_string(), "http://127.0.0.1:18080");
        let e = resolve(&CENTRAL, None, true, Some("swas-open.aliyuncs.com")).unwrap();
        assert_eq!(e.url(), "https://swas-open.aliyuncs.com/");
        let e = Endpoint::parse("HTTPS://[::1]:8443/").unwrap();
        assert_eq!((e.scheme(), e.authority()), ("https", "[::1]:8443"));
    }

    #[test]
    fn bad_endpoints_and_regions_are_refused() {
        for bad in [
            "ftp://x",
            "http://",
            "http://h/path",
            "http://h?x=1",
            "http://u:p@h",
            "http://h h",
            "",
        ] {
            assert!(
                matches!(
                    Endpoint::parse(bad),
                    Err(EndpointError::InvalidEndpoint { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            resolve(&REGIONAL, Some("cn-hangzhou.evil.com/x"), false, None),
            Err(EndpointError::InvalidRegion(
                "cn-hangzhou.evil.com/x".into()
            ))
        );
        assert!(is_region_id("ap-shanghai-fsi"));
        assert!(!is_region_id("CN"));
        assert!(!is_region_id("-x"));
    }
}

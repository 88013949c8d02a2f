//! Which host a request goes to.
//!
//! In order of precedence, as the vendors' official SDKs choose (the rows of
//! `tests/fixtures/endpoints/sdk-endpoints.json`, recorded from them, are checked against
//! [`resolve`]):
//!
//! 1. an explicit endpoint from the client's `Config` (`http://127.0.0.1:8080` for tests, or a
//!    bare host such as `swas-open.aliyuncs.com`, which means `https`); the `Host` header is its
//!    authority, exactly as the SDKs use `config.endpoint`; region and network are not looked
//!    at;
//! 2. the service's region map (`cn-hangzhou` → `ecs-cn-hangzhou.aliyuncs.com`), for every
//!    network, as the Alibaba SDKs look up their endpoint map before building a host;
//! 3. the international host, when asked for, on the public network, where the service has one
//!    (`cvm.intl.tencentcloudapi.com`, what the Tencent SDK gives with
//!    `rootDomain='intl.tencentcloudapi.com'`);
//! 4. the service's rule: `regional` substitutes `{region}` into the host template (and needs a
//!    region, as the Alibaba SDK does: "RegionId is empty, please set a valid RegionId");
//!    `central` uses the host as it is, with or without a region;
//! 5. for a [`Network`] other than `public`, the service's [`NetworkHosts`]: `LabelSuffix`
//!    appends `-{network}` to the first label of that host (`ens-vpc.cn-hangzhou.aliyuncs.com`,
//!    `swas-open-vpc.aliyuncs.com`), the Alibaba SDKs' `<product>-<network>` rule; `PublicOnly`
//!    refuses the network (the Tencent SDK has no network setting).

use std::borrow::Cow;
use std::fmt;

use crate::schema::{EndpointRule, NetworkHosts, ServiceSpec};

/// The network a client reaches the service through: `public` (the default), `vpc`, `share`,
/// `inner`, `intl`, or any other name the vendor gives a network (the Alibaba SDKs take any
/// string and build `<product>-<network>` hosts from it).
///
/// ```
/// use cloudspec_runtime::Network;
///
/// assert!(Network::default().is_public());
/// assert_eq!(Network::VPC.as_str(), "vpc");
/// assert_eq!(Network::from("dualstack").as_str(), "dualstack");
/// // An empty name is the public network, as for the SDKs.
/// assert!(Network::from("").is_public());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Network(Cow<'static, str>);

impl Network {
    /// The public internet: the hosts the service's rule builds, unchanged (the default).
    pub const PUBLIC: Network = Network(Cow::Borrowed("public"));
    /// Alibaba's VPC network (`ecs-vpc.cn-hangzhou.aliyuncs.com`).
    pub const VPC: Network = Network(Cow::Borrowed("vpc"));
    /// Alibaba's `share` network.
    pub const SHARE: Network = Network(Cow::Borrowed("share"));
    /// Alibaba's `inner` network.
    pub const INNER: Network = Network(Cow::Borrowed("inner"));
    /// Alibaba's `intl` network.
    pub const INTL: Network = Network(Cow::Borrowed("intl"));

    /// A network by name. The name is checked when an endpoint is chosen: lower-case letters,
    /// digits and `-`, as it becomes part of a host name.
    pub fn new(name: impl Into<String>) -> Self {
        Network(Cow::Owned(name.into()))
    }

    /// The name, as it goes into host names.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the public network (`public`, or an empty name, as for the SDKs).
    pub fn is_public(&self) -> bool {
        self.0.is_empty() || self.0 == "public"
    }
}

impl Default for Network {
    fn default() -> Self {
        Network::PUBLIC
    }
}

impl From<&str> for Network {
    fn from(name: &str) -> Self {
        Network::new(name)
    }
}

impl From<String> for Network {
    fn from(name: String) -> Self {
        Network::new(name)
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
    /// The network name cannot be part of a host name (lower-case letters, digits and `-`).
    InvalidNetwork(String),
    /// The service has no hosts for this network, only the public ones.
    NetworkUnsupported {
        /// The product code.
        product: &'static str,
        /// The network asked for.
        network: String,
    },
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
            EndpointError::InvalidNetwork(network) => write!(
                f,
                "`{network}` is not a network name (lower-case letters, digits and `-`)"
            ),
            EndpointError::NetworkUnsupported { product, network } => write!(
                f,
                "`{product}` has public hosts only, none for the `{network}` network: use the \
                 public network (or an explicit endpoint)"
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

/// Whether `network` can be part of a host name: lower-case letters, digits and `-`, not at
/// either end.
fn is_network_name(network: &str) -> bool {
    !network.is_empty()
        && network.len() <= 63
        && network
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !network.starts_with('-')
        && !network.ends_with('-')
}

/// Chooses the endpoint of `service` for `region` and `network` (see the module documentation
/// for the order).
pub fn resolve(
    service: &ServiceSpec,
    region: Option<&str>,
    network: &Network,
    international: bool,
    explicit: Option<&str>,
) -> Result<Endpoint, EndpointError> {
    if let Some(explicit) = explicit {
        return Endpoint::parse(explicit);
    }
    let region = region.filter(|r| !r.is_empty());
    if let Some(region) = region
        && !is_region_id(region)
    {
        return Err(EndpointError::InvalidRegion(region.to_string()));
    }
    let network = (!network.is_public()).then_some(network.as_str());
    if let Some(network) = network {
        if !is_network_name(network) {
            return Err(EndpointError::InvalidNetwork(network.to_string()));
        }
        if service.network_hosts == NetworkHosts::PublicOnly {
            return Err(EndpointError::NetworkUnsupported {
                product: service.product,
                network: network.to_string(),
            });
        }
    }
    if let Some(region) = region
        && let Some((_, host)) = service.region_map.iter().find(|(r, _)| *r == region)
    {
        return Endpoint::https(host);
    }
    if network.is_none()
        && international
        && let Some(host) = service.international_host
    {
        return Endpoint::https(host);
    }
    let host = match service.endpoint_rule {
        EndpointRule::Central => Cow::Borrowed(service.host),
        EndpointRule::Regional => {
            let region = region.ok_or(EndpointError::RegionRequired {
                product: service.product,
            })?;
            Cow::Owned(service.host.replace("{region}", region))
        }
    };
    let Some(network) = network else {
        return Endpoint::https(&host);
    };
    // `NetworkHosts::LabelSuffix` (a `PublicOnly` service refused the network above).
    let host = match host.split_once('.') {
        Some((label, rest)) => format!("{label}-{network}.{rest}"),
        None => format!("{host}-{network}"),
    };
    Endpoint::https(&host)
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
        network_hosts: NetworkHosts::LabelSuffix,
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
        network_hosts: NetworkHosts::PublicOnly,
    };

    fn host(r: Result<Endpoint, EndpointError>) -> String {
        r.map(|e| e.url()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn regional_rule_substitutes_the_region() {
        assert_eq!(
            host(resolve(
                &REGIONAL,
                Some("cn-hangzhou"),
                &Network::PUBLIC,
                false,
                None
            )),
            "https://swas.cn-hangzhou.aliyuncs.com/"
        );
        assert_eq!(
            resolve(&REGIONAL, None, &Network::PUBLIC, false, None),
            Err(EndpointError::RegionRequired {
                product: "swas-open"
            })
        );
        assert_eq!(
            resolve(&REGIONAL, Some(""), &Network::PUBLIC, false, None),
            Err(EndpointError::RegionRequired {
                product: "swas-open"
            })
        );
        // International has no effect without an international host.
        assert_eq!(
            host(resolve(
                &REGIONAL,
                Some("cn-hangzhou"),
                &Network::PUBLIC,
                true,
                None
            )),
            "https://swas.cn-hangzhou.aliyuncs.com/"
        );
    }

    #[test]
    fn region_map_wins_over_the_rule() {
        assert_eq!(
            host(resolve(
                &REGIONAL,
                Some("cn-beijing"),
                &Network::PUBLIC,
                false,
                None
            )),
            "https://swas.aliyuncs.com/"
        );
        assert_eq!(
            host(resolve(
                &CENTRAL,
                Some("ap-shanghai-fsi"),
                &Network::PUBLIC,
                true,
                None
            )),
            "https://cvm.ap-shanghai-fsi.tencentcloudapi.com/"
        );
    }

    #[test]
    fn central_rule_ignores_the_region() {
        assert_eq!(
            host(resolve(
                &CENTRAL,
                Some("ap-guangzhou"),
                &Network::PUBLIC,
                false,
                None
            )),
            "https://cvm.tencentcloudapi.com/"
        );
        assert_eq!(
            host(resolve(&CENTRAL, None, &Network::PUBLIC, false, None)),
            "https://cvm.tencentcloudapi.com/"
        );
    }

    #[test]
    fn international_host_on_request() {
        assert_eq!(
            host(resolve(
                &CENTRAL,
                Some("ap-singapore"),
                &Network::PUBLIC,
                true,
                None
            )),
            "https://cvm.intl.tencentcloudapi.com/"
        );
    }

    #[test]
    fn networks_suffix_the_first_label() {
        let vpc = |region| host(resolve(&REGIONAL, region, &Network::VPC, false, None));
        assert_eq!(
            vpc(Some("cn-hangzhou")),
            "https://swas-vpc.cn-hangzhou.aliyuncs.com/"
        );
        // The region map wins for every network, as in the Alibaba SDKs.
        assert_eq!(vpc(Some("cn-beijing")), "https://swas.aliyuncs.com/");
        assert_eq!(
            vpc(None),
            "error: `swas-open` has a regional endpoint: set a region in the client's Config \
             (or an explicit endpoint)"
        );
        assert_eq!(
            host(resolve(
                &REGIONAL,
                Some("cn-hangzhou"),
                &Network::new("dualstack"),
                true,
                None
            )),
            "https://swas-dualstack.cn-hangzhou.aliyuncs.com/"
        );
        // `public` and the empty name are the public network.
        for public in ["public", ""] {
            assert_eq!(
                host(resolve(
                    &REGIONAL,
                    Some("cn-hangzhou"),
                    &Network::from(public),
                    false,
                    None
                )),
                "https://swas.cn-hangzhou.aliyuncs.com/"
            );
        }
        static CENTRAL_LABEL: ServiceSpec = ServiceSpec {
            endpoint_rule: EndpointRule::Central,
            host: "swas-open.aliyuncs.com",
            region_map: &[],
            ..REGIONAL
        };
        assert_eq!(
            host(resolve(&CENTRAL_LABEL, None, &Network::SHARE, false, None)),
            "https://swas-open-share.aliyuncs.com/"
        );
        static SINGLE_LABEL: ServiceSpec = ServiceSpec {
            host: "localhost",
            ..CENTRAL_LABEL
        };
        assert_eq!(
            host(resolve(&SINGLE_LABEL, None, &Network::INNER, false, None)),
            "https://localhost-inner/"
        );
    }

    #[test]
    fn public_only_services_refuse_other_networks() {
        assert_eq!(
            resolve(&CENTRAL, Some("ap-guangzhou"), &Network::VPC, true, None),
            Err(EndpointError::NetworkUnsupported {
                product: "cvm",
                network: "vpc".into()
            })
        );
        // An explicit endpoint is used whatever the network.
        assert_eq!(
            host(resolve(
                &CENTRAL,
                None,
                &Network::VPC,
                false,
                Some("cvm.internal.example")
            )),
            "https://cvm.internal.example/"
        );
        for bad in ["VPC", "-vpc", "vpc-", "a.b", "vpc/x"] {
            assert_eq!(
                resolve(
                    &REGIONAL,
                    Some("cn-hangzhou"),
                    &Network::new(bad),
                    false,
                    None
                ),
                Err(EndpointError::InvalidNetwork(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn explicit_endpoint_wins() {
        let e = resolve(
            &REGIONAL,
            None,
            &Network::PUBLIC,
            false,
            Some("http://127.0.0.1:18080"),
        )
        .unwrap();
        assert_eq!(e.scheme(), "http");
        assert_eq!(e.authority(), "127.0.0.1:18080");
        assert_eq!(e.url(), "http://127.0.0.1:18080/");
        assert_eq!(e.to_string(), "http://127.0.0.1:18080");
        let e = resolve(
            &CENTRAL,
            None,
            &Network::PUBLIC,
            true,
            Some("swas-open.aliyuncs.com"),
        )
        .unwrap();
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
            resolve(
                &REGIONAL,
                Some("cn-hangzhou.evil.com/x"),
                &Network::PUBLIC,
                false,
                None
            ),
            Err(EndpointError::InvalidRegion(
                "cn-hangzhou.evil.com/x".into()
            ))
        );
        assert!(is_region_id("ap-shanghai-fsi"));
        assert!(!is_region_id("CN"));
        assert!(!is_region_id("-x"));
    }
}

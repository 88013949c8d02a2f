//! Services the unit tests share.

use crate::schema::{EndpointRule, ServiceSpec};

/// Tencent CVM, central host, no region map.
pub(crate) static CVM: ServiceSpec = ServiceSpec {
    protocol: &crate::protocol::TencentApi3,
    product: "cvm",
    version: "2017-03-12",
    signing_name: "cvm",
    endpoint_rule: EndpointRule::Central,
    host: "cvm.tencentcloudapi.com",
    region_map: &[],
    international_host: None,
    network_hosts: crate::schema::NetworkHosts::PublicOnly,
};

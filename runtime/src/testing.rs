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
};

/// The output of a future that needs no waiting (credentials from memory, the environment or a
/// file); panics if it would wait.
pub(crate) fn now<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the future is not ready"),
    }
}

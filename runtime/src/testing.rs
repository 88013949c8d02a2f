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

/// A transport that answers with `handler(request, index)` and records every request.
#[derive(Clone)]
pub(crate) struct Stand {
    #[allow(clippy::type_complexity)]
    handler: std::sync::Arc<
        dyn Fn(
                &crate::transport::HttpRequest,
                usize,
            )
                -> Result<crate::transport::HttpResponse, crate::transport::TransportError>
            + Send
            + Sync,
    >,
    seen: std::sync::Arc<std::sync::Mutex<Vec<crate::transport::HttpRequest>>>,
}

impl Stand {
    pub(crate) fn new(
        handler: impl Fn(
            &crate::transport::HttpRequest,
            usize,
        )
            -> Result<crate::transport::HttpResponse, crate::transport::TransportError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        Stand {
            handler: std::sync::Arc::new(handler),
            seen: Default::default(),
        }
    }

    /// The requests seen so far.
    pub(crate) fn seen(&self) -> Vec<crate::transport::HttpRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl crate::transport::Transport for Stand {
    fn send(
        &self,
        request: crate::transport::HttpRequest,
    ) -> crate::transport::BoxFuture<
        '_,
        Result<crate::transport::HttpResponse, crate::transport::TransportError>,
    > {
        let index = {
            let mut seen = self.seen.lock().unwrap();
            seen.push(request.clone());
            seen.len() - 1
        };
        let answer = (self.handler)(&request, index);
        Box::pin(async move { answer })
    }
}

/// A response with `status` and `body`.
pub(crate) fn reply(
    status: u16,
    body: &str,
) -> Result<crate::transport::HttpResponse, crate::transport::TransportError> {
    Ok(crate::transport::HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
    })
}

/// A clock the test moves by hand (clones share the time).
#[derive(Debug, Clone, Default)]
pub(crate) struct TestClock(pub(crate) std::sync::Arc<std::sync::atomic::AtomicI64>);

impl TestClock {
    pub(crate) fn at(seconds: i64) -> Self {
        TestClock(std::sync::Arc::new(std::sync::atomic::AtomicI64::new(
            seconds,
        )))
    }

    pub(crate) fn set(&self, seconds: i64) {
        self.0.store(seconds, std::sync::atomic::Ordering::SeqCst);
    }
}

impl crate::clock::Clock for TestClock {
    fn now_unix(&self) -> i64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

//! No secret in errors, `Debug` output or `tracing` spans and events, and the span fields
//! the client records. Its own test binary: the `tracing` subscriber it installs must not race
//! with other tests' callsite registration.

mod wire_support;

use std::time::Duration;

use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::clock::{FixedClock, FixedNonce};
use cloudspec_clients::runtime::{Credentials, RetryPolicy, SignatureVersion};
use wire_support::{AK_ID, AK_SECRET, NONCE, Reply, STS_TOKEN, Scheme, Server, TIMESTAMP};

mod capture {
    //! A minimal `tracing` subscriber that keeps every span and event field as text.
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Capture {
        pub lines: Arc<Mutex<Vec<String>>>,
        next: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut String);
    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.push_str(&format!(" {}={:?}", field.name(), value));
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.push_str(&format!(" {}={}", field.name(), value));
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut line = format!("span {}", span.metadata().name());
            span.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
            Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut line = String::from("record");
            values.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut line = String::from("event");
            event.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn secrets_never_reach_errors_debug_or_traces() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = Server::start(Scheme::Rpc, |_, i| match i {
        0 => Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"rid-1"}"#),
        _ => Reply::with_content_type(502, "text/html", "<html>bad gateway</html>"),
    })
    .await;
    let sts = Credentials::new(AK_ID, AK_SECRET).with_security_token(STS_TOKEN);
    let config = Config::new()
        .endpoint(server.endpoint())
        .clock(FixedClock(TIMESTAMP))
        .nonce(FixedNonce(NONCE.into()))
        .credentials(sts.clone())
        .signature_version(SignatureVersion::RpcHmacSha1)
        .retry(RetryPolicy::new(2, Duration::from_millis(1)));
    let client = swas::SwasOpenClient::new(config.clone());
    let request = swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name("customImage-test")
        .build()
        .unwrap();
    let e = client.call(request.clone()).await.unwrap_err();
    let request = client.runtime().build_request(&request).await.unwrap();
    let texts = [
        format!("{e}"),
        format!("{e:?}"),
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{sts:?}"),
        format!("{request:?}"),
        capture.lines.lock().unwrap().join("\n"),
    ];
    for text in &texts {
        assert!(!text.contains(AK_SECRET), "secret leaked: {text}");
        assert!(!text.contains(STS_TOKEN), "token leaked: {text}");
    }
    let traces = capture.lines.lock().unwrap().join("\n");
    assert!(traces.contains("span cloudspec.call"), "{traces}");
    assert!(traces.contains("operation=CreateCustomImage"), "{traces}");
    assert!(traces.contains("attempt=2"), "{traces}");
    assert!(traces.contains("status=502"), "{traces}");
    assert!(traces.contains("request_id=rid-1"), "{traces}");
}

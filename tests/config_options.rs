//! Client configuration a service author needs beyond the defaults, checked on what is sent
//! (through the runtime's `MockTransport`): the user agent replaced, `http` for the service's own
//! hosts, Tencent's trace id pinned, and the automatic `ClientToken` turned off.

use cloudspec_clients::alibaba::swas_open::v2020_06_01::{
    CreateCustomImageRequest, SwasOpenClient,
};
use cloudspec_clients::runtime::client::{Config, Error, Scheme};
use cloudspec_clients::runtime::clock::NonceSource;
use cloudspec_clients::runtime::test_util::{Captured, Match, MockTransport, Reply, config};
use cloudspec_clients::runtime::transport::TransportErrorKind;
use cloudspec_clients::tencent::cvm::v2017_03_12::{CvmClient, DescribeImagesRequest};

const SWAS_OK: &str = r#"{"RequestId": "r-1", "ImageId": "m-1"}"#;
const CVM_OK: &str = r#"{"Response": {"TotalCount": 0, "ImageSet": [], "RequestId": "r-1"}}"#;

fn swas_request() -> CreateCustomImageRequest {
    CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name("customImage-test")
        .build()
        .unwrap()
}

async fn one_swas_call(config: Config, mock: &MockTransport) -> Captured {
    SwasOpenClient::new(config)
        .call(swas_request())
        .await
        .unwrap();
    mock.requests().pop().unwrap()
}

async fn one_cvm_call(config: Config, mock: &MockTransport) -> Captured {
    CvmClient::new(config)
        .call(DescribeImagesRequest::builder().build().unwrap())
        .await
        .unwrap();
    mock.requests().pop().unwrap()
}

#[tokio::test]
async fn the_user_agent_can_be_replaced_or_extended() {
    let mock = MockTransport::new().on(Match::any(), Reply::json(200, SWAS_OK));
    let sent = one_swas_call(
        config(mock.clone()).replace_user_agent("acme-deployer/2.1"),
        &mock,
    )
    .await;
    assert_eq!(sent.request.header("user-agent"), Some("acme-deployer/2.1"));
    // Alibaba signs the header: the signed-header list names it.
    assert!(
        sent.request
            .header("authorization")
            .unwrap()
            .contains("user-agent")
    );
    let sent = one_swas_call(config(mock.clone()).user_agent("acme/1"), &mock).await;
    let ua = sent.request.header("user-agent").unwrap();
    assert!(
        ua.starts_with("cloudspec-runtime/") && ua.ends_with(" acme/1"),
        "{ua}"
    );

    let mock = MockTransport::new().on(Match::any(), Reply::json(200, CVM_OK));
    let sent = one_cvm_call(
        config(mock.clone()).replace_user_agent("acme-deployer/2.1"),
        &mock,
    )
    .await;
    assert_eq!(sent.request.header("User-Agent"), Some("acme-deployer/2.1"));
}

#[tokio::test]
async fn http_for_the_services_own_hosts() {
    let mock = MockTransport::new().on(Match::any(), Reply::json(200, SWAS_OK));
    let sent = one_swas_call(config(mock.clone()).scheme(Scheme::Http), &mock).await;
    assert!(
        sent.request
            .url
            .starts_with("http://swas-open.aliyuncs.com/?"),
        "{}",
        sent.request.url
    );
    // An explicit endpoint keeps its own scheme.
    let sent = one_swas_call(
        config(mock.clone())
            .scheme(Scheme::Http)
            .endpoint("https://proxy.example"),
        &mock,
    )
    .await;
    assert!(
        sent.request.url.starts_with("https://proxy.example/?"),
        "{}",
        sent.request.url
    );
    let sent = one_swas_call(config(mock.clone()), &mock).await;
    assert!(
        sent.request.url.starts_with("https://"),
        "{}",
        sent.request.url
    );
}

#[derive(Debug)]
struct Pinned(&'static str);

impl NonceSource for Pinned {
    fn nonce(&self) -> String {
        self.0.to_string()
    }
}

#[tokio::test]
async fn tencent_trace_id_can_be_pinned() {
    let mock = MockTransport::new().on(Match::any(), Reply::json(200, CVM_OK));
    let sent = one_cvm_call(config(mock.clone()).trace_id(Pinned("trace-42")), &mock).await;
    assert_eq!(sent.request.header("X-TC-TraceId"), Some("trace-42"));
    // By default, a fresh UUID per attempt.
    let a = one_cvm_call(config(mock.clone()), &mock).await;
    let b = one_cvm_call(config(mock.clone()), &mock).await;
    let (a, b) = (
        a.request.header("X-TC-TraceId").unwrap().to_string(),
        b.request.header("X-TC-TraceId").unwrap().to_string(),
    );
    assert_eq!(a.len(), 36);
    assert_ne!(a, b);
}

#[tokio::test]
async fn the_automatic_client_token_can_be_turned_off() {
    // On (the default): a token is filled, and a timed-out attempt is retried with it.
    let mock = MockTransport::new()
        .reply(Reply::failure(
            TransportErrorKind::Timeout,
            "read timed out",
        ))
        .reply(Reply::json(200, SWAS_OK));
    let sent = one_swas_call(config(mock.clone()), &mock).await;
    let tokens: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.param("ClientToken").unwrap().to_string())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0], tokens[1]);
    assert_eq!(sent.param("ClientToken").map(str::len), Some(36));

    // Off: none is sent, and a timeout is not retried (a retry could create a second image).
    let mock = MockTransport::new()
        .reply(Reply::failure(
            TransportErrorKind::Timeout,
            "read timed out",
        ))
        .reply(Reply::json(200, SWAS_OK));
    let result = SwasOpenClient::new(config(mock.clone()).fill_idempotency_token(false))
        .call(swas_request())
        .await;
    assert!(
        matches!(result, Err(Error::Transport { attempts: 1, .. })),
        "{result:?}"
    );
    assert_eq!(mock.requests().len(), 1);
    assert_eq!(mock.requests()[0].param("ClientToken"), None);

    // Off, with a token the caller chose: sent as is, and retried.
    let mock = MockTransport::new()
        .reply(Reply::failure(
            TransportErrorKind::Timeout,
            "read timed out",
        ))
        .reply(Reply::json(200, SWAS_OK));
    let request = CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name("customImage-test")
        .client_token("mine-1")
        .build()
        .unwrap();
    SwasOpenClient::new(config(mock.clone()).fill_idempotency_token(false))
        .call(request)
        .await
        .unwrap();
    assert_eq!(mock.count(&Match::any().param("ClientToken", "mine-1")), 2);
}

#[tokio::test]
async fn errors_carry_code_message_status_and_request_id() {
    let mock = MockTransport::new().reply(
        Reply::json(
            400,
            r#"{"RequestId": "r-9", "Code": "ImageNameAlreadyExist", "Message": "The image name already exists."}"#,
        )
        .header("x-acs-request-id", "r-9"),
    );
    let error = SwasOpenClient::new(config(mock))
        .call(swas_request())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("ImageNameAlreadyExist"));
    assert_eq!(error.message(), Some("The image name already exists."));
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("r-9"));
    // Failures without a service answer have none of them.
    let mock = MockTransport::new().reply(Reply::failure(TransportErrorKind::Other, "boom"));
    let error = SwasOpenClient::new(config(mock))
        .call(swas_request())
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.message(), error.http_status()),
        (None, None, None)
    );
}

#[tokio::test]
async fn successes_carry_the_status_request_id_and_headers() {
    // Alibaba: the request id from `x-acs-request-id`, where the protocol puts it.
    let mock = MockTransport::new().on(
        Match::any(),
        Reply::json(200, SWAS_OK)
            .header("x-acs-request-id", "hdr-7")
            .header("x-acs-trace", "t-1"),
    );
    let client = SwasOpenClient::new(config(mock.clone()));
    let output = client
        .runtime()
        .call_with_metadata(swas_request())
        .await
        .unwrap();
    assert_eq!(output.image_id.as_deref(), Some("m-1")); // dereferences to the response
    assert_eq!(output.request_id(), Some("hdr-7"));
    assert_eq!(output.metadata().status(), 200);
    assert_eq!(output.metadata().header("X-ACS-Trace"), Some("t-1"));
    // Without the header, the body's.
    let mock = MockTransport::new().on(Match::any(), Reply::json(200, SWAS_OK));
    let client = SwasOpenClient::new(config(mock.clone()));
    let (response, metadata) = client
        .runtime()
        .call_with_metadata(swas_request())
        .await
        .unwrap()
        .into_parts();
    assert_eq!(metadata.request_id(), Some("r-1"));
    assert_eq!(response.request_id.as_deref(), Some("r-1"));
    // Tencent: `Response.RequestId`.
    let mock = MockTransport::new().on(Match::any(), Reply::json(200, CVM_OK));
    let output = CvmClient::new(config(mock.clone()))
        .runtime()
        .call_with_metadata(DescribeImagesRequest::builder().build().unwrap())
        .await
        .unwrap();
    assert_eq!(output.request_id(), Some("r-1"));
    assert_eq!(output.total_count, Some(0));
    assert!(
        output
            .metadata()
            .headers()
            .iter()
            .any(|(n, _)| n == "content-type")
    );
}

#[tokio::test]
async fn fluent_calls_set_validate_and_send() {
    let mock = MockTransport::new().on(
        Match::any(),
        Reply::json(200, SWAS_OK).header("x-acs-request-id", "hdr-1"),
    );
    let client = SwasOpenClient::new(config(mock.clone()));
    let call = client
        .create_custom_image()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****");
    assert_eq!(
        call.as_input().instance_id.as_deref(),
        Some("ace0706b2ac4454d984295a94213****")
    );
    // ImageName is required: nothing is sent.
    match call.clone().send().await.unwrap_err() {
        Error::Validation(v) => assert!(v.has("ImageName", "required"), "{v}"),
        other => panic!("expected a validation error, got {other}"),
    }
    assert!(mock.requests().is_empty());
    let response = call
        .clone()
        .image_name("customImage-test")
        .send()
        .await
        .unwrap();
    assert_eq!(response.image_id.as_deref(), Some("m-1"));
    let output = call
        .image_name("customImage-test")
        .send_with_metadata()
        .await
        .unwrap();
    assert_eq!(output.request_id(), Some("hdr-1"));
    let sent = mock.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].param("ImageName"), Some("customImage-test"));
    // The same request built beforehand goes through `call`.
    client.call(swas_request()).await.unwrap();
    assert_eq!(mock.requests().len(), 3);
}

//! End-to-end: the generated clients against a loopback server that verifies every request's
//! signature (independently of the runtime), checks each operation's wire layout, and answers
//! with the documented success and error examples of the specs.

mod wire_support;

use cloudspec_tests::requests::{cvm_request, ens_request, swas_request, wuying_request};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cloudspec::model::{Model, Provider as ModelProvider};
use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::{Client, Config, Error};
use cloudspec_clients::runtime::clock::{FixedClock, FixedNonce, RandomNonce};
use cloudspec_clients::runtime::retry::Sleeper;
use cloudspec_clients::runtime::transport::{BoxFuture, TransportErrorKind};
use cloudspec_clients::runtime::{
    Credentials, ErrorKind, Operation, RetryPolicy, ServiceSpec, SignatureVersion,
};
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use wire_support::{
    AK_ID, AK_SECRET, Captured, NONCE, Reply, STS_TOKEN, Scheme, Server, TIMESTAMP,
};

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Records the waits between attempts instead of sleeping.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Duration>>>);

impl Sleeper for Recorder {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

impl Recorder {
    fn delays(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

fn config(server: &Server) -> Config {
    Config::new()
        .endpoint(server.endpoint())
        .credentials(Credentials::new(AK_ID, AK_SECRET))
        .clock(FixedClock(TIMESTAMP))
        .nonce(FixedNonce(NONCE.into()))
        .retry(RetryPolicy::new(3, Duration::from_millis(1)))
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let report = cloudspec::lint::run(&[specs]);
        assert!(!report.has_errors(), "{}", report.render_text());
        report.model
    })
}

fn operation(
    product: &str,
    name: &str,
) -> (
    &'static cloudspec::model::Service,
    &'static cloudspec::model::Operation,
) {
    model()
        .operations()
        .find(|(s, o)| s.product == product && o.name == name)
        .unwrap_or_else(|| panic!("{product} {name} in specs/"))
}

/// The first documented success example of an operation.
fn success_example(product: &str, name: &str) -> (u16, String) {
    let (_, op) = operation(product, name);
    let ex = op
        .examples
        .iter()
        .find(|e| e.kind == cloudspec::model::ExampleKind::Success)
        .expect("a success example");
    (ex.status.unwrap_or(200), ex.body.clone())
}

fn header_names(c: &Captured) -> Vec<String> {
    c.headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect()
}

fn is_uuid_v4(s: &str) -> bool {
    s.len() == 36
        && s.chars().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit() && !c.is_ascii_uppercase()
            }
        })
        && s.as_bytes()[14] == b'4'
}

// ---------------------------------------------------------------------------------------------
// Round trips: wire layout, signature, documented success example.

#[tokio::test]
async fn swas_create_custom_image_round_trip() {
    let (status, body) = success_example("swas-open", "CreateCustomImage");
    let server = Server::start(Scheme::Acs3, move |_, _| Reply::json(status, &body)).await;
    let client = swas::SwasOpenClient::new(config(&server));
    let response = client.call(swas_request()).await.expect("success");
    assert_eq!(response.image_id.as_deref(), Some("m-csaascsaccscs****"));
    assert_eq!(
        response.request_id.as_deref(),
        Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****")
    );

    server.assert_all_verified();
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    // Every parameter in the query, alphabetically by top-level name, `+` for spaces,
    // 1-based flattening, null members skipped; ClientToken filled with a UUID v4.
    let token = r.query_value("ClientToken").expect("ClientToken filled");
    assert!(is_uuid_v4(&token), "{token}");
    assert_eq!(
        r.raw_query,
        format!(
            "ClientToken={token}&Description=my+image+%2Atest~&ImageName=customImage-test\
             &InstanceId=ace0706b2ac4454d984295a94213%2A%2A%2A%2A&RegionId=cn-hangzhou\
             &Tag.1.Key=team&Tag.1.Value=infra+ops&Tag.2.Key=env"
        )
    );
    assert!(r.body.is_empty());
    assert!(
        r.header("content-type").is_none(),
        "no form body, no content type"
    );
    assert_eq!(r.header("x-acs-action"), Some("CreateCustomImage"));
    assert_eq!(r.header("x-acs-version"), Some("2020-06-01"));
    assert_eq!(r.header("x-acs-date"), Some("2023-10-26T10:22:32Z"));
    assert_eq!(r.header("x-acs-signature-nonce"), Some(NONCE));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(r.header("x-acs-credentials-provider"), Some("static_ak"));
    assert_eq!(
        r.header("x-acs-content-sha256"),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert!(
        r.header("user-agent")
            .unwrap()
            .starts_with("cloudspec-runtime/")
    );
    assert!(r.header("x-acs-security-token").is_none());
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.starts_with(&format!(
            "ACS3-HMAC-SHA256 Credential={AK_ID},SignedHeaders=accept;host;user-agent;x-acs-action;\
             x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;\
             x-acs-version,Signature="
        )),
        "{auth}"
    );
    // Header order as the SDK sends them (transport headers aside).
    let names: Vec<String> = header_names(r)
        .into_iter()
        .filter(|n| {
            n.starts_with("x-acs-")
                || ["host", "user-agent", "accept", "authorization"].contains(&n.as_str())
        })
        .collect();
    assert_eq!(
        names,
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
            "authorization"
        ]
    );
}

#[tokio::test]
async fn ens_create_image_round_trip() {
    let (status, body) = success_example("ens", "CreateImage");
    let server = Server::start(Scheme::Acs3, move |_, _| Reply::json(status, &body)).await;
    let client = ens::EnsClient::new(config(&server));
    let response = client.call(ens_request()).await.expect("success");
    assert_eq!(response.image_id.as_deref(), Some("m-5xxgg"));
    assert_eq!(response.code, Some(0));
    server.assert_all_verified();
    let r = &server.requests()[0];
    // All in the query; booleans lower-case; the string enum verbatim.
    assert_eq!(
        r.raw_query,
        "DeleteAfterImageUpload=false&ImageName=web-2026\
         &InstanceId=i-5rr1bnyrc4tswr8cq3w6y%2A%2A%2A%2A&WithDataDisks=true"
    );
    assert!(r.body.is_empty());
    assert!(r.header("content-type").is_none());
    assert_eq!(r.header("x-acs-action"), Some("CreateImage"));
    assert_eq!(r.header("x-acs-version"), Some("2017-11-10"));
}

#[tokio::test]
async fn wuying_create_image_by_instance_round_trip() {
    let (_, op) = operation("appstream-center", "CreateImageByInstance");
    let successes: Vec<(u16, String)> = op
        .examples
        .iter()
        .filter(|e| e.kind == cloudspec::model::ExampleKind::Success)
        .map(|e| (e.status.unwrap_or(200), e.body.clone()))
        .collect();
    assert!(successes.len() >= 2, "Code as a string and as a number");
    let answers = successes.clone();
    let server = Server::start(Scheme::Acs3, move |_, i| {
        let (status, body) = &answers[i % answers.len()];
        Reply::json(*status, body)
    })
    .await;
    let client = wuying::AppstreamCenterClient::new(config(&server));
    for _ in &successes {
        let response = client.call(wuying_request()).await.expect("success");
        assert_eq!(response.code.as_deref(), Some("200"));
        assert_eq!(response.success, Some(true));
        assert_eq!(
            response.data.and_then(|d| d.image_id).as_deref(),
            Some("imgc-07hnjj5fp****")
        );
    }
    server.assert_all_verified();
    let r = &server.requests()[0];
    // TagList in the query, everything else in the sorted form body.
    assert_eq!(r.raw_query, "TagList.1.Key=team&TagList.1.Value=a+b");
    assert_eq!(
        r.body_text(),
        "AutoCleanUserdata=true&BizType=1&DiskType=SYSTEM&ImageName=test+image\
         &InstanceId=ws-0buj1s9gm%2A%2A%2A%2A%2A%2A&InstanceType=WuyingServer"
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(
        r.header("authorization")
            .unwrap()
            .contains("content-type;host;")
    );
    assert_eq!(r.header("x-acs-action"), Some("CreateImageByInstance"));
    assert_eq!(r.header("x-acs-version"), Some("2021-09-01"));
}

#[tokio::test]
async fn cvm_create_image_round_trip() {
    let (status, body) = success_example("cvm", "CreateImage");
    let server = Server::start(Scheme::Tc3, move |_, _| {
        Reply::with_content_type(status, "application/json", &body)
    })
    .await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let response = client.call(cvm_request()).await.expect("success");
    assert_eq!(response.image_id.as_deref(), Some("img-0yc6rie8"));
    assert_eq!(
        response.request_id.as_deref(),
        Some("71e69b56-32be-4412-ab45-49eded6a87be")
    );
    server.assert_all_verified();
    let r = &server.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str(), r.raw_query.as_str()),
        ("POST", "/", "")
    );
    // The Python SDK's json.dumps: spec order, ", " and ": ", \uXXXX escapes, nulls omitted.
    assert_eq!(
        r.body_text(),
        r#"{"ImageName": "myImage \u955c\u50cf", "InstanceId": "ins-6pb6lrmy", "DataDiskIds": ["disk-1"], "DryRun": false, "TagSpecification": [{"ResourceType": "image", "Tags": [{"Key": "team", "Value": "infra"}]}]}"#
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-tc-action"), Some("CreateImage"));
    assert_eq!(r.header("x-tc-version"), Some("2017-03-12"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(r.header("x-tc-timestamp"), Some("1698315752"));
    assert_eq!(r.header("x-tc-language"), Some("zh-CN"));
    assert!(
        r.header("x-tc-requestclient")
            .unwrap()
            .starts_with("CLOUDSPEC_RUST_")
    );
    assert!(is_uuid_v4(r.header("x-tc-traceid").unwrap()));
    assert!(r.header("x-tc-token").is_none());
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.starts_with(&format!(
            "TC3-HMAC-SHA256 Credential={AK_ID}/2023-10-26/cvm/tc3_request, SignedHeaders=content-type;host, Signature="
        )),
        "{auth}"
    );
}

// ---------------------------------------------------------------------------------------------
// Every documented error code of every operation decodes into its own variant.

/// Sends one request per documented code (operation errors and the service's common errors)
/// and checks each decodes to a distinct, documented variant with status and request id.
async fn every_documented_error<O>(
    service: &'static ServiceSpec,
    product: &str,
    name: &str,
    request: O,
) where
    O: Operation + Clone + Send + 'static,
    O::Response: std::fmt::Debug,
{
    let (svc, op) = operation(product, name);
    let mut entries: Vec<&cloudspec::model::ErrorEntry> = op.errors.iter().collect();
    for common in &svc.common_errors {
        if !entries.iter().any(|e| e.code == common.code) {
            entries.push(common);
        }
    }
    assert!(!entries.is_empty());
    let codes: Vec<(String, u16)> = entries
        .iter()
        .map(|e| {
            let code = e.code.replace("%s", "ImageName");
            let status = match svc.provider {
                ModelProvider::Tencent => 200,
                ModelProvider::Alibaba => e.status.unwrap_or(400),
            };
            (code, status)
        })
        .collect();
    let tencent = svc.provider == ModelProvider::Tencent;
    let answers = codes.clone();
    let server = Server::start(if tencent { Scheme::Tc3 } else { Scheme::Acs3 }, move |_, i| {
        let (code, status) = &answers[i];
        let body = if tencent {
            format!(
                r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"documented"}},"RequestId":"req-{i}"}}}}"#
            )
        } else {
            format!(
                r#"{{"RequestId":"req-{i}","HostId":"h","Code":"{code}","Message":"documented","Recommend":"r"}}"#
            )
        };
        Reply::json(*status, &body)
    })
    .await;
    // A region the operation is documented for: the client refuses any other.
    let region = op
        .regions
        .first()
        .or(svc.endpoints.regions.first())
        .map_or("ap-guangzhou", String::as_str);
    let client = Client::new(
        service,
        config(&server).region(region).retry(RetryPolicy::none()),
    );
    let mut variants = BTreeSet::new();
    for (i, (code, status)) in codes.iter().enumerate() {
        let error = client
            .call(request.clone())
            .await
            .expect_err("an error response");
        let e = match &error {
            Error::Service(e) => e,
            other => panic!("{name} {code}: expected a service error, got {other}"),
        };
        assert_eq!(e.code(), code);
        assert_eq!(e.http_status(), *status, "{code}");
        assert_eq!(e.request_id(), Some(format!("req-{i}").as_str()), "{code}");
        assert_eq!(e.message(), "documented");
        let variant = format!("{:?}", e.kind);
        assert_ne!(variant, "Unknown", "{name}: {code} has its own variant");
        assert_eq!(e.kind, <O::ErrorKind as ErrorKind>::from_code(code));
        assert!(
            variants.insert(variant.clone()),
            "{code} shares the variant {variant}"
        );
        assert!(error.to_string().contains(code), "{error}");
    }
    assert_eq!(
        server.requests().len(),
        codes.len(),
        "no retries with RetryPolicy::none"
    );
    server.assert_all_verified();

    // And every documented error example body, verbatim.
    let examples: Vec<(u16, String)> = op
        .examples
        .iter()
        .filter(|e| e.kind == cloudspec::model::ExampleKind::Error)
        .map(|e| {
            (
                e.status.unwrap_or(if tencent { 200 } else { 400 }),
                e.body.clone(),
            )
        })
        .collect();
    assert!(!examples.is_empty(), "{name} documents an error example");
    let answers = examples.clone();
    let server = Server::start(
        if tencent { Scheme::Tc3 } else { Scheme::Acs3 },
        move |_, i| Reply::json(answers[i].0, &answers[i].1),
    )
    .await;
    let client = Client::new(
        service,
        config(&server).region(region).retry(RetryPolicy::none()),
    );
    for (status, body) in &examples {
        let error = client
            .call(request.clone())
            .await
            .expect_err("error example");
        let e = error
            .service_error()
            .unwrap_or_else(|| panic!("{body}: {error}"));
        assert_eq!(e.http_status(), *status);
        assert_ne!(format!("{:?}", e.kind), "Unknown", "{body}");
        assert!(e.request_id().is_some());
    }
}

#[tokio::test]
async fn swas_documented_errors() {
    every_documented_error(
        &swas::SERVICE,
        "swas-open",
        "CreateCustomImage",
        swas_request(),
    )
    .await;
}

#[tokio::test]
async fn ens_documented_errors() {
    every_documented_error(&ens::SERVICE, "ens", "CreateImage", ens_request()).await;
}

#[tokio::test]
async fn wuying_documented_errors() {
    every_documented_error(
        &wuying::SERVICE,
        "appstream-center",
        "CreateImageByInstance",
        wuying_request(),
    )
    .await;
}

#[tokio::test]
async fn cvm_documented_errors() {
    every_documented_error(&cvm::SERVICE, "cvm", "CreateImage", cvm_request()).await;
}

#[tokio::test]
async fn error_body_variants() {
    // Tencent: 200 + Response.Error, whatever the content type's charset (the Python SDK misses
    // it with `; charset=utf-8`).
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::with_content_type(
            200,
            "application/json; charset=utf-8",
            r#"{"Response":{"Error":{"Code":"InvalidImageName.Duplicate","Message":"m"},"RequestId":"r1"}}"#,
        )
    })
    .await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let e = client.call(cvm_request()).await.unwrap_err();
    assert_eq!(
        e.kind(),
        Some(&cvm::CreateImageErrorKind::InvalidImageNameDuplicate)
    );
    assert_eq!((e.http_status(), e.request_id()), (Some(200), Some("r1")));

    // Alibaba XML error document.
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::with_content_type(
            403,
            "text/xml;charset=utf-8",
            "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>r2</RequestId><HostId>h</HostId>\
             <Code>Forbidden.RAM</Code><Message>not allowed</Message></Error>",
        )
    })
    .await;
    let client = swas::SwasOpenClient::new(config(&server));
    let e = client.call(swas_request()).await.unwrap_err();
    assert_eq!(
        e.kind(),
        Some(&swas::CreateCustomImageErrorKind::Common(
            swas::CommonErrorKind::ForbiddenRam
        ))
    );
    assert_eq!((e.http_status(), e.request_id()), (Some(403), Some("r2")));

    // WUYING: HTTP 200 with "Success": false.
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(
            200,
            r#"{"Success":false,"Code":"InvalidParameter","Message":"m","RequestId":"r3"}"#,
        )
    })
    .await;
    let client = wuying::AppstreamCenterClient::new(config(&server));
    let e = client.call(wuying_request()).await.unwrap_err();
    assert_eq!(
        e.service_error().map(|e| e.code()),
        Some("InvalidParameter")
    );
    assert_eq!((e.http_status(), e.request_id()), (Some(200), Some("r3")));
    assert_eq!(server.requests().len(), 1, "client errors are not retried");

    // Request id from the header when the body has none.
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(
            404,
            r#"{"Code":"InvalidAccessKeyId.NotFound","Message":"m"}"#,
        )
        .header("x-acs-request-id", "hdr-4")
    })
    .await;
    let client = ens::EnsClient::new(config(&server));
    let e = client.call(ens_request()).await.unwrap_err();
    assert_eq!(
        (e.http_status(), e.request_id()),
        (Some(404), Some("hdr-4"))
    );
}

// ---------------------------------------------------------------------------------------------
// Retries, throttling, timeouts, malformed bodies.

#[tokio::test]
async fn retries_503_then_succeeds_with_the_same_client_token() {
    let (_, body) = success_example("swas-open", "CreateCustomImage");
    let server = Server::start(Scheme::Acs3, move |_, i| {
        if i == 0 {
            Reply::json(
                503,
                r#"{"Code":"ServiceUnavailable","Message":"busy","RequestId":"r"}"#,
            )
        } else {
            Reply::json(200, &body)
        }
    })
    .await;
    let sleeper = Recorder::default();
    let client = swas::SwasOpenClient::new(
        config(&server)
            .nonce(RandomNonce)
            .sleeper(sleeper.clone())
            .retry(RetryPolicy::new(3, Duration::from_millis(50))),
    );
    client
        .call(swas_request())
        .await
        .expect("second attempt succeeds");
    server.assert_all_verified();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].query_value("ClientToken"),
        requests[1].query_value("ClientToken"),
        "a retried create carries the same token"
    );
    assert_ne!(
        requests[0].header("x-acs-signature-nonce"),
        requests[1].header("x-acs-signature-nonce"),
        "each attempt is signed afresh"
    );
    let delays = sleeper.delays();
    assert_eq!(delays.len(), 1);
    assert!(
        delays[0] <= Duration::from_millis(50),
        "full jitter below the cap: {delays:?}"
    );
}

#[tokio::test]
async fn throttling_honours_x_acs_retry_after() {
    let server = Server::start(Scheme::Acs3, |_, i| match i {
        0 => Reply::json(
            400,
            r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"t"}"#,
        )
        .header("x-acs-retry-after", "1500"),
        _ => Reply::json(200, r#"{"RequestId":"ok","Code":0,"ImageId":"m-1"}"#),
    })
    .await;
    let sleeper = Recorder::default();
    let client = ens::EnsClient::new(config(&server).sleeper(sleeper.clone()));
    let response = client.call(ens_request()).await.expect("retried");
    assert_eq!(response.image_id.as_deref(), Some("m-1"));
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        sleeper.delays(),
        vec![Duration::from_millis(1500)],
        "x-acs-retry-after is in ms"
    );
    server.assert_all_verified();
}

#[tokio::test]
async fn tencent_throttling_at_http_200_is_retried_then_given_up() {
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(
            200,
            r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"t"}}"#,
        )
    })
    .await;
    let sleeper = Recorder::default();
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(sleeper.clone()),
    );
    let e = client.call(cvm_request()).await.unwrap_err();
    assert_eq!(
        e.kind(),
        Some(&cvm::CreateImageErrorKind::Common(
            cvm::CommonErrorKind::RequestLimitExceeded
        ))
    );
    assert_eq!(server.requests().len(), 3, "bounded attempts");
    assert_eq!(sleeper.delays().len(), 2);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(
            400,
            r#"{"Code":"ImageNameAlreadyExist","Message":"m","RequestId":"x"}"#,
        )
    })
    .await;
    let client = swas::SwasOpenClient::new(config(&server));
    let e = client.call(swas_request()).await.unwrap_err();
    assert_eq!(
        e.kind(),
        Some(&swas::CreateCustomImageErrorKind::ImageNameAlreadyExist)
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn read_timeout_is_not_retried_without_an_idempotency_token() {
    let server = Server::start(Scheme::Tc3, |_, _| Reply::Hang).await;
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .read_timeout(Duration::from_millis(300)),
    );
    let started = std::time::Instant::now();
    let e = client.call(cvm_request()).await.unwrap_err();
    match &e {
        Error::Transport { error, attempts } => {
            assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
            assert_eq!(*attempts, 1);
        }
        other => panic!("expected a timeout, got {other}"),
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        server.requests().len(),
        1,
        "a create without a token is not repeated"
    );
    assert!(!format!("{e} {e:?}").contains(AK_SECRET));
}

#[tokio::test]
async fn read_timeout_is_retried_with_client_token() {
    let (_, body) = success_example("swas-open", "CreateCustomImage");
    let server = Server::start(Scheme::Acs3, move |_, i| {
        if i < 2 {
            Reply::Hang
        } else {
            Reply::json(200, &body)
        }
    })
    .await;
    // The timeout cuts the two hanging attempts; it must also leave the answering attempt
    // (signed, verified and decoded by debug builds on a busy machine) ample time.
    let client = swas::SwasOpenClient::new(config(&server).read_timeout(Duration::from_secs(2)));
    client
        .call(swas_request())
        .await
        .expect("third attempt answers");
    let tokens: BTreeSet<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.query_value("ClientToken"))
        .collect();
    assert_eq!(server.requests().len(), 3);
    assert_eq!(tokens.len(), 1, "one token for all attempts: {tokens:?}");
}

#[tokio::test]
async fn connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let sleeper = Recorder::default();
    let client = ens::EnsClient::new(
        Config::new()
            .endpoint(format!("http://127.0.0.1:{port}"))
            .credentials(Credentials::new(AK_ID, AK_SECRET))
            .sleeper(sleeper.clone()),
    );
    let e = client.call(ens_request()).await.unwrap_err();
    match &e {
        Error::Transport { error, attempts } => {
            assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
            assert_eq!(*attempts, 3);
        }
        other => panic!("expected a connection failure, got {other}"),
    }
    assert_eq!(sleeper.delays().len(), 2);
}

#[tokio::test]
async fn html_502_is_malformed_and_keeps_status_and_body() {
    const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::with_content_type(502, "text/html", HTML).header("x-acs-request-id", "gw-1")
    })
    .await;
    // Without retries: one request.
    let client = swas::SwasOpenClient::new(config(&server).retry(RetryPolicy::none()));
    match client.call(swas_request()).await.unwrap_err() {
        Error::Malformed {
            status,
            body,
            request_id,
            reason,
        } => {
            assert_eq!(status, 502);
            assert_eq!(body, HTML);
            assert_eq!(request_id.as_deref(), Some("gw-1"));
            assert!(reason.contains("502"), "{reason}");
        }
        other => panic!("expected a malformed response, got {other}"),
    }
    assert_eq!(server.requests().len(), 1);
    // With the default policy a 502 is retried, then reported the same way.
    let client = swas::SwasOpenClient::new(config(&server));
    let e = client.call(swas_request()).await.unwrap_err();
    assert!(matches!(e, Error::Malformed { status: 502, .. }), "{e}");
    assert_eq!(e.http_status(), Some(502));
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn truncated_json_success_is_malformed_and_not_retried() {
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response": {"ImageId": "img-1", "Req"#)
    })
    .await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let e = client.call(cvm_request()).await.unwrap_err();
    assert!(matches!(e, Error::Malformed { status: 200, .. }), "{e}");
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Signatures: RPC HMAC-SHA1, STS tokens.

#[tokio::test]
async fn rpc_signature_for_query_and_form_operations() {
    let server = Server::start(Scheme::Rpc, |_, _| {
        Reply::json(
            200,
            r#"{"RequestId":"r","ImageId":"m-1","Success":true,"Code":"200"}"#,
        )
    })
    .await;
    let config = config(&server).signature_version(SignatureVersion::RpcHmacSha1);
    swas::SwasOpenClient::new(config.clone())
        .call(swas_request())
        .await
        .expect("swas");
    wuying::AppstreamCenterClient::new(config)
        .call(wuying_request())
        .await
        .expect("wuying");
    server.assert_all_verified();
    let requests = server.requests();
    let keys: Vec<String> = requests[0].query().into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        &keys[..5],
        ["Action", "Format", "Version", "Timestamp", "SignatureNonce"]
    );
    assert_eq!(
        &keys[keys.len() - 4..],
        [
            "SignatureMethod",
            "SignatureVersion",
            "AccessKeyId",
            "Signature"
        ]
    );
    assert_eq!(
        requests[0].query_value("Action").as_deref(),
        Some("CreateCustomImage")
    );
    assert_eq!(requests[0].query_value("Format").as_deref(), Some("json"));
    assert_eq!(
        requests[0].query_value("Timestamp").as_deref(),
        Some("2023-10-26T10:22:32Z")
    );
    assert!(requests[0].header("authorization").is_none());
    // The form body is covered by the signature (the verifier merges it in).
    assert!(requests[1].body_text().contains("ImageName=test+image"));
    assert_eq!(
        requests[1].query_value("TagList.1.Value").as_deref(),
        Some("a b")
    );
}

#[tokio::test]
async fn sts_tokens_travel_as_each_vendor_expects() {
    // ACS3: x-acs-security-token (signed) with x-acs-accesskey-id.
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(200, r#"{"RequestId":"r"}"#)
    })
    .await;
    let sts = Credentials::new(AK_ID, AK_SECRET).with_security_token(STS_TOKEN);
    ens::EnsClient::new(config(&server).credentials(sts.clone()))
        .call(ens_request())
        .await
        .unwrap();
    server.assert_all_verified();
    let r = &server.requests()[0];
    assert_eq!(r.header("x-acs-security-token"), Some(STS_TOKEN));
    assert_eq!(r.header("x-acs-accesskey-id"), Some(AK_ID));
    assert_eq!(r.header("x-acs-credentials-provider"), Some("static_sts"));

    // RPC: the SecurityToken query parameter, signed.
    let server = Server::start(Scheme::Rpc, |_, _| Reply::json(200, r#"{"RequestId":"r"}"#)).await;
    ens::EnsClient::new(
        config(&server)
            .credentials(sts.clone())
            .signature_version(SignatureVersion::RpcHmacSha1),
    )
    .call(ens_request())
    .await
    .unwrap();
    server.assert_all_verified();
    assert_eq!(
        server.requests()[0].query_value("SecurityToken").as_deref(),
        Some(STS_TOKEN)
    );

    // Tencent: X-TC-Token.
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    cvm::CvmClient::new(config(&server).credentials(sts).region("ap-guangzhou"))
        .call(cvm_request())
        .await
        .unwrap();
    server.assert_all_verified();
    assert_eq!(server.requests()[0].header("x-tc-token"), Some(STS_TOKEN));
}

#[tokio::test]
async fn wrong_secret_is_rejected_by_the_verifying_server() {
    let server = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(200, r#"{"RequestId":"r"}"#)
    })
    .await;
    let client = ens::EnsClient::new(config(&server).credentials(Credentials::new(AK_ID, "wrong")));
    let e = client.call(ens_request()).await.unwrap_err();
    assert_eq!(
        e.kind(),
        Some(&ens::CreateImageErrorKind::Common(
            ens::CommonErrorKind::SignatureDoesNotMatch
        ))
    );
    assert_eq!(server.failures().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Validation and configuration.

#[tokio::test]
async fn invalid_requests_are_not_sent_unless_validation_is_off() {
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    // InstanceId and SnapshotIds are mutually exclusive.
    let invalid = cvm::CreateImageRequest::builder()
        .image_name("myImage")
        .instance_id("ins-6pb6lrmy")
        .snapshot_ids(["snap-1"])
        .build_unchecked();
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let e = client.call(invalid.clone()).await.unwrap_err();
    match &e {
        Error::Validation(v) => {
            assert!(v.has("InstanceId, SnapshotIds", "mutuallyExclusive"), "{v}")
        }
        other => panic!("{other}"),
    }
    assert!(server.requests().is_empty());
    // Sent anyway, the mock refuses it as the service documents: the vendor's error, with the
    // documented sentence.
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou").validate(false));
    let refused = client.call(invalid.clone()).await.unwrap_err();
    assert_eq!(refused.code(), Some("InvalidParameterValue"), "{refused}");
    assert!(
        refused
            .message()
            .is_some_and(|m| m.contains("mutuallyExclusive")),
        "{refused}"
    );
    assert_eq!(server.requests().len(), 1);
    assert!(
        server.failures()[0].contains("validation"),
        "{:?}",
        server.failures()
    );
    // A server that does not validate takes it as it is.
    let lenient = Server::start_unvalidated(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    let client = cvm::CvmClient::new(config(&lenient).region("ap-guangzhou").validate(false));
    client.call(invalid).await.expect("sent as is");
    assert_eq!(lenient.requests().len(), 1);
    assert!(
        lenient.requests()[0]
            .body_text()
            .contains(r#""SnapshotIds": ["snap-1"]"#)
    );
    lenient.assert_all_verified();
}

#[tokio::test]
async fn regions_the_spec_does_not_allow_are_not_sent() {
    use cloudspec_clients::runtime::client::ConfigError;
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    // CVM's `Region` common parameter is required, and CreateImage lists its regions.
    let no_region = cvm::CvmClient::new(config(&server));
    match no_region.call(cvm_request()).await.unwrap_err() {
        Error::Config(ConfigError::MissingRegion { operation }) => {
            assert_eq!(operation, "CreateImage")
        }
        other => panic!("expected a missing region, got {other}"),
    }
    let elsewhere = cvm::CvmClient::new(config(&server).region("ap-mars-1"));
    let e = elsewhere.call(cvm_request()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Config(ConfigError::UnsupportedRegion { region, .. }) if region == "ap-mars-1"),
        "{e}"
    );
    assert!(
        e.to_string().contains("ap-guangzhou"),
        "lists the documented regions: {e}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
    // The escape hatch for a spec behind the vendor.
    let lenient = cvm::CvmClient::new(config(&server).region("ap-mars-1").validate(false));
    lenient.call(cvm_request()).await.expect("sent as is");
    assert_eq!(
        server.requests()[0].header("x-tc-region"),
        Some("ap-mars-1")
    );
}

#[tokio::test]
async fn endpoints_come_from_the_spec_without_an_override() {
    use cloudspec_clients::runtime::Network;
    // Nothing is sent: the request is built and inspected.
    let config = || Config::new().credentials(Credentials::new(AK_ID, AK_SECRET));
    let swas_client = swas::SwasOpenClient::new(config());
    let r = swas_client
        .runtime()
        .build_request(&swas_request())
        .await
        .unwrap();
    // SWAS's host is central, as in the SDK: no region needed for it.
    assert!(
        r.url.starts_with("https://swas-open.aliyuncs.com/?"),
        "central host: {}",
        r.url
    );
    assert_eq!(r.header("host"), Some("swas-open.aliyuncs.com"));
    let vpc = swas::SwasOpenClient::new(config().network(Network::VPC));
    let r = vpc.runtime().build_request(&swas_request()).await.unwrap();
    assert_eq!(r.header("host"), Some("swas-open-vpc.aliyuncs.com"));
    let cvm_client = cvm::CvmClient::new(config().region("ap-guangzhou"));
    let r = cvm_client
        .runtime()
        .build_request(&cvm_request())
        .await
        .unwrap();
    assert_eq!(r.url, "https://cvm.tencentcloudapi.com/");
    let intl = cvm::CvmClient::new(config().region("ap-singapore").international(true));
    let r = intl.runtime().build_request(&cvm_request()).await.unwrap();
    assert_eq!(r.url, "https://cvm.intl.tencentcloudapi.com/");
    // Finance regions: the SDK's central host; their own hosts need an explicit endpoint.
    let fsi = cvm::CvmClient::new(config().region("ap-shanghai-fsi"));
    let r = fsi.runtime().build_request(&cvm_request()).await.unwrap();
    assert_eq!(r.url, "https://cvm.tencentcloudapi.com/");
    let fsi = cvm::CvmClient::new(
        config()
            .region("ap-shanghai-fsi")
            .endpoint("cvm.ap-shanghai-fsi.tencentcloudapi.com"),
    );
    let r = fsi.runtime().build_request(&cvm_request()).await.unwrap();
    assert_eq!(r.url, "https://cvm.ap-shanghai-fsi.tencentcloudapi.com/");
    // Tencent's SDK has no network setting: another network is refused, not guessed.
    let vpc = cvm::CvmClient::new(config().region("ap-guangzhou").network(Network::VPC));
    let e = vpc
        .runtime()
        .build_request(&cvm_request())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("public hosts only"), "{e}");
    let wuying_client = wuying::AppstreamCenterClient::new(config());
    let e = wuying_client
        .runtime()
        .build_request(&wuying_request())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e}");
    assert!(e.to_string().contains("region"), "{e}");
    // ENS: regional with the SDK's endpoint map (cn-hangzhou → the central host), and a
    // region required, as in the SDK.
    let ens_client = ens::EnsClient::new(config().region("cn-hangzhou"));
    let r = ens_client
        .runtime()
        .build_request(&ens_request())
        .await
        .unwrap();
    assert!(r.url.starts_with("https://ens.aliyuncs.com/?"));
    let ens_client = ens::EnsClient::new(config().region("cn-wuhan-lr"));
    let r = ens_client
        .runtime()
        .build_request(&ens_request())
        .await
        .unwrap();
    assert!(r.url.starts_with("https://ens.cn-wuhan-lr.aliyuncs.com/?"));
    let e = ens::EnsClient::new(config())
        .runtime()
        .build_request(&ens_request())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("region"), "{e}");
    // Debug output of a built request hides the signature.
    assert!(!format!("{r:?}").contains(r.header("authorization").unwrap()));
}

// ---------------------------------------------------------------------------------------------
// The README's "Calling the API" examples, compiled (not run: they would reach the real
// services).

#[allow(dead_code)]
mod readme {
    use cloudspec_clients::alibaba::swas_open::v2020_06_01::{
        CreateCustomImageErrorKind, CreateCustomImageRequest, SwasOpenClient,
    };
    use cloudspec_clients::runtime::Credentials;
    use cloudspec_clients::runtime::client::{Config, Error};
    use cloudspec_clients::runtime::transport::{
        BoxFuture, HttpRequest, HttpResponse, Transport, TransportError,
    };
    use cloudspec_clients::tencent::cvm::v2017_03_12::{CreateImageRequest, CvmClient};

    async fn alibaba() -> Result<(), Box<dyn std::error::Error>> {
        let client = SwasOpenClient::new(Config::new().region("cn-hangzhou"));
        let request = CreateCustomImageRequest::builder()
            .region_id("cn-hangzhou")
            .instance_id("ace0706b2ac4454d984295a94213****")
            .image_name("customImage-test")
            .build()?;
        match client.call(request).await {
            Ok(response) => println!("created {:?}", response.image_id),
            Err(Error::Service(e))
                if e.kind == CreateCustomImageErrorKind::ImageNameAlreadyExist =>
            {
                eprintln!("pick another name (request id {:?})", e.request_id());
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    async fn tencent() -> Result<(), Box<dyn std::error::Error>> {
        let config = Config::new()
            .credentials(Credentials::new(
                std::env::var("MY_SECRET_ID")?,
                std::env::var("MY_SECRET_KEY")?,
            ))
            .region("ap-guangzhou")
            .language(Some("en-US"));
        let client = CvmClient::new(config);
        let request = CreateImageRequest::builder()
            .image_name("myImage")
            .instance_id("ins-6pb6lrmy")
            .build()?;
        let response = client.call(request).await?;
        println!(
            "{:?} (request {:?})",
            response.image_id, response.request_id
        );
        Ok(())
    }

    struct Canned;
    impl Transport for Canned {
        fn send(
            &self,
            _request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async move {
                Ok(HttpResponse {
                    status: 200,
                    headers: vec![],
                    body: br#"{"RequestId":"r"}"#.to_vec(),
                })
            })
        }
    }

    #[tokio::test]
    async fn a_canned_transport_plugs_in() {
        let client = SwasOpenClient::new(
            Config::new()
                .credentials(Credentials::new("id", "secret"))
                .transport(Canned),
        );
        let request = CreateCustomImageRequest::builder()
            .region_id("cn-hangzhou")
            .instance_id("ace0706b2ac4454d984295a94213****")
            .image_name("customImage-test")
            .build()
            .unwrap();
        let response = client.call(request).await.unwrap();
        assert_eq!(response.request_id.as_deref(), Some("r"));
    }
}

/// Calls can be spawned on a multi-threaded runtime: the futures are `Send`, clients are
/// `Send + Sync + Clone`.
#[test]
fn futures_are_send_and_clients_shareable() {
    fn send<T: Send>(_: &T) {}
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<swas::SwasOpenClient>();
    shareable::<cvm::CvmClient>();
    shareable::<Client>();
    fn error_bounds<T: std::error::Error + Send + Sync + 'static>() {}
    error_bounds::<Error<cvm::CreateImageErrorKind>>();
    let client = cvm::CvmClient::new(Config::new().credentials(Credentials::new("a", "b")));
    let future = client.call(cvm_request());
    send(&future);
    let swas_client = swas::SwasOpenClient::new(Config::new());
    let future = swas_client.call(swas_request());
    send(&future);
}

// ---------------------------------------------------------------------------------------------
// Paginators: CVM DescribeImages pages by Offset/Limit up to TotalCount.

/// A CVM server holding `total` images; a request's `Offset` gets the next `Limit` (capped at
/// `cap`), and the page at `failing_offset`, if any, gets a documented error instead.
async fn image_server(total: usize, cap: usize, failing_offset: Option<u64>) -> Server {
    Server::start(Scheme::Tc3, move |request, _| {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let offset = body["Offset"].as_u64().unwrap_or(0);
        if Some(offset) == failing_offset {
            return Reply::json(
                200,
                r#"{"Response": {"Error": {"Code": "InvalidFilter", "Message": "Invalid filter."}, "RequestId": "req-failed"}}"#,
            );
        }
        let limit = body["Limit"].as_u64().map_or(20, |l| l as usize).min(cap);
        let start = (offset as usize).min(total);
        let images: Vec<serde_json::Value> = (start..(start + limit).min(total))
            .map(|i| serde_json::json!({"ImageId": format!("img-{i:08}"), "ImageName": format!("image {i}")}))
            .collect();
        let page = serde_json::json!({"Response": {
            "ImageSet": images,
            "TotalCount": total,
            "RequestId": format!("req-{offset}"),
        }});
        Reply::json(200, &page.to_string())
    })
    .await
}

fn offsets(server: &Server) -> Vec<Option<u64>> {
    server
        .requests()
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["Offset"].as_u64())
        .collect()
}

fn images_request(limit: i64) -> cvm::DescribeImagesRequest {
    cvm::DescribeImagesRequest::builder()
        .limit(limit)
        .build()
        .expect("a valid request")
}

#[tokio::test]
async fn describe_images_paginator_walks_every_page_to_the_total() {
    use cloudspec_clients::runtime::paginate::TryStreamExt as _;
    // The caller asks for 5 a page, the server gives at most 3: the short pages are not the end.
    let server = image_server(8, 3, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let images: Vec<cvm::Image> = client
        .describe_images_paginator(images_request(5))
        .items()
        .try_collect()
        .await
        .expect("every page");
    let ids: Vec<&str> = images
        .iter()
        .filter_map(|i| i.image_id.as_deref())
        .collect();
    assert_eq!(ids.len(), 8);
    assert_eq!(ids.first(), Some(&"img-00000000"));
    assert_eq!(ids.last(), Some(&"img-00000007"));
    // The first request sends the caller's request as built (no Offset); then 3 and 6.
    assert_eq!(offsets(&server), [None, Some(3), Some(6)]);
    server.assert_all_verified();
    for r in server.requests() {
        assert_eq!(r.header("x-tc-action"), Some("DescribeImages"));
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["Limit"], 5);
    }

    // Pages, each a whole response.
    let server = image_server(8, 3, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    // The streams are `Unpin`: `try_next` works on them as they are.
    let mut stream = client.describe_images_paginator(images_request(3)).pages();
    let mut pages: Vec<cvm::DescribeImagesResponse> = Vec::new();
    while let Some(page) = stream.try_next().await.expect("every page") {
        pages.push(page);
    }
    let request_ids: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.request_id.as_deref())
        .collect();
    assert_eq!(request_ids, ["req-0", "req-3", "req-6"]);
    assert!(pages.iter().all(|p| p.total_count == Some(8)));
}

#[tokio::test]
async fn describe_images_paginator_stops_early_when_asked() {
    use cloudspec_clients::runtime::paginate::{StreamExt as _, TryStreamExt as _};
    let server = image_server(100, 100, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    // Four items from pages of three: two requests, then the stream is dropped.
    let four: Vec<cvm::Image> = client
        .describe_images_paginator(images_request(3))
        .items()
        .take(4)
        .try_collect()
        .await
        .expect("two pages");
    assert_eq!(four.len(), 4);
    assert_eq!(server.request_count(), 2);

    // A page limit of 2 out of 34 pages.
    let server = image_server(100, 100, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let pages: Vec<cvm::DescribeImagesResponse> = client
        .describe_images_paginator(images_request(3))
        .page_limit(2)
        .pages()
        .try_collect()
        .await
        .expect("two pages");
    assert_eq!(pages.len(), 2);
    assert_eq!(offsets(&server), [None, Some(3)]);

    // Starting from an offset the caller set.
    let server = image_server(10, 100, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let request = cvm::DescribeImagesRequest::builder()
        .offset(6)
        .limit(3)
        .build()
        .expect("a valid request");
    let images: Vec<cvm::Image> = client
        .describe_images_paginator(request)
        .items()
        .try_collect()
        .await
        .expect("the rest");
    assert_eq!(images.len(), 4);
    assert_eq!(offsets(&server), [Some(6), Some(9)]);
}

#[tokio::test]
async fn describe_images_paginator_ends_at_an_error_and_validates_first() {
    use cloudspec_clients::runtime::paginate::StreamExt as _;
    let server = image_server(10, 100, Some(3)).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let items: Vec<Result<cvm::Image, cvm::DescribeImagesError>> = client
        .describe_images_paginator(images_request(3))
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 4, "three items, then the error");
    assert!(items[..3].iter().all(Result::is_ok));
    let error = items[3].as_ref().expect_err("the second page fails");
    assert_eq!(
        error.kind(),
        Some(&cvm::DescribeImagesErrorKind::InvalidFilter)
    );
    assert_eq!(error.request_id(), Some("req-failed"));
    assert_eq!(server.request_count(), 2);

    // A request breaking a documented rule (Limit above 100) is refused before sending.
    let server = image_server(10, 100, None).await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let request = cvm::DescribeImagesRequest::builder()
        .limit(500)
        .build_unchecked();
    let pages: Vec<_> = client
        .describe_images_paginator(request)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    assert!(matches!(pages[0], Err(Error::Validation(_))), "{pages:?}");
    assert_eq!(server.request_count(), 0);
}

// ---------------------------------------------------------------------------------------------
// Waiters: CVM DescribeImages polled until ImageSet.ImageState says NORMAL.

/// A CVM server whose images go through `states`, one per poll (the last one repeats), as
/// `ImageSet[*].ImageState` of two images (the second always `NORMAL`).
async fn state_server(states: &'static [&'static str]) -> Server {
    let polls = Arc::new(Mutex::new(0usize));
    Server::start(Scheme::Tc3, move |_, _| {
        let mut n = polls.lock().unwrap();
        let state = states[(*n).min(states.len() - 1)];
        *n += 1;
        let page = serde_json::json!({"Response": {
            "ImageSet": [
                {"ImageId": "img-1", "ImageState": state},
                {"ImageId": "img-2", "ImageState": "NORMAL"},
            ],
            "TotalCount": 2,
            "RequestId": format!("req-{n}"),
        }});
        Reply::json(200, &page.to_string())
    })
    .await
}

fn two_images() -> cvm::DescribeImagesRequest {
    cvm::DescribeImagesRequest::builder()
        .image_ids(["img-1", "img-2"])
        .build()
        .expect("a valid request")
}

#[tokio::test]
async fn image_available_waiter_polls_until_every_image_is_normal() {
    let server = state_server(&["CREATING", "SYNCING", "NORMAL"]).await;
    let sleeper = Recorder::default();
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(sleeper.clone()),
    );
    let response = client
        .wait_until_image_available(two_images())
        .await
        .expect("available on the third poll");
    // The last response, typed.
    assert_eq!(response.request_id.as_deref(), Some("req-3"));
    let states: Vec<_> = response
        .image_set
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| i.image_state)
        .collect();
    assert_eq!(
        states,
        [cvm::ImageImageState::Normal, cvm::ImageImageState::Normal]
    );
    assert_eq!(server.request_count(), 3);
    server.assert_all_verified();
    // Every poll sends the caller's request unchanged.
    for r in server.requests() {
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["ImageIds"], serde_json::json!(["img-1", "img-2"]));
    }
    // Two sleeps between three polls, from the spec's 5 s backing off to at most 30 s.
    let delays = sleeper.delays();
    assert_eq!(delays.len(), 2);
    assert_eq!(delays[0], Duration::from_secs(5));
    assert!(delays[1] >= Duration::from_secs(5) && delays[1] <= Duration::from_secs(10));
}

#[tokio::test]
async fn image_deleted_waiter_polls_until_none_is_listed() {
    // Listed (being deleted), listed, then gone: the describe call lists nothing.
    let polls = Arc::new(Mutex::new(0usize));
    let server = Server::start(Scheme::Tc3, move |_, _| {
        let mut n = polls.lock().unwrap();
        *n += 1;
        let set = if *n < 3 {
            serde_json::json!([{"ImageId": "img-1", "ImageState": "NORMAL"}])
        } else {
            serde_json::json!([])
        };
        let page = serde_json::json!({"Response": {
            "ImageSet": set,
            "TotalCount": set.as_array().map_or(0, Vec::len),
            "RequestId": format!("req-{n}"),
        }});
        Reply::json(200, &page.to_string())
    })
    .await;
    let sleeper = Recorder::default();
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(sleeper.clone()),
    );
    let request = cvm::DescribeImagesRequest::builder()
        .image_ids(["img-1"])
        .build()
        .unwrap();
    let response = client
        .wait_until_image_deleted(request)
        .await
        .expect("gone on the third poll");
    assert_eq!(response.request_id.as_deref(), Some("req-3"));
    assert_eq!(response.total_count, Some(0));
    assert_eq!(server.request_count(), 3);
    assert_eq!(sleeper.delays().len(), 2);
    server.assert_all_verified();
}

#[tokio::test]
async fn alibaba_image_deleted_waiter_ends_when_the_list_is_empty() {
    // SWAS ListCustomImages by ImageIds: listed, then an empty list.
    let polls = Arc::new(Mutex::new(0usize));
    let server = Server::start(Scheme::Acs3, move |_, _| {
        let mut n = polls.lock().unwrap();
        *n += 1;
        let images = if *n == 1 {
            serde_json::json!([{"ImageId": "m-1", "Status": "1"}])
        } else {
            serde_json::json!([])
        };
        let body = serde_json::json!({
            "RequestId": format!("req-{n}"),
            "TotalCount": images.as_array().map_or(0, Vec::len),
            "CustomImages": images,
        });
        Reply::json(200, &body.to_string())
    })
    .await;
    let client = swas::SwasOpenClient::new(config(&server).sleeper(Recorder::default()));
    let request = swas::ListCustomImagesRequest::builder()
        .region_id("cn-hangzhou")
        .image_ids(["m-1"])
        .build()
        .unwrap();
    let response = client
        .wait_until_image_deleted(request)
        .await
        .expect("gone on the second poll");
    assert_eq!(response.request_id.as_deref(), Some("req-2"));
    assert_eq!(server.request_count(), 2);
    server.assert_all_verified();
}

#[tokio::test]
async fn image_available_waiter_stops_at_a_failure_state() {
    use cloudspec_clients::runtime::wait::WaitError;
    let server = state_server(&["CREATING", "CREATEFAILED", "NORMAL"]).await;
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(Recorder::default()),
    );
    let error = client
        .wait_until_image_available(two_images())
        .await
        .expect_err("the image failed");
    match &error {
        WaitError::Failure {
            waiter,
            state,
            polls,
        } => {
            assert_eq!(
                (*waiter, state.as_str(), *polls),
                ("ImageAvailable", "CREATEFAILED", 2)
            );
        }
        other => panic!("not a failure: {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "waiter ImageAvailable failed: the resource reached `CREATEFAILED`, which means it will not succeed (2 polls)"
    );
    // Nothing is polled after the failure.
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn image_imported_waiter_follows_an_import_to_normal() {
    // ImportImage returns the new image's ID (the Chinese metadata's and SDK's `ImageId`); the
    // image is listed as IMPORTING until the import ends.
    let server = state_server(&["IMPORTING", "IMPORTING", "NORMAL"]).await;
    let sleeper = Recorder::default();
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(sleeper.clone()),
    );
    let response = client
        .wait_until_image_imported(two_images())
        .await
        .expect("imported on the third poll");
    assert_eq!(response.request_id.as_deref(), Some("req-3"));
    assert_eq!(server.request_count(), 3);
    server.assert_all_verified();
    // The spec's 10 s first delay, backing off to at most 60 s.
    let delays = sleeper.delays();
    assert_eq!(delays.len(), 2);
    assert_eq!(delays[0], Duration::from_secs(10));
    assert!(delays[1] >= Duration::from_secs(10) && delays[1] <= Duration::from_secs(20));
}

#[tokio::test]
async fn image_imported_waiter_stops_when_the_import_fails() {
    use cloudspec_clients::runtime::wait::WaitError;
    let server = state_server(&["IMPORTING", "IMPORTFAILED", "NORMAL"]).await;
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(Recorder::default()),
    );
    let error = client
        .wait_until_image_imported(two_images())
        .await
        .expect_err("the import failed");
    let WaitError::Failure {
        waiter,
        state,
        polls,
    } = &error
    else {
        panic!("not a failure: {error:?}");
    };
    assert_eq!(
        (*waiter, state.as_str(), *polls),
        ("ImageImported", "IMPORTFAILED", 2)
    );
    assert_eq!(server.request_count(), 2);
    // A creation failure is not this waiter's: CREATEFAILED keeps it polling (no list has it),
    // where ImageAvailable would stop.
    let server = state_server(&["CREATEFAILED", "NORMAL"]).await;
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(Recorder::default()),
    );
    client
        .wait_until_image_imported(two_images())
        .await
        .expect("NORMAL on the second poll");
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn import_image_returns_the_new_image_id() {
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(
            200,
            r#"{"Response": {"ImageId": "img-ds656asd", "RequestId": "req-1"}}"#,
        )
    })
    .await;
    let client = cvm::CvmClient::new(config(&server).region("ap-guangzhou"));
    let import = |architecture: &'static str| {
        client
            .import_image()
            .architecture(architecture)
            .os_type("CentOS")
            .os_version("7")
            .image_url("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/image.qcow2")
            .image_name("imported")
    };
    let response = import("x86_64").send().await.expect("accepted");
    assert_eq!(response.image_id.as_deref(), Some("img-ds656asd"));
    // An architecture outside the documented values is refused before sending.
    let error = import("sparc")
        .send()
        .await
        .expect_err("not a documented value");
    assert!(matches!(error, Error::Validation(_)), "{error:?}");
    assert_eq!(server.request_count(), 1);
}

/// An ENS server answering DescribeExportImageStatus with `states`, one per poll (the last
/// repeated).
async fn export_status_server(states: &'static [&'static str]) -> Server {
    Server::start(Scheme::Acs3, move |_, n| {
        let state = states[n.min(states.len() - 1)];
        let body = serde_json::json!({
            "ImageExportStatus": state,
            "RequestId": format!("req-{}", n + 1),
        });
        Reply::json(200, &body.to_string())
    })
    .await
}

fn export_status_of(image_id: &str) -> ens::DescribeExportImageStatusRequest {
    ens::DescribeExportImageStatusRequest::builder()
        .image_id(image_id)
        .build()
        .expect("a valid request")
}

#[tokio::test]
async fn ens_image_exported_waiter_polls_through_unexported_and_exporting() {
    // Right after ExportImage the image may still read `Unexported`, then `Exporting`: both keep
    // the waiter polling until `Exported`.
    let server = export_status_server(&["Unexported", "Exporting", "Exporting", "Exported"]).await;
    let sleeper = Recorder::default();
    let client = ens::EnsClient::new(config(&server).sleeper(sleeper.clone()));
    let response = client
        .wait_until_image_exported(export_status_of("m-5ragaz3s74b7go8ks7jp9"))
        .await
        .expect("exported on the fourth poll");
    assert_eq!(response.request_id.as_deref(), Some("req-4"));
    assert_eq!(response.image_export_status.as_deref(), Some("Exported"));
    assert_eq!(server.request_count(), 4);
    server.assert_all_verified();
    // Every poll asks DescribeExportImageStatus about the same image.
    for r in server.requests() {
        assert_eq!(r.operation.as_deref(), Some("DescribeExportImageStatus"));
        assert_eq!(r.raw_query, "ImageId=m-5ragaz3s74b7go8ks7jp9");
    }
    // The spec's 10 s first delay, backing off to at most 60 s.
    let delays = sleeper.delays();
    assert_eq!(delays.len(), 3);
    assert_eq!(delays[0], Duration::from_secs(10));
    assert!(
        delays
            .iter()
            .all(|d| *d >= Duration::from_secs(10) && *d <= Duration::from_secs(60))
    );
}

#[tokio::test]
async fn ens_image_exported_waiter_stops_at_export_error() {
    use cloudspec_clients::runtime::wait::WaitError;
    let server = export_status_server(&["Exporting", "ExportError", "Exported"]).await;
    let client = ens::EnsClient::new(config(&server).sleeper(Recorder::default()));
    let error = client
        .wait_until_image_exported(export_status_of("m-1"))
        .await
        .expect_err("the export failed");
    let WaitError::Failure {
        waiter,
        state,
        polls,
    } = &error
    else {
        panic!("not a failure: {error:?}");
    };
    assert_eq!(
        (*waiter, state.as_str(), *polls),
        ("ImageExported", "ExportError", 2)
    );
    // Nothing is polled after the failure.
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn ens_image_exported_waiter_keeps_polling_an_unexported_image_until_the_timeout() {
    use cloudspec_clients::runtime::wait::WaitError;
    // An image nobody exports stays `Unexported`: pending, so the wait ends at its time limit.
    let server = export_status_server(&["Unexported"]).await;
    let client = ens::EnsClient::new(config(&server).sleeper(Recorder::default()));
    let error = client
        .wait_until_image_exported(export_status_of("m-1"))
        .timeout(Duration::from_secs(60))
        .await
        .expect_err("never exported");
    let WaitError::Timeout { waiter, last, .. } = &error else {
        panic!("not a timeout: {error:?}");
    };
    assert_eq!(*waiter, "ImageExported");
    assert_eq!(last, &["Unexported"]);
    assert!(server.request_count() > 1);
}

#[tokio::test]
async fn ens_import_image_id_is_followed_by_describe_self_images_image_available() {
    // ImportImage returns the new custom image's ID; DescribeSelfImages' ImageAvailable waiter,
    // given that ID, polls through a status no list documents (an import) to `Available`.
    let polls = Arc::new(Mutex::new(0usize));
    let server = Server::start(Scheme::Acs3, move |r, _| {
        if r.operation.as_deref() == Some("ImportImage") {
            return Reply::json(
                200,
                r#"{"ImageId": "m-imported", "RequestId": "req-import"}"#,
            );
        }
        let mut n = polls.lock().unwrap();
        *n += 1;
        let status = if *n < 3 { "Importing" } else { "Available" };
        let body = serde_json::json!({
            "Code": 0,
            "Images": {"Image": [{"ImageId": "m-imported", "Status": status}]},
            "RequestId": format!("req-{n}"),
        });
        Reply::json(200, &body.to_string())
    })
    .await;
    let client = ens::EnsClient::new(config(&server).sleeper(Recorder::default()));
    let import = |region: &'static str| {
        client
            .import_image()
            .image_name("imported")
            .compute_type("ens_vm")
            .os_type("linux")
            .image_format("qcow2")
            .architecture("x86_64")
            .oss_region(region)
    };
    // A region other than the documented cn-beijing is refused before sending.
    let error = import("cn-hangzhou")
        .send()
        .await
        .expect_err("not a documented value");
    assert!(matches!(error, Error::Validation(_)), "{error:?}");
    assert_eq!(server.request_count(), 0);
    let imported = import("cn-beijing").send().await.expect("accepted");
    let image_id = imported.image_id.expect("the new image's ID");
    assert_eq!(image_id, "m-imported");
    let request = ens::DescribeSelfImagesRequest::builder()
        .image_id(image_id)
        .build()
        .unwrap();
    let response = client
        .wait_until_image_available(request)
        .await
        .expect("available on the third poll");
    assert_eq!(response.request_id.as_deref(), Some("req-3"));
    assert_eq!(server.request_count(), 4);
    server.assert_all_verified();
}

#[tokio::test]
async fn image_available_waiter_times_out_with_the_last_state() {
    use cloudspec_clients::runtime::wait::WaitError;
    let server = state_server(&["CREATING"]).await;
    let sleeper = Recorder::default();
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(sleeper.clone()),
    );
    let error = client
        .wait_until_image_available(two_images())
        .timeout(Duration::from_secs(60))
        .await
        .expect_err("never available");
    let WaitError::Timeout {
        waiter,
        limit,
        polls,
        last,
    } = &error
    else {
        panic!("not a timeout: {error:?}");
    };
    assert_eq!(
        (*waiter, *limit),
        ("ImageAvailable", Duration::from_secs(60))
    );
    assert_eq!(last, &["CREATING", "NORMAL"]);
    assert_eq!(*polls as usize, server.request_count());
    // The sleeps add up to the limit (the last one cut to end there), and one poll follows
    // the last sleep.
    let delays = sleeper.delays();
    assert_eq!(delays.len() + 1, server.request_count());
    let slept: Duration = delays.iter().sum();
    assert!(
        slept <= Duration::from_secs(60) && slept > Duration::from_secs(55),
        "{delays:?}"
    );
    assert!(delays.iter().all(|d| *d <= Duration::from_secs(30)));
    assert!(
        error
            .to_string()
            .starts_with("waiter ImageAvailable timed out after 60s (")
    );
    assert!(
        error
            .to_string()
            .ends_with("polls); last state: CREATING, NORMAL")
    );
}

#[tokio::test]
async fn a_failed_poll_ends_the_wait_with_the_operations_error() {
    use cloudspec_clients::runtime::wait::WaitError;
    let server = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(
            200,
            r#"{"Response": {"Error": {"Code": "InvalidImageId.NotFound", "Message": "No such image."}, "RequestId": "req-x"}}"#,
        )
    })
    .await;
    let client = cvm::CvmClient::new(
        config(&server)
            .region("ap-guangzhou")
            .sleeper(Recorder::default()),
    );
    let error = client
        .wait_until_image_available(two_images())
        .await
        .expect_err("a service error");
    let WaitError::Call(call) = &error else {
        panic!("not the operation's error: {error:?}");
    };
    assert_eq!(
        call.service_error().map(|e| e.code()),
        Some("InvalidImageId.NotFound")
    );
    assert_eq!(server.request_count(), 1);
    assert!(std::error::Error::source(&error).is_some());
}

// ---------------------------------------------------------------------------------------------
// Decoding leniency: Alibaba's SDKs take numbers and numeric strings for each other.

#[test]
fn alibaba_responses_take_numbers_and_strings_for_each_other() {
    use cloudspec_clients::runtime::{ResponseError, decode_response};
    // ENS types `ImageSize` as a string (`"40"`); a server sending `40` still decodes, and a
    // numeric string decodes into an integer field.
    let body = r#"{"RequestId": "r", "TotalCount": "1", "PageNumber": 1, "PageSize": "10",
        "Images": {"Image": [{"ImageId": "m-1", "ImageSize": 40}]}}"#;
    let response = decode_response::<ens::DescribeImagesRequest>(200, body.as_bytes())
        .expect("lenient decoding");
    assert_eq!(response.total_count, Some(1));
    let image = &response.images.as_ref().unwrap().image.as_ref().unwrap()[0];
    assert_eq!(image.image_size.as_deref(), Some("40"));
    // Anything else still fails, and says where.
    let bad = r#"{"Images": {"Image": [{"ImageSize": {"GiB": 40}}]}}"#;
    match decode_response::<ens::DescribeImagesRequest>(200, bad.as_bytes()) {
        Err(ResponseError::Malformed { reason, .. }) => {
            assert!(reason.contains("Images.Image.0.ImageSize"), "{reason}");
        }
        other => panic!("not malformed: {other:?}"),
    }
    // Tencent's SDKs decode strictly, and so does CVM: a string total is malformed.
    let strict = r#"{"Response": {"ImageSet": [], "TotalCount": "1", "RequestId": "r"}}"#;
    assert!(matches!(
        decode_response::<cvm::DescribeImagesRequest>(200, strict.as_bytes()),
        Err(ResponseError::Malformed { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Date-time fields: the text as sent, and the instant it names.

#[test]
fn date_time_fields_keep_their_text_and_give_the_instant() {
    use cloudspec_clients::runtime::decode_response;
    let body = r#"{"Response": {"ImageSet": [
        {"ImageId": "img-1", "CreatedTime": "2022-03-21T08:41:45Z"},
        {"ImageId": "img-2", "CreatedTime": "2022-03-21 16:41:45"}
    ], "TotalCount": 2, "RequestId": "r"}}"#;
    let response =
        decode_response::<cvm::DescribeImagesRequest>(200, body.as_bytes()).expect("decodes");
    let images = response.image_set.unwrap();
    let first = images[0].created_time.as_ref().unwrap();
    assert_eq!(first.as_str(), "2022-03-21T08:41:45Z");
    assert_eq!(
        first.instant().map(|t| t.unix_timestamp()),
        Some(1_647_852_105)
    );
    // A form that is no timestamp (no zone) still decodes, with its text and no instant.
    let second = images[1].created_time.as_ref().unwrap();
    assert_eq!(
        (second.as_str(), second.instant()),
        ("2022-03-21 16:41:45", None)
    );
    // A request date-time from an instant: UTC, whole seconds, as the SDK pages write them.
    let window = cloudspec_clients::alibaba::cs::v2015_12_15::MaintenanceWindow::builder()
        .maintenance_time(first.instant().unwrap())
        .build();
    assert_eq!(
        window.maintenance_time.as_ref().map(|t| t.as_str()),
        Some("2022-03-21T08:41:45Z")
    );
}

#[test]
fn map_fields_decode_every_key() {
    use cloudspec_clients::alibaba::cs::v2015_12_15 as cs;
    use cloudspec_clients::runtime::{ResponseError, decode_response};
    let body = r#"{"cluster_id": "c-1", "parameters": {"Zone": "cn-hangzhou-k", "Size": 3}}"#;
    let response = decode_response::<cs::DescribeClusterDetailRequest>(200, body.as_bytes())
        .expect("a map of strings (a number kept as text: CS is lenient)");
    let parameters = response.parameters.expect("the map");
    assert_eq!(
        parameters.get("Zone").map(String::as_str),
        Some("cn-hangzhou-k")
    );
    assert_eq!(parameters.len(), 2);
    // A map that is not an object is malformed, and says where.
    let bad = r#"{"parameters": ["Zone"]}"#;
    match decode_response::<cs::DescribeClusterDetailRequest>(200, bad.as_bytes()) {
        Err(ResponseError::Malformed { reason, .. }) => {
            assert!(reason.contains("parameters"), "{reason}")
        }
        other => panic!("not malformed: {other:?}"),
    }
}

#[test]
fn json_text_fields_decode_into_their_type() {
    use cloudspec_clients::alibaba::cs::v2015_12_15 as cs;
    use cloudspec_clients::runtime::{ResponseError, decode_response};
    let body = r#"{"master_url": "{\"api_server_endpoint\":\"\",\"intranet_api_server_endpoint\":\"https://192.168.0.251:6443\"}"}"#;
    let response = decode_response::<cs::DescribeClusterDetailRequest>(200, body.as_bytes())
        .expect("JSON text decodes");
    let url = response.master_url.expect("the endpoints");
    assert_eq!(
        url.intranet_api_server_endpoint.as_deref(),
        Some("https://192.168.0.251:6443")
    );
    assert_eq!(url.api_server_endpoint.as_deref(), Some(""));
    // Text that is not JSON is malformed, and says which field.
    let bad = r#"{"master_url": "https://192.168.0.251:6443"}"#;
    match decode_response::<cs::DescribeClusterDetailRequest>(200, bad.as_bytes()) {
        Err(ResponseError::Malformed { reason, .. }) => {
            assert!(reason.contains("`master_url`"), "{reason}")
        }
        other => panic!("not malformed: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// ROA end to end: Container Service through the client, against the verifying server.

#[tokio::test]
async fn roa_calls_use_the_operation_route_and_decode_roa_errors() {
    use cloudspec_clients::alibaba::cs::v2015_12_15 as cs;
    let server = Server::start(Scheme::Acs3, |request, _| {
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/clusters/c%201%2F2") => Reply::json(
                200,
                r#"{"cluster_id": "c 1/2", "name": "prod", "created": "2019-11-25T15:50:20+08:00"}"#,
            ),
            ("PUT", "/api/v2/clusters/c-1") => Reply::json(200, r#"{"task_id": "T-1"}"#),
            _ => Reply::json(
                404,
                r#"{"code": "ErrorClusterNotFound", "message": "cluster not found", "requestId": "req-404"}"#,
            ),
        }
    })
    .await;
    let client = cs::CsClient::new(config(&server).region("cn-hangzhou"));

    // GET with the path parameter percent-encoded into the path (and signed as such).
    let detail = client
        .call(
            cs::DescribeClusterDetailRequest::builder()
                .cluster_id("c 1/2")
                .build()
                .unwrap(),
        )
        .await
        .expect("the cluster");
    assert_eq!(detail.cluster_id.as_deref(), Some("c 1/2"));
    assert!(detail.created.and_then(|c| c.instant()).is_some());

    // PUT with a JSON body.
    let modified = client
        .call(
            cs::ModifyClusterRequest::builder()
                .cluster_id("c-1")
                .cluster_name("prod-2")
                .build()
                .unwrap(),
        )
        .await
        .expect("modified");
    assert_eq!(modified.task_id.as_deref(), Some("T-1"));
    let put = &server.requests()[1];
    assert_eq!(put.body, br#"{"cluster_name":"prod-2"}"#);
    assert_eq!(
        put.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    server.assert_all_verified();

    // A ROA error document (lower-case members, 404): the documented kind, message, request id.
    let error = client
        .call(
            cs::DescribeClusterDetailRequest::builder()
                .cluster_id("gone")
                .build()
                .unwrap(),
        )
        .await
        .expect_err("not found");
    let service = error.service_error().expect("a service error");
    assert_eq!(
        service.kind,
        cs::DescribeClusterDetailErrorKind::ErrorClusterNotFound
    );
    assert_eq!(
        (
            service.message(),
            service.http_status(),
            service.request_id()
        ),
        ("cluster not found", 404, Some("req-404"))
    );
    // A path parameter left out is not sent even with validation off: the path needs it.
    let unsent = cs::CsClient::new(config(&server).region("cn-hangzhou").validate(false))
        .call(cs::DescribeClusterDetailRequest::builder().build_unchecked())
        .await
        .expect_err("no path");
    assert!(
        unsent
            .to_string()
            .contains("path parameter `ClusterId` has no value"),
        "{unsent}"
    );
    assert_eq!(server.request_count(), 3);
}

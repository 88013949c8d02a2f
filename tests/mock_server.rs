//! `cloudspec mock` (`cloudspec::mock`): what it serves agrees with the generated crate, its
//! control API, its faults and its refusals, driven by the generated clients and by raw HTTP
//! (what a client in another language sends).

mod wire_support;

use std::fmt::Write as _;
use std::time::Duration;

use cloudspec::mock::{Catalog, MockOptions, MockServer, Script, ScriptReply};
use cloudspec_clients::alibaba::cs::v2015_12_15 as cs;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::{Config, Error};
use cloudspec_clients::runtime::schema::{Kind, OperationSpec, ParamSpec, ServiceSpec};
use cloudspec_clients::runtime::transport::TransportErrorKind;
use cloudspec_clients::runtime::{Credentials, RetryPolicy};
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wire_support::model;

/// Every service of the generated crate, with its operations as the crate describes them.
fn generated() -> Vec<(&'static ServiceSpec, &'static [&'static OperationSpec])> {
    use cloudspec_clients::alibaba::{appstream_center, ecs, ens};
    vec![
        (&cvm::SERVICE, cvm::OPERATIONS),
        (&swas::SERVICE, swas::OPERATIONS),
        (&cs::SERVICE, cs::OPERATIONS),
        (
            &appstream_center::v2021_09_01::SERVICE,
            appstream_center::v2021_09_01::OPERATIONS,
        ),
        (&ecs::v2014_05_26::SERVICE, ecs::v2014_05_26::OPERATIONS),
        (&ens::v2017_11_10::SERVICE, ens::v2017_11_10::OPERATIONS),
    ]
}

/// A text rendering of an operation's description, named types expanded `depth` levels deep
/// (a type that contains itself would otherwise never end).
fn render(op: &OperationSpec) -> String {
    fn params(out: &mut String, list: &[ParamSpec], depth: usize) {
        for p in list {
            let _ = write!(
                out,
                "[{} req={} ({:?}) {:?} {:?} enum={:?} ({:?}) checks={:?} ",
                p.name,
                p.required,
                p.required_says,
                p.location,
                p.style,
                p.enum_values,
                p.enum_says,
                p.checks
            );
            kind(out, &p.kind, depth);
            out.push(']');
        }
    }
    fn kind(out: &mut String, k: &Kind, depth: usize) {
        if depth == 0 {
            out.push('…');
            return;
        }
        match k {
            Kind::Array(item) => {
                out.push_str("Array(");
                params(out, std::slice::from_ref(*item), depth - 1);
                out.push(')');
            }
            Kind::Map(value) => {
                out.push_str("Map(");
                params(out, std::slice::from_ref(*value), depth - 1);
                out.push(')');
            }
            Kind::Object(members) => {
                out.push_str("Object(");
                params(out, members, depth - 1);
                out.push(')');
            }
            scalar => {
                let _ = write!(out, "{scalar:?}");
            }
        }
    }
    let mut out = format!(
        "{} {} {} envelope={:?} token={:?} regions={:?} region_required={} rules={:?}\n",
        op.name,
        op.method,
        op.path,
        op.envelope,
        op.idempotency_token,
        op.regions,
        op.region_required,
        op.rules
    );
    params(&mut out, op.params, 8);
    out
}

#[test]
fn the_mock_describes_every_operation_as_the_generated_crate_does() {
    let catalog = Catalog::new(model());
    let mut compared = 0;
    for (service, operations) in generated() {
        let entries: Vec<_> = catalog
            .entries
            .iter()
            .filter(|e| e.product == service.product && e.version == service.version)
            .collect();
        assert_eq!(
            entries.len(),
            operations.len(),
            "{}: operation count",
            service.product
        );
        for (entry, op) in entries.iter().zip(operations) {
            assert_eq!(
                format!("{:?}", entry.spec.service),
                format!("{service:?}"),
                "{}",
                service.product
            );
            assert_eq!(
                render(entry.spec),
                render(op),
                "{} {}",
                service.product,
                op.name
            );
            compared += 1;
        }
    }
    assert!(compared >= 95, "compared {compared} operations");
}

fn credentials() -> Credentials {
    Credentials::new("AKIDtest", "test-secret")
}

async fn server(options: MockOptions) -> MockServer {
    MockServer::start(model(), options.credentials("AKIDtest", "test-secret"))
        .await
        .expect("bind loopback")
}

fn config(mock: &MockServer) -> Config {
    Config::new()
        .credentials(credentials())
        .endpoint(mock.endpoint())
        .retry(RetryPolicy::new(3, Duration::from_millis(1)))
}

/// One HTTP/1.1 exchange by hand, as a client in any language would make it.
async fn raw(
    mock: &MockServer,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(mock.addr()).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n",
        mock.authority()
    );
    for (n, v) in headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    request.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn documented_examples_scripts_and_faults_reach_the_client() {
    let mock = server(MockOptions::default()).await;
    let client = cvm::CvmClient::new(config(&mock).region("ap-guangzhou"));
    let request = cvm::CreateImageRequest::builder()
        .image_name("web")
        .instance_id("ins-1")
        .build()
        .unwrap();

    // The documented example, with this request's id.
    let image = client.call(request.clone()).await.unwrap();
    assert_eq!(image.image_id.as_deref(), Some("img-0yc6rie8"));
    assert_eq!(
        image.request_id.as_deref(),
        Some("00000000-0000-4000-8000-000000000000")
    );

    // A documented error, with its documented message.
    mock.script(
        Script::new(
            Some("CreateImage"),
            ScriptReply::Error {
                code: "InvalidImageName.Duplicate".into(),
                message: None,
                status: None,
            },
        )
        .times(1),
    );
    let e = client.call(request.clone()).await.unwrap_err();
    assert_eq!(e.code(), Some("InvalidImageName.Duplicate"));
    assert!(
        matches!(
            e.kind(),
            Some(cvm::CreateImageErrorKind::InvalidImageNameDuplicate)
        ),
        "{e}"
    );

    // Throttling twice, then the example: three attempts.
    let before = mock.request_count();
    mock.script(Script::new(Some("CreateImage"), ScriptReply::Throttle).times(2));
    client.call(request.clone()).await.unwrap();
    assert_eq!(mock.request_count() - before, 3);

    // A server error on every attempt.
    mock.script(Script::new(None, ScriptReply::ServerError { status: 503 }).times(3));
    let e = client.call(request.clone()).await.unwrap_err();
    assert_eq!(e.code(), Some("InternalError"), "{e}");

    // A reset connection is a transport failure; a cut-off body is malformed.
    // (A reset is retried only for a request with an idempotency token: CreateImage has none.)
    mock.script(Script::new(None, ScriptReply::Reset).times(1));
    match client.call(request.clone()).await.unwrap_err() {
        Error::Transport { error, .. } => assert_ne!(error.kind(), TransportErrorKind::Timeout),
        other => panic!("expected a transport failure, got {other}"),
    }
    mock.script(Script::new(None, ScriptReply::Malformed).times(1));
    assert!(matches!(
        client.call(request.clone()).await.unwrap_err(),
        Error::Malformed { .. }
    ));

    // A delayed answer arrives; no answer at all times out.
    mock.script(
        Script::new(None, ScriptReply::Example)
            .delay_ms(50)
            .times(1),
    );
    client.call(request.clone()).await.unwrap();
    mock.script(Script::new(None, ScriptReply::Hang).times(1));
    let impatient = cvm::CvmClient::new(
        config(&mock)
            .region("ap-guangzhou")
            .read_timeout(Duration::from_millis(200))
            .retry(RetryPolicy::new(1, Duration::from_millis(1))),
    );
    match impatient.call(request).await.unwrap_err() {
        Error::Transport { error, .. } => assert_eq!(error.kind(), TransportErrorKind::Timeout),
        other => panic!("expected a timeout, got {other}"),
    }
    assert!(mock.problems().is_empty(), "{:?}", mock.problems());
}

#[tokio::test]
async fn scripts_answer_in_turn_and_a_scripted_success_only_valid_requests() {
    let mock = server(MockOptions::default()).await;
    let client = cvm::CvmClient::new(config(&mock).region("ap-guangzhou").validate(false));
    let created = |id: &str| {
        Script::new(
            Some("CreateImage"),
            ScriptReply::Respond {
                status: 200,
                headers: Default::default(),
                body: json!({"Response": {"ImageId": id, "RequestId": "r-1"}}),
            },
        )
        .times(1)
    };
    mock.script(created("img-first"));
    mock.script(created("img-second"));
    let valid = cvm::CreateImageRequest::builder()
        .image_name("n")
        .instance_id("ins-1")
        .build()
        .unwrap();
    // No ImageName: the service would refuse it, so no scripted success answers it, and the
    // script stays for the next request.
    let invalid = cvm::CreateImageRequest::builder()
        .instance_id("ins-1")
        .build_unchecked();
    let e = client.call(invalid.clone()).await.unwrap_err();
    assert_eq!(e.code(), Some("MissingParameter"), "{e}");
    assert!(
        mock.problems()[0].contains("validation"),
        "{:?}",
        mock.problems()
    );

    // Scripts used up after one request answer in the order they were added, then the
    // documented example.
    let image = |r: cvm::CreateImageResponse| r.image_id.unwrap_or_default();
    assert_eq!(
        image(client.call(valid.clone()).await.unwrap()),
        "img-first"
    );
    assert_eq!(
        image(client.call(valid.clone()).await.unwrap()),
        "img-second"
    );
    assert_eq!(image(client.call(valid).await.unwrap()), "img-0yc6rie8");

    // A scripted error answers before validation, as the vendor's would.
    mock.script(
        Script::new(
            Some("CreateImage"),
            ScriptReply::Error {
                code: "InvalidImageName.Duplicate".into(),
                message: None,
                status: None,
            },
        )
        .times(1),
    );
    let e = client.call(invalid).await.unwrap_err();
    assert_eq!(e.code(), Some("InvalidImageName.Duplicate"), "{e}");
    assert_eq!(mock.problems().len(), 1, "{:?}", mock.problems());
}

#[test]
fn which_scripts_stand_for_success() {
    let respond = |status: u16, body: Value| ScriptReply::Respond {
        status,
        headers: Default::default(),
        body,
    };
    assert!(ScriptReply::Example.stands_for_success());
    assert!(respond(200, json!({"Response": {"RequestId": "r"}})).stands_for_success());
    assert!(respond(204, Value::Null).stands_for_success());
    // Tencent's errors come with a 200.
    assert!(
        !respond(
            200,
            json!({"Response": {"Error": {"Code": "X"}, "RequestId": "r"}})
        )
        .stands_for_success()
    );
    assert!(!respond(404, json!({"Code": "NotFound"})).stands_for_success());
    assert!(!ScriptReply::Throttle.stands_for_success());
    assert!(!ScriptReply::Malformed.stands_for_success());
}

#[tokio::test]
async fn requests_are_validated_as_the_service_documents_them() {
    let mock = server(MockOptions::default()).await;
    // SWAS: the mock reads RPC parameters back from the query and the form.
    let client = swas::SwasOpenClient::new(config(&mock).region("cn-hangzhou").validate(false));
    let no_name = swas::CreateCustomImageRequest::builder()
        .instance_id("i-1")
        .region_id("cn-hangzhou")
        .build_unchecked();
    let e = client.call(no_name).await.unwrap_err();
    assert_eq!(e.code(), Some("MissingParameter"), "{e}");
    assert_eq!(e.http_status(), Some(400));
    assert!(e.message().unwrap().contains("ImageName"), "{e}");
    let problems = mock.problems();
    assert!(problems[0].contains("validation"), "{problems:?}");

    // ROA: the path parameter comes from the route.
    let cs_client = cs::CsClient::new(config(&mock).region("cn-hangzhou"));
    let detail = cs_client
        .call(
            cs::DescribeClusterDetailRequest::builder()
                .cluster_id("c-123")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let _ = detail;
    let last = mock.requests().pop().unwrap();
    assert_eq!(last.operation.as_deref(), Some("DescribeClusterDetail"));
    assert_eq!(last.parameters, Some(json!({"ClusterId": "c-123"})));
}

#[tokio::test]
async fn signatures_are_verified() {
    let mock = server(MockOptions::default()).await;
    let wrong = cvm::CvmClient::new(
        config(&mock)
            .region("ap-guangzhou")
            .credentials(Credentials::new("AKIDtest", "not-the-secret")),
    );
    let request = cvm::CreateImageRequest::builder()
        .image_name("web")
        .instance_id("ins-1")
        .build()
        .unwrap();
    let e = wrong.call(request.clone()).await.unwrap_err();
    assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"), "{e}");
    let stranger = cvm::CvmClient::new(
        config(&mock)
            .region("ap-guangzhou")
            .credentials(Credentials::new("AKIDother", "test-secret")),
    );
    let e = stranger.call(request).await.unwrap_err();
    assert_eq!(e.code(), Some("AuthFailure.SecretIdNotFound"), "{e}");
    // Unsigned, by hand.
    let (status, body) = raw(
        &mock,
        "POST",
        "/",
        &[
            ("x-tc-action", "CreateImage"),
            ("x-tc-version", "2017-03-12"),
            ("content-type", "application/json"),
        ],
        r#"{"ImageName":"web","InstanceId":"ins-1"}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("AuthFailure.SignatureFailure"), "{body}");
    assert_eq!(mock.problems().len(), 3, "{:?}", mock.problems());
}

#[tokio::test]
async fn the_control_api_serves_clients_in_any_language() {
    let mock = MockServer::start(model(), MockOptions::default())
        .await
        .unwrap();
    // Unsigned requests are accepted without credentials; routing needs only the action.
    let tencent = [
        ("x-tc-action", "CreateImage"),
        ("x-tc-version", "2017-03-12"),
        ("content-type", "application/json"),
    ];
    let (status, body) = raw(
        &mock,
        "POST",
        "/",
        &tencent,
        r#"{"ImageName":"web","InstanceId":"ins-1"}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["Response"]["ImageId"],
        "img-0yc6rie8"
    );

    // A script by HTTP: a documented error, once.
    let script = r#"{"operation": "CreateImage", "reply": "error", "code": "InvalidImageName.Duplicate", "times": 1}"#;
    let (status, body) = raw(&mock, "POST", "/__mock/scripts", &[], script).await;
    assert_eq!((status, body.as_str()), (200, r#"{"added":1}"#));
    let (_, body) = raw(
        &mock,
        "POST",
        "/",
        &tencent,
        r#"{"ImageName":"web","InstanceId":"ins-1"}"#,
    )
    .await;
    let error = &serde_json::from_str::<Value>(&body).unwrap()["Response"]["Error"];
    assert_eq!(error["Code"], "InvalidImageName.Duplicate");
    assert_eq!(error["Message"], "The specified image name already exists.");

    // Mistakes in scripts are refused where they are made.
    for (bad, why) in [
        (
            r#"{"operation": "CreateImagez", "reply": "example"}"#,
            "no served operation is CreateImagez",
        ),
        (
            r#"{"operation": "CreateImage", "reply": "error", "code": "Nope"}"#,
            "`Nope` is not documented",
        ),
        (r#"{"reply": "teapot"}"#, "unknown variant"),
        ("not json", "not JSON"),
    ] {
        let (status, body) = raw(&mock, "POST", "/__mock/scripts", &[], bad).await;
        assert_eq!(status, 400, "{bad}");
        assert!(body.contains(why), "{bad}: {body}");
    }

    // An action no spec has: the vendor's error.
    let (status, body) = raw(&mock, "POST", "/?Action=Nope&Version=2020-06-01", &[], "").await;
    assert_eq!(status, 404);
    assert!(body.contains("InvalidAction.NotFound"), "{body}");

    // What was received, as JSON.
    let (status, body) = raw(&mock, "GET", "/__mock/requests", &[], "").await;
    assert_eq!(status, 200);
    let requests: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(requests.as_array().unwrap().len(), 3);
    assert_eq!(requests[0]["operation"], "CreateImage");
    assert_eq!(
        requests[0]["parameters"],
        json!({"ImageName": "web", "InstanceId": "ins-1"})
    );
    assert_eq!(
        requests[2]["problems"][0],
        "no spec has action `Nope` at version `2020-06-01` (POST /)"
    );
    let (_, body) = raw(&mock, "GET", "/__mock/operations", &[], "").await;
    let operations: Value = serde_json::from_str(&body).unwrap();
    assert!(operations.as_array().unwrap().len() >= 95);
    let (status, _) = raw(&mock, "POST", "/__mock/reset", &[], "").await;
    assert_eq!(status, 200);
    assert_eq!(mock.request_count(), 0);
    let (status, body) = raw(&mock, "GET", "/__mock/nothing", &[], "").await;
    assert_eq!(status, 404);
    assert!(body.contains("GET /__mock/requests"), "{body}");
}

//! Conformance with the vendors' official Python SDKs.
//!
//! `scripts/record_conformance.py` ran each SDK against a loopback capture server with pinned
//! time, nonce, credentials and user agent and wrote `tests/fixtures/conformance/*.json`. Here
//! the Rust clients build the same requests with the same pins (nothing is sent), and method,
//! path, query, body, the SDK's own headers (values and order) and the signature must be equal
//! byte for byte. Transport-level headers (`Accept-Encoding`, `Content-Length`, `Connection`,
//! Tencent's `User-Agent`/`Accept` from `requests`) and the self-identifying
//! `X-TC-RequestClient` / random `X-TC-TraceId` are not compared.

use std::path::PathBuf;

use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
use cloudspec_clients::alibaba::cs::v2015_12_15 as cs;
use cloudspec_clients::alibaba::ecs::v2014_05_26 as ecs;
use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::clock::{FixedClock, FixedNonce};
use cloudspec_clients::runtime::wire::strip_nulls;
use cloudspec_clients::runtime::{Credentials, HttpRequest, SignatureVersion};
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use cloudspec_tests::ready;
use serde_json::Value;

const AK_ID: &str = "LTAI5tConformanceKeyId";
const AK_SECRET: &str = "ConformanceSecret-not-a-real-key";
const STS_TOKEN: &str = "ConformanceStsToken";

/// Headers added by the HTTP stack, or identifying the SDK itself: not compared.
const NOT_COMPARED: &[&str] = &[
    "accept-encoding",
    "content-length",
    "connection",
    "x-tc-requestclient",
    "x-tc-traceid",
];

/// Whether a (lower-case) header is compared. The Tencent SDK's `User-Agent` and `Accept` come
/// from `requests`; ours (`User-Agent` only) from the runtime.
fn compared(name: &str, tencent: bool, recorded: bool) -> bool {
    if NOT_COMPARED.contains(&name) {
        return false;
    }
    match (tencent, name) {
        (true, "user-agent") => false,
        (true, "accept") => !recorded,
        _ => true,
    }
}

struct Fixture {
    name: String,
    json: Value,
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance");
    let mut out: Vec<Fixture> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            Fixture {
                name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                json: serde_json::from_str(&text).unwrap(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn swas_request() -> swas::CreateCustomImageRequest {
    swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .client_token("123e4567-e89b-12d3-a456-426655440000")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name("customImage-test")
        .description("my image *test~/")
        .tag([
            swas::CreateCustomImageTag::builder()
                .key("team")
                .value("infra ops")
                .build(),
            swas::CreateCustomImageTag::builder().key("env").build(),
        ])
        .build()
        .unwrap()
}

fn ens_request() -> ens::CreateImageRequest {
    ens::CreateImageRequest::builder()
        .image_name("web-2026")
        .instance_id("i-5rr1bnyrc4tswr8cq3w6y****")
        .delete_after_image_upload("false")
        .snapshot_id("sp-5q8c3********")
        .build()
        .unwrap()
}

fn wuying_request() -> wuying::CreateImageByInstanceRequest {
    wuying::CreateImageByInstanceRequest::builder()
        .instance_id("ws-0buj1s9gm******")
        .instance_type("WuyingServer")
        .image_name("test image")
        .description("a/b+c")
        .biz_type(1)
        .disk_type("SYSTEM")
        .tag_list([wuying::CreateImageByInstanceTagList::builder()
            .key("team")
            .value("a b")
            .build()])
        .build()
        .unwrap()
}

fn cvm_request() -> cvm::CreateImageRequest {
    cvm::CreateImageRequest::builder()
        .image_name("myImage 镜像")
        .instance_id("ins-6pb6lrmy")
        .image_description("say \"hi\" \\ 😀")
        .data_disk_ids(["disk-1", "disk-2"])
        .dry_run(false)
        .tag_specification([cvm::TagSpecification::builder()
            .resource_type("image")
            .tags([cvm::Tag::builder().key("team").value("infra").build()])
            .build()])
        .build()
        .unwrap()
}

fn cvm_describe_images_request() -> cvm::DescribeImagesRequest {
    cvm::DescribeImagesRequest::builder()
        .filters([cvm::Filter::builder()
            .name("image-type")
            .values(["PRIVATE_IMAGE"])
            .build()])
        .offset(0)
        .limit(10)
        .build()
        .unwrap()
}

fn cvm_delete_images_request() -> cvm::DeleteImagesRequest {
    cvm::DeleteImagesRequest::builder()
        .image_ids(["img-6pb6lrmy"])
        .dry_run(true)
        .build()
        .unwrap()
}

/// Form body for the plain parameters, `Distro` in the query (the SDK's layout); the enum
/// parameters are set from their wire text.
fn wuying_list_image_request() -> wuying::ListImageRequest {
    wuying::ListImageRequest::builder()
        .image_name("Demo Image")
        .image_type("User")
        .status("AVAILABLE")
        .os_type("Windows")
        .product_type("CloudApp")
        // SDK-only parameter that travels in the query: `+` for its space on the wire.
        .distro("Ubuntu 22.04")
        .page_number(2)
        .page_size(50)
        .build()
        .unwrap()
}

fn ens_describe_images_request() -> ens::DescribeImagesRequest {
    ens::DescribeImagesRequest::builder()
        .ens_region_id("cn-dalian-unicom")
        .image_name("centos_6_08_64_20G")
        // Strings in the SDK and the API metadata; integers in the spec (same query text).
        .page_number(2)
        .page_size(50)
        .build()
        .unwrap()
}

fn ens_describe_self_images_request() -> ens::DescribeSelfImagesRequest {
    ens::DescribeSelfImagesRequest::builder()
        // Masked IDs: `*` goes on the wire as `%2A`.
        .image_id("m-5qm2r6xo7njrpdkx04q1o****")
        .image_name("centos_6_08_64_20G")
        .snapshot_id("sp-5xg63dmojc1oaa3pk****")
        .page_number(3)
        .page_size(20)
        .build()
        .unwrap()
}

fn swas_list_custom_images_request() -> swas::ListCustomImagesRequest {
    swas::ListCustomImagesRequest::builder()
        .region_id("cn-hangzhou")
        // An array sent as JSON text (`style: json`), as the SDK's user passes it.
        .image_ids(["m-1a2b3c****", "m-4d5e6f****"])
        .page_number(1)
        .page_size(20)
        .build()
        .unwrap()
}

fn ecs_describe_images_request() -> ecs::DescribeImagesRequest {
    ecs::DescribeImagesRequest::builder()
        .region_id("cn-hangzhou")
        // A list of documented statuses, sent comma-joined (`%2C` on the wire).
        .status([
            ecs::DescribeImagesStatus::Available,
            ecs::DescribeImagesStatus::Creating,
        ])
        .image_owner_alias("self")
        .page_number(1)
        .page_size(100)
        .build()
        .unwrap()
}

/// ROA: the cluster id goes into the path, percent-encoded as the SDK encodes it.
fn cs_describe_cluster_detail_request(cluster_id: &str) -> cs::DescribeClusterDetailRequest {
    cs::DescribeClusterDetailRequest::builder()
        .cluster_id(cluster_id)
        .build()
        .unwrap()
}

/// ROA `PUT` with a compact JSON body (non-ASCII sent as UTF-8; the SDK's model always writes
/// `exclusions`, here set empty to send the same bytes).
fn cs_modify_cluster_request() -> cs::ModifyClusterRequest {
    cs::ModifyClusterRequest::builder()
        .cluster_id("c82e6987e2961451182edacd74faf0000")
        .cluster_name("prod-集群-1")
        .deletion_protection(true)
        .maintenance_window(
            cs::MaintenanceWindow::builder()
                .enable(true)
                .maintenance_time("2023-10-26T02:00:00.000+08:00")
                .duration("3h")
                .weekly_period("Thursday,Sunday")
                .exclusions(Vec::<cs::MaintenanceWindowExclusions>::new())
                .build(),
        )
        .build()
        .unwrap()
}

/// The fixture's request must be the one built here (so the script and this test agree).
fn assert_same_request(fixture: &Fixture, ours: Value) {
    let ours = strip_nulls(&ours);
    assert_eq!(
        ours, fixture.json["request"],
        "{}: the Rust request differs from the recorded one",
        fixture.name
    );
}

fn build(fixture: &Fixture) -> HttpRequest {
    let wire = &fixture.json["wire"];
    let host = wire["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0].as_str().unwrap().eq_ignore_ascii_case("host"))
        .and_then(|h| h[1].as_str())
        .expect("a Host header");
    let pinned = &fixture.json["pinned"];
    let mut credentials = Credentials::new(AK_ID, AK_SECRET);
    if fixture.name.contains("-sts") {
        credentials = credentials.with_security_token(STS_TOKEN);
    }
    let mut config = Config::new()
        .endpoint(format!("http://{host}"))
        .credentials(credentials)
        .clock(FixedClock(pinned["timestamp"].as_i64().unwrap()))
        .nonce(FixedNonce(pinned["nonce"].as_str().unwrap().into()));
    // The legacy signatures: RPC HMAC-SHA1, and ROA HMAC-SHA1 for a ROA service.
    if fixture.name.ends_with("-rpc") || fixture.name.ends_with("-roa-v2") {
        config = config.signature_version(SignatureVersion::RpcHmacSha1);
    }
    let name = fixture.name.as_str();
    if name.starts_with("swas-create-custom-image-") {
        let r = swas_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            swas::SwasOpenClient::new(config)
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("ens-create-image-") {
        let r = ens_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(ens::EnsClient::new(config).runtime().build_request(&r)).unwrap()
    } else if name.starts_with("wuying-list-image-") {
        let r = wuying_list_image_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            wuying::AppstreamCenterClient::new(config)
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("wuying-create-image-by-instance-") {
        let r = wuying_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            wuying::AppstreamCenterClient::new(config)
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("cvm-create-image-") {
        let r = cvm_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            cvm::CvmClient::new(config.region("ap-guangzhou"))
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("cvm-describe-images-") {
        let r = cvm_describe_images_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            cvm::CvmClient::new(config.region("ap-guangzhou"))
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("cvm-delete-images-") {
        let r = cvm_delete_images_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            cvm::CvmClient::new(config.region("ap-guangzhou"))
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("ens-describe-images-") {
        let r = ens_describe_images_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(ens::EnsClient::new(config).runtime().build_request(&r)).unwrap()
    } else if name.starts_with("ens-describe-self-images-") {
        let r = ens_describe_self_images_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(ens::EnsClient::new(config).runtime().build_request(&r)).unwrap()
    } else if name.starts_with("swas-list-custom-images-") {
        let r = swas_list_custom_images_request();
        // The SDK's `ImageIds` is the JSON text of the Rust request's list.
        let mut ours = serde_json::to_value(&r).unwrap();
        ours["ImageIds"] = Value::from(ours["ImageIds"].to_string());
        assert_same_request(fixture, ours);
        ready(
            swas::SwasOpenClient::new(config)
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("ecs-describe-images-") {
        let r = ecs_describe_images_request();
        // The SDK's `Status` is the comma-joined text of the Rust request's list.
        let mut ours = serde_json::to_value(&r).unwrap();
        let joined: Vec<&str> = ours["Status"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        ours["Status"] = Value::from(joined.join(","));
        assert_same_request(fixture, ours);
        ready(ecs::EcsClient::new(config).runtime().build_request(&r)).unwrap()
    } else if name.starts_with("cs-describe-cluster-detail-") {
        let id = fixture.json["request"]["ClusterId"].as_str().unwrap();
        let r = cs_describe_cluster_detail_request(id);
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            cs::CsClient::new(config.region("cn-hangzhou"))
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else if name.starts_with("cs-modify-cluster-") {
        let r = cs_modify_cluster_request();
        assert_same_request(fixture, serde_json::to_value(&r).unwrap());
        ready(
            cs::CsClient::new(config.region("cn-hangzhou"))
                .runtime()
                .build_request(&r),
        )
        .unwrap()
    } else {
        panic!("no request for fixture {name}")
    }
}

#[test]
fn rust_requests_match_the_official_sdks() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 19,
        "fixtures missing: {:?}",
        fixtures.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    for fixture in &fixtures {
        let name = &fixture.name;
        let wire = &fixture.json["wire"];
        let ours = build(fixture);
        let (base, query) = ours.url.split_once('?').unwrap_or((&ours.url, ""));
        assert_eq!(
            ours.method,
            wire["method"].as_str().unwrap(),
            "{name}: method"
        );
        assert!(
            base.ends_with(wire["path"].as_str().unwrap()),
            "{name}: path of {base}"
        );
        assert_eq!(query, wire["raw_query"].as_str().unwrap(), "{name}: query");
        assert_eq!(
            String::from_utf8(ours.body.clone()).unwrap(),
            wire["body"].as_str().unwrap(),
            "{name}: body"
        );
        let tencent = name.starts_with("cvm-");
        let theirs: Vec<(String, String)> = wire["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h[0].as_str().unwrap().to_ascii_lowercase(),
                    h[1].as_str().unwrap().to_string(),
                )
            })
            .filter(|(n, _)| compared(n, tencent, true))
            .collect();
        let ours_headers: Vec<(String, String)> = ours
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
            .filter(|(n, _)| compared(n, tencent, false))
            .collect();
        assert_eq!(
            ours_headers, theirs,
            "{name}: headers (names, values, order)"
        );
        // The signature, explicitly (also covered by the comparisons above).
        match ours.header("authorization") {
            Some(auth) => {
                let recorded = theirs
                    .iter()
                    .find(|(n, _)| n == "authorization")
                    .map(|(_, v)| v.as_str());
                assert_eq!(Some(auth), recorded, "{name}: Authorization");
            }
            None => assert!(
                query.contains("&Signature=")
                    && wire["raw_query"]
                        .as_str()
                        .unwrap()
                        .ends_with(query.rsplit('&').next().unwrap()),
                "{name}: RPC Signature"
            ),
        }
    }
}

/// A ROA error body (lower-case `code`, `message`, `requestId`, 400) decodes to what the official
/// SDK's exception carries (`tests/fixtures/roa-error.json`, recorded by the same script), with
/// both signatures, into the operation's typed error kind.
#[test]
fn roa_errors_decode_as_the_sdk_reads_them() {
    use cloudspec_clients::runtime::{ResponseError, decode_response};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/roa-error.json");
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let reply = &recorded["reply"];
    let status = u16::try_from(reply["status"].as_u64().unwrap()).unwrap();
    let body = reply["body"].as_str().unwrap();
    let decoded = decode_response::<cs::DescribeClusterDetailRequest>(status, body.as_bytes());
    let Err(ResponseError::Api(error)) = decoded else {
        panic!("not a service error: {decoded:?}");
    };
    for signature in ["acs3", "roa-v2"] {
        let sdk = &recorded["raised"][signature];
        assert_eq!(error.code(), sdk["code"].as_str().unwrap(), "{signature}");
        assert_eq!(
            error.request_id(),
            sdk["request_id"].as_str(),
            "{signature}"
        );
        assert_eq!(
            u64::from(error.http_status()),
            sdk["status_code"].as_u64().unwrap()
        );
        // The SDK's message is "code: 400, <message> request id: <id>"; the body's own message
        // is what it wraps.
        assert_eq!(error.message(), sdk["data"]["message"].as_str().unwrap());
        assert_eq!(sdk["requests_sent"], 1, "a 400 is not retried");
    }
    assert_eq!(
        error.kind,
        cs::DescribeClusterDetailErrorKind::ErrorClusterNotFound
    );
}

//! Endpoint resolution is identical to the vendors' official SDKs.
//!
//! `tests/fixtures/endpoints/sdk-endpoints.json` holds, for every service with a spec, the host
//! the official Python SDK chooses (or the refusal it raises) for every region in the vendors'
//! endpoint data and in the SDK's own endpoint map, every network, and, for Tencent, the
//! international root domain on and off; `scripts/record_endpoints.py` records it from the
//! installed SDKs (their versions are in the file). Each row is resolved here with the generated
//! `ServiceSpec` and the runtime's `endpoint::resolve` (what `Client` uses), and must give the same
//! host or the same refusal.
//!
//! A `Client` end to end (`Config::network` reaching the request's URL) is checked at the end.

use cloudspec_clients::runtime::endpoint::{self, EndpointError, Network, resolve};
use cloudspec_clients::runtime::test_util::{MockTransport, Reply, config};
use cloudspec_clients::runtime::{EndpointRule, ServiceSpec};
use cloudspec_clients::{alibaba, tencent};
use serde_json::Value;

/// The Alibaba SDKs' refusal of a regional host without a region
/// (`Utils.get_endpoint_rules`), the only refusal they make.
const SDK_REGION_REQUIRED: &str = "RegionId is empty, please set a valid RegionId";

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/endpoints/sdk-endpoints.json"
    );
    let text = std::fs::read_to_string(path).expect("the endpoint fixture is committed");
    serde_json::from_str(&text).expect("the endpoint fixture is JSON")
}

/// The generated service a fixture entry is about.
fn service(product: &str, version: &str) -> &'static ServiceSpec {
    let spec: &'static ServiceSpec = match product {
        "appstream-center" => &alibaba::appstream_center::v2021_09_01::SERVICE,
        "cs" => &alibaba::cs::v2015_12_15::SERVICE,
        "ecs" => &alibaba::ecs::v2014_05_26::SERVICE,
        "ens" => &alibaba::ens::v2017_11_10::SERVICE,
        "swas-open" => &alibaba::swas_open::v2020_06_01::SERVICE,
        "cvm" => &tencent::cvm::v2017_03_12::SERVICE,
        other => panic!("the fixture names `{other}`, which has no generated client"),
    };
    assert_eq!(spec.version, version, "{product}");
    spec
}

fn text<'a>(row: &'a Value, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

#[test]
fn every_sdk_choice_is_made_the_same() {
    let fixture = fixture();
    let services = fixture["services"].as_array().expect("services");
    assert_eq!(services.len(), 6, "one entry per spec");
    let mut rows = 0;
    let mut mismatches = Vec::new();
    for entry in services {
        let product = text(entry, "product").expect("product");
        let spec = service(product, text(entry, "version").expect("version"));
        for row in entry["rows"].as_array().expect("rows") {
            rows += 1;
            let region = text(row, "region");
            let network = text(row, "network").map_or(Network::default(), Network::from);
            let international = row["international"].as_bool().unwrap_or(false);
            let explicit = text(row, "endpoint");
            let ours = resolve(spec, region, &network, international, explicit);
            let agrees = match (text(row, "host"), text(row, "error"), &ours) {
                (Some(host), None, Ok(e)) => e.scheme() == "https" && e.authority() == host,
                (None, Some(SDK_REGION_REQUIRED), Err(EndpointError::RegionRequired { .. })) => {
                    true
                }
                _ => false,
            };
            if !agrees {
                mismatches.push(format!("{product} {row}: ours {ours:?}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {rows} rows differ from the SDKs:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // The fixture covers what it says: every network, the region maps, refusals.
    assert!(rows >= 1500, "{rows} rows");
}

#[test]
fn the_fixture_covers_every_network_and_region_map() {
    let fixture = fixture();
    for entry in fixture["services"].as_array().expect("services") {
        let product = text(entry, "product").expect("product");
        let spec = service(product, text(entry, "version").expect("version"));
        let rows = entry["rows"].as_array().expect("rows");
        assert!(
            text(entry, "sdk").is_some_and(|s| s.contains(' ')),
            "{product}: SDK package and version recorded"
        );
        // Every region with its own host is asked for.
        for (region, _) in spec.region_map {
            assert!(
                rows.iter().any(|r| text(r, "region") == Some(region)),
                "{product}: no row for {region}"
            );
        }
        // A region-less row, and (Alibaba) every network.
        assert!(rows.iter().any(|r| r["region"].is_null()), "{product}");
        if product != "cvm" {
            for network in ["public", "vpc", "share", "inner", "intl"] {
                assert!(
                    rows.iter().any(|r| text(r, "network") == Some(network)),
                    "{product}: no {network} rows"
                );
            }
        } else {
            assert!(rows.iter().any(|r| r["international"] == true));
            assert!(rows.iter().any(|r| r["international"] == false));
        }
    }
}

#[test]
fn generated_region_map_keys_are_region_ids() {
    // The generator's check mirrors the runtime's rule; a key the runtime would refuse could
    // never be looked up.
    for spec in [
        &alibaba::appstream_center::v2021_09_01::SERVICE,
        &alibaba::cs::v2015_12_15::SERVICE,
        &alibaba::ecs::v2014_05_26::SERVICE,
        &alibaba::ens::v2017_11_10::SERVICE,
        &alibaba::swas_open::v2020_06_01::SERVICE,
        &tencent::cvm::v2017_03_12::SERVICE,
    ] {
        for (region, _) in spec.region_map {
            assert!(endpoint::is_region_id(region), "{}: {region}", spec.product);
        }
    }
}

#[test]
fn the_reported_endpoint_problems_are_gone() {
    let ens = &alibaba::ens::v2017_11_10::SERVICE;
    for region in ["cn-wuhan-lr", "ap-southeast-1", "eu-central-1"] {
        let e = resolve(ens, Some(region), &Network::PUBLIC, false, None).unwrap();
        assert_eq!(e.authority(), format!("ens.{region}.aliyuncs.com"));
    }
    let swas = &alibaba::swas_open::v2020_06_01::SERVICE;
    assert_eq!(swas.endpoint_rule, EndpointRule::Central);
    let e = resolve(swas, None, &Network::VPC, false, None).unwrap();
    assert_eq!(e.authority(), "swas-open-vpc.aliyuncs.com");
    let ecs = &alibaba::ecs::v2014_05_26::SERVICE;
    let e = resolve(ecs, Some("cn-hangzhou"), &Network::PUBLIC, false, None).unwrap();
    assert_eq!(e.authority(), "ecs-cn-hangzhou.aliyuncs.com");
    let cvm = &tencent::cvm::v2017_03_12::SERVICE;
    assert!(matches!(
        resolve(cvm, Some("ap-guangzhou"), &Network::VPC, false, None),
        Err(EndpointError::NetworkUnsupported { .. })
    ));
}

#[tokio::test]
async fn config_network_reaches_the_request() {
    use cloudspec_clients::alibaba::ecs::v2014_05_26::EcsClient;
    let mock = MockTransport::new().reply(Reply::json(200, r#"{"RequestId": "r-1"}"#));
    let client = EcsClient::new(
        config(mock.clone())
            .region("cn-beijing")
            .network(Network::VPC),
    );
    client
        .describe_images()
        .region_id("cn-beijing")
        .send()
        .await
        .unwrap();
    let sent = mock.requests().pop().unwrap();
    assert!(
        sent.request
            .url
            .starts_with("https://ecs-vpc.cn-beijing.aliyuncs.com/"),
        "{}",
        sent.request.url
    );
}

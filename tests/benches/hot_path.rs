//! Client hot-path benchmarks (issue 7): per seed operation, the cost of
//!
//! * `build_sign`: builder → `build()` (validation) → `Client::build_request` (validation again,
//!   idempotency token, wire layout, endpoint, credentials, signature), no network;
//! * `build`: builder → `build()` alone;
//! * `sign`: `Client::build_request` alone, on a request built once;
//! * `decode_success` / `decode_error`: `decode_response` on the operation's documented success
//!   and error example bodies (taken from `specs/`);
//!
//! and the floor, the cryptography no signer can avoid:
//!
//! * `floor/acs3`: one SHA-256 of a real canonical request + one HMAC-SHA256 of the string to
//!   sign (ACS3-HMAC-SHA256);
//! * `floor/tc3_hmac_chain`: the TC3 key derivation (3 HMAC-SHA256) + the final HMAC;
//! * `floor/tc3`: that chain plus the SHA-256 of the payload and of the canonical request;
//! * `floor/acs3_sign` / `floor/tc3_sign`: the runtime's signer functions on the same inputs
//!   (canonicalisation, hex, formatting included).
//!
//! `stages/*` measures two public steps of `sign` for SWAS (ACS3) and CVM (TC3): `validate`
//! (what `build()` runs, and `build_request` again) and `signed_request` (headers,
//! canonicalisation, signature and URL from the wire parameters).
//!
//! Signing time and nonce are pinned (`FixedClock`, `FixedNonce`) and the credentials explicit.
//!
//! ```sh
//! cargo bench -p cloudspec-tests --bench hot_path            # everything, about 2 minutes
//! cargo bench -p cloudspec-tests --bench hot_path -- swas     # one operation
//! cargo bench -p cloudspec-tests --bench hot_path -- --save-baseline run1   # run1, run2, …
//! python3 scripts/bench_medians.py run1 run2 run3            # medians, as a markdown table
//! ```

use std::hint::black_box;

use cloudspec::mock::request::parse_form;
use cloudspec_tests::ready;
use cloudspec_tests::requests::{cvm_request, ens_request, swas_request, wuying_request};
use std::path::PathBuf;
use std::time::Duration;

use cloudspec::model::{ExampleKind, Model};
use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::{Client, Config};
use cloudspec_clients::runtime::clock::{FixedClock, FixedNonce};
use cloudspec_clients::runtime::endpoint::Endpoint;
use cloudspec_clients::runtime::prepare::{RequestContext, USER_AGENT, signed_request};
use cloudspec_clients::runtime::sign::{acs3, tc3};
use cloudspec_clients::runtime::wire::{fill_token, serialize, to_members};
use cloudspec_clients::runtime::{
    Credentials, ErrorKind, Operation, ResponseError, ServiceSpec, SignatureVersion,
    decode_response, validate,
};
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const AK_ID: &str = "LTAI5tTestAccessKeyId";
const AK_SECRET: &str = "TestSecret-4f1c8a2b9d7e";
/// 2023-10-26T10:22:32Z.
const TIMESTAMP: i64 = 1_698_315_752;
const NONCE: &str = "3156853299f313e23d1673dc12e1703d";

// ---------------------------------------------------------------------------------------------
// The requests are `cloudspec_tests::requests`, the same as the wire end-to-end tests.

// ---------------------------------------------------------------------------------------------
// Setup.

fn model() -> Model {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let report = cloudspec::lint::run(&[specs]);
    assert!(!report.has_errors(), "{}", report.render_text());
    report.model
}

/// The first documented example of `kind` of an operation: (HTTP status, body).
fn example(model: &Model, product: &str, name: &str, kind: ExampleKind) -> (u16, Vec<u8>) {
    let (service, op) = model
        .operations()
        .find(|(s, o)| s.product == product && o.name == name)
        .unwrap_or_else(|| panic!("{product} {name} in specs/"));
    let tencent = service.provider == cloudspec::model::Provider::Tencent;
    let ex = op
        .examples
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("{product} {name}: a {kind:?} example"));
    let default_status = match kind {
        ExampleKind::Error if !tencent => 400,
        _ => 200,
    };
    (
        ex.status.unwrap_or(default_status),
        ex.body.clone().into_bytes(),
    )
}

/// A client that never sends: pinned clock and nonce, explicit credentials.
fn client(service: &'static ServiceSpec, region: Option<&str>) -> Client {
    let mut config = Config::new()
        .credentials(Credentials::new(AK_ID, AK_SECRET))
        .clock(FixedClock(TIMESTAMP))
        .nonce(FixedNonce(NONCE.into()));
    if let Some(region) = region {
        config = config.region(region);
    }
    Client::new(service, config)
}

// ---------------------------------------------------------------------------------------------
// Per operation.

struct Case<O: Operation> {
    id: &'static str,
    product: &'static str,
    name: &'static str,
    client: Client,
    make: fn() -> O,
}

fn bench_operation<O: Operation>(c: &mut Criterion, model: &Model, case: Case<O>) {
    let Case {
        id,
        product,
        name,
        client,
        make,
    } = case;
    let success = example(model, product, name, ExampleKind::Success);
    let error = example(model, product, name, ExampleKind::Error);

    // Sanity: the measured paths do what they claim.
    let request = make();
    let signed = ready(client.build_request(&request)).expect("signed request");
    assert!(
        signed
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("authorization") && v.contains("Signature=")),
        "{id}: signed"
    );
    assert!(
        decode_response::<O>(success.0, &success.1).is_ok(),
        "{id}: the success example decodes"
    );
    match decode_response::<O>(error.0, &error.1) {
        Err(ResponseError::Api(e)) => assert_ne!(
            e.kind,
            <O::ErrorKind as ErrorKind>::from_code("\u{0}no such code"),
            "{id}: the error example has its own kind"
        ),
        other => panic!("{id}: the error example is a service error, got {other:?}"),
    }

    let mut group = c.benchmark_group(id);
    group.bench_function("build_sign", |b| {
        b.iter(|| {
            let request = make();
            ready(client.build_request(black_box(&request))).expect("signed")
        })
    });
    group.bench_function("build", |b| b.iter(make));
    group.bench_function("sign", |b| {
        b.iter(|| ready(client.build_request(black_box(&request))).expect("signed"))
    });
    group.bench_function("decode_success", |b| {
        b.iter(|| decode_response::<O>(black_box(success.0), black_box(&success.1)).is_ok())
    });
    group.bench_function("decode_error", |b| {
        b.iter(|| decode_response::<O>(black_box(error.0), black_box(&error.1)).is_err())
    });
    group.finish();
}

fn operations(c: &mut Criterion) {
    let model = model();
    bench_operation(
        c,
        &model,
        Case {
            id: "swas",
            product: "swas-open",
            name: "CreateCustomImage",
            client: client(&swas::SERVICE, None),
            make: swas_request,
        },
    );
    bench_operation(
        c,
        &model,
        Case {
            id: "ens",
            product: "ens",
            name: "CreateImage",
            client: client(&ens::SERVICE, None),
            make: ens_request,
        },
    );
    bench_operation(
        c,
        &model,
        Case {
            id: "wuying",
            product: "appstream-center",
            name: "CreateImageByInstance",
            client: client(&wuying::SERVICE, Some("cn-shanghai")),
            make: wuying_request,
        },
    );
    bench_operation(
        c,
        &model,
        Case {
            id: "cvm",
            product: "cvm",
            name: "CreateImage",
            client: client(&cvm::SERVICE, Some("ap-guangzhou")),
            make: cvm_request,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The steps of `sign`.

fn stage_benches<O: Operation>(
    c: &mut Criterion,
    id: &str,
    request: &O,
    endpoint: &str,
    region: Option<&str>,
) {
    let op = O::SPEC;
    let credentials = Credentials::new(AK_ID, AK_SECRET);
    let endpoint = Endpoint::parse(endpoint).expect("endpoint");
    let mut members = to_members(request).expect("members");
    if let Some(token) = op.idempotency_token {
        fill_token(&mut members, token, || {
            "123e4567-e89b-42d3-a456-426655440000".into()
        });
    }
    let params = serialize(&members, op).expect("wire");
    let cx = RequestContext {
        op,
        endpoint: &endpoint,
        credentials: &credentials,
        region,
        timestamp: TIMESTAMP,
        nonce: NONCE,
        trace_id: "00000000-0000-4000-8000-000000000000",
        signature: SignatureVersion::Acs3,
        user_agent: USER_AGENT,
        language: Some("zh-CN"),
    };
    let mut group = c.benchmark_group(format!("stages/{id}"));
    group.bench_function("validate", |b| {
        b.iter(|| validate(black_box(request), op).is_ok())
    });
    group.bench_function("signed_request", |b| {
        b.iter(|| signed_request(black_box(&params), &cx))
    });
    group.finish();
}

fn stages(c: &mut Criterion) {
    stage_benches(
        c,
        "swas",
        &swas_request(),
        "swas.cn-hangzhou.aliyuncs.com",
        None,
    );
    stage_benches(
        c,
        "cvm",
        &cvm_request(),
        "cvm.tencentcloudapi.com",
        Some("ap-guangzhou"),
    );
}

// ---------------------------------------------------------------------------------------------
// The floor.

type HmacSha256 = Hmac<Sha256>;

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn header(request: &cloudspec_clients::runtime::HttpRequest, name: &str) -> String {
    request
        .header(name)
        .unwrap_or_else(|| panic!("{name} header"))
        .to_string()
}

fn floor(c: &mut Criterion) {
    // Real inputs: what the SWAS and CVM requests above sign.
    let swas_client = client(&swas::SERVICE, None);
    let swas_signed = ready(swas_client.build_request(&swas_request())).expect("signed");
    let (_, query) = swas_signed.url.split_once('?').expect("a query");
    let query = parse_form(query);
    let acs3_headers: Vec<(String, String)> = swas_signed
        .headers
        .iter()
        .filter(|(n, _)| n != "Authorization")
        .cloned()
        .collect();
    let acs3_request = acs3::Acs3Request {
        method: "POST",
        canonical_uri: "/",
        query: &query,
        headers: &acs3_headers,
        body: &swas_signed.body,
    };
    let acs3_reference = acs3::sign(&acs3_request, AK_ID, AK_SECRET);
    assert_eq!(
        swas_signed.header("Authorization"),
        Some(acs3_reference.authorization.as_str()),
        "the floor signs what the client signs"
    );
    let acs3_canonical = acs3_reference.canonical_request.clone().into_bytes();

    let cvm_client = client(&cvm::SERVICE, Some("ap-guangzhou"));
    let cvm_signed = ready(cvm_client.build_request(&cvm_request())).expect("signed");
    let tc3_headers = vec![
        (
            "content-type".to_string(),
            header(&cvm_signed, "Content-Type"),
        ),
        ("host".to_string(), header(&cvm_signed, "Host")),
    ];
    let tc3_request = tc3::Tc3Request {
        method: "POST",
        canonical_uri: "/",
        canonical_query: "",
        headers: &tc3_headers,
        payload: &cvm_signed.body,
        service: "cvm",
        timestamp: TIMESTAMP,
    };
    let tc3_reference = tc3::sign(&tc3_request, AK_ID, AK_SECRET);
    assert_eq!(
        cvm_signed.header("Authorization"),
        Some(tc3_reference.authorization.as_str()),
        "the floor signs what the client signs"
    );
    let tc3_canonical = tc3_reference.canonical_request.clone().into_bytes();
    let tc3_string_to_sign = tc3_reference.string_to_sign.clone().into_bytes();
    let tc3_date = tc3_reference.date.clone().into_bytes();
    let tc3_key = format!("TC3{AK_SECRET}").into_bytes();

    let mut group = c.benchmark_group("floor");
    // ACS3: SHA-256 of the canonical request, hex into the string to sign, one HMAC.
    group.bench_function("acs3", |b| {
        b.iter(|| {
            let digest = Sha256::digest(black_box(&acs3_canonical));
            let mut string_to_sign = *b"ACS3-HMAC-SHA256\n0000000000000000000000000000000000000000000000000000000000000000";
            hex::encode_to_slice(digest, &mut string_to_sign[17..]).expect("64 bytes");
            hmac_sha256(black_box(AK_SECRET.as_bytes()), &string_to_sign)
        })
    });
    // TC3: SecretDate, SecretService, SecretSigning, then the signature.
    group.bench_function("tc3_hmac_chain", |b| {
        b.iter(|| {
            let date = hmac_sha256(black_box(&tc3_key), black_box(&tc3_date));
            let service = hmac_sha256(&date, b"cvm");
            let signing = hmac_sha256(&service, b"tc3_request");
            hmac_sha256(&signing, black_box(&tc3_string_to_sign))
        })
    });
    // TC3 with the two SHA-256 a request needs (payload, canonical request).
    group.bench_function("tc3", |b| {
        b.iter(|| {
            let payload = Sha256::digest(black_box(&cvm_signed.body));
            let canonical = Sha256::digest(black_box(&tc3_canonical));
            let date = hmac_sha256(black_box(&tc3_key), black_box(&tc3_date));
            let service = hmac_sha256(&date, b"cvm");
            let signing = hmac_sha256(&service, b"tc3_request");
            (
                payload,
                canonical,
                hmac_sha256(&signing, black_box(&tc3_string_to_sign)),
            )
        })
    });
    // The runtime's signers on the same inputs.
    group.bench_function("acs3_sign", |b| {
        b.iter(|| acs3::sign(black_box(&acs3_request), AK_ID, AK_SECRET))
    });
    group.bench_function("tc3_sign", |b| {
        b.iter(|| tc3::sign(black_box(&tc3_request), AK_ID, AK_SECRET))
    });
    group.finish();
}

fn criterion() -> Criterion {
    Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = operations, stages, floor
}
criterion_main!(benches);

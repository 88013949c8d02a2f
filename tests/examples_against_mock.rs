//! The example programs (`tests/examples/`, cargo examples of this package) run against
//! `cloudspec mock`: each is included here as a module, so the code a user runs with
//! `cargo run -p cloudspec-tests --example …` is the code these tests drive.

// `main` is the example's and unused here; the rest is called below.
#[allow(dead_code)]
#[path = "examples/cvm_image_lifecycle.rs"]
mod cvm_image_lifecycle;
#[allow(dead_code)]
#[path = "examples/swas_image_lifecycle.rs"]
mod swas_image_lifecycle;

use std::sync::OnceLock;
use std::time::Duration;

use cloudspec::mock::{MockOptions, MockServer, Script, ScriptReply};
use cloudspec::model::Model;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::test_util::NoSleep;
use cloudspec_clients::runtime::{Credentials, RetryPolicy};
use cloudspec_clients::tencent::cvm::v2017_03_12::CvmClient;
use cvm_image_lifecycle::{
    MOCK_ACCOUNT, MOCK_INSTANCE, MOCK_KEY, Options, Plan, lifecycle, parse_args,
};
use serde_json::{Value, json};

/// The repository's specs, loaded once per test binary.
fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
        let report = cloudspec::lint::run(&[specs.into()]);
        assert!(!report.has_errors(), "{}", report.render_text());
        report.model
    })
}

/// The mock over the repository's specs, verifying signatures made with the example's test key.
async fn mock() -> MockServer {
    let options = MockOptions::default().credentials(MOCK_KEY.0, MOCK_KEY.1);
    MockServer::start(model(), options).await.unwrap()
}

/// A client of the mock that records the waiter's sleeps instead of sleeping.
fn client(mock: &MockServer, sleeper: &NoSleep) -> CvmClient {
    CvmClient::new(
        Config::new()
            .credentials(Credentials::new(MOCK_KEY.0, MOCK_KEY.1))
            .region("ap-guangzhou")
            .endpoint(mock.endpoint())
            .retry(RetryPolicy::new(3, Duration::from_millis(1)))
            .sleeper(sleeper.clone()),
    )
}

/// A `DescribeImages` answer: `images` as (id, state), and the total.
fn images(images: &[(&str, &str)], total: i64) -> Script {
    let set: Vec<Value> = images
        .iter()
        .map(|(id, state)| {
            json!({
                "ImageId": id,
                "ImageName": "cloudspec-example-ins-6pb6lrmy",
                "ImageState": state,
            })
        })
        .collect();
    Script::new(
        Some("DescribeImages"),
        ScriptReply::Respond {
            status: 200,
            headers: Default::default(),
            body: json!({
                "Response": {"TotalCount": total, "ImageSet": set, "RequestId": "r-describe"}
            }),
        },
    )
    .times(1)
}

/// Scripts in the order the lifecycle calls `DescribeImages` (scripts used up after `times`
/// requests answer in turn): the waiter sees `CREATING`, then `NORMAL`; the listing by name
/// gets two pages of a total of three images; after the deletion the image is listed once
/// more, then no longer.
fn script_the_image(mock: &MockServer, image: &str) {
    mock.script(images(&[(image, "CREATING")], 1));
    mock.script(images(&[(image, "NORMAL")], 1));
    mock.script(images(&[(image, "NORMAL"), ("img-older001", "NORMAL")], 3));
    mock.script(images(&[("img-older002", "USING")], 3));
    mock.script(images(&[(image, "NORMAL")], 1));
    mock.script(images(&[], 0));
}

/// The operation and the parameters the mock read from each request.
fn received(mock: &MockServer) -> Vec<(String, Value)> {
    mock.requests()
        .into_iter()
        .map(|r| {
            (
                r.operation.unwrap_or_default(),
                r.parameters.unwrap_or(Value::Null),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_image_lifecycle_runs_against_the_mock() {
    let mock = mock().await;
    // The documented CreateImage example answers with this image.
    let image = "img-0yc6rie8";
    script_the_image(&mock, image);
    let sleeper = NoSleep::default();
    let plan = Plan::new("ins-6pb6lrmy", "103849387508");

    let report = lifecycle(&client(&mock, &sleeper), &plan).await.unwrap();

    assert_eq!(report.image_id, image);
    assert_eq!(report.state, "NORMAL");
    assert_eq!(report.listed, [image, "img-older001", "img-older002"]);
    assert_eq!(report.shared_with, "103849387508");
    assert_eq!(
        report.steps,
        [
            "created image img-0yc6rie8 (cloudspec-example-ins-6pb6lrmy) from ins-6pb6lrmy",
            "image img-0yc6rie8 is available: NORMAL",
            "images named cloudspec-example-ins-6pb6lrmy: img-0yc6rie8, img-older001, img-older002 (ours among them)",
            "shared image img-0yc6rie8 with account 103849387508",
            "stopped sharing image img-0yc6rie8 with account 103849387508",
            "deleted image img-0yc6rie8: no longer listed",
        ]
    );

    // What the mock received, read back from the wire, in order.
    let by_name = json!([{"Name": "image-name", "Values": ["cloudspec-example-ins-6pb6lrmy"]}]);
    let share = |permission: &str| json!({"ImageId": image, "AccountIds": ["103849387508"], "Permission": permission});
    assert_eq!(
        received(&mock),
        [
            (
                "CreateImage".to_string(),
                json!({"ImageName": "cloudspec-example-ins-6pb6lrmy", "InstanceId": "ins-6pb6lrmy"})
            ),
            // The waiter: CREATING, then NORMAL.
            ("DescribeImages".into(), json!({"ImageIds": [image]})),
            ("DescribeImages".into(), json!({"ImageIds": [image]})),
            // The paginator: the first page, then the next from the items seen (2 of 3).
            ("DescribeImages".into(), json!({"Filters": by_name})),
            (
                "DescribeImages".into(),
                json!({"Filters": by_name, "Offset": 2})
            ),
            ("ModifyImageSharePermission".into(), share("SHARE")),
            ("ModifyImageSharePermission".into(), share("CANCEL")),
            ("DeleteImages".into(), json!({"ImageIds": [image]})),
            // The deletion waiter: still listed, then gone.
            ("DescribeImages".into(), json!({"ImageIds": [image]})),
            ("DescribeImages".into(), json!({"ImageIds": [image]})),
        ]
    );
    // Every request was signed with the test key and valid as the spec documents it.
    assert!(mock.problems().is_empty(), "{:?}", mock.problems());
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.signature == Some("TC3-HMAC-SHA256"))
    );
    // One wait between the two polls of each waiter, of at least the spec's 5 s (recorded,
    // not slept).
    let slept = sleeper.slept();
    assert_eq!(slept.len(), 2, "{slept:?}");
    assert!(
        slept.iter().all(|d| *d >= Duration::from_secs(5)),
        "{slept:?}"
    );
}

#[tokio::test]
async fn a_failed_image_stops_the_lifecycle_and_names_the_image() {
    let mock = mock().await;
    mock.script(images(&[("img-0yc6rie8", "CREATEFAILED")], 1));

    let error = lifecycle(
        &client(&mock, &NoSleep::default()),
        &Plan::new("ins-6pb6lrmy", "103849387508"),
    )
    .await
    .unwrap_err();

    assert_eq!(error.step, "waiting until the image is available");
    assert_eq!(error.image_id.as_deref(), Some("img-0yc6rie8"));
    assert!(
        error.to_string().contains("CREATEFAILED")
            && error.to_string().contains("delete it if it is still there"),
        "{error}"
    );
    // Nothing after the failed wait.
    let operations: Vec<String> = received(&mock).into_iter().map(|(o, _)| o).collect();
    assert_eq!(operations, ["CreateImage", "DescribeImages"]);
    assert!(mock.problems().is_empty(), "{:?}", mock.problems());
}

#[tokio::test]
async fn the_command_line_runs_against_the_documented_examples() {
    // As `cargo run -p cloudspec-tests --example cvm_image_lifecycle -- --endpoint URL` runs it
    // against `cloudspec mock --script tests/examples/cvm_image_lifecycle.mock.json` (README):
    // the documented examples answer every call but `DescribeImages`, which the script file
    // answers with the new image, twice (the waiter, the listing), then with none (the
    // deletion waiter). The example signs with TENCENTCLOUD_SECRET_ID/_KEY when they are set,
    // so the mock checks the test key only when they are not.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/cvm_image_lifecycle.mock.json"
    );
    let scripts = cloudspec::mock::parse_scripts(&std::fs::read(file).unwrap())
        .expect("the README's script file reads as scripts, as `cloudspec mock --script` reads it");
    let scripts = cloudspec::mock::check_scripts(&cloudspec::mock::Catalog::new(model()), scripts)
        .expect("the script file names served operations");
    let mut options = if !cvm_image_lifecycle::environment_has_key() {
        MockOptions::default().credentials(MOCK_KEY.0, MOCK_KEY.1)
    } else {
        MockOptions::default()
    };
    options.scripts = scripts;
    let mock = MockServer::start(model(), options).await.unwrap();
    let args = ["--endpoint", &mock.endpoint()].map(str::to_string);
    let options = parse_args(args).unwrap().unwrap();
    assert_eq!(options.plan, Plan::new(MOCK_INSTANCE, MOCK_ACCOUNT));
    let config = cvm_image_lifecycle::config(&options).sleeper(NoSleep::default());

    let report = lifecycle(&CvmClient::new(config), &options.plan)
        .await
        .unwrap();

    assert_eq!(report.image_id, "img-0yc6rie8");
    assert_eq!(report.state, "NORMAL");
    assert_eq!(report.listed, ["img-0yc6rie8"]);
    // Create, wait, list, share, unshare, delete, and the deletion waiter's one poll.
    assert_eq!(mock.request_count(), 7);
    assert!(mock.problems().is_empty(), "{:?}", mock.problems());
}

#[test]
fn bad_command_lines_get_a_usage_error() {
    let parse = |args: &[&str]| parse_args(args.iter().map(|a| a.to_string()));
    let error = |args: &[&str]| parse(args).unwrap_err().0;

    assert_eq!(parse(&["--help"]), Ok(None));
    assert_eq!(
        error(&[]),
        "`--instance` is required when calling the service (without `--endpoint`)"
    );
    assert_eq!(
        error(&["--instance", "ins-1"]),
        "`--share-with` is required when calling the service (without `--endpoint`)"
    );
    assert_eq!(error(&["--endpoint"]), "`--endpoint` needs a value");
    assert_eq!(
        error(&["--endpoint", "--region", "x"]),
        "`--endpoint` needs a value"
    );
    assert_eq!(error(&["--frobnicate"]), "unknown argument `--frobnicate`");
    assert_eq!(
        error(&["--region", "a", "--region=b"]),
        "`--region` is given twice"
    );
    // The usage text follows the reason.
    let shown = parse(&["-x"]).unwrap_err().to_string();
    assert!(shown.starts_with("unknown argument `-x`\n\nusage: cvm_image_lifecycle"));

    let options = parse(&[
        "--region=ap-singapore",
        "--instance",
        "ins-1",
        "--share-with",
        "100000000001",
        "--image-name",
        "nightly",
    ])
    .unwrap()
    .unwrap();
    assert_eq!(
        options,
        Options {
            endpoint: None,
            region: "ap-singapore".into(),
            plan: Plan {
                instance: "ins-1".into(),
                image_name: "nightly".into(),
                share_with: "100000000001".into(),
            },
        }
    );
}

/// The Alibaba lifecycle: `examples/swas_image_lifecycle.rs` on the same mock.
mod swas {
    use std::time::Duration;

    use cloudspec::mock::{MockOptions, MockServer, Script, ScriptReply};
    use cloudspec_clients::alibaba::swas_open::v2020_06_01::SwasOpenClient;
    use cloudspec_clients::runtime::client::Config;
    use cloudspec_clients::runtime::test_util::NoSleep;
    use cloudspec_clients::runtime::{Credentials, RetryPolicy};
    use serde_json::{Value, json};

    use super::swas_image_lifecycle::{
        MOCK_ACCOUNT, MOCK_INSTANCE, MOCK_KEY, Options, Plan, environment_has_key, lifecycle,
        parse_args,
    };
    use super::{model, received};

    /// The image the documented `CreateCustomImage` example answers with.
    const IMAGE: &str = "m-csaascsaccscs****";
    const NAME: &str = "cloudspec-example-ace0706b";

    async fn mock() -> MockServer {
        let options = MockOptions::default().credentials(MOCK_KEY.0, MOCK_KEY.1);
        MockServer::start(model(), options).await.unwrap()
    }

    fn client(mock: &MockServer, sleeper: &NoSleep) -> SwasOpenClient {
        SwasOpenClient::new(
            Config::new()
                .credentials(Credentials::new(MOCK_KEY.0, MOCK_KEY.1))
                .region("cn-hangzhou")
                .endpoint(mock.endpoint())
                .retry(RetryPolicy::new(3, Duration::from_millis(1)))
                .sleeper(sleeper.clone()),
        )
    }

    /// A `ListCustomImages` answer: page `page` of `total`, with `images` as (id, status).
    fn images(images: &[(&str, &str)], total: i64, page: i64) -> Script {
        let list: Vec<Value> = images
            .iter()
            .map(|(id, status)| json!({"ImageId": id, "Name": NAME, "Status": status}))
            .collect();
        Script::new(
            Some("ListCustomImages"),
            ScriptReply::Respond {
                status: 200,
                headers: Default::default(),
                body: json!({
                    "RequestId": "r-list", "TotalCount": total, "PageNumber": page,
                    "PageSize": 2, "CustomImages": list
                }),
            },
        )
        .times(1)
    }

    fn plan() -> Plan {
        Plan::new("cn-hangzhou", MOCK_INSTANCE, MOCK_ACCOUNT)
    }

    #[tokio::test]
    async fn the_swas_image_lifecycle_runs_against_the_mock() {
        let mock = mock().await;
        // The waiter sees the image being created (4), then available (1); the listing by
        // name gets two pages of a total of three; after the deletion the image is listed
        // once more, then no longer.
        mock.script(images(&[(IMAGE, "4")], 1, 1));
        mock.script(images(&[(IMAGE, "1")], 1, 1));
        mock.script(images(&[(IMAGE, "1"), ("m-older001", "1")], 3, 1));
        mock.script(images(&[("m-older002", "2")], 3, 2));
        mock.script(images(&[(IMAGE, "1")], 1, 1));
        mock.script(images(&[], 0, 1));
        let sleeper = NoSleep::default();

        let report = lifecycle(&client(&mock, &sleeper), &plan()).await.unwrap();

        assert_eq!(report.image_id, IMAGE);
        assert_eq!(report.status, "1");
        assert_eq!(report.listed, [IMAGE, "m-older001", "m-older002"]);
        assert_eq!(report.shared_with, MOCK_ACCOUNT);
        assert_eq!(
            report.steps,
            [
                format!("created image {IMAGE} ({NAME}) from {MOCK_INSTANCE}"),
                format!("image {IMAGE} is available: Status 1"),
                format!("images named {NAME}: {IMAGE}, m-older001, m-older002 (ours among them)"),
                format!("shared image {IMAGE} with account {MOCK_ACCOUNT}"),
                format!("stopped sharing image {IMAGE} with account {MOCK_ACCOUNT}"),
                format!("deleted image {IMAGE}: no longer listed"),
            ]
        );

        // What the mock read back from the wire, in order: every SWAS call names the region;
        // `ImageIds` and `ImageNames` travel as JSON text, `Account` as `Account.1`.
        let this_image = json!({"RegionId": "cn-hangzhou", "ImageIds": [IMAGE]});
        let by_name = json!({"RegionId": "cn-hangzhou", "ImageNames": [NAME]});
        let share = json!({"RegionId": "cn-hangzhou", "ImageId": IMAGE, "Account": [MOCK_ACCOUNT]});
        let mut received = received(&mock);
        // The client fills CreateCustomImage's idempotency token (`ClientToken`) with a fresh
        // UUID.
        let token = received[0]
            .1
            .as_object_mut()
            .and_then(|p| p.remove("ClientToken"))
            .expect("CreateCustomImage carries a ClientToken");
        let token = token.as_str().unwrap();
        assert!(
            token.len() == 36 && token.chars().filter(|c| *c == '-').count() == 4,
            "{token}"
        );
        assert_eq!(
            received,
            [
                (
                    "CreateCustomImage".to_string(),
                    json!({"RegionId": "cn-hangzhou", "InstanceId": MOCK_INSTANCE, "ImageName": NAME})
                ),
                ("ListCustomImages".into(), this_image.clone()),
                ("ListCustomImages".into(), this_image.clone()),
                ("ListCustomImages".into(), by_name.clone()),
                (
                    "ListCustomImages".into(),
                    json!({"RegionId": "cn-hangzhou", "ImageNames": [NAME], "PageNumber": 2})
                ),
                ("AddCustomImageShareAccount".into(), share.clone()),
                ("RemoveCustomImageShareAccount".into(), share),
                (
                    "DeleteCustomImage".into(),
                    json!({"RegionId": "cn-hangzhou", "ImageId": IMAGE})
                ),
                ("ListCustomImages".into(), this_image.clone()),
                ("ListCustomImages".into(), this_image),
            ]
        );
        assert!(mock.problems().is_empty(), "{:?}", mock.problems());
        assert!(
            mock.requests()
                .iter()
                .all(|r| r.signature == Some("ACS3-HMAC-SHA256")),
            "{:?}",
            mock.requests()
                .iter()
                .map(|r| r.signature)
                .collect::<Vec<_>>()
        );
        // One wait between the two polls of each waiter, of at least the spec's 10 s.
        let slept = sleeper.slept();
        assert_eq!(slept.len(), 2, "{slept:?}");
        assert!(
            slept.iter().all(|d| *d >= Duration::from_secs(10)),
            "{slept:?}"
        );
    }

    #[tokio::test]
    async fn a_failed_swas_image_stops_the_lifecycle_and_names_the_image() {
        let mock = mock().await;
        // Status 3: the image could not be created.
        mock.script(images(&[(IMAGE, "3")], 1, 1));

        let error = lifecycle(&client(&mock, &NoSleep::default()), &plan())
            .await
            .unwrap_err();

        assert_eq!(error.step, "waiting until the image is available");
        assert_eq!(error.image_id.as_deref(), Some(IMAGE));
        assert!(
            error.to_string().contains("delete it if it is still there"),
            "{error}"
        );
        let operations: Vec<String> = received(&mock).into_iter().map(|(o, _)| o).collect();
        assert_eq!(operations, ["CreateCustomImage", "ListCustomImages"]);
        assert!(mock.problems().is_empty(), "{:?}", mock.problems());
    }

    #[tokio::test]
    async fn the_swas_command_line_runs_against_the_documented_examples() {
        // As `cargo run -p cloudspec-tests --example swas_image_lifecycle -- --endpoint URL`
        // runs it against `cloudspec mock --script tests/examples/swas_image_lifecycle.mock.json`
        // (README): the documented examples (or a body with only the request id, where the
        // spec has none) answer every call but `ListCustomImages`, which the script file
        // answers with the new image twice (the waiter, the listing), then with none.
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/swas_image_lifecycle.mock.json"
        );
        let scripts = cloudspec::mock::parse_scripts(&std::fs::read(file).unwrap()).unwrap();
        let scripts =
            cloudspec::mock::check_scripts(&cloudspec::mock::Catalog::new(model()), scripts)
                .expect("the script file names served operations");
        let mut options = if !environment_has_key() {
            MockOptions::default().credentials(MOCK_KEY.0, MOCK_KEY.1)
        } else {
            MockOptions::default()
        };
        options.scripts = scripts;
        let mock = MockServer::start(model(), options).await.unwrap();
        let args = ["--endpoint", &mock.endpoint()].map(str::to_string);
        let options = parse_args(args).unwrap().unwrap();
        assert_eq!(options.plan, plan());
        let config = super::swas_image_lifecycle::config(&options).sleeper(NoSleep::default());

        let report = lifecycle(&SwasOpenClient::new(config), &options.plan)
            .await
            .unwrap();

        assert_eq!(report.image_id, IMAGE);
        assert_eq!(report.status, "1");
        assert_eq!(report.listed, [IMAGE]);
        // Create, wait, list, share, unshare, delete, and the deletion waiter's one poll.
        assert_eq!(mock.request_count(), 7);
        assert!(mock.problems().is_empty(), "{:?}", mock.problems());
    }

    #[test]
    fn bad_swas_command_lines_get_a_usage_error() {
        let parse = |args: &[&str]| parse_args(args.iter().map(|a| a.to_string()));
        let error = |args: &[&str]| parse(args).unwrap_err().0;

        assert_eq!(parse(&["--help"]), Ok(None));
        assert_eq!(
            error(&[]),
            "`--instance` is required when calling the service (without `--endpoint`)"
        );
        assert_eq!(
            error(&["--instance", "i-1"]),
            "`--share-with` is required when calling the service (without `--endpoint`)"
        );
        assert_eq!(
            error(&["--instance", "i-1", "--share-with", "alice"]),
            "`--share-with` is an account ID, a positive number; `alice` is not"
        );
        assert_eq!(
            error(&["--endpoint=http://x", "--share-with=-5"]),
            "`--share-with` is an account ID, a positive number; `-5` is not"
        );
        let shown = parse(&["-x"]).unwrap_err().to_string();
        assert!(shown.starts_with("unknown argument `-x`\n\nusage: swas_image_lifecycle"));

        let options = parse(&[
            "--region=cn-shanghai",
            "--instance",
            "2ad1ae67-2954",
            "--share-with",
            "1000001",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            options,
            Options {
                endpoint: None,
                region: "cn-shanghai".into(),
                plan: Plan {
                    region: "cn-shanghai".into(),
                    instance: "2ad1ae67-2954".into(),
                    image_name: "cloudspec-example-2ad1ae67".into(),
                    share_with: 1_000_001,
                },
            }
        );
    }
}

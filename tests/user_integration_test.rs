//! An integration test of user code against `cloudspec mock`, as README.md ("Integration tests
//! against `cloudspec mock`") shows it: the README's example is this file's code between the
//! markers, and `readme_shows_this_example` checks that it still is.

// README example begins
use cloudspec::mock::{MockOptions, MockServer, Script, ScriptReply};
use cloudspec_clients::runtime::client::{Config, Error};
use cloudspec_clients::runtime::{Credentials, RetryPolicy};
use cloudspec_clients::tencent::cvm::v2017_03_12::{CreateImageErrorKind, CvmClient};

/// The code under test: an image of the instance, named after it.
async fn image_of(
    client: &CvmClient,
    instance: &str,
) -> Result<String, Error<CreateImageErrorKind>> {
    let response = client
        .create_image()
        .image_name(format!("backup-{instance}"))
        .instance_id(instance)
        .send()
        .await?;
    Ok(response.image_id.unwrap_or_default())
}

/// The mock serving the project's specs, checking signatures made with the test key.
async fn mock() -> MockServer {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let model = cloudspec::lint::run(&[specs.into()]).model;
    let options = MockOptions::default().credentials("AKIDtest", "test-secret");
    MockServer::start(&model, options).await.unwrap()
}

fn client(mock: &MockServer) -> CvmClient {
    CvmClient::new(
        Config::new()
            .credentials(Credentials::new("AKIDtest", "test-secret"))
            .region("ap-guangzhou")
            .endpoint(mock.endpoint())
            .retry(RetryPolicy::new(3, std::time::Duration::from_millis(1))),
    )
}

#[tokio::test]
async fn answers_with_the_documented_example() {
    let mock = mock().await;

    let image = image_of(&client(&mock), "ins-6pb6lrmy").await.unwrap();
    assert_eq!(image, "img-0yc6rie8"); // the example in the spec
    let sent = mock.requests();
    assert_eq!(sent[0].operation.as_deref(), Some("CreateImage"));
    assert_eq!(
        sent[0].parameters.as_ref().unwrap()["ImageName"],
        "backup-ins-6pb6lrmy"
    );
    assert!(mock.problems().is_empty(), "{:?}", mock.problems());
}

#[tokio::test]
async fn reports_a_documented_error() {
    let mock = mock().await;
    mock.script(Script::new(
        Some("CreateImage"),
        ScriptReply::Error {
            code: "InvalidImageName.Duplicate".into(),
            message: None,
            status: None,
        },
    ));

    let error = image_of(&client(&mock), "ins-6pb6lrmy").await.unwrap_err();
    assert_eq!(error.code(), Some("InvalidImageName.Duplicate"));
}

#[tokio::test]
async fn retries_when_throttled() {
    let mock = mock().await;
    mock.script(Script::new(Some("CreateImage"), ScriptReply::Throttle).times(1));

    assert!(image_of(&client(&mock), "ins-6pb6lrmy").await.is_ok());
    assert_eq!(mock.request_count(), 2);
}
// README example ends

#[test]
fn readme_shows_this_example() {
    let this = include_str!("user_integration_test.rs");
    let start =
        this.find("// README example begins\n").unwrap() + "// README example begins\n".len();
    let end = this.find("// README example ends").unwrap();
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&format!("```rust\n{}```", &this[start..end])),
        "README.md's integration-test example differs from tests/user_integration_test.rs"
    );
}

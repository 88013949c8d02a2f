//! A unit test of user code that calls a cloudspec client, as README.md ("Testing code that
//! calls the clients") shows it: the README's example is this file's code between the markers,
//! and `readme_shows_this_example` checks that it still is.

// README example begins
use cloudspec_clients::runtime::test_util::{Match, MockTransport, NoSleep, Reply, config};
use cloudspec_clients::tencent::cvm::v2017_03_12::{CvmClient, Filter};

/// The code under test: the IDs of the images with this name.
async fn image_ids(
    client: &CvmClient,
    name: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let response = client
        .describe_images()
        .filters([Filter::builder().name("image-name").values([name]).build()])
        .send()
        .await?;
    let images = response.image_set.unwrap_or_default();
    Ok(images
        .into_iter()
        .filter_map(|image| image.image_id)
        .collect())
}

#[tokio::test]
async fn finds_images_by_name() {
    let mock = MockTransport::new().on(
        Match::operation("DescribeImages"),
        Reply::json(200, r#"{"Response": {"TotalCount": 1, "ImageSet": [{"ImageId": "img-1"}], "RequestId": "r-1"}}"#),
    );
    let client = CvmClient::new(config(mock.clone()));

    assert_eq!(image_ids(&client, "web").await.unwrap(), ["img-1"]);
    // What the code sent, as the server reads it.
    let sent = mock.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].param("Filters"),
        Some(r#"[{"Name":"image-name","Values":["web"]}]"#)
    );
}

#[tokio::test]
async fn retries_when_throttled_without_waiting() {
    let throttled = r#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "r-1"}}"#;
    let mock = MockTransport::new().on_sequence(
        Match::operation("DescribeImages"),
        [
            Reply::json(200, throttled),
            Reply::json(
                200,
                r#"{"Response": {"TotalCount": 0, "ImageSet": [], "RequestId": "r-2"}}"#,
            ),
        ],
    );
    let sleeper = NoSleep::default();
    let client = CvmClient::new(config(mock.clone()).sleeper(sleeper.clone()));

    assert!(image_ids(&client, "web").await.unwrap().is_empty());
    assert_eq!(mock.count(&Match::operation("DescribeImages")), 2);
    assert_eq!(sleeper.slept().len(), 1); // one backoff, not waited for
}

#[tokio::test]
async fn reports_a_documented_error() {
    let mock = MockTransport::new().reply(Reply::json(
        200,
        r#"{"Response": {"Error": {"Code": "InvalidFilter", "Message": "bad filter"}, "RequestId": "r-3"}}"#,
    ));
    let client = CvmClient::new(config(mock));

    let error = image_ids(&client, "web").await.unwrap_err();
    assert!(error.to_string().contains("InvalidFilter"), "{error}");
}
// README example ends

#[test]
fn readme_shows_this_example() {
    let this = include_str!("user_unit_test.rs");
    let start =
        this.find("// README example begins\n").unwrap() + "// README example begins\n".len();
    let end = this.find("// README example ends").unwrap();
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&format!("```rust\n{}```", &this[start..end])),
        "README.md's unit-test example differs from tests/user_unit_test.rs"
    );
}

//! The lifecycle of a Tencent CVM custom image, with the generated client's fluent calls, its
//! waiter and its paginator:
//!
//! 1. `CreateImage` from an instance;
//! 2. `DescribeImages` polled by the waiter `wait_until_image_available` until the image is
//!    `NORMAL` (or `USING`);
//! 3. `DescribeImages` with an `image-name` filter, every page through
//!    `describe_images_paginator(…).items()`;
//! 4. `ModifyImageSharePermission` `SHARE` with another account, then `CANCEL` (the service
//!    refuses to delete an image while it is shared: `InvalidImageId.InShared`);
//! 5. `DeleteImages`, then `DescribeImages` polled by the waiter `wait_until_image_deleted`
//!    until the image is no longer listed.
//!
//! Against `cloudspec mock` (see README.md, "Integration tests against `cloudspec mock`"):
//!
//! ```sh
//! MOCK_SECRET=test-secret cargo run -p cloudspec -- mock --access-key-id AKIDtest --secret-env MOCK_SECRET \
//!     --script tests/examples/cvm_image_lifecycle.mock.json
//! cargo run -p cloudspec-tests --example cvm_image_lifecycle -- --endpoint http://127.0.0.1:PORT
//! ```
//!
//! Against the service (it creates, shares and deletes a real image), with the credentials of
//! the environment (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, or the profile file):
//!
//! ```sh
//! cargo run -p cloudspec-tests --example cvm_image_lifecycle -- \
//!     --region ap-guangzhou --instance ins-xxxxxxxx --share-with 100000000001
//! ```
//!
//! `tests/examples_against_mock.rs` includes this file as a module and runs [`lifecycle`]
//! against an in-process mock.

use std::error::Error;
use std::fmt;
use std::process::ExitCode;

use cloudspec_clients::runtime::Credentials;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::paginate::TryStreamExt as _;
use cloudspec_clients::tencent::cvm::v2017_03_12::{CvmClient, DescribeImagesRequest, Filter};

/// The key the example signs with when given `--endpoint` and the environment has no Tencent
/// key ([`environment_has_key`]): the one README.md starts `cloudspec mock` with.
pub const MOCK_KEY: (&str, &str) = ("AKIDtest", "test-secret");

/// With `--endpoint`, the instance and the account when none is given: the examples of the
/// CVM spec (`CreateImage`, `ModifyImageSharePermission`).
pub const MOCK_INSTANCE: &str = "ins-6pb6lrmy";
/// See [`MOCK_INSTANCE`].
pub const MOCK_ACCOUNT: &str = "103849387508";

const USAGE: &str = "\
usage: cvm_image_lifecycle [--endpoint URL] [--region REGION] [--instance ID]
                           [--share-with ACCOUNT] [--image-name NAME]

Creates an image of the instance, waits until it is available, finds it by name, shares it
with the account, cancels the sharing and deletes it.

  --endpoint URL        call this endpoint (cloudspec mock: http://127.0.0.1:PORT) instead of
                        the service; signs with TENCENTCLOUD_SECRET_ID/_KEY when both set, else with
                        the test key AKIDtest/test-secret; --instance and --share-with default
                        to the spec's examples (ins-6pb6lrmy, 103849387508)
  --region REGION       the region (default ap-guangzhou)
  --instance ID         the instance to image (required without --endpoint)
  --share-with ACCOUNT  the root account to share the image with (required without --endpoint)
  --image-name NAME     the image's name (default cloudspec-example-<instance>)
  -h, --help            this text";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--endpoint`: the mock (or any endpoint) instead of the service.
    pub endpoint: Option<String>,
    /// `--region`.
    pub region: String,
    /// What to do.
    pub plan: Plan,
}

/// What the lifecycle does: which instance, which name, shared with whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The instance the image is made from.
    pub instance: String,
    /// The image's name.
    pub image_name: String,
    /// The root account the image is shared with.
    pub share_with: String,
}

impl Plan {
    /// The image of `instance`, named `cloudspec-example-<instance>`, shared with `share_with`.
    pub fn new(instance: &str, share_with: &str) -> Plan {
        Plan {
            instance: instance.to_string(),
            image_name: format!("cloudspec-example-{instance}"),
            share_with: share_with.to_string(),
        }
    }
}

/// A command line the example cannot run: what is wrong, shown above the usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n\n{USAGE}", self.0)
    }
}

impl Error for Usage {}

/// Reads the arguments (without the program name). `Ok(None)`: `--help`.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, Usage> {
    let mut endpoint = None;
    let mut region = None;
    let mut instance = None;
    let mut share_with = None;
    let mut image_name = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // `--name value` or `--name=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_string(), Some(value)),
            _ => (arg.clone(), None),
        };
        let slot = match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--endpoint" => &mut endpoint,
            "--region" => &mut region,
            "--instance" => &mut instance,
            "--share-with" => &mut share_with,
            "--image-name" => &mut image_name,
            _ => return Err(Usage(format!("unknown argument `{arg}`"))),
        };
        let value = match inline {
            Some(value) => value.to_string(),
            None => args
                .next()
                .ok_or_else(|| Usage(format!("`{name}` needs a value")))?,
        };
        if value.is_empty() || (inline.is_none() && value.starts_with("--")) {
            return Err(Usage(format!("`{name}` needs a value")));
        }
        if slot.replace(value).is_some() {
            return Err(Usage(format!("`{name}` is given twice")));
        }
    }
    let on_mock = endpoint.is_some();
    let required = |value: Option<String>, name: &str, mock_default: &str| match value {
        Some(value) => Ok(value),
        None if on_mock => Ok(mock_default.to_string()),
        None => Err(Usage(format!(
            "`{name}` is required when calling the service (without `--endpoint`)"
        ))),
    };
    let instance = required(instance, "--instance", MOCK_INSTANCE)?;
    let share_with = required(share_with, "--share-with", MOCK_ACCOUNT)?;
    let mut plan = Plan::new(&instance, &share_with);
    if let Some(name) = image_name {
        plan.image_name = name;
    }
    Ok(Some(Options {
        endpoint,
        region: region.unwrap_or_else(|| "ap-guangzhou".to_string()),
        plan,
    }))
}

/// The client configuration `options` ask for: the region; with an endpoint, that endpoint
/// and the environment's keys if it has them ([`environment_has_key`]), else [`MOCK_KEY`]; without
/// one, the default credential chain.
pub fn config(options: &Options) -> Config {
    let config = Config::new().region(options.region.as_str());
    match &options.endpoint {
        None => config,
        Some(endpoint) => {
            let config = config.endpoint(endpoint.as_str());
            if environment_has_key() {
                config
            } else {
                config.credentials(Credentials::new(MOCK_KEY.0, MOCK_KEY.1))
            }
        }
    }
}

/// Whether `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` are both set and not empty.
pub fn environment_has_key() -> bool {
    ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]
        .iter()
        .all(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// What the lifecycle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The image `CreateImage` returned.
    pub image_id: String,
    /// Its state when the waiter was done (`NORMAL`).
    pub state: String,
    /// The images the filtered listing returned, across its pages, in order.
    pub listed: Vec<String>,
    /// The account it was shared with (and the sharing cancelled).
    pub shared_with: String,
    /// One line per step, as printed.
    pub steps: Vec<String>,
}

/// A step that failed, with the image left behind (if one was created).
#[derive(Debug)]
pub struct StepFailed {
    /// The step (`CreateImage`, `wait until available`, …).
    pub step: &'static str,
    /// The image created before the failure, which may need deleting.
    pub image_id: Option<String>,
    /// Why.
    pub source: Box<dyn Error + Send + Sync>,
}

impl fmt::Display for StepFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.step, self.source)?;
        if let Some(image) = &self.image_id {
            write!(
                f,
                " (image {image} was created; delete it if it is still there)"
            )?;
        }
        Ok(())
    }
}

impl Error for StepFailed {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Creates an image of `plan.instance`, waits until it is available, lists the images with its
/// name (every page), shares it with `plan.share_with`, cancels the sharing and deletes it,
/// printing each step.
pub async fn lifecycle(client: &CvmClient, plan: &Plan) -> Result<Report, StepFailed> {
    let mut steps = Vec::new();
    let mut step = |line: String| {
        println!("{line}");
        steps.push(line);
    };
    let failed = |step: &'static str, image: Option<&str>| {
        let image_id = image.map(str::to_string);
        move |source: Box<dyn Error + Send + Sync>| StepFailed {
            step,
            image_id,
            source,
        }
    };

    let created = client
        .create_image()
        .image_name(plan.image_name.as_str())
        .instance_id(plan.instance.as_str())
        .send()
        .await
        .map_err(|e| failed("CreateImage", None)(e.into()))?;
    let Some(image_id) = created.image_id else {
        return Err(failed("CreateImage", None)(
            "the response has no ImageId".into(),
        ));
    };
    let image = Some(image_id.as_str());
    step(format!(
        "created image {image_id} ({}) from {}",
        plan.image_name, plan.instance
    ));

    let this_image = DescribeImagesRequest::builder()
        .image_ids([image_id.as_str()])
        .build()
        .map_err(|e| failed("DescribeImages", image)(e.into()))?;
    let available = client
        .wait_until_image_available(this_image.clone())
        .await
        .map_err(|e| failed("waiting until the image is available", image)(e.into()))?;
    let state = available
        .image_set
        .unwrap_or_default()
        .into_iter()
        .find(|i| i.image_id.as_deref() == Some(image_id.as_str()))
        .and_then(|i| i.image_state)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "(not in the response)".to_string());
    step(format!("image {image_id} is available: {state}"));

    let by_name = DescribeImagesRequest::builder()
        .filters([Filter::builder()
            .name("image-name")
            .values([plan.image_name.as_str()])
            .build()])
        .build()
        .map_err(|e| failed("DescribeImages", image)(e.into()))?;
    let listed: Vec<String> = client
        .describe_images_paginator(by_name)
        .items()
        .map_ok(|i| i.image_id.unwrap_or_default())
        .try_collect()
        .await
        .map_err(|e| failed("listing the images by name", image)(e.into()))?;
    step(format!(
        "images named {}: {} ({})",
        plan.image_name,
        listed.join(", "),
        if listed.contains(&image_id) {
            "ours among them"
        } else {
            "ours not among them"
        }
    ));

    for (permission, done) in [("SHARE", "shared"), ("CANCEL", "stopped sharing")] {
        client
            .modify_image_share_permission()
            .image_id(image_id.as_str())
            .account_ids([plan.share_with.as_str()])
            .permission(permission)
            .send()
            .await
            .map_err(|e| failed("ModifyImageSharePermission", image)(e.into()))?;
        step(format!(
            "{done} image {image_id} with account {}",
            plan.share_with
        ));
    }

    client
        .delete_images()
        .image_ids([image_id.as_str()])
        .send()
        .await
        .map_err(|e| failed("DeleteImages", image)(e.into()))?;
    client
        .wait_until_image_deleted(this_image)
        .await
        .map_err(|e| failed("waiting until the image is deleted", image)(e.into()))?;
    step(format!("deleted image {image_id}: no longer listed"));

    Ok(Report {
        image_id,
        state,
        listed,
        shared_with: plan.share_with.clone(),
        steps,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(usage) => {
            eprintln!("cvm_image_lifecycle: {usage}");
            return ExitCode::from(2);
        }
    };
    let client = CvmClient::new(config(&options));
    match lifecycle(&client, &options.plan).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cvm_image_lifecycle: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The lifecycle of an Alibaba Cloud Simple Application Server (SWAS) custom image, with the
//! generated client's fluent calls, its waiters and its paginator:
//!
//! 1. `CreateCustomImage` from a server;
//! 2. `ListCustomImages` polled by the waiter `wait_until_image_available` until the image's
//!    `Status` is `1` (available);
//! 3. `ListCustomImages` filtered by `ImageNames`, every page through
//!    `list_custom_images_paginator(…).items()`;
//! 4. `AddCustomImageShareAccount` with another account, then
//!    `RemoveCustomImageShareAccount`;
//! 5. `DeleteCustomImage`, then `ListCustomImages` polled by the waiter
//!    `wait_until_image_deleted` until the image is no longer listed.
//!
//! Against `cloudspec mock` (see README.md, "Integration tests against `cloudspec mock`"):
//!
//! ```sh
//! MOCK_SECRET=test-secret cargo run -p cloudspec -- mock --access-key-id AKIDtest --secret-env MOCK_SECRET \
//!     --script tests/examples/swas_image_lifecycle.mock.json
//! cargo run -p cloudspec-tests --example swas_image_lifecycle -- --endpoint http://127.0.0.1:PORT
//! ```
//!
//! Against the service (it creates, shares and deletes a real image), with the credentials of
//! the environment (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, or the
//! profile file):
//!
//! ```sh
//! cargo run -p cloudspec-tests --example swas_image_lifecycle -- \
//!     --region cn-hangzhou --instance ace0706b2ac4454d984295a94213xxxx --share-with 1234567890123456
//! ```
//!
//! `tests/examples_against_mock.rs` includes this file as a module and runs [`lifecycle`]
//! against an in-process mock.

use std::error::Error;
use std::fmt;
use std::process::ExitCode;

use cloudspec_clients::alibaba::swas_open::v2020_06_01::{ListCustomImagesRequest, SwasOpenClient};
use cloudspec_clients::runtime::Credentials;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::paginate::TryStreamExt as _;

/// The key the example signs with when given `--endpoint` and the environment has no Alibaba
/// key ([`environment_has_key`]): the one README.md starts `cloudspec mock` with.
pub const MOCK_KEY: (&str, &str) = ("AKIDtest", "test-secret");

/// With `--endpoint`, the server when none is given (the spec's `InstanceId` example).
pub const MOCK_INSTANCE: &str = "ace0706b2ac4454d984295a94213****";
/// With `--endpoint`, the account to share with when none is given.
pub const MOCK_ACCOUNT: i64 = 1_234_567_890_123_456;

const USAGE: &str = "\
usage: swas_image_lifecycle [--endpoint URL] [--region REGION] [--instance ID]
                            [--share-with ACCOUNT] [--image-name NAME]

Creates a custom image of the simple application server, waits until it is available, finds it
by name, shares it with the account, stops sharing it and deletes it.

  --endpoint URL        call this endpoint (cloudspec mock: http://127.0.0.1:PORT) instead of
                        the service; signs with ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET when both
                        set, else with the test key AKIDtest/test-secret; --instance and
                        --share-with default to the spec's example server
                        (ace0706b2ac4454d984295a94213****) and 1234567890123456
  --region REGION       the region (default cn-hangzhou)
  --instance ID         the server to image (required without --endpoint)
  --share-with ACCOUNT  the Alibaba Cloud account ID to share the image with (a number; required
                        without --endpoint)
  --image-name NAME     the image's name (default cloudspec-example-<first 8 characters of the
                        server ID>)
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

/// What the lifecycle does: which server, which name, shared with whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The region the server and the image are in (every SWAS call names it).
    pub region: String,
    /// The server the image is made from.
    pub instance: String,
    /// The image's name.
    pub image_name: String,
    /// The account the image is shared with.
    pub share_with: i64,
}

impl Plan {
    /// The image of `instance` in `region`, named `cloudspec-example-` and the server ID's first
    /// eight characters (the image name allows letters, digits, `-`, `_` and `.` only), shared
    /// with `share_with`.
    pub fn new(region: &str, instance: &str, share_with: i64) -> Plan {
        let short: String = instance
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        Plan {
            region: region.to_string(),
            instance: instance.to_string(),
            image_name: format!("cloudspec-example-{short}"),
            share_with,
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
    let missing = |name: &str| {
        Usage(format!(
            "`{name}` is required when calling the service (without `--endpoint`)"
        ))
    };
    let instance = match instance {
        Some(instance) => instance,
        None if on_mock => MOCK_INSTANCE.to_string(),
        None => return Err(missing("--instance")),
    };
    let share_with = match share_with {
        Some(account) => account
            .parse::<i64>()
            .ok()
            .filter(|a| *a > 0)
            .ok_or_else(|| {
                Usage(format!(
                    "`--share-with` is an account ID, a positive number; `{account}` is not"
                ))
            })?,
        None if on_mock => MOCK_ACCOUNT,
        None => return Err(missing("--share-with")),
    };
    let region = region.unwrap_or_else(|| "cn-hangzhou".to_string());
    let mut plan = Plan::new(&region, &instance, share_with);
    if let Some(name) = image_name {
        plan.image_name = name;
    }
    Ok(Some(Options {
        endpoint,
        region,
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

/// Whether `ALIBABA_CLOUD_ACCESS_KEY_ID` and `ALIBABA_CLOUD_ACCESS_KEY_SECRET` are both set and
/// not empty.
pub fn environment_has_key() -> bool {
    [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    ]
    .iter()
    .all(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// What the lifecycle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The image `CreateCustomImage` returned.
    pub image_id: String,
    /// Its `Status` when the waiter was done (`1`, available).
    pub status: String,
    /// The images the listing by name returned, across its pages, in order.
    pub listed: Vec<String>,
    /// The account it was shared with (and the sharing removed).
    pub shared_with: i64,
    /// One line per step, as printed.
    pub steps: Vec<String>,
}

/// A step that failed, with the image left behind (if one was created).
#[derive(Debug)]
pub struct StepFailed {
    /// The step (`CreateCustomImage`, `wait until available`, …).
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

/// Creates a custom image of `plan.instance`, waits until it is available, lists the images
/// with its name (every page), shares it with `plan.share_with`, stops sharing it and deletes
/// it, printing each step.
pub async fn lifecycle(client: &SwasOpenClient, plan: &Plan) -> Result<Report, StepFailed> {
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
    let region = plan.region.as_str();

    let created = client
        .create_custom_image()
        .region_id(region)
        .instance_id(plan.instance.as_str())
        .image_name(plan.image_name.as_str())
        .send()
        .await
        .map_err(|e| failed("CreateCustomImage", None)(e.into()))?;
    let Some(image_id) = created.image_id else {
        return Err(failed("CreateCustomImage", None)(
            "the response has no ImageId".into(),
        ));
    };
    let image = Some(image_id.as_str());
    step(format!(
        "created image {image_id} ({}) from {}",
        plan.image_name, plan.instance
    ));

    let this_image = ListCustomImagesRequest::builder()
        .region_id(region)
        .image_ids([image_id.as_str()])
        .build()
        .map_err(|e| failed("ListCustomImages", image)(e.into()))?;
    let available = client
        .wait_until_image_available(this_image.clone())
        .await
        .map_err(|e| failed("waiting until the image is available", image)(e.into()))?;
    let status = available
        .custom_images
        .unwrap_or_default()
        .into_iter()
        .find(|i| i.image_id.as_deref() == Some(image_id.as_str()))
        .and_then(|i| i.status)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "(not in the response)".to_string());
    step(format!("image {image_id} is available: Status {status}"));

    let by_name = ListCustomImagesRequest::builder()
        .region_id(region)
        .image_names([plan.image_name.as_str()])
        .build()
        .map_err(|e| failed("ListCustomImages", image)(e.into()))?;
    let listed: Vec<String> = client
        .list_custom_images_paginator(by_name)
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

    client
        .add_custom_image_share_account()
        .region_id(region)
        .image_id(image_id.as_str())
        .account([plan.share_with])
        .send()
        .await
        .map_err(|e| failed("AddCustomImageShareAccount", image)(e.into()))?;
    step(format!(
        "shared image {image_id} with account {}",
        plan.share_with
    ));
    client
        .remove_custom_image_share_account()
        .region_id(region)
        .image_id(image_id.as_str())
        .account([plan.share_with])
        .send()
        .await
        .map_err(|e| failed("RemoveCustomImageShareAccount", image)(e.into()))?;
    step(format!(
        "stopped sharing image {image_id} with account {}",
        plan.share_with
    ));

    client
        .delete_custom_image()
        .region_id(region)
        .image_id(image_id.as_str())
        .send()
        .await
        .map_err(|e| failed("DeleteCustomImage", image)(e.into()))?;
    client
        .wait_until_image_deleted(this_image)
        .await
        .map_err(|e| failed("waiting until the image is deleted", image)(e.into()))?;
    step(format!("deleted image {image_id}: no longer listed"));

    Ok(Report {
        image_id,
        status,
        listed,
        shared_with: plan.share_with,
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
            eprintln!("swas_image_lifecycle: {usage}");
            return ExitCode::from(2);
        }
    };
    let client = SwasOpenClient::new(config(&options));
    match lifecycle(&client, &options.plan).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("swas_image_lifecycle: {e}");
            ExitCode::FAILURE
        }
    }
}

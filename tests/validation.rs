//! Every validation rule of the four seed operations, accept and reject sides, at the edges.

use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
use cloudspec_clients::alibaba::ecs::v2014_05_26 as ecs;
use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::ValidationErrors;
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;

fn swas_base() -> swas::CreateCustomImageRequestBuilder {
    swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name("customImage-test")
}

fn rules(e: &ValidationErrors) -> Vec<(String, &'static str)> {
    e.violations
        .iter()
        .map(|v| (v.path.clone(), v.rule))
        .collect()
}

#[test]
fn swas_image_name_length_edges() {
    for len in [2, 128] {
        let name = format!("a{}", "b".repeat(len - 1));
        assert!(
            swas_base().image_name(name).build().is_ok(),
            "{len} characters is allowed"
        );
    }
    let short = swas_base().image_name("a").build().unwrap_err();
    assert_eq!(rules(&short), vec![("ImageName".into(), "minLength")]);
    assert_eq!(
        short.violations[0].says,
        "The name must be 2 to 128 characters in length"
    );
    let long = swas_base().image_name("a".repeat(129)).build().unwrap_err();
    assert_eq!(rules(&long), vec![("ImageName".into(), "maxLength")]);
    // Lengths count characters, not bytes.
    assert!(
        swas_base()
            .image_name(format!("a{}", "b".repeat(127)))
            .build()
            .is_ok()
    );
}

#[test]
fn swas_image_name_characters() {
    assert!(
        swas_base()
            .image_name("9name:with_all-chars")
            .build()
            .is_ok(),
        "may start with a digit"
    );
    let e = swas_base().image_name("_bad").build().unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "firstChar")]);
    let e = swas_base().image_name("bad name!").build().unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "allowedChars")]);
    assert!(
        e.violations[0].message.contains("` `"),
        "{}",
        e.violations[0].message
    );
}

#[test]
fn swas_required_parameters_all_reported() {
    let e = swas::CreateCustomImageRequest::builder()
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![
            ("RegionId".into(), "required"),
            ("InstanceId".into(), "required"),
            ("ImageName".into(), "required")
        ]
    );
}

fn tag(key: &str, value: &str) -> swas::CreateCustomImageTag {
    swas::CreateCustomImageTag::builder()
        .key(key)
        .value(value)
        .build()
}

#[test]
fn swas_tags() {
    let twenty: Vec<_> = (1..=20).map(|i| tag(&format!("k{i}"), "v")).collect();
    assert!(swas_base().tag(twenty.clone()).build().is_ok());
    let mut twenty_one = twenty;
    twenty_one.push(tag("k21", "v"));
    let e = swas_base().tag(twenty_one).build().unwrap_err();
    assert_eq!(rules(&e), vec![("Tag".into(), "maxItems")]);
    assert_eq!(e.violations[0].says, "You can specify up to 20 tags.");

    assert!(
        swas_base()
            .tag([tag(&"k".repeat(64), &"v".repeat(64))])
            .build()
            .is_ok()
    );
    let e = swas_base()
        .tag([
            tag("ok", "v"),
            tag("ok2", "v"),
            tag(&"k".repeat(65), &"v".repeat(65)),
        ])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![
            ("Tag[3].Key".into(), "maxLength"),
            ("Tag[3].Value".into(), "maxLength")
        ]
    );

    let e = swas_base().tag([tag("", "")]).build().unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("Tag[1].Key".into(), "nonEmpty")],
        "an empty value is allowed, an empty key is not"
    );
    let e = swas_base()
        .tag([
            tag("acs:x", "v"),
            tag("aliyunx", "v"),
            tag("a", "see https://x"),
        ])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![
            ("Tag[1].Key".into(), "forbiddenPrefixes"),
            ("Tag[2].Key".into(), "forbiddenPrefixes"),
            ("Tag[3].Value".into(), "forbiddenSubstrings")
        ]
    );
    let e = swas_base()
        .tag([tag("x http://y", "v")])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("Tag[1].Key".into(), "forbiddenSubstrings")]
    );
}

#[test]
fn swas_client_token_and_required_when() {
    assert!(swas_base().client_token("t".repeat(64)).build().is_ok());
    let e = swas_base()
        .client_token("t".repeat(65))
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("ClientToken".into(), "maxLength")]);
    let e = swas_base().client_token("tökén").build().unwrap_err();
    assert_eq!(rules(&e), vec![("ClientToken".into(), "asciiOnly")]);

    let e = swas_base().data_snapshot_id("s-1").build().unwrap_err();
    assert_eq!(rules(&e), vec![("SystemSnapshotId".into(), "requiredWhen")]);
    assert!(
        swas_base()
            .data_snapshot_id("s-1")
            .system_snapshot_id("s-2")
            .build()
            .is_ok()
    );
    assert!(swas_base().system_snapshot_id("s-2").build().is_ok());
}

#[test]
fn all_violations_reported_at_once() {
    let e = swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .image_name("!")
        .client_token("é".repeat(65))
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![
            ("ClientToken".into(), "maxLength"),
            ("ClientToken".into(), "asciiOnly"),
            ("InstanceId".into(), "required"),
            ("ImageName".into(), "minLength"),
            ("ImageName".into(), "allowedChars"),
            ("ImageName".into(), "firstChar")
        ]
    );
    let text = e.to_string();
    assert!(
        text.starts_with("CreateCustomImage request breaks 6 documented rules"),
        "{text}"
    );
}

#[test]
fn ens_image_name_rules() {
    let base = || ens::CreateImageRequest::builder().instance_id("i-1");
    assert!(base().image_name("ab").build().is_ok());
    assert!(
        base()
            .image_name(format!("a{}", "b".repeat(127)))
            .build()
            .is_ok()
    );
    let e = base().image_name("a").build().unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "minLength")]);
    let e = base()
        .image_name(format!("a{}", "b".repeat(128)))
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "maxLength")]);
    let e = base().image_name("1abc").build().unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("ImageName".into(), "firstChar")],
        "must start with a letter"
    );
    let e = base().image_name("http://x").build().unwrap_err();
    assert!(e.has("ImageName", "forbiddenPrefixes"), "{e}");
    let e = base().build().unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "required")]);
}

#[test]
fn ens_string_enum_stays_as_documented() {
    use ens::CreateImageDeleteAfterImageUpload as D;
    assert_eq!(D::True.as_str(), "true");
    assert_eq!("false".parse::<D>().unwrap(), D::False);
    let unknown: D = "maybe".into();
    assert_eq!(unknown, D::Unknown("maybe".into()));
    assert!(!unknown.is_known());
    assert_eq!(serde_json::to_string(&D::True).unwrap(), "\"true\"");
    assert_eq!(
        cloudspec_clients::runtime::de::from_str::<D>("\"TRUE\"").unwrap(),
        D::Unknown("TRUE".into())
    );
    let e = ens::CreateImageRequest::builder()
        .image_name("ab")
        .delete_after_image_upload("maybe")
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("DeleteAfterImageUpload".into(), "enum")]);
}

/// CVM `DescribeImages` allows at most 5 `Values` per `Filter`: a limit of this use of the
/// shared `Filter` type, which other operations use without it.
#[test]
fn cvm_filter_values_are_limited_where_describe_images_uses_them() {
    let filter = |n: usize| {
        cvm::Filter::builder()
            .name("image-type")
            .values((0..n).map(|i| format!("v{i}")))
            .build()
    };
    assert!(
        cvm::DescribeImagesRequest::builder()
            .filters([filter(5)])
            .build()
            .is_ok()
    );
    let e = cvm::DescribeImagesRequest::builder()
        .filters([filter(5), filter(6)])
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("Filters[2].Values".into(), "maxItems")]);
    assert_eq!(
        e.violations[0].says,
        "Each request can have up to 10 `Filters`, and 5 `Filters.Values` for each filter."
    );
}

/// ECS `Status` is a list of documented values, sent comma-joined: each item is checked.
#[test]
fn ecs_status_list_items_are_checked_one_by_one() {
    use ecs::DescribeImagesStatus as S;
    let ok = ecs::DescribeImagesRequest::builder()
        .region_id("cn-hangzhou")
        .status([S::Available, S::Creating])
        .build()
        .expect("documented values");
    assert_eq!(ok.status.as_deref(), Some(&[S::Available, S::Creating][..]));
    let e = ecs::DescribeImagesRequest::builder()
        .region_id("cn-hangzhou")
        .status(["Available", "Broken", "creating"])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("Status[2]".into(), "enum"), ("Status[3]".into(), "enum"),]
    );
}

#[test]
fn wuying_enums_and_optional_everything() {
    use wuying::CreateImageByInstanceInstanceType as T;
    assert!(
        wuying::CreateImageByInstanceRequest::builder()
            .build()
            .is_ok(),
        "every parameter is optional"
    );
    let r = wuying::CreateImageByInstanceRequest::builder()
        .instance_type(T::CloudDesktop)
        .disk_type("SYSTEM")
        .build()
        .unwrap();
    assert_eq!(
        r.instance_type.as_ref().map(T::as_str),
        Some("CloudDesktop")
    );
    let e = wuying::CreateImageByInstanceRequest::builder()
        .disk_type("DATA")
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("DiskType".into(), "enum")]);
    assert_eq!(T::WuyingServer.to_string(), "WuyingServer");
}

#[test]
fn cvm_exclusive_and_at_least_one() {
    let base = || cvm::CreateImageRequest::builder().image_name("myImage");
    assert!(base().instance_id("ins-1").build().is_ok());
    assert!(base().snapshot_ids(["snap-1"]).build().is_ok());
    let e = base()
        .instance_id("ins-1")
        .snapshot_ids(["snap-1"])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("InstanceId, SnapshotIds".into(), "mutuallyExclusive")]
    );
    assert_eq!(
        e.violations[0].says,
        "It cannot be passed together with InstanceId."
    );
    let e = base().build().unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("InstanceId, SnapshotIds".into(), "atLeastOneOf")]
    );
    let e = cvm::CreateImageRequest::builder()
        .instance_id("ins-1")
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("ImageName".into(), "required")]);
}

#[test]
fn cvm_string_booleans_keep_their_case() {
    use cvm::{CreateImageForcePoweroff as F, CreateImageSysprep as S};
    assert_eq!(F::True.as_str(), "true");
    assert_eq!(S::True.as_str(), "TRUE");
    let e = cvm::CreateImageRequest::builder()
        .image_name("x")
        .instance_id("i")
        .sysprep("true")
        .build()
        .unwrap_err();
    assert_eq!(rules(&e), vec![("Sysprep".into(), "enum")]);
    // The sentence the spec cites for the values.
    assert_eq!(
        e.violations[0].says,
        "Valid values: `TRUE` and `FALSE`; default value: `FALSE`."
    );
}

#[test]
fn required_and_enum_violations_cite_what_the_documentation_states() {
    use cloudspec_clients::runtime::validate::REQUIRED_BY_TABLE;
    // No sentence quoted for `required`: the parameter table's column is what it cites.
    let e = swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .build()
        .unwrap_err();
    let required: Vec<_> = e
        .violations
        .iter()
        .filter(|v| v.rule == "required")
        .collect();
    assert!(!required.is_empty(), "{e}");
    assert!(required.iter().all(|v| v.says == REQUIRED_BY_TABLE), "{e}");
    assert!(
        e.to_string().contains("(documented: \"Required: Yes"),
        "{e}"
    );
    // No sentence quoted for `enum`: the documented values.
    let e = ens::CreateImageRequest::builder()
        .image_name("web-2026")
        .delete_after_image_upload("maybe")
        .build()
        .unwrap_err();
    let v = e.violations.iter().find(|v| v.rule == "enum").unwrap();
    assert_eq!(v.says, "Valid values: true, false.");
}

#[test]
fn cvm_tag_specification_is_checked_recursively() {
    let spec = cvm::TagSpecification::builder()
        .resource_type("image")
        .tags([cvm::Tag::builder().key("k").build()])
        .build();
    let e = cvm::CreateImageRequest::builder()
        .image_name("x")
        .instance_id("i")
        .tag_specification([spec])
        .build()
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("TagSpecification[1].Tags[1].Value".into(), "required")]
    );
}

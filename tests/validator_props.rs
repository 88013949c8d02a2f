//! Property tests of the generated validators: values built to satisfy every documented
//! constraint are accepted; values built to break exactly one are rejected with that rule, and
//! only that rule.

use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::ValidationErrors;
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use proptest::prelude::*;

const NAME_CHARS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-";
const ALNUM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn from(chars: &'static str) -> impl Strategy<Value = char> {
    let v: Vec<char> = chars.chars().collect();
    proptest::sample::select(v)
}

fn string_of(
    chars: &'static str,
    len: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = String> {
    proptest::collection::vec(from(chars), len).prop_map(|v| v.into_iter().collect())
}

/// A SWAS image name that satisfies every documented rule: 2-128 characters of letters,
/// digits, `:`, `_`, `-`, starting with a letter or digit.
fn valid_swas_name() -> impl Strategy<Value = String> {
    (from(ALNUM), string_of(NAME_CHARS, 1..=127)).prop_map(|(first, rest)| format!("{first}{rest}"))
}

fn swas_with_name(name: String) -> Result<swas::CreateCustomImageRequest, ValidationErrors> {
    swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("i-1")
        .image_name(name)
        .build()
}

fn only(e: &ValidationErrors, path: &str, rule: &str) -> bool {
    e.violations.len() == 1 && e.violations[0].path == path && e.violations[0].rule == rule
}

/// Printable ASCII, without the characters that could form `http://`.
fn safe_text(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    string_of("abcdefghijklmnopqrstuvwxyz0123456789 .=+@", len)
}

fn tag(key: String, value: String) -> swas::CreateCustomImageTag {
    swas::CreateCustomImageTag::builder()
        .key(key)
        .value(value)
        .build()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn swas_valid_names_are_accepted(name in valid_swas_name()) {
        prop_assert!(swas_with_name(name).is_ok());
    }

    #[test]
    fn swas_too_long_names_break_only_max_length(name in valid_swas_name(), extra in string_of(ALNUM, 128..=200)) {
        let long: String = format!("{name}{extra}").chars().take(129 + extra.len() % 50).collect();
        let e = swas_with_name(long).unwrap_err();
        prop_assert!(only(&e, "ImageName", "maxLength"), "{e}");
    }

    #[test]
    fn swas_bad_first_char_breaks_only_first_char(first in from(":_-"), rest in string_of(NAME_CHARS, 1..=127)) {
        let e = swas_with_name(format!("{first}{rest}")).unwrap_err();
        prop_assert!(only(&e, "ImageName", "firstChar"), "{e}");
    }

    #[test]
    fn swas_foreign_char_breaks_only_allowed_chars(
        name in valid_swas_name(),
        bad in from(" !#$%&'()*+,./;<=>?@[]^`{|}~é中"),
        at in 1usize..128,
    ) {
        let mut chars: Vec<char> = name.chars().collect();
        let at = at.min(chars.len());
        if chars.len() >= 128 { chars.pop(); }
        chars.insert(at.min(chars.len()), bad);
        let e = swas_with_name(chars.into_iter().collect()).unwrap_err();
        prop_assert!(only(&e, "ImageName", "allowedChars"), "{e}");
    }

    #[test]
    fn swas_valid_tags_are_accepted(tags in proptest::collection::vec((safe_text(1..=64), safe_text(0..=64)), 0..=20)) {
        let tags: Vec<_> = tags.into_iter().filter(|(k, _)| !k.starts_with("acs:") && !k.starts_with("aliyun")).map(|(k, v)| tag(k, v)).collect();
        let r = swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok").tag(tags).build();
        prop_assert!(r.is_ok(), "{:?}", r.err());
    }

    #[test]
    fn swas_too_many_tags_break_only_max_items(n in 21usize..=40) {
        let tags = (0..n).map(|i| tag(format!("k{i}"), "v".into()));
        let e = swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok").tag(tags).build().unwrap_err();
        prop_assert!(only(&e, "Tag", "maxItems"), "{e}");
    }

    #[test]
    fn swas_tag_key_rules_one_at_a_time(
        index in 0usize..20,
        key in safe_text(1..=50),
        prefix in proptest::sample::select(vec!["acs:", "aliyun"]),
        long in safe_text(65..=120),
    ) {
        let mut tags: Vec<_> = (0..20).map(|i| tag(format!("k{i}"), "v".into())).collect();
        let path = format!("Tag[{}].Key", index + 1);

        tags[index] = tag(format!("{prefix}{key}"), "v".into());
        let e = swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok").tag(tags.clone()).build().unwrap_err();
        prop_assert!(only(&e, &path, "forbiddenPrefixes"), "{e}");

        tags[index] = tag(format!("x{long}"), "v".into());
        let e = swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok").tag(tags.clone()).build().unwrap_err();
        prop_assert!(only(&e, &path, "maxLength"), "{e}");

        tags[index] = tag(format!("{}http://{}", &key[..key.len().min(20)], &key[..key.len().min(20)]), "v".into());
        let e = swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok").tag(tags).build().unwrap_err();
        prop_assert!(only(&e, &path, "forbiddenSubstrings"), "{e}");
    }

    #[test]
    fn swas_client_token(token in string_of("abcdef0123456789-", 0..=64), non_ascii in from("éü中😀"), at in 0usize..64) {
        let base = || swas::CreateCustomImageRequest::builder().region_id("r").instance_id("i").image_name("ok");
        prop_assert!(base().client_token(token.clone()).build().is_ok());
        let mut chars: Vec<char> = token.chars().collect();
        if chars.len() >= 64 { chars.pop(); }
        chars.insert(at.min(chars.len()), non_ascii);
        let e = base().client_token(chars.into_iter().collect::<String>()).build().unwrap_err();
        prop_assert!(only(&e, "ClientToken", "asciiOnly"), "{e}");
    }

    #[test]
    fn ens_names_must_start_with_a_letter(first in from("0123456789:_-"), rest in string_of(NAME_CHARS, 1..=127)) {
        let e = ens::CreateImageRequest::builder().image_name(format!("{first}{rest}")).build().unwrap_err();
        prop_assert!(only(&e, "ImageName", "firstChar"), "{e}");
    }

    #[test]
    fn cvm_instance_and_snapshots_exactly_as_documented(instance in any::<bool>(), snapshots in any::<bool>()) {
        let mut b = cvm::CreateImageRequest::builder().image_name("myImage");
        if instance { b = b.instance_id("ins-1"); }
        if snapshots { b = b.snapshot_ids(["snap-1"]); }
        match (instance, snapshots, b.build()) {
            (true, false, Ok(_)) | (false, true, Ok(_)) => {}
            (true, true, Err(e)) => prop_assert!(only(&e, "InstanceId, SnapshotIds", "mutuallyExclusive"), "{e}"),
            (false, false, Err(e)) => prop_assert!(only(&e, "InstanceId, SnapshotIds", "atLeastOneOf"), "{e}"),
            (i, s, r) => prop_assert!(false, "instance={i} snapshots={s}: {r:?}"),
        }
    }
}

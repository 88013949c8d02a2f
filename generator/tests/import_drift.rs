//! `cloudspec import` and `cloudspec drift` end to end: drafting from metadata (Tencent and
//! Alibaba, several sources for one service), re-importing over curated specs, and one drift
//! finding of each kind on the small fixtures in `tests/fixtures/drift/` (a spec per vendor that
//! differs from its metadata in one way per kind).

use std::path::{Path, PathBuf};

use cloudspec::drift;
use cloudspec::import::{self, FileStatus};

const FIXTURES: &str = "tests/fixtures/drift";

fn tencent() -> PathBuf {
    Path::new(FIXTURES).join("metadata/tencent/demo/2020-01-01/api.json")
}

fn tencent_zh() -> PathBuf {
    Path::new(FIXTURES).join("metadata-zh/tencent/demo/2020-01-01/api.json")
}

fn alibaba() -> PathBuf {
    Path::new(FIXTURES).join("metadata/alibaba/demo/2020-01-01/api-docs.json")
}

fn fixture_specs() -> PathBuf {
    Path::new(FIXTURES).join("specs")
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudspec-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn options(
    metadata: Vec<PathBuf>,
    operations: &[&str],
    out: &Path,
    update: bool,
) -> import::Options {
    import::Options {
        metadata,
        operations: operations.iter().map(|s| s.to_string()).collect(),
        out: out.to_path_buf(),
        update,
    }
}

#[test]
fn drift_reports_one_finding_of_each_kind() {
    let d = drift::drift(&[tencent(), alibaba()], &fixture_specs(), &[], false).unwrap();
    let ids: Vec<&str> = d.report.changes.iter().map(|c| c.id).collect();
    for id in [
        "operation-removed",
        "request-parameter-added",
        "request-parameter-removed",
        "request-parameter-type-changed",
        "request-parameter-required-added",
        "request-parameter-enum-value-removed",
        "request-parameter-wire-changed",
        "request-parameter-max-items-increased",
        "response-field-added",
        "response-field-removed",
        "error-code-added",
        "error-code-removed",
        "description-changed",
    ] {
        assert!(ids.contains(&id), "no `{id}` finding in {ids:?}");
    }
    // Every finding is located in the spec file: the element, or the operation it would join.
    for c in &d.report.changes {
        let at = c
            .old
            .as_ref()
            .unwrap_or_else(|| panic!("{c:?} has no location"));
        assert!(at.file.starts_with("tests/fixtures/drift/specs/"), "{at:?}");
        assert!(at.line > 0);
        assert!(c.new.is_none());
    }
    // ProjectId's `required` differs on purpose and says why: not a finding, but listed.
    assert!(
        !d.report
            .changes
            .iter()
            .any(|c| c.path.contains("ProjectId"))
    );
    assert_eq!(d.explained.len(), 1, "{:?}", d.explained);
    assert!(d.explained[0].path.contains("ProjectId"));
    insta::assert_snapshot!(d.report.render_text(false));
}

#[test]
fn drift_formats_and_fail_on() {
    let d = drift::drift(&[tencent(), alibaba()], &fixture_specs(), &[], false).unwrap();
    let json: serde_json::Value = serde_json::from_str(&d.report.render_json()).unwrap();
    assert_eq!(
        json["changes"].as_array().unwrap().len(),
        d.report.changes.len()
    );
    let github = d.report.render_github();
    assert!(
        github.lines().any(|l| l.starts_with(
            "::error file=tests/fixtures/drift/specs/tencent/demo/2020-01-01.yaml,line="
        )),
        "{github}"
    );
    let markdown = d.report.render_markdown();
    assert!(
        markdown.contains("request-parameter-type-changed"),
        "{markdown}"
    );
    use cloudspec::diff::FailOn;
    assert!(d.report.fails(FailOn::Breaking));
    assert!(d.report.fails(FailOn::Any));
    // Only what the selection holds: DescribeThings' response fields.
    let d = drift::drift(
        &[tencent()],
        &fixture_specs(),
        &["DescribeThings".into()],
        false,
    )
    .unwrap();
    let ids: Vec<&str> = d.report.changes.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["response-field-removed", "response-field-added"]);
    let d = drift::drift(
        &[tencent()],
        &fixture_specs(),
        &["StartThing".into()],
        false,
    )
    .unwrap();
    assert!(d.report.changes.is_empty(), "{:?}", d.report.changes);
    assert!(!d.report.fails(FailOn::Any));
}

#[test]
fn drift_reports_new_operations_on_request() {
    let without = drift::drift(&[tencent(), alibaba()], &fixture_specs(), &[], false).unwrap();
    assert!(
        !without
            .report
            .changes
            .iter()
            .any(|c| c.id == "operation-added")
    );
    let with = drift::drift(&[tencent(), alibaba()], &fixture_specs(), &[], true).unwrap();
    let added: Vec<&str> = with
        .report
        .changes
        .iter()
        .filter(|c| c.id == "operation-added")
        .filter_map(|c| c.operation.as_deref())
        .collect();
    assert_eq!(added, ["StartThing", "DeleteWidget"]);
}

#[test]
fn drift_without_a_spec_is_bad_input() {
    let dir = scratch("no-spec");
    let e = drift::drift(&[tencent()], &dir, &[], false).unwrap_err();
    assert!(e.contains("no spec for tencent demo 2020-01-01"), "{e}");
    assert!(e.contains("cloudspec import"), "{e}");
}

/// The repository's specs against the repository's copy of the vendors' metadata: every
/// difference is either fixed or recorded in the spec with its reason.
#[test]
fn drift_of_the_repository_specs_is_empty() {
    let mut metadata = vec![PathBuf::from("../metadata/tencent/cvm/2017-03-12/api.json")];
    for (product, version) in [
        ("appstream-center", "2021-09-01"),
        ("cs", "2015-12-15"),
        ("ecs", "2014-05-26"),
        ("ens", "2017-11-10"),
        ("swas-open", "2020-06-01"),
    ] {
        metadata.push(PathBuf::from(format!(
            "../metadata/alibaba/{product}/{version}/api-docs.json"
        )));
    }
    let d = drift::drift(&metadata, Path::new("../specs"), &[], false).unwrap();
    assert!(
        d.report.changes.is_empty(),
        "{}",
        d.report.render_text(false)
    );
    // The recorded differences are there, each with its note.
    assert!(d.explained.len() >= 10, "{:?}", d.explained.len());
    // SWAS's too: the view that ignores every explanation does not check (ListCustomImages'
    // paginator relies on integers only its provenance keeps), so that operation is taken as
    // its explanations leave it and the others' differences are listed.
    let swas: Vec<&str> = d
        .explained
        .iter()
        .filter(|c| c.service.contains("swas-open"))
        .filter_map(|c| c.operation.as_deref())
        .collect();
    assert!(swas.contains(&"DeleteCustomImages"), "{swas:?}");
    assert!(swas.contains(&"ListImages"), "{swas:?}");
    assert!(!swas.contains(&"ListCustomImages"), "{swas:?}");
}

#[test]
fn several_sources_disagree_and_the_others_add_their_limits() {
    let dir = scratch("sources");
    let reports = import::run(&options(
        vec![tencent(), tencent_zh()],
        &["CreateThing"],
        &dir,
        false,
    ))
    .unwrap();
    assert_eq!(reports.len(), 1);
    insta::assert_snapshot!(reports[0].disagreements.join("\n"));
    let text = std::fs::read_to_string(dir.join("tencent/demo/2020-01-01.yaml")).unwrap();
    // The English metadata states the maximum, the Chinese one also the minimum and the
    // number of labels: all three are proposed, each with its own sentence.
    assert!(
        text.contains(
            "says: 长度为2~60个字符。\n            for: [minLength]\n            proposed: true"
        ),
        "{text}"
    );
    assert!(
        text.contains("says: 标签列表，最多支持10个。\n            for: [maxItems]"),
        "{text}"
    );
    let lint = cloudspec::lint::run(std::slice::from_ref(&dir));
    assert!(!lint.has_errors(), "{}", lint.render_text());
    let proposals = lint
        .diagnostics
        .iter()
        .filter(|d| d.code == "unconfirmed-proposal")
        .count();
    assert_eq!(proposals, 4, "{}", lint.render_text());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn alibaba_full_format_is_drafted_in_the_house_style() {
    let dir = scratch("alibaba");
    let reports = import::run(&options(vec![alibaba()], &[], &dir, false)).unwrap();
    assert_eq!(reports[0].status, FileStatus::Created);
    let text = std::fs::read_to_string(dir.join("alibaba/demo/2020-01-01.yaml")).unwrap();
    insta::assert_snapshot!(text);
    let lint = cloudspec::lint::run(std::slice::from_ref(&dir));
    assert!(!lint.has_errors(), "{}", lint.render_text());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn whole_cvm_import_lints_clean_and_generates() {
    let dir = scratch("cvm");
    let metadata = PathBuf::from("../metadata/tencent/cvm/2017-03-12/api.json");
    let reports = import::run(&options(vec![metadata], &[], &dir, false)).unwrap();
    assert_eq!(reports[0].outcome.added.len(), 85);
    let lint = cloudspec::lint::run(std::slice::from_ref(&dir));
    assert!(!lint.has_errors(), "{}", lint.render_text());
    // Warnings are the proposals a curator confirms; nothing else.
    let other: Vec<&str> = lint
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| *c != "unconfirmed-proposal")
        .collect();
    assert!(other.is_empty(), "{other:?}");
    assert_eq!(lint.model.operations().count(), 85);
    // The crate it generates is the one `specs/` holds (imported the same way) and the
    // workspace compiles with clippy and rustdoc; here, that generation succeeds.
    let (files, _) = cloudspec::generate::files_with(&cloudspec::generate::Options {
        specs: vec![dir.clone()],
        package: "cvm-import".into(),
    })
    .unwrap();
    assert!(files.len() > 85, "{}", files.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Re-importing the repository's specs from the metadata they were checked against changes
/// nothing, curated or imported.
#[test]
fn reimport_of_the_repository_specs_changes_nothing() {
    let dir = scratch("reimport");
    copy_dir(Path::new("../specs"), &dir);
    for (metadata, spec) in [
        (
            "../metadata/tencent/cvm/2017-03-12/api.json",
            "tencent/cvm/2017-03-12.yaml",
        ),
        (
            "../metadata/alibaba/appstream-center/2021-09-01/api-docs.json",
            "alibaba/appstream-center/2021-09-01.yaml",
        ),
        (
            "../metadata/alibaba/cs/2015-12-15/api-docs.json",
            "alibaba/cs/2015-12-15.yaml",
        ),
        (
            "../metadata/alibaba/ecs/2014-05-26/api-docs.json",
            "alibaba/ecs/2014-05-26.yaml",
        ),
        (
            "../metadata/alibaba/ens/2017-11-10/api-docs.json",
            "alibaba/ens/2017-11-10.yaml",
        ),
        (
            "../metadata/alibaba/swas-open/2020-06-01/api-docs.json",
            "alibaba/swas-open/2020-06-01.yaml",
        ),
    ] {
        let before = std::fs::read_to_string(dir.join(spec)).unwrap();
        let (_, doc) = import::read_spec(&dir.join(spec)).unwrap();
        let names: Vec<String> = doc["operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_string())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let reports =
            import::run(&options(vec![PathBuf::from(metadata)], &names, &dir, true)).unwrap();
        assert_eq!(
            reports[0].status,
            FileStatus::Unchanged,
            "{spec}: {:?}",
            reports[0].outcome
        );
        assert_eq!(
            std::fs::read_to_string(dir.join(spec)).unwrap(),
            before,
            "{spec}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--update` keeps what a person added, takes what the metadata changed, and is then stable.
#[test]
fn update_keeps_curation_and_takes_upstream_changes() {
    let dir = scratch("update");
    copy_dir(&fixture_specs(), &dir);
    let reports = import::run(&options(vec![tencent()], &["CreateThing"], &dir, true)).unwrap();
    assert_eq!(reports[0].status, FileStatus::Updated);
    let text = std::fs::read_to_string(dir.join("tencent/demo/2020-01-01.yaml")).unwrap();
    // The metadata's facts...
    assert!(
        text.contains("      - name: Size\n        type: string\n"),
        "{text}"
    );
    assert!(
        text.contains("      - name: Zone\n        type: string\n        required: true\n"),
        "{text}"
    );
    assert!(text.contains("      - name: Labels\n"), "{text}");
    assert!(!text.contains("name: Retired\n"), "{text}");
    assert!(text.contains("code: ThingQuotaExceeded"), "{text}");
    // ...and the curator's: the explained `required`, the proposal, the header comment.
    assert!(
        text.contains("      - name: ProjectId\n        type: integer\n        required: true\n"),
        "{text}"
    );
    assert!(text.contains("proposed: true"), "{text}");
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../../spec.schema.json\n#\n# Drift fixture"
        ),
        "{text}"
    );
    // Operations the metadata lacks stay, and are reported.
    assert_eq!(reports[0].outcome.missing_upstream, ["RetiredThing"]);
    // Again: nothing changes.
    let again = import::run(&options(vec![tencent()], &["CreateThing"], &dir, true)).unwrap();
    assert_eq!(again[0].status, FileStatus::Unchanged);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_refuses_what_it_cannot_do() {
    let dir = scratch("refuse");
    copy_dir(&fixture_specs(), &dir);
    let e = import::run(&options(vec![tencent()], &[], &dir, false)).unwrap_err();
    assert!(
        e.contains("exists: `import --update` re-imports over it"),
        "{e}"
    );
    let e = import::run(&options(vec![tencent()], &["NoSuch*"], &dir, true)).unwrap_err();
    assert!(
        e.contains("no operation of the metadata matches `NoSuch*`"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_metadata_is_an_error_with_its_place() {
    let dir = scratch("bad");
    let cases: &[(&str, &str, &str)] = &[
        (
            "not-json.json",
            "{\"actions\": ",
            "not valid JSON (line 1, column 12)",
        ),
        (
            "unknown.json",
            "{\"paths\": {}}",
            "neither Tencent api.json",
        ),
        (
            "missing-object.json",
            r#"{"actions": {"A": {"input": "AReq", "output": "AResp"}}, "objects": {"AResp": {"members": []}}, "metadata": {"apiVersion": "1", "serviceShortName": "x"}}"#,
            "at /actions/A/input: names `AReq`, which is not in `objects`",
        ),
        (
            "bad-type.json",
            r#"{"actions": {}, "objects": {"T": {"members": [{"name": "N", "type": "tuple", "member": "string"}]}}, "metadata": {"apiVersion": "1", "serviceShortName": "x"}}"#,
            "at /objects/T/members/0/type: unknown type `tuple`",
        ),
        (
            "bad-style.json",
            r#"{"info": {"style": "RPC", "product": "X", "version": "1"}, "apis": {"A": {"parameters": [{"name": "P", "in": "query", "style": "weird", "schema": {"type": "string"}}]}}}"#,
            "at /apis/A/parameters/0/style: unknown style `weird`",
        ),
        (
            "bad-bound.json",
            r#"{"info": {"style": "RPC", "product": "X", "version": "1"}, "apis": {"A": {"parameters": [{"name": "P", "in": "query", "schema": {"type": "array", "maxItems": "many"}}]}}}"#,
            "at /apis/A/parameters/0/schema/maxItems: expected an integer, found a string \"many\"",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let e = cloudspec::vendor::read(&path).unwrap_err().to_string();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
        assert!(e.contains(expected), "{name}: {e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Types that contain themselves (directly, and through a list) are drafted once each, and the
/// spec says what the generator makes of them; nothing recurses without end.
#[test]
fn self_referencing_types_are_drafted_once() {
    let dir = scratch("cycle");
    let metadata = Path::new(FIXTURES).join("metadata-cycle/tencent/cyc/2020-01-01/api.json");
    let reports = import::run(&options(vec![metadata], &[], &dir, false)).unwrap();
    assert_eq!(reports[0].status, FileStatus::Created);
    let text = std::fs::read_to_string(dir.join("tencent/cyc/2020-01-01.yaml")).unwrap();
    assert_eq!(text.matches("  - name: Node\n").count(), 1, "{text}");
    let lint = cloudspec::lint::run(std::slice::from_ref(&dir));
    insta::assert_snapshot!(lint.render_text());
    let _ = std::fs::remove_dir_all(&dir);
}

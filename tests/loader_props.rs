//! Property tests of the loader and checker: whatever bytes a spec file holds, `load_bytes` and
//! `check` return diagnostics, never panic, and never hang.
//!
//! The generators: arbitrary bytes and text; YAML-ish lines and block-style YAML trees built from
//! the spec format's own key names (taken from its JSON Schema, so the grammar follows the
//! format as it grows); and the real SWAS spec with a few random line edits, which gets deep
//! into the checker. Then fixed pathological inputs: 10 000 levels of nesting, alias bombs and
//! very long lines.

use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::Duration;

use cloudspec::diag::Diagnostic;
use cloudspec::load::{self, Loaded};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The one spec file every other engineer leaves alone.
const SWAS: &str = include_str!("../specs/alibaba/swas-open/2020-06-01.yaml");

/// What a run produced, for the invariants below.
struct Outcome {
    diagnostics: Vec<Diagnostic>,
    parsed: usize,
    rendered: String,
}

/// Loads, checks and renders one file, as `cloudspec lint` does.
fn lint(name: &str, bytes: &[u8]) -> Outcome {
    let mut loaded = Loaded::default();
    load::load_bytes(name, bytes, &mut loaded);
    // A file the loader read only by setting errors aside is not accepted: `parsed` counts
    // what was read without an error.
    let clean = !loaded.diagnostics.iter().any(Diagnostic::is_error);
    let parsed = if clean { loaded.specs.len() } else { 0 };
    let report = cloudspec::lint::finish(loaded);
    let rendered = report.sources.render(&report.diagnostics);
    Outcome {
        diagnostics: report.diagnostics,
        parsed,
        rendered,
    }
}

/// The invariants every input must satisfy; `Err` says which one broke.
fn invariants(name: &str, bytes: &[u8], out: &Outcome) -> Result<(), String> {
    if out.parsed == 0 && !out.diagnostics.iter().any(Diagnostic::is_error) {
        return Err("the file did not parse, but no error says why".into());
    }
    let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    for d in &out.diagnostics {
        if d.file != name {
            return Err(format!("diagnostic for file `{}`", d.file));
        }
        if let Some(line) = d.line {
            // A parser may point one past the last line at end of input.
            if line == 0 || line as usize > lines + 1 {
                return Err(format!(
                    "`{}` points at line {line} of a {lines}-line file",
                    d.code
                ));
            }
        }
        if d.column == Some(0) {
            return Err(format!(
                "`{}` points at column 0 (columns are 1-based)",
                d.code
            ));
        }
        if d.message.trim().is_empty() {
            return Err(format!("`{}` has an empty message", d.code));
        }
    }
    if !out
        .rendered
        .trim_end()
        .ends_with(&cloudspec::diag::summary(&out.diagnostics))
    {
        return Err("the rendered text does not end with the summary line".into());
    }
    Ok(())
}

fn check_input(bytes: &[u8]) -> Result<(), TestCaseError> {
    let out = lint("prop.yaml", bytes);
    invariants("prop.yaml", bytes, &out).map_err(|e| {
        TestCaseError::fail(format!("{e}\ninput:\n{}", String::from_utf8_lossy(bytes)))
    })
}

/// Every key the spec format knows, from its JSON Schema, plus a few near misses.
static KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let schema: serde_json::Value =
        serde_json::from_str(&cloudspec::spec::json_schema()).expect("schema is JSON");
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(&schema, &mut keys);
    for typo in [
        "protcol",
        "paramters",
        "maxLenght",
        "say",
        "sumary",
        "itmes",
        "Type",
        "operation",
    ] {
        keys.insert(typo.to_string());
    }
    keys.into_iter().collect()
});

fn collect_keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for child in map.values() {
                collect_keys(child, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
        _ => {}
    }
}

/// Values as they appear in specs, and the ways they go wrong.
const VALUES: &[&str] = &[
    "alibaba",
    "tencent",
    "amazon",
    "alibaba-rpc",
    "tencent-api3",
    "regional",
    "central",
    "\"swas.{region}.aliyuncs.com\"",
    "query",
    "form",
    "json",
    "header",
    "body",
    "flat",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "Tag",
    "TagSpecification",
    "mutuallyExclusive",
    "exactlyOneOf",
    "atLeastOneOf",
    "requiredWhen",
    "request",
    "success",
    "error",
    "true",
    "false",
    "null",
    "~",
    "0",
    "1",
    "-1",
    "64",
    "999",
    "18446744073709551616",
    "1.5",
    "1e400",
    "\"2020-06-01\"",
    "\"2026-13-45\"",
    "'single'",
    "RegionId",
    "InstanceId",
    "cn-hangzhou",
    "\"%s\"",
    "[]",
    "{}",
    "[a, b]",
    "[minLength, maxLength]",
    "{type: string}",
    "{classes: [letter, digits], chars: \":_-\"}",
    "[true, false]",
    "[\"\", acs:]",
    "\"s-[a-z\"",
    "\"^[a-z]+$\"",
    "\"(?P<x\"",
    "|",
    ">-",
    "|+",
    "&a cn-hangzhou",
    "*a",
    "*missing",
    "&a [*a]",
    "\"unterminated",
    "'unterminated",
    "[unclosed",
    "{unclosed: 1",
    "!!binary aGVsbG8=",
    "!custom x",
    "? complex",
    ": colon",
    "- item",
    "\"{\\\"a\\\": 1,}\"",
    "",
    "\"中文 名称\"",
    "\u{feff}bom",
    "\t",
    "# comment",
    "<<: *a",
    "---",
    "...",
    "%YAML 1.2",
];

/// One line of YAML-ish text: indentation, maybe a sequence dash, maybe a key, maybe a value.
fn line() -> impl Strategy<Value = String> {
    (
        0usize..7,
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.85, prop::sample::select(KEYS.clone())),
        prop::option::weighted(0.8, prop::sample::select(VALUES)),
    )
        .prop_map(|(depth, tab, dash, key, value)| {
            let mut s = if tab {
                "\t".repeat(depth.min(2))
            } else {
                "  ".repeat(depth)
            };
            if dash {
                s.push_str("- ");
            }
            if let Some(k) = key {
                s.push_str(&k);
                s.push(':');
                if value.is_some() {
                    s.push(' ');
                }
            }
            if let Some(v) = value {
                s.push_str(v);
            }
            s
        })
}

fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..80).prop_map(|lines| lines.join("\n"))
}

/// A YAML tree whose keys come from the spec format, rendered in block style.
#[derive(Debug, Clone)]
enum Node {
    Scalar(&'static str),
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop::sample::select(VALUES).prop_map(Node::Scalar);
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec((prop::sample::select(KEYS.clone()), inner.clone()), 1..6)
                .prop_map(Node::Map),
            prop::collection::vec(inner, 1..4).prop_map(Node::Seq),
        ]
    })
}

fn render(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Scalar(v) => {
            out.push_str(&pad);
            out.push_str(v);
            out.push('\n');
        }
        Node::Map(entries) => {
            for (k, v) in entries {
                out.push_str(&format!("{pad}{k}:"));
                match v {
                    Node::Scalar(s) => out.push_str(&format!(" {s}\n")),
                    _ => {
                        out.push('\n');
                        render(v, indent + 2, out);
                    }
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                match item {
                    Node::Scalar(s) => out.push_str(&format!("{pad}- {s}\n")),
                    _ => {
                        out.push_str(&format!("{pad}-\n"));
                        render(item, indent + 2, out);
                    }
                }
            }
        }
    }
}

/// A tree under the two top-level keys every spec has, so the loader gets past the first key.
fn yaml_tree() -> impl Strategy<Value = String> {
    (node(), prop::collection::vec(node(), 0..3)).prop_map(|(service, operations)| {
        let tree = Node::Map(vec![
            ("service".into(), service),
            ("operations".into(), Node::Seq(operations)),
        ]);
        let mut out = String::new();
        render(&tree, 0, &mut out);
        out
    })
}

/// One edit of a text, by line.
#[derive(Debug, Clone)]
enum Edit {
    Delete(prop::sample::Index),
    Duplicate(prop::sample::Index),
    Swap(prop::sample::Index, prop::sample::Index),
    Indent(prop::sample::Index, i8),
    ReplaceValue(prop::sample::Index, &'static str),
    Insert(prop::sample::Index, String),
    Truncate(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let idx = any::<prop::sample::Index>;
    prop_oneof![
        idx().prop_map(Edit::Delete),
        idx().prop_map(Edit::Duplicate),
        (idx(), idx()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (idx(), -3i8..=3).prop_map(|(a, n)| Edit::Indent(a, n)),
        (idx(), prop::sample::select(VALUES)).prop_map(|(a, v)| Edit::ReplaceValue(a, v)),
        (idx(), line()).prop_map(|(a, l)| Edit::Insert(a, l)),
        idx().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i.index(n));
            }
            Edit::Duplicate(i) => {
                let i = i.index(n);
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            Edit::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
            Edit::Indent(i, by) => {
                let l = &mut lines[i.index(n)];
                if *by > 0 {
                    l.insert_str(0, &" ".repeat(*by as usize));
                } else {
                    let strip = l.len() - l.trim_start_matches(' ').len();
                    l.drain(..strip.min(by.unsigned_abs() as usize));
                }
            }
            Edit::ReplaceValue(i, v) => {
                let l = &mut lines[i.index(n)];
                if let Some(at) = l.find(": ") {
                    l.truncate(at + 2);
                    l.push_str(v);
                }
            }
            Edit::Insert(i, l) => lines.insert(i.index(n + 1), l.clone()),
            Edit::Truncate(i) => lines.truncate(i.index(n)),
        }
    }
    lines.join("\n")
}

fn config() -> Config {
    Config {
        cases: 256,
        // Failures print their minimal input; do not write regression files into the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_input(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2048}") {
        check_input(text.as_bytes())?;
    }

    #[test]
    fn yamlish_text_never_panics(text in yamlish()) {
        check_input(text.as_bytes())?;
    }

    #[test]
    fn yaml_trees_never_panic(text in yaml_tree()) {
        check_input(text.as_bytes())?;
    }

    #[test]
    fn edited_real_spec_never_panics(edits in prop::collection::vec(edit(), 1..5)) {
        let text = apply(SWAS, &edits);
        check_input(text.as_bytes())?;
    }
}

#[test]
fn the_real_spec_is_clean_so_the_edits_start_from_a_valid_file() {
    let out = lint("swas.yaml", SWAS.as_bytes());
    assert_eq!(out.parsed, 1);
    assert!(
        !out.diagnostics.iter().any(Diagnostic::is_error),
        "{}",
        out.rendered
    );
}

#[test]
fn every_single_line_deletion_and_truncation_of_the_real_spec() {
    // The service and its two curated operations, which come first: the 96 operations imported
    // after them add nothing the loader has not met above, and this test is quadratic in lines.
    let lines: Vec<&str> = SWAS.lines().collect();
    let imported = lines
        .iter()
        .position(|l| *l == "  - name: AddCustomImageShareAccount")
        .expect("the first imported SWAS operation");
    let lines = &lines[..imported];
    for i in 0..lines.len() {
        let mut without = lines.to_vec();
        without.remove(i);
        let text = without.join("\n");
        let out = lint("swas.yaml", text.as_bytes());
        if let Err(e) = invariants("swas.yaml", text.as_bytes(), &out) {
            panic!("without line {}: {e}", i + 1);
        }
        let text = lines[..i].join("\n");
        let out = lint("swas.yaml", text.as_bytes());
        if let Err(e) = invariants("swas.yaml", text.as_bytes(), &out) {
            panic!("truncated before line {}: {e}", i + 1);
        }
    }
}

/// Runs `lint` on a thread with a 2 MiB stack (smaller than the CLI's main thread) and fails
/// if it panics, overflows or takes longer than `limit`.
fn lint_bounded(label: &str, text: String, limit: Duration) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let label_owned = label.to_string();
    std::thread::Builder::new()
        .name(label_owned)
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let out = lint("patho.yaml", text.as_bytes());
            let ok = invariants("patho.yaml", text.as_bytes(), &out);
            let _ = tx.send((out, ok));
        })
        .expect("spawn");
    match rx.recv_timeout(limit) {
        Ok((out, Ok(()))) => out,
        Ok((_, Err(e))) => panic!("{label}: {e}"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{label}: no answer within {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{label}: the loader panicked"),
    }
}

fn assert_refused(label: &str, text: String) -> Vec<Diagnostic> {
    let out = lint_bounded(label, text, Duration::from_secs(60));
    assert_eq!(out.parsed, 0, "{label}: the input was accepted");
    let errors: Vec<Diagnostic> = out
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert!(!errors.is_empty(), "{label}: no error");
    errors
}

/// The start of a valid spec, to nest pathological values inside.
const HEAD: &str = "service:
  provider: alibaba
  product: swas-open
  name: Simple Application Server
  version: \"2020-06-01\"
  protocol: alibaba-rpc
  endpoints: {rule: regional, host: \"swas.{region}.aliyuncs.com\"}
operations:
  - name: CreateCustomImage
    summary: Creates a custom image.
    source: [{url: \"https://www.alibabacloud.com/help/en/\", language: en}]
    parameters:
      - name: ImageName
        type: string
        description: The name of the custom image.
";

#[test]
fn ten_thousand_levels_of_nesting() {
    const DEPTH: usize = 10_000;
    for (label, text) in [
        ("flow sequences", "[".repeat(DEPTH)),
        (
            "closed flow sequences",
            format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        ("flow mappings", "{a: ".repeat(DEPTH)),
        ("block sequences", "- ".repeat(DEPTH)),
        (
            "nested in a service",
            format!("service: {}", "[".repeat(DEPTH)),
        ),
        (
            "nested in an example",
            format!(
                "{HEAD}        example: {}{}\n",
                "[".repeat(DEPTH),
                "]".repeat(DEPTH)
            ),
        ),
        (
            "nested in an example, unclosed",
            format!("{HEAD}        example: {}\n", "{a: ".repeat(DEPTH)),
        ),
    ] {
        let errors = assert_refused(label, text);
        assert!(
            errors.iter().all(|d| d.line.is_some()),
            "{label}: {errors:?}"
        );
    }
}

#[test]
fn alias_bombs() {
    // The classic: ten levels of ten aliases each, 10^10 nodes once expanded.
    let mut top = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut inside = format!(
        "{HEAD}        enum:\n          - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        top.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        inside.push_str(&format!("          - &a{i} [{refs}]\n"));
    }
    // Where the format takes any JSON value (enum, example, default), the aliases are expanded.
    let example = format!("{inside}        example: *a9\n");
    for (label, text) in [
        ("alias bomb at the top", top),
        ("alias bomb in an enum", inside),
        ("alias bomb as an example", example),
    ] {
        let errors = assert_refused(label, text);
        assert!(
            errors.iter().all(|d| d.line.is_some()),
            "{label}: {errors:?}"
        );
    }
}

#[test]
fn very_long_lines() {
    let long = "x".repeat(3 * 1024 * 1024);
    for (label, text) in [
        (
            "3 MB summary and a misspelt key",
            format!("{HEAD}    sumary: {long}\n"),
        ),
        (
            "3 MB unknown provider",
            format!("service:\n  provider: {long}\n"),
        ),
        ("3 MB key", format!("service:\n  {long}: 1\n")),
        (
            "3 MB flow sequence on one line",
            format!("service: [{}]\n", "a, ".repeat(1024 * 1024)),
        ),
        ("3 MB of one character, no newline", long.clone()),
    ] {
        assert_refused(label, text);
    }
    // A long value in a valid place is fine.
    let out = lint_bounded(
        "3 MB description",
        format!("{HEAD}        example: {long}\n"),
        Duration::from_secs(60),
    );
    assert_eq!(out.parsed, 1, "{}", out.rendered);
}

#[test]
fn just_under_and_just_over_the_size_limit() {
    let pad = |n: usize| {
        let mut s = String::from(HEAD);
        s.push_str("# ");
        while s.len() < n - 1 {
            s.push('x');
        }
        s.push('\n');
        s
    };
    let under = lint_bounded(
        "at the limit",
        pad(load::MAX_SPEC_BYTES),
        Duration::from_secs(60),
    );
    assert!(under.diagnostics.iter().all(|d| d.code != "file-too-large"));
    let over = assert_refused("one byte over the limit", pad(load::MAX_SPEC_BYTES + 1));
    assert_eq!(over[0].code, "file-too-large");
}

//! The broken-spec corpus: every file in `tests/broken/` breaks one thing, and `cloudspec lint`
//! must say so with an error that points at the right line.
//!
//! Each file's rendered report is an insta snapshot (`tests/snapshots/lint_corpus__<file>.snap`),
//! so a change to a message, a label or a position shows up in review. [`EXPECTED`] pins the
//! diagnostic code each file is about, so a snapshot cannot be accepted with the wrong code by
//! accident.
//!
//! Files are linted under the display name `broken/<file>` (relative to this package), so the
//! snapshots do not depend on where the workspace is checked out.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use cloudspec::check;
use cloudspec::diag::Diagnostic;
use cloudspec::lint::{self, Report};
use cloudspec::load::{self, Loaded};

/// Every corpus file, by stem, and the code of the error it is about.
///
/// Entries marked `FIXME` record what the loader says today where it should say something
/// better; see the notes next to them.
const EXPECTED: &[(&str, &str)] = &[
    // Proposals: warnings, and a citation of a missing constraint is still an error.
    ("unconfirmed-proposal", "citation-unknown-constraint"),
    // YAML syntax.
    ("bad-indentation", "yaml-syntax"),
    ("duplicate-mapping-key", "duplicate-key"),
    ("tab-indentation", "yaml-syntax"),
    ("unclosed-flow-mapping", "yaml-syntax"),
    ("unclosed-flow-sequence", "yaml-syntax"),
    ("unquoted-colon-in-summary", "yaml-syntax"),
    ("unterminated-quote", "yaml-syntax"),
    // Wrong shapes.
    ("list-instead-of-mapping", "wrong-type"),
    ("negative-max-length", "wrong-type"),
    ("non-numeric-status", "wrong-type"),
    ("null-in-also-accept", "wrong-type"),
    ("string-instead-of-list", "wrong-type"),
    // Unknown keys.
    ("unknown-key-in-citation", "unknown-key"),
    ("unknown-key-in-error", "unknown-key"),
    ("unknown-key-in-operation", "unknown-key"),
    ("unknown-key-in-param", "unknown-key"),
    ("unknown-key-in-service", "unknown-key"),
    // Unknown enumerated values.
    ("unknown-protocol", "unknown-value"),
    ("unknown-provider", "unknown-value"),
    ("unknown-rule-kind", "unknown-value"),
    ("unknown-wire-location", "unknown-value"),
    // Missing keys.
    ("missing-operation-summary", "missing-key"),
    ("missing-operations", "missing-key"),
    ("missing-param-type", "missing-key"),
    // Values that break their own parameter's rules.
    ("default-not-in-enum", "default-violates-constraint"),
    ("duplicate-enum-value", "duplicate-enum-value"),
    (
        "enum-description-unknown-value",
        "enum-description-unknown-value",
    ),
    ("example-exceeds-max-length", "example-violates-constraint"),
    ("example-not-in-enum", "example-violates-constraint"),
    ("string-enum-bare-true", "enum-type-mismatch"),
    ("enum-value-breaks-max-length", "enum-violates-constraint"),
    // Constraints.
    (
        "citation-for-absent-constraint",
        "citation-unknown-constraint",
    ),
    ("empty-forbidden-prefix", "empty-value"),
    ("invalid-regex", "invalid-pattern"),
    ("max-length-on-integer", "constraint-type-mismatch"),
    ("min-items-greater-than-max", "min-greater-than-max"),
    ("min-length-greater-than-max", "min-greater-than-max"),
    ("unknown-char-class", "unknown-char-class"),
    // Rules across parameters.
    (
        "required-when-conflicts-with-mutually-exclusive",
        "rule-unsatisfiable",
    ),
    ("rule-mutually-exclusive-required", "rule-unsatisfiable"),
    ("rule-names-missing-parameter", "rule-unknown-parameter"),
    // Names and types.
    ("array-without-items", "type-shape"),
    ("duplicate-error-code", "duplicate-error-code"),
    ("duplicate-operation", "duplicate-name"),
    ("duplicate-parameter", "duplicate-name"),
    ("empty-operation-name", "empty-value"),
    ("object-without-properties", "type-shape"),
    ("regional-host-without-placeholder", "type-shape"),
    ("central-host-with-placeholder", "endpoint-data"),
    ("network-suffix-without-literal-label", "endpoint-data"),
    ("region-map-bad-entries", "endpoint-data"),
    ("unresolved-named-type", "unresolved-type"),
    ("rust-name-collision-fields", "rust-name-collision"),
    ("invalid-rust-name", "invalid-rust-name"),
    ("idempotency-token-twice", "invalid-idempotency-token"),
    ("idempotency-token-not-string", "invalid-idempotency-token"),
    ("unknown-common-parameter", "unknown-common-parameter"),
    ("paginator-unknown-parameter", "invalid-paginator"),
    ("paginator-items-not-an-array", "invalid-paginator"),
    ("paginator-token-without-next-token", "invalid-paginator"),
    ("waiter-value-not-in-enum", "invalid-waiter"),
    ("member-constraint-unknown-member", "unknown-member"),
    ("number-out-of-range", "wrong-type"),
    ("alias-loop", "yaml-too-complex"),
    ("nul-in-string", "binary-file"),
    (
        "typo-and-rule-naming-missing-parameter",
        "rule-unknown-parameter",
    ),
    ("recovery-in-flow-mappings", "rule-unknown-parameter"),
    ("unknown-required-value", "unknown-value"),
    ("route-path-names-no-parameter", "invalid-route"),
    // Wire layout.
    ("response-field-with-location", "wire-mismatch"),
    ("unknown-also-accept", "unknown-also-accept"),
    ("wrong-location-for-protocol", "wire-mismatch"),
    // Examples, dates, statuses.
    ("invalid-http-status", "invalid-error-status"),
    ("invalid-json-in-success-example", "invalid-example-body"),
    ("invalid-last-updated-date", "invalid-date"),
    // Whole-file problems.
    ("binary", "binary-file"),
    ("comments-only", "empty-file"),
    ("empty-file", "empty-file"),
    ("not-utf8", "not-utf8"),
];

/// Files whose main error must come with a "did you mean" suggestion.
const SUGGESTS: &[&str] = &[
    "enum-description-unknown-value",
    "rule-names-missing-parameter",
    "unknown-char-class",
    "unknown-common-parameter",
    "unknown-key-in-citation",
    "unknown-key-in-error",
    "unknown-key-in-operation",
    "unknown-key-in-param",
    "unknown-key-in-service",
    "unknown-protocol",
    "unknown-rule-kind",
    "unresolved-named-type",
];

/// Codes of problems with a whole file, which have no line to point at.
const FILE_LEVEL: &[&str] = &[
    "empty-file",
    "binary-file",
    "not-utf8",
    "file-too-large",
    "io-error",
];

/// Checks that only warn, so no file of a corpus of errors is about them.
const WARNINGS: &[&str] = &[
    "uncited-constraint",
    "missing-description",
    "unconfirmed-proposal",
];

fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    package_dir().join("broken")
}

/// The corpus files, sorted by name.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/broken exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 file name")
        .to_string()
}

/// What `lint::run` does for one file, but with `name` as the displayed path, so the output does
/// not depend on the working directory or the checkout location.
fn lint_as(name: &str, bytes: &[u8]) -> Report {
    let mut loaded = Loaded::default();
    load::load_bytes(name, bytes, &mut loaded);
    lint::finish(loaded)
}

fn lint_corpus_file(path: &Path) -> Report {
    let bytes = std::fs::read(path).expect("corpus file is readable");
    let name = format!(
        "broken/{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name")
    );
    lint_as(&name, &bytes)
}

fn expected_code(stem: &str) -> &'static str {
    EXPECTED
        .iter()
        .find(|(s, _)| *s == stem)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("tests/broken/{stem}.yaml is not listed in EXPECTED"))
}

fn errors(report: &Report) -> impl Iterator<Item = &Diagnostic> {
    report.diagnostics.iter().filter(|d| d.is_error())
}

/// Problems with one file's report, other than its snapshot.
fn report_problems(stem: &str, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if !report.has_errors() {
        problems.push("no error reported".to_string());
    }
    let code = expected_code(stem);
    if !errors(report).any(|d| d.code == code) {
        let got: Vec<&str> = errors(report).map(|d| d.code).collect();
        problems.push(format!("expected an error `{code}`, got {got:?}"));
    }
    for d in errors(report) {
        if !FILE_LEVEL.contains(&d.code) && (d.line.is_none() || d.column.is_none()) {
            problems.push(format!(
                "error `{}` ({}) has no line and column",
                d.code, d.message
            ));
        }
        if d.line == Some(0) || d.column == Some(0) {
            problems.push(format!(
                "error `{}` has a 0 line or column (they are 1-based)",
                d.code
            ));
        }
        if d.message.trim().is_empty() {
            problems.push(format!("error `{}` has an empty message", d.code));
        }
    }
    if SUGGESTS.contains(&stem) {
        let suggested = errors(report).filter(|d| d.code == code).any(|d| {
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("did you mean"))
        });
        if !suggested {
            problems.push(format!("the `{code}` error has no \"did you mean\" help"));
        }
    }
    if report.has_errors() && !report.model.services.is_empty() {
        problems.push("a service with errors made it into the model".to_string());
    }
    problems
}

/// Snapshots `text` under `name`, returning the failure instead of stopping at the first one.
fn snapshot(name: &str, input: &Path, description: &str, text: &str) -> Result<(), String> {
    let mut settings = insta::Settings::clone_current();
    settings.set_input_file(input);
    settings.set_description(description);
    settings.set_omit_expression(true);
    catch_unwind(AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, text))
    }))
    .map_err(|_| format!("snapshot `{name}` does not match"))
}

/// What the file says it breaks: its first line, when that is a `# Broken on purpose:` comment.
fn description(path: &Path, bytes: &[u8]) -> String {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    match std::str::from_utf8(first)
        .ok()
        .and_then(|l| l.strip_prefix("# "))
    {
        Some(line) if line.starts_with("Broken on purpose") => line.to_string(),
        _ => match stem(path).as_str() {
            "binary" => {
                "Broken on purpose: 64 bytes of a PNG file (with NUL bytes) saved as .yaml."
                    .to_string()
            }
            "empty-file" => "Broken on purpose: the file is empty (0 bytes).".to_string(),
            other => format!("Broken on purpose: {other}."),
        },
    }
}

#[test]
fn corpus_is_large_and_listed() {
    let stems: BTreeSet<String> = corpus().iter().map(|p| stem(p)).collect();
    assert!(
        stems.len() >= 36,
        "the corpus has only {} files",
        stems.len()
    );
    for path in corpus() {
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml"),
            "{} is not a .yaml file",
            path.display()
        );
    }
    let listed: BTreeSet<String> = EXPECTED.iter().map(|(s, _)| s.to_string()).collect();
    assert_eq!(listed.len(), EXPECTED.len(), "EXPECTED lists a file twice");
    let unlisted: Vec<&String> = stems.difference(&listed).collect();
    let missing: Vec<&String> = listed.difference(&stems).collect();
    assert!(
        unlisted.is_empty(),
        "corpus files missing from EXPECTED: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "EXPECTED names files that do not exist: {missing:?}"
    );
}

#[test]
fn every_corpus_file_fails_with_a_located_error() {
    let mut failures = Vec::new();
    for path in corpus() {
        let name = stem(&path);
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let report = lint_corpus_file(&path);
        for problem in report_problems(&name, &report) {
            failures.push(format!("{name}: {problem}"));
        }
        if let Err(e) = snapshot(
            &name,
            &path,
            &description(&path, &bytes),
            &report.render_text(),
        ) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `lint::run` on the real path reports exactly what [`lint_as`] reports under the short name.
#[test]
fn lint_run_agrees_with_the_corpus_helper() {
    for path in corpus() {
        let shown = load::display(&path);
        let short = format!(
            "broken/{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
        );
        let via_run = lint::run(std::slice::from_ref(&path));
        let via_helper = lint_corpus_file(&path);
        let key = |d: &Diagnostic, file: &str| {
            (
                d.severity,
                d.code,
                d.line,
                d.column,
                d.message.replace(file, "<file>"),
                d.label.clone(),
                d.help.clone(),
                d.file.replace(file, "<file>"),
            )
        };
        let a: Vec<_> = via_run.diagnostics.iter().map(|d| key(d, &shown)).collect();
        let b: Vec<_> = via_helper
            .diagnostics
            .iter()
            .map(|d| key(d, &short))
            .collect();
        assert_eq!(a, b, "{}", path.display());
        assert_eq!(via_run.has_errors(), via_helper.has_errors());
    }
}

/// `lint --list-checks` lists every code the corpus trips, with the severity it is reported at.
#[test]
fn every_reported_code_is_listed_with_its_severity() {
    let listed: Vec<serde_json::Value> =
        serde_json::from_str(&cloudspec::lint::list_checks(true)).expect("JSON list");
    let severity = |code: &str| {
        listed
            .iter()
            .find(|c| c["id"] == code)
            .and_then(|c| c["severity"].as_str().map(str::to_string))
    };
    for path in corpus() {
        for d in lint_corpus_file(&path).diagnostics {
            let expected = if d.is_error() { "error" } else { "warning" };
            assert_eq!(
                severity(d.code).as_deref(),
                Some(expected),
                "{}: `{}` is not listed as {expected}",
                path.display(),
                d.code
            );
        }
    }
    let text = cloudspec::lint::list_checks(false);
    assert_eq!(text.lines().count(), listed.len());
}

/// Every error-level check has at least one corpus file that trips it.
#[test]
fn corpus_covers_every_error_check() {
    let mut seen = BTreeSet::new();
    for path in corpus() {
        seen.extend(lint_corpus_file(&path).diagnostics.iter().map(|d| d.code));
    }
    let missing: Vec<&str> = check::CHECKS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !WARNINGS.contains(id) && !seen.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "no corpus file trips these checks: {missing:?}"
    );
    for code in [
        "unknown-key",
        "unknown-value",
        "missing-key",
        "wrong-type",
        "yaml-syntax",
        "empty-file",
        "binary-file",
        "not-utf8",
    ] {
        assert!(
            seen.contains(code),
            "no corpus file gets the loader error `{code}`"
        );
    }
}

/// Removes the file when dropped, so a failing test leaves nothing behind.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// One operation of the generated 5 MB spec; `NNNNNN` is replaced by a counter.
const OPERATION: &str = concat!(
    "  - name: DescribeThingNNNNNN\n",
    "    summary: Queries the details of thing NNNNNN.\n",
    "    source:\n",
    "      - url: https://www.alibabacloud.com/help/en/simple-application-server/developer-reference/api-swas-open-2020-06-01-describethingNNNNNN\n",
    "        language: en\n",
    "    parameters:\n",
    "      - name: RegionId\n",
    "        type: string\n",
    "        required: true\n",
    "        description: The region ID of the simple application server.\n",
    "        example: cn-hangzhou\n",
);

/// A 5 MB spec: a real service block followed by the same operation over and over. Written to
/// the temp directory at run time rather than committed.
fn five_megabyte_spec() -> String {
    let base = std::fs::read_to_string(corpus_dir().join("duplicate-operation.yaml"))
        .expect("corpus file");
    let (head, _) = base
        .split_once("\noperations:\n")
        .expect("the file has operations");
    let mut text = format!("{head}\noperations:\n");
    let mut i = 0u32;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&OPERATION.replace("NNNNNN", &format!("{i:06}")));
        i += 1;
    }
    text
}

#[test]
fn a_five_megabyte_file_is_refused() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = TempFile(std::env::temp_dir().join(format!(
        "cloudspec-too-large-{}-{nanos}.yaml",
        std::process::id()
    )));
    let text = five_megabyte_spec();
    assert!(text.len() >= 5 * 1024 * 1024 && text.len() > load::MAX_SPEC_BYTES);
    std::fs::write(&tmp.0, &text).expect("temp dir is writable");

    let report = lint::run(std::slice::from_ref(&tmp.0));
    assert!(report.has_errors());
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!(d.code, "file-too-large");
    assert_eq!(d.file, load::display(&tmp.0));
    assert!(d.message.contains(&text.len().to_string()), "{}", d.message);
    assert!(report.model.services.is_empty());

    let rendered = report
        .render_text()
        .replace(&load::display(&tmp.0), "$TMP/file-too-large.yaml");
    let mut settings = insta::Settings::clone_current();
    settings.set_description(
        "Broken on purpose: a 5 MB spec, generated at test time into the temp directory.",
    );
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("file-too-large", rendered));
}

#[test]
fn a_missing_file_is_an_io_error() {
    let report = lint::run(&[corpus_dir().join("does-not-exist.yaml")]);
    assert!(report.has_errors());
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].code, "io-error");
    assert_eq!(report.diagnostics[0].line, None);
    // In JSON a whole-file problem says so.
    let json: serde_json::Value = serde_json::from_str(&report.render_json()).unwrap();
    assert_eq!(json["diagnostics"][0]["scope"], "file");
    assert!(json["diagnostics"][0]["region"].is_null());
}

#[test]
fn json_output_of_a_broken_file() {
    let report = lint_corpus_file(&corpus_dir().join("unknown-key-in-param.yaml"));
    let json: serde_json::Value =
        serde_json::from_str(&report.render_json()).expect("render_json is JSON");
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    assert_eq!(json["operations"], serde_json::json!([]));
    let d = &json["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-key");
    assert_eq!(d["file"], "broken/unknown-key-in-param.yaml");
    assert_eq!(d["line"], 40);
    assert_eq!(d["column"], 9);
    assert_eq!(d["message"], "unknown key `maxLenght`");
    assert_eq!(d["help"], "did you mean `maxLength`?");
    assert_eq!(json["version"], lint::JSON_VERSION);
    assert_eq!(d["scope"], "position");
    // Start and end of the span (`maxLenght` is 9 characters).
    assert_eq!(
        d["region"],
        serde_json::json!({"start_line": 40, "start_column": 9, "end_line": 40, "end_column": 18})
    );
}

/// Related places carry their file and region (a duplicate points back at the first).
#[test]
fn json_related_places_have_a_file_and_a_region() {
    let report = lint_corpus_file(&corpus_dir().join("duplicate-parameter.yaml"));
    let json: serde_json::Value = serde_json::from_str(&report.render_json()).unwrap();
    let related = &json["diagnostics"][0]["related"][0];
    assert_eq!(related["file"], "broken/duplicate-parameter.yaml");
    assert!(
        related["region"]["start_line"].as_u64().is_some(),
        "{related}"
    );
}

/// `--format github`: one workflow command per diagnostic, on one line, with the file, the
/// position and the check id; whole-file problems have no position.
#[test]
fn github_annotations_of_every_corpus_file() {
    let command = regex::Regex::new(
        r"^::(error|warning) file=[^,:]+(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=[a-z0-9-]+::[^\r\n]+$",
    )
    .unwrap();
    for path in corpus() {
        let report = lint_corpus_file(&path);
        let out = report.render_github();
        assert_eq!(
            out.lines().count(),
            report.diagnostics.len(),
            "{}",
            path.display()
        );
        for (line, d) in out.lines().zip(&report.diagnostics) {
            assert!(command.is_match(line), "{}: {line}", path.display());
            assert!(line.contains(&format!("title={}::", d.code)), "{line}");
        }
    }
    let report = lint_corpus_file(&corpus_dir().join("unknown-key-in-param.yaml"));
    assert_eq!(
        report.render_github(),
        "::error file=broken/unknown-key-in-param.yaml,line=40,col=9,endLine=40,endColumn=18,title=unknown-key::unknown key `maxLenght` (not a key of this block)%0Ahelp: did you mean `maxLength`?\n"
    );
}

#[test]
fn json_output_of_every_corpus_file_is_json() {
    for path in corpus() {
        let report = lint_corpus_file(&path);
        let json: serde_json::Value = serde_json::from_str(&report.render_json())
            .unwrap_or_else(|e| panic!("{}: render_json is not JSON: {e}", path.display()));
        let count = json["diagnostics"].as_array().map_or(0, Vec::len);
        assert_eq!(count, report.diagnostics.len(), "{}", path.display());
        assert!(
            json["errors"].as_u64().is_some_and(|n| n >= 1),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_real_specs_lint_clean() {
    let specs = package_dir()
        .parent()
        .expect("workspace root")
        .join("specs");
    let report = lint::run(&[specs]);
    let errors: Vec<String> = errors(&report)
        .map(|d| format!("{}:{:?}: {}: {}", d.file, d.line, d.code, d.message))
        .collect();
    assert!(
        !report.has_errors(),
        "specs/ has errors:\n{}\n{}",
        errors.join("\n"),
        report.render_text()
    );
    let ops: Vec<String> = report
        .model
        .operations()
        .map(|(s, o)| format!("{}/{}", s.product, o.name))
        .collect();
    assert!(!ops.is_empty());
    assert!(
        ops.iter().any(|o| o == "swas-open/CreateCustomImage"),
        "{ops:?}"
    );
    assert!(report.render_text().contains("swas-open/CreateCustomImage"));
    let json: serde_json::Value = serde_json::from_str(&report.render_json()).expect("JSON");
    assert_eq!(json["errors"], 0);
}

/// Every snapshot of this test belongs to a corpus file (or to the generated 5 MB file), so a
/// renamed or deleted corpus file does not leave a stale snapshot behind.
#[test]
fn no_stale_snapshots() {
    let stems: BTreeSet<String> = corpus().iter().map(|p| stem(p)).collect();
    let dir = package_dir().join("snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let name = entry
            .expect("readable entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(snap) = name
            .strip_prefix("lint_corpus__")
            .and_then(|n| n.strip_suffix(".snap"))
        {
            assert!(
                snap == "file-too-large" || stems.contains(snap),
                "tests/snapshots/{name} has no corpus file tests/broken/{snap}.yaml"
            );
        }
    }
}

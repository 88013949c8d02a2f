//! Diffing the specs under `specs/` against themselves reports nothing: one file at a time, the
//! whole directory, and through the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

use cloudspec::diff::Report;
use cloudspec::diff::source::{Side, load_side};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .to_path_buf()
}

fn spec_files() -> Vec<PathBuf> {
    cloudspec::load::discover(&[root().join("specs")]).expect("specs/ is readable")
}

#[test]
fn each_seed_spec_against_itself_is_empty() {
    let files = spec_files();
    assert!(
        files.len() >= 4,
        "expected the four seed specs, got {files:?}"
    );
    for file in files {
        let side = Side::Path(file.clone());
        let a = load_side("OLD", &side).unwrap_or_else(|e| panic!("{e}"));
        let b = load_side("NEW", &side).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.model.services.len(), 1, "{}", file.display());
        let report = Report::new(&a.label, &b.label, &a.model, &b.model);
        assert!(
            report.changes.is_empty(),
            "{} differs from itself: {:#?}",
            file.display(),
            report.changes
        );
        assert_eq!(report.summary(), "no changes");
        assert!(!report.fails(cloudspec::diff::FailOn::Any));
    }
}

#[test]
fn the_specs_directory_against_itself_is_empty() {
    let side = Side::Path(root().join("specs"));
    let a = load_side("OLD", &side).unwrap_or_else(|e| panic!("{e}"));
    let report = Report::new("specs", "specs", &a.model, &a.model);
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    let json: serde_json::Value =
        serde_json::from_str(&report.render_json()).expect("the JSON report parses");
    assert_eq!(json["summary"]["total"], 0);
    assert_eq!(json["changes"], serde_json::json!([]));
    assert!(
        report
            .render_markdown()
            .starts_with("### cloudspec diff: no changes\n")
    );
}

#[test]
fn the_command_line_reports_no_changes_and_exits_0() {
    for format in ["text", "markdown", "json"] {
        let out = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
            .current_dir(root())
            .args([
                "diff",
                "specs",
                "specs",
                "--format",
                format,
                "--fail-on",
                "any",
            ])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{format}: {stdout}");
        match format {
            "text" => assert_eq!(
                stdout,
                "comparing specs (old) with specs (new)\n\nno changes\n"
            ),
            "markdown" => assert!(stdout.contains("no changes"), "{stdout}"),
            _ => assert!(stdout.contains("\"total\": 0"), "{stdout}"),
        }
    }
}

//! `generate` builds no warning (`check::Warnings::Skip`): the model and the errors are the
//! same as `lint`'s, and only the warnings are missing.

use std::path::PathBuf;

use cloudspec::check::Warnings;

fn run(paths: &[PathBuf], warnings: Warnings) -> cloudspec::lint::Report {
    cloudspec::lint::finish_with(cloudspec::load::load_paths(paths), warnings)
}

#[test]
fn skipping_warnings_changes_nothing_else() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    for paths in [
        vec![root.join("specs")],
        vec![root.join("tests/broken")],
        vec![
            root.join("generator/tests/fixtures/features.yaml"),
            root.join("generator/tests/fixtures/injection.yaml"),
        ],
    ] {
        let all = run(&paths, Warnings::Report);
        let errors_only = run(&paths, Warnings::Skip);
        assert_eq!(
            serde_json::to_string(&all.model).unwrap(),
            serde_json::to_string(&errors_only.model).unwrap(),
            "{paths:?}: the model"
        );
        let errors = |r: &cloudspec::lint::Report| {
            r.diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{}:{:?} {} {}", d.file, d.line, d.code, d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(errors(&all), errors(&errors_only), "{paths:?}: the errors");
        assert!(
            errors_only.diagnostics.iter().all(|d| d.is_error()),
            "{paths:?}: a warning was built"
        );
    }
    // The repository's specs do have warnings for `lint` to report (CVM's proposals).
    assert!(
        run(&[root.join("specs")], Warnings::Report)
            .diagnostics
            .iter()
            .any(|d| !d.is_error())
    );
}

//! The checked model of every spec under `specs/`, as a JSON snapshot per file.
//!
//! The model is what every emitter reads, so a change in how a spec is understood (a constraint
//! dropped, a default wire location changed, a rule lost) shows up here in review, before it
//! reaches generated code. Spec files are found at run time: a new file gets a new snapshot
//! (`generator/tests/snapshots/model_snapshots__<provider>__<product>__<version>.snap`).
//!
//! Files are loaded under their path relative to the workspace root (`specs/alibaba/...`), so
//! the source locations in the model do not depend on where the workspace is checked out.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use cloudspec::check;
use cloudspec::load::{self, Loaded};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .to_path_buf()
}

/// Every spec file under `specs/`, as paths relative to the workspace root, sorted.
fn spec_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let found = load::discover(&[root.join("specs")]).expect("specs/ is readable");
    found
        .into_iter()
        .map(|p| {
            p.strip_prefix(&root)
                .expect("under the workspace")
                .to_path_buf()
        })
        .collect()
}

/// `specs/alibaba/swas-open/2020-06-01.yaml` -> `alibaba__swas-open__2020-06-01`.
fn snapshot_name(relative: &Path) -> String {
    let inner = relative
        .strip_prefix("specs")
        .unwrap_or(relative)
        .with_extension("");
    load::display(&inner).replace('/', "__")
}

#[test]
fn model_of_every_spec() {
    let files = spec_files();
    assert!(!files.is_empty(), "no spec files under specs/");
    let mut failures = Vec::new();
    for relative in &files {
        let name = load::display(relative);
        let bytes = std::fs::read(workspace_root().join(relative)).expect("spec file is readable");
        let mut loaded = Loaded::default();
        load::load_bytes(&name, &bytes, &mut loaded);
        let checked = check::check(&loaded.specs);
        let mut diagnostics = loaded.diagnostics;
        diagnostics.extend(checked.diagnostics);
        if diagnostics.iter().any(|d| d.is_error()) {
            failures.push(format!(
                "{name} has errors:\n{}",
                loaded.sources.render(&diagnostics)
            ));
            continue;
        }
        if checked.model.services.len() != 1 {
            failures.push(format!(
                "{name}: expected one service, got {}",
                checked.model.services.len()
            ));
            continue;
        }
        let model = &checked.model;
        let snap = snapshot_name(relative);
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(workspace_root().join(relative));
        settings.set_omit_expression(true);
        let result = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_json_snapshot!(snap.as_str(), model));
        }));
        if result.is_err() {
            failures.push(format!(
                "{name}: the model snapshot `{snap}` does not match"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} spec files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn model_locations_are_relative_to_the_workspace() {
    let relative = Path::new("specs/alibaba/swas-open/2020-06-01.yaml");
    let bytes = std::fs::read(workspace_root().join(relative)).expect("the SWAS spec exists");
    let mut loaded = Loaded::default();
    load::load_bytes(&load::display(relative), &bytes, &mut loaded);
    let model = check::check(&loaded.specs).model;
    let service = &model.services[0];
    assert_eq!(service.loc.file, "specs/alibaba/swas-open/2020-06-01.yaml");
    let op = &service.operations[0];
    assert_eq!(op.name, "CreateCustomImage");
    assert!(op.loc.line > 1);
    assert_eq!(snapshot_name(relative), "alibaba__swas-open__2020-06-01");
}

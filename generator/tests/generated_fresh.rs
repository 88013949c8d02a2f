//! Fails when the committed `generated/` crate differs from what `specs/` generate: the same
//! check as `cloudspec check`. Regenerate with `cargo run -p cloudspec -- generate`.

use std::path::Path;

#[test]
fn generated_crate_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::set_current_dir(&root).expect("workspace root");
    let files = cloudspec::generate::files(Path::new("specs"))
        .unwrap_or_else(|report| panic!("specs do not lint:\n{report}"));
    let changes =
        cloudspec::write::compare(Path::new("generated"), &files).expect("read generated/");
    assert!(
        changes.is_empty(),
        "generated/ is stale; run `cargo run -p cloudspec -- generate` and commit:\n{}",
        changes.summary()
    );
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let specs = root.join("specs");
    let a = cloudspec::generate::files(&specs).expect("specs lint");
    let b = cloudspec::generate::files(&specs).expect("specs lint");
    assert_eq!(a, b);
}

/// The fixture crate (`tests/fixture-clients`, generated from the feature and injection
/// fixtures) is compiled, linted and tested by the workspace; it must be up to date too.
#[test]
fn fixture_crate_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let options = cloudspec::generate::Options {
        specs: vec![
            root.join("generator/tests/fixtures/features.yaml"),
            root.join("generator/tests/fixtures/injection.yaml"),
        ],
        package: "cloudspec-fixture-clients".into(),
    };
    // Diagnostics and headers name files as given: use the paths the README command uses.
    let relative = cloudspec::generate::Options {
        specs: options
            .specs
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect(),
        ..options
    };
    // Every test of this file that changes directory goes to the workspace root.
    std::env::set_current_dir(&root).expect("workspace root");
    let files = cloudspec::generate::files_with(&relative).map(|(f, _)| f);
    let files = files.unwrap_or_else(|report| panic!("fixtures do not lint:\n{report}"));
    let changes = cloudspec::write::compare(&root.join("tests/fixture-clients"), &files)
        .expect("read fixture crate");
    assert!(
        changes.is_empty(),
        "tests/fixture-clients is stale; run `cargo run -p cloudspec -- generate --specs generator/tests/fixtures/features.yaml --specs generator/tests/fixtures/injection.yaml --out tests/fixture-clients --package cloudspec-fixture-clients`:\n{}",
        changes.summary()
    );
}

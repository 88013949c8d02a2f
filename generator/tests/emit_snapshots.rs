//! Snapshots of the Rust emitter's output on a fixture spec that exercises each feature.

use std::path::Path;

#[test]
fn features_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bytes = std::fs::read(dir.join("features.yaml")).expect("fixture");
    let mut loaded = cloudspec::load::Loaded::default();
    cloudspec::load::load_bytes("fixtures/features.yaml", &bytes, &mut loaded);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let checked = cloudspec::check::check(&loaded.specs);
    assert!(
        checked.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    let files = cloudspec::emit::rust::emit(&checked.model).expect("emits");
    for f in files {
        // Every emitted Rust file parses back.
        if f.path.ends_with(".rs") {
            syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        }
        insta::assert_snapshot!(f.path.replace('/', "__"), f.contents);
    }
}

//! Fails when `specs/spec.schema.json` differs from the schema derived from the spec types.
//! Regenerate with `cargo run -p cloudspec -- schema > specs/spec.schema.json`.

#[test]
fn committed_schema_matches_the_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/spec.schema.json");
    let committed = std::fs::read_to_string(&path).expect("specs/spec.schema.json");
    assert!(
        committed == cloudspec::spec::json_schema(),
        "specs/spec.schema.json is stale: run `cargo run -p cloudspec -- schema > specs/spec.schema.json`"
    );
}

#[test]
fn every_spec_references_the_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = cloudspec::load::discover(&[root]).expect("specs/");
    assert!(files.len() >= 4);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../../spec.schema.json"),
            "{} lacks the schema line",
            f.display()
        );
    }
}

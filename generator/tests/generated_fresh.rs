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

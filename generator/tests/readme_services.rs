//! README.md lists the services and their operation counts as the specs give them: the block
//! between the `cloudspec:services` markers is `emit::docs::services_table` of `specs/`.
//! `CLOUDSPEC_UPDATE_README=1 cargo test -p cloudspec --test readme_services` rewrites it.

use std::path::PathBuf;

const BEGIN: &str = "<!-- cloudspec:services:begin (generated from specs/ by generator/tests/readme_services.rs) -->\n";
const END: &str = "<!-- cloudspec:services:end -->";

#[test]
fn readme_lists_the_services_of_the_specs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = cloudspec::lint::run(&[root.join("specs")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let table = cloudspec::emit::docs::services_table(
        &report.model,
        cloudspec::emit::rust::DEFAULT_PACKAGE,
    );
    let path = root.join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("README.md has the services begin marker")
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .expect("README.md has the services end marker")
        + start;
    if readme[start..end] == table {
        return;
    }
    if std::env::var_os("CLOUDSPEC_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "README.md's services table differs from the specs; run \
         `CLOUDSPEC_UPDATE_README=1 cargo test -p cloudspec --test readme_services`. Expected:\n{table}"
    );
}

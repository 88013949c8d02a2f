//! Walking the spec inputs (issue 13): symbolic-link loops are reported once and not followed,
//! inputs without specs fail, unreadable paths say why. Each case runs `cloudspec lint` in its
//! own temporary directory.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("cloudspec-discover-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn seed_spec() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    fs::read(root.join("specs/alibaba/ens/2017-11-10.yaml")).expect("ENS spec")
}

fn lint(dir: &Path, args: &[&str]) -> (i32, String) {
    let Output { status, stdout, .. } = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .output()
        .expect("runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
    )
}

#[test]
fn links_back_into_the_tree_are_reported_once_and_not_followed() {
    let dir = temp("loops");
    let specs = dir.join("specs");
    fs::create_dir_all(&specs).unwrap();
    fs::write(specs.join("ens.yaml"), seed_spec()).unwrap();
    symlink(".", specs.join("a")).unwrap();
    symlink(".", specs.join("b")).unwrap();
    // A second link to a sibling directory is no loop: walked once, its spec taken once.
    fs::create_dir_all(dir.join("more")).unwrap();
    symlink("../more", specs.join("c")).unwrap();
    symlink("../more", specs.join("d")).unwrap();
    let (code, out) = lint(&dir, &["specs"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("warning[symlink-loop]").count(), 2, "{out}");
    assert!(out.contains("specs/a"), "{out}");
    assert!(out.contains("specs/b"), "{out}");
    assert!(!out.contains("duplicate-name"), "{out}");
    assert!(out.contains("checked 1 service"), "{out}");
    fs::remove_dir_all(dir).ok();
}

#[test]
fn inputs_without_specs_fail() {
    let dir = temp("empty");
    fs::create_dir_all(dir.join("specs")).unwrap();
    let (code, out) = lint(&dir, &["specs"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[no-specs]: no spec files in `specs`"),
        "{out}"
    );
    // A directory named like a spec file is a directory.
    fs::create_dir_all(dir.join("x.yaml")).unwrap();
    let (code, out) = lint(&dir, &["x.yaml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no spec files in `x.yaml`"), "{out}");
    fs::remove_dir_all(dir).ok();
}

#[test]
fn unreadable_paths_say_why() {
    let dir = temp("unreadable");
    let specs = dir.join("specs");
    fs::create_dir_all(&specs).unwrap();
    fs::write(specs.join("ens.yaml"), seed_spec()).unwrap();
    // Two links to each other: a loop between files, not a missing file.
    symlink("b.yaml", specs.join("a.yaml")).unwrap();
    symlink("a.yaml", specs.join("b.yaml")).unwrap();
    let (code, out) = lint(&dir, &["specs"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.matches("too many levels of symbolic links").count(),
        2,
        "{out}"
    );
    // The readable spec is still checked.
    assert!(out.contains("checked 1 service"), "{out}");
    // A missing path says so.
    let (code, out) = lint(&dir, &["nowhere"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("cannot read: no such file or directory"),
        "{out}"
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn commands_find_the_project_root_from_a_subdirectory() {
    let dir = temp("root");
    fs::create_dir_all(dir.join("specs")).unwrap();
    fs::write(dir.join("specs/ens.yaml"), seed_spec()).unwrap();
    let deep = dir.join("a/b");
    fs::create_dir_all(&deep).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(&deep)
        .arg("lint")
        .output()
        .expect("runs");
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{out}{err}");
    assert!(out.contains("checked 1 service"), "{out}");
    assert!(err.contains("note: using the project at"), "{err}");
    // An explicit path is taken as given, relative to where the command runs.
    let (code, out) = lint(&deep, &["../../specs/ens.yaml"]);
    assert_eq!(code, 0, "{out}");
    // Outside any project: said, and nothing checked is a failure.
    let outside = temp("outside");
    let output = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(&outside)
        .arg("lint")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no specs/ in"));
    fs::remove_dir_all(dir).ok();
    fs::remove_dir_all(outside).ok();
}

/// A reader that stops reading (`cloudspec lint | head`) is no reason to panic: the command
/// ends with its own exit status.
#[test]
fn a_closed_standard_output_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = temp("pipe");
    // Many diagnostics: more output than a pipe buffer holds.
    let mut text = String::from(
        "service:\n  provider: alibaba\n  product: demo\n  name: Demo\n  version: \"2024-01-01\"\n  protocol: alibaba-rpc\n  endpoints: {rule: central, host: demo.aliyuncs.com}\noperations:\n  - name: A\n    summary: A.\n    source: [{url: \"https://example.com/a\", language: en}]\n    parameters:\n",
    );
    for i in 0..2000 {
        text.push_str(&format!(
            "      - {{name: P{i}, type: string, descriptoin: typo}}\n"
        ));
    }
    fs::write(dir.join("many.yaml"), text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(&dir)
        .args(["lint", "many.yaml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut first)
        .expect("some output");
    // The pipe is closed here, with most of the output unread.
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    fs::remove_dir_all(dir).ok();
}

/// A command given some of its paths does not move: `check --specs X` from a subdirectory
/// reads X where it is.
#[test]
fn a_path_given_keeps_the_command_where_it_runs() {
    let dir = temp("partial");
    fs::create_dir_all(dir.join("specs")).unwrap();
    fs::write(dir.join("specs/ens.yaml"), seed_spec()).unwrap();
    let deep = dir.join("a");
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("own.yaml"), seed_spec()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(&deep)
        .args(["generate", "--specs", "own.yaml"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("using the project at"), "{err}");
    // The default output directory is where the command runs.
    assert!(deep.join("generated/Cargo.toml").is_file());
    fs::remove_dir_all(dir).ok();
}

//! `cloudspec diff` as a command: formats, `--fail-on`, exit codes, and clear errors for bad
//! input (exit 2, naming the side and the problem).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Runs `cloudspec diff ARGS` from `generator/tests/`.
fn diff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .current_dir(tests_dir())
        .arg("diff")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn case(name: &str) -> [String; 2] {
    [
        format!("fixtures/diff/{name}/old.yaml"),
        format!("fixtures/diff/{name}/new.yaml"),
    ]
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn text_is_the_default_and_uncoloured_when_not_a_terminal() {
    let [old, new] = case("seed-cvm-image-family-required");
    let out = diff(&[&old, &new]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "no ANSI escapes on a pipe");
    assert!(
        stdout.contains("breaking[request-parameter-required-added]"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("old {old}:465:15")), "{stdout}");
    assert!(stdout.ends_with("1 change: 1 breaking\n"), "{stdout}");
}

#[test]
fn markdown_and_json_formats() {
    let [old, new] = case("seed-swas-tag-max-items");
    let out = diff(&[&old, &new, "--format", "markdown"]);
    let md = text(&out.stdout);
    assert!(
        md.starts_with("### cloudspec diff: 3 changes: 1 potentially breaking, 2 docs only\n"),
        "{md}"
    );
    assert!(
        md.contains("<details open>\n<summary><strong>Potentially breaking</strong> (1)</summary>")
    );
    assert!(md.contains("<details>\n<summary><strong>Docs only</strong> (2)</summary>"));

    let out = diff(&[&old, &new, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["total"], 3);
    assert_eq!(json["summary"]["potentially_breaking"], 1);
    let first = &json["changes"][0];
    assert_eq!(first["id"], "request-parameter-max-items-decreased");
    assert_eq!(first["severity"], "potentially-breaking");
    assert_eq!(first["service"], "alibaba/swas-open/2020-06-01");
    assert_eq!(first["operation"], "CreateCustomImage");
    assert_eq!(first["path"], "request.Tag");
    assert_eq!(first["new"]["line"], 184);
}

#[test]
fn fail_on_sets_exit_1_at_or_above_the_threshold() {
    let [b_old, b_new] = case("seed-cvm-image-family-required"); // breaking
    let [p_old, p_new] = case("request-parameter-wire-changed"); // potentially breaking
    let [n_old, n_new] = case("request-parameter-added"); // non-breaking
    let [d_old, d_new] = case("description-changed"); // docs only
    let code = |old: &str, new: &str, on: Option<&str>| {
        let mut args = vec![old, new];
        if let Some(on) = on {
            args.extend(["--fail-on", on]);
        }
        diff(&args).status.code()
    };
    assert_eq!(
        code(&b_old, &b_new, None),
        Some(0),
        "no --fail-on: exit 0 whatever changed"
    );
    assert_eq!(code(&b_old, &b_new, Some("breaking")), Some(1));
    assert_eq!(code(&p_old, &p_new, Some("breaking")), Some(0));
    assert_eq!(code(&p_old, &p_new, Some("potentially-breaking")), Some(1));
    assert_eq!(code(&n_old, &n_new, Some("potentially-breaking")), Some(0));
    assert_eq!(code(&n_old, &n_new, Some("non-breaking")), Some(1));
    assert_eq!(code(&d_old, &d_new, Some("non-breaking")), Some(0));
    assert_eq!(code(&d_old, &d_new, Some("any")), Some(1));
    assert_eq!(
        code(&d_old, &d_old, Some("any")),
        Some(0),
        "identical inputs never fail"
    );
}

#[test]
fn a_missing_path_is_exit_2_naming_the_side() {
    let [old, _] = case("description-changed");
    let out = diff(&[&old, "fixtures/diff/no-such-case/new.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: NEW side `fixtures/diff/no-such-case/new.yaml`: no such file or directory"
        ),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn specs_with_errors_are_exit_2_with_their_diagnostics() {
    let dir = std::env::temp_dir().join(format!("cloudspec-diff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "service:\n  provider: alibaba\n  prodcut: x\n").expect("write");
    let [old, _] = case("description-changed");
    let out = diff(&[&old, broken.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: NEW side `"), "{stderr}");
    assert!(stderr.contains("the specs have"), "{stderr}");
    assert!(stderr.contains("unknown key `prodcut`"), "{stderr}");
}

#[test]
fn base_takes_at_most_one_path() {
    let out = diff(&["--base", "HEAD", "a.yaml", "b.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("with --base, give at most one path"),
        "{}",
        text(&out.stderr)
    );
    let out = diff(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give OLD and NEW, or --base REV"));
}

#[test]
fn list_rules_names_every_rule() {
    let out = diff(&["--list-rules"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for rule in cloudspec::diff::rules::RULES {
        assert!(listing.contains(rule.id), "{} missing", rule.id);
    }
    let md = text(&diff(&["--list-rules", "--format", "markdown"]).stdout);
    assert!(md.starts_with("| rule | severity | reports |\n|---|---|---|\n"));
    assert_eq!(md.lines().count(), cloudspec::diff::rules::RULES.len() + 2);
}

#[test]
fn the_readme_documents_every_rule() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README.md");
    let section = readme
        .split("## Reviewing spec changes")
        .nth(1)
        .expect("README has a `Reviewing spec changes` section");
    for rule in cloudspec::diff::rules::RULES {
        assert!(
            section.contains(&format!("`{}`", rule.id)),
            "README's `Reviewing spec changes` does not list `{}`",
            rule.id
        );
    }
}

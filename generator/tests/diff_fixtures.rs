//! `cloudspec diff` on before/after spec pairs: `tests/fixtures/diff/<case>/`, each with an
//! `old` and a `new` side. Every case's text report is an insta snapshot
//! (`diff_fixtures__<case>.snap`); the `seed-*` cases (realistic edits of the four seed specs)
//! also have markdown and JSON ones.
//!
//! A case named after a rule id must report that rule, and every rule has such a case.
//!
//! # Writing a case
//!
//! A case directory holds either its two sides written out (a spec file `old.yaml`, a directory
//! `old/` of specs, or nothing for an empty side; the same for `new`), or one file,
//! `edits.diff`, that derives both sides from a base spec, most often `base.yaml`:
//!
//! ```text
//! about: ClientToken: up to 32 characters (was 64)
//!
//! new:
//! -        maxLength: 64
//! +        maxLength: 32
//! ```
//!
//! - `about: TEXT` (first line, required) says what the case is about. Each side is the base
//!   with its first line (a comment) replaced by `# cloudspec diff fixture (old): TEXT`, so line
//!   numbers in reports are the base's.
//! - `base: PATH` (optional) names another base, relative to `tests/fixtures/diff/`.
//! - `old:` or `new:` starts the edits of that side, which is one spec (`old.yaml`).
//!   `new/NAME.yaml:` starts the edits of one file of a side that is a directory, `new/`.
//!   `old: none` makes a side empty (no spec at all). A side not named is the base as it is.
//! - Edits are hunks like those of a unified diff without line numbers: lines that start with
//!   a space (context), `-` (a line of the base to remove) or `+` (a line to add). A hunk's
//!   context and `-` lines, in order, must stand exactly once in the text, as whole lines; they
//!   are replaced by its context and `+` lines. An empty line ends a hunk; hunks apply in order.
//!
//! A hunk that no longer applies (its lines are absent, or stand more than once) fails every
//! test with a message naming the case. Reports name the sides as if they were written out
//! (`fixtures/diff/<case>/old.yaml`). The cases that `diff_cli.rs` and `diff_git.rs` run the
//! binary on are written out.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use cloudspec::diff::{Report, Severity, rules::RULES};
use cloudspec::load::{self, Loaded};
use cloudspec::model::Model;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

/// Every case directory, sorted.
fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/diff exists")
        .map(|e| e.expect("readable"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// One hunk of an `edits.diff`: its lines, each with its `' '`, `-` or `+` mark.
type Hunk = Vec<String>;

/// The edits of one file of a side.
struct Part {
    /// `old` or `new`.
    side: String,
    /// The file's name in a directory side (`2025-01-01.yaml`); none for `old.yaml`.
    file: Option<String>,
    hunks: Vec<Hunk>,
}

/// A parsed `edits.diff`.
struct Edits {
    case: String,
    about: String,
    base: String,
    parts: Vec<Part>,
    /// Sides with no spec at all.
    empty: Vec<String>,
}

impl Edits {
    /// Parses the text of `case`'s `edits.diff`; `base` reads a base by its path.
    fn parse(case: &str, text: &str, base: impl Fn(&str) -> String) -> Result<Edits, String> {
        let fail = |n: usize, what: &str| Err(format!("case {case}: edits.diff line {n}: {what}"));
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let Some(about) = lines.next().and_then(|(_, l)| l.strip_prefix("about: ")) else {
            return fail(1, "the first line must be `about: …`");
        };
        let mut edits = Edits {
            case: case.to_string(),
            about: about.to_string(),
            base: String::new(),
            parts: Vec::new(),
            empty: Vec::new(),
        };
        let mut base_path = "base.yaml".to_string();
        let mut in_hunk = false;
        for (n, line) in lines {
            let header = line
                .strip_suffix(':')
                .or_else(|| line.strip_suffix(": none"))
                .filter(|h| {
                    h.split('/')
                        .next()
                        .is_some_and(|s| s == "old" || s == "new")
                });
            if let Some(path) = line.strip_prefix("base: ") {
                if !edits.parts.is_empty() || !edits.empty.is_empty() {
                    return fail(n, "`base:` must come before the sides");
                }
                base_path = path.to_string();
            } else if let Some(header) = header {
                let (side, file) = match header.split_once('/') {
                    Some((side, file)) => (side, Some(file.to_string())),
                    None => (header, None),
                };
                if line.ends_with(": none") {
                    if file.is_some() {
                        return fail(n, "only a whole side can be `none`");
                    }
                    edits.empty.push(side.to_string());
                } else {
                    edits.parts.push(Part {
                        side: side.to_string(),
                        file,
                        hunks: Vec::new(),
                    });
                }
                in_hunk = false;
            } else if line.is_empty() {
                in_hunk = false;
            } else if line.starts_with([' ', '-', '+']) {
                let Some(part) = edits.parts.last_mut() else {
                    return fail(n, "an edit before `old:` or `new:`");
                };
                if !in_hunk {
                    part.hunks.push(Vec::new());
                    in_hunk = true;
                }
                part.hunks
                    .last_mut()
                    .expect("just pushed")
                    .push(line.to_string());
            } else {
                return fail(
                    n,
                    "expected `base:`, `old:`, `new:`, `old/NAME:`, `new/NAME:` or an edit line (` `, `-`, `+`)",
                );
            }
        }
        edits.base = base(&base_path);
        Ok(edits)
    }

    /// The files of `side`, each with its name under `fixtures/diff/` and its text.
    fn side(&self, side: &str) -> Result<Vec<(String, String)>, String> {
        if self.empty.iter().any(|s| s == side) {
            return Ok(Vec::new());
        }
        let start = format!("# cloudspec diff fixture ({side}): {}\n", self.about);
        let text = start + self.base.split_once('\n').map_or("", |(_, rest)| rest);
        let parts: Vec<&Part> = self.parts.iter().filter(|p| p.side == side).collect();
        if parts.is_empty() {
            return Ok(vec![(format!("{side}.yaml"), text)]);
        }
        let mut files = Vec::new();
        for part in parts {
            let name = match &part.file {
                Some(file) => format!("{side}/{file}"),
                None => format!("{side}.yaml"),
            };
            let mut text = text.clone();
            for (i, hunk) in part.hunks.iter().enumerate() {
                text = apply(&text, hunk).map_err(|e| {
                    format!(
                        "case {}: {name}: hunk {} does not apply: {e}:\n{}",
                        self.case,
                        i + 1,
                        hunk.join("\n")
                    )
                })?;
            }
            files.push((name, text));
        }
        files.sort();
        Ok(files)
    }
}

/// Applies one hunk to `text`.
fn apply(text: &str, hunk: &Hunk) -> Result<String, String> {
    let pick = |marks: &str| -> Vec<String> {
        hunk.iter()
            .filter(|l| l.starts_with(|c| marks.contains(c)))
            .map(|l| format!("{}\n", &l[1..]))
            .collect()
    };
    let (find, replace) = (pick(" -"), pick(" +"));
    if find.is_empty() {
        return Err("it has neither context nor `-` lines to find".into());
    }
    if find == replace {
        return Err("it changes nothing".into());
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at: Vec<usize> = lines
        .windows(find.len())
        .enumerate()
        .filter(|(_, w)| w.iter().zip(&find).all(|(a, b)| a == b))
        .map(|(i, _)| i)
        .collect();
    match at[..] {
        [i] => Ok(lines[..i].concat() + &replace.concat() + &lines[i + find.len()..].concat()),
        [] => Err("its context and `-` lines are not in the text".into()),
        _ => Err(format!(
            "its context and `-` lines stand {} times in the text; add context",
            at.len()
        )),
    }
}

/// The files of one side of a case, each with its name relative to `tests/` (so reports do not
/// depend on where the workspace is checked out) and its text.
fn side_files(case: &str, side: &str) -> Vec<(String, String)> {
    let dir = fixtures().join(case);
    let read = |path: &Path| std::fs::read_to_string(path).expect("readable");
    let edits = dir.join("edits.diff");
    if edits.exists() {
        let base = |path: &str| read(&fixtures().join(path));
        return Edits::parse(case, &read(&edits), base)
            .and_then(|edits| edits.side(side))
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|(name, text)| (format!("fixtures/diff/{case}/{name}"), text))
            .collect();
    }
    let file = dir.join(format!("{side}.yaml"));
    let files: Vec<PathBuf> = if file.exists() {
        vec![file]
    } else if dir.join(side).is_dir() {
        load::discover(&[dir.join(side)]).expect("readable")
    } else {
        Vec::new()
    };
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    files
        .iter()
        .map(|f| {
            let name = load::display(f.strip_prefix(&tests).expect("under tests/"));
            (name, read(f))
        })
        .collect()
}

/// Loads one side of a case. A missing side is an empty model.
fn side(case: &str, side: &str) -> Model {
    let mut loaded = Loaded::default();
    for (name, text) in side_files(case, side) {
        load::load_bytes(&name, text.as_bytes(), &mut loaded);
    }
    let checked = cloudspec::check::check(&loaded.specs);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(checked.diagnostics);
    assert!(
        !diagnostics.iter().any(|d| d.is_error()),
        "{case}/{side} has errors:\n{}",
        loaded.sources.render(&diagnostics)
    );
    checked.model
}

fn report(case: &str) -> Report {
    Report::new(
        &format!("fixtures/diff/{case}/old"),
        &format!("fixtures/diff/{case}/new"),
        &side(case, "old"),
        &side(case, "new"),
    )
}

#[test]
fn every_case_matches_its_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let report = report(case);
        let mut settings = insta::Settings::clone_current();
        settings.set_omit_expression(true);
        settings.set_description(format!("cloudspec diff on tests/fixtures/diff/{case}"));
        let result = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| {
                insta::assert_snapshot!(case.as_str(), report.render_text(false));
                if case.starts_with("seed-") {
                    insta::assert_snapshot!(format!("{case}.md"), report.render_markdown());
                    insta::assert_snapshot!(format!("{case}.json"), report.render_json());
                }
            });
        }));
        if result.is_err() {
            failures.push(case.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases do not match their snapshots: {}",
        failures.len(),
        cases.len(),
        failures.join(", ")
    );
}

#[test]
fn every_rule_has_a_case_that_reports_it() {
    let cases: BTreeSet<String> = cases().into_iter().collect();
    for rule in RULES {
        assert!(
            cases.contains(rule.id),
            "no case tests/fixtures/diff/{}/ for rule `{}`",
            rule.id,
            rule.id
        );
        let ids: Vec<&str> = report(rule.id).changes.iter().map(|c| c.id).collect();
        assert!(
            ids.contains(&rule.id),
            "case {} does not report its rule; it reports {ids:?}",
            rule.id
        );
    }
}

/// `--format github`: one annotation per change, on one line, at the change's place, with the
/// rule id and severity as its title; breaking changes are errors.
#[test]
fn github_annotations_of_every_case() {
    let command = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[a-z-]+ \([a-z -]+\)::[^\r\n]+$",
    )
    .unwrap();
    for case in cases() {
        let report = report(&case);
        let out = report.render_github();
        assert_eq!(out.lines().count(), report.changes.len(), "{case}");
        for (line, change) in out.lines().zip(&report.changes) {
            assert!(command.is_match(line), "{case}: {line}");
            let level = match change.severity {
                Severity::Breaking => "::error ",
                Severity::PotentiallyBreaking => "::warning ",
                _ => "::notice ",
            };
            assert!(line.starts_with(level), "{case}: {line}");
        }
    }
}

#[test]
fn every_case_side_equals_itself() {
    for case in cases() {
        for s in ["old", "new"] {
            let m = side(&case, s);
            let r = Report::new("a", "b", &m, &m);
            assert!(r.changes.is_empty(), "{case}/{s}: {:#?}", r.changes);
            assert_eq!(
                r.render_text(false),
                "comparing a (old) with b (new)\n\nno changes\n"
            );
        }
    }
}

#[test]
fn every_change_has_a_location_and_an_effect() {
    for case in cases() {
        for c in report(&case).changes {
            assert!(
                c.old.is_some() || c.new.is_some(),
                "{case}: {} has no location",
                c.id
            );
            assert!(
                !c.effect.is_empty() && !c.message.is_empty(),
                "{case}: {c:?}"
            );
            assert_eq!(
                cloudspec::diff::rules::find(c.id).map(|r| r.severity),
                Some(c.severity),
                "{case}: {} reported with another severity",
                c.id
            );
        }
    }
}

#[test]
fn reports_are_deterministic_and_worst_first() {
    for case in cases() {
        let (a, b) = (report(&case), report(&case));
        assert_eq!(a, b, "{case}");
        assert!(
            a.changes.windows(2).all(|w| w[0].severity <= w[1].severity),
            "{case}: not sorted by severity"
        );
    }
}

#[test]
fn edits_apply_to_their_base_or_fail_naming_the_case() {
    let base = |_: &str| "# base\nkind: a\nkind: a\nname: x\n".to_string();
    let sides = |text: &str| {
        Edits::parse("some-case", text, base).and_then(|e| Ok((e.side("old")?, e.side("new")?)))
    };
    let (old, new) = sides("about: x is y\n\nnew/b.yaml:\n name: x\n+size: 1\n\nnew/a.yaml:\n")
        .expect("applies");
    assert_eq!(
        old,
        [(
            "old.yaml".to_string(),
            "# cloudspec diff fixture (old): x is y\nkind: a\nkind: a\nname: x\n".to_string()
        )]
    );
    assert_eq!(new.len(), 2);
    assert_eq!(new[0].0, "new/a.yaml");
    assert_eq!(
        new[1].1,
        "# cloudspec diff fixture (new): x is y\nkind: a\nkind: a\nname: x\nsize: 1\n"
    );
    assert!(
        sides("about: gone\n\nold: none\n")
            .expect("applies")
            .0
            .is_empty()
    );
    let error = |text: &str| sides(text).err().unwrap_or_default();
    let absent = error("about: x\n\nold:\n-name: z\n+name: y\n");
    assert!(
        absent.starts_with("case some-case: old.yaml: hunk 1 does not apply")
            && absent.contains("not in the text"),
        "{absent}"
    );
    let twice = error("about: x\n\nnew:\n-kind: a\n");
    assert!(twice.contains("stand 2 times in the text"), "{twice}");
    let stray = error("about: x\nnew:\nfoo\n");
    assert!(
        stray.starts_with("case some-case: edits.diff line 3"),
        "{stray}"
    );
}

// ---------------------------------------------------------------------------------------------
// diff against cargo-semver-checks
//
// `scripts/semver_checks.sh` generates the crate of each side of every case, asks
// cargo-semver-checks for its verdict on each pair, and records the verdicts in
// `tests/fixtures/diff/semver-checks.tsv` with a fingerprint of the two crates. The test below
// reads that record: every case must have a verdict for the crates the generator makes today,
// and `diff` must agree with it, or the rule behind the disagreement must be listed, with its
// reason, in README.md's table "Where diff and cargo-semver-checks differ".

/// The record the script writes.
const SEMVER_RECORD: &str = "semver-checks.tsv";

/// The generated crate of one side of a case, as cargo-semver-checks compares it: the Rust
/// files only, as package `case-<case>`.
fn case_crate(case: &str, side_name: &str) -> Vec<cloudspec::emit::GeneratedFile> {
    cloudspec::emit::rust::emit_timed(&side(case, side_name), &format!("case-{case}"))
        .unwrap_or_else(|e| panic!("{case}/{side_name} does not generate: {e}"))
        .0
}

/// A fingerprint of both sides' public APIs: the record is stale when it differs.
fn crates_fingerprint(case: &str) -> String {
    fingerprint(&case_crate(case, "old"), &case_crate(case, "new"))
}

/// The fingerprint of an old and a new crate: of what cargo-semver-checks judges, so that a
/// generator change which leaves the public API alone (docs, the private per-operation data)
/// does not call for a new record.
fn fingerprint(
    old: &[cloudspec::emit::GeneratedFile],
    new: &[cloudspec::emit::GeneratedFile],
) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (side_name, files) in [("old", old), ("new", new)] {
        hash.update(side_name.as_bytes());
        for file in files {
            let surface = if file.path.ends_with(".rs") {
                public_surface(&file.contents)
            } else {
                file.contents.clone()
            };
            for part in [file.path.as_bytes(), b"\0", surface.as_bytes(), b"\0"] {
                hash.update(part);
            }
        }
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A Rust file without what cannot change its public API: items that are not `pub` (the
/// private data modules), at any depth of inline modules, and doc comments. Text that does not
/// parse is kept whole, so a change to it is never missed.
fn public_surface(text: &str) -> String {
    fn public(items: &mut Vec<syn::Item>) {
        items.retain(|item| {
            let vis = match item {
                syn::Item::Const(i) => &i.vis,
                syn::Item::Enum(i) => &i.vis,
                syn::Item::Fn(i) => &i.vis,
                syn::Item::Mod(i) => &i.vis,
                syn::Item::Static(i) => &i.vis,
                syn::Item::Struct(i) => &i.vis,
                syn::Item::Trait(i) => &i.vis,
                syn::Item::Type(i) => &i.vis,
                syn::Item::Union(i) => &i.vis,
                syn::Item::Use(i) => &i.vis,
                // Impls and macro calls belong to whatever they name: kept.
                _ => return true,
            };
            matches!(vis, syn::Visibility::Public(_))
        });
        for item in items {
            if let syn::Item::Mod(m) = item
                && let Some((_, inner)) = &mut m.content
            {
                public(inner);
            }
        }
    }
    let Ok(mut file) = syn::parse_file(text) else {
        return text.to_string();
    };
    public(&mut file.items);
    prettyplease::unparse(&file)
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("///")
                || line.starts_with("//!")
                || line.starts_with("#[doc")
                || line.starts_with("#![doc"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_fingerprint_ignores_docs_and_private_items_only() {
    let file = |contents: &str| cloudspec::emit::GeneratedFile {
        path: "src/lib.rs".into(),
        contents: contents.into(),
    };
    let base = fingerprint(
        &[file(
            "/// A.\npub struct A;\nmod data { pub static X: u8 = 1; }",
        )],
        &[],
    );
    let docs_and_data = fingerprint(
        &[file(
            "/// Another doc.\n#[doc = \"more\"]\npub struct A;\nmod data { pub static X: u8 = 2; }",
        )],
        &[],
    );
    assert_eq!(base, docs_and_data);
    let api = fingerprint(
        &[file(
            "/// A.\npub struct A(pub u8);\nmod data { pub static X: u8 = 1; }",
        )],
        &[],
    );
    assert_ne!(base, api);
    let nested = |field: &str| {
        fingerprint(
            &[file(&format!("pub mod m {{ pub struct S {{ {field} }} }}"))],
            &[],
        )
    };
    assert_ne!(nested("pub a: u8"), nested("pub a: u16"));
}

/// Writes two crates under `$CLOUDSPEC_SEMVER_DIR`, `old/` and `new/`, both named `cases`, in
/// which the crate generated for each side of each case is a module, `case_<case>` (one crate a
/// side, so rustdoc and cargo-semver-checks run once rather than once per case), and
/// `cases.tsv`, each case with its module and fingerprint. Run by `scripts/semver_checks.sh`,
/// not by `cargo test`.
#[test]
#[ignore = "run by scripts/semver_checks.sh"]
fn write_semver_crates() {
    let out = PathBuf::from(
        std::env::var_os("CLOUDSPEC_SEMVER_DIR").expect("CLOUDSPEC_SEMVER_DIR names a directory"),
    );
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let runtime = runtime.canonicalize().expect("runtime/ exists");
    let write = |path: &Path, text: &str| {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("writable");
        std::fs::write(path, text).expect("writable");
    };
    let module = |case: &str| format!("case_{}", case.replace('-', "_"));
    let cases = cases();
    let crates: Vec<[Vec<cloudspec::emit::GeneratedFile>; 2]> = cases
        .iter()
        .map(|case| [case_crate(case, "old"), case_crate(case, "new")])
        .collect();
    for (side, side_name) in ["old", "new"].into_iter().enumerate() {
        let root = out.join(side_name);
        let mut lib = String::from("//! One module per diff case.\n#![allow(missing_docs)]\n");
        let mut features = BTreeSet::new();
        for (case, sides) in cases.iter().zip(&crates) {
            let module = module(case);
            lib.push_str(&format!("pub mod {module};\n"));
            for file in &sides[side] {
                match file.path.as_str() {
                    // Features gate the services; every one is on.
                    "Cargo.toml" => features.extend(
                        file.contents
                            .lines()
                            .filter_map(|l| l.strip_suffix(" = []"))
                            .map(str::to_string),
                    ),
                    // The crate root becomes the case's module, its services the files under it.
                    "src/lib.rs" => write(&root.join(format!("src/{module}.rs")), &file.contents),
                    path => {
                        let path = path.strip_prefix("src/").expect("under src/");
                        write(&root.join(format!("src/{module}/{path}")), &file.contents);
                    }
                }
            }
        }
        write(&root.join("src/lib.rs"), &lib);
        let features: String = features.iter().map(|f| format!("{f} = []\n")).collect();
        write(
            &root.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"cases\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [features]\n{features}\n[dependencies]\ncloudspec-runtime = {{ path = {:?} }}\n\n[workspace]\n",
                runtime.display().to_string()
            ),
        );
    }
    let list: String = cases
        .iter()
        .zip(&crates)
        .map(|(c, [old, new])| format!("{c}\t{}\t{}\n", module(c), fingerprint(old, new)))
        .collect();
    write(&out.join("cases.tsv"), &list);
}

/// cargo-semver-checks' verdict on one case, as recorded.
#[derive(Debug)]
struct SemverVerdict {
    fingerprint: String,
    /// `major` (a lint that requires a major version fired) or `none`.
    level: String,
    /// The ids of the lints that fired.
    lints: Vec<String>,
}

fn semver_record() -> std::collections::BTreeMap<String, SemverVerdict> {
    let path = fixtures().join(SEMVER_RECORD);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/semver_checks.sh", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{SEMVER_RECORD}: not 4 fields: {l:?}");
            let lints = match f[3] {
                "-" => Vec::new(),
                lints => lints.split(',').map(str::to_string).collect(),
            };
            let verdict = SemverVerdict {
                fingerprint: f[1].to_string(),
                level: f[2].to_string(),
                lints,
            };
            (f[0].to_string(), verdict)
        })
        .collect()
}

/// The rules of README.md's table "Where diff and cargo-semver-checks differ", with the
/// verdict each expects of cargo-semver-checks (`none`: diff says breaking, the Rust API does
/// not change).
fn semver_exceptions() -> std::collections::BTreeMap<String, String> {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let text = std::fs::read_to_string(readme).expect("README.md");
    let section = text
        .split_once("### Where diff and cargo-semver-checks differ")
        .expect("README.md has the section")
        .1;
    let section = section.split("\n#").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| {
            let (id, rest) = l.split_once('`').expect("| `rule-id` | …");
            let level = rest
                .split('|')
                .nth(2)
                .expect("| `rule` | diff | cargo-semver-checks | why |")
                .trim()
                .to_string();
            (id.to_string(), level)
        })
        .collect()
}

#[test]
fn diff_agrees_with_cargo_semver_checks() {
    let record = semver_record();
    let exceptions = semver_exceptions();
    let mut problems = Vec::new();
    let mut excused = BTreeSet::new();
    for case in cases() {
        let Some(verdict) = record.get(&case) else {
            problems.push(format!("{case}: no verdict; run scripts/semver_checks.sh"));
            continue;
        };
        if verdict.fingerprint != crates_fingerprint(&case) {
            problems.push(format!(
                "{case}: the crates changed since cargo-semver-checks judged them; run scripts/semver_checks.sh"
            ));
            continue;
        }
        let report = report(&case);
        let breaking: Vec<&str> = report
            .changes
            .iter()
            .filter(|c| c.severity == cloudspec::diff::Severity::Breaking)
            .map(|c| c.id)
            .collect();
        let major = verdict.level == "major";
        // Rules that break requests without changing the Rust API do not explain a major change.
        let api_breaking = breaking
            .iter()
            .any(|id| exceptions.get(*id).map(String::as_str) != Some("none"));
        if major && !api_breaking {
            problems.push(format!(
                "{case}: cargo-semver-checks finds a major change ({}), diff reports nothing breaking: {:?}",
                verdict.lints.join(", "),
                report.changes.iter().map(|c| c.id).collect::<Vec<_>>()
            ));
        } else if !major && !breaking.is_empty() {
            // Every breaking rule must be one that breaks without changing the Rust API.
            for id in breaking {
                if exceptions.get(id).map(String::as_str) == Some("none") {
                    excused.insert(id.to_string());
                } else {
                    problems.push(format!(
                        "{case}: diff says `{id}` is breaking, cargo-semver-checks finds no major change; \
                         fix the rule or list it in README.md's table"
                    ));
                }
            }
        }
    }
    for case in record.keys() {
        if !fixtures().join(case).is_dir() {
            problems.push(format!(
                "{SEMVER_RECORD} has a verdict on {case}, which is gone"
            ));
        }
    }
    for id in exceptions.keys() {
        if !excused.contains(id) {
            problems.push(format!(
                "README.md lists `{id}` as differing from cargo-semver-checks, but no case shows it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

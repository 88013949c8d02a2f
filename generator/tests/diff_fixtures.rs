//! `cloudspec diff` on before/after spec pairs: `tests/fixtures/diff/<case>/`, each with an
//! `old` and a `new` side (a spec file `old.yaml`, a directory `old/`, or nothing for an empty
//! side). Every case's text report is an insta snapshot (`diff_fixtures__<case>.snap`); the
//! `seed-*` cases (realistic edits of the four seed specs) also have markdown and JSON ones.
//!
//! A case named after a rule id must report that rule, and every rule has such a case.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use cloudspec::diff::{Report, rules::RULES};
use cloudspec::load::{self, Loaded};
use cloudspec::model::Model;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

/// Every case directory, sorted.
fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/diff exists")
        .map(|e| {
            e.expect("readable")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

/// Loads one side of a case under its path relative to `tests/`, so reports do not depend on
/// where the workspace is checked out. A missing side is an empty model.
fn side(case: &str, side: &str) -> Model {
    let dir = fixtures().join(case);
    let file = dir.join(format!("{side}.yaml"));
    let files: Vec<PathBuf> = if file.exists() {
        vec![file]
    } else if dir.join(side).is_dir() {
        load::discover(&[dir.join(side)]).expect("readable")
    } else {
        Vec::new()
    };
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut loaded = Loaded::default();
    for f in files {
        let name = load::display(f.strip_prefix(&tests).expect("under tests/"));
        let bytes = std::fs::read(&f).expect("readable");
        load::load_bytes(&name, &bytes, &mut loaded);
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

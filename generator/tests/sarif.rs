//! `--format sarif` of `lint` and `diff`, validated against the published SARIF 2.1.0 schema
//! (`tests/fixtures/sarif-schema-2.1.0.json`, the OASIS schema as serde-sarif 0.8.0 ships it,
//! with one change: the stray `]` in `run.language`'s pattern is escaped (`\\]`), the same
//! literal, so that the pattern is a valid regular expression and the schema passes its own
//! meta-schema).

use std::path::{Path, PathBuf};

use cloudspec::diff::Report;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixtures().join("sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, log: &str, what: &str) -> Value {
    let value: Value = serde_json::from_str(log).unwrap_or_else(|e| panic!("{what}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: not valid SARIF:\n{}",
        errors.join("\n")
    );
    value
}

#[test]
fn lint_logs_of_broken_specs_are_valid_sarif() {
    let validator = validator();
    // The schema does reject what is not SARIF.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0"})));
    assert!(!validator.is_valid(&serde_json::json!({"version": "3.0", "runs": []})));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() > 50);
    for path in &files {
        let report = cloudspec::lint::run(std::slice::from_ref(path));
        let log = assert_valid(
            &validator,
            &report.render_sarif(),
            &path.display().to_string(),
        );
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(
            results.len(),
            report.diagnostics.len(),
            "{}",
            path.display()
        );
    }
    // One result in full: rule, level, message with its help, location with its region.
    let report = cloudspec::lint::run(&[corpus.join("unknown-key-in-param.yaml")]);
    let log: Value = serde_json::from_str(&report.render_sarif()).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unknown-key");
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["message"]["text"],
        "unknown key `maxLenght`\nhelp: did you mean `maxLength`?"
    );
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_i64(),
            region["startColumn"].as_i64(),
            region["endColumn"].as_i64()
        ),
        (Some(40), Some(9), Some(18))
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "unknown-key");
}

#[test]
fn diff_logs_are_valid_sarif() {
    let validator = validator();
    let side = |name: &str| {
        let loaded = cloudspec::load::load_paths(&[fixtures().join("diff").join(name)]);
        cloudspec::check::check(&loaded.specs).model
    };
    // A ROA route change (breaking) and a waiter change (potentially breaking).
    for (old, new_text) in [
        (
            "base-roa.yaml",
            (
                "path: /clusters/{ClusterId}",
                "path: /api/v2/clusters/{ClusterId}",
            ),
        ),
        ("base-waiter.yaml", ("timeout: 600", "timeout: 1800")),
    ] {
        let dir =
            std::env::temp_dir().join(format!("cloudspec-sarif-{}-{old}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = std::fs::read_to_string(fixtures().join("diff").join(old)).unwrap();
        std::fs::write(dir.join("new.yaml"), text.replace(new_text.0, new_text.1)).unwrap();
        let new =
            cloudspec::check::check(&cloudspec::load::load_paths(&[dir.join("new.yaml")]).specs)
                .model;
        let report = Report::new("old", "new", &side(old), &new);
        assert_eq!(report.changes.len(), 1, "{old}");
        let log = assert_valid(&validator, &report.render_sarif(), old);
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], report.changes[0].id);
        std::fs::remove_dir_all(dir).ok();
    }
}

//! Measures `cloudspec::import::prose::extract` against the hand-curated constraints of the four
//! seed operations: for every request parameter (and every member of an inline `items`
//! object), the curated constraints are the truth and the extracted ones are compared with them
//! by value (an enum as a set). Prints true/false positives, false negatives, precision and
//! recall per operation and in total, and the recall over the constraints the parameter's own
//! description states (the rest are stated elsewhere on the page or come from other sources,
//! out of the extractor's reach). A constraint taken from another language's metadata (its
//! provenance names a `zh/` file: CVM's Chinese-only limits, which cite the Chinese sentence) is
//! not measured: the description the extractor reads is the English one, which does not state it.
//! Floors on the figures make a regression fail.
//!
//! `cargo test -p cloudspec --test prose_measure -- --nocapture` shows the table.

use std::collections::BTreeSet;
use std::path::Path;

use cloudspec::import::prose::{Proposed, Subject, extract};
use serde_json::Value;

/// The seed operations: spec file (relative to the workspace root) and operation name.
const SEEDS: [(&str, &str); 4] = [
    ("specs/tencent/cvm/2017-03-12.yaml", "CreateImage"),
    ("specs/alibaba/ens/2017-11-10.yaml", "CreateImage"),
    (
        "specs/alibaba/swas-open/2020-06-01.yaml",
        "CreateCustomImage",
    ),
    (
        "specs/alibaba/appstream-center/2021-09-01.yaml",
        "CreateImageByInstance",
    ),
];

/// The keywords the extractor proposes (and so the ones measured).
const KEYWORDS: [&str; 11] = [
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "firstChar",
    "allowedChars",
    "forbiddenPrefixes",
    "enum",
    "default",
];

/// One constraint: parameter path, keyword, normalised value.
type Fact = (String, String, String);

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Curated constraints whose sentence is in the parameter's own description.
    reachable: usize,
    /// Of those, the ones extracted.
    reachable_tp: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.reachable += o.reachable;
        self.reachable_tp += o.reachable_tp;
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn reachable_recall(&self) -> f64 {
        ratio(self.reachable_tp, self.reachable)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn sorted_set<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join("|")
}

/// Classes as a set, characters as a set.
fn chars_value(classes: &[String], chars: &str) -> String {
    let classes = sorted_set(classes.iter().map(String::as_str));
    let chars: String = chars.chars().collect::<BTreeSet<_>>().into_iter().collect();
    format!("{classes}+{chars}")
}

fn pair(a: &str, b: &str) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!("{x}|{y}")
}

/// The curated value of `keyword` on a parameter, normalised as `extracted_value` writes it.
fn curated_value(param: &Value, keyword: &str) -> Option<String> {
    let v = param.get(keyword)?;
    Some(match keyword {
        "firstChar" | "allowedChars" => {
            let classes: Vec<String> = v
                .get("classes")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(scalar).collect())
                .unwrap_or_default();
            let chars = v.get("chars").map(scalar).unwrap_or_default();
            chars_value(&classes, &chars)
        }
        "forbiddenPrefixes" | "enum" => {
            let items: Vec<String> = v.as_array()?.iter().map(scalar).collect();
            sorted_set(items.iter().map(String::as_str))
        }
        _ => scalar(v),
    })
}

fn extracted_value(p: &Proposed) -> String {
    match p {
        Proposed::MinLength(n) | Proposed::MaxLength(n) => n.to_string(),
        Proposed::MinItems(n) | Proposed::MaxItems(n) => n.to_string(),
        Proposed::Minimum(n) | Proposed::Maximum(n) => n.to_string(),
        Proposed::FirstChar { classes, chars } | Proposed::AllowedChars { classes, chars } => {
            chars_value(classes, chars)
        }
        Proposed::ForbiddenPrefixes(v) => sorted_set(v.iter().map(String::as_str)),
        Proposed::Enum { values, .. } => sorted_set(values.iter().map(String::as_str)),
        Proposed::Default(v) | Proposed::MutuallyExclusive(v) => v.clone(),
    }
}

fn subject(param: &Value) -> Subject {
    match param.get("type").and_then(Value::as_str) {
        Some("string") => Subject::String,
        Some("integer") => Subject::Integer,
        Some("number") => Subject::Number,
        Some("boolean") => Subject::Boolean,
        Some("array") => Subject::Array,
        _ => Subject::Object,
    }
}

fn name(v: &Value) -> &str {
    v.get("name").and_then(Value::as_str).unwrap_or("")
}

/// Whether the curated `keyword` of `param` comes from another language's metadata: a
/// provenance entry about it names a file under a `zh/` directory.
fn from_other_language(param: &Value, keyword: &str) -> bool {
    param
        .get("provenance")
        .and_then(Value::as_array)
        .is_some_and(|list| {
            list.iter().any(|p| {
                p.get("about").and_then(Value::as_str) == Some(keyword)
                    && p.get("source")
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.contains("/zh/"))
            })
        })
}

/// Whether the curated `keyword` of `param` is stated in its own description: a citation for it
/// quotes a sentence of the description; without a citation, its value(s) appear there (and,
/// for a default, the word "default").
fn stated_in_description(param: &Value, keyword: &str, description: &str) -> bool {
    let citations: Vec<&Value> = param
        .get("citations")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|c| {
                    c.get("for")
                        .and_then(Value::as_array)
                        .is_some_and(|f| f.iter().any(|k| k.as_str() == Some(keyword)))
                })
                .collect()
        })
        .unwrap_or_default();
    if !citations.is_empty() {
        return citations.iter().any(|c| {
            c.get("says")
                .and_then(Value::as_str)
                .is_some_and(|s| description.contains(s.trim()))
        });
    }
    let Some(v) = param.get(keyword) else {
        return false;
    };
    match keyword {
        "enum" => v
            .as_array()
            .is_some_and(|a| a.iter().all(|x| description.contains(&scalar(x)))),
        "default" => {
            description.to_lowercase().contains("default") && description.contains(&scalar(v))
        }
        _ => false,
    }
}

/// Scores one operation; prints its misses and false proposals.
fn measure(op: &Value) -> Score {
    let params: Vec<&Value> = op
        .get("parameters")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    // (path, own parameter object, siblings, description)
    let mut rows: Vec<(String, &Value, Vec<&str>)> = Vec::new();
    let top: Vec<&str> = params.iter().map(|p| name(p)).collect();
    for p in &params {
        let own = name(p);
        let siblings: Vec<&str> = top.iter().copied().filter(|n| *n != own).collect();
        rows.push((own.to_string(), p, siblings));
        if let Some(members) = p
            .get("items")
            .and_then(|i| i.get("properties"))
            .and_then(Value::as_array)
        {
            let names: Vec<&str> = members.iter().map(name).collect();
            for m in members {
                let siblings: Vec<&str> = names.iter().copied().filter(|n| *n != name(m)).collect();
                rows.push((format!("{own}.{}", name(m)), m, siblings));
            }
        }
    }
    let mut truth: BTreeSet<Fact> = BTreeSet::new();
    let mut reachable: BTreeSet<Fact> = BTreeSet::new();
    let mut got: BTreeSet<Fact> = BTreeSet::new();
    for (path, param, siblings) in &rows {
        let description = param
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        for keyword in KEYWORDS {
            if let Some(value) = curated_value(param, keyword) {
                if from_other_language(param, keyword) {
                    continue;
                }
                let fact = (path.clone(), keyword.to_string(), value);
                if stated_in_description(param, keyword, description) {
                    reachable.insert(fact.clone());
                }
                truth.insert(fact);
            }
        }
        for p in extract(description, subject(param), siblings) {
            let (path, value) = match &p.proposed {
                Proposed::MutuallyExclusive(other) => (
                    pair(path.rsplit('.').next().unwrap_or(path), other),
                    String::new(),
                ),
                other => (path.clone(), extracted_value(other)),
            };
            assert!(
                description.contains(&p.says),
                "`says` is not in the description: {:?}",
                p.says
            );
            got.insert((path, p.proposed.keyword().to_string(), value));
        }
    }
    // Rules between top-level parameters (every pair of a mutuallyExclusive rule).
    for rule in op
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if rule.get("kind").and_then(Value::as_str) != Some("mutuallyExclusive") {
            continue;
        }
        let names: Vec<&str> = rule
            .get("parameters")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let says = rule.get("says").and_then(Value::as_str).unwrap_or("");
        for (i, a) in names.iter().enumerate() {
            for b in names.iter().skip(i + 1) {
                let fact = (pair(a, b), "mutuallyExclusive".to_string(), String::new());
                let in_own = [a, b].iter().any(|n| {
                    params
                        .iter()
                        .find(|p| name(p) == **n)
                        .and_then(|p| p.get("description").and_then(Value::as_str))
                        .is_some_and(|d| !says.is_empty() && d.contains(says))
                });
                if in_own {
                    reachable.insert(fact.clone());
                }
                truth.insert(fact);
            }
        }
    }
    let mut score = Score::default();
    for fact in &got {
        if truth.contains(fact) {
            score.tp += 1;
        } else {
            score.fp += 1;
            println!("    false positive: {fact:?}");
        }
    }
    for fact in &truth {
        if !got.contains(fact) {
            score.fn_ += 1;
            let reach = if reachable.contains(fact) {
                "stated in its description"
            } else {
                "stated elsewhere"
            };
            println!("    missed ({reach}): {fact:?}");
        }
    }
    score.reachable = reachable.len();
    score.reachable_tp = reachable.iter().filter(|f| got.contains(*f)).count();
    score
}

fn row(label: &str, s: &Score) {
    println!(
        "| {label:<62} | {:>3} | {:>3} | {:>3} | {:>9.3} | {:>6.3} | {:>2}/{:<2} = {:.3} |",
        s.tp,
        s.fp,
        s.fn_,
        s.precision(),
        s.recall(),
        s.reachable_tp,
        s.reachable,
        s.reachable_recall()
    );
}

#[test]
fn measure_seed_operations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut total = Score::default();
    let mut lines = Vec::new();
    for (file, operation) in SEEDS {
        let text = std::fs::read_to_string(root.join(file)).expect("seed spec readable");
        let spec: Value = serde_saphyr::from_str(&text).expect("seed spec parses");
        let op = spec
            .get("operations")
            .and_then(Value::as_array)
            .and_then(|ops| ops.iter().find(|o| name(o) == operation))
            .expect("seed operation present");
        println!("{file} {operation}:");
        let score = measure(op);
        total.add(score);
        lines.push((format!("{file} {operation}"), score));
    }
    println!();
    println!(
        "| {:<62} | {:>3} | {:>3} | {:>3} | {:>9} | {:>6} | {:<15} |",
        "operation", "TP", "FP", "FN", "precision", "recall", "own-description recall"
    );
    for (label, score) in &lines {
        let short = label.trim_start_matches("specs/");
        row(short, score);
    }
    row("total", &total);

    // Floors: the figures measured when the extractor was written, less a margin.
    assert!(
        total.precision() >= FLOOR_PRECISION,
        "precision fell: {:.3}",
        total.precision()
    );
    assert!(
        total.recall() >= FLOOR_RECALL,
        "recall fell: {:.3}",
        total.recall()
    );
    assert!(
        total.reachable_recall() >= FLOOR_REACHABLE_RECALL,
        "own-description recall fell: {:.3}",
        total.reachable_recall()
    );
}

/// Every operation of every spec under `specs/` (the seeds included): the same comparison on
/// operations the extractor was not tuned on. Curation outside the seeds is not exhaustive, so
/// a "false positive" here may be a constraint nobody transcribed; the list is printed to judge.
#[test]
fn measure_all_curated_operations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<_> = Vec::new();
    let mut dirs = vec![root.join("specs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("specs readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut total = Score::default();
    let mut lines = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("spec readable");
        let spec: Value = serde_saphyr::from_str(&text).expect("spec parses");
        let mut score = Score::default();
        for op in spec
            .get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            println!("{} {}:", file.display(), name(op));
            score.add(measure(op));
        }
        total.add(score);
        let label = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        lines.push((label, score));
    }
    println!();
    println!(
        "| {:<62} | {:>3} | {:>3} | {:>3} | {:>9} | {:>6} | {:<15} |",
        "spec file (all operations)",
        "TP",
        "FP",
        "FN",
        "precision",
        "recall",
        "own-description recall"
    );
    for (label, score) in &lines {
        row(label.trim_start_matches("specs/"), score);
    }
    row("total", &total);
    assert!(
        total.precision() >= FLOOR_ALL_PRECISION,
        "precision fell: {:.3}",
        total.precision()
    );
    assert!(
        total.reachable_recall() >= FLOOR_ALL_REACHABLE_RECALL,
        "own-description recall fell: {:.3}",
        total.reachable_recall()
    );
}

// Measured on all operations: precision 68/78 = 0.872, own-description recall 67/69 = 0.971.
const FLOOR_ALL_PRECISION: f64 = 0.82;
const FLOOR_ALL_REACHABLE_RECALL: f64 = 0.92;

// Measured on the seeds: precision 23/23 = 1.000, recall 23/27 = 0.852, own-description recall
// 23/24 = 0.958.
const FLOOR_PRECISION: f64 = 0.95;
const FLOOR_RECALL: f64 = 0.80;
const FLOOR_REACHABLE_RECALL: f64 = 0.90;

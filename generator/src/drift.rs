//! `cloudspec drift`: what the vendor changed since the specs were written.
//!
//! Drift is the difference between a spec and what `cloudspec import --update` would make of
//! it from the vendor's metadata ([`crate::import::merge`]): the metadata's facts laid over the
//! spec, the curator's additions and recorded deliberate differences kept. Both sides go
//! through the loader and the checks, and the [`crate::diff`] engine compares them, so every
//! finding has `diff`'s rule id, severity (what taking the vendor's change would do to callers
//! of the generated crate), message and formats, and `--fail-on` works the same way. Findings
//! are located in the spec file: the element that differs, or the operation (or service) a
//! new element would join.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use crate::diff::cli::{DiffFormat, EXIT_BAD_INPUT};
use crate::diff::{Change, FailOn, Report};
use crate::import::{self, merge, yaml};
use crate::model::{Model, SourceLoc};
use crate::vendor::{self, VendorService};

/// Arguments of `cloudspec drift`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Each finding is what `cloudspec import --update` would change in the spec, with diff's rule id \
and severity. A provenance entry whose `about` names the aspect (`required`, `type`, `enum`, \
`description`, `wire`, a constraint keyword, or `drift`) records a deliberate difference; \
--explained lists those too.

Examples:
  cloudspec drift ../shared/vendor/tencent/cvm/2017-03-12/api.json
  cloudspec drift vendor/*/api-docs.json --format github --fail-on potentially-breaking

Exit status: 0 (also with findings, unless --fail-on), 1 when --fail-on matched, 2 on bad input.")]
pub struct DriftArgs {
    /// Tencent `api.json` or Alibaba `api-docs.json` files; several for one service are
    /// also compared with each other.
    #[arg(required = true, value_name = "METADATA")]
    pub metadata: Vec<PathBuf>,
    /// The specs root (default: the project's `specs/`).
    #[arg(long)]
    pub specs: Option<PathBuf>,
    /// Only these operations: a name or a glob; repeatable (default: the spec's operations).
    #[arg(long = "operation", value_name = "NAME|GLOB")]
    pub operations: Vec<String>,
    /// Also report the metadata's operations the spec does not have.
    #[arg(long)]
    pub new_operations: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Also list (on standard error) the differences the specs' provenance explains.
    #[arg(long)]
    pub explained: bool,
}

/// What a drift run found.
#[derive(Debug, Clone)]
pub struct Drift {
    /// The findings, as a diff report (old: the specs; new: the metadata's view).
    pub report: Report,
    /// Differences the specs record as deliberate, same shape.
    pub explained: Vec<Change>,
    /// Where several sources for one service disagree.
    pub disagreements: Vec<String>,
}

/// Compares the specs under `specs` with the metadata files.
pub fn drift(
    metadata: &[PathBuf],
    specs: &Path,
    operations: &[String],
    new_operations: bool,
) -> Result<Drift, String> {
    let services = vendor::read_all(metadata).map_err(|e| e.to_string())?;
    let mut changes = Vec::new();
    let mut explained = Vec::new();
    let mut disagreements = Vec::new();
    let mut labels = Vec::new();
    for group in import::group(services) {
        let primary = &group[0];
        let path = import::spec_path(specs, primary);
        if !path.is_file() {
            return Err(format!(
                "no spec for {} {} {} at {} (`cloudspec import` drafts one)",
                crate::rust_names::provider_name(primary.provider),
                primary.product,
                primary.version,
                path.display()
            ));
        }
        labels.push(path.display().to_string());
        let one = service(&path, primary, operations, new_operations)?;
        changes.extend(one.0);
        explained.extend(one.1);
        for other in &group[1..] {
            let mine = import::select(primary, operations);
            let theirs = import::select(other, operations);
            disagreements.extend(import::compare::disagreements(
                primary, other, &mine, &theirs,
            ));
        }
    }
    changes.sort_by_key(|c| c.severity);
    let sources: Vec<String> = metadata.iter().map(|p| p.display().to_string()).collect();
    Ok(Drift {
        report: Report {
            old: labels.join(", "),
            new: format!("the vendor metadata ({})", sources.join(", ")),
            changes,
        },
        explained,
        disagreements,
    })
}

/// One service: its findings and its explained differences.
fn service(
    path: &Path,
    v: &VendorService,
    operations: &[String],
    new_operations: bool,
) -> Result<(Vec<Change>, Vec<Change>), String> {
    let old = load(path, None)?;
    let (_, existing) = import::read_spec(path)?;
    let in_spec: BTreeSet<String> = existing
        .get("operations")
        .and_then(Value::as_array)
        .map(|ops| {
            ops.iter()
                .filter_map(|o| o.get("name").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let selected: Vec<_> = import::select(v, operations)
        .into_iter()
        .filter(|op| new_operations || in_spec.contains(&op.name))
        .collect();
    let merged = |respect: bool| -> Value {
        let (mut doc, _) = merge::merge(Some(&existing), v, &selected, respect);
        // An operation the metadata no longer has goes, unless its provenance keeps it.
        if let Some(ops) = doc.get_mut("operations").and_then(Value::as_array_mut) {
            ops.retain(|o| {
                let name = o.get("name").and_then(Value::as_str).unwrap_or_default();
                let selected_out = !operations.is_empty()
                    && !operations.iter().any(|p| import::glob_match(p, name));
                v.operations.contains_key(name) || selected_out || (respect && keeps(o))
            });
        }
        doc
    };
    let write = |doc: &Value| yaml::write("", doc).map_err(|e| format!("{}: {e}", path.display()));
    let respected = merged(true);
    let findings = diff(&old, &load(path, Some(write(&respected)?))?);
    // What the explanations hide: the view that ignores them. It may not check where an
    // explanation is what makes an operation valid (a curated integer a paginator relies on,
    // say); such an operation is taken as the explanations leave it, and the rest is listed.
    let mut unexplained = merged(false);
    let mut settled: BTreeSet<String> = BTreeSet::new();
    let hidden = loop {
        let text = write(&unexplained)?;
        match load_lines(path, &text) {
            Ok(all) => break diff(&old, &all),
            Err(lines) => {
                let culprits: Vec<String> = operations_at(&text, &lines)
                    .into_iter()
                    .filter(|n| !settled.contains(n))
                    .collect();
                // An error outside the operations, or in one already settled: nothing to list.
                if culprits.is_empty() {
                    break Vec::new();
                }
                for name in culprits {
                    replace_operation(&mut unexplained, &respected, &name);
                    settled.insert(name);
                }
            }
        }
    };
    let explained = hidden
        .into_iter()
        .filter(|c| !findings.iter().any(|f| f.id == c.id && f.path == c.path))
        .collect();
    Ok((findings, explained))
}

/// Whether an operation's provenance keeps it although the metadata does not have it.
fn keeps(op: &Value) -> bool {
    op.get("provenance")
        .and_then(Value::as_array)
        .is_some_and(|l| {
            l.iter().any(|p| {
                matches!(
                    p.get("about").and_then(Value::as_str),
                    Some("row" | "drift")
                )
            })
        })
}

/// The spec file, or a text standing for it, loaded and checked.
fn load(path: &Path, text: Option<String>) -> Result<Model, String> {
    let report = match text {
        None => crate::lint::run(&[path.to_path_buf()]),
        Some(text) => check_text(path, &text),
    };
    if report.has_errors() {
        return Err(format!(
            "{} does not check, so it cannot be compared:\n{}",
            path.display(),
            report.render_text()
        ));
    }
    Ok(report.model)
}

/// The spec text `import --update` would write for `path`, loaded and checked.
fn check_text(path: &Path, text: &str) -> crate::lint::Report {
    let mut loaded = crate::load::Loaded::default();
    let name = format!("{} (as `import --update` would write it)", path.display());
    crate::load::load_bytes(&name, text.as_bytes(), &mut loaded);
    crate::lint::finish(loaded)
}

/// The model of a spec text, or the lines of its errors.
fn load_lines(path: &Path, text: &str) -> Result<Model, Vec<u32>> {
    let report = check_text(path, text);
    if report.has_errors() {
        return Err(report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.line.unwrap_or(0))
            .collect());
    }
    Ok(report.model)
}

/// The operations of a spec text (as `yaml::write` writes it: `operations:` at the top level,
/// each operation starting `  - name: …`) that hold these lines (1-based).
fn operations_at(text: &str, lines: &[u32]) -> Vec<String> {
    let mut starts: Vec<(u32, String)> = Vec::new();
    let mut in_operations = false;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with(' ') && !line.starts_with('-') && !line.is_empty() {
            if in_operations {
                // The section ends: what follows is no operation's (an empty name).
                starts.push((i as u32 + 1, String::new()));
            }
            in_operations = line.starts_with("operations:");
        } else if in_operations && let Some(name) = line.strip_prefix("  - name: ") {
            let name = name.trim().trim_matches(|c| c == '"' || c == '\'');
            starts.push((i as u32 + 1, name.to_string()));
        }
    }
    let mut names: Vec<String> = Vec::new();
    for &line in lines {
        let at = starts.partition_point(|(start, _)| *start <= line);
        if at > 0 && !starts[at - 1].1.is_empty() && !names.contains(&starts[at - 1].1) {
            names.push(starts[at - 1].1.clone());
        }
    }
    names
}

/// Puts `from`'s operation `name` in place of `doc`'s.
fn replace_operation(doc: &mut Value, from: &Value, name: &str) {
    let named = |o: &Value| o.get("name").and_then(Value::as_str) == Some(name);
    let Some(replacement) = from
        .get("operations")
        .and_then(Value::as_array)
        .and_then(|ops| ops.iter().find(|o| named(o)))
        .cloned()
    else {
        return;
    };
    if let Some(slot) = doc
        .get_mut("operations")
        .and_then(Value::as_array_mut)
        .and_then(|ops| ops.iter_mut().find(|o| named(o)))
    {
        *slot = replacement;
    }
}

/// The diff, located in the spec file: an element the metadata adds is placed at the
/// operation (or service) it would join.
fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut changes = crate::diff::diff(old, new);
    for c in &mut changes {
        if c.old.is_none() {
            c.old = parent(old, c);
        }
        c.new = None;
    }
    changes
}

fn parent(old: &Model, c: &Change) -> Option<SourceLoc> {
    let service = old
        .services
        .iter()
        .find(|s| crate::diff::service_label(s) == c.service)?;
    match &c.operation {
        Some(op) => service
            .operations
            .iter()
            .find(|o| &o.name == op)
            .map(|o| o.loc.clone())
            .or_else(|| Some(service.loc.clone())),
        None => Some(service.loc.clone()),
    }
}

/// Runs `cloudspec drift` and returns the exit code.
pub fn run(args: DriftArgs) -> ExitCode {
    let specs = args.specs.clone().unwrap_or_else(|| PathBuf::from("specs"));
    let d = match drift(
        &args.metadata,
        &specs,
        &args.operations,
        args.new_operations,
    ) {
        Ok(d) => d,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let color = false;
    match args.format {
        DiffFormat::Text => out!("{}", d.report.render_text(color)),
        DiffFormat::Markdown => out!("{}", d.report.render_markdown()),
        DiffFormat::Json => out!("{}", d.report.render_json()),
        DiffFormat::Github => out!("{}", d.report.render_github()),
        DiffFormat::Sarif => out!("{}", d.report.render_sarif()),
    }
    for line in &d.disagreements {
        errln!("warning: sources disagree: {line}");
    }
    if !d.explained.is_empty() {
        if args.explained {
            let listed = Report {
                old: d.report.old.clone(),
                new: d.report.new.clone(),
                changes: d.explained.clone(),
            };
            errln!("differences the specs record as deliberate:");
            errout!("{}", listed.render_text(false));
        } else {
            errln!(
                "note: {} difference{} recorded as deliberate in provenance (--explained lists them)",
                d.explained.len(),
                if d.explained.len() == 1 { "" } else { "s" }
            );
        }
    }
    match args.fail_on {
        Some(on) if d.report.fails(on) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::{operations_at, replace_operation};
    use serde_json::json;

    #[test]
    fn error_lines_are_traced_to_their_operations() {
        let text = "service:\n  name: x\noperations:\n  - name: A\n    summary: a\n  - name: \"B\"\n    summary: b\ntypes:\n  - name: T\n";
        // Line 5 is A's, 7 is B's, 2 the service's and 9 a type's: no operation.
        assert_eq!(operations_at(text, &[5, 7, 5]), ["A", "B"]);
        assert!(operations_at(text, &[2, 9, 0]).is_empty());
    }

    #[test]
    fn an_operation_is_replaced_by_name() {
        let mut doc = json!({"operations": [{"name": "A", "x": 1}, {"name": "B", "x": 2}]});
        let from = json!({"operations": [{"name": "B", "x": 3}]});
        replace_operation(&mut doc, &from, "B");
        replace_operation(&mut doc, &from, "A");
        assert_eq!(
            doc,
            json!({"operations": [{"name": "A", "x": 1}, {"name": "B", "x": 3}]})
        );
    }
}

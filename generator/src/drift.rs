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
    let view = |respect: bool| -> Result<Model, String> {
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
        let text = yaml::write("", &doc).map_err(|e| format!("{}: {e}", path.display()))?;
        load(path, Some(text))
    };
    let findings = diff(&old, &view(true)?);
    // What the explanations hide: the view that ignores them may not check (a curated type
    // a paginator relies on, say); then there is nothing to list, which is no error.
    let explained = match view(false) {
        Ok(all) => diff(&old, &all)
            .into_iter()
            .filter(|c| !findings.iter().any(|f| f.id == c.id && f.path == c.path))
            .collect(),
        Err(_) => Vec::new(),
    };
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
        Some(text) => {
            let mut loaded = crate::load::Loaded::default();
            let name = format!("{} (as `import --update` would write it)", path.display());
            crate::load::load_bytes(&name, text.as_bytes(), &mut loaded);
            crate::lint::finish(loaded)
        }
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

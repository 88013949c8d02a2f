//! `cloudspec lint`: load and check specs, report every problem.

use std::path::PathBuf;

use serde::Serialize;

use crate::check;
use crate::diag::{self, Diagnostic, Sources};
use crate::load;
use crate::model::Model;
use crate::text::{github_data, github_property};

/// Every check `lint` runs, loader first: `(id, warning?, what it enforces)`.
pub fn checks() -> Vec<(&'static str, bool, &'static str)> {
    load::LOAD_CHECKS
        .iter()
        .copied()
        .chain(
            check::CHECKS
                .iter()
                .map(|(id, what)| match what.strip_suffix(" (warning)") {
                    Some(what) => (*id, true, what),
                    None => (*id, false, *what),
                }),
        )
        .collect()
}

/// Every problem `lint` can report, loader first: id, severity, what it enforces; as text
/// (aligned columns) or JSON (`[{"id", "severity", "enforces"}]`).
pub fn list_checks(json: bool) -> String {
    let rows: Vec<(&str, &str, &str)> = checks()
        .into_iter()
        .map(|(id, warning, what)| (id, if warning { "warning" } else { "error" }, what))
        .collect();
    if json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, severity, what)| {
                serde_json::json!({"id": id, "severity": severity, "enforces": what})
            })
            .collect();
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    }
    let width = rows.iter().map(|(id, ..)| id.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(id, severity, what)| format!("{id:width$}  {severity:7}  {what}\n"))
        .collect()
}

/// The outcome of loading and checking a set of spec paths.
#[derive(Debug)]
pub struct Report {
    /// The checked model (services with errors are left out).
    pub model: Model,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The source texts, for rendering.
    pub sources: Sources,
}

impl Report {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Diagnostics in the rustc style, then a one-line summary of what was checked.
    pub fn render_text(&self) -> String {
        let mut out = if self.diagnostics.is_empty() {
            String::new()
        } else {
            self.sources.render(&self.diagnostics)
        };
        let ops: usize = self.model.services.iter().map(|s| s.operations.len()).sum();
        let names: Vec<String> = self
            .model
            .operations()
            .map(|(s, o)| format!("{}/{}", s.product, o.name))
            .collect();
        out.push_str(&format!(
            "checked {} service{}, {} operation{}{}\n",
            self.model.services.len(),
            if self.model.services.len() == 1 {
                ""
            } else {
                "s"
            },
            ops,
            if ops == 1 { "" } else { "s" },
            if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            }
        ));
        out
    }

    /// The diagnostics as JSON, format [`JSON_VERSION`]:
    /// `{"version", "diagnostics": [...], "errors", "warnings", "operations"}`; each diagnostic
    /// has its start and end (`region`, absent for whole-file problems) and each related place
    /// its file.
    pub fn render_json(&self) -> String {
        #[derive(Serialize)]
        struct RelatedOut<'a> {
            file: &'a str,
            line: u32,
            column: u32,
            region: Option<diag::Region>,
            label: &'a str,
        }
        #[derive(Serialize)]
        struct DiagnosticOut<'a> {
            #[serde(flatten)]
            diagnostic: &'a Diagnostic,
            /// `position` when the problem has a place in the file, `file` when it is about the
            /// whole file (`io-error`, `empty-file`: `line`, `column` and `region` are null).
            scope: &'static str,
            region: Option<diag::Region>,
            related: Vec<RelatedOut<'a>>,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            version: u32,
            diagnostics: Vec<DiagnosticOut<'a>>,
            errors: usize,
            warnings: usize,
            operations: Vec<String>,
        }
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| DiagnosticOut {
                diagnostic: d,
                scope: if d.line.is_some() { "position" } else { "file" },
                region: self.sources.region(d),
                related: d
                    .related
                    .iter()
                    .map(|r| RelatedOut {
                        file: &d.file,
                        line: r.line,
                        column: r.column,
                        region: self.sources.related_region(&d.file, r),
                        label: &r.label,
                    })
                    .collect(),
            })
            .collect();
        let out = Out {
            version: JSON_VERSION,
            diagnostics,
            errors,
            warnings: self.diagnostics.len() - errors,
            operations: self
                .model
                .operations()
                .map(|(s, o)| format!("{}/{}", s.product, o.name))
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A SARIF 2.1.0 log (code scanning): every check a rule, every diagnostic a result.
    pub fn render_sarif(&self) -> String {
        crate::sarif::lint_log(&self.diagnostics, &self.sources)
    }

    /// GitHub Actions workflow commands, one `::error`/`::warning` per diagnostic, with file,
    /// start and end position and the check id as title; the help line is part of the message.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let level = if d.is_error() { "error" } else { "warning" };
            let mut props = vec![format!("file={}", github_property(&d.file))];
            if let Some(r) = self.sources.region(d) {
                props.push(format!("line={}", r.start_line));
                props.push(format!("col={}", r.start_column));
                props.push(format!("endLine={}", r.end_line));
                props.push(format!("endColumn={}", r.end_column));
            }
            props.push(format!("title={}", github_property(d.code)));
            let mut message = d.message.clone();
            if !d.label.is_empty() {
                message.push_str(&format!(" ({})", d.label));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{level} {}::{}\n",
                props.join(","),
                github_data(&message)
            ));
        }
        out
    }
}

/// Drops citations of a constraint whose entry the loader set aside (`maxLenght`, or
/// `maxLength: -128`): the parameter no longer has the constraint only because of the entry's
/// own error, which says it all. (The loader drops "missing required key" cascades itself.)
fn drop_cascades(diagnostics: &mut Vec<Diagnostic>, set_aside: &[(String, String)]) {
    if set_aside.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        d.code != "citation-unknown-constraint"
            || !set_aside
                .iter()
                .any(|(file, key)| *file == d.file && d.message.contains(&format!("`{key}`")))
    });
}

/// The version of `lint --format json`'s layout; it changes when a key is removed or changes
/// meaning (added keys keep it).
pub const JSON_VERSION: u32 = 2;

/// Loads and checks everything under `paths`.
pub fn run(paths: &[PathBuf]) -> Report {
    finish(load::load_paths(paths))
}

/// Checks what was loaded.
pub fn finish(loaded: load::Loaded) -> Report {
    finish_with(loaded, check::Warnings::Report)
}

/// Checks what was loaded; with [`check::Warnings::Skip`] the report holds errors only (what
/// `generate` needs), and no warning is built.
pub fn finish_with(loaded: load::Loaded, warnings: check::Warnings) -> Report {
    let mut checked = check::check_with(&loaded.specs, warnings);
    // A file whose loading stepped over errors (an unknown key set aside) was checked, so its
    // other problems are reported too, but its services stay out of the model like any
    // service with errors.
    let failed_files: std::collections::BTreeSet<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    checked
        .model
        .services
        .retain(|s| !failed_files.contains(s.loc.file.as_str()));
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(checked.diagnostics);
    drop_cascades(&mut diagnostics, &loaded.set_aside);
    diag::sort(&mut diagnostics);
    Report {
        model: checked.model,
        diagnostics,
        sources: loaded.sources,
    }
}

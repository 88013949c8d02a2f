//! `cloudspec lint`: load and check specs, report every problem.

use std::path::PathBuf;

use serde::Serialize;

use crate::check;
use crate::diag::{self, Diagnostic, Sources};
use crate::load;
use crate::model::Model;

/// Every problem `lint` can report, loader first: id, severity, what it enforces; as text
/// (aligned columns) or JSON (`[{"id", "severity", "enforces"}]`).
pub fn list_checks(json: bool) -> String {
    let rows: Vec<(&str, &str, &str)> = load::LOAD_CHECKS
        .iter()
        .map(|(id, warning, what)| (*id, if *warning { "warning" } else { "error" }, *what))
        .chain(
            check::CHECKS
                .iter()
                .map(|(id, what)| match what.strip_suffix(" (warning)") {
                    Some(what) => (*id, "warning", what),
                    None => (*id, "error", *what),
                }),
        )
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

    /// The diagnostics as JSON (`{"diagnostics": [...], "errors": n, "warnings": n}`).
    pub fn render_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            diagnostics: &'a [Diagnostic],
            errors: usize,
            warnings: usize,
            operations: Vec<String>,
        }
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let out = Out {
            diagnostics: &self.diagnostics,
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
}

/// Loads and checks everything under `paths`.
pub fn run(paths: &[PathBuf]) -> Report {
    finish(load::load_paths(paths))
}

/// Checks what was loaded.
pub fn finish(loaded: load::Loaded) -> Report {
    let checked = check::check(&loaded.specs);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(checked.diagnostics);
    diag::sort(&mut diagnostics);
    Report {
        model: checked.model,
        diagnostics,
        sources: loaded.sources,
    }
}

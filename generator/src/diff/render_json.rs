//! `--format json`: the report as a versioned JSON document.
//!
//! ```json
//! {
//!   "version": 1,
//!   "old": "origin/main:specs",
//!   "new": "specs",
//!   "summary": {"total": 1, "breaking": 1, "potentially_breaking": 0, "non_breaking": 0, "docs_only": 0},
//!   "changes": [{
//!     "id": "request-parameter-required-added",
//!     "severity": "breaking",
//!     "service": "tencent/cvm/2017-03-12",
//!     "operation": "CreateImage",
//!     "path": "request.ImageFamily",
//!     "message": "request parameter `ImageFamily` became required",
//!     "effect": "setter `image_family` of `CreateImageRequestBuilder` becomes required: …",
//!     "old": {"file": "origin/main:specs/tencent/cvm/2017-03-12.yaml", "line": 590, "column": 15},
//!     "new": {"file": "specs/tencent/cvm/2017-03-12.yaml", "line": 590, "column": 15}
//!   }]
//! }
//! ```
//!
//! `version` changes only when a field is removed or changes meaning; new fields may appear in
//! any version. Text fields (`message`, `effect`) are markdown: code is in backticks.

use serde::Serialize;

use super::{Change, Report, Severity};

/// The version of the JSON document's shape.
pub const JSON_VERSION: u32 = 1;

/// The JSON document of `cloudspec diff --format json`.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// The shape's version ([`JSON_VERSION`]).
    pub version: u32,
    /// The old side, as named on the command line.
    pub old: &'a str,
    /// The new side.
    pub new: &'a str,
    /// Counts per severity.
    pub summary: JsonSummary,
    /// Every change, worst first, then in spec order.
    pub changes: &'a [JsonChange],
}

/// One change in the JSON document: [`Change`], field for field.
pub type JsonChange = Change;

/// Counts per severity.
#[derive(Debug, Serialize)]
pub struct JsonSummary {
    /// All changes.
    pub total: usize,
    /// `breaking` changes.
    pub breaking: usize,
    /// `potentially-breaking` changes.
    pub potentially_breaking: usize,
    /// `non-breaking` changes.
    pub non_breaking: usize,
    /// `docs-only` changes.
    pub docs_only: usize,
}

pub(super) fn render(report: &Report) -> String {
    let doc = JsonReport {
        version: JSON_VERSION,
        old: &report.old,
        new: &report.new,
        summary: JsonSummary {
            total: report.changes.len(),
            breaking: report.count(Severity::Breaking),
            potentially_breaking: report.count(Severity::PotentiallyBreaking),
            non_breaking: report.count(Severity::NonBreaking),
            docs_only: report.count(Severity::DocsOnly),
        },
        changes: &report.changes,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

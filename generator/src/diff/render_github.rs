//! `cloudspec diff --format github`: one GitHub Actions workflow command per change, at the
//! change's place in the new spec (or the old one, for a removal): `::error` for breaking
//! changes, `::warning` for potentially breaking ones, `::notice` for the rest.

use super::{Report, Severity};
use crate::text::{github_data as data, github_property as property};

/// The workflow commands of `report`, one line each.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.changes {
        let level = match c.severity {
            Severity::Breaking => "error",
            Severity::PotentiallyBreaking => "warning",
            _ => "notice",
        };
        let mut props = Vec::new();
        if let Some(at) = c.new.as_ref().or(c.old.as_ref()) {
            props.push(format!("file={}", property(&at.file)));
            props.push(format!("line={}", at.line));
            props.push(format!("col={}", at.column));
        }
        props.push(format!(
            "title={}",
            property(&format!("{} ({})", c.id, c.severity.words()))
        ));
        let message = format!("{}\n{}", c.message, c.effect);
        out.push_str(&format!(
            "::{level} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

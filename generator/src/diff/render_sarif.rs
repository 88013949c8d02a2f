//! `cloudspec diff --format sarif`: every diff rule a SARIF rule, every change a result at its
//! place in the new spec (or the old one, for a removal): `error` for breaking changes,
//! `warning` for potentially breaking ones, `note` for the rest.

use super::{Report, Severity, rules::RULES};
use crate::diag;
use crate::sarif::{Finding, Level, Rule, log};

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Breaking => Level::Error,
        Severity::PotentiallyBreaking => Level::Warning,
        _ => Level::Note,
    }
}

/// The SARIF log of `report`.
pub fn render(report: &Report) -> String {
    let rules: Vec<Rule<'_>> = RULES
        .iter()
        .map(|r| Rule {
            id: r.id,
            level: level(r.severity),
            summary: r.summary,
        })
        .collect();
    let findings: Vec<Finding<'_>> = report
        .changes
        .iter()
        .map(|c| {
            let at = c.new.as_ref().or(c.old.as_ref());
            Finding {
                rule: c.id,
                level: level(c.severity),
                message: format!("{}\n{}", c.message, c.effect),
                file: at.map(|a| a.file.as_str()),
                region: at.map(|a| diag::Region {
                    start_line: a.line,
                    start_column: a.column,
                    end_line: a.line,
                    end_column: a.column.saturating_add(1),
                }),
                related: Vec::new(),
            }
        })
        .collect();
    log(&rules, &findings)
}

//! SARIF 2.1.0 logs (`--format sarif`) for code-scanning tools: `lint`'s diagnostics and
//! `diff`'s changes as results of one run, with the tool's rules (every check, or every diff
//! rule) and each result's rule, level, message and location. Built with `serde-sarif`'s
//! types, which are generated from the OASIS schema.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use crate::diag::{self, Diagnostic, Sources};

/// The tool's name in every log.
const TOOL: &str = "cloudspec";

/// How bad a rule's results are, as SARIF names the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `error`.
    Error,
    /// `warning`.
    Warning,
    /// `note`.
    Note,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }

    fn sarif(self) -> ResultLevel {
        match self {
            Level::Error => ResultLevel::Error,
            Level::Warning => ResultLevel::Warning,
            Level::Note => ResultLevel::Note,
        }
    }

    /// `Error` for an error, `Warning` for a warning.
    fn of(d: &Diagnostic) -> Level {
        if d.is_error() {
            Level::Error
        } else {
            Level::Warning
        }
    }
}

/// One rule of the run: its id, its default level and what it enforces or reports.
pub struct Rule<'a> {
    /// The check or diff rule id.
    pub id: &'a str,
    /// `error`, `warning` or `note`.
    pub level: Level,
    /// One line.
    pub summary: &'a str,
}

/// One result: its rule, level, message and where (a file with an optional region).
pub struct Finding<'a> {
    /// The rule id (one of the run's rules).
    pub rule: &'a str,
    /// How bad.
    pub level: Level,
    /// What is wrong or what changed (and what it does).
    pub message: String,
    /// The file, when known.
    pub file: Option<&'a str>,
    /// Where in the file, when known.
    pub region: Option<diag::Region>,
    /// Other places involved, each with its file and region.
    pub related: Vec<(&'a str, Option<diag::Region>, &'a str)>,
}

/// The SARIF log of one run, as pretty JSON with a trailing newline.
pub fn log(rules: &[Rule<'_>], findings: &[Finding<'_>]) -> String {
    let descriptors: Vec<ReportingDescriptor> = rules
        .iter()
        .map(|r| {
            ReportingDescriptor::builder()
                .id(r.id)
                .short_description(MultiformatMessageString::builder().text(r.summary).build())
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::json!(r.level.name()))
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<SarifResult> = findings
        .iter()
        .map(|f| {
            let mut result = SarifResult::builder()
                .rule_id(f.rule)
                .level(f.level.sarif())
                .message(Message::builder().text(f.message.clone()).build())
                .build();
            if let Some(index) = rules.iter().position(|r| r.id == f.rule) {
                result.rule_index = i64::try_from(index).ok();
            }
            if let Some(file) = f.file {
                result.locations = Some(vec![location(file, f.region, None)]);
            }
            if !f.related.is_empty() {
                result.related_locations = Some(
                    f.related
                        .iter()
                        .map(|(file, region, label)| location(file, *region, Some(label)))
                        .collect(),
                );
            }
            result
        })
        .collect();
    let tool = Tool::builder()
        .driver(
            ToolComponent::builder()
                .name(TOOL)
                .version(env!("CARGO_PKG_VERSION"))
                .rules(descriptors)
                .build(),
        )
        .build();
    let run = Run::builder().tool(tool).results(results).build();
    let sarif = Sarif::builder()
        .schema(serde_sarif::sarif::SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

fn location(file: &str, region: Option<diag::Region>, label: Option<&str>) -> Location {
    let artifact = ArtifactLocation::builder().uri(file.to_string()).build();
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact)
        .build();
    if let Some(r) = region {
        physical.region = Some(
            Region::builder()
                .start_line(i64::from(r.start_line))
                .start_column(i64::from(r.start_column))
                .end_line(i64::from(r.end_line))
                .end_column(i64::from(r.end_column))
                .build(),
        );
    }
    let mut location = Location::builder().physical_location(physical).build();
    if let Some(label) = label.filter(|l| !l.is_empty()) {
        location.message = Some(Message::builder().text(label.to_string()).build());
    }
    location
}

/// `lint`'s report as a SARIF log: every check as a rule, every diagnostic as a result.
pub fn lint_log(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let checks = crate::lint::checks();
    let rules: Vec<Rule<'_>> = checks
        .iter()
        .map(|(id, warning, what)| Rule {
            id,
            level: if *warning {
                Level::Warning
            } else {
                Level::Error
            },
            summary: what,
        })
        .collect();
    let findings: Vec<Finding<'_>> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            Finding {
                rule: d.code,
                level: Level::of(d),
                message,
                file: Some(&d.file),
                region: sources.region(d),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        (
                            d.file.as_str(),
                            sources.related_region(&d.file, r),
                            r.label.as_str(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    log(&rules, &findings)
}

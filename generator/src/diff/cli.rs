//! The `cloudspec diff` command line.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::rules::RULES;
use super::source::{self, SideError};
use super::{FailOn, Report, Severity, code};

/// Exit code for bad input (a missing path, an unknown revision, specs with errors).
pub const EXIT_BAD_INPUT: u8 = 2;

/// Arguments of `cloudspec diff`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Each side is a spec file, a directory of specs, a git revision (its `specs/`, or the same path \
as the other side), or REV:PATH. Git revisions are read with `git ls-tree` and `git cat-file`; \
the work tree is never touched.

Examples:
  cloudspec diff --base origin/main                      # specs/ at origin/main vs the work tree
  cloudspec diff --base origin/main --format markdown    # a pull-request comment
  cloudspec diff old/cvm.yaml specs/tencent/cvm/2017-03-12.yaml
  cloudspec diff HEAD~1 HEAD --fail-on breaking

Exit status: 0 (also with changes, unless --fail-on), 1 when --fail-on matched, 2 on bad input.")]
pub struct DiffArgs {
    /// The old side (with --base: the new side).
    #[arg(value_name = "OLD")]
    pub old: Option<String>,
    /// The new side.
    #[arg(value_name = "NEW")]
    pub new: Option<String>,
    /// Compare NEW (default `specs`) with the same path at this git revision.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when a change at or above this severity exists (default: exit 0 whatever changed).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// List every rule (id, severity, summary) and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Output formats of `cloudspec diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people (colour on a terminal).
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For tools (versioned; see the README).
    Json,
    /// GitHub Actions workflow annotations (`::error` for breaking changes).
    Github,
    /// A SARIF 2.1.0 log for code scanning.
    Sarif,
}

/// Whether to colour standard output: a terminal, and `NO_COLOR` unset or empty.
fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The rule list in a format.
pub fn list_rules(format: DiffFormat) -> String {
    #[derive(Serialize)]
    struct Row {
        id: &'static str,
        severity: Severity,
        summary: &'static str,
    }
    match format {
        // Annotations are for changes; the rule list is text there.
        DiffFormat::Text | DiffFormat::Github | DiffFormat::Sarif => {
            let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            RULES
                .iter()
                .map(|r| format!("{:width$}  {:20}  {}\n", r.id, r.severity.id(), r.summary))
                .collect()
        }
        DiffFormat::Markdown => {
            let mut out = String::from("| rule | severity | reports |\n|---|---|---|\n");
            for r in RULES {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    code(r.id),
                    r.severity.id(),
                    r.summary.replace('|', "\\|")
                ));
            }
            out
        }
        DiffFormat::Json => {
            let rows: Vec<Row> = RULES
                .iter()
                .map(|r| Row {
                    id: r.id,
                    severity: r.severity,
                    summary: r.summary,
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

/// Loads both sides and compares them.
pub fn compare(args: &DiffArgs) -> Result<Report, SideError> {
    let (old, new) = source::resolve(
        args.old.as_deref(),
        args.new.as_deref(),
        args.base.as_deref(),
    )?;
    let old = source::load_side("OLD", &old)?;
    let new = source::load_side("NEW", &new)?;
    for (side, counts_as) in [(&old, "added"), (&new, "removed")] {
        if side.files == 0 {
            errln!(
                "note: `{}` has no spec files: every service on the other side counts as {counts_as}",
                side.label
            );
        }
    }
    Ok(Report::new(&old.label, &new.label, &old.model, &new.model))
}

/// Runs `cloudspec diff` and returns the exit code.
pub fn run(args: DiffArgs) -> ExitCode {
    if args.list_rules {
        out!("{}", list_rules(args.format));
        return ExitCode::SUCCESS;
    }
    let report = match compare(&args) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    match args.format {
        DiffFormat::Text => out!("{}", report.render_text(color())),
        DiffFormat::Markdown => out!("{}", report.render_markdown()),
        DiffFormat::Json => out!("{}", report.render_json()),
        DiffFormat::Github => out!("{}", report.render_github()),
        DiffFormat::Sarif => out!("{}", report.render_sarif()),
    }
    match args.fail_on {
        Some(on) if report.fails(on) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

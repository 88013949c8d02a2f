//! The command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// cloudspec: keep Rust clients for cloud APIs correct.
#[derive(Debug, Parser)]
#[command(name = "cloudspec", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check spec files; print every problem.
    Lint {
        /// Spec files or directories (default: specs/).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the JSON Schema of the spec format.
    Schema,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { paths, format } => {
            let paths = if paths.is_empty() { vec![PathBuf::from("specs")] } else { paths };
            let report = crate::lint::run(&paths);
            match format {
                Format::Text => print!("{}", report.render_text()),
                Format::Json => print!("{}", report.render_json()),
            }
            if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Schema => {
            print!("{}", crate::spec::json_schema());
            ExitCode::SUCCESS
        }
    }
}
